/* epure-error.h: error domains of the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define EPURE_DOCUMENT_ERROR (epure_document_error_quark ())
#define EPURE_CHECKER_ERROR  (epure_checker_error_quark ())
#define EPURE_PIPELINE_ERROR (epure_pipeline_error_quark ())
#define EPURE_PLUGIN_ERROR   (epure_plugin_error_quark ())

typedef enum
{
  EPURE_DOCUMENT_ERROR_INVALID_UTF8,
  EPURE_DOCUMENT_ERROR_BINARY,
  EPURE_DOCUMENT_ERROR_TOO_LARGE,
  EPURE_DOCUMENT_ERROR_UNKNOWN_ENCODING,
} EpureDocumentError;

typedef enum
{
  /* A resource the checker needs is missing (a dictionary, a lexicon). */
  EPURE_CHECKER_ERROR_UNAVAILABLE,
  EPURE_CHECKER_ERROR_INVALID_OPTION,
  EPURE_CHECKER_ERROR_FAILED,
} EpureCheckerError;

typedef enum
{
  EPURE_PIPELINE_ERROR_OVERLAP,
  EPURE_PIPELINE_ERROR_OUT_OF_RANGE,
} EpurePipelineError;

typedef enum
{
  EPURE_PLUGIN_ERROR_NOT_FOUND,
  EPURE_PLUGIN_ERROR_LOAD_FAILED,
  EPURE_PLUGIN_ERROR_NOT_A_CHECKER,
} EpurePluginError;

const char *epure_io_error_reason (const GError *error,
                                   gboolean      writing);

GQuark epure_document_error_quark (void);
GQuark epure_checker_error_quark  (void);
GQuark epure_pipeline_error_quark (void);
GQuark epure_plugin_error_quark   (void);

G_END_DECLS
