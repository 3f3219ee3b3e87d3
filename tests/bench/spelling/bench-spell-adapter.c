/* bench-spell-adapter.c: the spell adapter in a real GtkSourceView window
 * (under Xvfb): time until a whole document is underlined, the worst
 * main-loop stall meanwhile, the re-check after a one-character edit;
 * with --memory, the peak memory (VmHWM) for a big document, against the
 * same editor without spell checking, measured by child processes in the
 * same run (--bare, --bare-dictionary).
 *
 * Usage: bench-spell-adapter [--memory] FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "epure.h"
#include "epure-spell-adapter.h"
#include "epure-spelling-checker.h"

typedef struct
{
  gint64 last;
  gint64 worst;
  gint64 last_cpu;
  gint64 worst_cpu;
  gboolean active;
} StallMeter;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A 1 ms high-priority timer: any gap much longer than that is time the
 * main loop could not run (a stall the user would feel while typing). */
static gboolean
tick (gpointer data)
{
  StallMeter *m = data;
  gint64 t = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  /* Wall time counts the other processes of a busy machine too; the main
   * thread's own CPU time between ticks is the work that blocked it. */
  if (m->active && m->last != 0)
    {
      m->worst = MAX (m->worst, t - m->last);
      m->worst_cpu = MAX (m->worst_cpu, cpu - m->last_cpu);
    }
  m->last = t;
  m->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Until nothing is ready to run: GtkTextView lays the whole text out in
 * idle steps, seconds for a big one, and its memory grows meanwhile. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static double
wait_complete (EpureSpellAdapter *adapter)
{
  gint64 t0 = g_get_monotonic_time ();

  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (!epure_spell_adapter_get_complete (adapter))
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? atol (line + strlen (field) + 1) : -1;
}

/* Underlined runs counted from the buffer, to check n-misspelled. */
static guint
count_tag_runs (GtkTextBuffer *buffer,
                GtkTextTag    *tag)
{
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    n++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  return n;
}

/* A baseline's VmHWM in KiB, from a child process (so that nothing of the
 * spelled run is in its memory), or -1. */
static long
measure_baseline (const char *self_path,
                  const char *mode,
                  const char *path)
{
  const char *argv[] = { self_path, mode, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  long kib;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s %s: %s\n", self_path, mode, error->message);
      return -1;
    }
  return sscanf (out, "%ld", &kib) == 1 ? kib : -1;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *contents = NULL;
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureSpellAdapter) adapter = NULL;
  g_autoptr(EpureSpellingChecker) checker = NULL;
  StallMeter meter = { 0 };
  gboolean memory = FALSE, bare = FALSE, bare_dictionary = FALSE;
  long bare_kib = -1, dictionary_kib = -1;
  guint tick_id;
  const char *path;
  gsize len;
  GtkWindow *window;
  GtkWidget *view, *scroller;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  double t_load, t_full;
  long hwm_at_complete;

  if (argc > 1 && strcmp (argv[1], "--memory") == 0)
    memory = TRUE;
  else if (argc > 1 && strcmp (argv[1], "--bare") == 0)
    bare = TRUE;
  else if (argc > 1 && strcmp (argv[1], "--bare-dictionary") == 0)
    bare = bare_dictionary = TRUE;
  if (argc < 2 + (memory || bare))
    {
      g_printerr ("Usage: bench-spell-adapter [--memory] FILE\n");
      return 2;
    }
  path = argv[1 + (memory || bare)];

  /* Figures show up as they come, even through meson's pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  config = g_dir_make_tmp ("epure-bench-enchant-XXXXXX", NULL);
  g_setenv ("ENCHANT_CONFIG_DIR", config, TRUE);
  if (!gtk_init_check ())
    {
      printf ("spell adapter benchmark: no display, skipped\n");
      return 0;
    }
  /* The baseline first, alone on the machine. */
  if (memory)
    {
      /* This very program, however it was started. */
      g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

      if (self_path == NULL)
        self_path = g_strdup (argv[0]);
      bare_kib = measure_baseline (self_path, "--bare", path);
      dictionary_kib = measure_baseline (self_path, "--bare-dictionary", path);
      if (bare_kib < 0 || dictionary_kib < 0)
        return 1;
    }
  gtk_source_init ();
  epure_init ();

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 800);
  view = gtk_source_view_new ();
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (window, scroller);
  gtk_window_present (window);
  iterate_for (200);

  {
    gint64 t0 = g_get_monotonic_time ();
    gtk_text_buffer_begin_irreversible_action (buffer);
    gtk_text_buffer_set_text (buffer, contents, len);
    gtk_text_buffer_end_irreversible_action (buffer);
    gtk_text_buffer_get_start_iter (buffer, &iter);
    gtk_text_buffer_place_cursor (buffer, &iter);
    t_load = (g_get_monotonic_time () - t0) / 1e6;
  }
  g_clear_pointer (&contents, g_free);
  /* Let GTK settle (its own line validation) before measuring ours. */
  iterate_for (500);

  /* Dictionary loaded beforehand: the app has it from the pipeline. */
  if (!bare || bare_dictionary)
    {
      checker = epure_spelling_checker_new ("fr_FR");
      g_assert_true (epure_spelling_checker_check_word (checker, "maison", -1, &error));
      g_assert_no_error (error);
    }
  if (bare)
    {
      /* The editor as it stays with the text alone; or with the Hunspell
       * dictionary too, loaded at the same moment as below: its 8 MiB
       * then land among GTK's layout, which spreads the heap further. */
      settle ();
      printf ("%ld\n", status_kib ("VmHWM:"));
      gtk_window_destroy (window);
      return 0;
    }

  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, &meter, NULL);
  iterate_for (50);
  meter.active = TRUE;
  meter.worst = 0;
  meter.worst_cpu = 0;

  adapter = epure_spell_adapter_new (buffer, EPURE_CHECKER (checker));
  epure_spell_adapter_set_view (adapter, GTK_TEXT_VIEW (view));
  t_full = wait_complete (adapter);
  meter.active = FALSE;
  hwm_at_complete = status_kib ("VmHWM:");

  if (memory)
    {
      long hwm;

      /* Underlined, and the text laid out as in the bare run. */
      g_source_remove (tick_id);
      settle ();
      hwm = status_kib ("VmHWM:");
      printf ("== Spell adapter, %.1f MiB document: peak memory (VmHWM) ==\n", len / 1048576.0);
      printf ("  bare editor, text laid out, no spell checking:     %6.1f MiB\n", bare_kib / 1024.0);
      printf ("  same with the Hunspell dictionary, no adapter:     %6.1f MiB   (%+.1f MiB)\n",
              dictionary_kib / 1024.0, (dictionary_kib - bare_kib) / 1024.0);
      printf ("  spell checking on, fully underlined, laid out:     %6.1f MiB   target ≤ 200 MiB\n", hwm / 1024.0);
      printf ("  the adapter's own share (misspellings, cache…):    %+6.1f MiB\n",
              (hwm - dictionary_kib) / 1024.0);
      printf ("  (%u misspelled words underlined in %.2f s; VmHWM %.1f MiB at that moment)\n",
              epure_spell_adapter_get_n_misspelled (adapter), t_full / 1000, hwm_at_complete / 1024.0);

      /* Then a right-click on a misspelled word: its suggestions are
       * ranked with Hunspell's analysis, a second handle on the files. */
      {
        GtkTextIter from, start, end;
        gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
        gboolean ranked = FALSE;

        gtk_text_buffer_get_start_iter (buffer, &from);
        if (epure_spell_adapter_find_next (adapter, &from, &start, &end))
          {
            GMenuModel *menu = epure_spell_adapter_get_menu_model (adapter);

            epure_spell_adapter_update_menu (adapter, &start);
            while (!ranked && g_get_monotonic_time () < until)
              {
                g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
                g_autofree char *action = NULL;

                iterate_for (20);
                ranked = section != NULL && g_menu_model_get_n_items (section) > 0 &&
                         g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
                         g_strcmp0 (action, "spelling.replace") == 0;
              }
            settle ();
            printf ("  after a right-click's suggestions (%s):         %6.1f MiB\n",
                    ranked ? "ranked" : "NOT SHOWN", status_kib ("VmHWM:") / 1024.0);
          }
      }
    }
  else
    {
      double edits[21];
      guint n_edits = G_N_ELEMENTS (edits);
      gint64 worst_edit_stall = 0;

      printf ("== Spell adapter, %.1f MiB document in a GtkSourceView (Xvfb) ==\n", len / 1048576.0);
      printf ("  set_text (GTK, not spell checking):   %7.2f s\n", t_load);
      printf ("  fully underlined:                     %7.2f s   (%u misspelled words)   target ≤ 5 s\n",
              t_full / 1000, epure_spell_adapter_get_n_misspelled (adapter));
      printf ("  tagged runs (lines around the view):  %u\n", count_tag_runs (buffer, epure_spell_adapter_get_tag (adapter)));
      printf ("  worst main-loop stall meanwhile:      %7.1f ms wall, %.1f ms of main-thread CPU   target ≤ 16 ms\n",
              meter.worst / 1000.0, meter.worst_cpu / 1000.0);

      meter.worst = 0;
      /* One-character edits in the visible text: the word becomes wrong,
       * then right again; each time until the underline is up to date. */
      for (guint i = 0; i < n_edits; i++)
        {
          GtkTextIter at;
          gtk_text_buffer_get_iter_at_line_offset (buffer, &at, 5 + (int) i, 0);
          while (!g_unichar_isalpha (gtk_text_iter_get_char (&at)) && !gtk_text_iter_ends_line (&at))
            gtk_text_iter_forward_char (&at);
          gtk_text_iter_forward_char (&at);
          meter.active = TRUE;
          meter.last = 0;
          gtk_text_buffer_begin_user_action (buffer);
          gtk_text_buffer_insert (buffer, &at, "q", 1);
          gtk_text_buffer_end_user_action (buffer);
          edits[i] = wait_complete (adapter);
          meter.active = FALSE;
          worst_edit_stall = MAX (worst_edit_stall, meter.worst);
        }
      qsort (edits, n_edits, sizeof (double), (int (*) (const void *, const void *)) compare_double);
      printf ("  re-check after a one-character edit:  %7.2f ms median, %.2f ms worst of %u   target ≤ 2 ms\n",
              edits[n_edits / 2], edits[n_edits - 1], n_edits);
      printf ("  worst main-loop stall during edits:   %7.1f ms\n", worst_edit_stall / 1000.0);
      printf ("  misspelled after the edits:           %u (%u tagged around the view)\n",
              epure_spell_adapter_get_n_misspelled (adapter),
              count_tag_runs (buffer, epure_spell_adapter_get_tag (adapter)));
    }

  g_clear_object (&adapter);
  gtk_window_destroy (window);
  {
    g_autofree char *pwl = g_build_filename (config, "fr_FR.dic", NULL);
    g_remove (pwl);
    g_rmdir (config);
  }
  return 0;
}
