/* typography-clean.c: cleans stdin with the typography checker and writes
 * the result to stdout.  A helper to reduce failing property-test inputs
 * by hand.  Usage: typography-clean [PROFILE] [--once]; --once applies a
 * single pass of fixes and lists on stderr the rules of those it made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "epure.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *out = NULL;
  const char *ids[] = { "typography", NULL };
  char buf[65536];
  gsize n, out_len = 0;

  epure_init ();
  engine = epure_plugin_engine_new ();
  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  if (pipeline == NULL)
    g_error ("%s", error->message);
  gboolean once = argc > 2 && g_strcmp0 (argv[2], "--once") == 0;

  if (argc > 1 && !epure_checker_set_option (epure_pipeline_get_checker (pipeline, "typography"),
                                             "spaces-profile", argv[1], &error))
    g_error ("%s", error->message);

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (input, buf, n);

  text = epure_text_new (input->str, input->len, &error);
  if (text == NULL)
    g_error ("%s", error->message);
  if (once)
    {
      g_autoptr(GPtrArray) findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
      g_autoptr(GPtrArray) automatic = epure_pipeline_automatic_findings (findings, NULL, EPURE_DEFAULT_MIN_CONFIDENCE);
      g_autoptr(GPtrArray) edits = epure_pipeline_create_edits (pipeline, text, automatic, TRUE, &error);

      for (guint i = 0; i < automatic->len; i++)
        fprintf (stderr, "%s\n", epure_finding_get_rule_id (g_ptr_array_index (automatic, i)));
      out = epure_edits_apply (input->str, input->len, edits, &out_len, &error);
    }
  else
    out = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &out_len, NULL, NULL, NULL, &error);
  if (out == NULL)
    g_error ("%s", error->message);
  fwrite (out, 1, out_len, stdout);
  return 0;
}
