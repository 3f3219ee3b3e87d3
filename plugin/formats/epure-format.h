/* epure-format.h: reading documents into text, writing text out.
 *
 * Import any supported file into an EpureImport:
 *
 *   import = epure_import_file (file, NULL, max_size, cancellable, &error);
 *   text = epure_import_get_text (import);           // UTF-8, "\n" line ends
 *   structure = epure_import_get_structure (import); // headings, lists, bold…
 *   format = epure_import_get_format (import);       // "docx"
 *   encoding = epure_import_get_encoding (import);   // "WINDOWS-1252"
 *
 * Check and fix the text, carry the structure through the fixes, and write
 * any format atomically (temporary file renamed over the target):
 *
 *   new_text = epure_edits_apply (old, len, edits, &new_len, &error);
 *   new_structure = epure_structure_remap (structure, edits);
 *   EpureExportOptions options = {
 *     .newline = epure_import_get_newline (import),
 *     .structure = new_structure,
 *   };
 *   epure_export_file (new_text, new_len, out_file, NULL, &options, NULL, &error);
 *
 * Formats are ids: "txt", "md", "html", "odt", "docx" (import and export)
 * and "pdf" (export only); epure_format_from_filename() maps extensions.
 * In the text of a structured document (.html, .odt, .docx) blocks are
 * separated by a blank line; a single "\n" is a line break.  A plain text
 * has an empty structure: its blank-line separated blocks are paragraphs.
 *
 * Readers never load network resources nor expand XML entities; they
 * refuse corrupt or truncated containers, zip bombs (uncompressed size
 * over the size limit, or compression ratio over EPURE_MAX_ZIP_RATIO) and
 * wrong or missing parts with an EPURE_FORMAT_ERROR.  Binary files and
 * undecodable text give an EPURE_DOCUMENT_ERROR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "epure.h"
#include "epure-structure.h"

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

/* Largest uncompressed/compressed ratio of a zip entry over 1 MiB. */
#define EPURE_MAX_ZIP_RATIO 200

GQuark      epure_format_error_quark     (void);
const char *epure_format_from_filename   (const char *filename);
gboolean    epure_format_can_import      (const char *format);
gboolean    epure_format_can_export      (const char *format);
const char * const *
            epure_format_list            (gboolean    exportable);
const char *epure_format_get_name        (const char *format);
const char *epure_format_get_extension   (const char *format);
EpureTextSyntax
            epure_format_get_syntax      (const char *format);
const char *epure_format_get_mime_type   (const char *format);
const char * const *
            epure_format_get_extensions  (const char *format);

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
EpureImport  *epure_import_bytes_full        (GBytes        *bytes,
                                              const char    *format,
                                              goffset        max_size,
                                              GError       **error);
void          epure_import_file_async        (GFile         *file,
                                              const char    *format,
                                              goffset        max_size,
                                              GCancellable  *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer       user_data);
EpureImport  *epure_import_file_finish       (GAsyncResult  *result,
                                              GError       **error);
EpureStructure *
              epure_import_get_structure     (EpureImport   *self);
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
  EpureStructure *structure; /* NULL: paragraphs from blank lines */
} EpureExportOptions;

/* encoding, newline and bom apply to .txt and .md; other formats are
 * always UTF-8. */
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

/* The same in a worker thread, for long documents (PDF of 300 pages):
 * @text is copied and @options (with its structure) kept until done. */
void          epure_export_file_async        (const char                *text,
                                              gssize                     len,
                                              GFile                     *file,
                                              const char                *format,
                                              const EpureExportOptions  *options,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data);
gboolean      epure_export_file_finish       (GAsyncResult              *result,
                                              GError                   **error);

G_END_DECLS
