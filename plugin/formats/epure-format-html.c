/* epure-format-html.c: web pages in (libxml2's HTML parser) and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "epure-format-private.h"

typedef struct
{
  EpureDocBuilder b;
  guint list_depth;
  guint64 ordered;   /* bit n: the list at depth n + 1 is an <ol> */
  guint article_depth;
} HtmlReader;

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (const xmlNode *node,
         const char    *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

/* Not part of the article: code, page furniture, controls. */
static const char *const dropped[] = {
  "title", "script", "style", "nav", "form", "header", "footer", "noscript", "template",
  "head", "iframe", "object", "embed", "svg", "math", "button", "select",
  "textarea", "input", "canvas", "audio", "video", "map", NULL,
};

static const char *const blocks[] = {
  "p", "div", "section", "article", "main", "aside", "blockquote", "pre",
  "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
  "table", "tr", "td", "th", "caption", "figure", "figcaption", "address",
  "hr", "body", "html", "center", "details", "summary", "fieldset", "legend", NULL,
};

static void
walk (HtmlReader     *r,
      xmlNode        *node,
      EpureBlockKind  kind,
      guint           level,
      guint           depth)
{
  /* libxml2 caps nesting too; this keeps our stack bounded regardless. */
  if (depth > 512)
    return;
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (n->content != NULL)
            epure_doc_builder_append (&r->b, (const char *) n->content, -1);
          continue;
        }
      if (n->type != XML_ELEMENT_NODE)
        continue;
      /* A page's header and footer are furniture; an article's own
       * hold its title and byline. */
      if ((name_is (n, "header") || name_is (n, "footer")) && r->article_depth > 0)
        {
          r->article_depth++;
          walk (r, n->children, kind, level, depth + 1);
          r->article_depth--;
          epure_doc_builder_end_block (&r->b, kind, level);
          continue;
        }
      if (name_in (n, dropped))
        continue;
      if (name_is (n, "br"))
        {
          epure_doc_builder_line_break (&r->b);
          continue;
        }

      if (name_in (n, blocks))
        {
          EpureBlockKind inner_kind = kind;
          guint inner_level = level;
          gboolean is_pre = name_is (n, "pre");

          epure_doc_builder_end_block (&r->b, kind, level);
          if (n->name[0] && g_ascii_tolower (n->name[0]) == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == '\0')
            {
              inner_kind = EPURE_BLOCK_HEADING;
              inner_level = n->name[1] - '0';
            }
          else if (name_is (n, "li"))
            {
              guint d = MAX (r->list_depth, 1);

              inner_kind = d <= 64 && (r->ordered >> (d - 1) & 1) ? EPURE_BLOCK_NUMBERED_ITEM : EPURE_BLOCK_LIST_ITEM;
              inner_level = d;
            }
          else if (is_pre)
            {
              inner_kind = EPURE_BLOCK_CODE;
              inner_level = 0;
            }

          if (name_is (n, "ul") || name_is (n, "ol"))
            {
              r->list_depth++;
              if (r->list_depth <= 64)
                {
                  guint64 bit = G_GUINT64_CONSTANT (1) << (r->list_depth - 1);
                  r->ordered = name_is (n, "ol") ? r->ordered | bit : r->ordered & ~bit;
                }
            }
          if (name_is (n, "article") || name_is (n, "main"))
            r->article_depth++;
          if (is_pre)
            r->b.collapse = FALSE;
          walk (r, n->children, inner_kind, inner_level, depth + 1);
          if (is_pre)
            r->b.collapse = TRUE;
          epure_doc_builder_end_block (&r->b, inner_kind, inner_level);
          if (name_is (n, "ul") || name_is (n, "ol"))
            r->list_depth--;
          if (name_is (n, "article") || name_is (n, "main"))
            r->article_depth--;
          continue;
        }

      {
        EpureSpanStyle saved = r->b.style, style = saved;

        if (name_is (n, "b") || name_is (n, "strong"))
          style |= EPURE_SPAN_BOLD;
        else if (name_is (n, "i") || name_is (n, "em") || name_is (n, "cite"))
          style |= EPURE_SPAN_ITALIC;
        epure_doc_builder_set_style (&r->b, style);
        walk (r, n->children, kind, level, depth + 1);
        epure_doc_builder_set_style (&r->b, saved);
      }
    }
}

static const char *
meta_or_default_encoding (const char *data,
                          gsize       len)
{
  /* Without a declared charset libxml2 assumes Latin-1; valid UTF-8 is
   * far more likely today.  A <meta charset> still wins when present. */
  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    return NULL;
  if (g_utf8_validate_len (data, len, NULL))
    return "UTF-8";
  return NULL;
}

gboolean
epure_html_read (const char      *data,
                 gsize            len,
                 char           **encoding,
                 char           **text,
                 gsize           *text_len,
                 EpureStructure **structure,
                 GError         **error)
{
  HtmlReader r = { 0 };
  htmlDocPtr doc;
  xmlNode *root;
  gboolean ok;

  if (len > G_MAXINT)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                           _("The web page is too large"));
      return FALSE;
    }

  epure_xml_init ();
  doc = htmlReadMemory (data, (int) len, NULL, meta_or_default_encoding (data, len),
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("The web page has no content"));
      return FALSE;
    }

  /* What the page was in: its <meta charset>, a BOM, or our guess. */
  if (doc->encoding != NULL)
    *encoding = g_ascii_strup ((const char *) doc->encoding, -1);
  else   /* undeclared and not UTF-8: libxml2 read it as Latin-1 */
    *encoding = g_strdup (g_utf8_validate_len (data, len, NULL) ? "UTF-8" : "ISO-8859-1");

  epure_doc_builder_init (&r.b);
  r.b.collapse = TRUE;
  walk (&r, doc->children, EPURE_BLOCK_PARAGRAPH, 0, 0);
  xmlFreeDoc (doc);

  ok = epure_doc_builder_finish (&r.b, text, text_len, structure, error);
  epure_doc_builder_clear (&r.b);
  return ok;
}

static void
write_runs (GString             *out,
            const EpureOutBlock *block)
{
  g_autoptr(GArray) runs = epure_out_block_runs (block);

  for (guint i = 0; i < runs->len; i++)
    {
      const EpureSpan *r = &g_array_index (runs, EpureSpan, i);
      const char *s = block->text + r->start;
      const char *end = block->text + r->end;

      if (r->style & EPURE_SPAN_BOLD)
        g_string_append (out, "<strong>");
      if (r->style & EPURE_SPAN_ITALIC)
        g_string_append (out, "<em>");
      while (s < end)
        {
          const char *nl = memchr (s, '\n', end - s);
          const char *stop = nl && block->kind != EPURE_BLOCK_CODE ? nl : end;

          epure_xml_escape_append (out, s, stop - s);
          if (stop == end)
            break;
          g_string_append (out, "<br>\n");
          s = stop + 1;
        }
      if (r->style & EPURE_SPAN_ITALIC)
        g_string_append (out, "</em>");
      if (r->style & EPURE_SPAN_BOLD)
        g_string_append (out, "</strong>");
    }
}

/* A complete UTF-8 page, one element per block. */
GBytes *
epure_html_write (EpureOutDoc *doc,
                  const char  *title)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                               "<meta name=\"generator\" content=\"Épure\">\n<title>");
  guint depth = 0;
  gboolean ordered[17] = { FALSE };   /* the list open at each depth */

  epure_xml_escape_append (out, title ? title : "", -1);
  g_string_append (out, "</title>\n</head>\n<body>\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);
      guint want = EPURE_BLOCK_IS_ITEM (b->kind) ? CLAMP (b->level, 1, 16) : 0;
      gboolean numbered = b->kind == EPURE_BLOCK_NUMBERED_ITEM;

      while (depth > want)
        {
          g_string_append_printf (out, "</li>\n</%s>\n", ordered[depth] ? "ol" : "ul");
          depth--;
        }
      /* Same depth, other kind of list: close it, open the other. */
      if (want > 0 && depth == want && ordered[depth] != numbered)
        {
          g_string_append_printf (out, "</li>\n</%s>\n", ordered[depth] ? "ol" : "ul");
          depth--;
        }
      else if (want > 0 && depth == want)
        g_string_append (out, "</li>\n");
      while (depth < want)
        {
          depth++;
          ordered[depth] = depth == want ? numbered : FALSE;
          g_string_append_printf (out, "%s<%s>\n", depth > 1 ? "\n" : "", ordered[depth] ? "ol" : "ul");
          if (depth < want)
            g_string_append (out, "<li>");
        }

      switch (b->kind)
        {
        case EPURE_BLOCK_HEADING:
          {
            guint l = CLAMP (b->level, 1, 6);
            g_string_append_printf (out, "<h%u>", l);
            write_runs (out, b);
            g_string_append_printf (out, "</h%u>\n", l);
          }
          break;
        case EPURE_BLOCK_LIST_ITEM:
        case EPURE_BLOCK_NUMBERED_ITEM:
          g_string_append (out, "<li>");
          write_runs (out, b);
          break;
        case EPURE_BLOCK_CODE:
          g_string_append (out, "<pre>");
          write_runs (out, b);
          g_string_append (out, "</pre>\n");
          break;
        case EPURE_BLOCK_PARAGRAPH:
        default:
          g_string_append (out, "<p>");
          write_runs (out, b);
          g_string_append (out, "</p>\n");
          break;
        }
    }
  while (depth > 0)
    {
      g_string_append_printf (out, "</li>\n</%s>\n", ordered[depth] ? "ol" : "ul");
      depth--;
    }
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}
