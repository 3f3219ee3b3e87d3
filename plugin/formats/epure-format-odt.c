/* epure-format-odt.c: OpenDocument text (.odt) in and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "epure-format-private.h"

#define ODT_MIME "application/vnd.oasis.opendocument.text"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

typedef struct
{
  EpureDocBuilder b;
  GHashTable *styles;   /* style name → EpureSpanStyle, text styles */
  GHashTable *parents;  /* style name → parent style name */
  GHashTable *lists;    /* list style name → numbered levels, bit n for level n + 1 */
  guint list_depth;
  guint numbered;       /* the outermost list's style, as in lists */
} OdtReader;

static gboolean
is (const xmlNode *node,
    const char    *ns,
    const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, ns) == 0
         && g_str_equal ((const char *) node->name, name);
}

static char *
attr (const xmlNode *node,
      const char    *ns,
      const char    *name)
{
  xmlChar *v = xmlGetNsProp ((xmlNode *) node, (const xmlChar *) name, (const xmlChar *) ns);
  char *out = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return out;
}

static void
collect_styles (OdtReader *r,
                xmlNode   *node,
                guint      depth)
{
  if (depth > 8)
    return;
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is (n, NS_STYLE, "style"))
        {
          g_autofree char *name = attr (n, NS_STYLE, "name");
          g_autofree char *parent = attr (n, NS_STYLE, "parent-style-name");
          EpureSpanStyle style = 0;

          if (name == NULL)
            continue;
          for (xmlNode *c = n->children; c != NULL; c = c->next)
            if (is (c, NS_STYLE, "text-properties"))
              {
                g_autofree char *weight = attr (c, NS_FO, "font-weight");
                g_autofree char *slant = attr (c, NS_FO, "font-style");

                if (weight != NULL && (g_str_equal (weight, "bold") || atoi (weight) >= 600))
                  style |= EPURE_SPAN_BOLD;
                if (slant != NULL && (g_str_equal (slant, "italic") || g_str_equal (slant, "oblique")))
                  style |= EPURE_SPAN_ITALIC;
              }
          g_hash_table_insert (r->styles, g_strdup (name), GUINT_TO_POINTER (style));
          if (parent != NULL)
            g_hash_table_insert (r->parents, g_strdup (name), g_steal_pointer (&parent));
          continue;
        }
      if (is (n, NS_TEXT, "list-style"))
        {
          g_autofree char *name = attr (n, NS_STYLE, "name");
          guint numbered = 0;

          for (xmlNode *c = n->children; c != NULL; c = c->next)
            if (is (c, NS_TEXT, "list-level-style-number"))
              {
                g_autofree char *level = attr (c, NS_TEXT, "level");
                int l = level ? atoi (level) : 1;

                if (l >= 1 && l <= 32)
                  numbered |= 1u << (l - 1);
              }
          if (name != NULL)
            g_hash_table_insert (r->lists, g_steal_pointer (&name), GUINT_TO_POINTER (numbered));
          continue;
        }
      if (is (n, NS_OFFICE, "styles") || is (n, NS_OFFICE, "automatic-styles")
          || is (n, NS_OFFICE, "document-styles") || is (n, NS_OFFICE, "document-content"))
        collect_styles (r, n->children, depth + 1);
    }
}

static EpureSpanStyle
lookup_style (OdtReader  *r,
              const char *name)
{
  EpureSpanStyle style = 0;

  /* Parents add what children do not say; the chain is capped in case
   * of a loop. */
  for (guint i = 0; name != NULL && i < 16; i++)
    {
      style |= GPOINTER_TO_UINT (g_hash_table_lookup (r->styles, name));
      name = g_hash_table_lookup (r->parents, name);
    }
  return style;
}

/* A paragraph styled as a title or heading, through its parents. */
static guint
heading_level (OdtReader  *r,
               const char *name)
{
  for (guint i = 0; name != NULL && i < 16; i++)
    {
      if (g_str_equal (name, "Title"))
        return 1;
      if (g_str_has_prefix (name, "Heading_20_"))
        return CLAMP (atoi (name + 11), 1, 6);
      name = g_hash_table_lookup (r->parents, name);
    }
  return 0;
}

static void walk_inline (OdtReader *r, xmlNode *node);

static void
walk_inline_node (OdtReader *r,
                  xmlNode   *n)
{
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
    {
      if (n->content != NULL)
        epure_doc_builder_append (&r->b, (const char *) n->content, -1);
      return;
    }
  if (n->type != XML_ELEMENT_NODE || n->ns == NULL || g_strcmp0 ((const char *) n->ns->href, NS_TEXT) != 0)
    return;

  if (is (n, NS_TEXT, "s"))
    {
      g_autofree char *count = attr (n, NS_TEXT, "c");
      int c = count ? CLAMP (atoi (count), 1, 1000) : 1;

      r->b.collapse = FALSE;
      for (int i = 0; i < c; i++)
        epure_doc_builder_append (&r->b, " ", 1);
      r->b.collapse = TRUE;
    }
  else if (is (n, NS_TEXT, "tab"))
    {
      r->b.collapse = FALSE;
      epure_doc_builder_append (&r->b, "\t", 1);
      r->b.collapse = TRUE;
    }
  else if (is (n, NS_TEXT, "line-break"))
    epure_doc_builder_line_break (&r->b);
  else if (is (n, NS_TEXT, "span"))
    {
      g_autofree char *name = attr (n, NS_TEXT, "style-name");
      EpureSpanStyle saved = r->b.style;

      epure_doc_builder_set_style (&r->b, saved | lookup_style (r, name));
      walk_inline (r, n->children);
      epure_doc_builder_set_style (&r->b, saved);
    }
  else if (is (n, NS_TEXT, "note") || is (n, NS_TEXT, "tracked-changes")
           || is (n, NS_TEXT, "deletion"))
    return;   /* footnotes and deleted text are not in the running text */
  else
    walk_inline (r, n->children);   /* links, bookmarks, fields: their text */
}

static void
walk_inline (OdtReader *r,
             xmlNode   *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    walk_inline_node (r, n);
}

static void
walk_blocks (OdtReader *r,
             xmlNode   *node)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is (n, NS_TEXT, "h") || is (n, NS_TEXT, "p"))
        {
          g_autofree char *style_name = attr (n, NS_TEXT, "style-name");
          EpureBlockKind kind = EPURE_BLOCK_PARAGRAPH;
          guint level = 0;
          EpureSpanStyle para_style = lookup_style (r, style_name);

          if (is (n, NS_TEXT, "h"))
            {
              g_autofree char *outline = attr (n, NS_TEXT, "outline-level");

              kind = EPURE_BLOCK_HEADING;
              level = outline ? CLAMP (atoi (outline), 1, 6) : 1;
              para_style = 0;   /* headings are bold by style, not by emphasis */
            }
          else if ((level = heading_level (r, style_name)) > 0)
            {
              kind = EPURE_BLOCK_HEADING;
              para_style = 0;
            }
          else if (r->list_depth > 0)
            {
              gboolean numbered = r->list_depth <= 32 && (r->numbered >> (r->list_depth - 1) & 1);

              kind = numbered ? EPURE_BLOCK_NUMBERED_ITEM : EPURE_BLOCK_LIST_ITEM;
              level = r->list_depth;
            }
          epure_doc_builder_end_block (&r->b, EPURE_BLOCK_PARAGRAPH, 0);
          epure_doc_builder_set_style (&r->b, para_style);
          walk_inline (r, n->children);
          epure_doc_builder_set_style (&r->b, 0);
          epure_doc_builder_end_block (&r->b, kind, level);
        }
      else if (is (n, NS_TEXT, "list"))
        {
          guint saved = r->numbered;

          /* The outermost list's style numbers every level (ODF 1.2,
           * 19.880); a nested list's own style is only a hint. */
          if (r->list_depth == 0)
            {
              g_autofree char *style_name = attr (n, NS_TEXT, "style-name");
              r->numbered = style_name ? GPOINTER_TO_UINT (g_hash_table_lookup (r->lists, style_name)) : 0;
            }
          r->list_depth++;
          walk_blocks (r, n->children);
          r->list_depth--;
          r->numbered = saved;
        }
      else if (is (n, NS_TEXT, "tracked-changes") || is (n, NS_TEXT, "sequence-decls")
               || is (n, NS_TEXT, "variable-decls") || is (n, NS_TEXT, "user-field-decls")
               || is (n, NS_OFFICE, "forms") || is (n, NS_TEXT, "table-of-content")
               || is (n, NS_TEXT, "alphabetical-index"))
        continue;
      else
        walk_blocks (r, n->children);   /* sections, tables, list items */
    }
}

static xmlNode *
child_element (xmlNode    *node,
               const char *ns,
               const char *name)
{
  for (xmlNode *n = node ? node->children : NULL; n != NULL; n = n->next)
    if (is (n, ns, name))
      return n;
  return NULL;
}

gboolean
epure_odt_read (GBytes          *bytes,
                goffset          max_size,
                char           **text,
                gsize           *text_len,
                EpureStructure **structure,
                GError         **error)
{
  g_autoptr(EpureZip) zip = epure_zip_open (bytes, max_size, error);
  g_autoptr(GBytes) mimetype = NULL;
  g_autoptr(GBytes) content = NULL;
  OdtReader r = { 0 };
  xmlDoc *doc;
  xmlNode *body;
  gboolean ok;

  if (zip == NULL)
    return FALSE;

  if (!epure_zip_has (zip, "mimetype")
      || (mimetype = epure_zip_read (zip, "mimetype", NULL)) == NULL
      || g_bytes_get_size (mimetype) != strlen (ODT_MIME)
      || memcmp (g_bytes_get_data (mimetype, NULL), ODT_MIME, strlen (ODT_MIME)) != 0)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("This is not an OpenDocument text (wrong or missing mimetype)"));
      return FALSE;
    }

  content = epure_zip_read (zip, "content.xml", error);
  if (content == NULL)
    return FALSE;

  r.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (epure_zip_has (zip, "styles.xml"))
    {
      g_autoptr(GBytes) styles = epure_zip_read (zip, "styles.xml", error);
      xmlDoc *sdoc = styles ? epure_xml_parse_safe (styles, "styles.xml", error) : NULL;

      if (sdoc == NULL)
        {
          g_hash_table_unref (r.styles);
          g_hash_table_unref (r.parents);
          g_hash_table_unref (r.lists);
          return FALSE;
        }
      collect_styles (&r, xmlDocGetRootElement (sdoc), 0);
      xmlFreeDoc (sdoc);
    }

  doc = epure_xml_parse_safe (content, "content.xml", error);
  if (doc == NULL)
    {
      g_hash_table_unref (r.styles);
      g_hash_table_unref (r.parents);
      g_hash_table_unref (r.lists);
      return FALSE;
    }
  collect_styles (&r, xmlDocGetRootElement (doc), 0);

  body = child_element (child_element (xmlDocGetRootElement (doc), NS_OFFICE, "body"), NS_OFFICE, "text");
  epure_doc_builder_init (&r.b);
  r.b.collapse = TRUE;
  if (body == NULL)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("The document has no text body"));
      ok = FALSE;
    }
  else
    {
      walk_blocks (&r, body->children);
      ok = epure_doc_builder_finish (&r.b, text, text_len, structure, error);
    }

  epure_doc_builder_clear (&r.b);
  xmlFreeDoc (doc);
  g_hash_table_unref (r.styles);
  g_hash_table_unref (r.parents);
  g_hash_table_unref (r.lists);
  return ok;
}

/* Writer ---------------------------------------------------------------- */

/* ODF collapses blanks: runs of spaces, tabs and line ends are spelled. */
static void
append_odf_text (GString    *out,
                 const char *s,
                 gsize       len,
                 gboolean    at_start)
{
  gsize i = 0;

  while (i < len)
    {
      if (s[i] == ' ')
        {
          gsize n = 0;

          while (i + n < len && s[i + n] == ' ')
            n++;
          if (at_start && i == 0)
            g_string_append_printf (out, "<text:s text:c=\"%" G_GSIZE_FORMAT "\"/>", n);
          else
            {
              g_string_append_c (out, ' ');
              if (n > 1)
                g_string_append_printf (out, "<text:s text:c=\"%" G_GSIZE_FORMAT "\"/>", n - 1);
            }
          i += n;
        }
      else if (s[i] == '\t')
        {
          g_string_append (out, "<text:tab/>");
          i++;
        }
      else if (s[i] == '\n')
        {
          g_string_append (out, "<text:line-break/>");
          i++;
        }
      else
        {
          gsize n = 0;

          while (i + n < len && s[i + n] != ' ' && s[i + n] != '\t' && s[i + n] != '\n')
            n++;
          epure_xml_escape_append (out, s + i, n);
          i += n;
        }
    }
}

static void
append_runs (GString             *out,
             const EpureOutBlock *block)
{
  g_autoptr(GArray) runs = epure_out_block_runs (block);
  static const char *const span_styles[] = { NULL, "Epure_Bold", "Epure_Italic", "Epure_Bold_Italic" };

  for (guint i = 0; i < runs->len; i++)
    {
      const EpureSpan *r = &g_array_index (runs, EpureSpan, i);
      const char *style = span_styles[r->style & 3];

      if (style != NULL)
        g_string_append_printf (out, "<text:span text:style-name=\"%s\">", style);
      append_odf_text (out, block->text + r->start, r->end - r->start, r->start == 0);
      if (style != NULL)
        g_string_append (out, "</text:span>");
    }
}

#define ODF_NAMESPACES \
  "xmlns:office=\"" NS_OFFICE "\" xmlns:style=\"" NS_STYLE "\" xmlns:text=\"" NS_TEXT "\" " \
  "xmlns:fo=\"" NS_FO "\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" " \
  "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""

static const char odt_styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<office:document-styles " ODF_NAMESPACES " office:version=\"1.3\">\n"
  "<office:font-face-decls>"
  "<style:font-face style:name=\"Liberation Serif\" svg:font-family=\"'Liberation Serif'\" style:font-family-generic=\"roman\"/>"
  "<style:font-face style:name=\"Liberation Sans\" svg:font-family=\"'Liberation Sans'\" style:font-family-generic=\"swiss\"/>"
  "<style:font-face style:name=\"Liberation Mono\" svg:font-family=\"'Liberation Mono'\" style:font-family-generic=\"modern\" style:font-pitch=\"fixed\"/>"
  "</office:font-face-decls>\n"
  "<office:styles>\n"
  "<style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:hyphenation-ladder-count=\"no-limit\"/>"
  "<style:text-properties style:font-name=\"Liberation Serif\" fo:font-size=\"12pt\" fo:language=\"fr\" fo:country=\"FR\" fo:hyphenate=\"true\"/></style:default-style>\n"
  "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
  "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0cm\" fo:margin-bottom=\"0.25cm\" fo:line-height=\"115%\" fo:text-align=\"justify\"/></style:style>\n"
  "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"text\">"
  "<style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"/>"
  "<style:text-properties style:font-name=\"Liberation Sans\" fo:font-weight=\"bold\"/></style:style>\n"
  "@HEADINGS@"
  "<style:style style:name=\"List_20_Paragraph\" style:display-name=\"List Paragraph\" style:family=\"paragraph\" style:parent-style-name=\"Text_20_body\" style:class=\"list\"/>\n"
  "<style:style style:name=\"Preformatted_20_Text\" style:display-name=\"Preformatted Text\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"html\">"
  "<style:text-properties style:font-name=\"Liberation Mono\" fo:font-size=\"10pt\"/></style:style>\n"
  "</office:styles>\n"
  "<office:automatic-styles><style:page-layout style:name=\"pm1\">"
  "<style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
  "fo:margin-top=\"2.5cm\" fo:margin-bottom=\"2.5cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2.5cm\"/>"
  "</style:page-layout></office:automatic-styles>\n"
  "<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"/></office:master-styles>\n"
  "</office:document-styles>\n";

static const char odt_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n"
  " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"" ODT_MIME "\"/>\n"
  " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
  " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
  "</manifest:manifest>\n";

static char *
styles_xml (void)
{
  GString *headings = g_string_new (NULL);
  static const char *const sizes[] = { "130%", "115%", "105%", "100%", "95%", "90%" };
  g_autoptr(GString) out = g_string_new (odt_styles);

  for (guint l = 1; l <= 6; l++)
    g_string_append_printf (headings,
                            "<style:style style:name=\"Heading_20_%u\" style:display-name=\"Heading %u\" style:family=\"paragraph\" "
                            "style:parent-style-name=\"Heading\" style:next-style-name=\"Text_20_body\" style:default-outline-level=\"%u\" style:class=\"text\">"
                            "<style:text-properties fo:font-size=\"%s\"/></style:style>\n",
                            l, l, l, sizes[l - 1]);
  g_string_replace (out, "@HEADINGS@", headings->str, 1);
  g_string_free (headings, TRUE);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
content_xml (EpureOutDoc *doc)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<office:document-content " ODF_NAMESPACES " office:version=\"1.3\">\n"
                               "<office:automatic-styles>\n"
                               "<style:style style:name=\"Epure_Bold\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" style:font-weight-complex=\"bold\"/></style:style>\n"
                               "<style:style style:name=\"Epure_Italic\" style:family=\"text\"><style:text-properties fo:font-style=\"italic\" style:font-style-complex=\"italic\"/></style:style>\n"
                               "<style:style style:name=\"Epure_Bold_Italic\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\" fo:font-style=\"italic\"/></style:style>\n"
                               "<text:list-style style:name=\"L1\">");
  guint depth = 0;
  gboolean outer_numbered = FALSE;
  static const char *const bullets[] = { "•", "◦", "▪" };

  for (guint l = 1; l <= 10; l++)
    g_string_append_printf (out,
                            "<text:list-level-style-bullet text:level=\"%u\" text:bullet-char=\"%s\">"
                            "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                            "<style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"%.2fcm\" "
                            "fo:text-indent=\"-0.63cm\" fo:margin-left=\"%.2fcm\"/></style:list-level-properties></text:list-level-style-bullet>",
                            l, bullets[(l - 1) % 3], 0.63 * (l + 1), 0.63 * (l + 1));
  g_string_append (out, "</text:list-style>\n<text:list-style style:name=\"L2\">");
  for (guint l = 1; l <= 10; l++)
    g_string_append_printf (out,
                            "<text:list-level-style-number text:level=\"%u\" style:num-format=\"1\" style:num-suffix=\".\">"
                            "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">"
                            "<style:list-level-label-alignment text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"%.2fcm\" "
                            "fo:text-indent=\"-0.63cm\" fo:margin-left=\"%.2fcm\"/></style:list-level-properties></text:list-level-style-number>",
                            l, 0.63 * (l + 1), 0.63 * (l + 1));
  g_string_append (out, "</text:list-style>\n</office:automatic-styles>\n<office:body>\n<office:text>\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);
      guint want = EPURE_BLOCK_IS_ITEM (b->kind) ? CLAMP (b->level, 1, 10) : 0;
      gboolean numbered = b->kind == EPURE_BLOCK_NUMBERED_ITEM;

      while (depth > want)
        {
          g_string_append (out, "</text:list-item></text:list>\n");
          depth--;
        }
      /* A top-level item of the other kind starts another list. */
      if (want == 1 && depth == 1 && outer_numbered != numbered)
        {
          g_string_append (out, "</text:list-item></text:list>\n");
          depth = 0;
        }
      if (want > 0 && depth == want)
        g_string_append (out, "</text:list-item>\n<text:list-item>");
      while (depth < want)
        {
          if (depth == 0)
            {
              outer_numbered = numbered;
              g_string_append_printf (out, "<text:list text:style-name=\"%s\"><text:list-item>", numbered ? "L2" : "L1");
            }
          else
            g_string_append (out, "<text:list><text:list-item>");
          depth++;
        }

      switch (b->kind)
        {
        case EPURE_BLOCK_HEADING:
          {
            guint l = CLAMP (b->level, 1, 6);
            g_string_append_printf (out, "<text:h text:style-name=\"Heading_20_%u\" text:outline-level=\"%u\">", l, l);
            append_runs (out, b);
            g_string_append (out, "</text:h>\n");
          }
          break;
        case EPURE_BLOCK_LIST_ITEM:
        case EPURE_BLOCK_NUMBERED_ITEM:
          g_string_append (out, "<text:p text:style-name=\"List_20_Paragraph\">");
          append_runs (out, b);
          g_string_append (out, "</text:p>");
          break;
        case EPURE_BLOCK_CODE:
          g_string_append (out, "<text:p text:style-name=\"Preformatted_20_Text\">");
          append_runs (out, b);
          g_string_append (out, "</text:p>\n");
          break;
        case EPURE_BLOCK_PARAGRAPH:
        default:
          g_string_append (out, "<text:p text:style-name=\"Text_20_body\">");
          append_runs (out, b);
          g_string_append (out, "</text:p>\n");
          break;
        }
    }
  while (depth > 0)
    {
      g_string_append (out, "</text:list-item></text:list>\n");
      depth--;
    }
  g_string_append (out, "</office:text>\n</office:body>\n</office:document-content>\n");
  return g_string_free (out, FALSE);
}

static char *
meta_xml (const char *title)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<office:document-meta " ODF_NAMESPACES " office:version=\"1.3\"><office:meta>"
                               "<meta:generator>Épure/" PACKAGE_VERSION "</meta:generator>");
  if (title != NULL)
    {
      g_string_append (out, "<dc:title>");
      epure_xml_escape_append (out, title, -1);
      g_string_append (out, "</dc:title>");
    }
  g_string_append (out, "<dc:language>fr-FR</dc:language></office:meta></office:document-meta>\n");
  return g_string_free (out, FALSE);
}

/* "mimetype" first and stored, as ODF requires for type sniffing. */
GBytes *
epure_odt_write (EpureOutDoc  *doc,
                 const char   *title,
                 GError      **error)
{
  g_autofree char *content = content_xml (doc);
  g_autofree char *styles = styles_xml ();
  g_autofree char *meta = meta_xml (title);
  const EpureZipEntry entries[] = {
    { "mimetype", ODT_MIME, strlen (ODT_MIME), TRUE },
    { "content.xml", content, strlen (content), FALSE },
    { "styles.xml", styles, strlen (styles), FALSE },
    { "meta.xml", meta, strlen (meta), FALSE },
    { "META-INF/manifest.xml", odt_manifest, strlen (odt_manifest), FALSE },
  };

  return epure_zip_build (entries, G_N_ELEMENTS (entries), error);
}
