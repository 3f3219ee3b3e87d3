/* epure-document.h: the text being edited and the file it came from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "plugin/epure.h"
#include "plugin/formats/epure-format.h"

G_BEGIN_DECLS

#define EPURE_TYPE_DOCUMENT (epure_document_get_type ())

G_DECLARE_FINAL_TYPE (EpureDocument, epure_document, EPURE, DOCUMENT, GtkSourceBuffer)

EpureDocument *epure_document_new                  (void);
GFile         *epure_document_get_file             (EpureDocument        *self);
const char    *epure_document_get_format           (EpureDocument        *self);
const char    *epure_document_get_encoding         (EpureDocument        *self);
EpureTextSyntax epure_buffer_get_text_syntax       (GtkTextBuffer        *buffer);
EpureText     *epure_buffer_snapshot               (GtkTextBuffer        *buffer,
                                                    GError              **error);
gboolean       epure_document_get_encoding_guessed (EpureDocument        *self);
EpureNewline   epure_document_get_newline          (EpureDocument        *self);
gboolean       epure_document_get_busy             (EpureDocument        *self);
double         epure_document_get_progress         (EpureDocument        *self);
EpureText     *epure_document_get_loaded_text      (EpureDocument        *self);
gboolean       epure_document_is_plain             (EpureDocument        *self);
char          *epure_document_dup_title            (EpureDocument        *self);
char          *epure_document_dup_text             (EpureDocument        *self);
EpureStructure *epure_document_dup_structure       (EpureDocument        *self,
                                                    const char           *text);
void           epure_document_load_async           (EpureDocument        *self,
                                                    GFile                *file,
                                                    goffset               max_size,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean       epure_document_load_finish          (EpureDocument        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void           epure_document_save_async           (EpureDocument        *self,
                                                    GFile                *file,
                                                    const char           *format,
                                                    gboolean              export_only,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean       epure_document_save_finish          (EpureDocument        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
