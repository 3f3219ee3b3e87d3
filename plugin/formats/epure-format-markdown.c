/* epure-format-markdown.c: the Markdown Épure reads and writes.
 *
 * Enough of CommonMark for articles: ATX and setext headings, bullet and
 * numbered lists, block quotes, fenced code, emphasis, code spans, links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-format-private.h"

typedef struct
{
  EpureDocBuilder b;
  EpureBlockKind kind;
  guint level;
  gsize indents[9];   /* indent of each open list level */
  guint n_indents;
} MdParser;

/* The nesting level of a list item indented by @indent columns. */
static guint
list_level (MdParser *p,
            gsize     indent)
{
  while (p->n_indents > 0 && p->indents[p->n_indents - 1] > indent)
    p->n_indents--;
  if ((p->n_indents == 0 || p->indents[p->n_indents - 1] < indent) && p->n_indents < G_N_ELEMENTS (p->indents))
    p->indents[p->n_indents++] = indent;
  return MAX (p->n_indents, 1);
}

static gboolean
is_punct (char c)
{
  return c != '\0' && strchr ("\\`*_{}[]()#+-.!<>|~\"'", c) != NULL;
}

/* Whether a closing @marker exists later in @s, not preceded by a blank. */
static gboolean
has_closer (const char *s,
            gsize       len,
            const char *marker)
{
  gsize mlen = strlen (marker);

  for (gsize i = 1; i + mlen <= len; i++)
    {
      if (s[i] == '\\')
        {
          i++;
          continue;
        }
      if (memcmp (s + i, marker, mlen) == 0 && s[i - 1] != ' ')
        return TRUE;
    }
  return FALSE;
}

static void
parse_inline (MdParser   *p,
              const char *s,
              gsize       len)
{
  gsize i = 0, lit = 0;

#define FLUSH() G_STMT_START { if (i > lit) epure_doc_builder_append (&p->b, s + lit, i - lit); } G_STMT_END

  while (i < len)
    {
      char c = s[i];

      if (c == '\\' && i + 1 < len && is_punct (s[i + 1]))
        {
          FLUSH ();
          lit = i + 1;
          i += 2;
          continue;
        }
      if (c == '`')
        {
          gsize n = 0, j;

          while (i + n < len && s[i + n] == '`')
            n++;
          for (j = i + n; j + n <= len; j++)
            if (memcmp (s + j, s + i, n) == 0 && (j + n == len || s[j + n] != '`'))
              break;
          if (j + n <= len)
            {
              FLUSH ();
              epure_doc_builder_append (&p->b, s + i + n, j - i - n);
              i = lit = j + n;
              continue;
            }
          i += n;
          continue;
        }
      if (c == '*' || c == '_')
        {
          gboolean dbl = i + 1 < len && s[i + 1] == c;
          EpureSpanStyle flag = dbl ? EPURE_SPAN_BOLD : EPURE_SPAN_ITALIC;
          gsize n = dbl ? 2 : 1;
          const char marker[3] = { c, dbl ? c : '\0', '\0' };
          gboolean opening = !(p->b.style & flag);
          gboolean ok;

          if (opening)
            ok = i + n < len && s[i + n] != ' ' && has_closer (s + i + n, len - i - n, marker);
          else
            ok = i > 0 && s[i - 1] != ' ';
          /* snake_case words are not emphasis. */
          if (ok && c == '_' && i > 0 && g_ascii_isalnum (s[i - 1]) && i + n < len && g_ascii_isalnum (s[i + n]))
            ok = FALSE;
          if (ok)
            {
              FLUSH ();
              epure_doc_builder_set_style (&p->b, p->b.style ^ flag);
              i = lit = i + n;
              continue;
            }
          i += n;
          continue;
        }
      if (c == '[' || (c == '!' && i + 1 < len && s[i + 1] == '['))
        {
          gsize open = c == '!' ? i + 2 : i + 1;
          const char *close = memchr (s + open, ']', len - open);

          if (close != NULL && (gsize) (close - s) + 1 < len && close[1] == '(')
            {
              const char *paren = memchr (close, ')', len - (close - s));

              if (paren != NULL)
                {
                  FLUSH ();
                  parse_inline (p, s + open, close - (s + open));
                  i = lit = paren - s + 1;
                  continue;
                }
            }
        }
      i++;
    }
  FLUSH ();
#undef FLUSH
}

static void
end_block (MdParser *p)
{
  epure_doc_builder_set_style (&p->b, 0);
  epure_doc_builder_end_block (&p->b, p->kind, p->level);
  p->kind = EPURE_BLOCK_PARAGRAPH;
  p->level = 0;
}

static gboolean
all_chars (const char *s,
           gsize       len,
           char        c)
{
  gsize n = 0;

  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  for (gsize i = 0; i < len; i++)
    if (s[i] == c)
      n++;
    else
      return FALSE;
  return n >= 2;
}

/* Markdown source → plain text with blocks and spans. */
void
epure_markdown_parse (const char      *text,
                      gsize            len,
                      char           **plain,
                      gsize           *plain_len,
                      EpureStructure **structure)
{
  MdParser p = { .kind = EPURE_BLOCK_PARAGRAPH };
  gsize pos = 0;
  gboolean fence = FALSE;
  char fence_char = '`';

  epure_doc_builder_init (&p.b);
  p.b.collapse = TRUE;

  while (pos < len)
    {
      const char *line = text + pos;
      const char *nl = memchr (line, '\n', len - pos);
      gsize llen = nl ? (gsize) (nl - line) : len - pos;
      gsize indent = 0;
      const char *s;
      gsize slen;

      pos += llen + (nl ? 1 : 0);
      if (llen > 0 && line[llen - 1] == '\r')
        llen--;

      while (indent < llen && line[indent] == ' ')
        indent++;
      s = line + indent;
      slen = llen - indent;

      if (fence)
        {
          if (slen >= 3 && s[0] == fence_char && s[1] == fence_char && s[2] == fence_char)
            {
              epure_doc_builder_end_block (&p.b, EPURE_BLOCK_CODE, 0);
              p.b.collapse = TRUE;
              fence = FALSE;
            }
          else
            {
              epure_doc_builder_append (&p.b, line, llen);
              epure_doc_builder_line_break (&p.b);
            }
          continue;
        }

      if (slen == 0 || all_chars (s, slen, ' '))
        {
          end_block (&p);
          continue;
        }
      if (slen >= 3 && (s[0] == '`' || s[0] == '~') && s[1] == s[0] && s[2] == s[0])
        {
          end_block (&p);
          fence = TRUE;
          fence_char = s[0];
          p.b.collapse = FALSE;
          continue;
        }
      if (s[0] == '#')
        {
          guint level = 0;

          while (level < slen && s[level] == '#')
            level++;
          if (level <= 6 && (level == slen || s[level] == ' '))
            {
              gsize end = slen;

              end_block (&p);
              p.n_indents = 0;
              while (end > level && (s[end - 1] == '#' || s[end - 1] == ' '))
                end--;
              parse_inline (&p, s + level, end > level ? end - level : 0);
              p.kind = EPURE_BLOCK_HEADING;
              p.level = level;
              end_block (&p);
              continue;
            }
        }
      if (p.b.in_para && p.kind == EPURE_BLOCK_PARAGRAPH && (all_chars (s, slen, '=') || all_chars (s, slen, '-')))
        {
          p.kind = EPURE_BLOCK_HEADING;
          p.level = s[0] == '=' ? 1 : 2;
          end_block (&p);
          continue;
        }
      if (all_chars (s, slen, '-') || all_chars (s, slen, '*'))
        {
          end_block (&p);   /* a thematic break */
          continue;
        }
      if (slen >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        {
          end_block (&p);
          p.kind = EPURE_BLOCK_LIST_ITEM;
          p.level = list_level (&p, indent);
          parse_inline (&p, s + 2, slen - 2);
          continue;
        }
      {
        gsize d = 0;

        while (d < slen && d < 9 && g_ascii_isdigit (s[d]))
          d++;
        if (d > 0 && d + 1 < slen && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
          {
            end_block (&p);
            p.kind = EPURE_BLOCK_NUMBERED_ITEM;
            p.level = list_level (&p, indent);
            parse_inline (&p, s + d + 2, slen - d - 2);
            continue;
          }
      }
      if (s[0] == '>')
        {
          s++;
          slen--;
          if (slen > 0 && s[0] == ' ')
            {
              s++;
              slen--;
            }
        }

      if (!p.b.in_para)
        p.n_indents = 0;   /* a paragraph after a blank line ends the list */

      /* Hard line break: two trailing spaces or a backslash. */
      if (p.b.in_para)
        epure_doc_builder_append (&p.b, " ", 1);
      if (slen >= 1 && s[slen - 1] == '\\')
        {
          parse_inline (&p, s, slen - 1);
          epure_doc_builder_line_break (&p.b);
        }
      else if (llen >= 2 && line[llen - 1] == ' ' && line[llen - 2] == ' ')
        {
          parse_inline (&p, s, slen);
          epure_doc_builder_line_break (&p.b);
        }
      else
        parse_inline (&p, s, slen);
    }
  if (fence)
    epure_doc_builder_end_block (&p.b, EPURE_BLOCK_CODE, 0);
  end_block (&p);

  /* Cannot fail: the input is valid UTF-8 and the parser cuts at ASCII. */
  if (!epure_doc_builder_finish (&p.b, plain, plain_len, structure, NULL))
    {
      *plain = g_strdup ("");
      *plain_len = 0;
      *structure = epure_structure_new ();
    }
  epure_doc_builder_clear (&p.b);
}

static void
append_escaped (GString    *out,
                const char *s,
                gsize       len,
                gboolean    line_start)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      if (c == '\n')
        {
          g_string_append (out, "\\\n");
          line_start = TRUE;
          continue;
        }
      if (strchr ("\\`*_[]<", c) != NULL
          || (line_start && (c == '#' || c == '>' || c == '-' || c == '+')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
      line_start = FALSE;
    }
}

static void
write_inline (GString             *out,
              const EpureOutBlock *block)
{
  g_autoptr(GArray) runs = epure_out_block_runs (block);

  for (guint i = 0; i < runs->len; i++)
    {
      const EpureSpan *r = &g_array_index (runs, EpureSpan, i);
      const char *s = block->text + r->start;
      gsize len = r->end - r->start, lead = 0, trail = 0;
      const char *mark = (r->style & EPURE_SPAN_BOLD) && (r->style & EPURE_SPAN_ITALIC) ? "***"
                         : (r->style & EPURE_SPAN_BOLD) ? "**" : (r->style & EPURE_SPAN_ITALIC) ? "*" : "";

      /* Markers must touch the words they wrap. */
      while (lead < len && g_ascii_isspace (s[lead]))
        lead++;
      while (trail < len - lead && g_ascii_isspace (s[len - 1 - trail]))
        trail++;
      if (*mark == '\0' || lead == len)
        {
          append_escaped (out, s, len, r->start == 0);
          continue;
        }
      g_string_append_len (out, s, lead);
      g_string_append (out, mark);
      append_escaped (out, s + lead, len - lead - trail, FALSE);
      g_string_append (out, mark);
      g_string_append_len (out, s + len - trail, trail);
    }
}

GBytes *
epure_markdown_write (EpureOutDoc *doc)
{
  GString *out = g_string_new (NULL);
  guint numbers[10] = { 0 };   /* the next number at each list level */

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);
      const EpureOutBlock *prev = i > 0 ? &g_array_index (doc->blocks, EpureOutBlock, i - 1) : NULL;

      if (prev != NULL)
        g_string_append (out, EPURE_BLOCK_IS_ITEM (prev->kind) && EPURE_BLOCK_IS_ITEM (b->kind) ? "\n" : "\n\n");

      /* Numbering restarts after anything but a deeper item. */
      if (!EPURE_BLOCK_IS_ITEM (b->kind))
        memset (numbers, 0, sizeof numbers);
      else
        {
          for (guint l = CLAMP (b->level, 1, 9) + 1; l < G_N_ELEMENTS (numbers); l++)
            numbers[l] = 0;
          if (prev != NULL && EPURE_BLOCK_IS_ITEM (prev->kind) && prev->level == b->level && prev->kind != b->kind)
            numbers[CLAMP (b->level, 1, 9)] = 0;
        }

      switch (b->kind)
        {
        case EPURE_BLOCK_HEADING:
          for (guint l = 0; l < CLAMP (b->level, 1, 6); l++)
            g_string_append_c (out, '#');
          g_string_append_c (out, ' ');
          write_inline (out, b);
          break;
        case EPURE_BLOCK_LIST_ITEM:
        case EPURE_BLOCK_NUMBERED_ITEM:
          {
            guint level = CLAMP (b->level, 1, 9);

            /* Four spaces nest under both "- " and "10. ". */
            for (guint l = 1; l < level; l++)
              g_string_append (out, "    ");
            if (b->kind == EPURE_BLOCK_NUMBERED_ITEM)
              g_string_append_printf (out, "%u. ", ++numbers[level]);
            else
              g_string_append (out, "- ");
            write_inline (out, b);
          }
          break;
        case EPURE_BLOCK_CODE:
          g_string_append (out, "```\n");
          g_string_append_len (out, b->text, b->len);
          g_string_append (out, "\n```");
          break;
        case EPURE_BLOCK_PARAGRAPH:
        default:
          write_inline (out, b);
          break;
        }
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* Plain text of a structured document: the blocks, a blank line apart. */
GBytes *
epure_plain_write (EpureOutDoc *doc)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);

      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append_len (out, b->text, b->len);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}
