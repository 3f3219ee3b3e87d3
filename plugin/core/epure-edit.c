/* epure-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-edit.h"
#include "epure-error.h"
#include "epure-text-private.h"

G_DEFINE_BOXED_TYPE (EpureEdit, epure_edit, epure_edit_copy, epure_edit_free)

EpureEdit *
epure_edit_new (gsize       start,
                gsize       end,
                const char *replacement)
{
  EpureEdit *self;
  gsize n;

  g_return_val_if_fail (start <= end, NULL);

  /* One block for the edit and its replacement: a clean pass makes one
   * edit per fix, hundreds of thousands on a big text. */
  if (replacement == NULL)
    replacement = "";
  n = strlen (replacement);
  self = g_malloc (sizeof *self + n + 1);
  self->start = start;
  self->end = end;
  self->replacement = (char *) (self + 1);
  memcpy (self->replacement, replacement, n + 1);
  return self;
}

/**
 * epure_edit_new_take:
 * @replacement: (transfer full): UTF-8 from g_malloc()
 *
 * As epure_edit_new(), keeping @replacement rather than copying it: for
 * a long one, such as a whole paragraph as fixed.
 */
EpureEdit *
epure_edit_new_take (gsize  start,
                     gsize  end,
                     char  *replacement)
{
  EpureEdit *self;

  g_return_val_if_fail (start <= end, NULL);
  g_return_val_if_fail (replacement != NULL, NULL);

  self = g_new (EpureEdit, 1);
  self->start = start;
  self->end = end;
  self->replacement = replacement;
  return self;
}

EpureEdit *
epure_edit_copy (const EpureEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return epure_edit_new (self->start, self->end, self->replacement);
}

void
epure_edit_free (EpureEdit *self)
{
  if (self == NULL)
    return;
  if (self->replacement != (char *) (self + 1))
    g_free (self->replacement);   /* an edit made by hand */
  g_free (self);
}

int
epure_edit_compare (const EpureEdit *a,
                    const EpureEdit *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return 0;
}

static int
compare_edit_ptrs (gconstpointer a,
                   gconstpointer b)
{
  return epure_edit_compare (*(EpureEdit * const *) a, *(EpureEdit * const *) b);
}

void
epure_edits_sort (GPtrArray *edits)
{
  g_ptr_array_sort (edits, compare_edit_ptrs);
}

/* Two edits conflict when they touch the same text: overlapping ranges, or
 * two insertions at one offset, whose order would be a guess.  @a must not
 * come after @b in text order. */
gboolean
epure_edits_conflict (const EpureEdit *a,
                      const EpureEdit *b)
{
  return a->end > b->start ||
         (a->start == a->end && b->start == b->end && a->start == b->start);
}

/* Sorts @edits in text order and refuses any two that touch the same text:
 * overlapping ranges, or two insertions at the same offset, whose order
 * would be a guess. */
gboolean
epure_edits_sort_and_check (GPtrArray *edits,
                            gsize      text_length,
                            GError   **error)
{
  g_return_val_if_fail (edits != NULL, FALSE);

  /* Edits made in text order (a clean pass) need no sorting. */
  for (guint i = 1; i < edits->len; i++)
    if (epure_edit_compare (g_ptr_array_index (edits, i - 1), g_ptr_array_index (edits, i)) > 0)
      {
        epure_edits_sort (edits);
        break;
      }

  for (guint i = 0; i < edits->len; i++)
    {
      const EpureEdit *e = g_ptr_array_index (edits, i);

      if (e->end > text_length || e->start > e->end)
        {
          g_set_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OUT_OF_RANGE,
                       "Edit [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") is outside the text",
                       e->start, e->end);
          return FALSE;
        }

      if (i > 0)
        {
          const EpureEdit *prev = g_ptr_array_index (edits, i - 1);

          if (epure_edits_conflict (prev, e))
            {
              g_set_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OVERLAP,
                           "Edits [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") and [%" G_GSIZE_FORMAT
                           ", %" G_GSIZE_FORMAT ") overlap",
                           prev->start, prev->end, e->start, e->end);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Applies non-overlapping @edits (sorted in place) to @text, a stretch
 * per thread for a large text (epure_edits_copy()).  Returns a new
 * NUL-terminated string, or NULL with @error set. */
char *
epure_edits_apply (const char *text,
                   gsize       len,
                   GPtrArray  *edits,
                   gsize      *out_len,
                   GError    **error)
{
  gsize out_size;
  char *out;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (edits != NULL, NULL);

  if (!epure_edits_sort_and_check (edits, len, error))
    return NULL;
  out = epure_edits_copy (text, len, edits, &out_size, NULL);
  if (out_len != NULL)
    *out_len = out_size;
  return out;
}
