/* bench-editor.c: how the editor holds up on a long article.
 *
 * Builds a document of about 1 MiB from the sample article, opens it in a
 * real EpureWindow with every checker enabled, and measures the time until
 * the findings are listed and tagged, the time to re-check after a
 * one-character edit, and the longest the main loop was kept busy (what a
 * user would feel as a frozen window) during each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "epure-application.h"
#include "epure-window.h"

#define TARGET_SIZE ((gsize) (g_getenv ("EPURE_BENCH_SIZE") ? atoi (g_getenv ("EPURE_BENCH_SIZE")) : 1024 * 1024))

typedef struct
{
  gint64 last;
  gint64 worst;
} StallProbe;

/* A 1 ms timer: the gap between two ticks, less the period, is how long
 * the main loop could not run anything else. */
static gboolean
probe_tick (gpointer user_data)
{
  StallProbe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last != 0 && now - probe->last > probe->worst)
    probe->worst = now - probe->last;
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_loaded (EpureWindow *window,
           gboolean     ok,
           gboolean    *loaded)
{
  if (!ok)
    g_error ("The document did not open");
  *loaded = TRUE;
}

static double
wait_until_checked (EpureBufferChecker *checker,
                    gint64              since)
{
  /* Busy covers the debounce, the check in its thread and the tagging. */
  while (epure_buffer_checker_get_busy (checker) || epure_buffer_checker_get_text (checker) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - since) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpureApplication) app = NULL;
  g_autofree char *home = g_dir_make_tmp ("epure-bench-XXXXXX", NULL);
  g_autofree char *sample = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) doc = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  StallProbe probe = { 0 };
  EpureWindow *window;
  EpureBufferChecker *checker;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  gboolean loaded = FALSE;
  gint64 start;
  double load_ms, check_ms, recheck_ms, layout_ms;
  gint64 load_stall, check_stall, recheck_stall, idle_stall;
  guint n_findings;

  if (argc < 2)
    g_error ("usage: bench-editor SAMPLE.txt");

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* Xvfb has only software GL, slower than cairo at drawing a text view. */
  if (g_getenv ("GSK_RENDERER") == NULL)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_set_prgname ("bench-editor");
  epure_init ();

  if (!g_file_get_contents (argv[1], &sample, NULL, &error))
    g_error ("%s", error->message);
  while (doc->len < TARGET_SIZE)
    {
      g_string_append (doc, sample);
      g_string_append_c (doc, '\n');
    }
  path = g_build_filename (home, "long-article.txt", NULL);
  if (!g_file_set_contents (path, doc->str, doc->len, &error))
    g_error ("%s", error->message);
  file = g_file_new_for_path (path);

  app = epure_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));
  if (g_getenv ("EPURE_BENCH_CHECKERS") != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (g_getenv ("EPURE_BENCH_CHECKERS"), ",", -1);
      g_settings_set_strv (epure_application_get_settings (app), "enabled-checkers", (const char * const *) ids);
      g_settings_set_boolean (epure_application_get_settings (app), "spell-checking",
                              g_strv_contains ((const char * const *) ids, "spelling"));
    }

  window = epure_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  checker = epure_window_get_buffer_checker (window);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (window));
  g_signal_connect (window, "loaded", G_CALLBACK (on_loaded), &loaded);
  /* Let the window map and settle. */
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_timeout_add (1, probe_tick, &probe);

  start = g_get_monotonic_time ();
  probe.last = 0;
  probe.worst = 0;
  epure_window_open_file (window, file);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  load_stall = probe.worst;

  probe.last = 0;
  probe.worst = 0;
  check_ms = wait_until_checked (checker, start);
  check_stall = probe.worst;
  n_findings = g_list_model_get_n_items (epure_buffer_checker_get_findings (checker));

  /* GTK lays the whole document out in the background, 2000 lines at a
   * time: wait for it (half a second without a stall over 8 ms, at most
   * 10 s) so that the edit below is measured alone. */
  {
    gint64 since = g_get_monotonic_time (), quiet = since;

    probe.last = 0;
    probe.worst = 0;
    while (g_get_monotonic_time () - quiet < G_USEC_PER_SEC / 2 &&
           g_get_monotonic_time () - since < 10 * G_USEC_PER_SEC)
      {
        gint64 before = probe.worst;

        g_main_context_iteration (NULL, TRUE);
        if (probe.worst > 8000 && probe.worst != before)
          quiet = g_get_monotonic_time ();
        probe.worst = MIN (probe.worst, 8000);
      }
    layout_ms = (quiet - since) / 1000.0;
  }

  /* One character typed in the middle, then the re-check. */
  probe.last = 0;
  probe.worst = 0;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, gtk_text_buffer_get_char_count (buffer) / 2);
  start = g_get_monotonic_time ();
  gtk_text_buffer_insert (buffer, &iter, "x", 1);
  recheck_ms = wait_until_checked (checker, start);
  recheck_stall = probe.worst;

  /* The same window left alone: what drawing and the machine cost anyway. */
  probe.last = 0;
  probe.worst = 0;
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  idle_stall = probe.worst;

  g_print ("Document: %.2f MiB, %u lines, %u findings (all checkers)\n",
           doc->len / 1048576.0, gtk_text_buffer_get_line_count (buffer), n_findings);
  g_print ("Open (read, decode, fill the buffer): %8.1f ms, longest main-loop stall %6.1f ms\n",
           load_ms, load_stall / 1000.0);
  g_print ("Open until every finding is listed and tagged: %8.1f ms, longest stall while checking %6.1f ms\n",
           check_ms, check_stall / 1000.0);
  g_print ("GTK's own layout of the rest of the document, after that:   %8.1f ms\n", layout_ms);
  g_print ("One-character edit until re-checked (300 ms debounce included): %8.1f ms, longest stall %6.1f ms\n",
           recheck_ms, recheck_stall / 1000.0);

  g_print ("Baseline, the same window idle for 2 s: longest stall %6.1f ms\n", idle_stall / 1000.0);

  gtk_text_buffer_set_modified (buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
  g_unlink (path);
  g_rmdir (home);
  return 0;
}
