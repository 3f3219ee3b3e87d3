/* epure-format-docx.c: Office Open XML documents (.docx) in and out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "epure-format-private.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define MAIN_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define MACRO_MAIN_TYPE "application/vnd.ms-word.document.macroEnabled.main+xml"

typedef struct
{
  guint heading;            /* 0: not a heading */
  EpureSpanStyle style;     /* character formatting */
  char *based_on;
} DocxStyle;

typedef struct
{
  EpureDocBuilder b;
  GHashTable *styles;       /* styleId → DocxStyle */
  GHashTable *numbered;     /* numId → levels that count, bit n for ilvl n */
} DocxReader;

static void
docx_style_free (gpointer data)
{
  DocxStyle *s = data;

  g_free (s->based_on);
  g_free (s);
}

static gboolean
is (const xmlNode *node,
    const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, NS_W) == 0
         && g_str_equal ((const char *) node->name, name);
}

static char *
wattr (const xmlNode *node,
       const char    *name)
{
  xmlChar *v = xmlGetNsProp ((xmlNode *) node, (const xmlChar *) name, (const xmlChar *) NS_W);
  char *out = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return out;
}

static xmlNode *
child (const xmlNode *node,
       const char    *name)
{
  for (xmlNode *n = node ? node->children : NULL; n != NULL; n = n->next)
    if (is (n, name))
      return n;
  return NULL;
}

/* <w:b/>, <w:b w:val="true"/> are on; w:val="0"/"false"/"off" is off. */
static gboolean
toggle_on (const xmlNode *node)
{
  g_autofree char *val = NULL;

  if (node == NULL)
    return FALSE;
  val = wattr (node, "val");
  return val == NULL || !(g_str_equal (val, "0") || g_str_equal (val, "false") || g_str_equal (val, "off"));
}

static EpureSpanStyle
run_properties (const xmlNode *rpr)
{
  EpureSpanStyle style = 0;

  if (toggle_on (child (rpr, "b")))
    style |= EPURE_SPAN_BOLD;
  if (toggle_on (child (rpr, "i")))
    style |= EPURE_SPAN_ITALIC;
  return style;
}

static void
collect_styles (DocxReader *r,
                xmlNode    *root)
{
  for (xmlNode *n = root ? root->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      DocxStyle *s;
      xmlNode *e;

      if (!is (n, "style") || (id = wattr (n, "styleId")) == NULL)
        continue;
      s = g_new0 (DocxStyle, 1);
      if ((e = child (n, "name")) != NULL)
        name = wattr (e, "val");
      if ((e = child (n, "basedOn")) != NULL)
        s->based_on = wattr (e, "val");
      if (name != NULL && g_ascii_strncasecmp (name, "heading ", 8) == 0)
        s->heading = CLAMP (atoi (name + 8), 1, 6);
      else if (name != NULL && g_ascii_strcasecmp (name, "Title") == 0)
        s->heading = 1;
      if ((e = child (child (n, "pPr"), "outlineLvl")) != NULL && s->heading == 0)
        {
          g_autofree char *lvl = wattr (e, "val");
          int l = lvl ? atoi (lvl) : 9;

          if (l >= 0 && l < 6)
            s->heading = l + 1;
        }
      s->style = run_properties (child (n, "rPr"));
      g_hash_table_insert (r->styles, g_steal_pointer (&id), s);
    }
}

/* Which list levels are numbered rather than bulleted, per numId. */
static void
collect_numbering (DocxReader *r,
                   xmlNode    *root)
{
  g_autoptr(GHashTable) abstract = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (xmlNode *n = root ? root->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      guint numbered = 0;

      if (!is (n, "abstractNum") || (id = wattr (n, "abstractNumId")) == NULL)
        continue;
      for (xmlNode *lvl = n->children; lvl != NULL; lvl = lvl->next)
        {
          g_autofree char *ilvl = NULL;
          g_autofree char *fmt = NULL;
          int l;

          if (!is (lvl, "lvl") || (ilvl = wattr (lvl, "ilvl")) == NULL)
            continue;
          l = atoi (ilvl);
          if (child (lvl, "numFmt") != NULL)
            fmt = wattr (child (lvl, "numFmt"), "val");
          if (l >= 0 && l < 32 && fmt != NULL && !g_str_equal (fmt, "bullet") && !g_str_equal (fmt, "none"))
            numbered |= 1u << l;
        }
      g_hash_table_insert (abstract, g_steal_pointer (&id), GUINT_TO_POINTER (numbered));
    }

  for (xmlNode *n = root ? root->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *abstract_id = NULL;

      if (!is (n, "num") || (id = wattr (n, "numId")) == NULL || child (n, "abstractNumId") == NULL)
        continue;
      abstract_id = wattr (child (n, "abstractNumId"), "val");
      if (abstract_id != NULL)
        g_hash_table_insert (r->numbered, g_steal_pointer (&id), g_hash_table_lookup (abstract, abstract_id));
    }
}

/* Follows basedOn, capped in case of a loop. */
static void
resolve_style (DocxReader *r,
               const char *id,
               guint      *heading,
               EpureSpanStyle *style)
{
  for (guint i = 0; id != NULL && i < 16; i++)
    {
      DocxStyle *s = g_hash_table_lookup (r->styles, id);

      if (s == NULL)
        return;
      if (heading != NULL && *heading == 0)
        *heading = s->heading;
      if (style != NULL)
        *style |= s->style;
      id = s->based_on;
    }
}

static void walk_runs (DocxReader *r, xmlNode *node, guint depth);

static void
walk_run (DocxReader *r,
          xmlNode    *run)
{
  xmlNode *rpr = child (run, "rPr");
  EpureSpanStyle style = run_properties (rpr);
  xmlNode *rstyle = child (rpr, "rStyle");

  if (rstyle != NULL)
    {
      g_autofree char *id = wattr (rstyle, "val");
      EpureSpanStyle inherited = 0;

      resolve_style (r, id, NULL, &inherited);
      /* Direct formatting wins over the character style when it says off. */
      if (child (rpr, "b") == NULL)
        style |= inherited & EPURE_SPAN_BOLD;
      if (child (rpr, "i") == NULL)
        style |= inherited & EPURE_SPAN_ITALIC;
    }
  epure_doc_builder_set_style (&r->b, style);

  for (xmlNode *n = run->children; n != NULL; n = n->next)
    {
      if (is (n, "t"))
        {
          for (xmlNode *t = n->children; t != NULL; t = t->next)
            if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content != NULL)
              epure_doc_builder_append (&r->b, (const char *) t->content, -1);
        }
      else if (is (n, "tab"))
        epure_doc_builder_append (&r->b, "\t", 1);
      else if (is (n, "br") || is (n, "cr"))
        {
          g_autofree char *type = wattr (n, "type");

          if (type == NULL || g_str_equal (type, "textWrapping"))
            epure_doc_builder_line_break (&r->b);
        }
      else if (is (n, "noBreakHyphen"))
        epure_doc_builder_append (&r->b, "\xE2\x80\x91", 3);
    }
  epure_doc_builder_set_style (&r->b, 0);
}

static void
walk_runs (DocxReader *r,
           xmlNode    *node,
           guint       depth)
{
  if (depth > 32)
    return;
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is (n, "r"))
        walk_run (r, n);
      else if (is (n, "del") || is (n, "moveFrom") || is (n, "pPr") || is (n, "rPr"))
        continue;
      else
        walk_runs (r, n->children, depth + 1);   /* hyperlinks, insertions, fields */
    }
}

static void
walk_paragraph (DocxReader *r,
                xmlNode    *p)
{
  xmlNode *ppr = child (p, "pPr");
  xmlNode *pstyle = child (ppr, "pStyle");
  xmlNode *numpr = child (ppr, "numPr");
  xmlNode *outline = child (ppr, "outlineLvl");
  EpureBlockKind kind = EPURE_BLOCK_PARAGRAPH;
  guint heading = 0, level = 0;

  if (pstyle != NULL)
    {
      g_autofree char *id = wattr (pstyle, "val");
      resolve_style (r, id, &heading, NULL);
    }
  if (outline != NULL)
    {
      g_autofree char *lvl = wattr (outline, "val");
      int l = lvl ? atoi (lvl) : 9;

      if (l >= 0 && l < 6)
        heading = l + 1;
    }

  if (heading > 0)
    {
      kind = EPURE_BLOCK_HEADING;
      level = heading;
    }
  else if (numpr != NULL && child (numpr, "numId") != NULL)
    {
      g_autofree char *num = wattr (child (numpr, "numId"), "val");
      g_autofree char *ilvl = child (numpr, "ilvl") ? wattr (child (numpr, "ilvl"), "val") : NULL;

      /* numId 0 means "no numbering". */
      if (num != NULL && !g_str_equal (num, "0"))
        {
          guint levels = GPOINTER_TO_UINT (g_hash_table_lookup (r->numbered, num));

          level = CLAMP ((ilvl ? atoi (ilvl) : 0) + 1, 1, 9);
          kind = levels >> (level - 1) & 1 ? EPURE_BLOCK_NUMBERED_ITEM : EPURE_BLOCK_LIST_ITEM;
        }
    }

  epure_doc_builder_end_block (&r->b, EPURE_BLOCK_PARAGRAPH, 0);
  walk_runs (r, p->children, 0);
  epure_doc_builder_end_block (&r->b, kind, level);
}

static void
walk_body (DocxReader *r,
           xmlNode    *node,
           guint       depth)
{
  if (depth > 64)
    return;
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is (n, "p"))
        walk_paragraph (r, n);
      else if (is (n, "sectPr") || is (n, "del"))
        continue;
      else
        walk_body (r, n->children, depth + 1);   /* tables, content controls */
    }
}

/* The main part named in [Content_Types].xml, without its leading "/". */
static char *
find_main_part (EpureZip  *zip,
                GError   **error)
{
  g_autoptr(GBytes) types = NULL;
  xmlDoc *doc;
  char *part = NULL;

  if (!epure_zip_has (zip, "[Content_Types].xml"))
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("This is not a Word document (no [Content_Types].xml)"));
      return NULL;
    }
  types = epure_zip_read (zip, "[Content_Types].xml", error);
  if (types == NULL || (doc = epure_xml_parse_safe (types, "[Content_Types].xml", error)) == NULL)
    return NULL;

  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n != NULL && part == NULL; n = n->next)
    {
      xmlChar *type, *name;

      if (n->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) n->name, "Override"))
        continue;
      type = xmlGetProp (n, (const xmlChar *) "ContentType");
      name = xmlGetProp (n, (const xmlChar *) "PartName");
      if (type != NULL && name != NULL
          && (g_str_equal ((const char *) type, MAIN_TYPE) || g_str_equal ((const char *) type, MACRO_MAIN_TYPE)))
        part = g_strdup ((const char *) name + (name[0] == '/'));
      xmlFree (type);
      xmlFree (name);
    }
  xmlFreeDoc (doc);

  if (part == NULL)
    g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                         _("This is not a Word document (wrong content type)"));
  return part;
}

/* An optional part (styles, numbering): absent is fine, unsafe is not. */
static gboolean
read_part (DocxReader  *r,
           EpureZip    *zip,
           const char  *name,
           void       (*collect) (DocxReader *r, xmlNode *root),
           GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlDoc *doc;

  if (!epure_zip_has (zip, name))
    return TRUE;
  bytes = epure_zip_read (zip, name, error);
  if (bytes == NULL || (doc = epure_xml_parse_safe (bytes, name, error)) == NULL)
    return FALSE;
  collect (r, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
  return TRUE;
}

gboolean
epure_docx_read (GBytes          *bytes,
                 goffset          max_size,
                 char           **text,
                 gsize           *text_len,
                 EpureStructure **structure,
                 GError         **error)
{
  g_autoptr(EpureZip) zip = epure_zip_open (bytes, max_size, error);
  g_autofree char *main_part = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *styles_part = NULL;
  g_autofree char *numbering_part = NULL;
  g_autoptr(GBytes) content = NULL;
  DocxReader r = { 0 };
  xmlDoc *doc;
  xmlNode *body;
  gboolean ok;

  if (zip == NULL || (main_part = find_main_part (zip, error)) == NULL)
    return FALSE;
  content = epure_zip_read (zip, main_part, error);
  if (content == NULL)
    return FALSE;

  r.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, docx_style_free);
  r.numbered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  dir = g_path_get_dirname (main_part);
  styles_part = g_str_equal (dir, ".") ? g_strdup ("styles.xml") : g_strconcat (dir, "/styles.xml", NULL);
  numbering_part = g_str_equal (dir, ".") ? g_strdup ("numbering.xml") : g_strconcat (dir, "/numbering.xml", NULL);
  if (!read_part (&r, zip, styles_part, collect_styles, error)
      || !read_part (&r, zip, numbering_part, collect_numbering, error)
      || (doc = epure_xml_parse_safe (content, main_part, error)) == NULL)
    {
      g_hash_table_unref (r.styles);
      g_hash_table_unref (r.numbered);
      return FALSE;
    }

  body = child (xmlDocGetRootElement (doc), "body");
  epure_doc_builder_init (&r.b);
  if (body == NULL)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("The document has no text body"));
      ok = FALSE;
    }
  else
    {
      walk_body (&r, body->children, 0);
      ok = epure_doc_builder_finish (&r.b, text, text_len, structure, error);
    }

  epure_doc_builder_clear (&r.b);
  xmlFreeDoc (doc);
  g_hash_table_unref (r.styles);
  g_hash_table_unref (r.numbered);
  return ok;
}

/* Writer ---------------------------------------------------------------- */

static void
append_run_text (GString    *out,
                 const char *s,
                 gsize       len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n = 0;

      while (i + n < len && s[i + n] != '\n' && s[i + n] != '\t')
        n++;
      if (n > 0)
        {
          g_string_append (out, "<w:t xml:space=\"preserve\">");
          epure_xml_escape_append (out, s + i, n);
          g_string_append (out, "</w:t>");
          i += n;
        }
      if (i < len)
        {
          g_string_append (out, s[i] == '\n' ? "<w:br/>" : "<w:tab/>");
          i++;
        }
    }
}

static void
append_runs (GString             *out,
             const EpureOutBlock *block)
{
  g_autoptr(GArray) runs = epure_out_block_runs (block);

  for (guint i = 0; i < runs->len; i++)
    {
      const EpureSpan *r = &g_array_index (runs, EpureSpan, i);

      g_string_append (out, "<w:r>");
      if (r->style != 0)
        g_string_append_printf (out, "<w:rPr>%s%s</w:rPr>",
                                r->style & EPURE_SPAN_BOLD ? "<w:b/><w:bCs/>" : "",
                                r->style & EPURE_SPAN_ITALIC ? "<w:i/><w:iCs/>" : "");
      append_run_text (out, block->text + r->start, r->end - r->start);
      g_string_append (out, "</w:r>");
    }
}

/* Each numbered list restarts at 1: it gets its own w:num, from 2 on
 * (1 is every bulleted list). */
static char *
document_xml (EpureOutDoc *doc,
              guint       *n_numbered)
{
  guint num_id = 1;
  const EpureOutBlock *prev = NULL;

  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<w:document xmlns:w=\"" NS_W "\" "
                               "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                               "<w:body>\n");

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);

      g_string_append (out, "<w:p><w:pPr>");
      switch (b->kind)
        {
        case EPURE_BLOCK_HEADING:
          g_string_append_printf (out, "<w:pStyle w:val=\"Heading%u\"/>", CLAMP (b->level, 1, 6));
          break;
        case EPURE_BLOCK_LIST_ITEM:
          g_string_append_printf (out, "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"%u\"/><w:numId w:val=\"1\"/></w:numPr>",
                                  CLAMP (b->level, 1, 9) - 1);
          break;
        case EPURE_BLOCK_NUMBERED_ITEM:
          if (num_id == 1 || prev == NULL || !EPURE_BLOCK_IS_ITEM (prev->kind)
              || (b->level <= 1 && prev->kind != b->kind))
            num_id++;
          g_string_append_printf (out, "<w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"%u\"/><w:numId w:val=\"%u\"/></w:numPr>",
                                  CLAMP (b->level, 1, 9) - 1, num_id);
          break;
        case EPURE_BLOCK_CODE:
          g_string_append (out, "<w:pStyle w:val=\"SourceCode\"/>");
          break;
        case EPURE_BLOCK_PARAGRAPH:
        default:
          g_string_append (out, "<w:pStyle w:val=\"BodyText\"/>");
          break;
        }
      g_string_append (out, "</w:pPr>");
      append_runs (out, b);
      g_string_append (out, "</w:p>\n");
      prev = b;
    }
  *n_numbered = num_id - 1;
  /* A4, 2.5 cm margins, in twentieths of a point. */
  g_string_append (out, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                        "<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" "
                        "w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>\n"
                        "</w:body></w:document>\n");
  return g_string_free (out, FALSE);
}

static char *
styles_xml (void)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<w:styles xmlns:w=\"" NS_W "\">"
                               "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Liberation Serif\" w:hAnsi=\"Liberation Serif\" w:cs=\"Liberation Serif\"/>"
                               "<w:sz w:val=\"24\"/><w:lang w:val=\"fr-FR\"/></w:rPr></w:rPrDefault>"
                               "<w:pPrDefault><w:pPr><w:spacing w:after=\"140\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\n"
                               "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\n"
                               "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
                               "<w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>\n"
                               "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
                               "<w:pPr><w:ind w:left=\"720\"/><w:contextualSpacing/></w:pPr></w:style>\n"
                               "<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\"><w:name w:val=\"Source Code\"/><w:basedOn w:val=\"Normal\"/>"
                               "<w:rPr><w:rFonts w:ascii=\"Liberation Mono\" w:hAnsi=\"Liberation Mono\"/><w:sz w:val=\"20\"/></w:rPr></w:style>\n");
  static const guint sizes[] = { 32, 28, 26, 24, 24, 22 };

  for (guint l = 1; l <= 6; l++)
    g_string_append_printf (out,
                            "<w:style w:type=\"paragraph\" w:styleId=\"Heading%u\"><w:name w:val=\"heading %u\"/>"
                            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/>"
                            "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"%u\"/></w:pPr>"
                            "<w:rPr><w:rFonts w:ascii=\"Liberation Sans\" w:hAnsi=\"Liberation Sans\"/><w:b/><w:bCs/><w:sz w:val=\"%u\"/></w:rPr></w:style>\n",
                            l, l, l - 1, sizes[l - 1]);
  g_string_append (out, "</w:styles>\n");
  return g_string_free (out, FALSE);
}

static char *
numbering_xml (guint n_numbered)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<w:numbering xmlns:w=\"" NS_W "\"><w:abstractNum w:abstractNumId=\"0\">"
                               "<w:multiLevelType w:val=\"hybridMultilevel\"/>");
  static const char *const bullets[] = { "•", "◦", "▪" };

  for (guint l = 0; l < 9; l++)
    g_string_append_printf (out,
                            "<w:lvl w:ilvl=\"%u\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"%s\"/>"
                            "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"%u\" w:hanging=\"360\"/></w:pPr></w:lvl>",
                            l, bullets[l % 3], 720 * (l + 1));
  g_string_append (out, "</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>");
  for (guint l = 0; l < 9; l++)
    g_string_append_printf (out,
                            "<w:lvl w:ilvl=\"%u\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%%%u.\"/>"
                            "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"%u\" w:hanging=\"360\"/></w:pPr></w:lvl>",
                            l, l + 1, 720 * (l + 1));
  g_string_append (out, "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
  for (guint i = 0; i < n_numbered; i++)
    g_string_append_printf (out, "<w:num w:numId=\"%u\"><w:abstractNumId w:val=\"1\"/>"
                                 "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
                            i + 2);
  g_string_append (out, "</w:numbering>\n");
  return g_string_free (out, FALSE);
}

static char *
core_xml (const char *title)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
  if (title != NULL)
    {
      g_string_append (out, "<dc:title>");
      epure_xml_escape_append (out, title, -1);
      g_string_append (out, "</dc:title>");
    }
  g_string_append (out, "<dc:language>fr-FR</dc:language></cp:coreProperties>\n");
  return g_string_free (out, FALSE);
}

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"" NS_CT "\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"" MAIN_TYPE "\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "</Types>\n";

static const char package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "</Relationships>\n";

static const char document_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>"
  "</Relationships>\n";

GBytes *
epure_docx_write (EpureOutDoc  *doc,
                  const char   *title,
                  GError      **error)
{
  guint n_numbered = 0;
  g_autofree char *document = document_xml (doc, &n_numbered);
  g_autofree char *styles = styles_xml ();
  g_autofree char *numbering = numbering_xml (n_numbered);
  g_autofree char *core = core_xml (title);
  const EpureZipEntry entries[] = {
    { "[Content_Types].xml", content_types, strlen (content_types), FALSE },
    { "_rels/.rels", package_rels, strlen (package_rels), FALSE },
    { "word/document.xml", document, strlen (document), FALSE },
    { "word/_rels/document.xml.rels", document_rels, strlen (document_rels), FALSE },
    { "word/styles.xml", styles, strlen (styles), FALSE },
    { "word/numbering.xml", numbering, strlen (numbering), FALSE },
    { "docProps/core.xml", core, strlen (core), FALSE },
  };

  return epure_zip_build (entries, G_N_ELEMENTS (entries), error);
}
