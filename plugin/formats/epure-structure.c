/* epure-structure.c: blocks and spans of a document, as byte ranges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-structure.h"

struct _EpureStructure
{
  GObject parent_instance;

  GArray *blocks;   /* EpureBlock, in text order */
  GArray *spans;    /* EpureSpan, in text order */
  gboolean markdown;
};

G_DEFINE_FINAL_TYPE (EpureStructure, epure_structure, G_TYPE_OBJECT)

static void
epure_structure_finalize (GObject *object)
{
  EpureStructure *self = (EpureStructure *) object;

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);

  G_OBJECT_CLASS (epure_structure_parent_class)->finalize (object);
}

static void
epure_structure_class_init (EpureStructureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_structure_finalize;
}

static void
epure_structure_init (EpureStructure *self)
{
  self->blocks = g_array_new (FALSE, FALSE, sizeof (EpureBlock));
  self->spans = g_array_new (FALSE, FALSE, sizeof (EpureSpan));
}

/* An empty structure: every blank-line separated block is a paragraph. */
EpureStructure *
epure_structure_new (void)
{
  return g_object_new (EPURE_TYPE_STRUCTURE, NULL);
}

/* The structure of a Markdown source text: read from the markup itself. */
EpureStructure *
epure_structure_new_markdown (void)
{
  EpureStructure *self = epure_structure_new ();

  self->markdown = TRUE;
  return self;
}

gboolean
epure_structure_is_markdown (EpureStructure *self)
{
  g_return_val_if_fail (EPURE_IS_STRUCTURE (self), FALSE);
  return self->markdown;
}

void
epure_structure_add_block (EpureStructure *self,
                           EpureBlockKind  kind,
                           guint           level,
                           gsize           start,
                           gsize           end)
{
  EpureBlock block = { kind, level, start, end };

  g_return_if_fail (EPURE_IS_STRUCTURE (self));
  g_return_if_fail (start <= end);

  g_array_append_val (self->blocks, block);
}

/* Adjacent or overlapping runs of the same style are merged. */
void
epure_structure_add_span (EpureStructure *self,
                          EpureSpanStyle  style,
                          gsize           start,
                          gsize           end)
{
  EpureSpan span = { style, start, end };

  g_return_if_fail (EPURE_IS_STRUCTURE (self));
  g_return_if_fail (start <= end);

  if (start == end || style == 0)
    return;
  if (self->spans->len > 0)
    {
      EpureSpan *last = &g_array_index (self->spans, EpureSpan, self->spans->len - 1);

      if (last->style == style && last->end >= start && last->start <= start)
        {
          last->end = MAX (last->end, end);
          return;
        }
    }
  g_array_append_val (self->spans, span);
}

const EpureBlock *
epure_structure_get_blocks (EpureStructure *self,
                            guint          *n_blocks)
{
  g_return_val_if_fail (EPURE_IS_STRUCTURE (self), NULL);

  if (n_blocks != NULL)
    *n_blocks = self->blocks->len;
  return (const EpureBlock *) (gpointer) self->blocks->data;
}

const EpureSpan *
epure_structure_get_spans (EpureStructure *self,
                           guint          *n_spans)
{
  g_return_val_if_fail (EPURE_IS_STRUCTURE (self), NULL);

  if (n_spans != NULL)
    *n_spans = self->spans->len;
  return (const EpureSpan *) (gpointer) self->spans->data;
}

/* Where @offset lands once the sorted, non-overlapping @edits are applied.
 * An offset strictly inside a replaced range goes to the start of the
 * replacement when it starts a range, to its end when it ends one, so text
 * replaced within a bold run stays bold. */
static gsize
map_offset (GPtrArray *edits,
            gsize      offset,
            gboolean   is_end)
{
  gssize shift = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      const EpureEdit *e = g_ptr_array_index (edits, i);
      gsize rlen = strlen (e->replacement);

      if (offset < e->start || (offset == e->start && (is_end || e->start < e->end)))
        break;
      if (offset >= e->end)
        {
          shift += (gssize) rlen - (gssize) (e->end - e->start);
          continue;
        }
      /* Strictly inside the replaced range.  Text inserted exactly at a
       * boundary goes before the range it starts. */
      return e->start + shift + (is_end ? rlen : 0);
    }
  return offset + shift;
}

/**
 * epure_structure_remap:
 * @edits: (element-type EpureEdit): non-overlapping edits, as given to
 *   epure_edits_apply() on the text this structure describes
 *
 * Returns: (transfer full): the structure of the edited text.  Spans left
 * empty by the edits are dropped; blocks are kept.
 */
EpureStructure *
epure_structure_remap (EpureStructure *self,
                       GPtrArray      *edits)
{
  g_autoptr(GPtrArray) sorted = NULL;
  EpureStructure *out;

  g_return_val_if_fail (EPURE_IS_STRUCTURE (self), NULL);
  g_return_val_if_fail (edits != NULL, NULL);

  /* Not g_ptr_array_copy(): it would take the caller's free function. */
  sorted = g_ptr_array_sized_new (edits->len);
  for (guint i = 0; i < edits->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (edits, i));
  epure_edits_sort (sorted);

  out = epure_structure_new ();
  out->markdown = self->markdown;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const EpureBlock *b = &g_array_index (self->blocks, EpureBlock, i);
      gsize start = map_offset (sorted, b->start, FALSE);
      gsize end = map_offset (sorted, b->end, TRUE);

      epure_structure_add_block (out, b->kind, b->level, start, MAX (start, end));
    }
  for (guint i = 0; i < self->spans->len; i++)
    {
      const EpureSpan *s = &g_array_index (self->spans, EpureSpan, i);
      gsize start = map_offset (sorted, s->start, FALSE);
      gsize end = map_offset (sorted, s->end, TRUE);

      if (end > start)
        epure_structure_add_span (out, s->style, start, end);
    }
  return out;
}
