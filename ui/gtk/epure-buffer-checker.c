/* epure-buffer-checker.c: checks a text buffer as it is edited.
 *
 * Shortly after the user stops typing, a snapshot of the buffer goes to the
 * pipeline in a worker thread; a run made stale by a newer edit is
 * cancelled.  Findings (byte offsets into the snapshot) become text tags,
 * one style per category, and a list model the findings panel shows.
 *
 * Only the findings near what the view shows carry tags: a tag makes
 * GtkTextView lay its line out again, and GTK 4.8 does that 2000 lines at
 * a time, a 60 ms freeze for a long article tagged all over.  Scrolling
 * moves the window, as for the spell adapter's underlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-buffer-checker.h"
#include "epure-document.h"
#include "epure-view-window.h"

/* Long enough not to check between two keystrokes, short enough to feel live. */
#define CHECK_DELAY_MS 300
/* Time given to tagging per main-loop iteration. */
#define TAG_SLICE_US 4000
/* Bytes counted in chars between two looks at the clock (~2 ms). */
#define WALK_BYTES (1024 * 1024)
#define TAG_PAUSE_MS 1
#define RELEASE_SLICE 2000

struct _EpureBufferChecker
{
  GObject        parent_instance;

  GtkTextBuffer *buffer;
  EpurePipeline *source_pipeline;
  EpurePipeline *pipeline;
  GListStore    *findings;

  /* The snapshot the findings refer to, valid while text_stamp == stamp. */
  EpureText     *text;
  GPtrArray     *raw_findings;
  GPtrArray     *shown;
  GPtrArray     *graveyard;
  guint          release_id;

  /* Tagging in slices: the next finding, where the walk is, what is
   * cleared, where the range being tagged ends, the ranges still to tag. */
  guint          tag_idle_id;
  guint          tag_index;
  gsize          tag_cursor_byte;
  int            tag_cursor_char;
  int            tag_cleared_char;
  gsize          tag_end_byte;
  int            tag_end_char;
  GArray        *tag_queue;      /* int pairs: character ranges */

  /* The characters whose findings carry tags: around what the view shows,
   * the whole buffer without a view. */
  EpureViewWindow *window;
  int            win_start;
  int            win_end;
  guint64        stamp;
  guint64        text_stamp;

  GCancellable  *cancellable;
  guint          timeout_id;
  gboolean       busy;
  /* A file is going into the buffer: one check once it is all in. */
  gboolean       paused;

  /* "This is content": findings the user dismissed, by rule and text. */
  GHashTable    *dismissed;
  char          *skip_checker;

  GtkTextTag    *spelling_tag;
  GtkTextTag    *typography_tag;
  GtkTextTag    *boilerplate_tag;
  GtkTextTag    *style_tag;
};

G_DEFINE_FINAL_TYPE (EpureBufferChecker, epure_buffer_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUFFER,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_pipeline (EpureBufferChecker *self);

typedef struct
{
  EpureBufferChecker *self;
  EpureText          *text;
  GCancellable       *cancellable;
  guint64             stamp;
} CheckRun;

static void
check_run_free (CheckRun *run)
{
  g_clear_object (&run->self);
  g_clear_pointer (&run->text, epure_text_unref);
  g_clear_object (&run->cancellable);
  g_free (run);
}

EpureBufferChecker *
epure_buffer_checker_new (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  return g_object_new (EPURE_TYPE_BUFFER_CHECKER, "buffer", buffer, NULL);
}

static void
set_busy (EpureBufferChecker *self,
          gboolean            busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GtkTextTag *
tag_for_category (EpureBufferChecker *self,
                  const char         *category)
{
  if (g_strcmp0 (category, EPURE_CATEGORY_SPELLING) == 0)
    return self->spelling_tag;
  if (g_strcmp0 (category, EPURE_CATEGORY_TYPOGRAPHY) == 0)
    return self->typography_tag;
  if (g_strcmp0 (category, EPURE_CATEGORY_BOILERPLATE) == 0)
    return self->boilerplate_tag;
  return self->style_tag;
}

static gboolean
text_is_current (EpureBufferChecker *self)
{
  return self->text != NULL && self->text_stamp == self->stamp;
}

static void
iters_for_range (EpureBufferChecker *self,
                 EpureText          *text,
                 gsize               start,
                 gsize               end,
                 GtkTextIter        *start_iter,
                 GtkTextIter        *end_iter)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, start_iter, (int) epure_text_char_offset (text, start));
  gtk_text_buffer_get_iter_at_offset (self->buffer, end_iter, (int) epure_text_char_offset (text, end));
}

static char *
dismiss_key (EpureText    *text,
             EpureFinding *finding)
{
  const char *str = epure_text_get_string (text, NULL);
  gsize start = epure_finding_get_start (finding);
  gsize end = epure_finding_get_end (finding);

  return g_strdup_printf ("%s\x1f%.*s", epure_finding_get_rule_id (finding), (int) (end - start), str + start);
}

gboolean
epure_buffer_checker_is_dismissed (EpureBufferChecker *self,
                                   EpureText          *text,
                                   EpureFinding       *finding)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), FALSE);

  if (g_hash_table_size (self->dismissed) == 0)
    return FALSE;
  key = dismiss_key (text, finding);
  return g_hash_table_contains (self->dismissed, key);
}

static void
remove_tags (EpureBufferChecker *self,
             GtkTextIter        *start,
             GtkTextIter        *end)
{
  GtkTextTag *tags[] = { self->spelling_tag, self->typography_tag, self->boilerplate_tag, self->style_tag };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      GtkTextIter toggle = *start;

      /* Removing walks the whole range, ~80 ms for 50 MB even with no tag
       * there; finding the next toggle is a look in the tree's summaries. */
      if (!gtk_text_iter_has_tag (start, tags[i])
          && (!gtk_text_iter_forward_to_tag_toggle (&toggle, tags[i]) || gtk_text_iter_compare (&toggle, end) >= 0))
        continue;
      gtk_text_buffer_remove_tag (self->buffer, tags[i], start, end);
    }
}

static void
compute_window (EpureBufferChecker *self)
{
  gint64 start, end;

  epure_view_window_get_range (self->window, self->buffer, &start, &end);
  self->win_start = (int) MIN (start, G_MAXINT);
  self->win_end = (int) MIN (end, gtk_text_buffer_get_char_count (self->buffer));
}

static void
remove_tags_between (EpureBufferChecker *self,
                     int                 start,
                     int                 end)
{
  GtkTextIter s, e;

  if (start >= end)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, end);
  remove_tags (self, &s, &e);
}

static void
queue_range (EpureBufferChecker *self,
             int                 start,
             int                 end)
{
  int range[2] = { start, end };

  if (start < end)
    g_array_append_vals (self->tag_queue, range, 2);
}

/* Starts on the next queued range: from the first finding that reaches
 * into it (a boilerplate block may start before). */
static gboolean
begin_next_range (EpureBufferChecker *self)
{
  int start, end;
  gsize byte;
  guint lo = 0, hi = self->shown->len, first;

  if (self->tag_queue->len == 0)
    return FALSE;
  start = g_array_index (self->tag_queue, int, 0);
  end = g_array_index (self->tag_queue, int, 1);
  g_array_remove_range (self->tag_queue, 0, 2);

  byte = epure_text_byte_offset (self->text, start);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (epure_finding_get_start (g_ptr_array_index (self->shown, mid)) < byte)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  for (guint k = 0; k < 64 && lo > 0; k++)
    if (epure_finding_get_end (g_ptr_array_index (self->shown, --lo)) > byte)
      first = lo;

  self->tag_index = first;
  self->tag_cursor_byte = byte;
  self->tag_cursor_char = start;
  self->tag_cleared_char = start;
  self->tag_end_byte = epure_text_byte_offset (self->text, end);
  self->tag_end_char = end;
  return TRUE;
}

/* Tags are applied in slices of a few milliseconds, in text order, so that
 * thousands of findings never stall drawing or typing.  Old tags are
 * cleared just ahead of the new ones; a finding that reaches far (a
 * boilerplate block) clears up to its end first, so later slices never
 * clear a tag already applied. */
static gboolean
tag_slice (gpointer user_data)
{
  EpureBufferChecker *self = user_data;
  gint64 deadline = g_get_monotonic_time () + TAG_SLICE_US;
  const char *str = epure_text_get_string (self->text, NULL);
  GtkTextIter iter, start, end;

  if (!text_is_current (self))
    {
      /* Edited meanwhile: the coming check tags again. */
      self->tag_idle_id = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, self->tag_cursor_char);

  for (;;)
    {
      EpureFinding *finding = self->tag_index < self->shown->len ? g_ptr_array_index (self->shown, self->tag_index) : NULL;
      gsize fstart = finding ? epure_finding_get_start (finding) : G_MAXSIZE;
      gsize fend = finding ? epure_finding_get_end (finding) : G_MAXSIZE;
      gsize from;
      int end_char;

      /* The range is done: clear what is left of it, go on to the next. */
      if (finding == NULL || fstart >= self->tag_end_byte)
        {
          remove_tags_between (self, self->tag_cleared_char, self->tag_end_char);
          if (!begin_next_range (self))
            break;
          gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, self->tag_cursor_char);
          continue;
        }

      /* Findings come in text order: walk forward from the last one, a
       * megabyte at a time (the next finding may be 20 MB further). */
      while (fstart > self->tag_cursor_byte)
        {
          gsize to = MIN (fstart, self->tag_cursor_byte + WALK_BYTES);
          int delta;

          while (to < fstart && ((guchar) str[to] & 0xC0) == 0x80)
            to--;
          delta = (int) g_utf8_strlen (str + self->tag_cursor_byte, to - self->tag_cursor_byte);
          gtk_text_iter_forward_chars (&iter, delta);
          self->tag_cursor_char += delta;
          self->tag_cursor_byte = to;
          if (to < fstart && g_get_monotonic_time () > deadline)
            {
              self->tag_idle_id = g_timeout_add (TAG_PAUSE_MS, tag_slice, self);
              return G_SOURCE_REMOVE;
            }
        }
      self->tag_index++;
      /* A block that began before the range: only its part in the range. */
      from = MAX (fstart, self->tag_cursor_byte);
      if (fend < from)
        continue;
      start = end = iter;
      end_char = self->tag_cursor_char + (int) g_utf8_strlen (str + from, MIN (fend, self->tag_end_byte) - from);
      gtk_text_iter_set_offset (&end, end_char);
      /* An insertion point (a missing space) still needs something to see. */
      if (gtk_text_iter_equal (&start, &end) && !gtk_text_iter_forward_char (&end))
        gtk_text_iter_backward_char (&start);

      if (gtk_text_iter_get_offset (&end) > self->tag_cleared_char)
        {
          remove_tags_between (self, self->tag_cleared_char, gtk_text_iter_get_offset (&end));
          self->tag_cleared_char = gtk_text_iter_get_offset (&end);
        }
      gtk_text_buffer_apply_tag (self->buffer, tag_for_category (self, epure_finding_get_category (finding)),
                                 &start, &end);

      /* A pause lets a pending frame be drawn: a higher priority than
       * redrawing, the slices would hold frames back; an idle, and slow
       * frames (software GL) could hold the slices back for ever. */
      if (g_get_monotonic_time () > deadline)
        {
          self->tag_idle_id = g_timeout_add (TAG_PAUSE_MS, tag_slice, self);
          return G_SOURCE_REMOVE;
        }
    }

  self->tag_idle_id = 0;
  if (self->cancellable == NULL && self->timeout_id == 0)
    set_busy (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Tags the window afresh: clears what lies outside it, then tags it. */
static void
retag (EpureBufferChecker *self)
{
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  g_array_set_size (self->tag_queue, 0);
  compute_window (self);
  remove_tags_between (self, 0, self->win_start);
  remove_tags_between (self, self->win_end, gtk_text_buffer_get_char_count (self->buffer));
  queue_range (self, self->win_start, self->win_end);
  if (begin_next_range (self))
    self->tag_idle_id = g_timeout_add (0, tag_slice, self);
}

/* The view scrolled or resized: untag what left the window, tag what came
 * in.  While a pass is still going, it starts again on the new window; on
 * the same window it goes on (GTK says the view changed each time it lays
 * out more lines of a long text). */
static void
on_window_moved (EpureBufferChecker *self)
{
  int old_start = self->win_start, old_end = self->win_end;
  gint64 moved[8];

  if (!text_is_current (self) || self->shown == NULL)
    return;

  compute_window (self);
  if (old_start == self->win_start && old_end == self->win_end)
    return;
  if (self->tag_idle_id != 0)
    {
      retag (self);
      return;
    }
  epure_view_window_split_move (old_start, old_end, self->win_start, self->win_end, moved);
  remove_tags_between (self, (int) moved[0], (int) moved[1]);
  remove_tags_between (self, (int) moved[2], (int) moved[3]);
  queue_range (self, (int) moved[4], (int) moved[5]);
  queue_range (self, (int) moved[6], (int) moved[7]);
  /* Not busy: nothing is being checked, the panel's spinner stays still. */
  if (begin_next_range (self))
    self->tag_idle_id = g_timeout_add (0, tag_slice, self);
}

/**
 * epure_buffer_checker_set_view:
 * @view: (nullable): the view showing the buffer
 *
 * Only findings near what @view shows carry tags, the window following
 * its scrolling; without a view, all of them do.
 */
void
epure_buffer_checker_set_view (EpureBufferChecker *self,
                               GtkTextView        *view)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));
  g_return_if_fail (view == NULL || GTK_IS_TEXT_VIEW (view));

  epure_view_window_set_view (self->window, view);
}

static gboolean
release_slice (gpointer user_data)
{
  EpureBufferChecker *self = user_data;
  guint n = 0;

  while (self->graveyard->len > 0 && n++ < RELEASE_SLICE)
    g_ptr_array_remove_index_fast (self->graveyard, self->graveyard->len - 1);
  if (self->graveyard->len > 0)
    return G_SOURCE_CONTINUE;
  self->release_id = 0;
  return G_SOURCE_REMOVE;
}

/* Takes @findings (an array that owns its references) to unref them in
 * slices: finalizing 20 000 findings at once stalls the window. */
static void
release_later (EpureBufferChecker *self,
               GPtrArray          *findings)
{
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (self->graveyard, g_object_ref (g_ptr_array_index (findings, i)));
  g_ptr_array_unref (findings);
  if (self->release_id == 0 && self->graveyard->len > 0)
    self->release_id = g_timeout_add (TAG_PAUSE_MS, release_slice, self);
}

/* Publishes raw_findings: the list model at once, the tags in slices. */
static void
publish (EpureBufferChecker *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->raw_findings != NULL && i < self->raw_findings->len; i++)
    {
      EpureFinding *finding = g_ptr_array_index (self->raw_findings, i);

      if (self->skip_checker != NULL && g_str_equal (self->skip_checker, epure_finding_get_checker_id (finding)))
        continue;
      if (self->text != NULL && epure_buffer_checker_is_dismissed (self, self->text, finding))
        continue;
      g_ptr_array_add (shown, g_object_ref (finding));
    }

  /* The old findings still hold a reference from self->shown: they are
   * released in slices later, not all at once while the list changes. */
  if (self->shown != NULL)
    release_later (self, g_steal_pointer (&self->shown));
  self->shown = g_steal_pointer (&shown);
  g_list_store_splice (self->findings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->findings)),
                       self->shown->pdata, self->shown->len);
  g_signal_emit (self, signals[CHECKED], 0);

  if (text_is_current (self))
    {
      set_busy (self, TRUE);
      retag (self);
      if (self->tag_idle_id == 0 && self->cancellable == NULL && self->timeout_id == 0)
        set_busy (self, FALSE);
    }
  else
    {
      g_clear_handle_id (&self->tag_idle_id, g_source_remove);
      remove_tags_between (self, 0, gtk_text_buffer_get_char_count (self->buffer));
    }
}

static void
on_check_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;
  EpureBufferChecker *self = run->self;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  findings = epure_pipeline_check_finish (EPURE_PIPELINE (object), result, &problems, &error);

  /* A newer run (or none, for a disposed checker) owns the state now. */
  if (g_cancellable_is_cancelled (run->cancellable) || run->cancellable != self->cancellable)
    goto out;

  g_clear_object (&self->cancellable);

  if (findings == NULL)
    {
      g_warning ("Checking failed: %s", error->message);
      set_busy (self, FALSE);
      goto out;
    }
  g_debug ("Check done: %u findings, stamp %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, findings->len, run->stamp, self->stamp);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_debug ("A checker failed: %s", ((GError *) g_ptr_array_index (problems, i))->message);

  /* The buffer changed meanwhile: its own check is already queued. */
  if (run->stamp != self->stamp)
    {
      if (self->timeout_id == 0)
        set_busy (self, FALSE);
      goto out;
    }

  g_clear_pointer (&self->text, epure_text_unref);
  self->text = epure_text_ref (run->text);
  self->text_stamp = run->stamp;
  g_clear_pointer (&self->raw_findings, g_ptr_array_unref);
  self->raw_findings = g_steal_pointer (&findings);
  publish (self);

out:
  check_run_free (run);
}

/* Checks @text, the buffer's current text, or reads it back when NULL. */
static void
check_text (EpureBufferChecker *self,
            EpureText          *text)
{
  g_autoptr(GError) error = NULL;
  CheckRun *run;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->paused)
    {
      set_busy (self, TRUE);
      return;
    }

  if (self->pipeline == NULL)
    {
      g_clear_pointer (&self->raw_findings, g_ptr_array_unref);
      set_busy (self, FALSE);
      publish (self);
      return;
    }

  run = g_new0 (CheckRun, 1);
  if (text != NULL)
    run->text = epure_text_ref (text);
  else
    run->text = epure_buffer_snapshot (self->buffer, &error);
  if (run->text == NULL)
    {
      g_warning ("Cannot check the text: %s", error->message);
      check_run_free (run);
      return;
    }
  run->self = g_object_ref (self);
  run->stamp = self->stamp;
  run->cancellable = g_cancellable_new ();
  self->cancellable = g_object_ref (run->cancellable);
  set_busy (self, TRUE);

  epure_pipeline_check_async (self->pipeline, run->text, run->cancellable, on_check_done, run);
}

void
epure_buffer_checker_check_now (EpureBufferChecker *self)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));
  check_text (self, NULL);
}

static gboolean
check_timeout (gpointer user_data)
{
  EpureBufferChecker *self = user_data;

  self->timeout_id = 0;
  epure_buffer_checker_check_now (self);
  return G_SOURCE_REMOVE;
}

void
epure_buffer_checker_queue_check (EpureBufferChecker *self)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->paused)
    self->timeout_id = g_timeout_add (CHECK_DELAY_MS, check_timeout, self);
  set_busy (self, TRUE);
}

/**
 * epure_buffer_checker_set_paused:
 *
 * While paused, edits only make the findings stale; unpausing checks the
 * whole text once.  For loading a file in slices: no check per slice.
 */
void
epure_buffer_checker_set_paused (EpureBufferChecker *self,
                                 gboolean            paused)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));

  paused = !!paused;
  if (paused == self->paused)
    return;
  self->paused = paused;
  if (paused)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      if (self->cancellable != NULL)
        {
          g_cancellable_cancel (self->cancellable);
          g_clear_object (&self->cancellable);
        }
      set_busy (self, TRUE);
    }
  else
    /* Not now: reading a big text back takes a while, the frame that
     * ends the load should not pay for it too. */
    epure_buffer_checker_queue_check (self);
}

/**
 * epure_buffer_checker_resume_with_text:
 * @text: the buffer's whole text, as it was loaded
 *
 * Ends a pause by checking @text at once, without reading the buffer
 * back (~80 ms for 20 MB, in one go on the main thread).
 */
void
epure_buffer_checker_resume_with_text (EpureBufferChecker *self,
                                       EpureText          *text)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));
  g_return_if_fail (text != NULL);

  self->paused = FALSE;
  check_text (self, text);
}

static void
on_buffer_changed (EpureBufferChecker *self,
                   GtkTextBuffer      *buffer)
{
  self->stamp++;
  /* The running check is about a text that no longer exists. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  epure_buffer_checker_queue_check (self);
}

/**
 * epure_buffer_checker_get_bounds:
 *
 * Returns: FALSE when the text was edited since @finding was made (its
 * offsets no longer apply; a new check is on its way).
 */
gboolean
epure_buffer_checker_get_bounds (EpureBufferChecker *self,
                                 EpureFinding       *finding,
                                 GtkTextIter        *start,
                                 GtkTextIter        *end)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), FALSE);
  g_return_val_if_fail (EPURE_IS_FINDING (finding), FALSE);

  if (!text_is_current (self))
    return FALSE;
  iters_for_range (self, self->text, epure_finding_get_start (finding), epure_finding_get_end (finding), start, end);
  return TRUE;
}

/* Returns: (transfer full): the shown findings whose range holds @iter. */
GPtrArray *
epure_buffer_checker_get_findings_at (EpureBufferChecker *self,
                                      const GtkTextIter  *iter)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), out);

  if (!text_is_current (self))
    return out;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EpureFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);
      GtkTextIter start, end;

      epure_buffer_checker_get_bounds (self, finding, &start, &end);
      if (gtk_text_iter_equal (&start, &end))
        gtk_text_iter_forward_char (&end);
      if (gtk_text_iter_compare (&start, iter) <= 0 && gtk_text_iter_compare (iter, &end) <= 0)
        g_ptr_array_add (out, g_steal_pointer (&finding));
    }
  return out;
}

/**
 * epure_buffer_checker_apply_edits:
 * @text: the snapshot @edits were made for
 * @edits: sorted, non-overlapping edits (epure_edits_sort_and_check())
 *
 * Applies @edits as one user action, so one undo step reverts them all.
 *
 * Returns: FALSE, changing nothing, when the buffer no longer holds @text.
 */
gboolean
epure_buffer_checker_apply_edits (EpureBufferChecker *self,
                                  EpureText          *text,
                                  GPtrArray          *edits)
{
  g_autofree char *current = NULL;
  GtkTextIter start, end;
  gsize len;
  const char *str;

  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), FALSE);
  g_return_val_if_fail (text != NULL && edits != NULL, FALSE);

  str = epure_text_get_string (text, &len);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  current = gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
  if (strlen (current) != len || memcmp (current, str, len) != 0)
    return FALSE;

  if (edits->len == 0)
    return TRUE;

  gtk_text_buffer_begin_user_action (self->buffer);
  /* From the end, so that earlier offsets stay valid. */
  for (guint i = edits->len; i > 0; i--)
    {
      EpureEdit *edit = g_ptr_array_index (edits, i - 1);

      iters_for_range (self, text, edit->start, edit->end, &start, &end);
      gtk_text_buffer_delete (self->buffer, &start, &end);
      if (edit->replacement != NULL && edit->replacement[0] != '\0')
        gtk_text_buffer_insert (self->buffer, &start, edit->replacement, -1);
    }
  gtk_text_buffer_end_user_action (self->buffer);

  return TRUE;
}

gboolean
epure_buffer_checker_apply_finding (EpureBufferChecker *self,
                                    EpureFinding       *finding,
                                    guint               replacement_index)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  g_autoptr(EpureText) text = NULL;
  EpureChecker *checker;
  EpureEdit *edit;

  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), FALSE);
  g_return_val_if_fail (EPURE_IS_FINDING (finding), FALSE);

  if (!text_is_current (self))
    return FALSE;

  text = epure_text_ref (self->text);
  checker = self->pipeline ? epure_pipeline_get_checker (self->pipeline, epure_finding_get_checker_id (finding)) : NULL;
  if (checker != NULL)
    edit = epure_checker_create_edit (checker, text, finding, replacement_index);
  else
    edit = epure_finding_create_edit (finding, replacement_index);
  if (edit == NULL)
    return FALSE;
  g_ptr_array_add (edits, edit);

  return epure_buffer_checker_apply_edits (self, text, edits);
}

/* "This is content": @finding, and any finding of the same rule on the same
 * text, stays hidden for as long as the document is open. */
void
epure_buffer_checker_dismiss (EpureBufferChecker *self,
                              EpureText          *text,
                              EpureFinding       *finding)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));
  g_return_if_fail (text != NULL && EPURE_IS_FINDING (finding));

  g_hash_table_add (self->dismissed, dismiss_key (text, finding));
  if (text_is_current (self))
    publish (self);
}

/* The spelling adapter checks and underlines misspellings itself,
 * incrementally: the pipeline's spelling checker then does not run here. */
void
epure_buffer_checker_set_skip_checker (EpureBufferChecker *self,
                                       const char         *checker_id)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));

  g_free (self->skip_checker);
  self->skip_checker = g_strdup (checker_id);
  update_pipeline (self);
}

static void
set_rgba (GtkTextTag *tag,
          const char *property,
          const char *spec)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, spec);
  g_object_set (tag, property, &rgba, NULL);
}

void
epure_buffer_checker_set_dark (EpureBufferChecker *self,
                               gboolean            dark)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));

  set_rgba (self->spelling_tag, "underline-rgba", dark ? "#ff7b63" : "#e01b24");
  set_rgba (self->typography_tag, "underline-rgba", dark ? "#99c1f1" : "#1c71d8");
  set_rgba (self->typography_tag, "background-rgba", dark ? "rgba(98,160,234,0.18)" : "rgba(53,132,228,0.12)");
  set_rgba (self->boilerplate_tag, "paragraph-background-rgba", dark ? "rgba(229,165,10,0.20)" : "rgba(246,211,45,0.30)");
  set_rgba (self->style_tag, "underline-rgba", dark ? "#dc8add" : "#9141ac");
  set_rgba (self->style_tag, "background-rgba", dark ? "rgba(192,97,203,0.25)" : "rgba(145,65,172,0.15)");
}


static void
on_checker_changed (EpureBufferChecker *self)
{
  epure_buffer_checker_queue_check (self);
}

/* The checkers this buffer runs: the pipeline's, less the skipped one
 * (which someone else runs, incrementally). */
static void
update_pipeline (EpureBufferChecker *self)
{
  g_autoptr(GPtrArray) checkers = NULL;

  g_clear_object (&self->pipeline);
  if (self->source_pipeline != NULL)
    {
      checkers = epure_pipeline_get_checkers (self->source_pipeline);
      if (self->skip_checker == NULL || epure_pipeline_get_checker (self->source_pipeline, self->skip_checker) == NULL)
        self->pipeline = g_object_ref (self->source_pipeline);
      else
        {
          self->pipeline = epure_pipeline_new ();
          for (guint i = 0; i < checkers->len; i++)
            if (!g_str_equal (epure_checker_get_id (g_ptr_array_index (checkers, i)), self->skip_checker))
              epure_pipeline_add_checker (self->pipeline, g_ptr_array_index (checkers, i));
        }
      for (guint i = 0; i < checkers->len; i++)
        g_signal_connect_object (g_ptr_array_index (checkers, i), "changed",
                                 G_CALLBACK (on_checker_changed), self, G_CONNECT_SWAPPED);
    }
  epure_buffer_checker_check_now (self);
}

void
epure_buffer_checker_set_pipeline (EpureBufferChecker *self,
                                   EpurePipeline      *pipeline)
{
  g_return_if_fail (EPURE_IS_BUFFER_CHECKER (self));

  g_set_object (&self->source_pipeline, pipeline);
  update_pipeline (self);
}

EpurePipeline *
epure_buffer_checker_get_pipeline (EpureBufferChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), NULL);
  return self->pipeline;
}

GtkTextBuffer *
epure_buffer_checker_get_buffer (EpureBufferChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), NULL);
  return self->buffer;
}

/* Returns: (transfer none): a GListModel of EpureFinding, in text order. */
GListModel *
epure_buffer_checker_get_findings (EpureBufferChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/* Returns: (transfer none) (nullable): the snapshot the findings refer to,
 * NULL when the buffer was edited since. */
EpureText *
epure_buffer_checker_get_text (EpureBufferChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), NULL);
  return text_is_current (self) ? self->text : NULL;
}

gboolean
epure_buffer_checker_get_busy (EpureBufferChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (self), FALSE);
  return self->busy;
}

static void
epure_buffer_checker_constructed (GObject *object)
{
  EpureBufferChecker *self = EPURE_BUFFER_CHECKER (object);

  G_OBJECT_CLASS (epure_buffer_checker_parent_class)->constructed (object);

  self->boilerplate_tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  self->style_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                "underline", PANGO_UNDERLINE_SINGLE,
                                                NULL);
  self->typography_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                     "underline", PANGO_UNDERLINE_SINGLE,
                                                     NULL);
  self->spelling_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                   "underline", PANGO_UNDERLINE_ERROR,
                                                   NULL);
  epure_buffer_checker_set_dark (self, FALSE);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self, G_CONNECT_SWAPPED);
}

static void
epure_buffer_checker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EpureBufferChecker *self = EPURE_BUFFER_CHECKER (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      self->buffer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_buffer_checker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EpureBufferChecker *self = EPURE_BUFFER_CHECKER (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      g_value_set_object (value, self->buffer);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_buffer_checker_dispose (GObject *object)
{
  EpureBufferChecker *self = EPURE_BUFFER_CHECKER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->tag_idle_id, g_source_remove);
  g_clear_handle_id (&self->release_id, g_source_remove);
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_object (&self->window);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->source_pipeline);

  G_OBJECT_CLASS (epure_buffer_checker_parent_class)->dispose (object);
}

static void
epure_buffer_checker_finalize (GObject *object)
{
  EpureBufferChecker *self = EPURE_BUFFER_CHECKER (object);

  g_clear_object (&self->buffer);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->tag_queue, g_array_unref);
  g_clear_pointer (&self->text, epure_text_unref);
  g_clear_pointer (&self->raw_findings, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->graveyard, g_ptr_array_unref);
  g_clear_pointer (&self->dismissed, g_hash_table_unref);
  g_free (self->skip_checker);

  G_OBJECT_CLASS (epure_buffer_checker_parent_class)->finalize (object);
}

static void
epure_buffer_checker_class_init (EpureBufferCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = epure_buffer_checker_constructed;
  object_class->dispose = epure_buffer_checker_dispose;
  object_class->finalize = epure_buffer_checker_finalize;
  object_class->set_property = epure_buffer_checker_set_property;
  object_class->get_property = epure_buffer_checker_get_property;

  properties[PROP_BUFFER] =
    g_param_spec_object ("buffer", NULL, NULL, GTK_TYPE_TEXT_BUFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpureBufferChecker::checked:
   *
   * The findings and the tags now describe the buffer's text.
   */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
epure_buffer_checker_init (EpureBufferChecker *self)
{
  self->findings = g_list_store_new (EPURE_TYPE_FINDING);
  self->graveyard = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_queue = g_array_new (FALSE, FALSE, sizeof (int));
  self->window = epure_view_window_new ();
  g_signal_connect_swapped (self->window, "moved", G_CALLBACK (on_window_moved), self);
  self->dismissed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
