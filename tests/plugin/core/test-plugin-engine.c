/* test-plugin-engine.c: built-in and third-party checker plugins.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure.h"

static void
test_engine_lists_builtins (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_auto(GStrv) ids = epure_plugin_engine_list_checkers (engine);

  g_assert_true (g_strv_contains ((const char * const *) ids, "whitespace"));
  g_assert_true (epure_plugin_engine_is_builtin (engine, "whitespace"));
  g_assert_cmpstr (epure_plugin_engine_get_name (engine, "whitespace"), ==, "Whitespace");
}

static void
test_engine_creates_checker (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureChecker) checker = epure_plugin_engine_create_checker (engine, "whitespace", &error);
  g_autoptr(EpureText) text = epure_text_new ("Un mot \n\n\n\nFin", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  g_assert_true (EPURE_IS_CHECKER (checker));
  g_assert_cmpstr (epure_checker_get_id (checker), ==, "whitespace");
  findings = epure_checker_check (checker, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);
}

static void
test_engine_unknown_checker (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureChecker) checker = epure_plugin_engine_create_checker (engine, "nope", &error);
  g_autoptr(EpurePipeline) pipeline = NULL;
  const char *ids[] = { "whitespace", "nope", NULL };

  g_assert_null (checker);
  g_assert_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_null (pipeline);
  g_assert_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_NOT_FOUND);
}

/* A shared-module plugin, built by tests/plugin/core/meson.build into a
 * directory named by EPURE_TEST_PLUGIN_DIR, is found like a user's own. */
static void
test_engine_third_party_plugin (void)
{
  const char *dir = g_getenv ("EPURE_TEST_PLUGIN_DIR");
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureChecker) checker = NULL;
  g_autoptr(EpureText) text = epure_text_new ("Il a dit: TODO.", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_nonnull (dir);
  epure_plugin_engine_add_search_path (engine, dir);
  ids = epure_plugin_engine_list_checkers (engine);
  g_assert_true (g_strv_contains ((const char * const *) ids, "demo"));
  g_assert_false (epure_plugin_engine_is_builtin (engine, "demo"));

  checker = epure_plugin_engine_create_checker (engine, "demo", &error);
  g_assert_no_error (error);
  findings = epure_checker_check (checker, text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (epure_finding_get_rule_id (g_ptr_array_index (findings, 0)), ==, "demo.todo");
}

static void
test_engine_default_pipeline (void)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EpurePipeline) pipeline = epure_plugin_engine_create_pipeline (engine, NULL, &error);
  g_autoptr(GPtrArray) checkers = NULL;

  g_assert_no_error (error);
  checkers = epure_pipeline_get_checkers (pipeline);
  g_assert_cmpuint (checkers->len, >=, 1);
  g_assert_nonnull (epure_pipeline_get_checker (pipeline, "whitespace"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  /* Never read the user's own plugins. */
  home = g_dir_make_tmp ("epure-test-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/plugin-engine/builtins", test_engine_lists_builtins);
  g_test_add_func ("/plugin-engine/create", test_engine_creates_checker);
  g_test_add_func ("/plugin-engine/unknown", test_engine_unknown_checker);
  g_test_add_func ("/plugin-engine/third-party", test_engine_third_party_plugin);
  g_test_add_func ("/plugin-engine/default-pipeline", test_engine_default_pipeline);

  return g_test_run ();
}
