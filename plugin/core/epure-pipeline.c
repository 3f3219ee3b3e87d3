/* epure-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-error.h"
#include "epure-pipeline.h"
#include "epure-text-private.h"

/* clean: re-check after applying, because one fix can reveal another
 * (a quote converted, then its spacing); bounded so it always ends. */
#define MAX_CLEAN_PASSES 4

struct _EpurePipeline
{
  GObject parent_instance;

  GMutex mutex;          /* guards checkers: the GUI checks from a thread */
  GPtrArray *checkers;   /* EpureChecker, in the order they were added */
  gboolean recheck_settled;  /* clean re-checks even settled edits (tests) */
};

G_DEFINE_FINAL_TYPE (EpurePipeline, epure_pipeline, G_TYPE_OBJECT)

static void
epure_pipeline_finalize (GObject *object)
{
  EpurePipeline *self = (EpurePipeline *) object;

  g_clear_pointer (&self->checkers, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (epure_pipeline_parent_class)->finalize (object);
}

static void
epure_pipeline_class_init (EpurePipelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_pipeline_finalize;
}

static void
epure_pipeline_init (EpurePipeline *self)
{
  g_mutex_init (&self->mutex);
  self->checkers = g_ptr_array_new_with_free_func (g_object_unref);
}

EpurePipeline *
epure_pipeline_new (void)
{
  return g_object_new (EPURE_TYPE_PIPELINE, NULL);
}

void
epure_pipeline_add_checker (EpurePipeline *self,
                            EpureChecker  *checker)
{
  g_return_if_fail (EPURE_IS_PIPELINE (self));
  g_return_if_fail (EPURE_IS_CHECKER (checker));

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->checkers, g_object_ref (checker));
  g_mutex_unlock (&self->mutex);
}

gboolean
epure_pipeline_remove_checker (EpurePipeline *self,
                               const char    *id)
{
  gboolean removed = FALSE;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), FALSE);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->checkers->len; i++)
    if (g_strcmp0 (epure_checker_get_id (g_ptr_array_index (self->checkers, i)), id) == 0)
      {
        g_ptr_array_remove_index (self->checkers, i);
        removed = TRUE;
        break;
      }
  g_mutex_unlock (&self->mutex);

  return removed;
}

/* Returns: (transfer none) (nullable) */
EpureChecker *
epure_pipeline_get_checker (EpurePipeline *self,
                            const char    *id)
{
  EpureChecker *found = NULL;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->checkers->len; i++)
    if (g_strcmp0 (epure_checker_get_id (g_ptr_array_index (self->checkers, i)), id) == 0)
      found = g_ptr_array_index (self->checkers, i);
  g_mutex_unlock (&self->mutex);

  return found;
}

/* Returns: (transfer container) a snapshot of the checkers, in order. */
GPtrArray *
epure_pipeline_get_checkers (EpurePipeline *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);

  g_mutex_lock (&self->mutex);
  copy = g_ptr_array_new_full (self->checkers->len, g_object_unref);
  for (guint i = 0; i < self->checkers->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->checkers, i)));
  g_mutex_unlock (&self->mutex);

  return copy;
}

/* PARAGRAPH only when every checker is: then the text may be streamed. */
EpureCheckerScope
epure_pipeline_get_scope (EpurePipeline *self)
{
  g_autoptr(GPtrArray) checkers = epure_pipeline_get_checkers (self);

  for (guint i = 0; i < checkers->len; i++)
    if (epure_checker_get_scope (g_ptr_array_index (checkers, i)) != EPURE_CHECKER_SCOPE_PARAGRAPH)
      return EPURE_CHECKER_SCOPE_DOCUMENT;
  return EPURE_CHECKER_SCOPE_PARAGRAPH;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return epure_finding_compare (*(EpureFinding * const *) a, *(EpureFinding * const *) b);
}

static GPtrArray *
check_with (GPtrArray     *checkers,
            EpureText     *text,
            GPtrArray    **problems,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (guint i = 0; i < checkers->len; i++)
    {
      EpureChecker *checker = g_ptr_array_index (checkers, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      found = epure_checker_check (checker, text, cancellable, &local_error);
      if (found == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* One checker failing (a missing dictionary) leaves the others working. */
          if (local_error == NULL)
            local_error = g_error_new (EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_FAILED,
                                       "The %s checker failed", epure_checker_get_id (checker));
          g_ptr_array_add (errors, g_steal_pointer (&local_error));
          continue;
        }

      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (findings, g_object_ref (g_ptr_array_index (found, j)));
    }

  /* One checker's findings often come in text order already. */
  for (guint i = 1; i < findings->len; i++)
    if (compare_findings (&findings->pdata[i - 1], &findings->pdata[i]) > 0)
      {
        g_ptr_array_sort (findings, compare_findings);
        break;
      }
  epure_findings_locate (findings, text);

  if (problems != NULL)
    *problems = g_steal_pointer (&errors);

  return g_steal_pointer (&findings);
}

/**
 * epure_pipeline_check:
 * @problems: (out) (optional): a GPtrArray of GError, one per checker that
 *   could not run; those checkers are skipped, the others still report.
 *
 * Returns: (transfer container): the findings of every checker, located and
 * sorted in text order, or NULL when cancelled.
 */
GPtrArray *
epure_pipeline_check (EpurePipeline  *self,
                      EpureText      *text,
                      GPtrArray     **problems,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GPtrArray) checkers = NULL;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  checkers = epure_pipeline_get_checkers (self);
  return check_with (checkers, text, problems, cancellable, error);
}

typedef struct
{
  GPtrArray *checkers;
  EpureText *text;
  GPtrArray *problems;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_pointer (&data->checkers, g_ptr_array_unref);
  g_clear_pointer (&data->text, epure_text_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;
  GPtrArray *findings;

  findings = check_with (data->checkers, data->text, &data->problems, cancellable, &error);
  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

void
epure_pipeline_check_async (EpurePipeline       *self,
                            EpureText           *text,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (EPURE_IS_PIPELINE (self));
  g_return_if_fail (text != NULL);

  data = g_new0 (CheckData, 1);
  data->checkers = epure_pipeline_get_checkers (self);
  data->text = epure_text_ref (text);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, epure_pipeline_check_async);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, check_thread);
}

GPtrArray *
epure_pipeline_check_finish (EpurePipeline  *self,
                             GAsyncResult   *result,
                             GPtrArray     **problems,
                             GError        **error)
{
  CheckData *data;
  GPtrArray *findings;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  findings = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (findings != NULL && problems != NULL)
    *problems = g_steal_pointer (&data->problems);
  return findings;
}

/* A conflict is resolved by keeping the edit that comes first in @edits
 * (sorted); edits past the end of the text are dropped.  Takes @edits. */
static GPtrArray *
keep_first_edits (GPtrArray *edits,
                  gsize      length)
{
  guint kept = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      EpureEdit *e = g_ptr_array_index (edits, i);
      EpureEdit *prev = kept > 0 ? g_ptr_array_index (edits, kept - 1) : NULL;

      if (e->end > length || (prev != NULL && epure_edits_conflict (prev, e)))
        {
          epure_edit_free (e);
          continue;
        }
      edits->pdata[kept++] = e;
    }
  /* The dropped ones are freed already. */
  edits->len = kept;
  return edits;
}

/**
 * epure_pipeline_create_edits:
 * @findings: the findings whose first replacement the user chose
 * @skip_overlapping: drop an edit that overlaps an earlier one instead of
 *   failing; "clean" uses it, an explicit choice by the user does not
 *
 * Returns: (transfer container): EpureEdits sorted in text order.
 */
GPtrArray *
epure_pipeline_create_edits (EpurePipeline  *self,
                             EpureText      *text,
                             GPtrArray      *findings,
                             gboolean        skip_overlapping,
                             GError        **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *finding = g_ptr_array_index (findings, i);
      EpureChecker *checker = epure_pipeline_get_checker (self, epure_finding_get_checker_id (finding));
      EpureEdit *edit;

      if (checker != NULL)
        edit = epure_checker_create_edit (checker, text, finding, 0);
      else
        edit = epure_finding_create_edit (finding, 0);
      if (edit != NULL)
        g_ptr_array_add (edits, edit);
    }

  if (!skip_overlapping)
    {
      if (!epure_edits_sort_and_check (edits, epure_text_get_length (text), error))
        return NULL;
      return g_steal_pointer (&edits);
    }

  epure_edits_sort (edits);
  return keep_first_edits (g_steal_pointer (&edits), epure_text_get_length (text));
}

/* Applies the chosen findings' fixes; refuses overlapping ones. */
char *
epure_pipeline_apply (EpurePipeline  *self,
                      EpureText      *text,
                      GPtrArray      *findings,
                      gsize          *out_len,
                      GError        **error)
{
  g_autoptr(GPtrArray) edits = NULL;
  const char *str;
  gsize len;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);

  edits = epure_pipeline_create_edits (self, text, findings, FALSE, error);
  if (edits == NULL)
    return NULL;

  str = epure_text_get_string (text, &len);
  return epure_edits_apply (str, len, edits, out_len, error);
}

/**
 * epure_pipeline_automatic_findings:
 * @checker_id: (nullable): only this checker's findings
 *
 * Returns: (transfer container): the findings "clean" would apply.
 */
GPtrArray *
epure_pipeline_automatic_findings (GPtrArray  *findings,
                                   const char *checker_id,
                                   double      min_confidence)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);

      if (!epure_finding_get_automatic (f))
        continue;
      if (checker_id != NULL && g_strcmp0 (epure_finding_get_checker_id (f), checker_id) != 0)
        continue;
      if (epure_finding_get_confidence (f) < min_confidence)
        continue;
      g_ptr_array_add (out, g_object_ref (f));
    }

  return out;
}

/* Adds to @all the problems of one pass it does not hold yet: a checker
 * that cannot run fails the same way at every pass. */
static void
merge_problems (GPtrArray *all,
                GPtrArray *pass)
{
  for (guint i = 0; pass != NULL && i < pass->len; i++)
    {
      const GError *e = g_ptr_array_index (pass, i);
      gboolean known = FALSE;

      for (guint j = 0; j < all->len && !known; j++)
        {
          const GError *k = g_ptr_array_index (all, j);
          known = k->domain == e->domain && k->code == e->code && g_strcmp0 (k->message, e->message) == 0;
        }
      if (!known)
        g_ptr_array_add (all, g_error_copy (e));
    }
}

/* Pieces closer than this are checked as one: fewer, larger snapshots. */
#define PIECE_GAP 4096

/* What a clean pass through fix() leaves for the next one: where it
 * changed the text.  With PARAGRAPH scope, a paragraph the pass did not
 * touch had no fix and gets none the next time (its findings depend on
 * it alone), so the next pass only checks the paragraphs around the
 * changes. */
typedef struct
{
  GArray *dirty;   /* gsize pairs, [start, end) in the next text, in order; NULL: all of it */
} FixState;

static void
fix_state_clear (FixState *state)
{
  g_clear_pointer (&state->dirty, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FixState, fix_state_clear)

/* The pieces of @text to check again: the dirty ranges widened to cuts
 * and to whole verbatim spans (a code block may hold empty lines). */
static GArray *
make_pieces (EpureText *text,
             GArray    *dirty)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (gsize));
  const gsize *r = (const gsize *) (gpointer) dirty->data;
  const EpureVerbatimSpan *spans;
  const char *s;
  gsize len;
  guint n_spans, k = 0;

  s = epure_text_get_string (text, &len);
  spans = epure_text_get_verbatim_spans (text, &n_spans);

  for (guint i = 0; i < dirty->len / 2; i++)
    {
      gsize a = MIN (r[2 * i], len), b = MIN (r[2 * i + 1], len);
      gsize *last = pieces->len ? &g_array_index (pieces, gsize, pieces->len - 2) : NULL;
      gboolean grown;

      if (last != NULL && a <= last[1] + PIECE_GAP)
        {
          if (b > last[1])
            last[1] = epure_piece_cut_after (s, len, b);
          continue;
        }

      a = epure_piece_cut_before (s, len, a);
      b = epure_piece_cut_after (s, len, MAX (a, b));
      do
        {
          grown = FALSE;
          while (k < n_spans && spans[k].end <= a)
            k++;
          for (guint j = k; j < n_spans && spans[j].start < b; j++)
            {
              if (spans[j].start < a)
                {
                  a = epure_piece_cut_before (s, len, spans[j].start);
                  grown = TRUE;
                }
              if (spans[j].end > b)
                {
                  b = epure_piece_cut_after (s, len, spans[j].end);
                  grown = TRUE;
                }
            }
          if (grown)
            k = 0;
        }
      while (grown);

      if (last != NULL && a <= last[1] + PIECE_GAP)
        last[1] = MAX (last[1], b);
      else
        {
          g_array_append_val (pieces, a);
          g_array_append_val (pieces, b);
        }
    }

  /* A merged piece may cut a span: then the whole text, to be safe. */
  k = 0;
  for (guint i = 0; i < pieces->len / 2; i++)
    {
      const gsize *pc = &g_array_index (pieces, gsize, 2 * i);

      while (k < n_spans && spans[k].end <= pc[0])
        k++;
      for (guint j = k; j < n_spans && spans[j].start < pc[1]; j++)
        if (spans[j].start < pc[0] || spans[j].end > pc[1])
          {
            gsize whole[2] = { 0, len };

            g_array_set_size (pieces, 0);
            g_array_append_vals (pieces, whole, 2);
            return pieces;
          }
    }

  return pieces;
}

/* epure_checker_fix() on each piece of @text alone, offsets made @text's. */
static GPtrArray *
fix_pieces (EpureChecker  *checker,
            EpureText     *text,
            GArray        *pieces,
            double         min_confidence,
            GArray        *unsettled,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  const gsize *pc = (const gsize *) (gpointer) pieces->data;

  for (guint i = 0; i < pieces->len / 2; i++)
    {
      g_autoptr(EpureText) piece = epure_text_new_slice (text, pc[2 * i], pc[2 * i + 1]);
      g_autoptr(GPtrArray) found = NULL;

      guint n_unsettled = unsettled != NULL ? unsettled->len : 0;

      if (unsettled != NULL)
        found = epure_checker_fix_settled (checker, piece, min_confidence, unsettled, cancellable, error);
      else
        found = epure_checker_fix (checker, piece, min_confidence, cancellable, error);
      if (found == NULL)
        return NULL;
      for (guint j = n_unsettled; unsettled != NULL && j < unsettled->len; j++)
        g_array_index (unsettled, gsize, j) += pc[2 * i];
      for (guint j = 0; j < found->len; j++)
        {
          EpureEdit *e = g_ptr_array_index (found, j);
          e->start += pc[2 * i];
          e->end += pc[2 * i];
        }
      g_ptr_array_extend_and_steal (edits, g_steal_pointer (&found));
    }

  return g_steal_pointer (&edits);
}

/* Is @e within none of the sorted [start, end) pairs of @unsettled?  *@k
 * walks them as the edits go forward. */
static gboolean
edit_is_settled (const EpureEdit *e,
                 GArray          *unsettled,
                 guint           *k)
{
  const gsize *u = (const gsize *) (gpointer) unsettled->data;

  while (*k < unsettled->len / 2 && u[2 * *k + 1] < e->end)
    (*k)++;
  return *k == unsettled->len / 2 || u[2 * *k] > e->start;
}

/* Where @edits, once applied, leave changed text that must be checked
 * again, in the new offsets: that of the edits within @unsettled (sorted
 * [start, end) pairs), or of all of them when it is NULL. */
static GArray *
dirty_ranges (GPtrArray *edits,
              GArray    *unsettled)
{
  GArray *dirty;
  gssize delta = 0;
  guint k = 0;

  /* Most often every edit settled: then their lengths need not be read
   * (a whole paragraph each, for a lone checker). */
  if (unsettled != NULL)
    {
      guint i = 0;

      while (i < edits->len && edit_is_settled (g_ptr_array_index (edits, i), unsettled, &k))
        i++;
      if (i == edits->len)
        return g_array_new (FALSE, FALSE, sizeof (gsize));
      k = 0;
    }

  dirty = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 2 * edits->len);
  for (guint i = 0; i < edits->len; i++)
    {
      const EpureEdit *e = g_ptr_array_index (edits, i);
      gsize n = strlen (e->replacement);
      gsize start = e->start + delta;
      /* One byte more: a deletion changes what is on both sides of it. */
      gsize end = start + n + 1;
      gboolean settled = unsettled != NULL && edit_is_settled (e, unsettled, &k);

      delta += (gssize) n - (gssize) (e->end - e->start);
      if (settled)
        continue;
      g_array_append_val (dirty, start);
      g_array_append_val (dirty, end);
    }
  return dirty;
}

/* One cleaning pass through the checkers' fast paths, when every checker
 * has one: into @out_edits, the edits that check → automatic findings →
 * create_edits would give, without making findings.  @out_edits is NULL
 * when the fast path cannot be taken: a checker without fix(), or two
 * edits of the same range, which only the findings' rule ids would order.
 * @state says where the previous pass changed the text and gets where
 * this one does; @each_fix asks for one edit a fix.  Returns FALSE with @error when cancelled. */
static gboolean
fix_with (EpurePipeline  *self,
          EpureText      *text,
          double          min_confidence,
          gboolean        each_fix,
          FixState       *state,
          GPtrArray     **out_edits,
          GPtrArray     **problems,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GPtrArray) checkers = epure_pipeline_get_checkers (self);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  g_autoptr(GArray) pieces = NULL;
  g_autoptr(GArray) unsettled = NULL;
  gboolean sorted = TRUE;
  guint n_found;

  *out_edits = NULL;
  for (guint i = 0; i < checkers->len; i++)
    if (!epure_checker_has_fix (g_ptr_array_index (checkers, i)))
      return TRUE;

  if (state->dirty != NULL && epure_pipeline_get_scope (self) == EPURE_CHECKER_SCOPE_PARAGRAPH)
    {
      gsize total = 0;

      pieces = make_pieces (text, state->dirty);
      for (guint i = 0; i < pieces->len / 2; i++)
        total += g_array_index (pieces, gsize, 2 * i + 1) - g_array_index (pieces, gsize, 2 * i);
      /* Most of the text changed: checking it whole saves the copies. */
      if (total > epure_text_get_length (text) / 2)
        g_clear_pointer (&pieces, g_array_unref);
    }
  g_clear_pointer (&state->dirty, g_array_unref);

  /* One checker whose edits are settled where it says so needs no second
   * look there.  With several, one's edit may give another work.  Its
   * edits may each hold several fixes: not when the caller wants them one
   * by one (@each_fix, to carry a document's structure along). */
  if (checkers->len == 1 && !self->recheck_settled && !each_fix &&
      epure_pipeline_get_scope (self) == EPURE_CHECKER_SCOPE_PARAGRAPH)
    unsettled = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint i = 0; i < checkers->len; i++)
    {
      EpureChecker *checker = g_ptr_array_index (checkers, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (pieces != NULL)
        found = fix_pieces (checker, text, pieces, min_confidence, unsettled, cancellable, &local_error);
      else if (unsettled != NULL)
        found = epure_checker_fix_settled (checker, text, min_confidence, unsettled, cancellable, &local_error);
      else
        found = epure_checker_fix (checker, text, min_confidence, cancellable, &local_error);
      if (found == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* As in check_with(): a failing checker is skipped. */
          if (local_error == NULL)
            local_error = g_error_new (EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_FAILED,
                                       "The %s checker failed", epure_checker_get_id (checker));
          if (problems != NULL)
            {
              if (*problems == NULL)
                *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
              g_ptr_array_add (*problems, g_steal_pointer (&local_error));
            }
          continue;
        }

      g_ptr_array_extend_and_steal (edits, g_steal_pointer (&found));
    }

  for (guint i = 1; i < edits->len && sorted; i++)
    sorted = epure_edit_compare (g_ptr_array_index (edits, i - 1), g_ptr_array_index (edits, i)) < 0;
  if (!sorted)
    epure_edits_sort (edits);   /* stable: the checkers' order for ties */
  for (guint i = 1; i < edits->len; i++)
    if (epure_edit_compare (g_ptr_array_index (edits, i - 1), g_ptr_array_index (edits, i)) == 0)
      return TRUE;

  n_found = edits->len;
  *out_edits = keep_first_edits (g_steal_pointer (&edits), epure_text_get_length (text));
  /* An edit left out would come back: then the next pass checks it all. */
  if ((*out_edits)->len == n_found)
    state->dirty = dirty_ranges (*out_edits, unsettled);
  return TRUE;
}

/**
 * epure_pipeline_set_recheck_settled:
 * @recheck: whether clean checks again what its checkers say is settled
 *
 * For tests: cleaning then makes a full pass more to confirm, where it
 * otherwise trusts a lone checker's epure_checker_fix_settled().  The
 * result must be the same either way.
 */
void
epure_pipeline_set_recheck_settled (EpurePipeline *self,
                                    gboolean       recheck)
{
  g_return_if_fail (EPURE_IS_PIPELINE (self));
  self->recheck_settled = recheck;
}

/**
 * epure_pipeline_clean:
 * @min_confidence: findings less sure than this are left alone
 * @n_changes: (out) (optional): how many edits were applied (without
 *   @passes, one edit may hold several fixes of a paragraph)
 * @problems: (out) (optional) (element-type GError): one per checker that
 *   could not run, as epure_pipeline_check() gives them (each once, however
 *   many passes); those checkers' fixes are not applied, the others' are
 * @passes: (out) (optional) (element-type GPtrArray): the edits applied,
 *   one GPtrArray of EpureEdit per pass, in order and sorted; the offsets
 *   of pass n are into the text pass n started from (@text for the first).
 *   Replaying them one pass after the other carries anything anchored to
 *   @text's offsets (a document structure: epure_structure_remap()) over to
 *   the cleaned text.  Empty when nothing changed.
 *
 * Applies every automatic fix, re-checking until nothing is left to fix.
 *
 * Returns: (transfer full): the cleaned text.
 */
char *
epure_pipeline_clean (EpurePipeline  *self,
                      EpureText      *text,
                      double          min_confidence,
                      guint          *n_changes,
                      gsize          *out_len,
                      GPtrArray     **problems,
                      GPtrArray     **passes,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(EpureText) current = NULL;
  g_autoptr(GPtrArray) all_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) all_passes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_auto(FixState) fix_state = { NULL };
  guint changes = 0;
  const char *str;
  gsize len;

  g_return_val_if_fail (EPURE_IS_PIPELINE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  current = epure_text_ref (text);

  for (guint pass = 0; pass < MAX_CLEAN_PASSES; pass++)
    {
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GPtrArray) pass_problems = NULL;
      g_autoptr(GPtrArray) automatic = NULL;
      g_autoptr(GPtrArray) edits = NULL;
      EpureText *next;

      /* The fast path when every checker has one: edits without findings. */
      if (!fix_with (self, current, min_confidence, passes != NULL, &fix_state, &edits, &pass_problems, cancellable, error))
        return NULL;
      if (edits == NULL)
        {
          g_clear_pointer (&pass_problems, g_ptr_array_unref);
          findings = epure_pipeline_check (self, current, &pass_problems, cancellable, error);
          if (findings == NULL)
            return NULL;
          automatic = epure_pipeline_automatic_findings (findings, NULL, min_confidence);
          edits = epure_pipeline_create_edits (self, current, automatic, TRUE, error);
          if (edits == NULL)
            return NULL;
        }
      merge_problems (all_problems, pass_problems);
      if (edits->len == 0)
        break;

      next = epure_text_new_edited (current, edits, error);
      if (next == NULL)
        return NULL;
      str = epure_text_get_string (current, &len);
      if (epure_text_get_length (next) == len && memcmp (epure_text_get_string (next, NULL), str, len) == 0)
        {
          epure_text_unref (next);
          break;
        }

      changes += edits->len;
      g_clear_pointer (&current, epure_text_unref);
      current = next;
      g_ptr_array_add (all_passes, g_steal_pointer (&edits));

      /* Every change settled: another pass would check nothing. */
      if (fix_state.dirty != NULL && fix_state.dirty->len == 0)
        break;
    }

  if (n_changes != NULL)
    *n_changes = changes;
  if (problems != NULL)
    *problems = g_steal_pointer (&all_problems);
  if (passes != NULL)
    *passes = g_steal_pointer (&all_passes);

  /* The last snapshot is ours alone: its string is the result. */
  if (current != text)
    {
      char *result = epure_text_steal_string (g_steal_pointer (&current), &len);

      if (out_len != NULL)
        *out_len = len;
      return result;
    }
  str = epure_text_get_string (current, &len);
  if (out_len != NULL)
    *out_len = len;
  return g_memdup2 (str, len + 1);
}
