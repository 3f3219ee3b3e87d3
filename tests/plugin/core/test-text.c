/* test-text.c: EpureText, the immutable UTF-8 snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure.h"

static void
test_text_rejects_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new ("caf\xe9 cr\xe8me", -1, &error);

  g_assert_null (text);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
}

static void
test_text_rejects_binary (void)
{
  static const char data[] = { 'P', 'K', 3, 4, 0, 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new (data, sizeof data, &error);

  g_assert_null (text);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);
}

static void
test_text_lines_and_columns (void)
{
  /* "é" is two bytes, "’" three, U+202F three. */
  const char *s = "Élan\r\nl’été\n\nfin\u202F!\rx";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new (s, -1, &error);
  const char *str;
  guint line, column;
  gsize off;

  g_assert_no_error (error);
  g_assert_cmpuint (epure_text_get_line_count (text), ==, 5);

  str = epure_text_get_string (text, NULL);
  off = strstr (str, "été") - str;
  epure_text_get_line_column (text, off, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  /* Code points: "Élan\r\n" is 6, "l’" 2. */
  g_assert_cmpuint (epure_text_char_offset (text, off), ==, 8);

  off = strstr (str, "!") - str;
  epure_text_get_line_column (text, off, &line, &column);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 5);
  g_assert_cmpuint (epure_text_char_offset (text, off), ==, 17);

  epure_text_get_line_column (text, strlen (s), &line, &column);
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpuint (column, ==, 2);
  g_assert_cmpuint (epure_text_char_offset (text, strlen (s)), ==, g_utf8_strlen (s, -1));
  g_assert_cmpuint (epure_text_get_line_start (text, 3), ==, strstr (str, "\n\n") + 1 - str);
}

static void
test_text_empty (void)
{
  g_autoptr(EpureText) text = epure_text_new ("", 0, NULL);
  guint line, column;

  g_assert_nonnull (text);
  g_assert_cmpuint (epure_text_get_length (text), ==, 0);
  g_assert_cmpuint (epure_text_get_line_count (text), ==, 1);
  epure_text_get_line_column (text, 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
}

static char *
span_text (EpureText               *text,
           const EpureVerbatimSpan *span)
{
  return g_strndup (epure_text_get_string (text, NULL) + span->start, span->end - span->start);
}

static void
test_text_verbatim_spans (void)
{
  const char *s =
    "Voir https://exemple.fr/a?b=1&c=%22x%22 (et www.site.org/page).\n"
    "Écrire à jean.dupont@exemple.fr. Le code `printf(\"%d\", x)` compte.\n"
    "```\nlet a = \"b\";\n```\n"
    "Fin (voir http://fr.wikipedia.org/wiki/Paris_(France)).";
  g_autoptr(EpureText) text = epure_text_new (s, -1, NULL);
  const EpureVerbatimSpan *spans;
  guint n;
  const char *expected[] = {
    "https://exemple.fr/a?b=1&c=%22x%22",
    "www.site.org/page",
    "jean.dupont@exemple.fr",
    "`printf(\"%d\", x)`",
    "```\nlet a = \"b\";\n```",
    "http://fr.wikipedia.org/wiki/Paris_(France)",
  };

  spans = epure_text_get_verbatim_spans (text, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = span_text (text, &spans[i]);
      g_assert_cmpstr (got, ==, expected[i]);
      if (i > 0)
        g_assert_cmpuint (spans[i - 1].end, <=, spans[i].start);
    }
  g_assert_cmpint (spans[2].kind, ==, EPURE_VERBATIM_EMAIL);
  g_assert_cmpint (spans[3].kind, ==, EPURE_VERBATIM_CODE_SPAN);
  g_assert_cmpint (spans[4].kind, ==, EPURE_VERBATIM_CODE_BLOCK);

  g_assert_true (epure_text_overlaps_verbatim (text, spans[0].start + 3, spans[0].start + 4));
  g_assert_false (epure_text_overlaps_verbatim (text, 0, 4));
  g_assert_false (epure_text_overlaps_verbatim (text, spans[0].end, spans[0].end + 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/text/invalid-utf8", test_text_rejects_invalid_utf8);
  g_test_add_func ("/text/binary", test_text_rejects_binary);
  g_test_add_func ("/text/lines-columns", test_text_lines_and_columns);
  g_test_add_func ("/text/empty", test_text_empty);
  g_test_add_func ("/text/verbatim", test_text_verbatim_spans);

  return g_test_run ();
}
