/* test-typography.c: the typography checker, reached through the plugin
 * engine like the app and the CLI reach it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure.h"
#include "typography/epure-typography-checker.h"

#define NBSP "\u00A0"
#define NNBSP "\u202F"

static EpurePipeline *
typography_pipeline (const char *profile)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "typography", NULL };
  EpurePipeline *pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  if (profile != NULL)
    {
      EpureChecker *checker = epure_pipeline_get_checker (pipeline, "typography");
      epure_checker_set_option (checker, "spaces-profile", profile, &error);
      g_assert_no_error (error);
    }
  return pipeline;
}

static char *
clean_with (EpurePipeline *pipeline,
            const char    *input,
            guint         *n_changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new (input, -1, &error);
  char *out;

  g_assert_no_error (error);
  out = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, n_changes, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static char *
clean (const char *input)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  return clean_with (pipeline, input, NULL);
}

static GPtrArray *
check (EpurePipeline *pipeline,
       const char    *input)
{
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return findings;
}

/* The letters and digits of a text, in order: what cleaning must keep. */
static char *
letters_of (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/* How many of ; : ! ? have a space before them. */
static guint
count_spaced_high_punctuation (const char *s)
{
  guint n = 0;
  gunichar prev = 0;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if ((c == ';' || c == ':' || c == '!' || c == '?') && is_space_char (prev))
        n++;
      prev = c;
    }
  return n;
}

static void
assert_guarantees (EpurePipeline *pipeline,
                   const char    *input)
{
  g_autofree char *once = clean_with (pipeline, input, NULL);
  g_autofree char *twice = NULL;
  g_autofree char *letters_in = letters_of (input);
  g_autofree char *letters_out = NULL;

  if (!g_utf8_validate (once, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (input, NULL);
      g_test_message ("invalid output for: %s", escaped);
    }
  g_assert_true (g_utf8_validate (once, -1, NULL));
  twice = clean_with (pipeline, once, NULL);
  letters_out = letters_of (once);

  if (g_strcmp0 (once, twice) != 0)
    {
      g_autofree char *e1 = g_strescape (input, NULL);
      g_autofree char *e2 = g_strescape (once, NULL);
      g_autofree char *e3 = g_strescape (twice, NULL);
      g_test_message ("not idempotent on: %s\n once: %s\ntwice: %s", e1, e2, e3);
    }
  g_assert_cmpstr (once, ==, twice);
  if (g_strcmp0 (letters_in, letters_out) != 0)
    {
      g_autofree char *e1 = g_strescape (input, NULL);
      g_autofree char *e2 = g_strescape (once, NULL);
      g_test_message ("letters changed on: %s\n     to: %s", e1, e2);
    }
  g_assert_cmpstr (letters_in, ==, letters_out);
  if (count_spaced_high_punctuation (once) < count_spaced_high_punctuation (input))
    {
      g_autofree char *e1 = g_strescape (input, NULL);
      g_autofree char *e2 = g_strescape (once, NULL);
      g_test_message ("space before ; : ! ? lost on: %s\n     to: %s", e1, e2);
    }
  g_assert_cmpuint (count_spaced_high_punctuation (once), >=, count_spaced_high_punctuation (input));
}

static void
test_issue_example (void)
{
  g_autofree char *out = clean (
    "Ceux qui mettent en place « résistance armée » à la police, sera \"éliminé,\" il a prévenu.\n"
    "qualifié les troubles d'un \"attaque terroriste\" contre le pays\n"
    "l'ONU appelle à \"s'abstenir de violence\"\n");

  g_assert_cmpstr (out, ==,
    "Ceux qui mettent en place «" NBSP "résistance armée" NBSP "» à la police, sera «" NBSP "éliminé" NBSP "», il a prévenu.\n"
    "qualifié les troubles d’un «" NBSP "attaque terroriste" NBSP "» contre le pays\n"
    "l’ONU appelle à «" NBSP "s’abstenir de violence" NBSP "»\n");
}

/* Fixtures: see the header of tests/fixtures/typography/cases.tsv. */

static char *
unescape (const char *field)
{
  GString *out = g_string_new (NULL);

  for (const char *p = field; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            default: g_string_append_c (out, *p); break;
            }
        }
      else if (*p == '~')
        g_string_append (out, NBSP);
      else if (*p == '^')
        g_string_append (out, NNBSP);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_fixtures (void)
{
  g_autofree char *path = g_build_filename (TYPOGRAPHY_FIXTURES, "cases.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  guint n_cases = 0, n_unchanged = 0, n_failed = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* Some cases need the exceptions list (Yahoo!) from dictionaries/. */
  {
    g_autofree char *exceptions = epure_find_dictionary_file ("typography-exceptions-fr.txt");
    g_assert_nonnull (exceptions);
  }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) fields = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *again = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (g_str_has_prefix (line, "@profile "))
        {
          g_clear_object (&pipeline);
          pipeline = typography_pipeline (line + strlen ("@profile "));
          continue;
        }

      fields = g_strsplit (line, "\t", 2);
      if (fields[1] == NULL)
        g_error ("cases.tsv:%u: no tab", i + 1);
      before = unescape (fields[0]);
      after = g_strcmp0 (fields[1], "=") == 0 ? g_strdup (before) : unescape (fields[1]);
      if (g_strcmp0 (fields[1], "=") == 0)
        n_unchanged++;
      n_cases++;

      out = clean_with (pipeline, before, NULL);
      again = clean_with (pipeline, after, NULL);
      if (g_strcmp0 (out, after) != 0 || g_strcmp0 (again, after) != 0)
        {
          g_test_message ("cases.tsv:%u\n   input: %s\nexpected: %s\n     got: %s\n   again: %s",
                          i + 1, before, after, out, again);
          n_failed++;
        }
      assert_guarantees (pipeline, before);
    }

  g_test_message ("%u cases, %u that must stay unchanged", n_cases, n_unchanged);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (n_cases, >=, 150);
}


static EpureFinding *
find_rule (GPtrArray  *findings,
           const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (epure_finding_get_rule_id (g_ptr_array_index (findings, i)), rule) == 0)
      return g_ptr_array_index (findings, i);
  return NULL;
}

static void
test_findings (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autoptr(GPtrArray) findings = check (pipeline, "Il a dit \"oui\" et l'a fait ; \"bref");
  EpureFinding *f;

  g_assert_cmpuint (epure_pipeline_get_scope (pipeline), ==, EPURE_CHECKER_SCOPE_PARAGRAPH);

  f = find_rule (findings, "typography.straight-quotes");
  g_assert_nonnull (f);
  g_assert_cmpstr (epure_finding_get_checker_id (f), ==, "typography");
  g_assert_cmpstr (epure_finding_get_category (f), ==, EPURE_CATEGORY_TYPOGRAPHY);
  g_assert_true (epure_finding_get_automatic (f));
  g_assert_cmpstr (epure_finding_get_replacements (f)[0], ==, "«" NBSP);
  g_assert_cmpuint (epure_finding_get_start (f), ==, 9);

  f = find_rule (findings, "typography.apostrophe");
  g_assert_nonnull (f);
  g_assert_cmpstr (epure_finding_get_replacements (f)[0], ==, "’");

  f = find_rule (findings, "typography.space-before-punctuation");
  g_assert_nonnull (f);
  g_assert_cmpstr (epure_finding_get_replacements (f)[0], ==, NNBSP ";");

  /* The last quote has no partner: flagged with a reason, not automatic. */
  f = find_rule (findings, "typography.unpaired-quote");
  g_assert_nonnull (f);
  g_assert_false (epure_finding_get_automatic (f));
  g_assert_cmpuint (epure_finding_get_replacements (f)[0] != NULL, ==, TRUE);
  g_assert_cmpstr (epure_finding_get_message (f), ==, "Opening quote without a closing one");

  /* Every finding carries a replacement and a stable typography.* id. */
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *g = g_ptr_array_index (findings, i);
      g_assert_true (g_str_has_prefix (epure_finding_get_rule_id (g), "typography."));
      g_assert_nonnull (epure_finding_get_replacements (g)[0]);
    }
}

static void
test_foreign_paragraph_flagged (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autoptr(GPtrArray) findings = check (pipeline, "He said \"I don't know\" and left the room.");

  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    g_assert_false (epure_finding_get_automatic (g_ptr_array_index (findings, i)));
}

static void
count_signal (guint *counter)
{
  (*counter)++;
}

static void
test_profiles (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(EpureChecker) checker = epure_plugin_engine_create_checker (engine, "typography", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GEnumClass) klass = NULL;
  guint changed = 0;
  int profile = -1;

  g_assert_nonnull (checker);
  g_signal_connect_swapped (checker, "changed", G_CALLBACK (count_signal), &changed);

  g_object_get (checker, "spaces-profile", &profile, NULL);
  klass = g_type_class_ref (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (G_OBJECT_GET_CLASS (checker),
                                                                                   "spaces-profile")));
  g_assert_cmpstr (g_enum_get_value (klass, profile)->value_nick, ==, "france");

  g_assert_true (epure_checker_set_option (checker, "spaces-profile", "narrow", &error));
  g_assert_no_error (error);
  g_object_get (checker, "spaces-profile", &profile, NULL);
  g_assert_cmpstr (g_enum_get_value (klass, profile)->value_nick, ==, "narrow");
  g_assert_cmpuint (changed, ==, 1);

  /* Setting the same value again re-checks nothing. */
  g_assert_true (epure_checker_set_option (checker, "spaces-profile", "narrow", &error));
  g_assert_cmpuint (changed, ==, 1);

  g_assert_false (epure_checker_set_option (checker, "spaces-profile", "italic", &error));
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION);
}

static void
test_peer_elimine (void)
{
  /* Grammalecte and Typograf half-convert this or leave the comma inside. */
  g_autofree char *out = clean ("sera \"éliminé,\" il a prévenu");
  g_assert_cmpstr (out, ==, "sera «" NBSP "éliminé" NBSP "», il a prévenu");
}

static void
test_peer_orphan_guillemet (void)
{
  /* Typograf reads every quote after an orphan « as a nested ‹ ›. */
  g_autofree char *out = clean ("« Un orphelin. Puis \"un\", \"deux\" et \"trois\".");
  g_assert_cmpstr (out, ==, "« Un orphelin. Puis «" NBSP "un" NBSP "», «" NBSP "deux" NBSP "» et «"
                   NBSP "trois" NBSP "».");
  g_assert_null (strstr (out, "‹"));
  g_assert_null (strstr (out, "“"));
}

static void
test_peer_spaces_kept (void)
{
  /* Spaces before ; : ! ? are normalised, never deleted. */
  g_autofree char *out = clean ("Quoi ? Oui ! Non ; bref : fin\u00A0! Ah\u202F? Eh  !");
  g_assert_cmpstr (out, ==, "Quoi" NNBSP "? Oui" NNBSP "! Non" NNBSP "; bref" NBSP ": fin" NNBSP "! Ah"
                   NNBSP "? Eh" NNBSP "!");
}

static void
test_peer_code_and_urls (void)
{
  const char *inputs[] = {
    "printf(\"%d\", x)",
    "Appelez printf(\"%d\", x) puis sortez.",
    "Voir https://exemple.fr/page?q=l'été&x=\"a\":b;c!d",
    "Voir http://exemple.fr/a?b=c&d=e, puis https://www.exemple.org/x?y=1.",
    "`l'objet \"x\" : y`",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *out = clean (inputs[i]);
      g_assert_cmpstr (out, ==, inputs[i]);
    }
}

/* The scanners skip 16 bytes at a time, looking past characters whose
 * first byte a rule's starts with (no-break spaces, ’, …, «): each rule's
 * text, put at every offset of a block after a run of those, and at the
 * paragraph's very end, is still found. */
static void
test_any_offset (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "dit \"oui\" et", "dit «" NBSP "oui" NBSP "» et" },
    { "dit “oui” et", "dit «" NBSP "oui" NBSP "» et" },
    { "dit <<oui>> et", "dit «" NBSP "oui" NBSP "» et" },
    { "dit «oui» et", "dit «" NBSP "oui" NBSP "» et" },
    { "l'armée", "l’armée" },
    { "l´armée", "l’armée" },
    { "l‘armée", "l’armée" },
    { "a  b", "a b" },
    { "un ; deux", "un" NNBSP "; deux" },
    { "un , deux", "un, deux" },
    { "un... deux", "un… deux" },
    { "un -- deux", "un — deux" },
    { "de 1 000 euros", "de 1" NNBSP "000 euros" },
    { "de 1" NBSP "000 euros", "de 1" NNBSP "000 euros" },
  };
  /* Unchanged by cleaning, and starting with the same bytes as the rules'. */
  const char *filler = "l’été" NBSP "à" NNBSP "…";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint n = 0; n < 40; n++)
      for (guint at_end = 0; at_end < 2; at_end++)
        {
          g_autoptr(GString) in = g_string_new ("Voilà");
          g_autoptr(GString) want = NULL;
          g_autofree char *out = NULL;

          for (guint k = 0; k < n; k++)
            g_string_append (in, k % 2 ? filler : "é");
          g_string_append_c (in, ' ');
          want = g_string_new (in->str);
          g_string_append (in, cases[i].in);
          g_string_append (want, cases[i].out);
          if (!at_end)
            {
              g_string_append (in, " puis la fin du paragraphe, assez longue pour un bloc.");
              g_string_append (want, " puis la fin du paragraphe, assez longue pour un bloc.");
            }
          out = clean (in->str);
          g_assert_cmpstr (out, ==, want->str);
        }
}

/* A Markdown document keeps its indented code and its link titles as
 * written (they are syntax); its prose around them is cleaned.  The same
 * text as plain text is all prose. */
static void
test_markdown_code_and_links (void)
{
  const char *input =
    "Il a dit \"oui\" : voir [la page](https://exemple.fr \"Le titre\") , puis.\n"
    "\n"
    "    print(\"l'été\")\n"
    "    echo \"l'été\" ; exit\n"
    "\n"
    "Elle a dit \"non\".\n";
  const char *expected =
    "Il a dit " "\u00AB" NBSP "oui" NBSP "\u00BB" NBSP ": voir [la page](https://exemple.fr \"Le titre\"), puis.\n"
    "\n"
    "    print(\"l'été\")\n"
    "    echo \"l'été\" ; exit\n"
    "\n"
    "Elle a dit " "\u00AB" NBSP "non" NBSP "\u00BB" ".\n";
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autoptr(EpureText) md = epure_text_new (input, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *md_out = NULL;
  g_autofree char *plain_out = clean (input);
  g_autoptr(GPtrArray) findings = NULL;

  epure_text_set_syntax (md, EPURE_TEXT_SYNTAX_MARKDOWN);
  md_out = epure_pipeline_clean (pipeline, md, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (md_out, ==, expected);

  /* Nothing is flagged inside the code or the link either. */
  findings = epure_pipeline_check (pipeline, md, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      g_assert_false (epure_text_overlaps_verbatim (md, epure_finding_get_start (f), epure_finding_get_end (f)));
    }

  g_assert_null (strstr (plain_out, "\"Le titre\""));
  g_assert_null (strstr (plain_out, "echo \"l'été\" ; exit"));
}

static void
test_peer_idempotent_quoi_vraiment (void)
{
  g_autofree char *once = clean ("Quoi?Vraiment");
  g_autofree char *twice = clean (once);

  g_assert_cmpstr (once, ==, "Quoi" NNBSP "? Vraiment");
  g_assert_cmpstr (twice, ==, once);
}

/* Generated inputs: fragments of French prose, punctuation, quotes,
 * spaces, URLs, code and other scripts, in random order. */
static const char *fragments[] = {
  "le", "chat", "l'armée", "aujourd'hui", "Élise", "été", "ça", "œuvre", "12", "5'10\"", "15\"",
  "\"", "\"", "«", "»", "“", "”", "„", "<<", ">>", "'", "’", "´", "‘",
  ",", ".", ";", ":", "!", "?", "?!", "...", "…", "--", "—", "–", "(", ")", "[", "]",
  " ", " ", " ", " ", "  ", "\u00A0", "\u202F", "\t", "\n", "\n\n", "\r\n",
  "12:30", ":)", ";-)", "https://exemple.fr/a?b='c'&d=\"e\"", "jean@exemple.fr", "`code \"x\"`",
  "printf(\"%d\", x)", "```\nbloc \"x\" ; y\n```\n", "Привет", "日本語", "مرحبا", "😀", "e\u0301",
  "the", "and", "don't", "you", "Quoi?Vraiment", "[…]", " ... ", "&amp;", "a != b", "x << 2",
  "1", "000", "345", "1 000", "12 000", " ", "A4", "3,5", "=",
};

static char *
generate_text (guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, fragments[g_test_rand_int_range (0, G_N_ELEMENTS (fragments))]);
  return g_string_free (out, FALSE);
}

static gunichar
random_char (void)
{
  static const gunichar ranges[][2] = {
    { 0x20, 0x7E }, { 0x20, 0x7E }, { 0x20, 0x7E }, { 0xA0, 0x17F }, { 0x2000, 0x206F },
    { 0x0400, 0x04FF }, { 0x0600, 0x06FF }, { 0x3040, 0x30FF }, { 0x1F600, 0x1F64F }, { 0x0300, 0x036F },
  };
  guint r = g_test_rand_int_range (0, G_N_ELEMENTS (ranges));
  gunichar c = g_test_rand_int_range (ranges[r][0], ranges[r][1] + 1);

  if (g_test_rand_int_range (0, 10) == 0)
    {
      static const gunichar marks[] = { '\n', '"', '\'', 0xAB, 0xBB, ' ', '.', ',', ';', ':', '!', '?' };
      return marks[g_test_rand_int_range (0, G_N_ELEMENTS (marks))];
    }
  return c;
}

static char *
random_text (guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_unichar (out, random_char ());
  return g_string_free (out, FALSE);
}

/* Random bytes, made valid the way a front end would (invalid UTF-8 is
 * refused by EpureText, which must say so). */
static char *
random_bytes_text (guint n)
{
  g_autofree char *bytes = g_malloc (n + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = NULL;
  GString *valid;

  for (guint i = 0; i < n; i++)
    {
      int b = g_test_rand_int_range (1, 256);
      bytes[i] = b < 0x20 && b != '\n' ? ' ' : (char) b;
    }
  bytes[n] = '\0';

  text = epure_text_new (bytes, n, &error);
  if (text == NULL)
    g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);

  valid = g_string_new (NULL);
  {
    g_autofree char *made = g_utf8_make_valid (bytes, n);
    g_string_append (valid, made);
  }
  return g_string_free (valid, FALSE);
}

static void
test_properties (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  guint rounds = g_test_thorough () ? 5000 : 600;

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *generated = generate_text (g_test_rand_int_range (1, 60));
      g_autofree char *random = random_text (g_test_rand_int_range (1, 80));
      g_autofree char *bytes = random_bytes_text (g_test_rand_int_range (1, 80));

      assert_guarantees (pipeline, generated);
      assert_guarantees (pipeline, random);
      assert_guarantees (pipeline, bytes);
    }
}

/* Streaming: cleaning paragraph by paragraph (split after blank lines)
 * gives the same bytes as cleaning the whole text, which is what lets the
 * CLI process huge inputs in bounded memory. */
static void
test_streaming (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autofree char *path = g_build_filename (TYPOGRAPHY_FIXTURES, "article.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(GString) pieces = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *p, *start;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  whole = clean_with (pipeline, contents, NULL);
  g_assert_cmpstr (whole, !=, contents);

  start = p = contents;
  while (*p)
    {
      /* A chunk ends after a blank line. */
      const char *nl = strchr (p, '\n');
      if (nl == NULL)
        break;
      p = nl + 1;
      if (*p == '\n' || (*p == '\r' && p[1] == '\n'))
        {
          while (*p == '\n' || *p == '\r')
            p++;
          {
            g_autofree char *chunk = g_strndup (start, p - start);
            g_autofree char *out = clean_with (pipeline, chunk, NULL);
            g_string_append (pieces, out);
          }
          start = p;
        }
    }
  if (*start)
    {
      g_autofree char *out = clean_with (pipeline, start, NULL);
      g_string_append (pieces, out);
    }

  g_assert_cmpstr (pieces->str, ==, whole);
}

static void
test_large_multibyte (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *out = NULL;
  guint n = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append (in, "Élise a dit \"ça\" à l'œuvre ; 日本語 !\n");
      g_string_append (expected, "Élise a dit «" NBSP "ça" NBSP "» à l’œuvre" NNBSP "; 日本語" NNBSP "!\n");
      if (i % 7 == 6)
        {
          g_string_append (in, "\n");
          g_string_append (expected, "\n");
        }
    }
  out = clean_with (pipeline, in->str, &n);
  g_assert_cmpstr (out, ==, expected->str);
  /* Clean makes one edit per paragraph; asked for the passes (to carry a
   * structure along), one per fix, to the same text. */
  g_assert_cmpuint (n, ==, 20000 / 7 + 1);
  {
    g_autoptr(EpureText) text = epure_text_new (in->str, in->len, NULL);
    g_autoptr(GPtrArray) passes = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *each = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n, NULL, NULL,
                                                  &passes, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (each, ==, expected->str);
    g_assert_cmpuint (n, ==, 20000 * 5);
    g_assert_cmpuint (passes->len, ==, 1);
  }
}

/* With the other always-on checker in the same pipeline (as epure-cli
 * runs them by default), cleaning still settles in one go. */
static void
test_with_whitespace (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "whitespace", "typography", NULL };
  g_autoptr(EpurePipeline) pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_autofree char *path = g_build_filename (TYPOGRAPHY_FIXTURES, "article.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;

  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  once = clean_with (pipeline, contents, NULL);
  twice = clean_with (pipeline, once, NULL);
  g_assert_cmpstr (once, ==, twice);
  g_assert_nonnull (strstr (once, "«" NBSP "durcir le mouvement" NBSP "»,"));

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *generated = generate_text (g_test_rand_int_range (1, 60));
      assert_guarantees (pipeline, generated);
    }
}

/* Every message of the checker has a French translation in po/fr.po. */
static void
test_translations (void)
{
  g_autofree char *source_path = g_build_filename (SOURCE_ROOT, "plugin", "typography",
                                                   "epure-typography-checker.c", NULL);
  g_autofree char *po_path = g_build_filename (SOURCE_ROOT, "po", "fr.po", NULL);
  g_autofree char *source = NULL;
  g_autofree char *po = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (source_path, &source, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (po_path, &po, NULL, &error);
  g_assert_no_error (error);

  for (const char *p = source; (p = strstr (p, "_(\"")) != NULL; )
    {
      const char *start = p + 3;
      const char *end = strchr (start, '"');
      g_autofree char *msgid = g_strdup_printf ("msgid \"%.*s\"\nmsgstr \"", (int) (end - start), start);
      const char *entry = strstr (po, msgid);

      if (entry == NULL || entry[strlen (msgid)] == '"')
        g_test_message ("no French for: %.*s", (int) (end - start), start);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry[strlen (msgid)], !=, '"');
      n++;
      p = end;
    }
  g_assert_cmpuint (n, >=, 20);
}

/* Clean trusting the checker's settled edits (one pass where it says so)
 * gives the same bytes as clean checking again after every pass; and where fix_settled() reports nothing unsettled, fixing the
 * fixed text finds nothing. */
static void
assert_settled_same (EpurePipeline *skip,
                     EpurePipeline *full,
                     const char    *input,
                     guint         *n_settled,
                     guint         *n_unsettled)
{
  EpureChecker *checker = epure_pipeline_get_checker (skip, "typography");
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GArray) unsettled = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint na = 0, nb = 0;

  if (text == NULL)
    return;
  a = clean_with (skip, input, &na);
  b = clean_with (full, input, &nb);
  g_assert_cmpstr (a, ==, b);
  /* A paragraph's fixes are one edit when trusted, one each otherwise. */
  g_assert_cmpuint (na, <=, nb);
  g_assert_true ((na == 0) == (nb == 0));

  edits = epure_checker_fix_settled (checker, text, EPURE_DEFAULT_MIN_CONFIDENCE, unsettled, NULL, &error);
  g_assert_no_error (error);
  if (edits->len > 0 && unsettled->len > 0)
    (*n_unsettled)++;
  if (edits->len > 0 && unsettled->len == 0)
    {
      (*n_settled)++;
      gsize len, fixed_len;
      const char *s = epure_text_get_string (text, &len);
      g_autofree char *fixed = epure_edits_apply (s, len, edits, &fixed_len, &error);
      g_autoptr(EpureText) next = NULL;
      g_autoptr(GPtrArray) again = NULL;

      g_assert_no_error (error);
      next = epure_text_new (fixed, fixed_len, &error);
      g_assert_no_error (error);
      again = epure_checker_fix (checker, next, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->len, ==, 0);
    }
}

static void
test_settled (void)
{
  g_autoptr(EpurePipeline) skip = typography_pipeline (NULL);
  g_autoptr(EpurePipeline) full = typography_pipeline (NULL);
  g_autofree char *path = g_build_filename (TYPOGRAPHY_FIXTURES, "cases.tsv", NULL);
  g_autofree char *article_path = g_build_filename (TYPOGRAPHY_FIXTURES, "article.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *article = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint rounds = g_test_thorough () ? 3000 : 400;
  guint n_settled = 0, n_unsettled = 0;

  epure_pipeline_set_recheck_settled (full, TRUE);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *before = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (g_str_has_prefix (lines[i], "@profile "))
        {
          g_clear_object (&skip);
          g_clear_object (&full);
          skip = typography_pipeline (lines[i] + strlen ("@profile "));
          full = typography_pipeline (lines[i] + strlen ("@profile "));
          epure_pipeline_set_recheck_settled (full, TRUE);
          continue;
        }
      fields = g_strsplit (lines[i], "\t", 2);
      before = unescape (fields[0]);
      assert_settled_same (skip, full, before, &n_settled, &n_unsettled);
      if (g_strcmp0 (fields[1], "=") != 0)
        {
          g_autofree char *after = unescape (fields[1]);
          assert_settled_same (skip, full, after, &n_settled, &n_unsettled);
        }
    }

  g_clear_object (&skip);
  g_clear_object (&full);
  skip = typography_pipeline (NULL);
  full = typography_pipeline (NULL);
  epure_pipeline_set_recheck_settled (full, TRUE);

  g_file_get_contents (article_path, &article, NULL, &error);
  g_assert_no_error (error);
  assert_settled_same (skip, full, article, &n_settled, &n_unsettled);

  /* Fixes that take a space away next to addresses and links, where the
   * paragraph as fixed is read again with its verbatim spans. */
  for (const char * const *t = (const char *[]) {
         "Écrivez à nom@exemple .fr , ou voyez www .exemple.fr .\n",
         "Voir http://exemple.fr/?q=\"a\" , puis \"b\" .\n",
         "Le site www.exemple.fr , \"dit-il\" , ferme .\n",
         /* A code block with an empty line: its paragraphs do not read
          * alone, and are checked again. */
         "```\nun \"code\"\n\nsuite\n```\nIl dit \"oui\" .\n",
         NULL }; *t != NULL; t++)
    assert_settled_same (skip, full, *t, &n_settled, &n_unsettled);

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *generated = generate_text (g_test_rand_int_range (1, 60));
      g_autofree char *random = random_text (g_test_rand_int_range (1, 80));
      g_autofree char *bytes = random_bytes_text (g_test_rand_int_range (1, 80));

      assert_settled_same (skip, full, generated, &n_settled, &n_unsettled);
      assert_settled_same (skip, full, random, &n_settled, &n_unsettled);
      assert_settled_same (skip, full, bytes, &n_settled, &n_unsettled);
    }

  /* Both ways were taken: texts fixed in one pass, and texts re-checked. */
  g_test_message ("%u texts settled in one pass, %u re-checked", n_settled, n_unsettled);
  g_assert_cmpuint (n_settled, >, 0);
  g_assert_cmpuint (n_unsettled, >, 0);
}

/* A paragraph that takes two passes to settle (the straight quotes next
 * to a guillemet are read again once converted) gets them both at once
 * from fix_settled(): the edits it returns give the cleaned text, where
 * one fix() pass leaves work for the next. */
static void
test_settled_passes (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  EpureChecker *checker = epure_pipeline_get_checker (pipeline, "typography");
  const char *input = "Un schéma «\"basic\" (non-sécurisé), \"digest\" ou autre.\n";
  const char *expected = "Un schéma «\u00a0basic\u00a0» (non-sécurisé), «\u00a0digest\u00a0» ou autre.\n";
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GArray) unsettled = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) settled = NULL;
  g_autoptr(GPtrArray) once = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cleaned = NULL;
  g_autofree char *after_once = NULL;
  g_autofree char *by_pipeline = NULL;
  guint n;

  settled = epure_checker_fix_settled (checker, text, EPURE_DEFAULT_MIN_CONFIDENCE, unsettled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unsettled->len, ==, 0);
  cleaned = epure_edits_apply (input, strlen (input), settled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cleaned, ==, expected);

  once = epure_checker_fix (checker, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &error);
  g_assert_no_error (error);
  after_once = epure_edits_apply (input, strlen (input), once, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after_once, !=, expected);

  by_pipeline = clean_with (pipeline, input, &n);
  g_assert_cmpstr (by_pipeline, ==, expected);
}

/* A paragraph holding an address, a link or code is settled in one pass
 * too, when its spans read the same alone and its fixes leave them be;
 * not when a span reaches past it. */
static void
test_settled_with_spans (void)
{
  g_autoptr(EpurePipeline) skip = typography_pipeline (NULL);
  g_autoptr(EpurePipeline) full = typography_pipeline (NULL);
  EpureChecker *checker = epure_pipeline_get_checker (skip, "typography");
  const struct { const char *text; gboolean settled; } cases[] = {
    { "Voir https://exemple.fr/recherche?q=1 : c'est l'adresse.\n", TRUE },
    { "Écrivez à nom@exemple.fr ; l'équipe répond vite !\n", TRUE },
    { "Tapez `ls -l` puis \"Entrée\" ...\n\nVoir aussi https://exemple.fr/a.\n", TRUE },
    { "Il a dit \"éliminé,\" sur https://exemple.fr/x?y=\"z\" hier.\n", TRUE },
    /* The fence holds an empty line: its paragraphs do not read alone. */
    { "```\nun \"code\"\n\nsuite\n```\nIl dit \"oui\" .\n", FALSE },
  };
  guint n_settled = 0, n_unsettled = 0;

  epure_pipeline_set_recheck_settled (full, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EpureText) text = epure_text_new (cases[i].text, -1, NULL);
      g_autoptr(GArray) unsettled = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autoptr(GPtrArray) edits = NULL;
      g_autoptr(GError) error = NULL;
      guint n_spans;

      epure_text_get_verbatim_spans (text, &n_spans);
      g_assert_cmpuint (n_spans, >, 0);
      edits = epure_checker_fix_settled (checker, text, EPURE_DEFAULT_MIN_CONFIDENCE, unsettled, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (edits->len, >, 0);
      g_assert_cmpint (unsettled->len == 0, ==, cases[i].settled);
      assert_settled_same (skip, full, cases[i].text, &n_settled, &n_unsettled);
    }
}

/* The typography checker without its fix() fast path, so that a pipeline
 * of it cleans through findings: check → automatic → create_edits. */
#define TEST_TYPE_FINDINGS_ONLY (test_findings_only_get_type ())
G_DECLARE_FINAL_TYPE (TestFindingsOnly, test_findings_only, TEST, FINDINGS_ONLY, GObject)

struct _TestFindingsOnly
{
  GObject parent_instance;
  EpureChecker *inner;
};

static const char *
findings_only_get_id (EpureChecker *checker)
{
  return epure_checker_get_id (TEST_FINDINGS_ONLY (checker)->inner);
}

static EpureCheckerScope
findings_only_get_scope (EpureChecker *checker)
{
  return epure_checker_get_scope (TEST_FINDINGS_ONLY (checker)->inner);
}

static GPtrArray *
findings_only_check (EpureChecker  *checker,
                     EpureText     *text,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return epure_checker_check (TEST_FINDINGS_ONLY (checker)->inner, text, cancellable, error);
}

static void
findings_only_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = findings_only_get_id;
  iface->get_scope = findings_only_get_scope;
  iface->check = findings_only_check;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFindingsOnly, test_findings_only, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, findings_only_iface_init))

static void
test_findings_only_finalize (GObject *object)
{
  g_clear_object (&TEST_FINDINGS_ONLY (object)->inner);
  G_OBJECT_CLASS (test_findings_only_parent_class)->finalize (object);
}

static void
test_findings_only_class_init (TestFindingsOnlyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_findings_only_finalize;
}

static void
test_findings_only_init (TestFindingsOnly *self)
{
}

/* A pipeline that cleans through findings, with the same checker. */
static EpurePipeline *
findings_route_of (EpurePipeline *pipeline)
{
  EpurePipeline *slow = epure_pipeline_new ();
  TestFindingsOnly *wrapper = g_object_new (TEST_TYPE_FINDINGS_ONLY, NULL);

  wrapper->inner = g_object_ref (epure_pipeline_get_checker (pipeline, "typography"));
  g_assert_false (epure_checker_has_fix (EPURE_CHECKER (wrapper)));
  epure_pipeline_add_checker (slow, EPURE_CHECKER (wrapper));
  g_object_unref (wrapper);
  return slow;
}

static void
assert_routes_same (EpurePipeline *fast,
                    EpurePipeline *slow,
                    const char    *input)
{
  guint n_fast = 0, n_slow = 0;
  g_autofree char *by_edits = clean_with (fast, input, &n_fast);
  g_autofree char *by_findings = clean_with (slow, input, &n_slow);

  if (g_strcmp0 (by_edits, by_findings) != 0)
    {
      g_autofree char *e = g_strescape (input, NULL);
      g_test_message ("routes differ on: %s", e);
    }
  g_assert_cmpstr (by_edits, ==, by_findings);
  g_assert_true ((n_fast == 0) == (n_slow == 0));

  /* Asked for its passes, clean makes an edit a fix: the same ones. */
  {
    g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
    g_autoptr(GPtrArray) passes = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *each = NULL;
    guint n_each = 0;

    each = epure_pipeline_clean (fast, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n_each, NULL, NULL, &passes, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (each, ==, by_findings);
    g_assert_cmpuint (n_each, ==, n_slow);
  }
}

/* epure_pipeline_clean() takes the checker's fix() when every checker has
 * one: the same bytes as through findings, and the same changes when
 * asked for them one by one, on every fixture
 * (under its profile), the article, generated and random text. */
static void
test_fix_route (void)
{
  g_autofree char *cases_path = g_build_filename (TYPOGRAPHY_FIXTURES, "cases.tsv", NULL);
  g_autofree char *article_path = g_build_filename (TYPOGRAPHY_FIXTURES, "article.txt", NULL);
  g_autofree char *cases = NULL;
  g_autofree char *article = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(EpurePipeline) fast = typography_pipeline (NULL);
  g_autoptr(EpurePipeline) slow = findings_route_of (fast);
  g_autoptr(GString) all = g_string_new (NULL);
  guint n_cases = 0;

  g_assert_true (epure_checker_has_fix (epure_pipeline_get_checker (fast, "typography")));

  g_file_get_contents (cases_path, &cases, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (article_path, &article, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (cases, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (g_str_has_prefix (lines[i], "@profile "))
        {
          g_clear_object (&slow);
          g_clear_object (&fast);
          fast = typography_pipeline (lines[i] + strlen ("@profile "));
          slow = findings_route_of (fast);
          continue;
        }
      fields = g_strsplit (lines[i], "\t", 2);
      for (guint f = 0; f < 2 && fields[f] != NULL; f++)
        if (g_strcmp0 (fields[f], "=") != 0)
          {
            g_autofree char *text = unescape (fields[f]);
            assert_routes_same (fast, slow, text);
            g_string_append (all, text);
            g_string_append (all, f == 0 ? " " : "\n\n");
          }
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 150);

  g_clear_object (&slow);
  g_clear_object (&fast);
  fast = typography_pipeline (NULL);
  slow = findings_route_of (fast);
  assert_routes_same (fast, slow, article);
  assert_routes_same (fast, slow, all->str);

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *generated = generate_text (g_test_rand_int_range (1, 120));
      g_autofree char *random = random_text (g_test_rand_int_range (1, 120));
      g_autofree char *bytes = random_bytes_text (g_test_rand_int_range (1, 120));

      assert_routes_same (fast, slow, generated);
      assert_routes_same (fast, slow, random);
      assert_routes_same (fast, slow, bytes);
    }
}

/* A text large enough to be checked by several threads gives the same
 * findings and the same cleaning as its pieces checked one by one (each
 * by one thread). */
static void
test_parallel (void)
{
  g_autoptr(EpurePipeline) pipeline = typography_pipeline (NULL);
  g_autofree char *path = g_build_filename (TYPOGRAPHY_FIXTURES, "article.txt", NULL);
  g_autofree char *article = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GString) pieces = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *whole = NULL;
  guint n_piece_findings = 0;
  gsize start = 0;

  g_file_get_contents (path, &article, NULL, &error);
  g_assert_no_error (error);
  while (big->len < 3 * 1024 * 1024)
    {
      g_autofree char *generated = generate_text (g_test_rand_int_range (1, 200));

      /* A code fence left open runs to the end of the text, across the
       * pieces: only whole-text checking can see that. */
      g_strdelimit (generated, "`", '\'');
      g_string_append (big, article);
      g_string_append (big, "\n\n");
      g_string_append (big, generated);
      g_string_append (big, "\n\n");
    }

  text = epure_text_new (big->str, big->len, &error);
  g_assert_no_error (error);
  findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
  g_assert_no_error (error);
  whole = clean_with (pipeline, big->str, NULL);

  /* Pieces of about 256 KiB, cut after empty lines: one thread each. */
  while (start < big->len)
    {
      const char *cut = start + 256 * 1024 < big->len ? strstr (big->str + start + 256 * 1024, "\n\n") : NULL;
      gsize end = cut != NULL ? (gsize) (cut - big->str) + 2 : big->len;
      g_autofree char *piece = g_strndup (big->str + start, end - start);
      g_autofree char *cleaned = clean_with (pipeline, piece, NULL);
      g_autoptr(GPtrArray) found = check (pipeline, piece);

      g_string_append (pieces, cleaned);
      for (guint i = 0; i < found->len; i++)
        {
          EpureFinding *a = g_ptr_array_index (found, i);
          EpureFinding *b = g_ptr_array_index (findings, n_piece_findings + i);

          g_assert_cmpuint (epure_finding_get_start (a) + start, ==, epure_finding_get_start (b));
          g_assert_cmpuint (epure_finding_get_end (a) + start, ==, epure_finding_get_end (b));
          g_assert_cmpstr (epure_finding_get_rule_id (a), ==, epure_finding_get_rule_id (b));
          g_assert_cmpint (epure_finding_get_automatic (a), ==, epure_finding_get_automatic (b));
        }
      n_piece_findings += found->len;
      start = end;
    }

  g_assert_cmpuint (n_piece_findings, ==, findings->len);
  g_assert_cmpstr (pieces->str, ==, whole);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/typography/issue-example", test_issue_example);
  g_test_add_func ("/typography/fixtures", test_fixtures);
  g_test_add_func ("/typography/findings", test_findings);
  g_test_add_func ("/typography/foreign-paragraph", test_foreign_paragraph_flagged);
  g_test_add_func ("/typography/profiles", test_profiles);
  g_test_add_func ("/typography/peer/elimine", test_peer_elimine);
  g_test_add_func ("/typography/peer/orphan-guillemet", test_peer_orphan_guillemet);
  g_test_add_func ("/typography/peer/spaces-kept", test_peer_spaces_kept);
  g_test_add_func ("/typography/peer/code-and-urls", test_peer_code_and_urls);
  g_test_add_func ("/typography/peer/idempotent-quoi-vraiment", test_peer_idempotent_quoi_vraiment);
  g_test_add_func ("/typography/any-offset", test_any_offset);
  g_test_add_func ("/typography/markdown", test_markdown_code_and_links);
  g_test_add_func ("/typography/properties", test_properties);
  g_test_add_func ("/typography/streaming", test_streaming);
  g_test_add_func ("/typography/large-multibyte", test_large_multibyte);
  g_test_add_func ("/typography/with-whitespace", test_with_whitespace);
  g_test_add_func ("/typography/translations", test_translations);
  g_test_add_func ("/typography/settled", test_settled);
  g_test_add_func ("/typography/settled-with-spans", test_settled_with_spans);
  g_test_add_func ("/typography/settled-passes", test_settled_passes);
  g_test_add_func ("/typography/fix-route", test_fix_route);
  g_test_add_func ("/typography/parallel", test_parallel);

  return g_test_run ();
}
