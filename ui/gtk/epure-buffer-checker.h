/* epure-buffer-checker.h: checks a text buffer as it is edited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plugin/epure.h"

G_BEGIN_DECLS

#define EPURE_TYPE_BUFFER_CHECKER (epure_buffer_checker_get_type ())

G_DECLARE_FINAL_TYPE (EpureBufferChecker, epure_buffer_checker, EPURE, BUFFER_CHECKER, GObject)

EpureBufferChecker *epure_buffer_checker_new                (GtkTextBuffer      *buffer);
GtkTextBuffer      *epure_buffer_checker_get_buffer         (EpureBufferChecker *self);
EpurePipeline      *epure_buffer_checker_get_pipeline       (EpureBufferChecker *self);
void                epure_buffer_checker_set_pipeline       (EpureBufferChecker *self,
                                                             EpurePipeline      *pipeline);
GListModel         *epure_buffer_checker_get_findings       (EpureBufferChecker *self);
EpureText          *epure_buffer_checker_get_text           (EpureBufferChecker *self);
gboolean            epure_buffer_checker_get_busy           (EpureBufferChecker *self);
void                epure_buffer_checker_queue_check        (EpureBufferChecker *self);
void                epure_buffer_checker_check_now          (EpureBufferChecker *self);
void                epure_buffer_checker_set_paused         (EpureBufferChecker *self,
                                                             gboolean            paused);
void                epure_buffer_checker_resume_with_text   (EpureBufferChecker *self,
                                                             EpureText          *text);
gboolean            epure_buffer_checker_get_bounds         (EpureBufferChecker *self,
                                                             EpureFinding       *finding,
                                                             GtkTextIter        *start,
                                                             GtkTextIter        *end);
GPtrArray          *epure_buffer_checker_get_findings_at    (EpureBufferChecker *self,
                                                             const GtkTextIter  *iter);
gboolean            epure_buffer_checker_apply_edits        (EpureBufferChecker *self,
                                                             EpureText          *text,
                                                             GPtrArray          *edits);
gboolean            epure_buffer_checker_apply_finding      (EpureBufferChecker *self,
                                                             EpureFinding       *finding,
                                                             guint               replacement_index);
void                epure_buffer_checker_dismiss            (EpureBufferChecker *self,
                                                             EpureText          *text,
                                                             EpureFinding       *finding);
gboolean            epure_buffer_checker_is_dismissed       (EpureBufferChecker *self,
                                                             EpureText          *text,
                                                             EpureFinding       *finding);
void                epure_buffer_checker_set_view           (EpureBufferChecker *self,
                                                             GtkTextView        *view);
void                epure_buffer_checker_set_dark           (EpureBufferChecker *self,
                                                             gboolean            dark);
void                epure_buffer_checker_set_skip_checker   (EpureBufferChecker *self,
                                                             const char         *checker_id);

G_END_DECLS
