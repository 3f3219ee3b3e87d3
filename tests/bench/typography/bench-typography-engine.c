/* bench-typography-engine.c: throughput of the typography checker alone,
 * in process, on a corpus file: check, clean of the whole text, and clean
 * paragraph by paragraph (the streaming mode of epure-cli).
 *
 * Usage: bench-typography-engine CORPUS [OUTPUT]
 * Prints "engine-<mode> BYTES WALL_S WALL_MIB/S CPU_S CPU_MIB/S" lines: the
 * machine may be shared, so CPU time is measured too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "epure.h"
#include "typography/epure-typography-checker.h"

#define RUNS 3

static double
mib_per_s (gsize bytes, double seconds)
{
  return bytes / (1024.0 * 1024.0) / seconds;
}

static double
cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
report (const char *mode, gsize bytes, double seconds, double cpu)
{
  printf ("engine-%s %" G_GSIZE_FORMAT " %.3f %.1f %.3f %.1f\n", mode, bytes, seconds,
          mib_per_s (bytes, seconds), cpu, mib_per_s (bytes, cpu));
  fflush (stdout);
}

/* The end of the chunk starting at @p: just after its next blank line. */
static const char *
next_chunk (const char *p, const char *end)
{
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        return end;
      p = nl + 1;
      if (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')))
        {
          while (p < end && (*p == '\n' || *p == '\r'))
            p++;
          /* Chunks of a few paragraphs at least 64 KiB long: fewer calls. */
          return p;
        }
    }
  return end;
}

static GString *
clean_streaming (EpurePipeline *pipeline, const char *data, gsize len)
{
  GString *out = g_string_sized_new (len + len / 8);
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *q = p;
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *cleaned = NULL;
      gsize cleaned_len;

      /* Group paragraphs into chunks of about 64 KiB (bounded memory). */
      while (q < end && q - p < 65536)
        q = next_chunk (q, end);
      text = epure_text_new (p, q - p, &error);
      if (text == NULL)
        g_error ("%s", error->message);
      cleaned = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &cleaned_len, NULL, NULL, NULL, &error);
      if (cleaned == NULL)
        g_error ("%s", error->message);
      g_string_append_len (out, cleaned, cleaned_len);
      p = q;
    }
  return out;
}

int
main (int argc, char *argv[])
{
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *whole = NULL;
  gsize len, whole_len = 0;
  const char *ids[] = { "typography", NULL };
  double best_check = G_MAXDOUBLE, best_clean = G_MAXDOUBLE, best_stream = G_MAXDOUBLE;
  double cpu_check = G_MAXDOUBLE, cpu_clean = G_MAXDOUBLE, cpu_stream = G_MAXDOUBLE;
  double best_checker = G_MAXDOUBLE, cpu_checker = G_MAXDOUBLE;
  double best_fast = G_MAXDOUBLE, cpu_fast = G_MAXDOUBLE;
  EpureChecker *checker;
  guint n_findings = 0, n_changes = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s CORPUS [OUTPUT]\n", argv[0]);
      return 2;
    }

  epure_init ();
  engine = epure_plugin_engine_new ();
  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  if (pipeline == NULL)
    g_error ("%s", error->message);
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    g_error ("%s", error->message);
  checker = epure_pipeline_get_checker (pipeline, "typography");

  /* The checker by itself: its findings, unsorted and not located. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(EpureText) text = epure_text_new (data, len, &error);
      g_autoptr(GPtrArray) findings = NULL;
      double c0, t0;

      /* The snapshot's verbatim spans are the core's work, done once. */
      epure_text_get_verbatim_spans (text, NULL);
      c0 = cpu_seconds ();
      t0 = g_get_monotonic_time ();
      findings = epure_checker_check (checker, text, NULL, &error);
      best_checker = MIN (best_checker, (g_get_monotonic_time () - t0) / 1e6);
      cpu_checker = MIN (cpu_checker, cpu_seconds () - c0);
    }

  /* The fast path: the same cleaning, with edits instead of findings. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(EpureText) text = NULL;
      g_autofree char *cleaned = NULL;
      double c0 = cpu_seconds ();
      gint64 t0 = g_get_monotonic_time ();

      text = epure_text_new (data, len, &error);
      if (text == NULL)
        g_error ("%s", error->message);
      cleaned = epure_typography_checker_clean (EPURE_TYPOGRAPHY_CHECKER (checker), text, NULL, NULL, NULL, &error);
      if (cleaned == NULL)
        g_error ("%s", error->message);
      best_fast = MIN (best_fast, (g_get_monotonic_time () - t0) / 1e6);
      cpu_fast = MIN (cpu_fast, cpu_seconds () - c0);
    }

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 t0, t1, t2, t3;
      double c0, c1, c2, c3;
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GString) streamed = NULL;

      c0 = cpu_seconds ();
      t0 = g_get_monotonic_time ();
      text = epure_text_new (data, len, &error);
      if (text == NULL)
        g_error ("%s", error->message);
      findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
      t1 = g_get_monotonic_time ();
      c1 = cpu_seconds ();
      n_findings = findings->len;
      g_clear_pointer (&text, epure_text_unref);

      g_clear_pointer (&whole, g_free);
      text = epure_text_new (data, len, &error);
      whole = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n_changes, &whole_len, NULL, NULL, NULL, &error);
      if (whole == NULL)
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      c2 = cpu_seconds ();

      streamed = clean_streaming (pipeline, data, len);
      t3 = g_get_monotonic_time ();
      c3 = cpu_seconds ();

      if (streamed->len != whole_len || memcmp (streamed->str, whole, whole_len) != 0)
        g_error ("streaming and whole-text cleaning differ");

      best_check = MIN (best_check, (t1 - t0) / 1e6);
      best_clean = MIN (best_clean, (t2 - t1) / 1e6);
      best_stream = MIN (best_stream, (t3 - t2) / 1e6);
      cpu_check = MIN (cpu_check, c1 - c0);
      cpu_clean = MIN (cpu_clean, c2 - c1);
      cpu_stream = MIN (cpu_stream, c3 - c2);
    }

  printf ("# %u findings, %u changes, best of %d runs\n", n_findings, n_changes, RUNS);
  printf ("# mode bytes wall-s wall-MiB/s cpu-s cpu-MiB/s\n");
  report ("checker-only", len, best_checker, cpu_checker);
  report ("check", len, best_check, cpu_check);
  report ("clean", len, best_clean, cpu_clean);
  report ("clean-streaming", len, best_stream, cpu_stream);
  report ("fast-clean", len, best_fast, cpu_fast);

  if (argc > 2 && !g_file_set_contents (argv[2], whole, whole_len, &error))
    g_error ("%s", error->message);
  return 0;
}
