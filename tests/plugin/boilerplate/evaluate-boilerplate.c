/* evaluate-boilerplate.c: line-level precision, recall and F1 of the
 * boilerplate checker on the labelled corpus in tests/fixtures/boilerplate/,
 * per category, and the lines flagged in documents that have none.
 *
 * Usage: evaluate-boilerplate [--tap] [-v] [CORPUS_DIR]
 * Fails (as a GTest) under precision 0.97, recall 0.90, or on any flagged
 * line in a clean document.  -v lists every disagreement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "epure.h"

#define MIN_PRECISION 0.97
#define MIN_RECALL    0.90

static const char *corpus_dir;
static gboolean verbose;

typedef struct
{
  guint tp, fp, fn;
} Counts;

typedef struct
{
  GHashTable *per_category;   /* category → Counts* */
  Counts      all;            /* any category vs. none */
  Counts      automatic;      /* what "clean" removes at the default threshold */
  guint       documents;
  guint       clean_documents;
  guint       clean_flagged_lines;
  guint       labelled_lines;
  guint       lines;
} Evaluation;

static Counts *
counts_for (Evaluation *ev,
            const char *category)
{
  Counts *c = g_hash_table_lookup (ev->per_category, category);

  if (c == NULL)
    {
      c = g_new0 (Counts, 1);
      g_hash_table_insert (ev->per_category, g_strdup (category), c);
    }
  return c;
}

/* Labels: "LINE CATEGORY" or "FIRST-LAST CATEGORY" a line, '#' comments. */
static GHashTable *
read_labels (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint first, last;
      char category[64];

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (sscanf (line, "%u-%u %63s", &first, &last, category) != 3)
        {
          g_assert_cmpint (sscanf (line, "%u %63s", &first, category), ==, 2);
          last = first;
        }
      g_assert_cmpuint (first, >=, 1);
      g_assert_cmpuint (first, <=, last);
      for (guint l = first; l <= last; l++)
        g_hash_table_insert (labels, GUINT_TO_POINTER (l), g_strdup (category));
    }
  return labels;
}

static void
evaluate_document (EpurePipeline *pipeline,
                   const char    *txt_path,
                   Evaluation    *ev)
{
  g_autofree char *base = g_strndup (txt_path, strlen (txt_path) - strlen (".txt"));
  g_autofree char *labels_path = g_strconcat (base, ".labels", NULL);
  g_autofree char *name = g_path_get_basename (txt_path);
  g_autoptr(GHashTable) labels = read_labels (labels_path);
  g_autoptr(GHashTable) predicted = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) automatic = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  guint n_lines;
  gboolean clean = g_hash_table_size (labels) == 0;

  g_file_get_contents (txt_path, &contents, &len, &error);
  g_assert_no_error (error);
  text = epure_text_new (contents, len, &error);
  g_assert_no_error (error);
  findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      guint first, last, col;
      const char *category = epure_finding_get_rule_id (f) + strlen ("boilerplate.");

      epure_text_get_line_column (text, epure_finding_get_start (f), &first, &col);
      epure_text_get_line_column (text, epure_finding_get_end (f), &last, &col);
      for (guint l = first; l <= last; l++)
        {
          g_hash_table_insert (predicted, GUINT_TO_POINTER (l), (gpointer) category);
          if (epure_finding_get_automatic (f))
            g_hash_table_add (automatic, GUINT_TO_POINTER (l));
        }
      if (verbose)
        g_printerr ("%s:%u: %.2f %s\n", name, first, epure_finding_get_confidence (f),
                    epure_finding_get_message (f));
    }

  n_lines = epure_text_get_line_count (text);
  ev->documents++;
  ev->lines += n_lines;
  ev->labelled_lines += g_hash_table_size (labels);
  if (clean)
    {
      ev->clean_documents++;
      ev->clean_flagged_lines += g_hash_table_size (predicted);
    }

  for (guint l = 1; l <= n_lines + 1; l++)
    {
      const char *want = g_hash_table_lookup (labels, GUINT_TO_POINTER (l));
      const char *got = g_hash_table_lookup (predicted, GUINT_TO_POINTER (l));

      if (g_hash_table_contains (automatic, GUINT_TO_POINTER (l)))
        {
          if (want != NULL)
            ev->automatic.tp++;
          else
            ev->automatic.fp++;
        }
      else if (want != NULL)
        ev->automatic.fn++;

      if (want != NULL && got != NULL)
        ev->all.tp++;
      else if (got != NULL)
        ev->all.fp++;
      else if (want != NULL)
        ev->all.fn++;

      if (want != NULL && got != NULL && g_str_equal (want, got))
        counts_for (ev, want)->tp++;
      else
        {
          if (want != NULL)
            counts_for (ev, want)->fn++;
          if (got != NULL)
            counts_for (ev, got)->fp++;
        }

      if (verbose && g_strcmp0 (want, got) != 0)
        g_printerr ("  MISMATCH %s:%u: labelled %s, flagged %s\n", name, l,
                    want ? want : "-", got ? got : "-");
    }
}

static double
ratio (guint num,
       guint den)
{
  return den == 0 ? 1.0 : (double) num / den;
}

static double
f1 (double p,
    double r)
{
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

static void
print_row (const char   *name,
           const Counts *c)
{
  double p = ratio (c->tp, c->tp + c->fp);
  double r = ratio (c->tp, c->tp + c->fn);

  printf ("# %-20s %5u %5u %5u   %6.3f %6.3f %6.3f\n", name, c->tp, c->fp, c->fn, p, r, f1 (p, r));
}

static void
test_corpus (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) keys = NULL;
  const char *ids[] = { "boilerplate", NULL };
  const char *name;
  Evaluation ev = { 0 };
  double precision, recall;

  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_no_error (error);

  dir = g_dir_open (corpus_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_build_filename (corpus_dir, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) strcmp);

  ev.per_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < names->len; i++)
    evaluate_document (pipeline, g_ptr_array_index (names, i), &ev);

  printf ("# %u documents (%u clean), %u lines, %u labelled as boilerplate\n",
          ev.documents, ev.clean_documents, ev.lines, ev.labelled_lines);
  printf ("# %-20s %5s %5s %5s   %6s %6s %6s\n", "category", "tp", "fp", "fn", "prec", "recall", "F1");
  keys = g_hash_table_get_keys (ev.per_category);
  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    print_row (l->data, g_hash_table_lookup (ev.per_category, l->data));
  print_row ("ALL (any category)", &ev.all);
  print_row ("ALL, automatic only", &ev.automatic);
  printf ("# flagged lines in clean documents: %u\n", ev.clean_flagged_lines);

  precision = ratio (ev.all.tp, ev.all.tp + ev.all.fp);
  recall = ratio (ev.all.tp, ev.all.tp + ev.all.fn);
  g_hash_table_unref (ev.per_category);

  g_assert_cmpuint (names->len, >=, 50);
  g_assert_cmpuint (ev.clean_documents, >=, 10);
  g_assert_cmpuint (ev.clean_flagged_lines, ==, 0);
  g_assert_cmpfloat (precision, >=, MIN_PRECISION);
  g_assert_cmpfloat (recall, >=, MIN_RECALL);
  /* What is removed without asking must be at least as right. */
  g_assert_cmpfloat (ratio (ev.automatic.tp, ev.automatic.tp + ev.automatic.fp), >=, MIN_PRECISION);
}

/* Cleaning every document removes exactly its labelled lines and leaves no
 * stray blank line: the path of "epure-cli clean" and the app's button. */
static void
test_clean_corpus (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *ids[] = { "boilerplate", NULL };
  const char *name;
  guint checked = 0;

  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_no_error (error);
  /* Every finding is applied, whatever its confidence. */
  g_assert_true (epure_checker_set_option (epure_pipeline_get_checker (pipeline, "boilerplate"),
                                           "threshold", "0", &error));
  g_assert_no_error (error);

  dir = g_dir_open (corpus_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL, *base = NULL, *labels_path = NULL, *contents = NULL, *out = NULL;
      g_autoptr(GHashTable) labels = NULL;
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) kept = g_string_new (NULL);
      g_auto(GStrv) in_lines = NULL;
      g_auto(GStrv) out_lines = NULL;
      guint blank_run = 0, max_blank_in = 0;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (corpus_dir, name, NULL);
      base = g_strndup (path, strlen (path) - strlen (".txt"));
      labels_path = g_strconcat (base, ".labels", NULL);
      labels = read_labels (labels_path);
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);

      in_lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; in_lines[i] != NULL; i++)
        {
          /* A CRLF text's blank lines are "\r". */
          if (in_lines[i][0] == '\0' || strcmp (in_lines[i], "\r") == 0)
            {
              max_blank_in = MAX (max_blank_in, ++blank_run);
              continue;
            }
          blank_run = 0;
          if (!g_hash_table_contains (labels, GUINT_TO_POINTER (i + 1)))
            g_string_append_printf (expected, "%s\n", in_lines[i]);
        }

      text = epure_text_new (contents, -1, &error);
      g_assert_no_error (error);
      out = epure_pipeline_clean (pipeline, text, 0.0, NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      out_lines = g_strsplit (out, "\n", -1);
      blank_run = 0;
      for (guint i = 0; out_lines[i] != NULL; i++)
        {
          if (out_lines[i][0] == '\0' || strcmp (out_lines[i], "\r") == 0)
            {
              /* No blank line at the start, none left doubled. */
              g_assert_cmpuint (i, >, 0);
              if (out_lines[i + 1] != NULL)
                g_assert_cmpuint (++blank_run, <=, MAX (max_blank_in, 1));
              continue;
            }
          blank_run = 0;
          g_string_append_printf (kept, "%s\n", out_lines[i]);
        }
      if (g_strcmp0 (kept->str, expected->str) != 0)
        g_printerr ("%s: cleaned text differs from the labels\n", name);
      g_assert_cmpstr (kept->str, ==, expected->str);
      /* Ends like the original: one line break, no blank line. */
      g_assert_true (g_str_has_suffix (out, "\n"));
      g_assert_false (g_str_has_suffix (out, "\n\n"));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *default_dir = NULL;

  g_test_init (&argc, &argv, NULL);
  epure_init ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "-v"))
        verbose = TRUE;
      else
        corpus_dir = argv[i];
    }
  if (corpus_dir == NULL)
    corpus_dir = default_dir = g_test_build_filename (G_TEST_DIST, "fixtures", "boilerplate", NULL);

  g_test_add_func ("/boilerplate/evaluation/corpus", test_corpus);
  g_test_add_func ("/boilerplate/evaluation/clean-corpus", test_clean_corpus);

  return g_test_run ();
}
