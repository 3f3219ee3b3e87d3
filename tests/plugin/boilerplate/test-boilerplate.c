/* test-boilerplate.c: the boilerplate checker, its lexicon and its edits,
 * through the plugin engine like the app and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "epure.h"
#include "boilerplate/epure-lexicon.h"
#include "formats/epure-format.h"

static EpurePipeline *
boilerplate_pipeline (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "boilerplate", NULL };
  EpurePipeline *pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pipeline);
  return pipeline;
}

static GPtrArray *
check_string (EpurePipeline *pipeline,
              const char    *input)
{
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return findings;
}

static char *
clean_string (EpurePipeline *pipeline,
              const char    *input,
              double         min_confidence,
              guint         *n_changes)
{
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GError) error = NULL;
  char *out = epure_pipeline_clean (pipeline, text, min_confidence, n_changes, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return out;
}

/* "rule@line" for each finding, in text order. */
static char *
summarize (GPtrArray *findings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      g_string_append_printf (s, "%s%s@%u", i ? " " : "", epure_finding_get_rule_id (f),
                              epure_finding_get_line (f));
    }
  return g_string_free (s, FALSE);
}

#define ARTICLE_BODY \
  "Le marché couvert de Saint-Aubin rouvre après deux ans de travaux. Les commerçants ont retrouvé " \
  "leurs étals sous une charpente restaurée, et la municipalité promet des horaires élargis le samedi.\n" \
  "\n" \
  "« Nous avons tenu grâce aux clients fidèles », raconte Hélène, fromagère depuis vingt ans. " \
  "Le chantier, estimé à trois millions d’euros, a été financé en partie par la région.\n"

#define OTHER_BODY \
  "Les travaux ont duré plus longtemps que prévu à cause de la découverte de fondations médiévales " \
  "sous la halle, fouillées pendant six mois par les archéologues.\n" \
  "\n" \
  "Les commerçants espèrent retrouver leur clientèle d’avant le chantier dès les fêtes de fin d’année.\n"

static void
test_footer_through_engine (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Le marché couvert rouvre ses portes\n"
    "Le marché couvert rouvre ses portes\n"
    "\n"
    ARTICLE_BODY
    "\n"
    "Vous pouvez partager cette histoire sur les réseaux sociaux :\n"
    "*********************************\n"
    "Vous pouvez lire l’article original ici\n"
    "Votre soutien est essentiel pour nous permettre de continuer.\n"
    "Inscrivez-vous à ma newsletter gratuite ➡️ ICI\n"
    "Nous avons besoin de financements, même modestes : votre contribution via Paypal.\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  g_autofree char *summary = summarize (findings);

  g_assert_cmpstr (summary, ==,
                   "boilerplate.duplicate-title@2 boilerplate.share@8 boilerplate.separator@9 "
                   "boilerplate.source-link@10 boilerplate.donation@11 boilerplate.newsletter@12 "
                   "boilerplate.donation@13");

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      const char * const *replacements = epure_finding_get_replacements (f);

      g_assert_cmpstr (epure_finding_get_category (f), ==, EPURE_CATEGORY_BOILERPLATE);
      g_assert_cmpfloat (epure_finding_get_confidence (f), >, 0.0);
      g_assert_cmpfloat (epure_finding_get_confidence (f), <=, 1.0);
      g_assert_nonnull (replacements);
      g_assert_cmpstr (replacements[0], ==, "");
      g_assert_cmpstr (epure_finding_get_message (f), !=, "");
    }
}

static void
test_clean_through_engine (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Partagez sur Facebook | Twitter | WhatsApp\n"
    "\n"
    "Le marché couvert rouvre ses portes\n"
    "Le marché couvert rouvre ses portes\n"
    "\n"
    ARTICLE_BODY
    "\n"
    "* * * * *\n"
    "\n"
    "Partagez cet article autour de vous !\n"
    "\n"
    "Soutenez notre média indépendant : faites un don sur Tipeee.\n"
    "\n";
  const char *expected =
    "Le marché couvert rouvre ses portes\n"
    "\n"
    ARTICLE_BODY;
  guint n = 0;
  g_autofree char *out = clean_string (pipeline, input, 0.0, &n);

  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpuint (n, >=, 5);
}

static void
test_quotation_in_body (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Une campagne de dons pour la bibliothèque\n"
    "\n"
    "L’association des Amis de la bibliothèque a lancé une campagne de dons pour racheter "
    "des livres abîmés par l’inondation de mars. Les donateurs peuvent verser leur contribution "
    "en ligne ou au guichet, précise la présidente.\n"
    "\n"
    "« Partagez l’information autour de vous, abonnez-vous à notre lettre, chaque euro compte », "
    "a-t-elle lancé lors de la réunion publique.\n"
    "\n"
    "La campagne se termine fin juin. Selon l’association, plus de 12 000 euros ont déjà été réunis.\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);

  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_threshold_option (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  EpureChecker *checker = epure_pipeline_get_checker (pipeline, "boilerplate");
  g_autoptr(GError) error = NULL;
  double threshold = 0;
  const char *input = ARTICLE_BODY "\nPartagez cet article sur les réseaux sociaux !\n";
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  g_object_get (checker, "threshold", &threshold, NULL);
  g_assert_cmpfloat (threshold, ==, 0.8);

  before = check_string (pipeline, input);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_true (epure_finding_get_automatic (g_ptr_array_index (before, 0)));

  g_assert_true (epure_checker_set_option (checker, "threshold", "1", &error));
  g_assert_no_error (error);
  after = check_string (pipeline, input);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_false (epure_finding_get_automatic (g_ptr_array_index (after, 0)));

  g_assert_true (epure_checker_set_option (checker, "threshold", "0.9", &error));
  g_assert_no_error (error);
  g_object_get (checker, "threshold", &threshold, NULL);
  g_assert_cmpfloat (threshold, ==, 0.9);

  g_assert_false (epure_checker_set_option (checker, "threshold", "beaucoup", &error));
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION);
  g_clear_error (&error);
  g_assert_false (epure_checker_set_option (checker, "threshold", "1.5", &error));
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION);
}

/* Texts made of random pieces: every finding stays in the text on line
 * boundaries, and every edit set applies. */
static void
test_random_texts (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *pieces[] = {
    "Partagez", " cet article", "\n", "\n\n", "\r\n", "*****", " ", "« ", " »", "“", "”", "\"",
    "https://exemple.fr/x", "@compte", "#tag", "➡️", "🔸", "⁂", "é", "l’", "Publicité", "faites un don",
    "Le conseil municipal a voté le budget.", "cookies", "Tout accepter", "===", "Titre", "—", "\t",
  };

  for (guint n = 0; n < 300; n++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *applied = NULL;
      guint n_pieces = g_rand_int_range (rand, 0, 40);

      for (guint k = 0; k < n_pieces; k++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      text = epure_text_new (s->str, s->len, &error);
      g_assert_no_error (error);
      findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < findings->len; i++)
        {
          EpureFinding *f = g_ptr_array_index (findings, i);
          gsize start = epure_finding_get_start (f), end = epure_finding_get_end (f);

          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, s->len);
          g_assert_true (start == 0 || s->str[start - 1] == '\n');
          g_assert_true (end == s->len || s->str[end] == '\n' || s->str[end] == '\r');
        }
      applied = epure_pipeline_apply (pipeline, text, findings, NULL, &error);
      if (applied == NULL)
        {
          /* Only neighbours competing for one blank line may clash. */
          g_assert_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OVERLAP);
          g_clear_error (&error);
        }
      g_free (clean_string (pipeline, s->str, 0.0, NULL));
    }
}

/* ---- the lexicon ---------------------------------------------------- */

typedef struct
{
  GString *found;
} MatchLog;

static void
log_match (const EpureLexiconEntry *entry,
           guint                    first_word,
           gpointer                 user_data)
{
  MatchLog *log = user_data;
  g_string_append_printf (log->found, "%s%s/%s@%u", log->found->len ? " " : "",
                          entry->display, entry->category, first_word);
}

static char *
match_text (EpureLexicon *lexicon,
            const char   *text)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (EpureLexiconWord));
  g_autoptr(GPtrArray) ptrs = g_ptr_array_new ();
  MatchLog log = { g_string_new (NULL) };

  epure_lexicon_tokenize (text, strlen (text), folded, words);
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (ptrs, folded->str + g_array_index (words, EpureLexiconWord, i).folded);
  epure_lexicon_match (lexicon, (const char * const *) ptrs->pdata, words->len, log_match, &log);
  return g_string_free (log.found, FALSE);
}

static void
test_lexicon_tokenize (void)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (EpureLexiconWord));
  const char *text = "Abonnez-vous à l’ŒUVRE d'Émile : 3 €";
  const char *expected[] = { "abonnez", "vous", "a", "l", "oeuvre", "d", "emile", "3" };

  epure_lexicon_tokenize (text, strlen (text), folded, words);
  g_assert_cmpuint (words->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < words->len; i++)
    {
      const EpureLexiconWord *w = &g_array_index (words, EpureLexiconWord, i);
      g_assert_cmpstr (folded->str + w->folded, ==, expected[i]);
    }
  /* Byte offsets into the source: "l’ŒUVRE" is l, ’ (3 bytes), Œ (2 bytes). */
  g_assert_cmpuint (g_array_index (words, EpureLexiconWord, 4).start, ==, strlen ("Abonnez-vous à l’"));
  g_assert_cmpuint (g_array_index (words, EpureLexiconWord, 4).end, ==, strlen ("Abonnez-vous à l’ŒUVRE"));
}

static void
test_lexicon_match (void)
{
  g_autoptr(EpureLexicon) lexicon = epure_lexicon_new ();
  g_autoptr(GError) error = NULL;
  const char *data =
    "# a comment\n"
    "\n"
    "partag* | share | 0.6\n"
    "faites un don | donation | 1.0\n"
    "^source | source-link | 1.0\n"
    "^publicité$ | ad | 2.0\n"
    "ko* | other | 0.1\n"
    "  réseaux   sociaux  |  share  |  0.5  \n";
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;

  g_assert_true (epure_lexicon_load_data (lexicon, data, -1, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (epure_lexicon_get_size (lexicon), ==, 6);

  a = match_text (lexicon, "Partagez-le sur les Réseaux sociaux, faites un don !");
  g_assert_cmpstr (a, ==, "partag/share@0 réseaux   sociaux/share@4 faites un don/donation@6");
  /* Anchors: "source" only first, "publicité" only alone. */
  b = match_text (lexicon, "La source du Rhône ; publicité mensongère");
  g_assert_cmpstr (b, ==, "");
  c = match_text (lexicon, "Source : AFP");
  g_assert_cmpstr (c, ==, "source/source-link@0");
  d = match_text (lexicon, "PUBLICITÉ");
  g_assert_cmpstr (d, ==, "publicité/ad@0");
}

static void
test_lexicon_errors (void)
{
  const struct { const char *data; const char *needle; } bad[] = {
    { "partagez | share\n", "line 1" },
    { "ok | share | 0.5\npartagez | Share | 0.5\n", "line 2" },
    { "partagez | share | lots\n", "line 1" },
    { "partagez | share | 99\n", "line 1" },
    { " … | share | 0.5\n", "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(EpureLexicon) lexicon = epure_lexicon_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (epure_lexicon_load_data (lexicon, bad[i].data, -1, "mine.txt", &error));
      g_assert_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "mine.txt"));
      g_assert_nonnull (strstr (error->message, bad[i].needle));
    }
}

static void
test_lexicon_shared_phrases (void)
{
  g_autoptr(EpureLexicon) lexicon = epure_lexicon_new ();
  g_autofree char *found = NULL;

  /* The same phrase in two files counts once, with the larger weight. */
  g_assert_true (epure_lexicon_load_data (lexicon, "PayPal | donation | 0.5\ncookie* | cookie | 0.9\n", -1, "fr", NULL));
  g_assert_true (epure_lexicon_load_data (lexicon, "paypal | donation | 0.8\ncookie | cookie | 0.9\n", -1, "en", NULL));
  g_assert_cmpuint (epure_lexicon_get_size (lexicon), ==, 3);
  found = match_text (lexicon, "via PayPal");
  g_assert_cmpstr (found, ==, "PayPal/donation@1");
}

/* ---- blocks, positions, edits ------------------------------------------ */

static void
check_clean (const char *input,
             const char *expected)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  g_autofree char *out = clean_string (pipeline, input, 0.0, NULL);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_edits_take_blank_lines (void)
{
  /* In the middle: the repeated paragraph and the blank line before it. */
  check_clean ("Titre\n\n" ARTICLE_BODY "\nLe chantier a été financé en partie par la région et par la commune.\n\n"
               "Fin de l’article, avec une phrase ordinaire pour conclure.\n\n"
               "Le chantier a été financé en partie par la région et par la commune.\n\n"
               "Une dernière phrase, elle aussi ordinaire, termine le texte.\n",
               "Titre\n\n" ARTICLE_BODY "\nLe chantier a été financé en partie par la région et par la commune.\n\n"
               "Fin de l’article, avec une phrase ordinaire pour conclure.\n\n"
               "Une dernière phrase, elle aussi ordinaire, termine le texte.\n");
  /* At the start: the blank lines after it; at the end: those before it,
   * and the trailing ones; CRLF line breaks are kept. */
  check_clean ("PUBLICITÉ\r\n\r\nTitre\r\n\r\nUn paragraphe ordinaire.\r\n\r\n"
               "Partagez cet article sur Facebook !\r\n\r\n\r\n",
               "Titre\r\n\r\nUn paragraphe ordinaire.\r\n");
  /* A title repeated on the next line: only that line goes. */
  check_clean ("Le titre du jour\nLe titre du jour\n\nUn paragraphe ordinaire.\n",
               "Le titre du jour\n\nUn paragraphe ordinaire.\n");
}

static void
test_footer_edits_do_not_overlap (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Titre\n\n" ARTICLE_BODY "\n"
    "Partagez cet article sur les réseaux sociaux !\n\n"
    "Soutenez-nous sur Tipeee.\n"
    "Inscrivez-vous à notre newsletter.\n\n"
    "Laissez un commentaire ci-dessous.\n";
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpuint (findings->len, ==, 4);
  /* Every footer block removed at once, as the app's preview does. */
  out = epure_pipeline_apply (pipeline, text, findings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Titre\n\n" ARTICLE_BODY);
}

static void
test_wrapped_paragraph_is_one_block (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Titre\n\n" ARTICLE_BODY "\n"
    "Si cet article vous a plu, n’hésitez pas à le partager autour de vous\n"
    "sur les réseaux sociaux, cela nous aide beaucoup.\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  EpureFinding *f;

  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (epure_finding_get_rule_id (f), ==, "boilerplate.share");
  g_assert_cmpuint (epure_finding_get_start (f), ==, strstr (input, "Si cet") - input);
  g_assert_cmpuint (epure_finding_get_end (f), ==, strlen (input) - 1);
}

static void
test_separators (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  /* A Markdown underline and a section break in the body are the article's. */
  const char *input =
    "Le titre\n========\n\n" ARTICLE_BODY "\n* * *\n\n" OTHER_BODY "\n"
    "🔸🔸🔸🔸🔸\n"
    "Abonnez-vous à notre newsletter gratuite : https://exemple.fr/lettre\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  g_autofree char *summary = summarize (findings);

  g_assert_cmpstr (summary, ==, "boilerplate.separator@14 boilerplate.newsletter@15");
}

static void
test_body_rules (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input =
    "Titre\n\n" ARTICLE_BODY "\nPublicité\n\n" ARTICLE_BODY;
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  g_autofree char *summary = summarize (findings);

  /* The advertising marker, and the second copy of each paragraph. */
  g_assert_cmpstr (summary, ==, "boilerplate.ad@7 boilerplate.duplicate-paragraph@9 "
                                "boilerplate.duplicate-paragraph@11");
}

static void
test_message_names_evidence (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input = "Titre\n\n" ARTICLE_BODY "\nFaites un don sur PayPal ➡️ https://exemple.fr/don\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);
  const char *message;

  g_assert_cmpuint (findings->len, ==, 1);
  message = epure_finding_get_message (g_ptr_array_index (findings, 0));
  g_assert_nonnull (strstr (message, "Donation appeal"));
  g_assert_nonnull (strstr (message, "“faites un don”"));
  g_assert_nonnull (strstr (message, "a link"));
  g_assert_nonnull (strstr (message, "arrows or emoji"));
  g_assert_nonnull (strstr (message, "closing lines"));
}

static void
test_degenerate_texts (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *inputs[] = { "", "\n\n\n", "   \n\t\n", "Un mot", "Partagez", "* * *" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) findings = check_string (pipeline, inputs[i]);
      g_autofree char *out = clean_string (pipeline, inputs[i], 0.0, NULL);
      g_assert_nonnull (findings);
      g_assert_nonnull (out);
    }
}

static void
test_cancelled (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  EpureChecker *checker = epure_pipeline_get_checker (pipeline, "boilerplate");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(EpureText) text = epure_text_new (ARTICLE_BODY, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  g_cancellable_cancel (cancellable);
  findings = epure_checker_check (checker, text, cancellable, &error);
  g_assert_null (findings);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_user_lexicon (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *input = "Titre\n\n" ARTICLE_BODY "\nRejoignez le club des lecteurs du Zorglub Hebdo.\n";
  g_autoptr(GPtrArray) findings = check_string (pipeline, input);

  /* boilerplate-mine.txt, written in main() in the user's data folder,
   * adds this phrase; a broken file next to it is skipped. */
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (epure_finding_get_rule_id (g_ptr_array_index (findings, 0)), ==, "boilerplate.newsletter");
}

/* Text imported from a web page goes through the same rules. */
static void
test_imported_html (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *html =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Marché</title></head><body>"
    "<h1>Le marché couvert rouvre ses portes</h1>"
    "<p>Le marché couvert de Saint-Aubin rouvre après deux ans de travaux. Les commerçants ont "
    "retrouvé leurs étals sous une charpente restaurée.</p>"
    "<p>« Nous avons tenu grâce aux clients fidèles », raconte Hélène, fromagère depuis vingt ans.</p>"
    "<hr>"
    "<p>Partagez cet article sur les réseaux sociaux !</p>"
    "<p>Soutenez notre journal : faites un don sur <a href=\"https://exemple.fr\">Tipeee</a>.</p>"
    "</body></html>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureImport) import = epure_import_bytes (bytes, "html", &error);
  g_autoptr(GPtrArray) findings = NULL;
  guint shares = 0, donations = 0;

  g_assert_no_error (error);
  findings = epure_pipeline_check (pipeline, epure_import_get_text (import), NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      const char *rule = epure_finding_get_rule_id (g_ptr_array_index (findings, i));
      shares += g_str_equal (rule, "boilerplate.share");
      donations += g_str_equal (rule, "boilerplate.donation");
      g_assert_true (g_str_equal (rule, "boilerplate.share") || g_str_equal (rule, "boilerplate.donation") ||
                     g_str_equal (rule, "boilerplate.separator"));
    }
  g_assert_cmpuint (shares, ==, 1);
  g_assert_cmpuint (donations, ==, 1);
}

/* Headlines about donations, newsletters or comments are the article's. */
static void
test_headlines_are_content (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *titles[] = {
    "Faites un don : comment choisir son association",
    "Partagez-vous vos mots de passe ? Une étude inquiétante",
    "Newsletter : la nouvelle arme des journalistes indépendants",
    "Cookies : ce qui change pour les internautes",
    "Abonnez-vous à la presse locale, plaide le ministre",
    "Publicité : les écrans numériques interdits à Lyon",
    "Laissez un commentaire, gagnez un voyage : l’arnaque qui circule",
    "Suivez-nous sur les traces des loups du Mercantour",
    "Lire la suite : le roman-feuilleton revient en force",
    "PS : Olivier Faure réélu premier secrétaire du parti",
    "Related: how cities are learning to live with heat",
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *input = g_strconcat (titles[i], "\n\n", ARTICLE_BODY, NULL);
      g_autoptr(GPtrArray) findings = check_string (pipeline, input);

      if (findings->len > 0)
        g_printerr ("flagged: %s\n", titles[i]);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

/* Local news ends with practical details in the third person: the
 * article's, not a footer. */
static void
test_practical_endings_are_content (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *endings[] = {
    "Pour s’abonner à la lettre d’information de la mairie, il suffit de s’inscrire sur le site de la ville.",
    "Les dons peuvent être adressés à l’association par chèque ou sur sa page HelloAsso.",
    "Le film sera diffusé sur YouTube et partagé sur les réseaux sociaux de la région.",
    "Renseignements au 01 23 45 67 89 ou sur www.mairie-exemple.fr.",
    "Plus d’informations : www.festival-exemple.fr",
    "Inscriptions ouvertes jusqu’au 15 mai sur le site de l’office de tourisme.",
    "Contact : Marie Durand, 06 00 00 00 00.",
    "Le club recrute : inscrivez-vous auprès du président avant le 1er septembre.",
    /* A bare label over short lines, like a list of links, but with the
     * digits of practical details. */
    "Horaires\nDu lundi au vendredi de 9 h à 18 h\nLe samedi de 9 h à 12 h\nFermé le dimanche et les jours fériés",
    /* Lists of items, not of headlines. */
    "Ingrédients\nFarine de blé\nSucre de canne\nBeurre demi-sel",
    "Adresses utiles\nMairie de Saint-Aubin\nOffice de tourisme\nMaison des associations",
    /* A signature and a postscript of the article's own voice. */
    "Hélène Durand, fromagère",
  };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *input = g_strconcat ("Titre\n\n", ARTICLE_BODY, "\n", endings[i], "\n", NULL);
      g_autoptr(GPtrArray) findings = check_string (pipeline, input);

      if (findings->len > 0)
        g_printerr ("flagged: %s\n", endings[i]);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

/* The grammar of a call to action, not its words: a second-person
 * imperative where a clause opens, after the block has turned to the
 * reader, flags a closing line whose phrasing no lexicon lists. */
static void
test_imperatives_anywhere (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *calls[] = {
    "Cet article vous a plu ? Transférez-le à quelqu’un qui aime les marchés.",
    "Vous avez aimé ce reportage ? Dites-le-nous d’un clic sur le ❤️",
    "Liked this piece? Forward it to a friend who loves markets ➡️",
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autofree char *input = g_strconcat ("Titre\n\n", ARTICLE_BODY, "\n", calls[i], "\n", NULL);
      g_autoptr(GPtrArray) findings = check_string (pipeline, input);

      if (findings->len != 1)
        g_printerr ("not flagged once: %s\n", calls[i]);
      g_assert_cmpuint (findings->len, ==, 1);
      g_assert_cmpuint (epure_finding_get_line (g_ptr_array_index (findings, 0)), ==, 7);
    }
}

/* What looks like an imperative and is not: an inverted question, a name
 * in -ez, a recipe's last step, a quoted appeal, practical details after
 * third-person news. */
static void
test_false_imperatives_are_content (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  const char *endings[] = {
    "Partagez-vous ces priorités ? Les habitants pourront en débattre le 2 mars à la mairie.",
    "Hugo Martinez a marqué le dernier essai de la rencontre, à la 71e minute.",
    "Servez bien chaud, avec une salade verte et du pain de campagne.",
    "« Donnez, même peu, mais donnez régulièrement », plaide le président de l’association.",
    "Le club recrute : présentez-vous au stade le mercredi à partir de 18 heures.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *input = g_strconcat ("Titre\n\n", ARTICLE_BODY, "\n", endings[i], "\n", NULL);
      g_autoptr(GPtrArray) findings = check_string (pipeline, input);

      if (findings->len > 0)
        g_printerr ("flagged: %s\n", endings[i]);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

/* Long texts find repeated paragraphs by hash: same result, linear time. */
static void
test_duplicates_in_long_text (void)
{
  g_autoptr(EpurePipeline) pipeline = boilerplate_pipeline ();
  g_autoptr(GString) s = g_string_new ("Titre\n\n");
  g_autoptr(GPtrArray) findings = NULL;
  guint dup_line = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (s, "Le paragraphe numéro %u raconte une histoire ordinaire de la commune.\n\n", i);
  dup_line = 3 + 2 * 200;
  /* The 17th paragraph again, re-wrapped on two lines. */
  g_string_append (s, "Le paragraphe numéro 17 raconte une histoire\nordinaire de la commune.\n\n");
  g_string_append (s, "Une conclusion tout aussi ordinaire.\n");

  findings = check_string (pipeline, s->str);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (epure_finding_get_rule_id (g_ptr_array_index (findings, 0)), ==, "boilerplate.duplicate-paragraph");
  g_assert_cmpuint (epure_finding_get_line (g_ptr_array_index (findings, 0)), ==, dup_line);
  g_assert_nonnull (strstr (epure_finding_get_message (g_ptr_array_index (findings, 0)), "line 37"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("epure-boilerplate-XXXXXX", NULL);
  g_autofree char *dicts = g_build_filename (home, "epure", "dictionaries", NULL);
  g_autofree char *mine = g_build_filename (dicts, "boilerplate-mine.txt", NULL);
  g_autofree char *broken = g_build_filename (dicts, "boilerplate-broken.txt", NULL);
  int status;

  /* The user's own phrases, before anything reads the data folders. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (dicts, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mine, "# mine\nzorglub hebdo | newsletter | 1.5\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "no separator here\n", -1, NULL));

  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/boilerplate/footer-through-engine", test_footer_through_engine);
  g_test_add_func ("/boilerplate/clean-through-engine", test_clean_through_engine);
  g_test_add_func ("/boilerplate/quotation-in-body", test_quotation_in_body);
  g_test_add_func ("/boilerplate/threshold-option", test_threshold_option);
  g_test_add_func ("/boilerplate/lexicon/tokenize", test_lexicon_tokenize);
  g_test_add_func ("/boilerplate/lexicon/match", test_lexicon_match);
  g_test_add_func ("/boilerplate/lexicon/errors", test_lexicon_errors);
  g_test_add_func ("/boilerplate/lexicon/shared-phrases", test_lexicon_shared_phrases);
  g_test_add_func ("/boilerplate/lexicon/user-file", test_user_lexicon);
  g_test_add_func ("/boilerplate/edits-take-blank-lines", test_edits_take_blank_lines);
  g_test_add_func ("/boilerplate/footer-edits-do-not-overlap", test_footer_edits_do_not_overlap);
  g_test_add_func ("/boilerplate/wrapped-paragraph", test_wrapped_paragraph_is_one_block);
  g_test_add_func ("/boilerplate/separators", test_separators);
  g_test_add_func ("/boilerplate/body-rules", test_body_rules);
  g_test_add_func ("/boilerplate/message", test_message_names_evidence);
  g_test_add_func ("/boilerplate/degenerate-texts", test_degenerate_texts);
  g_test_add_func ("/boilerplate/cancelled", test_cancelled);
  g_test_add_func ("/boilerplate/random-texts", test_random_texts);
  g_test_add_func ("/boilerplate/imported-html", test_imported_html);
  g_test_add_func ("/boilerplate/headlines-are-content", test_headlines_are_content);
  g_test_add_func ("/boilerplate/practical-endings-are-content", test_practical_endings_are_content);
  g_test_add_func ("/boilerplate/imperatives-anywhere", test_imperatives_anywhere);
  g_test_add_func ("/boilerplate/false-imperatives-are-content", test_false_imperatives_are_content);
  g_test_add_func ("/boilerplate/duplicates-in-long-text", test_duplicates_in_long_text);

  status = g_test_run ();

  g_unlink (mine);
  g_unlink (broken);
  g_rmdir (dicts);
  {
    g_autofree char *epure_dir = g_path_get_dirname (dicts);
    g_rmdir (epure_dir);
  }
  g_rmdir (home);
  return status;
}
