/* bench-spelling.c: the spelling checker on a 1 MiB slice of French man
 * pages, against hunspell -l and through epure-cli; top-1 suggestion
 * accuracy on one-letter typos, against Enchant's own order.
 *
 * Usage: bench-spelling SLICE CORPUS [EPURE_CLI]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "epure.h"
#include "epure-spelling-checker.h"
#include "epure-spelling-dictionary.h"

#define N_TYPOS 400
#define RUNS    3

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
check_in_process (const char *contents,
                  gsize       len,
                  guint      *n_findings)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "spelling", NULL };
  double t0;

  /* Everything a front end does: engine, checker, dictionary, snapshot. */
  t0 = now ();
  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_no_error (error);
  text = epure_text_new (contents, len, &error);
  g_assert_no_error (error);
  findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
  g_assert_no_error (error);
  *n_findings = findings->len;
  return now () - t0;
}

static double
run_command (const char * const *argv,
             guint              *n_lines)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now (), t;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return -1;
    }
  t = now () - t0;
  if (n_lines != NULL)
    {
      *n_lines = 0;
      for (const char *p = out; p && *p; p++)
        if (*p == '\n')
          (*n_lines)++;
    }
  return t;
}

static double
best_of (double (*fn) (gpointer), gpointer data)
{
  double best = G_MAXDOUBLE;
  for (guint i = 0; i < RUNS; i++)
    best = MIN (best, fn (data));
  return best;
}

typedef struct
{
  const char * const *argv;
  guint n_lines;
} Command;

static double
command_once (gpointer data)
{
  Command *c = data;
  return run_command (c->argv, &c->n_lines);
}

typedef struct
{
  const char *contents;
  gsize len;
  guint n_findings;
} InProcess;

static double
in_process_once (gpointer data)
{
  InProcess *p = data;
  return check_in_process (p->contents, p->len, &p->n_findings);
}

/* One-letter typos of real words: a letter dropped, added, replaced, or
 * two swapped; the typo must be unknown to the dictionary. */
static char *
make_typo (GRand      *rand,
           const char *word)
{
  static const char *letters[] = {
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
    "s", "t", "u", "v", "w", "x", "y", "z", "é", "è", "à", "ê", "ç",
  };
  glong n = g_utf8_strlen (word, -1);
  g_autoptr(GString) s = g_string_new (NULL);
  int op = g_rand_int_range (rand, 0, 4);
  /* Any position: an extra letter may also come last, a swap needs two.
   * BENCH_SPARE_LAST: the draw of earlier versions, which never touched
   * the last letter (typos inside the word only, a harder set). */
  glong at = g_getenv ("BENCH_SPARE_LAST") != NULL ? g_rand_int_range (rand, 0, n - 1)
             : g_rand_int_range (rand, 0, op == 1 ? n + 1 : op == 3 ? n - 1 : n);
  const char *letter = letters[g_rand_int_range (rand, 0, G_N_ELEMENTS (letters))];
  glong i = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p), i++)
    {
      const char *next = g_utf8_next_char (p);

      if (i == at)
        {
          switch (op)
            {
            case 0:  /* deletion */
              continue;
            case 1:  /* insertion */
              g_string_append (s, letter);
              break;
            case 2:  /* substitution */
              g_string_append (s, letter);
              continue;
            default: /* transposition */
              g_string_append_len (s, next, g_utf8_next_char (next) - next);
              g_string_append_len (s, p, next - p);
              p = next;
              i++;
              continue;
            }
        }
      g_string_append_len (s, p, next - p);
    }
  if (op == 1 && at == n)
    g_string_append (s, letter);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The way people mistype French: an accent left out or wrong, a key next
 * to the right one on an AZERTY keyboard, a letter dropped, doubled or hit
 * with its neighbour, two letters swapped. */
static char *
make_keyboard_typo (GRand      *rand,
                    const char *word)
{
  static const char * const near[26] = {
    "zq", "vngh", "xvdf", "sferxc", "zrsd", "dgrtcv", "fhtyvb", "gjyubn", "uojk", "hkuin",
    "jlio", "kmop", "lp", "bhj", "ipkl", "olm", "azsw", "etdf", "qdzewx", "ryfg", "yihj",
    "cbfg", "qsx", "wcsd", "tugh", "aeqs",
  };
  glong n;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (word, -1, &n);
  g_autofree gunichar *out = g_new0 (gunichar, n + 2);
  g_autofree char *nfd = NULL;
  glong at = g_rand_int_range (rand, 0, n);
  gunichar c = u[at];
  gboolean has_accent = FALSE;
  int op;

  for (glong i = 0; i < n; i++)
    has_accent |= u[i] > 127;
  op = g_rand_int_range (rand, has_accent ? 0 : 1, 5);
  memcpy (out, u, n * sizeof (gunichar));

  switch (op)
    {
    case 0:  /* accent slip on an accented letter */
      {
        glong k = at;
        while (u[k] < 128)
          k = (k + 1) % n;
        if (u[k] == 0xE9 && g_rand_boolean (rand))
          out[k] = 0xE8;  /* é → è */
        else
          {
            char buf[8] = { 0 };
            g_unichar_to_utf8 (u[k], buf);
            nfd = g_utf8_normalize (buf, -1, G_NORMALIZE_NFD);
            out[k] = (guchar) nfd[0];
          }
        return g_ucs4_to_utf8 (out, n, NULL, NULL, NULL);
      }
    case 1:  /* neighbouring key */
      if (c < 128 && g_ascii_islower (c))
        {
          const char *keys = near[c - 'a'];
          out[at] = keys[g_rand_int_range (rand, 0, strlen (keys))];
          return g_ucs4_to_utf8 (out, n, NULL, NULL, NULL);
        }
      G_GNUC_FALLTHROUGH;
    case 2:  /* a letter dropped */
      memmove (out + at, u + at + 1, (n - at - 1) * sizeof (gunichar));
      return g_ucs4_to_utf8 (out, n - 1, NULL, NULL, NULL);
    case 3:  /* a letter doubled, or its neighbour hit too */
      {
        gunichar extra = c;
        if (c < 128 && g_ascii_islower (c) && g_rand_boolean (rand))
          extra = near[c - 'a'][g_rand_int_range (rand, 0, strlen (near[c - 'a']))];
        memmove (out + at + 1, u + at, (n - at) * sizeof (gunichar));
        out[at] = extra;
        return g_ucs4_to_utf8 (out, n + 1, NULL, NULL, NULL);
      }
    default: /* two letters swapped */
      if (at + 1 >= n)
        at = n - 2;
      out[at] = u[at + 1];
      out[at + 1] = u[at];
      return g_ucs4_to_utf8 (out, n, NULL, NULL, NULL);
    }
}

static gboolean
plain_lower_word (const char *word,
                  gsize       len)
{
  const char *p;

  if (g_utf8_strlen (word, len) < 4)
    return FALSE;
  for (p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c) || !g_unichar_islower (c))
        return FALSE;
    }
  return TRUE;
}

/* BENCH_RAW_CACHE=FILE: Enchant's suggestions, one typo a line (typo TAB
 * ideas…), kept between runs so that tuning the ranking on several seeds
 * does not wait on Hunspell; timings are then of the misses only. */
static GHashTable *
load_raw_cache (const char *path)
{
  GHashTable *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return cache;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields = g_strsplit (lines[i], "\t", -1);
      if (fields[0] == NULL || fields[0][0] == '\0')
        {
          g_strfreev (fields);
          continue;
        }
      {
        g_autoptr(GStrvBuilder) ideas = g_strv_builder_new ();
        for (guint k = 1; fields[k] != NULL; k++)
          if (fields[k][0] != '\0')
            g_strv_builder_add (ideas, fields[k]);
        g_hash_table_replace (cache, g_strdup (fields[0]), g_strv_builder_end (ideas));
      }
      g_strfreev (fields);
    }
  return cache;
}

/* The document around one occurrence of @word (at @at), with that
 * occurrence replaced by @typo: what the editor sees when the user
 * mistyped it there.  The word itself is not given away, only its other
 * uses nearby. */
static GHashTable *
typo_context (const char *corpus,
              gsize       len,
              gsize       at,
              const char *word,
              const char *typo)
{
  /* A slice a little wider than the window, as the editor passes one. */
  gsize margin = EPURE_SPELLING_CONTEXT_BYTES + 256;
  gsize wlen = strlen (word);
  gsize from = at > margin ? at - margin : 0;
  gsize to = len - (at + wlen) > margin ? at + wlen + margin : len;
  g_autoptr(GString) slice = g_string_new_len (corpus + from, at - from);
  gsize start = slice->len;

  g_string_append (slice, typo);
  g_string_append_len (slice, corpus + at + wlen, to - at - wlen);
  return epure_spelling_context_new (slice->str, slice->len, start, start + strlen (typo));
}

typedef struct
{
  guint tested, ok, in5;
} Score;

static void
score (Score              *sc,
       const char * const *ranked,
       const char         *word)
{
  sc->tested++;
  sc->ok += ranked[0] != NULL && strcmp (ranked[0], word) == 0;
  sc->in5 += g_strv_contains (ranked, word);
}

static void
print_score (const char *what,
             Score      *sc,
             const char *target)
{
  printf ("  top-1 %-34s %5.1f %%   (top-5 %5.1f %%)%s\n", what,
          100.0 * sc->ok / MAX (sc->tested, 1), 100.0 * sc->in5 / MAX (sc->tested, 1), target);
}

static void
suggestion_accuracy (const char *corpus,
                     gsize       len,
                     gboolean    keyboard)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureSpellingDictionary) dict = epure_spelling_dictionary_new ("fr_FR", &error);
  /* word → its index in words + 1 */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GArray) occurrence = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) n_occurrences = g_array_new (FALSE, FALSE, sizeof (guint));
  /* BENCH_SEED: another draw of typos, to see the spread. */
  const char *seed_env = g_getenv ("BENCH_SEED");
  guint32 seed = seed_env ? (guint32) atoi (seed_env) : 20261206;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  /* Its own draw, so that the typos stay those of earlier versions. */
  g_autoptr(GRand) pick = g_rand_new_with_seed (seed ^ 0x5EED);
  EpureWordIter iter;
  gsize s, e;
  Score raw_sc = { 0 }, alone = { 0 }, in_doc = { 0 };
  double t0, t_suggest = 0, t_context = 0;
  const char *cache_path = g_getenv ("BENCH_RAW_CACHE");
  g_autoptr(GHashTable) raw_cache = load_raw_cache (cache_path);
  FILE *cache_out = cache_path != NULL ? fopen (cache_path, "a") : NULL;

  /* One write a line: runs on several seeds may share the file. */
  if (cache_out != NULL)
    setvbuf (cache_out, NULL, _IOLBF, 0);

  g_assert_no_error (error);

  /* Distinct real words of the corpus, in a fixed shuffled order, each
   * with one of its occurrences drawn evenly (reservoir sampling). */
  epure_word_iter_init (&iter, corpus, 0, len, NULL, EPURE_WORD_ITER_SKIP_CAPITALS);
  while (epure_word_iter_next (&iter, &s, &e))
    {
      g_autofree char *w = g_strndup (corpus + s, e - s);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (seen, w));

      if (index > 0)
        {
          guint *n = &g_array_index (n_occurrences, guint, index - 1);
          if (g_rand_int_range (pick, 0, ++*n) == 0)
            g_array_index (occurrence, gsize, index - 1) = s;
          continue;
        }
      if (!plain_lower_word (w, e - s))
        continue;
      if (!epure_spelling_dictionary_check_word (dict, w, -1))
        continue;
      g_ptr_array_add (words, w);
      g_array_append_val (occurrence, s);
      index = 1;
      g_array_append_val (n_occurrences, index);
      g_hash_table_insert (seen, g_steal_pointer (&w), GUINT_TO_POINTER (words->len));
    }
  for (guint i = words->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer tmp = words->pdata[i - 1];
      words->pdata[i - 1] = words->pdata[j];
      words->pdata[j] = tmp;
    }

  for (guint i = 0; i < words->len && raw_sc.tested < N_TYPOS; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *typo = keyboard ? make_keyboard_typo (rand, word) : make_typo (rand, word);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (seen, word)) - 1;
      g_autoptr(GHashTable) context = NULL;
      g_auto(GStrv) raw = NULL;
      g_auto(GStrv) ranked = NULL;
      g_auto(GStrv) ranked_in_doc = NULL;
      g_autoptr(GStrvBuilder) raw_top = g_strv_builder_new ();
      g_auto(GStrv) raw_list = NULL;

      if (epure_spelling_dictionary_check_word (dict, typo, -1))
        continue;

      if (g_hash_table_contains (raw_cache, typo))
        raw = g_strdupv (g_hash_table_lookup (raw_cache, typo));
      else
        {
          t0 = now ();
          raw = epure_spelling_dictionary_suggest_raw (dict, typo, -1);
          t_suggest += now () - t0;
          if (cache_out != NULL)
            {
              g_autofree char *line = g_strjoinv ("\t", raw);
              fprintf (cache_out, "%s\t%s\n", typo, line);
            }
        }
      ranked = epure_spelling_dictionary_rank (dict, typo, -1, (const char * const *) raw, NULL, 5);
      t0 = now ();
      context = typo_context (corpus, len, g_array_index (occurrence, gsize, index), word, typo);
      ranked_in_doc = epure_spelling_dictionary_rank (dict, typo, -1, (const char * const *) raw, context, 5);
      t_context += now () - t0;

      for (guint k = 0; raw[k] != NULL && k < 5; k++)
        if (strcmp (raw[k], typo) != 0)
          g_strv_builder_add (raw_top, raw[k]);
      raw_list = g_strv_builder_end (raw_top);
      score (&raw_sc, (const char * const *) raw_list, word);
      score (&alone, (const char * const *) ranked, word);
      score (&in_doc, (const char * const *) ranked_in_doc, word);
      if (g_getenv ("BENCH_VERBOSE") && (ranked_in_doc[0] == NULL || strcmp (ranked_in_doc[0], word) != 0 ||
                                         ranked[0] == NULL || strcmp (ranked[0], word) != 0))
        {
          g_autofree char *c = g_strjoinv (",", ranked_in_doc);
          g_autofree char *r = g_strjoinv (",", ranked);
          g_autofree char *w = g_strjoinv (",", raw);
          gboolean ok_doc = ranked_in_doc[0] != NULL && strcmp (ranked_in_doc[0], word) == 0;
          gboolean ok_alone = ranked[0] != NULL && strcmp (ranked[0], word) == 0;
          gsize at = g_array_index (occurrence, gsize, index), from = at > 24 ? at - 24 : 0;
          g_autofree char *before = NULL;

          while (from < at && ((guchar) corpus[from] & 0xC0) == 0x80)
            from++;
          before = g_strndup (corpus + from, at - from);
          g_strdelimit (before, "\n\t", ' ');
          printf ("  %s %s → %s: in document %s | alone %s | raw %s | before “%s”\n",
                  ok_doc ? "fixed" : ok_alone ? "LOST " : "miss ", word, typo, c, r, w, before);
        }
    }

  printf ("Suggestions on %u one-letter typos of corpus words, %s (seed %s):\n", raw_sc.tested,
          keyboard ? "as typed (accent slips, AZERTY neighbours, dropped/doubled letters, swaps)"
                   : g_getenv ("BENCH_SPARE_LAST") != NULL
                   ? "uniformly random inside the word (BENCH_SPARE_LAST: the last letter kept)"
                   : "uniformly random (any letter dropped, added, replaced or swapped)",
          seed_env ? seed_env : "20261206");
  print_score ("Enchant's order:", &raw_sc, "");
  print_score ("Épure's ranking, the word alone:", &alone, "");
  print_score ("Épure's ranking, in its document:", &in_doc, "   target ≥ 90 %");
  printf ("  (document: ±%d bytes around one occurrence of the word, drawn evenly, replaced by the typo)\n",
          EPURE_SPELLING_CONTEXT_BYTES);
  printf ("  mean Enchant suggestion time: %.0f ms; reading the document and ranking with it: %.1f ms\n",
          1000 * t_suggest / MAX (raw_sc.tested, 1), 1000 * t_context / MAX (raw_sc.tested, 1));
  if (cache_out != NULL)
    fclose (cache_out);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *slice = NULL, *corpus = NULL;
  gsize slice_len, corpus_len;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  InProcess in_process = { 0 };
  double t_cold, t_warm, t_hunspell, t_cli = -1;
  guint words = 0;

  if (argc < 3)
    {
      g_printerr ("Usage: %s SLICE CORPUS [EPURE_CLI]\n", argv[0]);
      return 2;
    }
  /* Figures show up as they come, even through meson's pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  config = g_dir_make_tmp ("epure-bench-enchant-XXXXXX", NULL);
  g_setenv ("ENCHANT_CONFIG_DIR", config, TRUE);
  epure_init ();

  if (!g_file_get_contents (argv[1], &slice, &slice_len, &error) ||
      !g_file_get_contents (argv[2], &corpus, &corpus_len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  {
    EpureWordIter iter;
    epure_word_iter_init (&iter, slice, 0, slice_len, NULL, 0);
    while (epure_word_iter_next (&iter, NULL, NULL))
      words++;
  }

  printf ("== Spelling: full check of %.2f MiB (%u words) of French man pages ==\n",
          slice_len / 1048576.0, words);

  /* BENCH_ONLY_SUGGEST / BENCH_SKIP_SUGGEST: run one half when tuning. */
  if (g_getenv ("BENCH_ONLY_SUGGEST"))
    {
      suggestion_accuracy (corpus, corpus_len, TRUE);
      suggestion_accuracy (corpus, corpus_len, FALSE);
      return 0;
    }
  in_process.contents = slice;
  in_process.len = slice_len;
  /* The first run loads Hunspell and fills the verdict cache: the cost a
   * CLI run pays. */
  t_cold = in_process_once (&in_process);
  t_warm = best_of (in_process_once, &in_process);
  {
    const char *hunspell_argv[] = { "hunspell", "-d", "fr_FR", "-l", argv[1], NULL };
    Command c = { hunspell_argv, 0 };
    t_hunspell = best_of (command_once, &c);
    printf ("  hunspell -d fr_FR -l:              %7.3f s   (%u words listed)\n", t_hunspell, c.n_lines);
  }
  printf ("  Épure in-process (new checker):    %7.3f s   (%u findings)  %.2f× hunspell   target ≤ 0.5 s, ≤ 1.5×\n",
          t_cold, in_process.n_findings, t_cold / t_hunspell);
  printf ("  (a fresh checker every run; best of %d: %.3f s)\n", RUNS, t_warm);

  if (argc > 3 && g_file_test (argv[3], G_FILE_TEST_IS_EXECUTABLE))
    {
      /* Like hunspell -l: the misspelled words, no suggestions. */
      const char *cli_argv[] = { argv[3], "check", "--checkers=spelling", "--no-suggestions", argv[1], NULL };
      Command c = { cli_argv, 0 };
      t_cli = best_of (command_once, &c);
      if (t_cli >= 0)
        printf ("  epure-cli check --checkers=spelling --no-suggestions: %5.3f s   (%u output lines)  %.2f× hunspell   target ≤ 0.5 s, ≤ 1.5×\n",
                t_cli, c.n_lines, t_cli / t_hunspell);
    }
  else
    printf ("  epure-cli: not built yet, skipped\n");

  if (g_getenv ("BENCH_SKIP_SUGGEST") == NULL)
    {
      suggestion_accuracy (corpus, corpus_len, TRUE);
      suggestion_accuracy (corpus, corpus_len, FALSE);
    }

  {
    g_autofree char *pwl = g_build_filename (config, "fr_FR.dic", NULL);
    g_remove (pwl);
    g_rmdir (config);
  }
  return 0;
}
