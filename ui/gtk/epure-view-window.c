/* epure-view-window.c: the part of a buffer near what a view shows.
 *
 * Tags make GtkTextView lay their lines out again, and GTK 4.8 does that
 * 2000 lines at a time: the spell adapter's underlines and the buffer
 * checker's findings are only put near what the view shows.  This follows
 * the view's scrolling and size and says, once the view has settled in a
 * frame, that the window moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-view-window.h"

/* A screen's worth of lines at most, however tall the view says it is. */
#define MAX_LINES 300

struct _EpureViewWindow
{
  GObject        parent_instance;

  GWeakRef       view;
  GtkAdjustment *vadjustment;
  guint          idle_id;
  guint          tick_id;     /* on the view: look again after a frame */
};

G_DEFINE_FINAL_TYPE (EpureViewWindow, epure_view_window, G_TYPE_OBJECT)

enum {
  MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

EpureViewWindow *
epure_view_window_new (void)
{
  return g_object_new (EPURE_TYPE_VIEW_WINDOW, NULL);
}

static gboolean
moved_idle (gpointer data)
{
  EpureViewWindow *self = data;

  self->idle_id = 0;
  g_signal_emit (self, signals[MOVED], 0);
  return G_SOURCE_REMOVE;
}

/* Adjustments change during the view's allocation, when tags must not:
 * the window moves just after, still before the frame is drawn. */
static void
queue_moved (EpureViewWindow *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, moved_idle, self, NULL);
}

static gboolean
moved_after_frame (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  EpureViewWindow *self = data;

  self->tick_id = 0;
  queue_moved (self);
  return G_SOURCE_REMOVE;
}

/**
 * epure_view_window_queue_moved:
 *
 * For an edit, after which the view may show other lines (a whole new
 * text, say): "moved" is emitted soon, when a view is followed.
 */
void
epure_view_window_queue_moved (EpureViewWindow *self)
{
  g_return_if_fail (EPURE_IS_VIEW_WINDOW (self));

  if (self->vadjustment != NULL)
    queue_moved (self);
}

static void
watch_adjustment (EpureViewWindow *self,
                  GtkAdjustment   *adjustment)
{
  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_clear_object (&self->vadjustment);
    }
  if (adjustment != NULL)
    {
      self->vadjustment = g_object_ref (adjustment);
      g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (queue_moved), self);
      g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (queue_moved), self);
    }
}

static void
on_vadjustment_notify (GtkTextView     *view,
                       GParamSpec      *pspec,
                       EpureViewWindow *self)
{
  watch_adjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
  queue_moved (self);
}

/**
 * epure_view_window_set_view:
 * @view: (nullable): the view to follow
 */
void
epure_view_window_set_view (EpureViewWindow *self,
                            GtkTextView     *view)
{
  g_autoptr(GtkTextView) old = NULL;

  g_return_if_fail (EPURE_IS_VIEW_WINDOW (self));
  g_return_if_fail (view == NULL || GTK_IS_TEXT_VIEW (view));

  old = g_weak_ref_get (&self->view);
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      if (self->tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (old), self->tick_id);
    }
  self->tick_id = 0;
  watch_adjustment (self, NULL);
  g_weak_ref_set (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "notify::vadjustment", G_CALLBACK (on_vadjustment_notify), self, 0);
      watch_adjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
    }
  queue_moved (self);
}

/**
 * epure_view_window_get_range:
 * @start: (out): the first character of the window
 * @end: (out): the character after its last (%G_MAXINT64: the end)
 *
 * The whole lines of @buffer from one screen above what the view shows to
 * one screen below it.
 *
 * Returns: %FALSE, with all of @buffer, when no view shows @buffer.
 */
gboolean
epure_view_window_get_range (EpureViewWindow *self,
                             GtkTextBuffer   *buffer,
                             gint64          *start,
                             gint64          *end)
{
  g_autoptr(GtkTextView) view = NULL;
  GdkRectangle rect;
  GtkTextIter top, s, e;

  g_return_val_if_fail (EPURE_IS_VIEW_WINDOW (self), FALSE);

  view = g_weak_ref_get (&self->view);
  if (view == NULL || gtk_text_view_get_buffer (view) != buffer)
    {
      *start = 0;
      *end = G_MAXINT64;
      return FALSE;
    }

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_line_at_y (view, &top, rect.y, NULL);
  gtk_text_view_get_line_at_y (view, &s, MAX (0, rect.y - rect.height), NULL);
  gtk_text_view_get_line_at_y (view, &e, rect.y + 2 * MAX (rect.height, 1), NULL);
  /* Before the view has laid out its lines GTK may put every y on the
   * last one (seen on a loaded machine, and nothing said the window moved
   * after): at the top of the scroll range, the first lines show (the
   * bound below cuts the window's end).  Look again once a frame is
   * drawn. */
  if (rect.y <= 0 && gtk_text_iter_get_line (&top) > 0)
    {
      gtk_text_buffer_get_start_iter (buffer, &s);
      gtk_text_buffer_get_start_iter (buffer, &top);
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), moved_after_frame, self, NULL);
    }
  /* GTK only guesses the height of lines it has not laid out yet: right
   * after a long text is loaded, "one screen" may reach much further. */
  if (gtk_text_iter_get_line (&top) - gtk_text_iter_get_line (&s) > MAX_LINES)
    gtk_text_buffer_get_iter_at_line (buffer, &s, gtk_text_iter_get_line (&top) - MAX_LINES);
  if (gtk_text_iter_get_line (&e) - gtk_text_iter_get_line (&top) > 2 * MAX_LINES)
    gtk_text_buffer_get_iter_at_line (buffer, &e, gtk_text_iter_get_line (&top) + 2 * MAX_LINES);
  if (!gtk_text_iter_ends_line (&e))
    gtk_text_iter_forward_to_line_end (&e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e) + 1;
  return TRUE;
}

static void
epure_view_window_dispose (GObject *object)
{
  EpureViewWindow *self = EPURE_VIEW_WINDOW (object);

  epure_view_window_set_view (self, NULL);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  G_OBJECT_CLASS (epure_view_window_parent_class)->dispose (object);
}

static void
epure_view_window_finalize (GObject *object)
{
  EpureViewWindow *self = EPURE_VIEW_WINDOW (object);

  g_weak_ref_clear (&self->view);

  G_OBJECT_CLASS (epure_view_window_parent_class)->finalize (object);
}

static void
epure_view_window_class_init (EpureViewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = epure_view_window_dispose;
  object_class->finalize = epure_view_window_finalize;

  /**
   * EpureViewWindow::moved:
   *
   * The view scrolled, changed size or shows another buffer: the window
   * may cover other lines.
   */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
epure_view_window_init (EpureViewWindow *self)
{
  g_weak_ref_init (&self->view, NULL);
}

/**
 * epure_view_window_split_move:
 * @ranges: (out caller-allocates) (array fixed-size=8): four [start, end)
 *   pairs: the two parts of the old window that left it, then the two parts
 *   of the new one that came in; any may be empty (start >= end)
 *
 * What moving the window from [@old_start, @old_end) to [@start, @end)
 * takes out of it and brings into it.
 */
void
epure_view_window_split_move (gint64 old_start,
                              gint64 old_end,
                              gint64 start,
                              gint64 end,
                              gint64 ranges[8])
{
  ranges[0] = old_start;
  ranges[1] = MIN (old_end, start);
  ranges[2] = MAX (old_start, end);
  ranges[3] = old_end;
  ranges[4] = start;
  ranges[5] = MIN (end, MAX (old_start, start));
  ranges[6] = MAX (start, MIN (old_end, end));
  ranges[7] = end;
}
