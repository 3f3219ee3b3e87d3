/* epure-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-error.h"

G_DEFINE_QUARK (epure-document-error-quark, epure_document_error)
G_DEFINE_QUARK (epure-checker-error-quark, epure_checker_error)
G_DEFINE_QUARK (epure-pipeline-error-quark, epure_pipeline_error)
G_DEFINE_QUARK (epure-plugin-error-quark, epure_plugin_error)
