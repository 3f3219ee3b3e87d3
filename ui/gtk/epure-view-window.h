/* epure-view-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EPURE_TYPE_VIEW_WINDOW (epure_view_window_get_type ())

G_DECLARE_FINAL_TYPE (EpureViewWindow, epure_view_window, EPURE, VIEW_WINDOW, GObject)

EpureViewWindow *epure_view_window_new         (void);
void             epure_view_window_set_view    (EpureViewWindow *self,
                                                GtkTextView     *view);
gboolean         epure_view_window_get_range   (EpureViewWindow *self,
                                                GtkTextBuffer   *buffer,
                                                gint64          *start,
                                                gint64          *end);
void             epure_view_window_queue_moved (EpureViewWindow *self);
void             epure_view_window_split_move  (gint64           old_start,
                                                gint64           old_end,
                                                gint64           start,
                                                gint64           end,
                                                gint64           ranges[8]);

G_END_DECLS
