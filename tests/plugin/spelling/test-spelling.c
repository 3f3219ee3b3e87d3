/* test-spelling.c: the spelling checker on real Enchant + hunspell-fr.
 *
 * Enchant's personal dictionaries go to a temporary ENCHANT_CONFIG_DIR set
 * before the first broker exists, never the user's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "epure.h"
#include "epure-spelling-checker.h"

typedef struct
{
  gsize start;
  gsize end;
  char *typo;
} Marker;

static void
marker_clear (Marker *m)
{
  g_free (m->typo);
}

/* The fixture holds {correct|typo} pairs: gives the clean text, the text
 * with typos and where each typo sits in the latter. */
static void
load_fixture (char   **clean,
              char   **typos,
              GArray **markers)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plugin", "spelling", "news-fr.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GString *c = g_string_new (NULL);
  GString *t = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  *markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  g_array_set_clear_func (*markers, (GDestroyNotify) marker_clear);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      if (p[0] == '#')
        continue;
      while (*p)
        {
          if (*p == '{')
            {
              const char *bar = strchr (p, '|');
              const char *close = strchr (p, '}');
              Marker m;

              g_assert_nonnull (bar);
              g_assert_nonnull (close);
              g_string_append_len (c, p + 1, bar - p - 1);
              m.start = t->len;
              g_string_append_len (t, bar + 1, close - bar - 1);
              m.end = t->len;
              m.typo = g_strndup (bar + 1, close - bar - 1);
              g_array_append_val (*markers, m);
              p = close + 1;
            }
          else
            {
              g_string_append_c (c, *p);
              g_string_append_c (t, *p);
              p++;
            }
        }
      if (lines[i + 1] != NULL)
        {
          g_string_append_c (c, '\n');
          g_string_append_c (t, '\n');
        }
    }

  *clean = g_string_free (c, FALSE);
  *typos = g_string_free (t, FALSE);
}

static EpurePipeline *
spelling_pipeline (EpureChecker **checker)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "spelling", NULL };
  EpurePipeline *pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  if (checker != NULL)
    *checker = epure_pipeline_get_checker (pipeline, "spelling");
  return pipeline;
}

static GPtrArray *
check_text (EpurePipeline *pipeline,
            const char    *str)
{
  g_autoptr(EpureText) text = epure_text_new (str, -1, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return findings;
}

static void
dump_findings (const char *str,
               GPtrArray  *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      g_test_message ("finding %u: “%.*s” at %zu", i,
                      (int) (epure_finding_get_end (f) - epure_finding_get_start (f)),
                      str + epure_finding_get_start (f), epure_finding_get_start (f));
    }
}

static void
test_clean_text (void)
{
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (NULL);
  g_autofree char *clean = NULL, *typos = NULL;
  g_autoptr(GArray) markers = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  load_fixture (&clean, &typos, &markers);
  findings = check_text (pipeline, clean);
  dump_findings (clean, findings);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_typos_found (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  g_autofree char *clean = NULL, *typos = NULL;
  g_autoptr(GArray) markers = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  load_fixture (&clean, &typos, &markers);
  g_assert_cmpuint (markers->len, >=, 50);

  findings = check_text (pipeline, typos);
  dump_findings (typos, findings);
  g_assert_cmpuint (findings->len, ==, markers->len);
  for (guint i = 0; i < markers->len; i++)
    {
      Marker *m = &g_array_index (markers, Marker, i);
      EpureFinding *f = g_ptr_array_index (findings, i);

      g_assert_cmpstr (epure_finding_get_rule_id (f), ==, "spelling.misspelled");
      g_assert_cmpstr (epure_finding_get_category (f), ==, EPURE_CATEGORY_SPELLING);
      g_assert_true (epure_finding_get_needs_suggestions (f));
      g_assert_cmpuint (epure_finding_get_start (f), ==, m->start);
      g_assert_cmpuint (epure_finding_get_end (f), ==, m->end);
    }
  g_assert_true (EPURE_IS_SPELLING_CHECKER (checker));
}

/* Suggestions through the interface, off the calling thread, as the UI
 * asks for them. */
static void
suggest_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  char ***out = user_data;
  g_autoptr(GError) error = NULL;

  *out = epure_checker_suggest_finish (EPURE_CHECKER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_suggest_async (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  const char *str = "Une nouvele école.";
  g_autoptr(EpureText) text = epure_text_new (str, -1, NULL);
  g_autoptr(GPtrArray) findings = epure_checker_check (checker, text, NULL, NULL);
  g_auto(GStrv) words = NULL;

  g_assert_cmpuint (findings->len, ==, 1);
  epure_checker_suggest_async (checker, text, g_ptr_array_index (findings, 0), NULL, suggest_cb, &words);
  while (words == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (words[0], ==, "nouvelle");
  g_assert_cmpuint (g_strv_length (words), <=, EPURE_SPELLING_MAX_SUGGESTIONS);
}

static void
assert_first_suggestion (EpureSpellingChecker *checker,
                         const char           *typo,
                         const char           *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = epure_spelling_checker_suggest_word (checker, typo, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (words);
  g_test_message ("%s → %s", typo, words[0] ? words[0] : "(none)");
  g_assert_cmpstr (words[0], ==, expected);
}

static void
test_suggestion_style (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");

  /* Accent-only and case-only corrections first. */
  assert_first_suggestion (checker, "ecole", "école");
  assert_first_suggestion (checker, "Ecole", "École");
  assert_first_suggestion (checker, "Etats-Unis", "États-Unis");
  /* Among accent-only ones, the fewest letters changed and an accent
   * wrong rather than one too many; a doubled letter before a neighbour
   * key (Enchant itself puts another first for the last two). */
  assert_first_suggestion (checker, "parametrés", "paramétrés");
  assert_first_suggestion (checker, "surpassès", "surpassés");
  assert_first_suggestion (checker, "arrêtéee", "arrêtée");
  /* One slip before an accent slip and a letter wrong together (the
   * folded forms of the second ones are single edits too). */
  assert_first_suggestion (checker, "rèesteront", "resteront");
  assert_first_suggestion (checker, "appèrtées", "apportées");
  assert_first_suggestion (checker, "preend", "prend");
  /* One of two same letters left out before any other letter. */
  assert_first_suggestion (checker, "god", "good");
  /* Several accents wrong in a word typed with accents are several slips;
   * a word typed without any keeps its accent-only fix, a swap is one. */
  assert_first_suggestion (checker, "ibéré", "libéré");
  assert_first_suggestion (checker, "pirateê", "pirate");
  assert_first_suggestion (checker, "electricite", "électricité");
  assert_first_suggestion (checker, "routeés", "routées");
  /* The text's apostrophe and capitals are kept. */
  assert_first_suggestion (checker, "l'arivée", "l'arrivée");
  assert_first_suggestion (checker, "l’arivée", "l’arrivée");
  assert_first_suggestion (checker, "lʼarivée", "lʼarrivée");
  assert_first_suggestion (checker, "L’arivée", "L’arrivée");
  assert_first_suggestion (checker, "Nouvele", "Nouvelle");
  assert_first_suggestion (checker, "NOUVELE", "NOUVELLE");
}

/* The first suggestion the checker gives for @typo where it sits in @str,
 * found as the app and the CLI find it: a finding of the whole text. */
static char **
suggest_in_text (EpureChecker *checker,
                 const char   *str,
                 const char   *typo)
{
  g_autoptr(EpureText) text = epure_text_new (str, -1, NULL);
  g_autoptr(GPtrArray) findings = epure_checker_check (checker, text, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      gsize start = epure_finding_get_start (f), end = epure_finding_get_end (f);

      if (end - start == strlen (typo) && memcmp (str + start, typo, end - start) == 0)
        {
          char **words = epure_checker_suggest (checker, text, f, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (words);
          g_test_message ("%s in its text → %s", typo, words[0] ? words[0] : "(none)");
          return words;
        }
    }
  g_assert_not_reached ();
}

static char *
first_alone (EpureChecker *checker,
             const char   *typo)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = epure_spelling_checker_suggest_word (EPURE_SPELLING_CHECKER (checker), typo, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (words);
  g_test_message ("%s alone → %s", typo, words[0] ? words[0] : "(none)");
  return g_strdup (words[0]);
}

/* A correction the document uses elsewhere comes first: alone, Enchant's
 * and the edit's order pick another word. */
static void
test_context_ranks (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  static const struct { const char *text, *typo, *meant; } cases[] = {
    { "Les cyclistes partent souvent avant l’aube. Ils roulent souent sous la pluie et rentrent tard.\n",
      "souent", "souvent" },
    { "Les trains venant de Lyon et les cars venant de Grenoble arrivent à l’heure ; ceux fenant de Marseille ont du retard.\n",
      "fenant", "venant" },
    /* Used at the start of a sentence, or after an elision, it counts. */
    { "L’abandon du projet a surpris. Personne n’attendait ce bandon si tôt.\n",
      "bandon", "abandon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) in_text = suggest_in_text (checker, cases[i].text, cases[i].typo);
      g_autofree char *alone = first_alone (checker, cases[i].typo);

      g_assert_cmpstr (in_text[0], ==, cases[i].meant);
      g_assert_cmpstr (alone, !=, cases[i].meant);
      g_assert_cmpuint (g_strv_length (in_text), <=, EPURE_SPELLING_MAX_SUGGESTIONS);
    }
}

/* The cue never beats an accent-only correction, and a word the text
 * does not use keeps the order it has alone. */
static void
test_context_keeps_tiers (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  g_auto(GStrv) accent = suggest_in_text (checker,
                                          "La mesure est prise. Cette mesure plaît. Une autre mesure suivra. "
                                          "La distance mesurèe est courte.\n", "mesurèe");
  g_auto(GStrv) unrelated = suggest_in_text (checker,
                                             "Le jardin fleurit au printemps. Les roses y poussent bien.\n"
                                             "Une nouvele allée mène au bassin.\n", "nouvele");
  g_auto(GStrv) style = suggest_in_text (checker, "L’école ouvre lundi. Une Ecole de plus.\n", "Ecole");

  /* Every text says "par": no cue for "pir". */
  {
    g_auto(GStrv) grammatical = suggest_in_text (checker,
                                                 "Il passe par la gare, par le pont puis par la place. "
                                                 "Le pir est derrière nous.\n", "pir");
    g_autofree char *alone = first_alone (checker, "pir");

    g_assert_cmpstr (alone, !=, "par");
    g_assert_cmpstr (grammatical[0], ==, alone);
  }
  g_assert_cmpstr (accent[0], ==, "mesurée");
  g_assert_cmpstr (unrelated[0], ==, "nouvelle");
  g_assert_cmpstr (style[0], ==, "École");
}

/* Filler that uses none of the candidates of "souent". */
static void
append_filler (GString *s,
               gsize    bytes)
{
  static const char * const sentences[] = {
    "La route longe la rivière jusqu’au village. ",
    "Des pêcheurs s’installent près du pont de pierre. ",
    "Le marché du samedi attire les habitants des hameaux voisins. ",
  };
  gsize target = s->len + bytes;

  for (guint i = 0; s->len < target; i++)
    g_string_append (s, sentences[i % G_N_ELEMENTS (sentences)]);
}

/* Only the window counts, and its edges do not depend on how much of the
 * document the caller passes: a slice a byte wider than the window each
 * side (the editor's) suggests what the whole text (the CLI's) does. */
static void
test_context_window (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  g_autofree char *alone = first_alone (checker, "souent");
  g_autoptr(GString) far = g_string_new ("Les cyclistes partent souvent avant l’aube. ");
  g_autoptr(GString) edge = g_string_new (NULL);
  g_auto(GStrv) far_words = NULL;
  g_auto(GStrv) edge_words = NULL;
  gsize typo_at;

  append_filler (far, EPURE_SPELLING_CONTEXT_BYTES + 100);
  g_string_append (far, "Ils roulent souent sous la pluie.\n");
  far_words = suggest_in_text (checker, far->str, "souent");
  g_assert_cmpstr (far_words[0], ==, alone);

  /* "souvent" as the window's first word counts; astride its first byte,
   * cut, it does not. */
  for (gsize cut = 0; cut <= 3; cut += 3)
    {
      g_string_truncate (edge, 0);
      append_filler (edge, 3000);
      typo_at = edge->len + EPURE_SPELLING_CONTEXT_BYTES + cut;
      g_string_append (edge, "souvent ");
      append_filler (edge, EPURE_SPELLING_CONTEXT_BYTES);
      g_string_truncate (edge, typo_at - 10);
      while (edge->str[edge->len - 1] != ' ')
        g_string_truncate (edge, edge->len - 1);
      while (edge->len < typo_at)
        g_string_append_c (edge, ' ');
      g_string_append (edge, "souent ");
      append_filler (edge, EPURE_SPELLING_CONTEXT_BYTES + 3000);
      g_clear_pointer (&edge_words, g_strfreev);
      edge_words = suggest_in_text (checker, edge->str, "souent");
      g_assert_cmpstr (edge_words[0], ==, cut == 0 ? "souvent" : alone);
    }

  for (gsize a = 0, slack = 1; slack < 80; slack += a, a = slack - a)
    {
      gsize from = typo_at - EPURE_SPELLING_CONTEXT_BYTES - slack;
      gsize to = typo_at + strlen ("souent") + EPURE_SPELLING_CONTEXT_BYTES + slack;
      g_autofree char *slice = NULL;
      g_auto(GStrv) words = NULL;

      while ((edge->str[from] & 0xC0) == 0x80)
        from--;
      while ((edge->str[to] & 0xC0) == 0x80)
        to++;
      slice = g_strndup (edge->str + from, to - from);
      words = suggest_in_text (checker, slice, "souent");
      g_assert_cmpstrv (words, edge_words);
    }
}

/* epure-cli's JSON gives each finding the checker's own suggestions for
 * the same text, document cue included. */
static void
test_cli_same_suggestions (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  g_autoptr(GString) doc = g_string_new ("Les trains venant de Lyon et les cars venant de Grenoble arrivent à l’heure ; "
                                          "ceux fenant de Marseille ont du retard.\n"
                                          "Les cyclistes partent souvent avant l’aube. Ils roulent souent sous la pluie.\n");
  const char *str;
  const char *cli = g_getenv ("EPURE_CLI");
  GHashTable *firsts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  JsonArray *reported;
  guint compared = 0;

  /* The same typo far from the document's "venant": another first
   * suggestion, so a CLI asking once per word would differ here. */
  append_filler (doc, EPURE_SPELLING_CONTEXT_BYTES + 100);
  g_string_append (doc, "\nCeux fenant du nord aussi.\n");
  str = doc->str;
  text = epure_text_new (str, -1, NULL);
  findings = epure_checker_check (checker, text, NULL, NULL);

  if (cli == NULL)
    {
      g_test_skip ("EPURE_CLI not set");
      return;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              cli, "check", "-c", "spelling", "--lang=fr_FR", "-f", "json", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, str, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  reported = json_object_get_array_member (json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0),
                                           "findings");
  g_assert_cmpuint (json_array_get_length (reported), ==, findings->len);

  for (guint i = 0; i < json_array_get_length (reported); i++)
    {
      JsonObject *r = json_array_get_object_element (reported, i);
      JsonArray *replacements = json_object_get_array_member (r, "replacements");
      gsize start = g_utf8_offset_to_pointer (str, json_object_get_int_member (r, "start")) - str;

      for (guint k = 0; k < findings->len; k++)
        {
          EpureFinding *f = g_ptr_array_index (findings, k);
          g_auto(GStrv) words = NULL;

          if (epure_finding_get_start (f) != start)
            continue;
          words = epure_checker_suggest (checker, text, f, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (json_array_get_length (replacements), ==, g_strv_length (words));
          for (guint n = 0; words[n] != NULL; n++)
            g_assert_cmpstr (json_array_get_string_element (replacements, n), ==, words[n]);
          g_hash_table_add (firsts, (gpointer) json_array_get_string_element (replacements, 0));
          compared++;
        }
    }
  g_assert_cmpuint (compared, ==, 3);
  g_assert_true (g_hash_table_contains (firsts, "venant"));
  g_assert_true (g_hash_table_contains (firsts, "souvent"));
  g_assert_cmpuint (g_hash_table_size (firsts), ==, 3);
  g_hash_table_unref (firsts);
}

/* Hunspell takes any hyphenated word whose parts are words: a typo of a
 * known compound must still be found, real compounds must not. */
static void
test_near_compound (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");
  const char *wrong[] = { "vingt-et-nu", "Vingt-et-nu", "pot-au-fou", "Pot-au-fou", NULL };
  const char *right[] = {
    "vingt-et-un", "Vingt-et-un", "vingt-et-une", "sud-est", "porte-monnaie", "porte-monnaies",
    "rendez-vous", "dit-il", "a-t-il", "court-circuiter", "court-circuitez", "franco-allemand",
    "peut-être", "c’est-à-dire", "arc-en-ciel", "arcs-en-ciel", "nord-ouest", "C-o", NULL,
  };

  for (guint i = 0; wrong[i] != NULL; i++)
    {
      g_test_message ("%s", wrong[i]);
      g_assert_false (epure_spelling_checker_check_word (checker, wrong[i], -1, NULL));
    }
  for (guint i = 0; right[i] != NULL; i++)
    {
      g_test_message ("%s", right[i]);
      g_assert_true (epure_spelling_checker_check_word (checker, right[i], -1, NULL));
    }
  /* The personal dictionary wins. */
  {
    g_autoptr(EpureSpellingDictionary) dict = epure_spelling_checker_get_dictionary (checker, NULL);
    epure_spelling_dictionary_add_word (dict, "vingt-et-nu", -1);
    g_assert_true (epure_spelling_checker_check_word (checker, "vingt-et-nu", -1, NULL));
    epure_spelling_dictionary_remove_word (dict, "vingt-et-nu", -1);
  }
  assert_first_suggestion (checker, "vingt-et-nu", "vingt-et-un");
}

static void
add_tokens (GString    *out,
            const char *str,
            EpureText  *text,
            EpureWordIterFlags flags)
{
  EpureWordIter iter;
  gsize s, e;

  epure_word_iter_init (&iter, str, 0, strlen (str), text, flags);
  while (epure_word_iter_next (&iter, &s, &e))
    {
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, str + s, e - s);
    }
}

static void
test_tokenizer (void)
{
  static const struct { const char *input; const char *tokens; gboolean caps; } cases[] = {
    { "l’homme l'homme lʼhomme", "l’homme|l'homme|lʼhomme", TRUE },
    { "aujourd’hui, presqu’île et jusqu’à", "aujourd’hui|presqu’île|et|jusqu’à", TRUE },
    { "c’est-à-dire peut-être a-t-il dit-il", "c’est-à-dire|peut-être|a-t-il|dit-il", TRUE },
    /* Joiners only join between two word characters. */
    { "-là 'mot' mot- ’quoi’ --tiret", "là|mot|mot|quoi|tiret", TRUE },
    { "celle-\nlà", "celle|là", TRUE },
    /* Numbers and words with digits. */
    { "le 1er mars, 3,5 % et 12 500 en 2023 ; CO2 10h30 XIXe", "le|mars|et|en|XIXe", FALSE },
    { "le 1er mars, 3,5 % et 12 500 en 2023 ; CO2 10h30 XIXe", "le|mars|et|en|XIXe", TRUE },
    /* Capitals: skipped (option), after an elision too. */
    { "l’OTSC et l'ONU, la SNCF", "et|la", TRUE },
    { "l’OTSC et l'ONU, la SNCF", "l’OTSC|et|l'ONU|la|SNCF", FALSE },
    /* Domains, handles, file names, e-mails and URLs. */
    { "voir exemple.fr ou @rennes #vélo a_b fichier.txt", "voir|ou", TRUE },
    { "écrire à contact@velo-rennes.org ou https://exemple.fr/a-b?x=1 demain",
      "écrire|à|ou|demain", TRUE },
    /* Markdown code. */
    { "le `code_mot` et ```\nbloc ici\n``` fin", "le|et|fin", TRUE },
    /* Non-Latin scripts and marks are words too. */
    { "Ελλάδα naïve café", "Ελλάδα|naïve|café", TRUE },
    /* An emoji's variation selector is not a word; combining accents are
     * part of theirs. */
    { "lettre \u27A1\uFE0F ICI \U0001F44D\uFE0F fin cafe\u0301", "lettre|fin|cafe\u0301", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpureText) text = epure_text_new (cases[i].input, -1, NULL);
      g_autoptr(GString) out = g_string_new (NULL);

      add_tokens (out, cases[i].input, text, cases[i].caps ? EPURE_WORD_ITER_SKIP_CAPITALS : 0);
      g_assert_cmpstr (out->str, ==, cases[i].tokens);
    }
}

static void
test_tokenizer_invalid_and_ranges (void)
{
  const char *str = "mot \xff\xfe autre d’un";
  EpureWordIter iter;
  gsize s, e;

  /* Invalid bytes separate words, never crash. */
  epure_word_iter_init (&iter, str, 0, strlen (str), NULL, 0);
  g_assert_true (epure_word_iter_next (&iter, &s, &e));
  g_assert_cmpuint (s, ==, 0);
  g_assert_true (epure_word_iter_next (&iter, &s, &e));
  g_assert_cmpuint (e - s, ==, 5);

  /* A range ending inside a word cuts it there. */
  epure_word_iter_init (&iter, str, 13, strlen (str) - 1, NULL, 0);
  g_assert_true (epure_word_iter_next (&iter, &s, &e));
  g_assert_cmpuint (s, ==, 13);
  g_assert_cmpuint (e, ==, strlen (str) - 1);
  g_assert_false (epure_word_iter_next (&iter, &s, &e));

  /* Finding the word at an offset (the clicked word). */
  g_assert_true (epure_word_find_at (str, strlen (str), 15, 0, &s, &e));
  g_assert_cmpuint (s, ==, 13);
  g_assert_cmpuint (e, ==, strlen (str));
  g_assert_false (epure_word_find_at (str, strlen (str), 5, 0, &s, &e));

  g_assert_cmpuint (epure_word_elision_length ("qu’un", strlen ("qu’un")), ==, 5);
  g_assert_cmpuint (epure_word_elision_length ("Jusqu'ici", 9), ==, 6);
  g_assert_cmpuint (epure_word_elision_length ("l'", 2), ==, 0);
  g_assert_cmpuint (epure_word_elision_length ("aujourd’hui", strlen ("aujourd’hui")), ==, 0);
}

static void
count_changed (gpointer  instance,
               guint    *n)
{
  (*n)++;
}

static void
test_personal_dictionary (void)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  {
    g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");

    g_signal_connect (checker, "changed", G_CALLBACK (count_changed), &changed);
    g_assert_false (epure_spelling_checker_check_word (checker, "Zorglubie", -1, &error));
    g_assert_no_error (error);
    epure_spelling_checker_add_word (checker, "Zorglubie", -1);
    g_assert_cmpuint (changed, ==, 1);
    g_assert_true (epure_spelling_checker_check_word (checker, "Zorglubie", -1, NULL));
  }

  /* A new broker reads it back from the (temporary) Enchant config dir. */
  {
    g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");
    g_autoptr(EpureSpellingDictionary) dict = NULL;
    g_autoptr(EpureText) text = epure_text_new ("Les habitants de Zorglubie et d’Zorglubie.", -1, NULL);
    g_autoptr(GArray) ranges = NULL;
    g_autofree char *pwl = g_build_filename (g_getenv ("ENCHANT_CONFIG_DIR"), "fr_FR.dic", NULL);
    g_autofree char *saved = NULL;

    g_assert_true (epure_spelling_checker_check_word (checker, "Zorglubie", -1, NULL));
    /* Elided prefix fallback with a personal word, both apostrophes. */
    g_assert_true (epure_spelling_checker_check_word (checker, "d’Zorglubie", -1, NULL));
    g_assert_true (epure_spelling_checker_check_word (checker, "l'Zorglubie", -1, NULL));
    g_assert_true (epure_spelling_checker_check_word (checker, "qu’Zorglubie", -1, NULL));
    /* Not after something that is not an elision. */
    g_assert_false (epure_spelling_checker_check_word (checker, "x’Zorglubie", -1, NULL));
    ranges = epure_spelling_checker_find_misspellings (checker, text, 0, epure_text_get_length (text),
                                                       NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ranges->len, ==, 0);

    g_assert_true (g_file_get_contents (pwl, &saved, NULL, NULL));
    g_assert_nonnull (strstr (saved, "Zorglubie"));

    dict = epure_spelling_checker_get_dictionary (checker, NULL);
    epure_spelling_dictionary_remove_word (dict, "Zorglubie", -1);
    g_assert_false (epure_spelling_checker_check_word (checker, "Zorglubie", -1, NULL));
  }
}

static void
test_ignore_all (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");
  g_autoptr(EpureText) text = epure_text_new ("Le blorfin et le blorfin, l’blorfin.", -1, NULL);
  g_autoptr(GArray) before = NULL, after = NULL;
  guint changed = 0;

  g_signal_connect (checker, "changed", G_CALLBACK (count_changed), &changed);
  before = epure_spelling_checker_find_misspellings (checker, text, 0, epure_text_get_length (text), NULL, NULL);
  g_assert_cmpuint (before->len, ==, 3);
  epure_spelling_checker_ignore_word (checker, "blorfin", -1);
  g_assert_cmpuint (changed, ==, 1);
  after = epure_spelling_checker_find_misspellings (checker, text, 0, epure_text_get_length (text), NULL, NULL);
  g_assert_cmpuint (after->len, ==, 0);

  /* For the session only: another checker does not know it. */
  {
    g_autoptr(EpureSpellingChecker) other = epure_spelling_checker_new ("fr_FR");
    g_assert_false (epure_spelling_checker_check_word (other, "blorfin", -1, NULL));
  }
}

/* The second verdict comes from the cache: the same as the first, for
 * words past the on-stack key too, whatever the apostrophe, and after
 * ignoring a word has dropped every cached verdict. */
static void
test_verdict_cache (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");
  g_autoptr(GString) compound = g_string_new ("anticonstitutionnellement");
  g_autoptr(GString) nonsense = g_string_new (NULL);
  const struct { const char *word; gboolean correct; } cases[] = {
    { "maison", TRUE }, { "mazon", FALSE }, { "Maison", TRUE }, { "MAISON", TRUE },
    { "l’arrivée", TRUE }, { "lʼarrivée", TRUE }, { "l'arrivée", TRUE }, { "lʼarivée", FALSE },
  };

  for (guint i = 0; i < 3; i++)
    g_string_append (compound, "-anticonstitutionnellement");
  for (guint i = 0; i < 90; i++)
    g_string_append (nonsense, "é");
  g_assert_cmpuint (compound->len, >, 100);
  g_assert_cmpuint (nonsense->len, >, 100);

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_test_message ("round %u: %s", round, cases[i].word);
          g_assert_true (epure_spelling_checker_check_word (checker, cases[i].word, -1, NULL) == cases[i].correct);
        }
      g_assert_true (epure_spelling_checker_check_word (checker, compound->str, compound->len, NULL));
      g_assert_false (epure_spelling_checker_check_word (checker, nonsense->str, nonsense->len, NULL));
      /* Only the first len bytes are the word. */
      g_assert_true (epure_spelling_checker_check_word (checker, "maisonnette", 6, NULL));
    }

  epure_spelling_checker_ignore_word (checker, "mazon", -1);
  g_assert_true (epure_spelling_checker_check_word (checker, "mazon", -1, NULL));
  g_assert_true (epure_spelling_checker_check_word (checker, "maison", -1, NULL));
  g_assert_false (epure_spelling_checker_check_word (checker, "lʼarivée", -1, NULL));
  g_assert_false (epure_spelling_checker_check_word (checker, nonsense->str, nonsense->len, NULL));
}

static void
test_extra_words (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("fr_FR");

  /* From dictionaries/words-fr.txt. */
  g_assert_true (epure_spelling_checker_check_word (checker, "mégabassines", -1, NULL));
  g_assert_true (epure_spelling_checker_check_word (checker, "l’ubérisation", -1, NULL));
}

static void
test_options (void)
{
  EpureChecker *checker = NULL;
  g_autoptr(EpurePipeline) pipeline = spelling_pipeline (&checker);
  g_autoptr(GPtrArray) with_caps = NULL, without = NULL;
  g_autoptr(GError) error = NULL;
  const char *str = "La XQZW et la maison.";
  guint changed = 0;

  g_assert_cmpint (epure_checker_get_scope (checker), ==, EPURE_CHECKER_SCOPE_PARAGRAPH);
  without = check_text (pipeline, str);
  g_assert_cmpuint (without->len, ==, 0);

  g_signal_connect (checker, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_true (epure_checker_set_option (checker, "skip-capitals", "false", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  with_caps = check_text (pipeline, str);
  g_assert_cmpuint (with_caps->len, ==, 1);
  g_assert_cmpuint (epure_finding_get_start (g_ptr_array_index (with_caps, 0)), ==, 3);

  g_assert_true (epure_checker_set_option (checker, "language", "en_US", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  {
    g_autoptr(GPtrArray) english = check_text (pipeline, "The house, the maison.");
    g_assert_cmpuint (english->len, ==, 1);
    g_assert_cmpuint (epure_finding_get_start (g_ptr_array_index (english, 0)), ==, 15);
  }
}

static void
test_missing_language (void)
{
  g_autoptr(EpureSpellingChecker) checker = epure_spelling_checker_new ("zz_ZZ");
  g_autoptr(EpureText) text = epure_text_new ("Un mot.", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) dict_error = NULL;
  g_autoptr(EpureSpellingDictionary) dict = NULL;

  findings = epure_checker_check (EPURE_CHECKER (checker), text, NULL, &error);
  g_assert_null (findings);
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "zz_ZZ"));

  dict = epure_spelling_dictionary_new ("zz_ZZ", &dict_error);
  g_assert_null (dict);
  g_assert_error (dict_error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE);

  /* The checker recovers once the language is one that exists. */
  epure_spelling_checker_set_language (checker, NULL);
  g_assert_cmpstr (epure_spelling_checker_get_language (checker), ==, "fr_FR");
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_clear_error (&error);
  findings = epure_checker_check (EPURE_CHECKER (checker), text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_languages (void)
{
  g_auto(GStrv) langs = epure_spelling_list_languages ();
  g_autofree char *name = epure_spelling_language_name ("fr_CA");

  g_assert_true (g_strv_contains ((const char * const *) langs, "fr_FR"));
  g_assert_cmpstr (name, ==, "French (Canada)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int ret;

  /* Before the first Enchant broker: never the user's dictionaries. */
  config = g_dir_make_tmp ("epure-enchant-XXXXXX", NULL);
  g_assert_nonnull (config);
  g_setenv ("ENCHANT_CONFIG_DIR", config, TRUE);

  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/spelling/tokenizer", test_tokenizer);
  g_test_add_func ("/spelling/tokenizer-edges", test_tokenizer_invalid_and_ranges);
  g_test_add_func ("/spelling/clean-text", test_clean_text);
  g_test_add_func ("/spelling/typos-found", test_typos_found);
  g_test_add_func ("/spelling/suggest-async", test_suggest_async);
  g_test_add_func ("/spelling/suggestion-style", test_suggestion_style);
  g_test_add_func ("/spelling/context-ranks", test_context_ranks);
  g_test_add_func ("/spelling/context-keeps-tiers", test_context_keeps_tiers);
  g_test_add_func ("/spelling/context-window", test_context_window);
  g_test_add_func ("/spelling/cli-same-suggestions", test_cli_same_suggestions);
  g_test_add_func ("/spelling/near-compound", test_near_compound);
  g_test_add_func ("/spelling/personal-dictionary", test_personal_dictionary);
  g_test_add_func ("/spelling/ignore-all", test_ignore_all);
  g_test_add_func ("/spelling/verdict-cache", test_verdict_cache);
  g_test_add_func ("/spelling/extra-words", test_extra_words);
  g_test_add_func ("/spelling/options", test_options);
  g_test_add_func ("/spelling/missing-language", test_missing_language);
  g_test_add_func ("/spelling/languages", test_languages);

  ret = g_test_run ();

  /* Leave nothing behind. */
  {
    g_autoptr(GFile) dir = g_file_new_for_path (config);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                             G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;
    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  return ret;
}
