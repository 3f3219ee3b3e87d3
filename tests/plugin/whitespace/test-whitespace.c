/* test-whitespace.c: the whitespace checker, through the plugin engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure.h"

static EpurePipeline *
whitespace_pipeline (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "whitespace", NULL };
  EpurePipeline *pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);

  g_assert_no_error (error);
  return pipeline;
}

static char *
clean (const char *input,
       guint      *n_changes)
{
  g_autoptr(EpurePipeline) pipeline = whitespace_pipeline ();
  g_autoptr(EpureText) text = epure_text_new (input, -1, NULL);
  g_autoptr(GError) error = NULL;
  char *out = epure_pipeline_clean (pipeline, text, 0, n_changes, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return out;
}

static void
test_whitespace_rules (void)
{
  g_autoptr(EpurePipeline) pipeline = whitespace_pipeline ();
  g_autoptr(EpureText) text = epure_text_new ("Le  chat dort. \n\n\n\n\nFin\t\n", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  /* The doubled space is typography's, not reported twice. */
  const char *rules[] = { "whitespace.trailing-space",
                          "whitespace.blank-lines", "whitespace.trailing-space" };

  findings = epure_pipeline_check (pipeline, text, NULL, NULL, NULL);
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (rules));
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpstr (epure_finding_get_rule_id (g_ptr_array_index (findings, i)), ==, rules[i]);
  g_assert_cmpuint (epure_finding_get_line (g_ptr_array_index (findings, 1)), ==, 4);
}

static void
test_whitespace_clean (void)
{
  guint n = 0;
  g_autofree char *out = clean ("Le  chat dort. \r\n\r\n\r\n\r\nFin  ", &n);

  g_assert_cmpstr (out, ==, "Le  chat dort.\r\n\r\n\r\nFin");
  g_assert_cmpuint (n, ==, 3);
}

static void
test_whitespace_leaves_alone (void)
{
  /* Indentation, two blank lines, code and a no-break space are fine. */
  const char *ok = "    indenté\n\n\nsuite `a  b` et\u00A0fin\n";
  guint n = 1;
  g_autofree char *out = clean (ok, &n);

  g_assert_cmpstr (out, ==, ok);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/whitespace/rules", test_whitespace_rules);
  g_test_add_func ("/whitespace/clean", test_whitespace_clean);
  g_test_add_func ("/whitespace/leaves-alone", test_whitespace_leaves_alone);

  return g_test_run ();
}
