/* epure-format-pdf.c: A4 PDF through Pango and Cairo, no display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "epure-format-private.h"

/* Points: A4 is 210 × 297 mm; 25 mm margins. */
#define PAGE_WIDTH  595.276
#define PAGE_HEIGHT 841.890
#define MARGIN      70.866
#define BODY_FONT   "Serif 11"

typedef struct
{
  cairo_t *cr;
  PangoContext *context;
  double y;
  guint page;
  guint numbers[9];   /* the last number given at each list level */
} PdfWriter;

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
finish_page (PdfWriter *w)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (w->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Serif 9");
  g_autofree char *number = g_strdup_printf ("%u", w->page);
  int width, height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, number, -1);
  pango_layout_get_size (layout, &width, &height);
  cairo_move_to (w->cr, (PAGE_WIDTH - (double) width / PANGO_SCALE) / 2, PAGE_HEIGHT - MARGIN / 2 - (double) height / PANGO_SCALE);
  pango_cairo_show_layout (w->cr, layout);
  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN;
}

static void
add_style (PangoAttrList *attrs,
           PangoAttribute *attr,
           gsize           start,
           gsize           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

static void
draw_block (PdfWriter           *w,
            const EpureOutBlock *b)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (w->context);
  g_autoptr(PangoFontDescription) font = NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  double indent = 0, space_before = 0, space_after = 6;
  gsize shift = 0;
  PangoLayoutIter *iter;
  gboolean first_line = TRUE;

  switch (b->kind)
    {
    case EPURE_BLOCK_HEADING:
      {
        static const char *const fonts[] = { "Sans Bold 17", "Sans Bold 14", "Sans Bold 12.5", "Sans Bold 11.5", "Sans Bold 11", "Sans Bold Italic 11" };
        font = pango_font_description_from_string (fonts[CLAMP (b->level, 1, 6) - 1]);
        space_before = b->level <= 1 ? 18 : 12;
        space_after = 6;
      }
      break;
    case EPURE_BLOCK_LIST_ITEM:
    case EPURE_BLOCK_NUMBERED_ITEM:
      {
        static const char *const bullets[] = { "•\t", "◦\t", "▪\t" };
        guint level = CLAMP (b->level, 1, 8);
        PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 18);

        font = pango_font_description_from_string (BODY_FONT);
        indent = 18.0 * level;
        for (guint l = level + 1; l < G_N_ELEMENTS (w->numbers); l++)
          w->numbers[l] = 0;
        if (b->kind == EPURE_BLOCK_NUMBERED_ITEM)
          g_string_append_printf (text, "%u.\t", ++w->numbers[level]);
        else
          g_string_append (text, bullets[(level - 1) % 3]);
        shift = text->len;
        /* The bullet hangs in the margin of the item's text. */
        pango_layout_set_indent (layout, -18 * PANGO_SCALE);
        pango_layout_set_tabs (layout, tabs);
        pango_tab_array_free (tabs);
        space_after = 3;
      }
      break;
    case EPURE_BLOCK_CODE:
      font = pango_font_description_from_string ("Monospace 9");
      break;
    case EPURE_BLOCK_PARAGRAPH:
    default:
      font = pango_font_description_from_string (BODY_FONT);
      pango_layout_set_justify (layout, TRUE);
      break;
    }

  g_string_append_len (text, b->text, b->len);
  for (guint i = 0; i < b->n_spans; i++)
    {
      gsize start = b->spans[i].start + shift, end = b->spans[i].end + shift;

      if (b->spans[i].style & EPURE_SPAN_BOLD)
        add_style (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, end);
      if (b->spans[i].style & EPURE_SPAN_ITALIC)
        add_style (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, end);
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text->str, text->len);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  if (w->y > MARGIN)
    w->y += space_before;
  /* A heading is not left alone at the foot of a page. */
  if (b->kind == EPURE_BLOCK_HEADING && w->y + 60 > PAGE_HEIGHT - MARGIN)
    finish_page (w);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double top, baseline, height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;

      if (w->y + height > PAGE_HEIGHT - MARGIN && !(first_line && w->y <= MARGIN))
        finish_page (w);
      cairo_move_to (w->cr, MARGIN + indent + (double) logical.x / PANGO_SCALE, w->y + baseline);
      pango_cairo_show_layout_line (w->cr, line);
      w->y += height;
      first_line = FALSE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  w->y += space_after;
}

GBytes *
epure_pdf_write (EpureOutDoc  *doc,
                 const char   *title,
                 GError      **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  PangoFontMap *font_map;
  PdfWriter w = { 0 };
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Épure " PACKAGE_VERSION);
  w.cr = cairo_create (surface);

  /* A font map of our own: no shared state between exports. */
  font_map = pango_cairo_font_map_new ();
  w.context = pango_font_map_create_context (font_map);
  pango_cairo_update_context (w.cr, w.context);
  pango_cairo_context_set_resolution (w.context, 72);   /* 1 unit = 1 point */
  pango_context_set_language (w.context, pango_language_from_string ("fr-FR"));
  w.y = MARGIN;
  w.page = 1;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const EpureOutBlock *b = &g_array_index (doc->blocks, EpureOutBlock, i);

      /* A numbered list starts again at 1 after anything but an item,
       * and is set off from what follows like a paragraph. */
      if (!EPURE_BLOCK_IS_ITEM (b->kind))
        {
          if (i > 0 && EPURE_BLOCK_IS_ITEM (g_array_index (doc->blocks, EpureOutBlock, i - 1).kind))
            w.y += 3;
          memset (w.numbers, 0, sizeof w.numbers);
        }
      draw_block (&w, b);
    }
  finish_page (&w);

  g_object_unref (w.context);
  g_object_unref (font_map);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED,
                   _("Cannot write the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}
