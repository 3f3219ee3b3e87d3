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

static GString *
clean_streaming (EpurePipeline *pipeline, const char *data, gsize len)
{
  GString *out = g_string_sized_new (len + len / 8);
  gsize p = 0;

  while (p < len)
    {
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *cleaned = NULL;
      gsize cleaned_len;
      /* Pieces of about 64 KiB (bounded memory), cut where epure-cli cuts. */
      gsize q = epure_piece_cut_after (data, len, p + 65536);

      text = epure_text_new (data + p, q - p, &error);
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

/* epure_pipeline_clean() as it was before checkers had fix(): check,
 * automatic findings, edits, apply, a few passes.  The reference the
 * fast route must equal, byte for byte. */
static char *
clean_by_findings (EpurePipeline *pipeline, const char *data, gsize len, gsize *out_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) current = epure_text_new (data, len, &error);

  if (current == NULL)
    g_error ("%s", error->message);
  for (guint pass = 0; pass < 4; pass++)
    {
      g_autoptr(GPtrArray) findings = epure_pipeline_check (pipeline, current, NULL, NULL, &error);
      g_autoptr(GPtrArray) automatic = epure_pipeline_automatic_findings (findings, NULL, EPURE_DEFAULT_MIN_CONFIDENCE);
      g_autoptr(GPtrArray) edits = epure_pipeline_create_edits (pipeline, current, automatic, TRUE, &error);
      const char *str;
      gsize n, cleaned_len;
      char *cleaned;

      if (edits == NULL)
        g_error ("%s", error->message);
      if (edits->len == 0)
        break;
      str = epure_text_get_string (current, &n);
      cleaned = epure_edits_apply (str, n, edits, &cleaned_len, &error);
      if (cleaned == NULL)
        g_error ("%s", error->message);
      if (cleaned_len == n && memcmp (cleaned, str, n) == 0)
        {
          g_free (cleaned);
          break;
        }
      g_clear_pointer (&current, epure_text_unref);
      current = epure_text_new_take (cleaned, cleaned_len, &error);
    }
  data = epure_text_get_string (current, out_len);
  return g_memdup2 (data, *out_len + 1);
}

typedef struct
{
  double wall;
  double cpu;
  double wall_start;
  double cpu_start;
} Timer;

static void
timer_start (Timer *t)
{
  t->cpu_start = cpu_seconds ();
  t->wall_start = g_get_monotonic_time () / 1e6;
}

static void
timer_stop (Timer *t)
{
  double wall = g_get_monotonic_time () / 1e6 - t->wall_start;
  double cpu = cpu_seconds () - t->cpu_start;

  if (t->wall == 0 || wall < t->wall)
    t->wall = wall;
  if (t->cpu == 0 || cpu < t->cpu)
    t->cpu = cpu;
}

/* Is @mode one of the comma-separated @modes? */
static gboolean
wants (const char *modes, const char *mode)
{
  g_auto(GStrv) list = g_strsplit (modes, ",", -1);
  return g_strv_contains ((const char * const *) list, mode);
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
  /* EPURE_BENCH_MODES=clean,check runs only those (for profiling). */
  const char *modes = g_getenv ("EPURE_BENCH_MODES");
  Timer fix = { 0 }, checker_only = { 0 }, check = { 0 }, clean = { 0 }, stream = { 0 }, findings_route = { 0 }, recheck = { 0 };
  EpureChecker *checker;
  guint n_findings = 0, n_changes = 0;

#define WANT(mode) (modes == NULL || wants (modes, mode))

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

  for (guint run = 0; run < RUNS; run++)
    {
      /* The checker by itself: its findings, unsorted and not located. */
      if (WANT ("checker-only"))
        {
          g_autoptr(EpureText) text = epure_text_new (data, len, &error);
          g_autoptr(GPtrArray) findings = NULL;

          /* The snapshot's verbatim spans are the core's work, done once. */
          epure_text_get_verbatim_spans (text, NULL);
          timer_start (&checker_only);
          findings = epure_checker_check (checker, text, NULL, &error);
          timer_stop (&checker_only);
        }

      /* One pass of the fast path: the automatic edits, no findings. */
      if (WANT ("fix"))
        {
          g_autoptr(EpureText) text = epure_text_new (data, len, &error);
          g_autoptr(GPtrArray) edits = NULL;

          epure_text_get_verbatim_spans (text, NULL);
          timer_start (&fix);
          edits = epure_checker_fix (checker, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &error);
          timer_stop (&fix);
        }

      /* Findings, sorted and located: what the editor and check show. */
      if (WANT ("check"))
        {
          g_autoptr(EpureText) text = NULL;
          g_autoptr(GPtrArray) findings = NULL;

          timer_start (&check);
          text = epure_text_new (data, len, &error);
          if (text == NULL)
            g_error ("%s", error->message);
          findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
          timer_stop (&check);
          n_findings = findings->len;
        }

      /* epure_pipeline_clean(): the route epure-cli clean takes. */
      if (WANT ("clean") || argc > 2)
        {
          g_autoptr(EpureText) text = NULL;

          g_clear_pointer (&whole, g_free);
          timer_start (&clean);
          text = epure_text_new (data, len, &error);
          whole = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n_changes, &whole_len, NULL, NULL, NULL, &error);
          if (whole == NULL)
            g_error ("%s", error->message);
          timer_stop (&clean);
        }

      /* The same, checking again what fix_settled() called settled: the
       * cost of a clean without the skip, and proof it changes nothing. */
      if (WANT ("clean-recheck"))
        {
          g_autoptr(EpureText) text = NULL;
          g_autofree char *rechecked = NULL;
          gsize rechecked_len;

          epure_pipeline_set_recheck_settled (pipeline, TRUE);
          timer_start (&recheck);
          text = epure_text_new (data, len, &error);
          rechecked = epure_pipeline_clean (pipeline, text, EPURE_DEFAULT_MIN_CONFIDENCE, NULL, &rechecked_len, NULL, NULL, NULL, &error);
          if (rechecked == NULL)
            g_error ("%s", error->message);
          timer_stop (&recheck);
          epure_pipeline_set_recheck_settled (pipeline, FALSE);
          if (whole != NULL && (rechecked_len != whole_len || memcmp (rechecked, whole, whole_len) != 0))
            g_error ("cleaning with and without the settled skip differ");
        }

      if (WANT ("clean-streaming"))
        {
          g_autoptr(GString) streamed = NULL;

          timer_start (&stream);
          streamed = clean_streaming (pipeline, data, len);
          timer_stop (&stream);
          if (whole != NULL && (streamed->len != whole_len || memcmp (streamed->str, whole, whole_len) != 0))
            g_error ("streaming and whole-text cleaning differ");
        }

      /* Once is enough for the reference. */
      if (run == 0 && WANT ("clean-findings"))
        {
          g_autofree char *reference = NULL;
          gsize reference_len;

          timer_start (&findings_route);
          reference = clean_by_findings (pipeline, data, len, &reference_len);
          timer_stop (&findings_route);
          if (whole != NULL && (reference_len != whole_len || memcmp (reference, whole, whole_len) != 0))
            g_error ("cleaning through findings and through fix() differ");
        }
    }

  printf ("# %u findings, %u changes, best of %d runs\n", n_findings, n_changes, RUNS);
  printf ("# mode bytes wall-s wall-MiB/s cpu-s cpu-MiB/s\n");
  if (WANT ("fix"))
    report ("fix", len, fix.wall, fix.cpu);
  if (WANT ("checker-only"))
    report ("checker-only", len, checker_only.wall, checker_only.cpu);
  if (WANT ("check"))
    report ("check", len, check.wall, check.cpu);
  if (WANT ("clean"))
    report ("clean", len, clean.wall, clean.cpu);
  if (WANT ("clean-recheck"))
    {
      report ("clean-recheck", len, recheck.wall, recheck.cpu);
      if (whole != NULL)
        printf ("# clean with and without the settled skip give the same bytes\n");
    }
  if (WANT ("clean-streaming"))
    report ("clean-streaming", len, stream.wall, stream.cpu);
  if (WANT ("clean-findings"))
    {
      report ("clean-findings", len, findings_route.wall, findings_route.cpu);
      if (whole != NULL)
        printf ("# clean through fix() and through findings give the same bytes\n");
    }

  if (argc > 2 && !g_file_set_contents (argv[2], whole, whole_len, &error))
    g_error ("%s", error->message);
  return 0;
}
