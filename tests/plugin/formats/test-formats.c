/* test-formats.c: import and export of every format, on real files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure.h"
#include "formats/epure-format.h"

static EpureImport *
import_string (const char *data,
               gssize      len,
               const char *format,
               GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  return epure_import_bytes (bytes, format, error);
}

static const char *
import_text (EpureImport *import)
{
  return epure_text_get_string (epure_import_get_text (import), NULL);
}

/* "Où était l’été ? Œuvre à 10 €." in Windows-1252: œ, ’ and € exist only
 * there, not in Latin-1. */
static void
test_txt_legacy_detected (void)
{
  const char cp1252[] = "Ma\xEEtre Corbeau, sur un arbre perch\xE9, tenait en son bec un fromage. "
                        "O\xF9 \xE9tait l\x92\xE9t\xE9 ? \x8C" "uvre \xE0 10 \x80, d\xE9j\xE0 pay\xE9" "e.\r\n"
                        "Le renard, par l\x92odeur all\xE9" "ch\xE9, lui tint \xE0 peu pr\xE8s ce langage.\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (cp1252, -1, "txt", &error);
  g_autoptr(GBytes) back = NULL;
  EpureExportOptions options = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (epure_import_get_encoding (import), ==, "WINDOWS-1252");
  g_assert_true (epure_import_get_encoding_guessed (import));
  g_assert_cmpint (epure_import_get_newline (import), ==, EPURE_NEWLINE_CRLF);
  g_assert_nonnull (strstr (import_text (import), "l’été ? Œuvre à 10 €"));
  g_assert_null (strchr (import_text (import), '\r'));

  /* Saved back as it came: same encoding, same line ends, same bytes. */
  options.encoding = epure_import_get_encoding (import);
  options.newline = epure_import_get_newline (import);
  back = epure_export_bytes (import_text (import), -1, "txt", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), cp1252, strlen (cp1252));
}

static void
test_txt_utf16_and_cr (void)
{
  const char utf16[] = "\xFF\xFE" "\xC9\0t\0\xE9\0\r\0f\0i\0n\0\r\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (utf16, sizeof utf16 - 1, "txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (import_text (import), ==, "Été\nfin\n");
  g_assert_cmpstr (epure_import_get_encoding (import), ==, "UTF-16LE");
  g_assert_cmpint (epure_import_get_newline (import), ==, EPURE_NEWLINE_CR);
  g_assert_true (epure_import_get_bom (import));
}

static void
test_txt_binary_refused (void)
{
  const char binary[] = "\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (binary, sizeof binary - 1, "txt", &error);

  g_assert_null (import);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);
}

static void
test_structure_remap (void)
{
  /* "Le *chat* dort. **Très** bien." with a fix inside the bold run and
   * one before the italic run. */
  const char *text = "Le  chat dort. Tres bien.";
  g_autoptr(EpureStructure) s = epure_structure_new ();
  g_autoptr(EpureStructure) r = NULL;
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  g_autofree char *out = NULL;
  const EpureSpan *spans;
  const EpureBlock *blocks;
  guint n;

  epure_structure_add_block (s, EPURE_BLOCK_PARAGRAPH, 0, 0, strlen (text));
  epure_structure_add_span (s, EPURE_SPAN_ITALIC, 4, 8);
  epure_structure_add_span (s, EPURE_SPAN_BOLD, 15, 19);
  g_ptr_array_add (edits, epure_edit_new (17, 18, "è"));
  g_ptr_array_add (edits, epure_edit_new (2, 4, " "));
  out = epure_edits_apply (text, strlen (text), edits, NULL, NULL);
  g_assert_cmpstr (out, ==, "Le chat dort. Très bien.");

  r = epure_structure_remap (s, edits);
  spans = epure_structure_get_spans (r, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (spans[0].start, ==, 3);
  g_assert_cmpuint (spans[0].end, ==, 7);
  g_assert_cmpuint (spans[1].start, ==, 14);
  g_assert_cmpuint (spans[1].end, ==, 19);
  g_assert_cmpmem (out + spans[1].start, 5, "Très", 5);
  blocks = epure_structure_get_blocks (r, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (blocks[0].end, ==, strlen (out));
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (FIXTURES_DIR, name, NULL);
}

static char *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static const EpureBlock *
find_block (EpureImport *import,
            const char  *prefix)
{
  const char *text = import_text (import);
  guint n;
  const EpureBlock *blocks = epure_structure_get_blocks (epure_import_get_structure (import), &n);

  for (guint i = 0; i < n; i++)
    if (strncmp (text + blocks[i].start, prefix, strlen (prefix)) == 0)
      return &blocks[i];
  g_error ("no block starts with “%s” in:\n%s", prefix, text);
  return NULL;
}

static gboolean
has_span (EpureImport    *import,
          EpureSpanStyle  style,
          const char     *words)
{
  const char *text = import_text (import);
  guint n;
  const EpureSpan *spans = epure_structure_get_spans (epure_import_get_structure (import), &n);

  for (guint i = 0; i < n; i++)
    if ((spans[i].style & style) && spans[i].end - spans[i].start == strlen (words)
        && memcmp (text + spans[i].start, words, strlen (words)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_html_import (void)
{
  g_autofree char *page = load_fixture ("page.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (page, -1, "html", &error);
  const char *text;
  const EpureBlock *b;

  g_assert_no_error (error);
  text = import_text (import);
  g_assert_null (strstr (text, "Menu"));
  g_assert_null (strstr (text, "tracker"));
  g_assert_null (strstr (text, "color:"));
  g_assert_null (strstr (text, "S’abonner"));
  g_assert_null (strstr (text, "Mentions"));
  b = find_block (import, "Les marchés de Provence");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (import, "Le mistral");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 2);
  b = find_block (import, "des olives");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_LIST_ITEM);
  g_assert_nonnull (strstr (text, "Le samedi matin, la place s’anime dès l’aube & les étals se montent."));
  g_assert_true (has_span (import, EPURE_SPAN_BOLD, "dès l’aube"));
  g_assert_true (has_span (import, EPURE_SPAN_ITALIC, "calissons"));
  g_assert_cmpstr (epure_import_get_format (import), ==, "html");
}

static void
test_markdown_structure (void)
{
  g_autofree char *md = load_fixture ("article.md");
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (md, -1, "md", &error);
  g_autoptr(GBytes) html = NULL;
  EpureExportOptions options = { .title = "Essai" };
  g_autofree char *page = NULL;

  g_assert_no_error (error);
  /* The text stays the Markdown source. */
  g_assert_cmpstr (import_text (import), ==, md);
  g_assert_true (epure_structure_is_markdown (epure_import_get_structure (import)));

  options.structure = epure_import_get_structure (import);
  html = epure_export_bytes (md, -1, "html", &options, &error);
  g_assert_no_error (error);
  page = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (page, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (page, "<title>Essai</title>"));
  g_assert_nonnull (strstr (page, "<h1>La fabrique du savon</h1>"));
  g_assert_nonnull (strstr (page, "<strong>huile d’olive</strong>"));
  g_assert_nonnull (strstr (page, "<em>soude</em>"));
  g_assert_nonnull (strstr (page, "<li>saponifier"));
  g_assert_nonnull (strstr (page, "&lt;savon&gt; &amp; cie"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/txt/legacy-detected", test_txt_legacy_detected);
  g_test_add_func ("/formats/txt/utf16-cr", test_txt_utf16_and_cr);
  g_test_add_func ("/formats/txt/binary-refused", test_txt_binary_refused);
  g_test_add_func ("/formats/structure/remap", test_structure_remap);
  g_test_add_func ("/formats/html/import", test_html_import);
  g_test_add_func ("/formats/md/structure", test_markdown_structure);

  return g_test_run ();
}
