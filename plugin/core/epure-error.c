/* epure-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "epure-error.h"

G_DEFINE_QUARK (epure-document-error-quark, epure_document_error)
G_DEFINE_QUARK (epure-checker-error-quark, epure_checker_error)
G_DEFINE_QUARK (epure-pipeline-error-quark, epure_pipeline_error)
G_DEFINE_QUARK (epure-plugin-error-quark, epure_plugin_error)

/**
 * epure_io_error_reason:
 * @error: an error of reading or writing a file
 * @writing: whether the file was being written (its folder is then what
 *   is missing or forbidden)
 *
 * GIO's messages repeat the path in a system's words: the common cases
 * said plainly, for the app's dialogs and epure-cli alike.
 *
 * Returns: (transfer none): a translated reason, or @error's own message.
 */
const char *
epure_io_error_reason (const GError *error,
                       gboolean      writing)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* GIO's codes, or GLib's for a temporary file written beside. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return writing ? _("The folder does not exist: it may have been moved, renamed or deleted.")
                   : _("The file does not exist: it may have been moved, renamed or deleted.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM))
    return writing ? _("You are not allowed to write in this folder.")
                   : _("You are not allowed to read this file.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    return _("The disk is full.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
    return _("This is a folder, not a file.");
  return error->message;
}
