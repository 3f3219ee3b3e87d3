/* epure-gtk-utils.c: small helpers shared by the panel and the dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-gtk-utils.h"

/* Context shown on each side of a change, in characters. */
#define CONTEXT_CHARS 28
#define VISIBLE_SPACES_MAX 12

/* Typography changes are mostly invisible (a space becomes a no-break
 * space): inside a change, spaces are drawn as visible symbols. */
char *
epure_markup_visible_spaces (const char *str,
                             gssize      len)
{
  GString *out = g_string_new (NULL);
  const char *end;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  for (const char *p = str; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append (out, "<span alpha=\"60%\">␣</span>");
      else if (c == 0x00A0)
        g_string_append (out, "<span foreground=\"#26a269\">⍽</span>");
      else if (c == 0x202F)
        g_string_append (out, "<span foreground=\"#26a269\" size=\"small\">⍽</span>");
      else if (c == '\n')
        g_string_append (out, "<span alpha=\"60%\">¶</span>");
      else if (c == '\t')
        g_string_append (out, "<span alpha=\"60%\">→</span>");
      else
        {
          g_autofree char *escaped = g_markup_escape_text (p, g_utf8_next_char (p) - p);
          g_string_append (out, escaped);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
escape_context (const char *str,
                gsize       len)
{
  g_autofree char *flat = g_strndup (str, len);

  /* Context stays on one line. */
  g_strdelimit (flat, "\n\t", ' ');
  return g_markup_escape_text (flat, -1);
}

/* Pango markup of [start, end) of @text in its context, before the change
 * (the old text struck through) or after it (the replacement in bold). */
char *
epure_markup_change (EpureText  *text,
                     gsize       start,
                     gsize       end,
                     const char *replacement,
                     gboolean    after)
{
  gsize len;
  const char *str = epure_text_get_string (text, &len);
  const char *left = str + start;
  const char *right = str + end;
  g_autofree char *before_markup = NULL;
  g_autofree char *after_markup = NULL;
  g_autofree char *changed = NULL;
  gboolean cut_left, cut_right;

  for (guint i = 0; i < CONTEXT_CHARS && left > str && left[-1] != '\n'; i++)
    left = g_utf8_find_prev_char (str, left);
  for (guint i = 0; i < CONTEXT_CHARS && right < str + len && *right != '\n'; i++)
    right = g_utf8_next_char (right);
  cut_left = left > str && left[-1] != '\n';
  cut_right = right < str + len && *right != '\n';

  before_markup = escape_context (left, str + start - left);
  after_markup = escape_context (str + end, right - (str + end));
  /* Spaces are drawn only in short changes, where they are the point. */
  if (after && strlen (replacement ? replacement : "") <= VISIBLE_SPACES_MAX)
    changed = epure_markup_visible_spaces (replacement ? replacement : "", -1);
  else if (after)
    changed = escape_context (replacement, strlen (replacement));
  else if (end - start <= VISIBLE_SPACES_MAX)
    changed = epure_markup_visible_spaces (str + start, end - start);
  else
    changed = escape_context (str + start, end - start);

  return g_strdup_printf ("%s%s<span %s>%s</span>%s%s",
                          cut_left ? "…" : "",
                          before_markup,
                          after ? "weight=\"bold\" background=\"#26a269\" bgalpha=\"25%\""
                                : "strikethrough=\"true\" background=\"#e01b24\" bgalpha=\"20%\"",
                          changed,
                          after_markup,
                          cut_right ? "…" : "");
}

static gboolean
query_lazy_tooltip (GtkWidget  *widget,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip,
                    gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, g_object_get_data (G_OBJECT (widget), "epure-tooltip"));
  return TRUE;
}

/* Gives @widget the tooltip @text (none when NULL) when it is asked for.
 * Setting one with gtk_widget_set_tooltip_text() makes GTK 4.8 look for
 * the widget under the pointer each time: 0.3 ms, a tenth of a second for
 * a list of rows. */
void
epure_widget_set_lazy_tooltip (GtkWidget  *widget,
                               const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), "epure-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_lazy_tooltip, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_lazy_tooltip), NULL);
}

/* "typography" → "category-typography", for style.css. */
char *
epure_category_css_class (const char *category)
{
  return g_strconcat ("category-", category ? category : "other", NULL);
}

/* The end of at most @max_bytes from @start, not cutting a character. */
gsize
epure_utf8_clamp (const char *str,
                  gsize       start,
                  gsize       end,
                  gsize       max_bytes)
{
  gsize cut;

  if (end - start <= max_bytes)
    return end;
  cut = start + max_bytes;
  while (cut > start && ((guchar) str[cut] & 0xC0) == 0x80)
    cut--;
  return cut;
}

/**
 * epure_export_target:
 * @file: the file named in the Export dialog
 * @chosen: the format of the file-type filter picked in the dialog
 * @format: (out): the format to write
 *
 * An extension the user typed that names an exportable format wins over
 * the filter (which nobody may have touched): "out.odt" is an
 * OpenDocument file, never plain text in disguise.  A name without a
 * known extension gets the chosen format's.
 *
 * Returns: (transfer full): the file to write.
 */
GFile *
epure_export_target (GFile       *file,
                     const char  *chosen,
                     const char **format)
{
  g_autofree char *name = g_file_get_basename (file);
  const char *dot = strrchr (name, '.');
  /* epure_format_from_filename() calls a bare name plain text: here a
   * bare name is one the chosen format's extension completes. */
  const char *typed = dot != NULL && dot != name ? epure_format_from_filename (name) : NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (G_IS_FILE (file) && chosen != NULL && format != NULL, NULL);

  if (typed != NULL && epure_format_can_export (typed))
    {
      *format = typed;
      return g_object_ref (file);
    }
  *format = chosen;
  if (dot != NULL && dot != name)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  full = g_strdup_printf ("%s.%s", name, epure_format_get_extension (chosen));
  return g_file_get_child (parent, full);
}
