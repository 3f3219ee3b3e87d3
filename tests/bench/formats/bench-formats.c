/* bench-formats.c: import and export of a 300-page document, against pandoc.
 *
 * A long French article is generated as Markdown, pandoc makes the .odt
 * and .docx, then each side reads and writes the same files:
 *   import: Épure's epure_import_file()  vs  pandoc -f FMT -t plain
 *   export: Épure's epure_export_file()  vs  pandoc -f json -o out.FMT
 * (pandoc exports from its own parsed AST, so neither side re-reads
 * Markdown.)  Median of several runs; pandoc's times include its process
 * start, which is part of what a user waits for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "epure.h"
#include "formats/epure-format.h"

#define EPURE_RUNS 5
#define PANDOC_RUNS 3

static const char *const nouns[] = {
  "le marché", "la rivière", "le village", "la fontaine", "le meunier", "la vigne", "le port",
  "la colline", "le boulanger", "la place", "le chemin", "la récolte", "le pont", "la lavande",
  "le mistral", "la tuile", "le bateau", "la saison", "le château", "la forêt", "le verger",
  "la carrière", "le moulin", "la source", "le pêcheur", "la route", "le clocher", "la plaine",
};
static const char *const verbs[] = {
  "traverse", "domine", "accueille", "remplace", "longe", "nourrit", "éclaire", "protège",
  "annonce", "précède", "attire", "rassemble", "prolonge", "abrite", "réveille", "dessine",
};
static const char *const tails[] = {
  "depuis le siècle dernier", "chaque matin d’été", "malgré les crues de l’automne",
  "sous un ciel très pâle", "au rythme des saisons", "à la manière des anciens",
  "comme le racontent les archives", "avant l’arrivée du train", "sans que personne s’en étonne",
  "jusqu’aux premières gelées", "selon les habitants du quartier", "au grand dam des voisins",
};

static void
sentence (GString *out,
          GRand   *rand)
{
  const char *subject = nouns[g_rand_int_range (rand, 0, G_N_ELEMENTS (nouns))];
  const char *object = nouns[g_rand_int_range (rand, 0, G_N_ELEMENTS (nouns))];
  guint style = g_rand_int_range (rand, 0, 10);

  g_string_append_c (out, g_ascii_toupper (subject[0]));
  g_string_append_printf (out, "%s %s ", subject + 1, verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))]);
  if (style == 0)
    g_string_append_printf (out, "**%s** ", object);
  else if (style == 1)
    g_string_append_printf (out, "*%s* ", object);
  else
    g_string_append_printf (out, "%s ", object);
  g_string_append_printf (out, "%s. ", tails[g_rand_int_range (rand, 0, G_N_ELEMENTS (tails))]);
}

/* Sections of a heading, eight paragraphs and a short list, a chapter
 * every ten sections: 320 sections make about 300 A4 pages. */
static char *
generate_markdown (guint pages)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (300);
  GString *out = g_string_new ("# Chroniques de la vallée\n\n");

  for (guint page = 0; page < pages; page++)
    {
      if (page % 10 == 0)
        g_string_append_printf (out, "# Chapitre %u\n\n", page / 10 + 1);
      g_string_append_printf (out, "## Section %u\n\n", page + 1);
      for (guint p = 0; p < 8; p++)
        {
          for (guint s = 0; s < 6; s++)
            sentence (out, rand);
          g_string_truncate (out, out->len - 1);
          g_string_append (out, "\n\n");
        }
      for (guint i = 0; i < 3; i++)
        g_string_append_printf (out, "- %s\n", nouns[g_rand_int_range (rand, 0, G_N_ELEMENTS (nouns))]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static gboolean
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return g_spawn_check_wait_status (status, NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[n / 2];
}

static double
time_pandoc (const char *const *argv)
{
  double t[PANDOC_RUNS];

  for (guint i = 0; i < PANDOC_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      if (!run (argv))
        g_error ("%s failed", argv[0]);
      t[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  return median (t, PANDOC_RUNS);
}

static double
time_import (const char   *path,
             EpureImport **out)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double t[EPURE_RUNS];

  for (guint i = 0; i < EPURE_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      EpureImport *import = epure_import_file (file, NULL, 0, NULL, &error);

      t[i] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      if (i + 1 == EPURE_RUNS)
        *out = import;
      else
        g_object_unref (import);
    }
  return median (t, EPURE_RUNS);
}

static double
time_export (EpureImport *import,
             const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EpureExportOptions options = { .structure = epure_import_get_structure (import), .title = "Chroniques" };
  gsize len;
  const char *text = epure_text_get_string (epure_import_get_text (import), &len);
  double t[EPURE_RUNS];

  for (guint i = 0; i < EPURE_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (epure_export_file (text, len, file, NULL, &options, NULL, &error));
      t[i] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
    }
  return median (t, EPURE_RUNS);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  const char *p;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return 0;
  p = out ? strstr (out, "Pages:") : NULL;
  return p ? (guint) g_ascii_strtoull (p + 6, NULL, 10) : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("epure-bench-formats-XXXXXX", NULL);
  g_autofree char *md = generate_markdown (320);
  g_autofree char *md_path = g_build_filename (dir, "article.md", NULL);
  g_autofree char *json_path = g_build_filename (dir, "article.json", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "epure.pdf", NULL);
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  const char *const formats[] = { "odt", "docx" };
  g_autoptr(EpureImport) from_md = NULL;
  double pdf_time;

  setlocale (LC_ALL, "");
  epure_init ();
  if (pandoc == NULL)
    {
      g_print ("pandoc is not installed: no files to compare on\n");
      return 77;
    }

  g_assert_true (g_file_set_contents (md_path, md, -1, NULL));
  {
    const char *to_json[] = { "pandoc", md_path, "-t", "json", "-o", json_path, NULL };
    g_assert_true (run (to_json));
  }

  /* How long the document is, laid out by Épure's own PDF writer. */
  time_import (md_path, &from_md);
  pdf_time = time_export (from_md, pdf_path);

  g_print ("Document: %zu KiB of Markdown, %u A4 pages (Épure's PDF, written in %.3f s)\n\n",
           strlen (md) / 1024, pdf_pages (pdf_path), pdf_time);
  g_print ("%-6s %-7s %10s %10s %8s\n", "format", "step", "Épure (s)", "pandoc (s)", "ratio");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *fmt = formats[i];
      g_autofree char *name = g_strdup_printf ("article.%s", fmt);
      g_autofree char *in = g_build_filename (dir, name, NULL);
      g_autofree char *epure_name = g_strdup_printf ("epure.%s", fmt);
      g_autofree char *epure_out = g_build_filename (dir, epure_name, NULL);
      g_autofree char *pandoc_name = g_strdup_printf ("pandoc.%s", fmt);
      g_autofree char *pandoc_out = g_build_filename (dir, pandoc_name, NULL);
      const char *make[] = { "pandoc", md_path, "-o", in, NULL };
      const char *read[] = { "pandoc", "-f", fmt, "-t", "plain", in, NULL };
      const char *write[] = { "pandoc", "-f", "json", json_path, "-o", pandoc_out, NULL };
      g_autoptr(EpureImport) import = NULL;
      double epure_in, pandoc_in, epure_write, pandoc_write;
      struct stat st;

      g_assert_true (run (make));
      g_stat (in, &st);
      epure_in = time_import (in, &import);
      pandoc_in = time_pandoc (read);
      epure_write = time_export (import, epure_out);
      pandoc_write = time_pandoc (write);

      g_print ("%-6s %-7s %10.3f %10.3f %7.1f×   (%lld KiB file, %zu KiB of text)\n", fmt, "import",
               epure_in, pandoc_in, pandoc_in / epure_in, (long long) st.st_size / 1024,
               epure_text_get_length (epure_import_get_text (import)) / 1024);
      g_print ("%-6s %-7s %10.3f %10.3f %7.1f×\n", fmt, "export", epure_write, pandoc_write, pandoc_write / epure_write);
      g_remove (in);
      g_remove (epure_out);
      g_remove (pandoc_out);
    }
  g_print ("\nratio = pandoc time / Épure time (above 1: Épure is faster)\n");

  g_remove (md_path);
  g_remove (json_path);
  g_remove (pdf_path);
  g_rmdir (dir);
  return 0;
}
