/* typography-clean.c: cleans stdin with the typography checker and writes
 * the result to stdout.  A helper to reduce failing property-test inputs
 * by hand, and a reference for how a front end streams paragraphs.
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
  if (argc > 1 && !epure_checker_set_option (epure_pipeline_get_checker (pipeline, "typography"),
                                             "spaces-profile", argv[1], &error))
    g_error ("%s", error->message);

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (input, buf, n);

  text = epure_text_new (input->str, input->len, &error);
  if (text == NULL)
    g_error ("%s", error->message);
  out = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &out_len, NULL, &error);
  if (out == NULL)
    g_error ("%s", error->message);
  fwrite (out, 1, out_len, stdout);
  return 0;
}
