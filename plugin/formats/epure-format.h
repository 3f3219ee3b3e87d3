/* epure-format.h: reading documents into text, writing text out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "epure.h"

G_BEGIN_DECLS

#define EPURE_FORMAT_ERROR (epure_format_error_quark ())

typedef enum
{
  EPURE_FORMAT_ERROR_UNSUPPORTED,   /* unknown extension or format */
  EPURE_FORMAT_ERROR_CORRUPT,       /* truncated, malformed, missing parts */
  EPURE_FORMAT_ERROR_TOO_LARGE,     /* over the size limit, or a zip bomb */
  EPURE_FORMAT_ERROR_UNSAFE,        /* external entities, entity expansion */
} EpureFormatError;

typedef enum
{
  EPURE_NEWLINE_LF,
  EPURE_NEWLINE_CRLF,
  EPURE_NEWLINE_CR,
} EpureNewline;

/* Default cap on the size of a file we open (a setting in the app). */
#define EPURE_DEFAULT_MAX_FILE_SIZE ((goffset) 200 * 1024 * 1024)

GQuark      epure_format_error_quark     (void);
const char *epure_format_from_filename   (const char *filename);
gboolean    epure_format_can_import      (const char *format);
gboolean    epure_format_can_export      (const char *format);
const char * const *
            epure_format_list            (gboolean    exportable);
const char *epure_format_get_name        (const char *format);
const char *epure_format_get_extension   (const char *format);
const char *epure_format_get_mime_type   (const char *format);

#define EPURE_TYPE_IMPORT (epure_import_get_type ())

G_DECLARE_FINAL_TYPE (EpureImport, epure_import, EPURE, IMPORT, GObject)

EpureImport  *epure_import_file              (GFile         *file,
                                              const char    *format,
                                              goffset        max_size,
                                              GCancellable  *cancellable,
                                              GError       **error);
EpureImport  *epure_import_bytes             (GBytes        *bytes,
                                              const char    *format,
                                              GError       **error);
EpureText    *epure_import_get_text          (EpureImport   *self);
const char   *epure_import_get_format        (EpureImport   *self);
const char   *epure_import_get_encoding      (EpureImport   *self);
gboolean      epure_import_get_encoding_guessed (EpureImport *self);
gboolean      epure_import_get_bom           (EpureImport   *self);
EpureNewline  epure_import_get_newline       (EpureImport   *self);

typedef struct
{
  const char   *encoding;  /* NULL: UTF-8 */
  EpureNewline  newline;
  gboolean      bom;
  const char   *title;     /* NULL: none; used by HTML, ODT, DOCX, PDF */
} EpureExportOptions;

GBytes       *epure_export_bytes             (const char                *text,
                                              gssize                     len,
                                              const char                *format,
                                              const EpureExportOptions  *options,
                                              GError                   **error);
gboolean      epure_export_file              (const char                *text,
                                              gssize                     len,
                                              GFile                     *file,
                                              const char                *format,
                                              const EpureExportOptions  *options,
                                              GCancellable              *cancellable,
                                              GError                   **error);

G_END_DECLS
