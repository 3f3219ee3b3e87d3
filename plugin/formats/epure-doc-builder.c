/* epure-doc-builder.c: text + structure in (readers), blocks out (writers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "epure-format-private.h"

void
epure_doc_builder_init (EpureDocBuilder *b)
{
  memset (b, 0, sizeof *b);
  b->text = g_string_new (NULL);
  b->blocks = g_array_new (FALSE, FALSE, sizeof (EpureBlock));
  b->spans = g_array_new (FALSE, FALSE, sizeof (EpureSpan));
}

void
epure_doc_builder_clear (EpureDocBuilder *b)
{
  if (b->text != NULL)
    g_string_free (b->text, TRUE);
  b->text = NULL;
  g_clear_pointer (&b->blocks, g_array_unref);
  g_clear_pointer (&b->spans, g_array_unref);
}

static void
ensure_para (EpureDocBuilder *b)
{
  if (b->in_para)
    return;
  if (b->text->len > 0)
    g_string_append (b->text, "\n\n");
  b->para_start = b->text->len;
  b->run_start = b->text->len;
  b->in_para = TRUE;
}

static void
close_run (EpureDocBuilder *b)
{
  if (b->in_para && b->style != 0 && b->text->len > b->run_start)
    {
      EpureSpan span = { b->style, b->run_start, b->text->len };

      if (b->spans->len > 0)
        {
          EpureSpan *last = &g_array_index (b->spans, EpureSpan, b->spans->len - 1);
          if (last->style == span.style && last->end == span.start)
            {
              last->end = span.end;
              span.style = 0;
            }
        }
      if (span.style != 0)
        g_array_append_val (b->spans, span);
    }
  b->run_start = b->text->len;
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void
epure_doc_builder_append (EpureDocBuilder *b,
                          const char      *s,
                          gssize           len)
{
  if (len < 0)
    len = strlen (s);

  for (gssize i = 0; i < len; i++)
    {
      char c = s[i];

      if (is_blank (c))
        {
          char last = b->in_para && b->text->len > b->para_start ? b->text->str[b->text->len - 1] : '\n';

          /* Blocks are separated by "\n\n", so a newline in running text
           * becomes a space; collapsing drops repeats and leading blanks. */
          if (b->collapse && (last == ' ' || last == '\n'))
            continue;
          if (!b->in_para && b->collapse)
            continue;
          ensure_para (b);
          g_string_append_c (b->text, b->collapse || c == '\n' || c == '\r' ? ' ' : c);
        }
      else if (c != '\0')
        {
          ensure_para (b);
          g_string_append_c (b->text, c);
        }
    }
}

void
epure_doc_builder_line_break (EpureDocBuilder *b)
{
  if (!b->in_para || b->text->len == b->para_start)
    return;
  while (b->text->len > b->para_start && (b->text->str[b->text->len - 1] == ' '
                                          || b->text->str[b->text->len - 1] == '\t'))
    g_string_truncate (b->text, b->text->len - 1);
  if (b->text->len > b->para_start && b->text->str[b->text->len - 1] != '\n')
    g_string_append_c (b->text, '\n');
}

void
epure_doc_builder_set_style (EpureDocBuilder *b,
                             EpureSpanStyle   style)
{
  if (style == b->style)
    return;
  close_run (b);
  b->style = style;
}

void
epure_doc_builder_end_block (EpureDocBuilder *b,
                             EpureBlockKind   kind,
                             guint            level)
{
  EpureBlock block;

  if (!b->in_para)
    return;
  close_run (b);

  while (b->text->len > b->para_start && is_blank (b->text->str[b->text->len - 1]))
    g_string_truncate (b->text, b->text->len - 1);

  while (b->spans->len > 0)
    {
      EpureSpan *last = &g_array_index (b->spans, EpureSpan, b->spans->len - 1);

      if (last->start >= b->text->len)
        g_array_set_size (b->spans, b->spans->len - 1);
      else
        {
          last->end = MIN (last->end, b->text->len);
          break;
        }
    }

  b->in_para = FALSE;
  if (b->text->len == b->para_start)
    {
      /* Nothing visible: take the separator back. */
      g_string_truncate (b->text, b->para_start >= 2 ? b->para_start - 2 : 0);
      b->run_start = b->text->len;
      return;
    }

  block.kind = kind;
  block.level = level;
  block.start = b->para_start;
  block.end = b->text->len;
  g_array_append_val (b->blocks, block);
  b->run_start = b->text->len;
}

gboolean
epure_doc_builder_finish (EpureDocBuilder  *b,
                          char            **text,
                          gsize            *len,
                          EpureStructure  **structure,
                          GError          **error)
{
  g_autoptr(EpureStructure) out = epure_structure_new ();

  epure_doc_builder_end_block (b, EPURE_BLOCK_PARAGRAPH, 0);

  if (!g_utf8_validate_len (b->text->str, b->text->len, NULL))
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("The document contains invalid text"));
      return FALSE;
    }

  for (guint i = 0; i < b->blocks->len; i++)
    {
      const EpureBlock *bl = &g_array_index (b->blocks, EpureBlock, i);
      epure_structure_add_block (out, bl->kind, bl->level, bl->start, bl->end);
    }
  for (guint i = 0; i < b->spans->len; i++)
    {
      const EpureSpan *sp = &g_array_index (b->spans, EpureSpan, i);
      epure_structure_add_span (out, sp->style, sp->start, sp->end);
    }

  /* A text file ends with a newline; blocks stay before it. */
  if (b->text->len > 0 && b->text->str[b->text->len - 1] != '\n')
    g_string_append_c (b->text, '\n');

  *len = b->text->len;
  *text = g_string_free (g_steal_pointer (&b->text), FALSE);
  *structure = g_steal_pointer (&out);
  return TRUE;
}

/* Writers --------------------------------------------------------------- */

static gboolean
blank_line_at (const char *text,
               gsize       len,
               gsize       nl)
{
  /* text[nl] == '\n': is the next line empty or only blanks? */
  for (gsize i = nl + 1; i < len; i++)
    {
      if (text[i] == '\n')
        return TRUE;
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r')
        return FALSE;
    }
  return TRUE;
}

/* Splits @text at blank lines; each paragraph takes the kind of the
 * structure block it overlaps, so paragraphs added or merged by edits
 * still come out, as plain paragraphs. */
void
epure_out_doc_init (EpureOutDoc    *doc,
                    const char     *text,
                    gsize           len,
                    EpureStructure *structure)
{
  const EpureBlock *blocks = NULL;
  const EpureSpan *spans = NULL;
  guint n_blocks = 0, n_spans = 0, bi = 0, si = 0;
  gsize p = 0;
  g_autoptr(GArray) span_index = g_array_new (FALSE, FALSE, sizeof (guint));

  memset (doc, 0, sizeof *doc);
  doc->blocks = g_array_new (FALSE, FALSE, sizeof (EpureOutBlock));
  doc->spans = g_array_new (FALSE, FALSE, sizeof (EpureSpan));

  if (structure != NULL && epure_structure_is_markdown (structure))
    {
      epure_markdown_parse (text, len, &doc->owned_text, &len, &doc->owned_structure);
      text = doc->owned_text;
      structure = doc->owned_structure;
    }
  if (structure != NULL)
    {
      blocks = epure_structure_get_blocks (structure, &n_blocks);
      spans = epure_structure_get_spans (structure, &n_spans);
    }

  while (p < len)
    {
      EpureOutBlock ob = { EPURE_BLOCK_PARAGRAPH, 0, NULL, 0, NULL, 0 };
      gsize q, first_nl;
      const char *nl;

      while (p < len && is_blank (text[p]))
        p++;
      if (p >= len)
        break;

      nl = memchr (text + p, '\n', len - p);
      first_nl = nl ? (gsize) (nl - text) : len;

      while (bi < n_blocks && (blocks[bi].end <= p || blocks[bi].start == blocks[bi].end))
        bi++;

      if (bi < n_blocks && blocks[bi].kind == EPURE_BLOCK_CODE && blocks[bi].start <= first_nl)
        q = MIN (blocks[bi].end, len);
      else
        {
          q = first_nl;
          while (q < len && !blank_line_at (text, len, q))
            {
              nl = memchr (text + q + 1, '\n', len - q - 1);
              q = nl ? (gsize) (nl - text) : len;
            }
        }
      if (q <= p)
        q = first_nl > p ? first_nl : len;

      if (bi < n_blocks && blocks[bi].start < q)
        {
          ob.kind = blocks[bi].kind;
          ob.level = blocks[bi].level;
        }

      {
        gsize end = q;
        while (end > p && is_blank (text[end - 1]))
          end--;
        ob.text = text + p;
        ob.len = end - p;
      }

      while (si < n_spans && spans[si].end <= p)
        si++;
      ob.n_spans = 0;
      g_array_append_val (span_index, doc->spans->len);
      for (guint j = si; j < n_spans && spans[j].start < p + ob.len; j++)
        {
          EpureSpan s = spans[j];

          if (s.end <= p)
            continue;
          s.start = MAX (s.start, p) - p;
          s.end = MIN (s.end, p + ob.len) - p;
          if (s.end > s.start)
            {
              g_array_append_val (doc->spans, s);
              ob.n_spans++;
            }
        }
      g_array_append_val (doc->blocks, ob);
      p = q;
    }

  /* The span array has stopped growing: point the blocks into it. */
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      EpureOutBlock *ob = &g_array_index (doc->blocks, EpureOutBlock, i);
      guint first = g_array_index (span_index, guint, i);

      ob->spans = ob->n_spans ? &g_array_index (doc->spans, EpureSpan, first) : NULL;
    }
}

void
epure_out_doc_clear (EpureOutDoc *doc)
{
  g_clear_pointer (&doc->owned_text, g_free);
  g_clear_object (&doc->owned_structure);
  g_clear_pointer (&doc->blocks, g_array_unref);
  g_clear_pointer (&doc->spans, g_array_unref);
}

static int
compare_gsize (gconstpointer a,
               gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;
  return x < y ? -1 : x > y;
}

/* Cuts a block into runs of one style each, covering all of its text. */
GArray *
epure_out_block_runs (const EpureOutBlock *block)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (EpureSpan));
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  g_array_append_val (cuts, zero);
  g_array_append_val (cuts, block->len);
  for (guint i = 0; i < block->n_spans; i++)
    {
      g_array_append_val (cuts, block->spans[i].start);
      g_array_append_val (cuts, block->spans[i].end);
    }
  g_array_sort (cuts, compare_gsize);

  for (guint i = 0; i + 1 < cuts->len; i++)
    {
      EpureSpan run;

      run.start = g_array_index (cuts, gsize, i);
      run.end = g_array_index (cuts, gsize, i + 1);
      if (run.end <= run.start)
        continue;
      run.style = 0;
      for (guint j = 0; j < block->n_spans; j++)
        if (block->spans[j].start <= run.start && block->spans[j].end >= run.end)
          run.style |= block->spans[j].style;
      if (runs->len > 0 && g_array_index (runs, EpureSpan, runs->len - 1).style == run.style)
        g_array_index (runs, EpureSpan, runs->len - 1).end = run.end;
      else
        g_array_append_val (runs, run);
    }
  return runs;
}

void
epure_xml_escape_append (GString    *out,
                         const char *s,
                         gssize      len)
{
  const char *end;

  if (len < 0)
    len = strlen (s);
  end = s + len;
  for (; s < end; s++)
    {
      switch (*s)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default:
          /* XML 1.0 forbids most C0 controls, even escaped. */
          if ((guchar) *s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
            break;
          g_string_append_c (out, *s);
        }
    }
}
