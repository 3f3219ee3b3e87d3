/* test-tour.c: every screen of the app on the sample article, as a user
 * sees it: the window, both cleanup previews, the context menu, the
 * preferences, the shortcuts, in light and dark.  With
 * EPURE_SCREENSHOT_DIR set, each screen is also saved as a PNG of the
 * whole (Xvfb) screen, for people to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "epure-application.h"
#include "epure-cleanup-dialog.h"
#include "epure-preferences-window.h"
#include "epure-window.h"

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("EPURE_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };
  int status = 0;

  spin (400);
  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    g_test_message ("No screenshot: %s", error->message);
  else
    g_test_message ("Screenshot: %s", path);
}

/* Pops the editor's context menu up for a screenshot, then down.  Only
 * when screenshots are wanted: GTK 4.8 may warn about popovers that open
 * and close within a few frames. */
static void
screenshot_menu (GtkWidget  *view,
                 const char *name)
{
  if (g_getenv ("EPURE_SCREENSHOT_DIR") == NULL)
    return;
  gtk_widget_activate_action (view, "win.context-menu", NULL);
  screenshot (name);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_popdown (GTK_POPOVER (child));
  spin (100);
}

/* Calls @func on each mapped label of @widget. */
static void
foreach_mapped_label (GtkWidget *widget,
                      void     (*func) (GtkLabel *label, gpointer data),
                      gpointer   data)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    func (GTK_LABEL (widget), data);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    foreach_mapped_label (child, func, data);
}

static void
note_ellipsized (GtkLabel *label,
                 gpointer  data)
{
  GtkLabel **first = data;

  if (*first == NULL && pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    *first = label;
}

/* Nothing in @window is cut short with "…". */
static void
assert_nothing_ellipsized (gpointer    window,
                           const char *screen)
{
  GtkLabel *cut = NULL;

  foreach_mapped_label (GTK_WIDGET (window), note_ellipsized, &cut);
  if (cut != NULL)
    g_error ("Ellipsized in %s: “%s”", screen, gtk_label_get_text (cut));
}

typedef struct
{
  GHashTable *seen;   /* keyval → the label that has it */
  const char *screen;
} Mnemonics;

/* Each access key once: a key two controls share only moves the focus
 * between them. */
static void
note_mnemonic (GtkLabel *label,
               gpointer  data)
{
  Mnemonics *m = data;
  guint keyval = gtk_label_get_mnemonic_keyval (label);
  const char *other;

  if (keyval == GDK_KEY_VoidSymbol)
    return;
  keyval = gdk_keyval_to_lower (keyval);
  other = g_hash_table_lookup (m->seen, GUINT_TO_POINTER (keyval));
  if (other != NULL)
    g_error ("In %s, “%s” and “%s” have the same access key", m->screen, other, gtk_label_get_label (label));
  g_hash_table_insert (m->seen, GUINT_TO_POINTER (keyval), (gpointer) gtk_label_get_label (label));
}

static void
assert_mnemonics_unique (gpointer    window,
                         const char *screen)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  Mnemonics m = { seen, screen };

  foreach_mapped_label (GTK_WIDGET (window), note_mnemonic, &m);
}

static void
wait_until_checked (EpureWindow *window)
{
  EpureBufferChecker *checker = epure_window_get_buffer_checker (window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  spin (50);
  while (epure_buffer_checker_get_busy (checker) || epure_buffer_checker_get_text (checker) == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
on_loaded (EpureWindow *window,
           gboolean     ok,
           gboolean    *loaded)
{
  g_assert_true (ok);
  *loaded = TRUE;
}

static EpureCleanupDialog *
show_cleanup (EpureWindow *window,
              const char  *checker_id)
{
  EpureCleanupDialog *dialog = EPURE_CLEANUP_DIALOG (epure_window_open_cleanup (window, checker_id));

  while (!epure_cleanup_dialog_get_ready (dialog))
    g_main_context_iteration (NULL, TRUE);
  return dialog;
}

static void
tour (gboolean dark)
{
  EpureApplication *app = EPURE_APPLICATION (g_application_get_default ());
  const char *suffix = dark ? "-dark" : "";
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "article-exemple.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autofree char *name = NULL;
  EpureWindow *window;
  EpureCleanupDialog *dialog;
  GtkWindow *prefs;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  gboolean loaded = FALSE;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = epure_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1380, 880);
  g_signal_connect (window, "loaded", G_CALLBACK (on_loaded), &loaded);
  gtk_window_present (GTK_WINDOW (window));
  epure_window_open_file (window, file);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  /* The renderer the run is for (EPURE_TOUR_RENDERER), not a fallback. */
  {
    GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
    const char *wanted = g_getenv ("EPURE_TOUR_RENDERER");

    g_test_message ("Renderer: %s", G_OBJECT_TYPE_NAME (renderer));
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, wanted != NULL ? wanted : "GskCairoRenderer");
  }
  wait_until_checked (window);
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (epure_window_get_buffer_checker (window))), >, 0);
  name = g_strdup_printf ("window%s.png", suffix);
  screenshot (name);
  assert_mnemonics_unique (window, "the window");

  dialog = show_cleanup (window, "typography");
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("cleanup-typography%s.png", suffix);
  screenshot (name);
  assert_mnemonics_unique (dialog, "the typography cleanup");
  gtk_window_close (GTK_WINDOW (dialog));

  dialog = show_cleanup (window, "boilerplate");
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("cleanup-boilerplate%s.png", suffix);
  screenshot (name);
  assert_mnemonics_unique (dialog, "the extras' removal");
  gtk_window_close (GTK_WINDOW (dialog));

  prefs = GTK_WINDOW (epure_preferences_window_new (app));
  gtk_window_set_transient_for (prefs, GTK_WINDOW (window));
  gtk_window_present (prefs);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("preferences%s.png", suffix);
  screenshot (name);
  /* Nothing in the preferences is cut short (the spacing profiles were). */
  assert_nothing_ellipsized (prefs, "the preferences");
  assert_mnemonics_unique (prefs, "the preferences");
  gtk_window_destroy (prefs);

  if (!dark)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
      screenshot ("about.png");
      for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
        {
          g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);
          if (ADW_IS_ABOUT_WINDOW (other))
            gtk_window_destroy (other);
        }
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("shortcuts%s.png", suffix);
  screenshot (name);

  /* The shortcuts window is modal: close it before the context menu. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
      {
        g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i - 1);
        if (GTK_IS_SHORTCUTS_WINDOW (other))
          gtk_window_destroy (other);
      }
  }

  /* The context menu on the first typography finding. */
  view = epure_window_get_source_view (window);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (epure_buffer_checker_get_findings (epure_window_get_buffer_checker (window))); i++)
    {
      g_autoptr(EpureFinding) finding = g_list_model_get_item (epure_buffer_checker_get_findings (epure_window_get_buffer_checker (window)), i);
      GtkTextIter end;

      if (g_strcmp0 (epure_finding_get_category (finding), EPURE_CATEGORY_TYPOGRAPHY) != 0)
        continue;
      epure_buffer_checker_get_bounds (epure_window_get_buffer_checker (window), finding, &iter, &end);
      gtk_text_buffer_place_cursor (buffer, &iter);
      g_assert_cmpint (g_menu_model_get_n_items (epure_window_update_fix_menu (window, &iter)), >, 0);
      g_clear_pointer (&name, g_free);
      name = g_strdup_printf ("context-menu%s.png", suffix);
      screenshot_menu (view, name);
      break;
    }

  /* The context menu on a misspelled word: suggestions come first. */
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
    GtkTextIter start;
    gboolean found = FALSE;

    gtk_text_buffer_get_start_iter (buffer, &start);
    /* The spell adapter's tag is the one with the error underline. */
    while (!found && gtk_text_iter_forward_to_tag_toggle (&start, NULL))
      {
        GSList *tags = gtk_text_iter_get_toggled_tags (&start, TRUE);

        for (GSList *l = tags; l != NULL && !found; l = l->next)
          {
            PangoUnderline underline = PANGO_UNDERLINE_NONE;
            g_object_get (l->data, "underline", &underline, NULL);
            found = underline == PANGO_UNDERLINE_ERROR;
          }
        g_slist_free (tags);
      }
    (void) table;
    if (found)
      {
        gtk_text_iter_forward_char (&start);
        gtk_text_buffer_place_cursor (buffer, &start);
        epure_window_update_fix_menu (window, &start);
        g_clear_pointer (&name, g_free);
        name = g_strdup_printf ("spelling-menu%s.png", suffix);
        if (g_getenv ("EPURE_SCREENSHOT_DIR") != NULL)
          spin (1500);  /* suggestions arrive from a thread */
        screenshot_menu (view, name);
      }
  }

  /* Typography cleaned in one step: the toast offers to undo it. */
  dialog = show_cleanup (window, "typography");
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), >, 0);
  wait_until_checked (window);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("cleaned%s.png", suffix);
  screenshot (name);

  gtk_text_buffer_set_modified (buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_tour_light (void)
{
  tour (FALSE);
}

static void
test_tour_dark (void)
{
  tour (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpureApplication) app = NULL;
  g_autofree char *home = g_dir_make_tmp ("epure-tour-XXXXXX", NULL);
  int ret;

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* Cairo unless the run names a renderer (the tour's GL run does). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  epure_init ();
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  app = epure_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_set_default (G_APPLICATION (app));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/ui/tour/light", test_tour_light);
  g_test_add_func ("/ui/tour/dark", test_tour_dark);
  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_rmdir (home);
  return ret;
}
