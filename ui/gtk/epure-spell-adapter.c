/* epure-spell-adapter.c: spell checking as you type in a GtkTextBuffer.
 *
 * The buffer keeps a set of unchecked ("dirty") character ranges.  The main
 * loop copies a dirty piece (whole lines, the visible ones first) and a
 * worker thread checks it; the main loop then only moves tags, a few
 * milliseconds at a time, so typing never waits.  Edits (insert-text,
 * delete-range: GTK 4.8 has no commit-notify) shift the dirty ranges and
 * the results still in flight, and mark only the touched words dirty.
 *
 * Misspellings are kept in a sorted array; only those near the visible part
 * of the view carry the tag.  An underline makes GtkTextView lay its line
 * out again, and each tagged word costs two toggle segments in the
 * buffer: tagging a whole 6 MiB document would cost seconds of layout and
 * tens of MiB for text nobody is looking at.  Scrolling moves the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "epure-spell-adapter.h"
#include "epure-document.h"
#include "epure-view-window.h"
#include "epure-spelling-checker.h"

/* Characters copied for the worker at once: about 0.3 ms of get_slice. */
#define CHUNK_CHARS      65536
/* Two jobs out, so a worker never waits for the main loop to hand it the
 * next piece (results are still applied in order). */
#define MAX_IN_FLIGHT    2
/* Main-loop time given to tags per idle call: well under a 16 ms frame. */
#define APPLY_BUDGET_US  3000
/* After drawing (GDK_PRIORITY_REDRAW, 120) but before GtkTextView's line
 * validation (125): every underline re-lays its line out, so tags applied
 * before the view validates a line cost one layout, not two, and the
 * document is underlined without waiting for the whole relayout. */
#define PUMP_PRIORITY    (G_PRIORITY_HIGH_IDLE + 22)
/* How far the worker sees around an edited word (code spans, URLs). */
#define CONTEXT_CHARS    4096

typedef struct
{
  gint64 start;
  gint64 end;
} Range;

/* A misspelled word, in buffer characters.  GtkTextBuffer offsets are ints,
 * and a 20 MiB document has hundreds of thousands of these: half the size
 * of a Range. */
typedef struct
{
  guint32 start;
  guint32 end;
} Word;

typedef struct
{
  gint64 pos;
  gint64 delta;  /* > 0: inserted chars at pos; < 0: deleted [pos, pos - delta) */
} Edit;

typedef struct
{
  gint64 start;       /* the checked range, in buffer chars */
  gint64 end;
  gint64 ctx_start;   /* the copied context, in buffer chars */
  char *ctx;          /* the copied text, owned by the worker until done */
  GArray *edits;      /* Edit: buffer changes since the copy */
  GArray *results;    /* Word: misspelled words, buffer chars at copy time */
  guint next;         /* next result to apply */
  gboolean cleared;   /* old tags of [start, end) removed */
  gboolean done;
} Job;

struct _EpureSpellAdapter
{
  GObject parent_instance;

  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GWeakRef view;
  EpureSpellingChecker *checker;
  gulong checker_changed_id;
  gulong checker_language_id;

  GArray *dirty;           /* Range, sorted, disjoint */
  GQueue jobs;             /* Job, in dispatch order */
  guint in_flight;         /* jobs the workers have, at the queue's tail */
  guint idle_id;
  GCancellable *cancellable;

  gint64 delete_start;     /* between delete-range's before and after */
  gint64 delete_end;
  GArray *words;           /* Word: every known misspelling, sorted */
  gint64 win_start;        /* words in [win_start, win_end) are tagged */
  gint64 win_end;
  EpureViewWindow *window;

  guint n_misspelled;
  gboolean enabled;
  gboolean complete;
  gboolean paused;         /* a file is going in: one check at the end */

  /* Context menu */
  GMenu *menu;
  GMenu *suggestions_section;
  GMenu *word_section;
  GMenu *languages_menu;
  GSimpleActionGroup *actions;
  GtkTextMark *word_start;
  GtkTextMark *word_end;
  char *word;
  GCancellable *suggest_cancellable;
};

enum {
  PROP_0,
  PROP_BUFFER,
  PROP_CHECKER,
  PROP_ENABLED,
  PROP_LANGUAGE,
  PROP_N_MISSPELLED,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (EpureSpellAdapter, epure_spell_adapter, G_TYPE_OBJECT)

static void schedule (EpureSpellAdapter *self);
static void on_window_moved (EpureSpellAdapter *self);
static void dispatch (EpureSpellAdapter *self);

static void
job_free (Job *job)
{
  g_free (job->ctx);
  g_clear_pointer (&job->edits, g_array_unref);
  g_clear_pointer (&job->results, g_array_unref);
  g_free (job);
}

/* ---- Dirty ranges ------------------------------------------------------ */

static void
dirty_add (EpureSpellAdapter *self,
           gint64             start,
           gint64             end)
{
  GArray *d = self->dirty;
  guint i = 0;

  if (start >= end)
    return;

  /* Find the first range that ends at or after start, merge what touches. */
  while (i < d->len && g_array_index (d, Range, i).end < start)
    i++;
  while (i < d->len && g_array_index (d, Range, i).start <= end)
    {
      Range *r = &g_array_index (d, Range, i);
      start = MIN (start, r->start);
      end = MAX (end, r->end);
      g_array_remove_index (d, i);
    }
  g_array_insert_val (d, i, ((Range) { start, end }));
}

static void
dirty_shift (EpureSpellAdapter *self,
             gint64             pos,
             gint64             delta)
{
  GArray *d = self->dirty;

  for (guint i = 0; i < d->len; i++)
    {
      Range *r = &g_array_index (d, Range, i);

      if (delta > 0)
        {
          if (r->start >= pos)
            r->start += delta;
          if (r->end >= pos)
            r->end += delta;
        }
      else
        {
          gint64 del_end = pos - delta;
          r->start = r->start >= del_end ? r->start + delta : MIN (r->start, pos);
          r->end = r->end >= del_end ? r->end + delta : MIN (r->end, pos);
        }
    }
  /* Deletions may have emptied or joined ranges. */
  for (guint i = 0; i < d->len;)
    {
      Range *r = &g_array_index (d, Range, i);
      if (r->start >= r->end)
        g_array_remove_index (d, i);
      else if (i > 0 && g_array_index (d, Range, i - 1).end >= r->start)
        {
          g_array_index (d, Range, i - 1).end = MAX (g_array_index (d, Range, i - 1).end, r->end);
          g_array_remove_index (d, i);
        }
      else
        i++;
    }
}

/* ---- Offsets through edits -------------------------------------------- */

/* Maps a word through the edits made since its job's copy; FALSE when an
 * edit touched it (then it is dirty and will be checked again). */
static gboolean
map_word (GArray *edits,
          gint64 *start,
          gint64 *end)
{
  for (guint i = 0; i < edits->len; i++)
    {
      Edit *e = &g_array_index (edits, Edit, i);

      if (e->delta > 0)
        {
          if (*end < e->pos)
            continue;
          if (*start >= e->pos)
            {
              *start += e->delta;
              *end += e->delta;
            }
          else
            return FALSE;
        }
      else
        {
          gint64 del_end = e->pos - e->delta;
          if (*end <= e->pos)
            continue;
          if (*start >= del_end)
            {
              *start += e->delta;
              *end += e->delta;
            }
          else
            return FALSE;
        }
    }
  return TRUE;
}

static gint64
map_point (GArray *edits,
           gint64  p)
{
  for (guint i = 0; i < edits->len; i++)
    {
      Edit *e = &g_array_index (edits, Edit, i);

      if (e->delta > 0)
        {
          if (p >= e->pos)
            p += e->delta;
        }
      else if (p >= e->pos - e->delta)
        p += e->delta;
      else if (p > e->pos)
        p = e->pos;
    }
  return p;
}

/* ---- Misspellings and the tagged window --------------------------------- */

/* The first word that ends after @pos. */
static guint
words_after (GArray *words,
             gint64  pos)
{
  guint lo = 0, hi = words->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (words, Word, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
update_n_misspelled (EpureSpellAdapter *self)
{
  if (self->words->len != self->n_misspelled)
    {
      self->n_misspelled = self->words->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MISSPELLED]);
    }
}

static void
set_complete (EpureSpellAdapter *self,
              gboolean           complete)
{
  if (complete != self->complete)
    {
      self->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

static void
tag_range (EpureSpellAdapter *self,
           gint64             start,
           gint64             end,
           gboolean           on)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, (int) MIN (end, G_MAXINT));
  if (on)
    gtk_text_buffer_apply_tag (self->buffer, self->tag, &s, &e);
  else
    gtk_text_buffer_remove_tag (self->buffer, self->tag, &s, &e);
}

/* Re-tags [start, end) ∩ window from the word array. */
static void
retag_window (EpureSpellAdapter *self,
              gint64             start,
              gint64             end)
{
  start = MAX (start, self->win_start);
  end = MIN (end, self->win_end);
  if (start >= end)
    return;

  tag_range (self, start, end, FALSE);
  for (guint i = words_after (self->words, start); i < self->words->len; i++)
    {
      Word *w = &g_array_index (self->words, Word, i);
      if (w->start >= end)
        break;
      tag_range (self, MAX (w->start, start), MIN (w->end, end), TRUE);
    }
}

/* Replaces the words of [start, end) by @found (sorted, inside it). */
static void
replace_words (EpureSpellAdapter *self,
               gint64             start,
               gint64             end,
               GArray            *found)
{
  guint first = words_after (self->words, start), last = first;

  while (last < self->words->len && g_array_index (self->words, Word, last).start < end)
    last++;
  if (last > first)
    g_array_remove_range (self->words, first, last - first);
  if (found->len > 0)
    g_array_insert_vals (self->words, first, found->data, found->len);
  retag_window (self, start, end);
  update_n_misspelled (self);
}

/* The lines around what the view shows: one screen above and below. */
static void
update_window (EpureSpellAdapter *self)
{
  gint64 old_start = self->win_start, old_end = self->win_end;
  gint64 moved[8];

  if (self->buffer == NULL)
    return;

  epure_view_window_get_range (self->window, self->buffer, &self->win_start, &self->win_end);

  if (old_start == self->win_start && old_end == self->win_end)
    return;

  /* Untag what left the window, tag what came in. */
  epure_view_window_split_move (old_start, old_end, self->win_start, self->win_end, moved);
  for (guint i = 0; i < 4; i += 2)
    if (moved[i] < moved[i + 1])
      tag_range (self, moved[i], moved[i + 1], FALSE);
  retag_window (self, moved[4], moved[5]);
  retag_window (self, moved[6], moved[7]);
}

static void
shift_point (gint64 *p,
             gint64  pos,
             gint64  delta)
{
  if (delta > 0)
    {
      if (*p >= pos && *p != G_MAXINT64)
        *p += delta;
    }
  else if (*p >= pos - delta)
    {
      if (*p != G_MAXINT64)
        *p += delta;
    }
  else if (*p > pos)
    *p = pos;
}

/* Shifts the words after an edit; the ones it touched are dropped (they
 * are dirty and will be checked again). */
static void
shift_words (EpureSpellAdapter *self,
             gint64             pos,
             gint64             delta)
{
  GArray *w = self->words;
  gint64 del_end = delta < 0 ? pos - delta : pos;
  guint i = words_after (w, pos > 0 ? pos - 1 : 0), first_dropped = i, n_dropped = 0;

  while (i < w->len)
    {
      Word *r = &g_array_index (w, Word, i);
      if (r->start >= del_end)
        break;
      if (r->end <= pos)
        {
          i++;
          first_dropped = i;
          continue;
        }
      n_dropped++;
      i++;
    }
  if (n_dropped > 0)
    g_array_remove_range (w, first_dropped, n_dropped);
  for (i = first_dropped; i < w->len; i++)
    {
      Word *r = &g_array_index (w, Word, i);
      r->start = (guint32) (r->start + delta);
      r->end = (guint32) (r->end + delta);
    }
  shift_point (&self->win_start, pos, delta);
  shift_point (&self->win_end, pos, delta);
  update_n_misspelled (self);
}

/* ---- Worker ----------------------------------------------------------- */

typedef struct
{
  EpureSpellingChecker *checker;
  char *ctx;
  gint64 ctx_start;
  gint64 start;   /* chars, relative to ctx */
  gint64 end;
  EpureTextSyntax syntax;   /* Markdown's code is not spelled */
} WorkerData;

static void
worker_data_free (WorkerData *data)
{
  g_clear_object (&data->checker);
  g_free (data->ctx);
  g_free (data);
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerData *data = task_data;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GError) error = NULL;
  const char *str, *start, *end, *p;
  gsize ctx_len;
  gint64 chars;

  /* The copy is the worker's: checked in place, not copied again. */
  ctx_len = strlen (data->ctx);
  text = epure_text_new_take (g_steal_pointer (&data->ctx), ctx_len, &error);
  if (text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  epure_text_set_syntax (text, data->syntax);
  str = epure_text_get_string (text, NULL);
  start = g_utf8_offset_to_pointer (str, data->start);
  end = g_utf8_offset_to_pointer (start, data->end - data->start);

  found = epure_spelling_checker_find_misspellings (data->checker, text, start - str, end - str,
                                                    cancellable, &error);
  if (found == NULL)
    {
      /* No dictionary: nothing underlined, the rest of the app works. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_array_unref);
      return;
    }

  /* Bytes → buffer characters, walking forward once. */
  p = start;
  chars = data->ctx_start + data->start;
  for (guint i = 0; i < found->len; i++)
    {
      EpureSpellingRange *r = &g_array_index (found, EpureSpellingRange, i);
      Word out;

      chars += g_utf8_pointer_to_offset (p, str + r->start);
      out.start = (guint32) chars;
      chars += g_utf8_pointer_to_offset (str + r->start, str + r->end);
      out.end = (guint32) chars;
      p = str + r->end;
      g_array_append_val (results, out);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_array_unref);
}

/* The tasks hold the adapter weakly: dropping it stops the checking. */
typedef struct
{
  GWeakRef self;
  Job *job;
} JobRef;

static void
job_ref_free (JobRef *ref)
{
  g_weak_ref_clear (&ref->self);
  g_free (ref);
}

static void
worker_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobRef *ref = user_data;
  g_autoptr(EpureSpellAdapter) self = g_weak_ref_get (&ref->self);
  Job *job = ref->job;
  g_autoptr(GError) error = NULL;
  GArray *results = g_task_propagate_pointer (G_TASK (result), &error);

  job_ref_free (ref);

  /* Cancelled: the adapter was disabled or disposed, the job with it. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&results, g_array_unref);
      return;
    }
  if (results == NULL)
    results = g_array_new (FALSE, FALSE, sizeof (Word));

  job->results = results;
  job->done = TRUE;
  self->in_flight--;
  while (self->in_flight < MAX_IN_FLIGHT && self->dirty->len > 0)
    dispatch (self);
  schedule (self);
}

/* ---- Choosing what to check next ---------------------------------------- */

static gboolean
visible_range (EpureSpellAdapter *self,
               gint64            *start,
               gint64            *end)
{
  g_autoptr(GtkTextView) view = g_weak_ref_get (&self->view);
  GdkRectangle rect;
  GtkTextIter s, e;

  if (view == NULL || gtk_text_view_get_buffer (view) != self->buffer)
    {
      GtkTextIter cursor;
      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor, gtk_text_buffer_get_insert (self->buffer));
      *start = MAX (0, gtk_text_iter_get_offset (&cursor) - CHUNK_CHARS / 4);
      *end = gtk_text_iter_get_offset (&cursor) + CHUNK_CHARS / 4;
      return TRUE;
    }

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_iter_at_location (view, &s, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (view, &e, rect.x + rect.width, rect.y + rect.height);
  gtk_text_iter_set_line_offset (&s, 0);
  if (!gtk_text_iter_ends_line (&e))
    gtk_text_iter_forward_to_line_end (&e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

/* Moves a cut to a place no word crosses and, when one is near, where a
 * paragraph ends (a Markdown code span may run over lines, not over a
 * blank one); else to the end of its line, else to the next white space. */
static void
snap_forward (GtkTextIter *iter,
              gint64       limit)
{
  GtkTextIter probe = *iter;
  gint64 from = gtk_text_iter_get_offset (iter);

  if (!gtk_text_iter_starts_line (&probe))
    gtk_text_iter_forward_line (&probe);
  while (!gtk_text_iter_is_end (&probe) &&
         gtk_text_iter_get_offset (&probe) - from < CONTEXT_CHARS &&
         gtk_text_iter_get_offset (&probe) < limit)
    {
      if (gtk_text_iter_ends_line (&probe))
        {
          *iter = probe;
          return;
        }
      gtk_text_iter_forward_line (&probe);
    }

  if (gtk_text_iter_starts_line (iter))
    return;
  probe = *iter;
  if (!gtk_text_iter_ends_line (&probe))
    gtk_text_iter_forward_to_line_end (&probe);
  if (gtk_text_iter_get_offset (&probe) - from < CONTEXT_CHARS)
    {
      *iter = probe;
      return;
    }
  while (gtk_text_iter_get_offset (iter) < limit && !g_unichar_isspace (gtk_text_iter_get_char (iter)))
    gtk_text_iter_forward_char (iter);
}

static void
dispatch (EpureSpellAdapter *self)
{
  g_autoptr(GTask) task = NULL;
  GtkTextIter s, e, cs, ce;
  gint64 vis_start, vis_end, start, end;
  Range *pick = NULL;
  WorkerData *data;
  Job *job;

  if (!self->enabled || self->in_flight >= MAX_IN_FLIGHT || self->dirty->len == 0)
    return;

  /* The visible part first, then the rest in order. */
  visible_range (self, &vis_start, &vis_end);
  for (guint i = 0; i < self->dirty->len && pick == NULL; i++)
    {
      Range *r = &g_array_index (self->dirty, Range, i);
      if (r->start < vis_end && r->end > vis_start)
        pick = r;
    }
  if (pick == NULL)
    {
      for (guint i = 0; i < self->dirty->len && pick == NULL; i++)
        if (g_array_index (self->dirty, Range, i).start >= vis_end)
          pick = &g_array_index (self->dirty, Range, i);
      if (pick == NULL)
        pick = &g_array_index (self->dirty, Range, 0);
      start = pick->start;
    }
  else
    {
      start = MAX (pick->start, vis_start);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &s, (int) start);
      gtk_text_iter_set_line_offset (&s, 0);
      start = MAX (pick->start, gtk_text_iter_get_offset (&s));
    }

  end = MIN (pick->end, start + CHUNK_CHARS);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, (int) end);
  if (end < pick->end)
    {
      snap_forward (&e, pick->end);
      end = MIN (gtk_text_iter_get_offset (&e), pick->end);
    }
  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, (int) start);

  /* Take [start, end) out of the dirty set. */
  {
    Range r = *pick;
    guint idx = pick - (Range *) (gpointer) self->dirty->data;
    g_array_remove_index (self->dirty, idx);
    if (r.start < start)
      dirty_add (self, r.start, start);
    if (end < r.end)
      dirty_add (self, end, r.end);
  }

  /* The worker sees the whole lines around, for code spans and URLs. */
  cs = s;
  gtk_text_iter_set_line_offset (&cs, 0);
  if (start - gtk_text_iter_get_offset (&cs) > CONTEXT_CHARS)
    gtk_text_buffer_get_iter_at_offset (self->buffer, &cs, (int) start);
  ce = e;
  if (!gtk_text_iter_ends_line (&ce))
    gtk_text_iter_forward_to_line_end (&ce);
  if (gtk_text_iter_get_offset (&ce) - end > CONTEXT_CHARS)
    ce = e;

  job = g_new0 (Job, 1);
  job->start = start;
  job->end = end;
  job->ctx_start = gtk_text_iter_get_offset (&cs);
  job->edits = g_array_new (FALSE, FALSE, sizeof (Edit));
  g_queue_push_tail (&self->jobs, job);
  self->in_flight++;

  data = g_new0 (WorkerData, 1);
  data->checker = g_object_ref (self->checker);
  data->ctx = gtk_text_buffer_get_slice (self->buffer, &cs, &ce, TRUE);
  data->ctx_start = job->ctx_start;
  data->start = start - job->ctx_start;
  data->end = end - job->ctx_start;
  data->syntax = epure_buffer_get_text_syntax (self->buffer);

  {
    JobRef *ref = g_new0 (JobRef, 1);
    g_weak_ref_init (&ref->self, self);
    ref->job = job;
    task = g_task_new (NULL, self->cancellable, worker_done, ref);
  }
  g_task_set_source_tag (task, dispatch);
  g_task_set_task_data (task, data, (GDestroyNotify) worker_data_free);
  g_task_run_in_thread (task, worker_thread);
}

/* ---- Applying results on the main loop ---------------------------------- */

static gboolean
apply_some (EpureSpellAdapter *self,
            gint64             deadline)
{
  Job *job;

  while ((job = g_queue_peek_head (&self->jobs)) != NULL && job->done)
    {
      gint64 s = map_point (job->edits, job->start);
      gint64 e = map_point (job->edits, job->end);
      g_autoptr(GArray) found = g_array_sized_new (FALSE, FALSE, sizeof (Word), job->results->len);

      for (guint i = 0; i < job->results->len; i++)
        {
          Word w = g_array_index (job->results, Word, i);
          gint64 ws = w.start, we = w.end;
          if (map_word (job->edits, &ws, &we) && ws >= s && we <= e)
            g_array_append_val (found, ((Word) { (guint32) ws, (guint32) we }));
        }
      if (s < e)
        replace_words (self, s, e, found);
      job_free (g_queue_pop_head (&self->jobs));
      if (g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  return FALSE;
}

static gboolean
pump (gpointer user_data)
{
  EpureSpellAdapter *self = user_data;
  gint64 deadline = g_get_monotonic_time () + APPLY_BUDGET_US;

  if (apply_some (self, deadline))
    return G_SOURCE_CONTINUE;

  while (self->in_flight < MAX_IN_FLIGHT && self->dirty->len > 0)
    dispatch (self);
  if (self->dirty->len > 0 || !g_queue_is_empty (&self->jobs))
    {
      /* Waiting for the worker: worker_done schedules us again. */
      Job *head = g_queue_peek_head (&self->jobs);
      if (head != NULL && head->done)
        return G_SOURCE_CONTINUE;
      self->idle_id = 0;
      return G_SOURCE_REMOVE;
    }

  self->idle_id = 0;
  set_complete (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
schedule (EpureSpellAdapter *self)
{
  if (!self->enabled || self->paused)
    return;
  if (self->dirty->len > 0 || !g_queue_is_empty (&self->jobs))
    set_complete (self, FALSE);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (PUMP_PRIORITY, pump, self, NULL);
}

static void
check_all (EpureSpellAdapter *self)
{
  if (!self->enabled || self->paused)
    return;
  dirty_add (self, 0, gtk_text_buffer_get_char_count (self->buffer));
  set_complete (self, FALSE);
  schedule (self);
}

static void
stop_all (EpureSpellAdapter *self)
{
  GtkTextIter s, e;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  self->in_flight = 0;
  g_array_set_size (self->dirty, 0);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  if (self->buffer != NULL)
    {
      gtk_text_buffer_get_bounds (self->buffer, &s, &e);
      gtk_text_buffer_remove_tag (self->buffer, self->tag, &s, &e);
    }
  g_array_set_size (self->words, 0);
  update_n_misspelled (self);
}

/* ---- Edits ------------------------------------------------------------ */

static void
record_edit (EpureSpellAdapter *self,
             gint64             pos,
             gint64             delta)
{
  Edit edit = { pos, delta };

  for (GList *l = self->jobs.head; l != NULL; l = l->next)
    g_array_append_val (((Job *) l->data)->edits, edit);
  dirty_shift (self, pos, delta);
  shift_words (self, pos, delta);
  /* The view may show other lines now (a whole new text, say). */
  epure_view_window_queue_moved (self->window);
}

/* Extends [start, end) to the white space around, where words end. */
static void
dirty_words (EpureSpellAdapter *self,
             gint64             start,
             gint64             end)
{
  GtkTextIter s, e;
  guint n;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, (int) end);
  for (n = 0; n < 256 && !gtk_text_iter_starts_line (&s); n++)
    {
      GtkTextIter prev = s;
      gtk_text_iter_backward_char (&prev);
      if (g_unichar_isspace (gtk_text_iter_get_char (&prev)))
        break;
      s = prev;
    }
  for (n = 0; n < 256 && !gtk_text_iter_ends_line (&e); n++)
    {
      if (g_unichar_isspace (gtk_text_iter_get_char (&e)))
        break;
      gtk_text_iter_forward_char (&e);
    }
  dirty_add (self, gtk_text_iter_get_offset (&s), gtk_text_iter_get_offset (&e));
  schedule (self);
}

static void
on_insert_text_after (EpureSpellAdapter *self,
                      const GtkTextIter *location,
                      const char        *text,
                      int                len)
{
  gint64 n, pos;

  if (!self->enabled || self->paused)
    return;

  n = g_utf8_strlen (text, len);
  pos = gtk_text_iter_get_offset (location) - n;
  record_edit (self, pos, n);
  dirty_words (self, pos, pos + n);
}

static void
on_delete_range_before (EpureSpellAdapter *self,
                        const GtkTextIter *start,
                        const GtkTextIter *end)
{
  if (!self->enabled || self->paused)
    return;
  self->delete_start = gtk_text_iter_get_offset (start);
  self->delete_end = gtk_text_iter_get_offset (end);
}

static void
on_delete_range_after (EpureSpellAdapter *self,
                       const GtkTextIter *start,
                       const GtkTextIter *end)
{
  gint64 pos;

  if (!self->enabled || self->paused)
    return;
  pos = self->delete_start;
  record_edit (self, pos, -(self->delete_end - self->delete_start));
  dirty_words (self, pos, pos);
}

static void
on_checker_changed (EpureSpellAdapter *self)
{
  /* A word added or ignored, another language: check everything again,
   * the visible part first; old underlines stay until their text is done. */
  check_all (self);
}

/* ---- Context menu ------------------------------------------------------- */

static void
clear_word (EpureSpellAdapter *self)
{
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_pointer (&self->word, g_free);
  g_menu_remove_all (self->suggestions_section);
  g_menu_remove_all (self->word_section);
}

static void
set_word_actions_enabled (EpureSpellAdapter *self,
                          gboolean           enabled)
{
  const char *names[] = { "replace", "add", "ignore" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i])),
                                 enabled);
}

static void
suggest_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EpureSpellAdapter) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = epure_checker_suggest_finish (EPURE_CHECKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->word == NULL)
    return;

  g_menu_remove_all (self->suggestions_section);
  if (words == NULL || words[0] == NULL)
    {
      g_menu_append (self->suggestions_section, _("No Suggestions"), "spelling.none");
      return;
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (words[i], NULL);
      g_menu_item_set_action_and_target_value (item, "spelling.replace", g_variant_new_string (words[i]));
      g_menu_append_item (self->suggestions_section, item);
    }
}

/* Characters beyond the checker's window, so that the window's edges
 * (snapped to white space) see the same bytes as in the whole text. */
#define CONTEXT_SLACK 16

/* Whether @iter is on or just after an underlined word; its bounds. */
static gboolean
tagged_run_at (EpureSpellAdapter *self,
               const GtkTextIter *iter,
               GtkTextIter       *start,
               GtkTextIter       *end)
{
  *start = *iter;
  if (!gtk_text_iter_has_tag (start, self->tag))
    {
      if (!gtk_text_iter_ends_tag (start, self->tag))
        return FALSE;
      gtk_text_iter_backward_char (start);
    }
  *end = *start;
  if (!gtk_text_iter_starts_tag (start, self->tag))
    gtk_text_iter_backward_to_tag_toggle (start, self->tag);
  gtk_text_iter_forward_to_tag_toggle (end, self->tag);
  return TRUE;
}

void
epure_spell_adapter_update_menu (EpureSpellAdapter *self,
                                 const GtkTextIter *iter)
{
  GtkTextIter start, end, context_start, context_end;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(EpureFinding) finding = NULL;
  g_autofree char *context = NULL;
  gsize word_start;

  g_return_if_fail (EPURE_IS_SPELL_ADAPTER (self));
  g_return_if_fail (iter != NULL);

  clear_word (self);

  if (!self->enabled || !tagged_run_at (self, iter, &start, &end))
    {
      set_word_actions_enabled (self, FALSE);
      return;
    }

  /* The menu talks about the very token that is underlined. */
  self->word = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  set_word_actions_enabled (self, TRUE);

  g_menu_append (self->suggestions_section, _("Looking for Suggestions…"), "spelling.none");
  g_menu_append (self->word_section, _("Add to Dictionary"), "spelling.add");
  g_menu_append (self->word_section, _("Ignore All"), "spelling.ignore");

  /* The document around the word ranks the suggestions (the checker reads
   * EPURE_SPELLING_CONTEXT_BYTES each side): a slice at least that many
   * bytes wider each side (a character is one byte or more) gives the
   * same suggestions as the whole text would, as in epure-cli. */
  context_start = start;
  context_end = end;
  gtk_text_iter_backward_chars (&context_start, EPURE_SPELLING_CONTEXT_BYTES + CONTEXT_SLACK);
  gtk_text_iter_forward_chars (&context_end, EPURE_SPELLING_CONTEXT_BYTES + CONTEXT_SLACK);
  context = gtk_text_buffer_get_slice (self->buffer, &context_start, &context_end, TRUE);
  word_start = g_utf8_offset_to_pointer (context, gtk_text_iter_get_offset (&start) -
                                                  gtk_text_iter_get_offset (&context_start)) - context;
  text = epure_text_new (context, -1, NULL);
  if (text == NULL)
    return;
  finding = epure_finding_new (EPURE_SPELLING_CHECKER_ID, EPURE_SPELLING_RULE_MISSPELLED,
                               EPURE_CATEGORY_SPELLING, word_start, word_start + strlen (self->word), "");
  self->suggest_cancellable = g_cancellable_new ();
  epure_checker_suggest_async (EPURE_CHECKER (self->checker), text, finding, self->suggest_cancellable,
                               suggest_done, g_object_ref (self));
}

static void
rebuild_languages_menu (EpureSpellAdapter *self)
{
  g_auto(GStrv) languages = epure_spelling_list_languages ();

  g_menu_remove_all (self->languages_menu);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *name = epure_spelling_language_name (languages[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "spelling.language", g_variant_new_string (languages[i]));
      g_menu_append_item (self->languages_menu, item);
    }
}

/* ---- Actions ------------------------------------------------------------ */

static void
action_replace (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  EpureSpellAdapter *self = user_data;
  const char *replacement = g_variant_get_string (param, NULL);
  GtkTextIter start, end;

  if (self->word == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, self->word_end);

  /* One undo step. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);

  clear_word (self);
  set_word_actions_enabled (self, FALSE);
}

/* The menu's word, the menu done with it. */
static char *
take_word (EpureSpellAdapter *self)
{
  char *word = g_steal_pointer (&self->word);

  clear_word (self);
  set_word_actions_enabled (self, FALSE);
  return word;
}

static void
action_add (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  EpureSpellAdapter *self = user_data;
  g_autofree char *word = take_word (self);

  if (word != NULL)
    epure_spelling_checker_add_word (self->checker, word, -1);
}

static void
action_ignore (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  EpureSpellAdapter *self = user_data;
  g_autofree char *word = take_word (self);

  if (word != NULL)
    epure_spelling_checker_ignore_word (self->checker, word, -1);
}

static void
action_language (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  epure_spell_adapter_set_language (user_data, g_variant_get_string (param, NULL));
}

static void
action_enabled (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  epure_spell_adapter_set_enabled (user_data, g_variant_get_boolean (param));
}

static void
action_next (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  epure_spell_adapter_select_next (user_data);
}

static void
action_previous (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  epure_spell_adapter_select_previous (user_data);
}

static const GActionEntry action_entries[] = {
  { "replace", action_replace, "s" },
  { "add", action_add },
  { "ignore", action_ignore },
  { "language", NULL, "s", "'fr_FR'", action_language },
  { "enabled", NULL, NULL, "true", action_enabled },
  { "next", action_next },
  { "previous", action_previous },
  { "none" },
};

static void
sync_action_states (EpureSpellAdapter *self)
{
  GAction *language = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "language");
  GAction *enabled = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "enabled");
  GAction *none = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none");

  g_simple_action_set_state (G_SIMPLE_ACTION (language),
                             g_variant_new_string (epure_spelling_checker_get_language (self->checker)));
  g_simple_action_set_state (G_SIMPLE_ACTION (enabled), g_variant_new_boolean (self->enabled));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (none), FALSE);
}

static void
on_language_notify (EpureSpellAdapter *self)
{
  sync_action_states (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* ---- GObject ------------------------------------------------------------ */

static void
epure_spell_adapter_constructed (GObject *object)
{
  EpureSpellAdapter *self = EPURE_SPELL_ADAPTER (object);
  GtkTextIter start;
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenu) languages_section = NULL;
  g_autoptr(GMenuItem) language_item = NULL;

  G_OBJECT_CLASS (epure_spell_adapter_parent_class)->constructed (object);

  g_return_if_fail (GTK_IS_TEXT_BUFFER (self->buffer));

  if (self->checker == NULL)
    self->checker = epure_spelling_checker_new (NULL);

  self->tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                          "underline", PANGO_UNDERLINE_ERROR,
                                          "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                          NULL);
  g_object_ref (self->tag);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  g_object_ref (self->word_start);
  g_object_ref (self->word_end);

  g_signal_connect_object (self->buffer, "insert-text", G_CALLBACK (on_insert_text_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_before), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "delete-range", G_CALLBACK (on_delete_range_after), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->checker_changed_id = g_signal_connect_swapped (self->checker, "changed",
                                                       G_CALLBACK (on_checker_changed), self);
  self->checker_language_id = g_signal_connect_swapped (self->checker, "notify::language",
                                                        G_CALLBACK (on_language_notify), self);

  /* Menu: suggestions, word actions, then the language submenu. */
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  sync_action_states (self);
  set_word_actions_enabled (self, FALSE);

  self->menu = g_menu_new ();
  self->suggestions_section = g_menu_new ();
  self->word_section = g_menu_new ();
  self->languages_menu = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->suggestions_section));
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->word_section));
  languages_section = g_menu_new ();
  language_item = g_menu_item_new_submenu (_("Language"), G_MENU_MODEL (self->languages_menu));
  g_menu_append_item (languages_section, language_item);
  g_menu_append (languages_section, _("Check Spelling"), "spelling.enabled");
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (languages_section));
  rebuild_languages_menu (self);

  check_all (self);
}

static void
epure_spell_adapter_dispose (GObject *object)
{
  EpureSpellAdapter *self = EPURE_SPELL_ADAPTER (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->suggest_cancellable);
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_object (&self->window);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  if (self->checker != NULL)
    {
      g_clear_signal_handler (&self->checker_changed_id, self->checker);
      g_clear_signal_handler (&self->checker_language_id, self->checker);
    }
  if (self->buffer != NULL)
    {
      GtkTextIter s, e;
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      gtk_text_buffer_get_bounds (self->buffer, &s, &e);
      if (self->tag != NULL)
        {
          gtk_text_buffer_remove_tag (self->buffer, self->tag, &s, &e);
          gtk_text_tag_table_remove (gtk_text_buffer_get_tag_table (self->buffer), self->tag);
        }
      if (self->word_start != NULL)
        gtk_text_buffer_delete_mark (self->buffer, self->word_start);
      if (self->word_end != NULL)
        gtk_text_buffer_delete_mark (self->buffer, self->word_end);
    }
  g_clear_object (&self->tag);
  g_clear_object (&self->word_start);
  g_clear_object (&self->word_end);
  g_clear_object (&self->buffer);
  g_clear_object (&self->checker);
  g_clear_object (&self->menu);
  g_clear_object (&self->suggestions_section);
  g_clear_object (&self->word_section);
  g_clear_object (&self->languages_menu);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (epure_spell_adapter_parent_class)->dispose (object);
}

static void
epure_spell_adapter_finalize (GObject *object)
{
  EpureSpellAdapter *self = EPURE_SPELL_ADAPTER (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_pointer (&self->dirty, g_array_unref);
  g_clear_pointer (&self->words, g_array_unref);
  g_clear_pointer (&self->word, g_free);
  g_weak_ref_clear (&self->view);

  G_OBJECT_CLASS (epure_spell_adapter_parent_class)->finalize (object);
}

static void
epure_spell_adapter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EpureSpellAdapter *self = EPURE_SPELL_ADAPTER (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      g_value_set_object (value, self->buffer);
      break;
    case PROP_CHECKER:
      g_value_set_object (value, self->checker);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, epure_spell_adapter_get_language (self));
      break;
    case PROP_N_MISSPELLED:
      g_value_set_uint (value, self->n_misspelled);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_spell_adapter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EpureSpellAdapter *self = EPURE_SPELL_ADAPTER (object);

  switch (prop_id)
    {
    case PROP_BUFFER:
      self->buffer = g_value_dup_object (value);
      break;
    case PROP_CHECKER:
      {
        GObject *checker = g_value_get_object (value);
        g_return_if_fail (checker == NULL || EPURE_IS_SPELLING_CHECKER (checker));
        self->checker = checker ? g_object_ref (EPURE_SPELLING_CHECKER (checker)) : NULL;
      }
      break;
    case PROP_ENABLED:
      epure_spell_adapter_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      epure_spell_adapter_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_spell_adapter_class_init (EpureSpellAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = epure_spell_adapter_constructed;
  object_class->dispose = epure_spell_adapter_dispose;
  object_class->finalize = epure_spell_adapter_finalize;
  object_class->get_property = epure_spell_adapter_get_property;
  object_class->set_property = epure_spell_adapter_set_property;

  properties[PROP_BUFFER] =
    g_param_spec_object ("buffer", NULL, NULL, GTK_TYPE_TEXT_BUFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKER] =
    g_param_spec_object ("checker", NULL, NULL, EPURE_TYPE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, EPURE_SPELLING_DEFAULT_LANGUAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MISSPELLED] =
    g_param_spec_uint ("n-misspelled", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_spell_adapter_init (EpureSpellAdapter *self)
{
  self->enabled = TRUE;
  self->dirty = g_array_new (FALSE, FALSE, sizeof (Range));
  self->words = g_array_new (FALSE, FALSE, sizeof (Word));
  self->win_start = 0;
  self->win_end = G_MAXINT64;
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->jobs);
  g_weak_ref_init (&self->view, NULL);
  self->window = epure_view_window_new ();
  g_signal_connect_swapped (self->window, "moved", G_CALLBACK (on_window_moved), self);
}

/* ---- Following the view ------------------------------------------------- */

static void
on_window_moved (EpureSpellAdapter *self)
{
  update_window (self);
  /* Newly shown text that is not checked yet goes first. */
  schedule (self);
}

/* ---- Public API --------------------------------------------------------- */

EpureSpellAdapter *
epure_spell_adapter_new (GtkTextBuffer *buffer,
                         EpureChecker  *checker)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);
  g_return_val_if_fail (checker == NULL || EPURE_IS_SPELLING_CHECKER (checker), NULL);

  return g_object_new (EPURE_TYPE_SPELL_ADAPTER, "buffer", buffer, "checker", checker, NULL);
}

GtkTextBuffer *
epure_spell_adapter_get_buffer (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return self->buffer;
}

void
epure_spell_adapter_set_view (EpureSpellAdapter *self,
                              GtkTextView       *view)
{
  g_return_if_fail (EPURE_IS_SPELL_ADAPTER (self));
  g_return_if_fail (view == NULL || GTK_IS_TEXT_VIEW (view));

  g_weak_ref_set (&self->view, view);
  epure_view_window_set_view (self->window, view);
}

EpureChecker *
epure_spell_adapter_get_checker (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return EPURE_CHECKER (self->checker);
}

gboolean
epure_spell_adapter_get_enabled (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  return self->enabled;
}

void
epure_spell_adapter_set_enabled (EpureSpellAdapter *self,
                                 gboolean           enabled)
{
  g_return_if_fail (EPURE_IS_SPELL_ADAPTER (self));

  enabled = !!enabled;
  if (enabled == self->enabled)
    return;
  self->enabled = enabled;
  if (self->buffer != NULL)
    {
      if (enabled)
        check_all (self);
      else
        {
          stop_all (self);
          clear_word (self);
          set_complete (self, TRUE);
        }
    }
  if (self->actions != NULL)
    sync_action_states (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * epure_spell_adapter_set_paused:
 *
 * While paused, edits are not followed and underlines are gone; unpausing
 * checks the whole text once.  For loading a file in slices.
 */
void
epure_spell_adapter_set_paused (EpureSpellAdapter *self,
                                gboolean           paused)
{
  g_return_if_fail (EPURE_IS_SPELL_ADAPTER (self));

  paused = !!paused;
  if (paused == self->paused)
    return;
  self->paused = paused;
  if (self->buffer == NULL || !self->enabled)
    return;
  if (paused)
    {
      stop_all (self);
      clear_word (self);
      set_complete (self, FALSE);
    }
  else
    check_all (self);
}

const char *
epure_spell_adapter_get_language (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return self->checker ? epure_spelling_checker_get_language (self->checker) : EPURE_SPELLING_DEFAULT_LANGUAGE;
}

void
epure_spell_adapter_set_language (EpureSpellAdapter *self,
                                  const char        *language)
{
  g_return_if_fail (EPURE_IS_SPELL_ADAPTER (self));

  /* The checker notifies and emits ::changed: the buffer is re-checked. */
  if (self->checker != NULL)
    epure_spelling_checker_set_language (self->checker, language);
}

guint
epure_spell_adapter_get_n_misspelled (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), 0);
  return self->n_misspelled;
}

gboolean
epure_spell_adapter_get_complete (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  return self->complete;
}

GtkTextTag *
epure_spell_adapter_get_tag (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return self->tag;
}

GMenuModel *
epure_spell_adapter_get_menu_model (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return G_MENU_MODEL (self->menu);
}

GActionGroup *
epure_spell_adapter_get_action_group (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

static void
word_iters (EpureSpellAdapter *self,
            guint              index,
            GtkTextIter       *start,
            GtkTextIter       *end)
{
  Word *w = &g_array_index (self->words, Word, index);

  gtk_text_buffer_get_iter_at_offset (self->buffer, start, (int) w->start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, (int) w->end);
}

gboolean
epure_spell_adapter_find_next (EpureSpellAdapter *self,
                               const GtkTextIter *from,
                               GtkTextIter       *match_start,
                               GtkTextIter       *match_end)
{
  gint64 pos;
  guint i;

  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (self->words->len == 0)
    return FALSE;

  /* The first word that starts after @from (past the one it is in), or
   * the first of all. */
  pos = gtk_text_iter_get_offset (from);
  i = words_after (self->words, pos);
  if (i < self->words->len && g_array_index (self->words, Word, i).start <= pos)
    i++;
  if (i >= self->words->len)
    i = 0;
  word_iters (self, i, match_start, match_end);
  return TRUE;
}

gboolean
epure_spell_adapter_find_previous (EpureSpellAdapter *self,
                                   const GtkTextIter *from,
                                   GtkTextIter       *match_start,
                                   GtkTextIter       *match_end)
{
  gint64 pos;
  guint i;

  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (self->words->len == 0)
    return FALSE;

  /* The last word that starts before the one @from is in (or before it). */
  pos = gtk_text_iter_get_offset (from);
  i = words_after (self->words, pos);
  if (i < self->words->len && g_array_index (self->words, Word, i).start < pos)
    pos = g_array_index (self->words, Word, i).start;
  while (i > 0 && g_array_index (self->words, Word, i - 1).start >= pos)
    i--;
  i = i > 0 ? i - 1 : self->words->len - 1;
  word_iters (self, i, match_start, match_end);
  return TRUE;
}

static gboolean
select_misspelling (EpureSpellAdapter *self,
                    gboolean           forward)
{
  GtkTextIter cursor, start, end;
  gboolean found;

  gtk_text_buffer_get_selection_bounds (self->buffer, &cursor, NULL);
  if (forward)
    found = epure_spell_adapter_find_next (self, &cursor, &start, &end);
  else
    found = epure_spell_adapter_find_previous (self, &cursor, &start, &end);
  if (found)
    {
      g_autoptr(GtkTextView) view = g_weak_ref_get (&self->view);
      gtk_text_buffer_select_range (self->buffer, &start, &end);
      if (view != NULL)
        gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (self->buffer), 0.1, FALSE, 0, 0);
    }
  return found;
}

gboolean
epure_spell_adapter_select_next (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  return select_misspelling (self, TRUE);
}

gboolean
epure_spell_adapter_select_previous (EpureSpellAdapter *self)
{
  g_return_val_if_fail (EPURE_IS_SPELL_ADAPTER (self), FALSE);
  return select_misspelling (self, FALSE);
}
