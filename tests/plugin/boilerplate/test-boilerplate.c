/* test-boilerplate.c: the boilerplate checker, its lexicon and its edits,
 * through the plugin engine like the app and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "epure.h"
#include "boilerplate/epure-lexicon.h"

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
  char *out = epure_pipeline_clean (pipeline, text, min_confidence, n_changes, NULL, NULL, &error);

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

  g_assert_false (epure_checker_set_option (checker, "threshold", "beaucoup", &error));
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/boilerplate/footer-through-engine", test_footer_through_engine);
  g_test_add_func ("/boilerplate/clean-through-engine", test_clean_through_engine);
  g_test_add_func ("/boilerplate/quotation-in-body", test_quotation_in_body);
  g_test_add_func ("/boilerplate/threshold-option", test_threshold_option);

  return g_test_run ();
}
