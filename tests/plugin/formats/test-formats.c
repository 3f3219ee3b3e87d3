/* test-formats.c: import and export of every format, on real files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>

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

/* A line or two of French in Windows-1252: too little for uchardet, which
 * may answer a central European charset; other languages keep its guess. */
static void
test_txt_legacy_short_french (void)
{
  const struct { const char *bytes; const char *utf8; const char *charset; } cases[] = {
    { "O\xF9 est-il ?\n", "Où est-il ?\n", NULL },
    { "No\xEBl approche.\n", "Noël approche.\n", NULL },
    { "caf\xE9\n", "café\n", NULL },
    { "Tr\xE8s bien, \xE0 bient\xF4t.\n", "Très bien, à bientôt.\n", NULL },
    { "Za\xBF\xF3\xB3\xE6 g\xEA\xB6l\xB1 ja\xBC\xF1. Pchn\xB1\xE6 w t\xEA \xB3\xF3" "d\xBC je\xBF" "a lub o\xB6m skrzy\xF1 fig.\n",
      "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.\n", "ISO-8859-2" },
    { "\xD1\xFA\xE5\xF8\xFC \xE6\xE5 \xE5\xF9\xB8 \xFD\xF2\xE8\xF5 \xEC\xFF\xE3\xEA\xE8\xF5 \xF4\xF0\xE0\xED\xF6\xF3\xE7\xF1\xEA\xE8\xF5 "
      "\xE1\xF3\xEB\xEE\xEA \xE4\xE0 \xE2\xFB\xEF\xE5\xE9 \xF7\xE0\xFE.\n",
      "Съешь же ещё этих мягких французских булок да выпей чаю.\n", "WINDOWS-1251" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EpureImport) import = import_string (cases[i].bytes, -1, "txt", &error);
      const char *charset;

      g_assert_no_error (error);
      charset = epure_import_get_encoding (import);
      g_assert_cmpstr (import_text (import), ==, cases[i].utf8);
      if (cases[i].charset != NULL)
        g_assert_cmpstr (charset, ==, cases[i].charset);
      else
        g_assert_true (g_str_equal (charset, "WINDOWS-1252") || g_str_equal (charset, "ISO-8859-1") ||
                       g_str_equal (charset, "ISO-8859-15"));
    }
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


/* Tools run by the tests ------------------------------------------------ */

typedef struct
{
  char *dir;   /* a fresh temporary folder per test */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("epure-formats-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);
  return path != NULL;
}

#define REQUIRE(program) \
  G_STMT_START { if (!have (program)) { g_test_skip (program " is not installed"); return; } } G_STMT_END

/* Runs @argv and returns its standard output; fails the test otherwise. */
static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* An input file made by pandoc from one of our Markdown fixtures, so the
 * readers are tested on files Épure did not write. */
static char *
pandoc_make (Fixture    *f,
             const char *fixture,
             const char *ext)
{
  g_autofree char *src = fixture_path (fixture);
  g_autofree char *name = g_strdup_printf ("%s.%s", fixture, ext);
  char *out = g_build_filename (f->dir, name, NULL);
  /* A standalone web page needs a title, which pandoc puts in a <header>. */
  const char *argv[] = { "pandoc", "-f", "markdown", "-o", out, src, "-s", "--metadata", "title=Essai", NULL };
  g_autofree char *ignored = NULL;

  if (!g_str_equal (ext, "html"))
    argv[6] = NULL;
  ignored = run (argv);

  return out;
}

static char *
pandoc_read (const char *path,
             const char *to)
{
  const char *argv[] = { "pandoc", "--wrap=none", "-t", to, path, NULL };
  return run (argv);
}

static char *
normalize (const char *s,
           gssize      len)
{
  g_autofree char *copy = len < 0 ? g_strdup (s) : g_strndup (s, len);
  g_auto(GStrv) words = g_strsplit_set (copy, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

/* Paragraphs of pandoc's plain text: a blank line or a list marker starts
 * a new one; other lines continue it. */
static GPtrArray *
plain_paragraphs (const char *plain)
{
  GPtrArray *paras = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) marker = g_regex_new ("^\\s*(-|[0-9]+\\.)\\s+", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit (plain, "\n", -1);
  g_autoptr(GString) cur = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) m = NULL;
      const char *line = lines[i];
      gboolean blank = *g_strstrip (lines[i]) == '\0';

      if (blank || g_regex_match (marker, line, 0, &m))
        {
          g_autofree char *para = normalize (cur->str, -1);

          if (*para != '\0')
            g_ptr_array_add (paras, g_steal_pointer (&para));
          g_string_truncate (cur, 0);
          if (!blank)
            {
              int end;
              g_match_info_fetch_pos (m, 0, NULL, &end);
              line += end;
            }
        }
      g_string_append_printf (cur, " %s", line);
    }
  {
    g_autofree char *para = normalize (cur->str, -1);
    if (*para != '\0')
      g_ptr_array_add (paras, g_steal_pointer (&para));
  }
  return paras;
}

static GPtrArray *
import_paragraphs (EpureImport *import)
{
  GPtrArray *paras = g_ptr_array_new_with_free_func (g_free);
  const char *text = import_text (import);
  guint n;
  const EpureBlock *blocks = epure_structure_get_blocks (epure_import_get_structure (import), &n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (paras, normalize (text + blocks[i].start, blocks[i].end - blocks[i].start));
  return paras;
}

static void
assert_same_paragraphs (GPtrArray *expected,
                        GPtrArray *got)
{
  for (guint i = 0; i < MIN (expected->len, got->len); i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (got->len, ==, expected->len);
}

/* What pandoc itself sees in a fixture: the reference paragraphs. */
static GPtrArray *
reference_paragraphs (const char *fixture)
{
  g_autofree char *src = fixture_path (fixture);
  const char *argv[] = { "pandoc", "-f", "markdown", "--wrap=none", "-t", "plain", src, NULL };
  g_autofree char *plain = run (argv);

  return plain_paragraphs (plain);
}

static EpureImport *
import_path (const char  *path,
             goffset      max_size,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  return epure_import_file (file, NULL, max_size, NULL, error);
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
  g_assert_null (strstr (text, "Accueil"));
  /* The article's own header and footer are kept. */
  g_assert_cmpint (find_block (import, "Par Jeanne Arnaud")->kind, ==, EPURE_BLOCK_PARAGRAPH);
  g_assert_nonnull (find_block (import, "Publié le 3 mai"));
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


/* The structure every reader must find in rich.md, whoever wrote the file. */
static void
assert_rich_structure (EpureImport *import)
{
  const EpureBlock *b;

  b = find_block (import, "Le canal du Midi");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (import, "En chiffres");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 3);
  b = find_block (import, "le pont-canal");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (import, "premier du genre");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 2);
  b = find_block (import, "soixante-trois");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_NUMBERED_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (import, "Creusé au");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_PARAGRAPH);
  g_assert_true (has_span (import, EPURE_SPAN_ITALIC, "lentement"));
  g_assert_true (has_span (import, EPURE_SPAN_BOLD, "marcheur pressé"));
  g_assert_true (has_span (import, EPURE_SPAN_BOLD | EPURE_SPAN_ITALIC, "verte et dorée"));
  g_assert_true (has_span (import, EPURE_SPAN_BOLD, "point de partage"));
  /* A hard line break stays inside its paragraph. */
  g_assert_nonnull (strstr (import_text (import), "en été.\nUne seconde ligne"));
}

static void
test_read_pandoc_file (Fixture       *f,
                       gconstpointer  data)
{
  const char *ext = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) got = NULL;

  REQUIRE ("pandoc");
  path = pandoc_make (f, "rich.md", ext);
  import = import_path (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (epure_import_get_format (import), ==, ext);
  g_assert_cmpstr (epure_import_get_encoding (import), ==, "UTF-8");

  expected = reference_paragraphs ("rich.md");
  got = import_paragraphs (import);
  assert_same_paragraphs (expected, got);
  assert_rich_structure (import);
}

/* Épure writes a format; pandoc reads it back; the paragraphs and the
 * bold and italic runs must be those of the source. */
/* Épure writes a format; pandoc reads it back; the paragraphs and the
 * bold and italic runs must be those of the source.  @data is
 * "FROM>TO": the source is rich.md, read by Épure ("md") or made by pandoc
 * in FROM first, so every writer runs on every reader's structure. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) from_to = g_strsplit (data, ">", 2);
  const char *from = from_to[0], *ext = from_to[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  g_autofree char *name = g_strdup_printf ("export.%s", ext);
  g_autofree char *out = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  EpureExportOptions options = { .title = "Le canal" };
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(EpureImport) back = NULL;

  REQUIRE ("pandoc");
  if (g_str_equal (from, "md"))
    {
      g_autofree char *md = load_fixture ("rich.md");
      import = import_string (md, -1, "md", &error);
    }
  else
    {
      g_autofree char *source = pandoc_make (f, "rich.md", from);
      import = import_path (source, 0, &error);
    }
  g_assert_no_error (error);
  options.structure = epure_import_get_structure (import);
  g_assert_true (epure_export_file (import_text (import), -1, file, NULL, &options, NULL, &error));
  g_assert_no_error (error);

  plain = pandoc_read (out, "plain");
  expected = reference_paragraphs ("rich.md");
  got = plain_paragraphs (plain);
  assert_same_paragraphs (expected, got);

  html = pandoc_read (out, "html");
  g_assert_nonnull (strstr (html, "<strong>marcheur pressé</strong>"));
  g_assert_nonnull (strstr (html, "<em>lentement</em>"));
  g_assert_nonnull (strstr (html, "verte et dorée"));
  g_assert_nonnull (strstr (html, "<h2"));
  g_assert_nonnull (strstr (html, "<h3"));
  g_assert_true (g_regex_match_simple ("<ol( type=\"1\")?>\\s*<li>(<p>)?deux cent quarante", html, 0, 0));
  g_assert_true (g_regex_match_simple ("<ul>\\s*<li>(<p>)?l’écluse", html, 0, 0));
  /* The nested list is inside an item (tight or loose, as pandoc sees it). */
  g_assert_true (g_regex_match_simple ("Répudre(</p>)?\\s*<ul>\\s*<li>(<p>)?premier du genre en France(</p>)?</li>",
                                       html, 0, 0));

  /* And Épure reads its own file back to the same structure. */
  back = import_path (out, 0, &error);
  g_assert_no_error (error);
  if (!g_str_equal (ext, "md"))
    assert_rich_structure (back);
}

static void
test_pdf_export (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *md = load_fixture ("rich.md");
  g_autoptr(GString) longer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  g_autofree char *out = g_build_filename (f->dir, "export.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  EpureExportOptions options = { .title = "Le canal" };
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *info = NULL;
  const char *to_text[] = { "pdftotext", "-enc", "UTF-8", out, "-", NULL };
  const char *to_info[] = { "pdfinfo", out, NULL };

  REQUIRE ("pdftotext");
  REQUIRE ("pandoc");
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (longer, "%s\n", md);
  import = import_string (longer->str, -1, "md", &error);
  g_assert_no_error (error);
  options.structure = epure_import_get_structure (import);
  g_assert_true (epure_export_file (import_text (import), -1, file, "pdf", &options, NULL, &error));
  g_assert_no_error (error);

  text = run (to_text);
  flat = normalize (text, -1);
  expected = reference_paragraphs ("rich.md");
  for (guint i = 0; i < expected->len; i++)
    if (strstr (flat, g_ptr_array_index (expected, i)) == NULL)
      g_error ("“%s” is not in the PDF text:\n%s", (char *) g_ptr_array_index (expected, i), flat);

  info = run (to_info);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Title:           Le canal"));
  g_assert_null (strstr (info, "Pages:           1\n"));
}

/* "clean -o out.odt in.docx": fixes found by a checker plugin, applied to
 * the text, and the bold and italic runs carried over to the export. */
static void
test_clean_keeps_formatting (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *in = NULL;
  g_autofree char *out = g_build_filename (f->dir, "clean.odt", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) automatic = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(EpureStructure) structure = NULL;
  g_autofree char *cleaned = NULL;
  g_autofree char *html = NULL;
  EpureExportOptions options = { 0 };
  const char *ids[] = { "typography", NULL };
  gsize len;
  const char *text;

  REQUIRE ("pandoc");
  in = pandoc_make (f, "spaces.md", "docx");
  import = import_path (in, 0, &error);
  g_assert_no_error (error);
  text = epure_text_get_string (epure_import_get_text (import), &len);
  g_assert_nonnull (strstr (text, "huile  d’olive"));

  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_no_error (error);
  findings = epure_pipeline_check (pipeline, epure_import_get_text (import), NULL, NULL, &error);
  g_assert_no_error (error);
  automatic = epure_pipeline_automatic_findings (findings, NULL, 0);
  g_assert_cmpuint (automatic->len, ==, 2);
  edits = epure_pipeline_create_edits (pipeline, epure_import_get_text (import), automatic, TRUE, &error);
  g_assert_no_error (error);
  structure = epure_structure_remap (epure_import_get_structure (import), edits);
  cleaned = epure_edits_apply (text, len, edits, &len, &error);
  g_assert_no_error (error);

  options.structure = structure;
  g_assert_true (epure_export_file (cleaned, len, out_file, NULL, &options, NULL, &error));
  g_assert_no_error (error);

  html = pandoc_read (out, "html");
  g_assert_nonnull (strstr (html, "<strong>huile d’olive</strong>"));
  g_assert_nonnull (strstr (html, "<em>soude</em> en hiver."));
  g_assert_nonnull (strstr (html, "Un second paragraphe sans défaut."));
}

static void
test_export_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "article.odt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "nowhere", "article.odt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, "ancien", -1, NULL));

  /* A format Épure cannot write: the file on disk is untouched. */
  g_assert_false (epure_export_file ("Texte.", -1, file, "xyz", NULL, NULL, &error));
  g_assert_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "ancien");
  g_clear_pointer (&contents, g_free);

  g_assert_false (epure_export_file ("Texte.", -1, missing_file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (epure_export_file ("Nouveau texte.", -1, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, 2, "PK", 2);

  /* No temporary file left beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
}

/* Malformed files --------------------------------------------------------- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

#define ODT_MIME "application/vnd.oasis.opendocument.text"
#define ODT_CONTENT(body) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" \
  body "</office:text></office:body></office:document-content>"
#define DOCX_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Override PartName=\"/word/document.xml\" " \
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define DOCX_DOCUMENT(body) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" \
  body "</w:body></w:document>"

/* A zip written with libgsf directly, not through Épure's writer: pairs
 * of entry name and contents; "dir/name" entries go one folder down. */
static GBytes *
make_zip (const char *first_name,
          ...)
{
  g_autoptr(GsfOutput) sink = gsf_output_memory_new ();
  g_autoptr(GsfOutfile) zip = gsf_outfile_zip_new (sink, NULL);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      GBytes *contents = va_arg (args, GBytes *);
      const char *slash = strchr (name, '/');
      g_autoptr(GsfOutput) dir = NULL;
      g_autoptr(GsfOutput) child = NULL;

      if (slash != NULL)
        {
          g_autofree char *dir_name = g_strndup (name, slash - name);
          dir = gsf_outfile_new_child (zip, dir_name, TRUE);
          child = gsf_outfile_new_child (GSF_OUTFILE (dir), slash + 1, FALSE);
        }
      else
        child = gsf_outfile_new_child_full (zip, name, FALSE, "compression-level",
                                            g_str_equal (name, "mimetype") ? GSF_ZIP_STORED : GSF_ZIP_DEFLATED,
                                            NULL);
      g_assert_true (gsf_output_write (child, g_bytes_get_size (contents), g_bytes_get_data (contents, NULL)));
      gsf_output_close (child);
      if (dir != NULL)
        gsf_output_close (dir);
      g_bytes_unref (contents);
      name = va_arg (args, const char *);
    }
  va_end (args);
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  return g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)), gsf_output_size (sink));
}

static GBytes *
str_bytes (const char *s)
{
  return g_bytes_new_static (s, strlen (s));
}

static void
assert_refused (GBytes     *bytes,
                const char *format,
                goffset     max_size,
                GQuark      domain,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = epure_import_bytes_full (bytes, format, max_size, &error);

  g_assert_null (import);
  g_assert_error (error, domain, code);
  /* A message a person can read, naming the problem. */
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
test_malformed_truncated (Fixture       *f,
                          gconstpointer  data)
{
  const char *const exts[] = { "odt", "docx" };

  REQUIRE ("pandoc");
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = pandoc_make (f, "article.md", exts[i]);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      for (gsize cut = 0; cut < 4; cut++)
        {
          gsize keep = cut == 0 ? 30 : len * cut / 4;
          g_autoptr(GBytes) bytes = g_bytes_new (contents, keep);

          assert_refused (bytes, exts[i], 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
        }
    }
}

static void
test_malformed_zip_bomb (void)
{
  gsize big = 40 * 1024 * 1024;
  g_autofree char *spaces = g_malloc (big);
  g_autoptr(GBytes) odt = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GError) error = NULL;

  /* 40 MiB of blanks inside valid XML: a few dozen KiB compressed. */
  memset (spaces, ' ', big);
  memcpy (spaces, "<a>", 3);
  memcpy (spaces + big - 4, "</a>", 4);
  odt = make_zip ("mimetype", str_bytes (ODT_MIME), "content.xml", g_bytes_new_static (spaces, big), NULL);
  g_assert_cmpuint (g_bytes_get_size (odt), <, big / 200);
  assert_refused (odt, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE);

  docx = make_zip ("[Content_Types].xml", str_bytes (DOCX_TYPES),
                   "word/document.xml", g_bytes_new_static (spaces, big), NULL);
  assert_refused (docx, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE);
}

static void
test_malformed_over_limit (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *odt = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  REQUIRE ("pandoc");
  odt = pandoc_make (f, "article.md", "odt");
  g_assert_true (g_file_get_contents (odt, &contents, &len, NULL));

  /* The file itself is over the limit. */
  import = import_path (odt, len - 1, &error);
  g_assert_null (import);
  g_assert_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The file fits, but not what it holds once uncompressed. */
  bytes = g_bytes_new (contents, len);
  assert_refused (bytes, "odt", len + 1, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE);

  import = import_path (odt, 0, &error);
  g_assert_no_error (error);
}

static void
test_malformed_mimetype_and_parts (void)
{
  g_autoptr(GBytes) spreadsheet = make_zip ("mimetype", str_bytes ("application/vnd.oasis.opendocument.spreadsheet"),
                                            "content.xml", str_bytes (ODT_CONTENT ("<text:p>Bonjour</text:p>")), NULL);
  g_autoptr(GBytes) no_mimetype = make_zip ("content.xml", str_bytes (ODT_CONTENT ("<text:p>Bonjour</text:p>")), NULL);
  g_autoptr(GBytes) no_content = make_zip ("mimetype", str_bytes (ODT_MIME), "styles.xml", str_bytes ("<a/>"), NULL);
  g_autoptr(GBytes) not_xml = make_zip ("mimetype", str_bytes (ODT_MIME),
                                        "content.xml", str_bytes ("<office:document-content><text:p>Bon"), NULL);
  g_autoptr(GBytes) no_body = make_zip ("mimetype", str_bytes (ODT_MIME), "content.xml", str_bytes ("<a/>"), NULL);
  g_autoptr(GBytes) good = make_zip ("mimetype", str_bytes (ODT_MIME),
                                     "content.xml", str_bytes (ODT_CONTENT ("<text:p>Bonjour</text:p>")), NULL);
  g_autoptr(GBytes) no_types = make_zip ("word/document.xml", str_bytes (DOCX_DOCUMENT ("")), NULL);
  g_autoptr(GBytes) wrong_type = make_zip ("[Content_Types].xml", str_bytes ("<Types><Override PartName=\"/word/document.xml\" ContentType=\"text/plain\"/></Types>"),
                                           "word/document.xml", str_bytes (DOCX_DOCUMENT ("")), NULL);
  g_autoptr(GBytes) no_document = make_zip ("[Content_Types].xml", str_bytes (DOCX_TYPES), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;

  assert_refused (spreadsheet, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (no_mimetype, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (no_content, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (not_xml, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (no_body, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (no_types, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (wrong_type, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (no_document, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);

  /* The same hand-made container, well formed, opens. */
  import = epure_import_bytes (good, "odt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (import_text (import), ==, "Bonjour\n");
}

static void
test_malformed_entities (void)
{
  const char *xxe_odt = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                        "<text:p>&secret;</text:p></office:text></office:body></office:document-content>";
  const char *laughs_docx = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"hahahahaha\">"
                            "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                            "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                            "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>\n"
                            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                            "<w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:body></w:document>";
  /* The declaration hidden from a byte search by UTF-16: the parsed tree
   * is still checked. */
  g_autofree char *xxe16 = g_convert (xxe_odt + strlen ("<?xml version=\"1.0\"?>\n"), -1, "UTF-16LE", "UTF-8", NULL, NULL, NULL);
  gsize xxe16_len = 2 * g_utf8_strlen (xxe_odt + strlen ("<?xml version=\"1.0\"?>\n"), -1);
  g_autoptr(GByteArray) utf16 = g_byte_array_new ();
  g_autoptr(GBytes) odt = make_zip ("mimetype", str_bytes (ODT_MIME), "content.xml", str_bytes (xxe_odt), NULL);
  g_autoptr(GBytes) docx = make_zip ("[Content_Types].xml", str_bytes (DOCX_TYPES), "word/document.xml", str_bytes (laughs_docx), NULL);
  g_autoptr(GBytes) odt16 = NULL;
  const char *html = "<!DOCTYPE html [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><html><body><p>Texte &secret; fin</p></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;

  g_byte_array_append (utf16, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (utf16, (const guint8 *) xxe16, xxe16_len);
  odt16 = make_zip ("mimetype", str_bytes (ODT_MIME), "content.xml", g_byte_array_free_to_bytes (g_steal_pointer (&utf16)), NULL);

  assert_refused (odt, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSAFE);
  assert_refused (docx, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSAFE);
  assert_refused (odt16, "odt", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSAFE);

  /* The HTML parser never loads entities: the page opens without them. */
  import = import_string (html, -1, "html", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (import_text (import), "root:"));
  g_assert_nonnull (strstr (import_text (import), "Texte"));
}

static void
test_malformed_binary_and_encoding (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint8 noise[4096];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bad_utf8 = make_zip ("[Content_Types].xml", str_bytes (DOCX_TYPES),
                                         "word/document.xml",
                                         str_bytes (DOCX_DOCUMENT ("<w:p><w:r><w:t>caf\xE9 cr\xE8me</w:t></w:r></w:p>")), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = NULL;
  const char *formats[] = { "odt", "docx" };

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  bytes = g_bytes_new (noise, sizeof noise);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    assert_refused (bytes, formats[i], 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);
  assert_refused (bytes, "html", 0, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);
  assert_refused (bytes, "txt", 0, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);

  /* XML that says UTF-8 and is not. */
  assert_refused (bad_utf8, "docx", 0, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT);

  /* A web page in Latin-1 without a charset: decoded, never invalid. */
  import = import_string ("<p>Caf\xE9 cr\xE8me \xE0 la terrasse.</p>", -1, "html", &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (import_text (import), -1, NULL));
  g_clear_object (&import);

  /* A declared charset is followed, and shown. */
  import = import_string ("<html><head><meta charset=\"windows-1252\"></head><body><p>L\x92\xE9t\xE9 \x80</p></body></html>",
                          -1, "html", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (import_text (import), ==, "L’été €\n");
  g_assert_cmpstr (epure_import_get_encoding (import), ==, "WINDOWS-1252");
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The app exports and opens long documents off its main loop. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *md = load_fixture ("rich.md");
  g_autofree char *path = g_build_filename (f->dir, "async.docx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = import_string (md, -1, "md", &error);
  g_autoptr(EpureImport) back = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  EpureExportOptions options = { .title = "Le canal" };

  g_assert_no_error (error);
  options.structure = epure_import_get_structure (import);
  epure_export_file_async (md, -1, file, NULL, &options, NULL, on_async_done, &exported);
  g_assert_true (epure_export_file_finish (wait_for (&exported), &error));
  g_assert_no_error (error);

  epure_import_file_async (file, NULL, 0, NULL, on_async_done, &imported);
  back = epure_import_file_finish (wait_for (&imported), &error);
  g_assert_no_error (error);
  assert_rich_structure (back);
}

static void
test_format_names (void)
{
  const char * const *html = epure_format_get_extensions ("html");
  const char * const *importable = epure_format_list (FALSE);
  const char * const *exportable = epure_format_list (TRUE);

  g_assert_cmpstr (html[0], ==, "html");
  g_assert_true (g_strv_contains (html, "htm"));
  g_assert_null (epure_format_get_extensions ("xyz"));
  g_assert_cmpstr (epure_format_from_filename ("Article.DOCX"), ==, "docx");
  g_assert_cmpstr (epure_format_from_filename ("/tmp/page.htm"), ==, "html");
  g_assert_cmpstr (epure_format_get_mime_type ("odt"), ==, "application/vnd.oasis.opendocument.text");
  g_assert_true (g_strv_contains (importable, "odt"));
  g_assert_false (g_strv_contains (importable, "pdf"));
  g_assert_true (g_strv_contains (exportable, "pdf"));
  g_assert_true (epure_format_can_export ("docx"));
  g_assert_false (epure_format_can_import ("pdf"));
}

/* What word processors write beyond pandoc's subset, hand-made. */
static void
test_read_odt_details (void)
{
  const char *styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"><office:styles>"
    "<style:style style:name=\"Strong_20_Emphasis\" style:family=\"text\"><style:text-properties fo:font-weight=\"700\"/></style:style>"
    "<style:style style:name=\"Chapo\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\"/>"
    "</office:styles></office:document-styles>";
  const char *content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\">"
    "<office:automatic-styles><style:style style:name=\"T9\" style:family=\"text\" style:parent-style-name=\"Strong_20_Emphasis\">"
    "<style:text-properties fo:font-style=\"italic\"/></style:style></office:automatic-styles>"
    "<office:body><office:text><text:tracked-changes><text:changed-region><text:deletion><text:p>effacé</text:p>"
    "</text:deletion></text:changed-region></text:tracked-changes>"
    "<text:p text:style-name=\"Chapo\">Un chapeau</text:p>"
    "<text:p>Deux<text:s text:c=\"2\"/>espaces,\tune<text:tab/>tabulation,\n   un <text:span text:style-name=\"T9\">gras italique</text:span>"
    "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Une note.</text:p></text:note-body></text:note>"
    " et un <text:a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"https://example.org\">lien</text:a>.<text:line-break/>Suite"
    "<text:soft-page-break/> de la ligne.</text:p>"
    "<table:table><table:table-row><table:table-cell><text:p>Case A</text:p></table:table-cell>"
    "<table:table-cell><text:p>Case B</text:p></table:table-cell></table:table-row></table:table>"
    "<text:section><text:list><text:list-item><text:p>Point</text:p></text:list-item></text:list></text:section>"
    "</office:text></office:body></office:document-content>";
  g_autoptr(GBytes) odt = make_zip ("mimetype", str_bytes (ODT_MIME), "styles.xml", str_bytes (styles),
                                    "content.xml", str_bytes (content), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = epure_import_bytes (odt, "odt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (import_text (import), ==,
                   "Un chapeau\n\n"
                   "Deux  espaces, une\ttabulation, un gras italique et un lien.\nSuite de la ligne.\n\n"
                   "Case A\n\nCase B\n\nPoint\n");
  g_assert_cmpint (find_block (import, "Un chapeau")->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (find_block (import, "Un chapeau")->level, ==, 2);
  g_assert_cmpint (find_block (import, "Point")->kind, ==, EPURE_BLOCK_LIST_ITEM);
  g_assert_true (has_span (import, EPURE_SPAN_BOLD | EPURE_SPAN_ITALIC, "gras italique"));
}

static void
test_read_docx_details (void)
{
  const char *styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"Titre1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Intertitre\"><w:name w:val=\"Intertitre\"/><w:basedOn w:val=\"Titre1\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Accent\"><w:name w:val=\"Accent\"/><w:rPr><w:b/><w:i/></w:rPr></w:style>"
    "</w:styles>";
  const char *document = DOCX_DOCUMENT (
    "<w:p><w:pPr><w:pStyle w:val=\"Intertitre\"/></w:pPr><w:r><w:t>Un intertitre</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Du texte </w:t></w:r>"
    "<w:del><w:r><w:delText>supprimé </w:delText></w:r></w:del>"
    "<w:ins><w:r><w:t xml:space=\"preserve\">ajouté </w:t></w:r></w:ins>"
    "<w:r><w:rPr><w:rStyle w:val=\"Accent\"/><w:i w:val=\"0\"/></w:rPr><w:t>en gras</w:t></w:r>"
    "<w:r><w:tab/><w:t xml:space=\"preserve\"> puis un </w:t></w:r>"
    "<w:hyperlink><w:r><w:rPr><w:i/></w:rPr><w:t>lien</w:t></w:r></w:hyperlink>"
    "<w:r><w:br/><w:t>et une ligne.</w:t><w:br w:type=\"page\"/></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Case</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>Sous-point</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>Sans puce</w:t></w:r></w:p>"
    "<w:sectPr/>");
  g_autoptr(GBytes) docx = make_zip ("[Content_Types].xml", str_bytes (DOCX_TYPES),
                                     "word/styles.xml", str_bytes (styles),
                                     "word/document.xml", str_bytes (document), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = epure_import_bytes (docx, "docx", &error);
  const EpureBlock *b;

  g_assert_no_error (error);
  g_assert_cmpstr (import_text (import), ==,
                   "Un intertitre\n\n"
                   "Du texte ajouté en gras\t puis un lien\net une ligne.\n\n"
                   "Case\n\nSous-point\n\nSans puce\n");
  b = find_block (import, "Un intertitre");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_HEADING);
  g_assert_cmpuint (b->level, ==, 1);
  b = find_block (import, "Sous-point");
  g_assert_cmpint (b->kind, ==, EPURE_BLOCK_LIST_ITEM);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpint (find_block (import, "Sans puce")->kind, ==, EPURE_BLOCK_PARAGRAPH);
  /* The character style says bold italic; the run turns italic off. */
  g_assert_true (has_span (import, EPURE_SPAN_BOLD, "en gras"));
  g_assert_true (has_span (import, EPURE_SPAN_ITALIC, "lien"));
}

/* ODF's "mimetype" comes first, stored, without extra field, so that
 * `file` and desktops recognise the document from its first bytes. */
static void
test_odt_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) odt = epure_export_bytes ("Bonjour.", -1, "odt", NULL, &error);
  const char *data = g_bytes_get_data (odt, NULL);
  const char *expected = "mimetype" ODT_MIME;

  g_assert_no_error (error);
  g_assert_cmpmem (data, 4, "PK\3\4", 4);
  g_assert_cmpint (data[8] | data[9] << 8, ==, 0);     /* stored */
  g_assert_cmpint (data[28] | data[29] << 8, ==, 0);   /* no extra field */
  g_assert_cmpmem (data + 30, strlen (expected), expected, strlen (expected));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/formats/txt/legacy-detected", test_txt_legacy_detected);
  g_test_add_func ("/formats/txt/legacy-short-french", test_txt_legacy_short_french);
  g_test_add_func ("/formats/txt/utf16-cr", test_txt_utf16_and_cr);
  g_test_add_func ("/formats/txt/binary-refused", test_txt_binary_refused);
  g_test_add_func ("/formats/structure/remap", test_structure_remap);
  g_test_add_func ("/formats/html/import", test_html_import);
  g_test_add_func ("/formats/md/structure", test_markdown_structure);

  g_test_add ("/formats/read/odt", Fixture, "odt", fixture_setup, test_read_pandoc_file, fixture_teardown);
  g_test_add ("/formats/read/docx", Fixture, "docx", fixture_setup, test_read_pandoc_file, fixture_teardown);
  g_test_add ("/formats/read/html", Fixture, "html", fixture_setup, test_read_pandoc_file, fixture_teardown);
  {
    const char *const trips[] = { "md>odt", "md>docx", "md>html", "md>md", "docx>odt", "odt>docx",
                                  "docx>md", "odt>html", "html>docx", "html>md" };

    for (guint i = 0; i < G_N_ELEMENTS (trips); i++)
      {
        g_autofree char *path = g_strdup_printf ("/formats/round-trip/%s", trips[i]);
        g_test_add (path, Fixture, trips[i], fixture_setup, test_round_trip, fixture_teardown);
      }
  }
  g_test_add ("/formats/pdf/export", Fixture, NULL, fixture_setup, test_pdf_export, fixture_teardown);
  g_test_add ("/formats/clean/keeps-formatting", Fixture, NULL, fixture_setup, test_clean_keeps_formatting, fixture_teardown);
  g_test_add ("/formats/export/atomic", Fixture, NULL, fixture_setup, test_export_atomic, fixture_teardown);

  g_test_add ("/formats/malformed/truncated", Fixture, NULL, fixture_setup, test_malformed_truncated, fixture_teardown);
  g_test_add_func ("/formats/malformed/zip-bomb", test_malformed_zip_bomb);
  g_test_add ("/formats/malformed/over-limit", Fixture, NULL, fixture_setup, test_malformed_over_limit, fixture_teardown);
  g_test_add_func ("/formats/malformed/mimetype-and-parts", test_malformed_mimetype_and_parts);
  g_test_add_func ("/formats/malformed/entities", test_malformed_entities);
  g_test_add_func ("/formats/malformed/binary-and-encoding", test_malformed_binary_and_encoding);

  g_test_add ("/formats/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add_func ("/formats/names", test_format_names);

  g_test_add_func ("/formats/read/odt-details", test_read_odt_details);
  g_test_add_func ("/formats/read/docx-details", test_read_docx_details);
  g_test_add_func ("/formats/odt-layout", test_odt_layout);

  return g_test_run ();
}
