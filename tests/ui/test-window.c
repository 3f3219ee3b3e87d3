/* test-window.c: a real EpureWindow on real files, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "epure-application.h"
#include "epure-cleanup-dialog.h"
#include "epure-gtk-utils.h"
#include "epure-preferences-window.h"
#include "epure-view-window.h"
#include "epure-window.h"

/* Text with what the whitespace checker finds: a doubled space, trailing
 * spaces and four blank lines in a row. */
static const char dirty_text[] =
  "Le conseil municipal s’est réuni hier soir.   \n"
  "\n"
  "Le budget a été voté à l’unanimité. \n"
  "\n\n\n\n"
  "La séance a duré deux heures.\n";

static const char clean_text[] =
  "Le conseil municipal s’est réuni hier soir.\n"
  "\n"
  "Le budget a été voté à l’unanimité.\n"
  "\n\n"
  "La séance a duré deux heures.\n";

typedef struct
{
  EpureApplication *app;
  EpureWindow      *window;
  char             *dir;
  gboolean          loaded;
  gboolean          load_ok;
  gboolean          saved;
  gboolean          save_ok;
} Fixture;

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the window");
      g_usleep (1000);
    }
}

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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every descendant of @widget of @type, in the order they are shown. */
static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

static void
on_loaded (EpureWindow *window,
           gboolean     ok,
           Fixture     *fixture)
{
  fixture->loaded = TRUE;
  fixture->load_ok = ok;
}

static void
on_saved (EpureWindow *window,
          gboolean     ok,
          Fixture     *fixture)
{
  fixture->saved = TRUE;
  fixture->save_ok = ok;
}

static void
wait_for_check (Fixture *fixture)
{
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Busy from the edit until its findings are published. */
  spin (20);
  while (epure_buffer_checker_get_busy (checker) || epure_buffer_checker_get_text (checker) == NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the check");
      g_usleep (1000);
    }
}

static char *
write_fixture (Fixture    *fixture,
               const char *name,
               const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
open_file (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fixture->loaded = FALSE;
  epure_window_open_file (fixture->window, file);
  wait_for (&fixture->loaded);
}

static void
save_file (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fixture->saved = FALSE;
  epure_window_save_to (fixture->window, file, NULL, FALSE);
  wait_for (&fixture->saved);
}

static char *
buffer_text (Fixture *fixture)
{
  return epure_document_dup_text (epure_window_get_document (fixture->window));
}

/* The AdwMessageDialog the window shows for an error, if any. */
static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *checkers = data ? data : "whitespace";
  g_auto(GStrv) ids = g_strsplit (checkers, ",", -1);

  fixture->app = g_object_get_data (G_OBJECT (g_application_get_default ()), "app");
  /* Each test names the checkers it expects findings from. */
  g_settings_set_strv (epure_application_get_settings (fixture->app), "enabled-checkers",
                       (const char * const *) ids);
  fixture->dir = g_dir_make_tmp ("epure-ui-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->window = epure_window_new (fixture->app);
  g_object_ref_sink (fixture->window);
  g_signal_connect (fixture->window, "loaded", G_CALLBACK (on_loaded), fixture);
  g_signal_connect (fixture->window, "saved", G_CALLBACK (on_saved), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          g_chmod (child, 0700);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog (GTK_WINDOW (fixture->window))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  /* Discard any change: no prompt. */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (epure_window_get_document (fixture->window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->window);
  spin (10);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Does the buffer checker's tag lie on the character at @offset? */
static gboolean
has_finding_tag (GtkTextBuffer *buffer,
                 int            offset)
{
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);
  return tags != NULL;
}

static void
count_busy (EpureBufferChecker *checker,
            GParamSpec         *pspec,
            guint              *n_busy)
{
  if (epure_buffer_checker_get_busy (checker))
    (*n_busy)++;
}

/* GTK says the view changed each time it lays out more of a long text:
 * on the same window the tagging pass goes on rather than starting over,
 * or it would never end while GTK works. */
static void
test_tags_survive_relayout (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (epure_window_get_source_view (fixture->window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean finished = FALSE;
  gint64 until;

  g_settings_set_boolean (epure_application_get_settings (fixture->app), "spell-checking", FALSE);
  /* More findings in the window than a slice of tagging takes. */
  for (guint i = 0; i < 600; i++)
    g_string_append (text, "l'a l'b l'c l'd l'e l'f l'g l'h l'i l'j l'k l'l l'm l'n l'o l'p\n");
  gtk_text_buffer_set_text (buffer, text->str, -1);
  wait_for_check (fixture);
  spin (200);

  /* A new check, and while its findings are tagged, GTK's news. */
  gtk_text_buffer_set_text (buffer, text->str, -1);
  until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  spin (20);
  while (!finished && g_get_monotonic_time () < until)
    {
      g_signal_emit_by_name (adjustment, "changed");
      g_main_context_iteration (NULL, FALSE);
      finished = !epure_buffer_checker_get_busy (checker) && epure_buffer_checker_get_text (checker) != NULL;
    }
  g_assert_true (finished);
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (checker)), ==, 9600);
  g_settings_reset (epure_application_get_settings (fixture->app), "spell-checking");
}

/* A view that has laid out nothing yet (just given a long text, or not
 * shown yet) may put every y on the last line: the window is then the
 * first lines, where a view at the top of its scroll range starts. */
static void
test_view_window_before_layout (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autoptr(EpureViewWindow) window = epure_view_window_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 start, end;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "Une ligne de plus.\n");
  gtk_text_buffer_set_text (buffer, text->str, -1);
  epure_view_window_set_view (window, GTK_TEXT_VIEW (view));

  g_assert_true (epure_view_window_get_range (window, buffer, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, >, 0);
  g_assert_cmpint (end, <, gtk_text_buffer_get_char_count (buffer));

  epure_view_window_set_view (window, NULL);
  g_object_unref (view);
}

/* In a long document only the findings near what the view shows carry
 * tags; scrolling to the end tags the last one and untags the first,
 * without the checker saying it is busy (nothing is checked again). */
static void
test_tags_follow_view (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (epure_window_get_source_view (fixture->window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  g_autoptr(GString) text = g_string_new ("Il parle de l'homme.\n\n");
  g_autofree char *path = NULL;
  GtkAdjustment *adjustment;
  guint n_busy = 0;
  int first, last;

  g_settings_set_boolean (epure_application_get_settings (fixture->app), "spell-checking", FALSE);
  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "Une ligne de plus.\n");
  g_string_append (text, "\nEt de l'autre.\n");
  path = write_fixture (fixture, "long.txt", text->str);
  open_file (fixture, path);
  wait_for_check (fixture);
  spin (200);

  first = g_utf8_pointer_to_offset (text->str, strchr (text->str, '\''));
  last = g_utf8_pointer_to_offset (text->str, strrchr (text->str, '\''));
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (checker)), ==, 2);
  g_assert_true (has_finding_tag (buffer, first));
  g_assert_false (has_finding_tag (buffer, last));

  /* As the scroll bar dragged to the bottom, once GTK has laid out the
   * whole document (until then line heights are guesses). */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  for (double upper = -1; upper != gtk_adjustment_get_upper (adjustment); spin (300))
    upper = gtk_adjustment_get_upper (adjustment);
  g_signal_connect (checker, "notify::busy", G_CALLBACK (count_busy), &n_busy);
  /* Tags come a frame or two after; under load GTK may still be laying
   * lines out, the document growing under the view: kept at the bottom
   * as a user holding the scroll bar there. */
  for (guint i = 0; i < 100 && !has_finding_tag (buffer, last); i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
      spin (100);
    }
  spin (100);
  g_signal_handlers_disconnect_by_func (checker, count_busy, &n_busy);
  g_assert_true (has_finding_tag (buffer, last));
  g_assert_false (has_finding_tag (buffer, first));
  g_assert_cmpuint (n_busy, ==, 0);
  g_settings_reset (epure_application_get_settings (fixture->app), "spell-checking");
}

/* The texts of the labels under @widget, in order, joined by '|'. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* The panel's rows are kept from one check to the next (GTK binds them
 * again rather than making new ones): what they show follows the text. */
static void
test_panel_rows_follow (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  GtkWidget *list_view = find_descendant (GTK_WIDGET (epure_window_get_findings_panel (fixture->window)), GTK_TYPE_LIST_VIEW);
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_nonnull (list_view);
  gtk_text_buffer_set_text (buffer, "Il parle de l'homme.\n", -1);
  wait_for_check (fixture);
  spin (100);
  collect_labels (list_view, labels);
  g_assert_nonnull (strstr (labels->str, "Typographic apostrophe"));
  g_assert_null (strstr (labels->str, "ellipsis"));

  gtk_text_buffer_set_text (buffer, "Il attend... encore.\n", -1);
  wait_for_check (fixture);
  spin (100);
  g_string_truncate (labels, 0);
  collect_labels (list_view, labels);
  g_assert_nonnull (strstr (labels->str, "ellipsis"));
  g_assert_null (strstr (labels->str, "Typographic apostrophe"));
}

static void
on_rows_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *most_added)
{
  /* Rows replaced by as many are bound again, not made. */
  if (added > removed)
    *most_added = MAX (*most_added, added - removed);
}

/* An empty panel given many rows grows by a few a frame: GTK 4.8 makes a
 * widget for each new row in the frame it appears (ROWS_PER_FRAME).  The
 * rows of a later check replace them in place. */
static void
test_panel_fills_by_frames (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  GtkWidget *list_view = find_descendant (GTK_WIDGET (epure_window_get_findings_panel (fixture->window)), GTK_TYPE_LIST_VIEW);
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  GListModel *rows = epure_findings_panel_get_rows (epure_window_get_findings_panel (fixture->window));
  g_autoptr(GString) text = g_string_new (NULL);
  guint most_added = 0;
  gulong handler;

  for (guint i = 0; i < 150; i++)
    g_string_append (text, "Il parle de l'homme.\n");
  handler = g_signal_connect (shown, "items-changed", G_CALLBACK (on_rows_changed), &most_added);
  gtk_text_buffer_set_text (buffer, text->str, -1);
  wait_for_check (fixture);
  /* A frame at a time: slow under the sanitizers. */
  for (guint i = 0; i < 300 && g_list_model_get_n_items (shown) < g_list_model_get_n_items (rows); i++)
    spin (100);
  g_signal_handler_disconnect (shown, handler);

  /* A header and the 150 findings, all listed in the end. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 151);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 151);
  g_assert_cmpuint (most_added, >, 0);
  g_assert_cmpuint (most_added, <=, 40);
}

/* Opens a file with problems, sees them in the panel, selects one. */
static void
test_open_shows_findings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *text = NULL;
  EpureFindingsPanel *panel = epure_window_get_findings_panel (fixture->window);
  GListModel *rows;
  g_autoptr(GObject) header = NULL;
  g_autoptr(GObject) first = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  guint n_whitespace = 0;

  open_file (fixture, path);
  g_assert_true (fixture->load_ok);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, dirty_text);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (epure_window_get_document (fixture->window))));

  wait_for_check (fixture);

  /* A header per checker, with its count, then its findings. */
  rows = epure_findings_panel_get_rows (panel);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (GTK_IS_STRING_OBJECT (row)
          && g_str_has_prefix (gtk_string_object_get_string (GTK_STRING_OBJECT (row)), "H\tWhitespace\t"))
        {
          g_assert_null (header);
          header = g_object_ref (row);
          g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (row)), ==, "H\tWhitespace\t3");
          first = g_list_model_get_item (rows, i + 1);
          epure_findings_panel_activate_row (panel, i + 1);
        }
      else if (EPURE_IS_FINDING (row) && g_str_equal (epure_finding_get_checker_id (EPURE_FINDING (row)), "whitespace"))
        n_whitespace++;
    }
  g_assert_nonnull (header);
  g_assert_cmpuint (n_whitespace, ==, 3);

  /* A click selects the finding's range: the trailing spaces. */
  g_assert_true (EPURE_IS_FINDING (first));
  g_assert_cmpstr (epure_finding_get_rule_id (EPURE_FINDING (first)), ==, "whitespace.trailing-space");
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (selected, ==, "   ");
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, (int) g_utf8_strlen ("Le conseil municipal s’est réuni hier soir.", -1));

  /* Typing more problems is seen shortly after. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Fin.  \n", -1);
  wait_for_check (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (epure_window_get_buffer_checker (fixture->window))), >=, 4);
}

static EpureCleanupDialog *
open_cleanup (Fixture    *fixture,
              const char *checker_id)
{
  EpureCleanupDialog *dialog = EPURE_CLEANUP_DIALOG (epure_window_open_cleanup (fixture->window, checker_id));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!epure_cleanup_dialog_get_ready (dialog))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return dialog;
}

/* The preview lists each change; applying is one undo step; saving writes
 * the cleaned bytes. */
static void
test_cleanup_undo_save (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *cleaned = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer;
  EpureCleanupDialog *dialog;
  gsize len;

  open_file (fixture, path);
  wait_for_check (fixture);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));

  dialog = open_cleanup (fixture, "whitespace");
  g_assert_cmpuint (epure_cleanup_dialog_get_n_changes (dialog), ==, 3);
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 3);

  cleaned = buffer_text (fixture);
  g_assert_cmpstr (cleaned, ==, clean_text);
  g_assert_true (gtk_text_buffer_get_modified (buffer));

  /* One undo step restores the original text exactly. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  undone = buffer_text (fixture);
  g_assert_cmpstr (undone, ==, dirty_text);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  redone = buffer_text (fixture);
  g_assert_cmpstr (redone, ==, clean_text);

  save_file (fixture, path);
  g_assert_true (fixture->save_ok);
  g_assert_false (gtk_text_buffer_get_modified (buffer));
  g_assert_true (g_file_get_contents (path, &on_disk, &len, NULL));
  g_assert_cmpuint (len, ==, strlen (clean_text));
  g_assert_cmpmem (on_disk, len, clean_text, strlen (clean_text));
}

/* Unticked changes stay as they were. */
static void
test_cleanup_untick (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *text = NULL;
  EpureCleanupDialog *dialog;

  open_file (fixture, path);
  wait_for_check (fixture);

  dialog = open_cleanup (fixture, "whitespace");
  g_assert_cmpuint (epure_cleanup_dialog_get_n_changes (dialog), ==, 3);
  g_assert_cmpstr (epure_finding_get_rule_id (epure_cleanup_dialog_get_change (dialog, 0)), ==, "whitespace.trailing-space");
  epure_cleanup_dialog_set_change_active (dialog, 0, FALSE);
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 2);

  text = buffer_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Le conseil municipal s’est réuni hier soir.   \n"));
  g_assert_null (strstr (text, "\n\n\n\n"));
}

/* Right-click on a flagged span offers its fix, which applies it. */
static void
test_context_menu_fix (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *text = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkTextBuffer *buffer;
  GMenuModel *menu;
  GtkTextIter iter;

  open_file (fixture, path);
  wait_for_check (fixture);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));

  /* Inside the trailing spaces. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_strlen ("Le conseil municipal s’est réuni hier soir. ", -1));
  menu = epure_window_update_fix_menu (fixture->window, &iter);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.apply-fix");
  target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE ("(uu)"));
  g_assert_nonnull (target);
  gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action, target);

  text = buffer_text (fixture);
  g_assert_true (g_str_has_prefix (text, "Le conseil municipal s’est réuni hier soir.\n\nLe budget"));

  /* Where nothing is flagged, nothing is offered. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  menu = epure_window_update_fix_menu (fixture->window, &iter);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);
}

/* A failed save leaves the file on disk untouched and says why, naming the file. */
static void
check_failed_save (Fixture    *fixture,
                   const char *path,
                   const char *original)
{
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_false (fixture->save_ok);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, original);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (epure_window_get_document (fixture->window))));

  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), basename));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
}

static void
test_save_read_only_dir (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "lecture-seule", NULL);
  g_autofree char *path = g_build_filename (sub, "article.txt", NULL);
  GtkTextBuffer *buffer;
  GtkTextIter end;

  if (geteuid () == 0)
    {
      /* Root writes into read-only folders; the size-limit test covers
       * the same path for root. */
      g_test_skip ("running as root: read-only folders do not stop root");
      return;
    }

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, dirty_text, -1, NULL));
  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Ajout.\n", -1);

  g_assert_cmpint (g_chmod (sub, 0500), ==, 0);
  save_file (fixture, path);
  g_chmod (sub, 0700);
  check_failed_save (fixture, path, dirty_text);
}

/* A write that fails half-way (here the file size limit, as a full disk
 * would) must not replace the file with a truncated one. */
static void
test_save_write_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  GtkTextBuffer *buffer;
  GtkTextIter end;
  struct rlimit saved, limited;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; i < 200; i++)
    gtk_text_buffer_insert (buffer, &end, "Une ligne de plus pour dépasser la limite.\n", -1);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 4096;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  fixture->saved = FALSE;
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    epure_window_save_to (fixture->window, file, NULL, FALSE);
    wait_for (&fixture->saved);
  }
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  check_failed_save (fixture, path, dirty_text);
}

/* Legacy 8-bit text opens, and the user is told which encoding was used;
 * a binary file opens nothing and says why. */
static void
test_open_legacy_and_binary (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *legacy = g_build_filename (fixture->dir, "ancien.txt", NULL);
  g_autofree char *binary = g_build_filename (fixture->dir, "image.txt", NULL);
  g_autofree char *text = NULL;
  const char cp1252[] = "Le caf\xe9 co\xfbte 2\x80.\n";
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (legacy, cp1252, sizeof cp1252 - 1, NULL));
  g_assert_true (g_file_set_contents (binary, png, sizeof png - 1, NULL));

  open_file (fixture, legacy);
  g_assert_true (fixture->load_ok);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Le café coûte 2€.\n");
  g_assert_cmpstr (epure_document_get_encoding (epure_window_get_document (fixture->window)), ==, "WINDOWS-1252");
  g_assert_true (epure_document_get_encoding_guessed (epure_window_get_document (fixture->window)));

  open_file (fixture, binary);
  g_assert_false (fixture->load_ok);
  g_clear_pointer (&text, g_free);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Le café coûte 2€.\n");
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "image.txt"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A file gone since it was listed: said plainly, with its path. */
  {
    g_autofree char *gone = g_build_filename (fixture->dir, "parti", "article.txt", NULL);

    open_file (fixture, gone);
    g_assert_false (fixture->load_ok);
    dialog = find_message_dialog (GTK_WINDOW (fixture->window));
    g_assert_nonnull (dialog);
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "The file does not exist"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), gone));
  }
}

/* CRLF line ends come back as CRLF. */
static void
test_save_keeps_crlf (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "dos.txt", "Ligne un.\r\nLigne deux.\r\n");
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Ligne trois.\n", -1);
  save_file (fixture, path);
  g_assert_true (fixture->save_ok);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, "Ligne un.\r\nLigne deux.\r\nLigne trois.\r\n");
}

/* The typography cleanup, through the real plugin: French quotes and
 * apostrophes in one step, undone in one step. */
static void
test_typography_cleanup (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *dirty = "Le maire a parlé d'une \"erreur historique\" hier.\n";
  const char *expected = "Le maire a parlé d’une «\u00a0erreur historique\u00a0» hier.\n";
  g_autofree char *path = write_fixture (fixture, "guillemets.txt", dirty);
  g_autofree char *cleaned = NULL;
  g_autofree char *undone = NULL;
  GListModel *findings = epure_buffer_checker_get_findings (epure_window_get_buffer_checker (fixture->window));
  EpureCleanupDialog *dialog;
  guint n;

  open_file (fixture, path);
  wait_for_check (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (findings), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(EpureFinding) finding = g_list_model_get_item (findings, i);
      g_assert_cmpstr (epure_finding_get_category (finding), ==, EPURE_CATEGORY_TYPOGRAPHY);
    }

  dialog = open_cleanup (fixture, "typography");
  n = epure_cleanup_dialog_get_n_changes (dialog);
  g_assert_cmpuint (n, >=, 2);
  g_assert_false (epure_cleanup_dialog_get_removes_blocks (dialog));
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), >=, 2);

  cleaned = buffer_text (fixture);
  g_assert_cmpstr (cleaned, ==, expected);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  undone = buffer_text (fixture);
  g_assert_cmpstr (undone, ==, dirty);

  /* Once clean, the checker finds nothing more to do. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  wait_for_check (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
}

static const char article_with_footer[] =
  "Les vendanges commencent tôt cette année\n"
  "\n"
  "Dans le Bordelais, les premiers raisins ont été coupés dès la mi-août, "
  "deux semaines plus tôt que la moyenne des trente dernières années.\n"
  "\n"
  "Les viticulteurs redoutent une récolte plus faible, mais d’une bonne qualité.\n"
  "\n"
  "Partagez cet article sur les réseaux sociaux !\n"
  "Faites un don pour soutenir notre rédaction indépendante via Paypal.\n";

/* Extras are removed as blocks; "this is content" keeps one. */
static void
test_remove_extras (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "vendanges.txt", article_with_footer);
  g_autofree char *text = NULL;
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  EpureCleanupDialog *dialog;
  EpureFinding *kept;
  GtkTextIter start, end;
  g_autofree char *kept_text = NULL;
  guint n, shown_before;

  open_file (fixture, path);
  wait_for_check (fixture);
  shown_before = g_list_model_get_n_items (epure_buffer_checker_get_findings (checker));
  g_assert_cmpuint (shown_before, >=, 2);

  /* Focus elsewhere, as after a click on the header's button. */
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
  dialog = open_cleanup (fixture, "boilerplate");
  n = epure_cleanup_dialog_get_n_changes (dialog);
  g_assert_cmpuint (n, >=, 2);
  g_assert_true (epure_cleanup_dialog_get_removes_blocks (dialog));

  /* The first block is declared content: it stays, and is no longer shown. */
  kept = epure_cleanup_dialog_get_change (dialog, 0);
  g_assert_true (epure_buffer_checker_get_bounds (checker, kept, &start, &end));
  kept_text = gtk_text_iter_get_text (&start, &end);
  epure_cleanup_dialog_keep_as_content (dialog, 0);
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (checker)), ==, shown_before - 1);

  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, n - 1);
  /* The preview gone, typing goes on in the text. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == epure_window_get_source_view (fixture->window));
  text = buffer_text (fixture);
  g_assert_nonnull (strstr (text, kept_text));
  g_assert_true (g_str_has_prefix (text, "Les vendanges commencent tôt cette année\n"));
  g_assert_nonnull (strstr (text, "mais d’une bonne qualité."));
  g_assert_cmpuint (strlen (text), <, strlen (article_with_footer));

  /* The kept block stays dismissed after the re-check. */
  wait_for_check (fixture);
  for (guint i = 0; i < g_list_model_get_n_items (epure_buffer_checker_get_findings (checker)); i++)
    {
      g_autoptr(EpureFinding) finding = g_list_model_get_item (epure_buffer_checker_get_findings (checker), i);
      g_autofree char *flagged = NULL;

      epure_buffer_checker_get_bounds (checker, finding, &start, &end);
      flagged = gtk_text_iter_get_text (&start, &end);
      g_assert_cmpstr (flagged, !=, kept_text);
    }
}

/* Closing with unsaved changes asks first; "Discard" closes. */
static void
test_close_prompt (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer;
  AdwMessageDialog *dialog;
  GtkTextIter end;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Ajout.\n", -1);

  gtk_window_close (GTK_WINDOW (fixture->window));
  spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "article.txt"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));

  /* Cancel keeps everything. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));

  /* Discard closes without writing. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  spin (50);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  spin (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, dirty_text);
}

/* Search selects the matches in turn, wrapping around. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWidget *entry;
  g_autofree char *first = NULL;
  int first_offset, second_offset;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL);
  entry = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (GTK_IS_TEXT (entry) || GTK_IS_SEARCH_ENTRY (entry));
  while (entry != NULL && !GTK_IS_SEARCH_ENTRY (entry))
    entry = gtk_widget_get_parent (entry);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Le ");
  /* The entry waits a moment before searching. */
  for (guint i = 0; i < 1000 && !gtk_text_buffer_get_selection_bounds (buffer, &start, &end); i++)
    spin (10);

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  first = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (first, ==, "Le ");
  first_offset = gtk_text_iter_get_offset (&start);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-next", NULL);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  second_offset = gtk_text_iter_get_offset (&start);
  g_assert_cmpint (second_offset, >, first_offset);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find-previous", NULL);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, first_offset);
}

/* Export writes another format and leaves the document as it was; the
 * file is added to the recent files. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  g_autofree char *html = g_build_filename (fixture->dir, "article.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (html);
  EpureDocument *document;
  GtkTextIter end;

  open_file (fixture, path);
  document = epure_window_get_document (fixture->window);
  uri = g_file_get_uri (epure_document_get_file (document));
  /* The recent manager looks up the file's type before adding it. */
  for (guint i = 0; i < 500 && !gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri); i++)
    spin (10);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &end, "Ajout.\n", -1);

  fixture->saved = FALSE;
  epure_window_save_to (fixture->window, target, "html", TRUE);
  wait_for (&fixture->saved);
  g_assert_true (fixture->save_ok);

  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<html"));
  g_assert_nonnull (strstr (contents, "La séance a duré deux heures."));
  g_assert_nonnull (strstr (contents, "Ajout."));
  /* Still the .txt, still modified. */
  {
    g_autoptr(GFile) original = g_file_new_for_path (path);
    g_assert_true (g_file_equal (epure_document_get_file (document), original));
  }
  g_assert_cmpstr (epure_document_get_format (document), ==, "txt");
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
}

/* An imported page keeps its shape through edits and cleanups: its
 * headings, bold runs and list items come out of Export… (they are kept as
 * tags that follow the text), and a Markdown source is written as such. */
static void
test_export_keeps_structure (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char page[] =
    "<html><body><h1>Le marché couvert rouvre</h1>"
    "<p>Après deux ans de travaux, les <b>commerçants</b> reviennent.</p>"
    "<ul><li>des fromages</li><li>des épices</li></ul></body></html>";
  g_autofree char *path = write_fixture (fixture, "marche.html", page);
  g_autofree char *out = g_build_filename (fixture->dir, "sortie.html", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (out);
  g_autofree char *contents = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  /* Typing before everything moves every block. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "Mis à jour. ", -1);

  fixture->saved = FALSE;
  epure_window_save_to (fixture->window, target, "html", TRUE);
  wait_for (&fixture->saved);
  g_assert_true (fixture->save_ok);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<h1>Mis à jour. Le marché couvert rouvre</h1>"));
  g_assert_nonnull (strstr (contents, "<strong>commerçants</strong>"));
  g_assert_nonnull (strstr (contents, "<li>des fromages</li>"));
  g_assert_nonnull (strstr (contents, "<li>des épices</li>"));
}

static void
test_export_markdown_source (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *md_path = write_fixture (fixture, "note.md", "# Titre de la note\n\nUn *mot* important.\n");
  g_autofree char *out = g_build_filename (fixture->dir, "note.html", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (out);
  g_autofree char *md_html = NULL;

  open_file (fixture, md_path);
  fixture->saved = FALSE;
  epure_window_save_to (fixture->window, target, "html", TRUE);
  wait_for (&fixture->saved);
  g_assert_true (fixture->save_ok);
  g_assert_true (g_file_get_contents (out, &md_html, NULL, NULL));
  g_assert_nonnull (strstr (md_html, "<h1>Titre de la note</h1>"));
  g_assert_nonnull (strstr (md_html, "<em>mot</em>"));
}

/* A file slow to read (here a pipe whose writer takes its time, like a
 * network share) shows progress, gone once it is open. */
static gpointer
write_slowly (gpointer path)
{
  int fd = open (path, O_WRONLY);
  const char text[] = "Un texte qui arrive lentement.\n";

  g_assert_cmpint (fd, >=, 0);
  g_usleep (800 * 1000);
  g_assert_cmpint (write (fd, text, sizeof text - 1), ==, sizeof text - 1);
  close (fd);
  return NULL;
}

static void
test_open_slow_shows_progress (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "lent.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *progress = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_PROGRESS_BAR);
  g_autoptr(GThread) writer = NULL;
  g_autofree char *text = NULL;
  gboolean seen = FALSE;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_nonnull (progress);
  g_assert_false (gtk_widget_get_visible (progress));
  writer = g_thread_new ("writer", write_slowly, path);

  fixture->loaded = FALSE;
  epure_window_open_file (fixture->window, file);
  /* No "Nothing to Clean" while the text is not in yet. */
  g_assert_true (epure_findings_panel_get_loading (epure_window_get_findings_panel (fixture->window)));
  while (!fixture->loaded)
    {
      g_main_context_iteration (NULL, FALSE);
      seen = seen || gtk_widget_get_visible (progress);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  g_thread_join (g_steal_pointer (&writer));
  g_assert_true (fixture->load_ok);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Un texte qui arrive lentement.\n");
  g_assert_true (seen);
  g_assert_false (gtk_widget_get_visible (progress));
  /* Until its first check, the text is still being opened for the panel. */
  wait_for_check (fixture);
  g_assert_false (epure_findings_panel_get_loading (epure_window_get_findings_panel (fixture->window)));

  /* An empty file does not leave the panel waiting. */
  {
    g_autofree char *empty = write_fixture (fixture, "vide.txt", "");
    g_autoptr(GFile) empty_file = g_file_new_for_path (empty);

    fixture->loaded = FALSE;
    epure_window_open_file (fixture->window, empty_file);
    wait_for (&fixture->loaded);
    spin (200);
    g_assert_false (epure_findings_panel_get_loading (epure_window_get_findings_panel (fixture->window)));
  }
}

/* Export…: an extension typed in the name wins over the Format choice
 * left at its default; a bare name gets the chosen format's extension. */
static void
test_export_target (void)
{
  struct { const char *name, *chosen, *path, *format; } cases[] = {
    { "out.odt", "txt", "out.odt", "odt" },
    { "out.docx", "txt", "out.docx", "docx" },
    { "out", "docx", "out.docx", "docx" },
    { "notes.txt", "html", "notes.txt", "txt" },
    { "page.htm", "txt", "page.htm", "html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);
      g_autoptr(GFile) target = NULL;
      g_autofree char *name = NULL;
      const char *format = NULL;

      target = epure_export_target (file, cases[i].chosen, &format);
      name = g_file_get_basename (target);
      g_assert_cmpstr (name, ==, cases[i].path);
      g_assert_cmpstr (epure_format_get_extension (format), ==, epure_format_get_extension (cases[i].format));
    }
}

/* Hundreds of changes: the first ones listed, the rest ticked as one. */
static void
test_cleanup_many (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *cleaned = NULL;
  EpureCleanupDialog *dialog;

  for (guint i = 0; i < 350; i++)
    g_string_append_printf (text, "Ligne %u.  \n", i);
  path = write_fixture (fixture, "long.txt", text->str);
  open_file (fixture, path);
  wait_for_check (fixture);

  /* Leave the last 50 (beyond the listed rows) as they are. */
  dialog = open_cleanup (fixture, "whitespace");
  g_assert_cmpuint (epure_cleanup_dialog_get_n_changes (dialog), ==, 350);
  epure_cleanup_dialog_set_change_active (dialog, 349, FALSE);
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 300);
  cleaned = buffer_text (fixture);
  g_assert_true (g_str_has_prefix (cleaned, "Ligne 0.\nLigne 1.\n"));
  g_assert_nonnull (strstr (cleaned, "Ligne 299.\nLigne 300.  \n"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  wait_for_check (fixture);
  dialog = open_cleanup (fixture, "whitespace");
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 350);
  g_clear_pointer (&cleaned, g_free);
  cleaned = buffer_text (fixture);
  g_assert_null (strstr (cleaned, "  \n"));
}

/* A file dropped on the editor opens (in this window, which is empty). */
static void
test_drop_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "depose.txt", "Texte déposé.\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  GtkWidget *view = epure_window_get_source_view (fixture->window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller)
          && g_type_is_a (gdk_content_formats_get_gtypes (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)), NULL)[0], G_TYPE_FILE))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  fixture->loaded = FALSE;
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  wait_for (&fixture->loaded);

  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Texte déposé.\n");
}

/* The commands have their documented shortcuts. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  const struct { const char *accel; const char *action; } expected[] = {
    { "<Control><Shift>t", "win.clean-typography" },
    { "<Control><Shift>b", "win.remove-extras" },
    { "<Control>s", "win.save" },
    { "<Control>o", "win.open" },
    { "<Control>f", "win.find" },
    { "F8", "win.next-finding" },
  };

  /* Bound by the text view itself, or by GtkApplication. */
  const char *builtin[] = { "<Control>z", "<Control><Shift>z", "<Control>question", NULL };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  GObject *overlay;
  guint n_shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), expected[i].accel);
      g_assert_true (g_strv_contains ((const char * const *) actions, expected[i].action));
    }

  /* Every shortcut the shortcuts window shows does something. */
  builder = gtk_builder_new_from_resource ("/fr/epure/Epure/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_nonnull (overlay);
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accel = NULL;
      g_auto(GStrv) actions = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accel, NULL);
      n_shown++;
      if (g_strv_contains (builtin, accel))
        continue;
      actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), accel);
      if (actions == NULL || actions[0] == NULL)
        g_error ("The shortcuts window shows %s, which nothing is bound to", accel);
    }
  g_assert_cmpuint (n_shown, >=, 20);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The spacing profile of the preferences reaches the typography checker. */
static void
test_spaces_profile (Fixture       *fixture,
                     gconstpointer  data)
{
  GSettings *settings = epure_application_get_settings (fixture->app);
  g_autofree char *path = write_fixture (fixture, "profil.txt", "Quelle surprise !\n");
  g_autofree char *france = NULL;
  g_autofree char *regular = NULL;
  EpureCleanupDialog *dialog;

  open_file (fixture, path);
  wait_for_check (fixture);
  dialog = open_cleanup (fixture, "typography");
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 1);
  france = buffer_text (fixture);
  g_assert_cmpstr (france, ==, "Quelle surprise\u202f!\n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);

  g_settings_set_string (settings, "spaces-profile", "regular");
  wait_for_check (fixture);
  dialog = open_cleanup (fixture, "typography");
  g_assert_cmpuint (epure_cleanup_dialog_apply (dialog, NULL), ==, 1);
  regular = buffer_text (fixture);
  g_assert_cmpstr (regular, ==, "Quelle surprise\u00a0!\n");
  g_settings_reset (settings, "spaces-profile");
}

/* Each control of the preferences writes its key, and follows it (the
 * fixture enables the typography and whitespace checkers). */
static void
test_preferences_write_settings (Fixture       *fixture,
                                 gconstpointer  data)
{
  GSettings *settings = epure_application_get_settings (fixture->app);
  GtkWidget *prefs = GTK_WIDGET (epure_preferences_window_new (fixture->app));
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkSwitch *whitespace = NULL, *spell_checking = NULL;
  GtkSpinButton *threshold = NULL, *max_size = NULL;
  AdwComboRow *profile = ADW_COMBO_ROW (find_descendant (prefs, ADW_TYPE_COMBO_ROW));
  GtkEditable *language = GTK_EDITABLE (find_descendant (prefs, ADW_TYPE_ENTRY_ROW));
  g_auto(GStrv) without = NULL;
  g_auto(GStrv) with = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *spaces = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  find_all (prefs, GTK_TYPE_SWITCH, switches);
  find_all (prefs, GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < switches->len; i++)
    {
      const char *id = g_object_get_data (switches->pdata[i], "checker-id");

      if (g_strcmp0 (id, "whitespace") == 0)
        whitespace = switches->pdata[i];
      else if (id == NULL && spell_checking == NULL)
        spell_checking = switches->pdata[i];   /* the first after the checkers' */
    }
  for (guint i = 0; i < spins->len; i++)
    {
      GtkAdjustment *adj = gtk_spin_button_get_adjustment (spins->pdata[i]);

      if (gtk_adjustment_get_upper (adj) == 1.0)
        threshold = spins->pdata[i];
      else
        max_size = spins->pdata[i];
    }
  g_assert_nonnull (profile);
  g_assert_nonnull (language);
  g_assert_nonnull (whitespace);
  g_assert_nonnull (spell_checking);
  g_assert_nonnull (threshold);
  g_assert_nonnull (max_size);

  /* The spacing profile, both ways. */
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 0);
  adw_combo_row_set_selected (profile, 2);
  spaces = g_settings_get_string (settings, "spaces-profile");
  g_assert_cmpstr (spaces, ==, "regular");
  g_settings_set_string (settings, "spaces-profile", "narrow");
  g_assert_cmpuint (adw_combo_row_get_selected (profile), ==, 1);

  /* A checker's switch takes it out of the enabled list and back. */
  g_assert_true (gtk_switch_get_active (whitespace));
  gtk_switch_set_active (whitespace, FALSE);
  without = g_settings_get_strv (settings, "enabled-checkers");
  g_assert_false (g_strv_contains ((const char * const *) without, "whitespace"));
  g_assert_true (g_strv_contains ((const char * const *) without, "typography"));
  gtk_switch_set_active (whitespace, TRUE);
  with = g_settings_get_strv (settings, "enabled-checkers");
  g_assert_true (g_strv_contains ((const char * const *) with, "whitespace"));

  gtk_switch_set_active (spell_checking, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "spell-checking"));

  gtk_editable_set_text (language, "fr_CA");
  lang = g_settings_get_string (settings, "spelling-language");
  g_assert_cmpstr (lang, ==, "fr_CA");

  gtk_spin_button_set_value (threshold, 0.5);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "boilerplate-threshold"), 0.5, 1e-9);
  gtk_spin_button_set_value (max_size, 300);
  g_assert_cmpuint (g_settings_get_uint (settings, "max-file-size"), ==, 300);
  g_settings_set_uint (settings, "max-file-size", 50);
  g_assert_cmpfloat (gtk_spin_button_get_value (max_size), ==, 50);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "spaces-profile");
  g_settings_reset (settings, "enabled-checkers");
  g_settings_reset (settings, "spell-checking");
  g_settings_reset (settings, "spelling-language");
  g_settings_reset (settings, "boilerplate-threshold");
  g_settings_reset (settings, "max-file-size");
}

/* F8 walks through the findings; turning the checker off empties the panel. */
static void
test_next_finding_and_disable (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "article.txt", dirty_text);
  GSettings *settings = epure_application_get_settings (fixture->app);
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *none[] = { NULL };

  open_file (fixture, path);
  wait_for_check (fixture);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-finding", NULL);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  first = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (first, ==, "   ");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-finding", NULL);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  second = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (second, ==, " ");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-finding", NULL);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, (int) g_utf8_strlen ("Le conseil municipal s’est réuni hier soir.", -1));

  g_settings_set_strv (settings, "enabled-checkers", none);
  wait_for_check (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (epure_buffer_checker_get_findings (checker)), ==, 0);
}

/* "Save" on an imported web page asks instead of overwriting it with text. */
static void
test_save_imported_asks (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *html = "<!DOCTYPE html><html><head><title>Page</title></head>"
                     "<body><h1>Titre</h1><p>Un paragraphe.</p></body></html>";
  g_autofree char *path = write_fixture (fixture, "page.html", html);
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  open_file (fixture, path);
  g_assert_true (fixture->load_ok);
  g_assert_cmpstr (epure_document_get_format (epure_window_get_document (fixture->window)), ==, "html");
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Ajout.\n", -1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL);
  spin (50);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "page.html"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, html);
  g_assert_true (gtk_text_buffer_get_modified (buffer));
}

/* Misspellings: counted in the panel, reached with Ctrl+F7, and their
 * suggestions in the context menu. */
static void
test_misspellings (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_fixture (fixture, "fautes.txt", "Le chatt dort sur le canapé.\n");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *word = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  open_file (fixture, path);
  buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));

  /* The adapter checks in the background. */
  do
    {
      spin (20);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-misspelling", NULL);
    }
  while (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end) && g_get_monotonic_time () < deadline);

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  word = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (word, ==, "chatt");

  /* Listed in the panel under their own header; a click selects the word. */
  {
    EpureFindingsPanel *panel = epure_window_get_findings_panel (fixture->window);
    GListModel *rows = NULL;
    guint position = G_MAXUINT;
    g_autofree char *selected = NULL;

    while (position == G_MAXUINT && g_get_monotonic_time () < deadline)
      {
        spin (50);
        rows = epure_findings_panel_get_rows (panel);
        for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
          {
            g_autoptr(GObject) row = g_list_model_get_item (rows, i);
            if (GTK_IS_TEXT_MARK (row))
              position = i;
          }
      }
    g_assert_cmpuint (position, !=, G_MAXUINT);
    {
      g_autoptr(GObject) header = g_list_model_get_item (rows, position - 1);
      g_assert_true (GTK_IS_STRING_OBJECT (header));
      g_assert_true (g_str_has_suffix (gtk_string_object_get_string (GTK_STRING_OBJECT (header)), "\t1"));
    }
    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_place_cursor (buffer, &start);
    epure_findings_panel_activate_row (panel, position);
    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
    selected = gtk_text_iter_get_text (&start, &end);
    g_assert_cmpstr (selected, ==, "chatt");
  }

  /* Shift+F10's menu: the suggestions come first, Cut and Paste after;
   * choosing one replaces the word. */
  {
    GtkWidget *view = epure_window_get_source_view (fixture->window);
    GtkWidget *popover = NULL;
    GMenuModel *model;
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;
    g_autofree char *text = NULL;
    g_autofree char *expected = NULL;
    guint first = G_MAXUINT, cut = G_MAXUINT;

    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.context-menu", NULL);
    for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER_MENU (child))
        popover = child;
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));

    /* Sections in order: the first item shown, and where Cut is. */
    do
      {
        guint index = 0;

        spin (20);
        first = cut = G_MAXUINT;
        g_clear_pointer (&action, g_free);
        g_clear_pointer (&target, g_variant_unref);
        for (int i = 0; i < g_menu_model_get_n_items (model); i++)
          {
            g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
            GQueue sections = G_QUEUE_INIT;

            g_queue_push_tail (&sections, g_object_ref (section));
            while (!g_queue_is_empty (&sections))
              {
                g_autoptr(GMenuModel) m = g_queue_pop_head (&sections);

                for (int j = 0; j < g_menu_model_get_n_items (m); j++)
                  {
                    GMenuModel *inner = g_menu_model_get_item_link (m, j, G_MENU_LINK_SECTION);
                    g_autofree char *a = NULL;

                    if (inner != NULL)
                      {
                        g_queue_push_tail (&sections, inner);
                        continue;
                      }
                    g_menu_model_get_item_attribute (m, j, G_MENU_ATTRIBUTE_ACTION, "s", &a);
                    if (first == G_MAXUINT)
                      {
                        first = index;
                        action = g_strdup (a);
                        target = g_menu_model_get_item_attribute_value (m, j, G_MENU_ATTRIBUTE_TARGET, NULL);
                      }
                    if (g_strcmp0 (a, "clipboard.cut") == 0)
                      cut = index;
                    index++;
                  }
              }
          }
      }
    while (g_strcmp0 (action, "spelling.none") == 0 && g_get_monotonic_time () < deadline);

    g_assert_cmpstr (action, ==, "spelling.replace");
    g_assert_cmpuint (first, <, cut);
    g_assert_cmpuint (cut, !=, G_MAXUINT);
    gtk_widget_activate_action_variant (view, action, target);
    gtk_popover_popdown (GTK_POPOVER (popover));
    text = buffer_text (fixture);
    expected = g_strdup_printf ("Le %s dort sur le canapé.\n", g_variant_get_string (target, NULL));
    g_assert_cmpstr (text, ==, expected);
  }
}

/* The misspellings of a document once all of it is checked. */
static guint
count_misspellings (Fixture    *fixture,
                    const char *name,
                    const char *contents)
{
  g_autofree char *path = write_fixture (fixture, name, contents);
  EpureSpellAdapter *adapter;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  open_file (fixture, path);
  wait_for_check (fixture);
  adapter = epure_window_get_spell_adapter (fixture->window);
  g_assert_nonnull (adapter);
  while (!epure_spell_adapter_get_complete (adapter) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_true (epure_spell_adapter_get_complete (adapter));
  return epure_spell_adapter_get_n_misspelled (adapter);
}

/* In a Markdown document, indented code is not spelled (nor fixed), as
 * epure-cli does not spell it; the same text as plain text is all prose. */
static void
test_markdown_code_not_spelled (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *text = "Le chatt dort.\n\n    frobnicat --zorglub\n\nFin.\n";

  g_assert_cmpuint (count_misspellings (fixture, "note.md", text), ==, 1);
  g_assert_cmpuint (count_misspellings (fixture, "note.txt", text), ==, 3);
}

/* A big file goes into the buffer in slices: the window keeps drawing
 * (no main-loop iteration over 100 ms), the text is whole, not an edit,
 * and the checkers check it once it is all in. */
typedef struct
{
  gint64 last;
  gint64 max_gap;
} Gaps;

static gboolean
record_gap (gpointer user_data)
{
  Gaps *gaps = user_data;
  gint64 now = g_get_monotonic_time ();

  gaps->max_gap = MAX (gaps->max_gap, now - gaps->last);
  gaps->last = now;
  return G_SOURCE_CONTINUE;
}

/* The main thread's CPU time: what an iteration costs, whatever else
 * the machine is doing meanwhile (tests run in parallel on few cores). */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Sanitizer builds run several times slower: build-aux/run-sanitizers.sh
 * sets EPURE_TEST_TIME_FACTOR so that the stall bounds scale with them. */
static gint64
time_factor (void)
{
  const char *factor = g_getenv ("EPURE_TEST_TIME_FACTOR");

  return factor != NULL ? MAX (1, g_ascii_strtoll (factor, NULL, 10)) : 1;
}

static void
test_open_big_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gros.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) contents = g_string_sized_new (21 * 1024 * 1024);
  GtkWidget *progress = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_PROGRESS_BAR);
  EpureDocument *document = epure_window_get_document (fixture->window);
  EpureBufferChecker *checker = epure_window_get_buffer_checker (fixture->window);
  g_autofree char *text = NULL;
  Gaps gaps = { 0, 0 };
  gint64 started, deadline, iter_start, iter_cpu, max_iter = 0, max_iter_cpu = 0;
  gboolean seen_progress = FALSE, was_editable = TRUE;
  guint gap_id;

  /* ~20 MB of French prose, accented letters and long lines included, one
   * doubled space per paragraph for the whitespace checker to find at
   * the very end. */
  /* EPURE_TEST_BIG_MB: another size, for measuring by hand. */
  gsize size = g_getenv ("EPURE_TEST_BIG_MB") ? g_ascii_strtoull (g_getenv ("EPURE_TEST_BIG_MB"), NULL, 10) * 1000 * 1000
                                              : 20 * 1000 * 1000;

  for (guint i = 0; contents->len < size; i++)
    {
      g_string_append_printf (contents,
                              "Paragraphe %u : l’été dernier, à Évreux, les élèves ont réécrit leur journal "
                              "— « ça valait le coup », dit-on — et chacun a relu son texte.%s\n",
                              i, i % 7 == 0 ? " Une ligne bien plus longue que les autres, pour que les coupures ne tombent pas toujours au même endroit, avec des œufs, des cœurs et des ﬁ." : "");
      if (i % 50 == 49)
        g_string_append (contents, "\n");
    }
  g_string_append (contents, "Fin du texte avec une espace finale \n");
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, NULL));
  g_assert_nonnull (progress);

  gaps.last = g_get_monotonic_time ();
  gap_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, record_gap, &gaps, NULL);

  fixture->loaded = FALSE;
  started = g_get_monotonic_time ();
  deadline = started + 120 * G_USEC_PER_SEC;
  epure_window_open_file (fixture->window, file);
  while (!fixture->loaded)
    {
      iter_start = g_get_monotonic_time ();
      iter_cpu = thread_cpu_time ();
      g_main_context_iteration (NULL, TRUE);
      max_iter = MAX (max_iter, g_get_monotonic_time () - iter_start);
      max_iter_cpu = MAX (max_iter_cpu, thread_cpu_time () - iter_cpu);
      seen_progress = seen_progress || gtk_widget_get_visible (progress);
      if (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (document)) > 0 && !fixture->loaded)
        was_editable = was_editable && gtk_text_view_get_editable (GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (fixture->window), GTK_SOURCE_TYPE_VIEW)));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_source_remove (gap_id);
  g_test_message ("loaded %zu bytes in %.0f ms; longest main-loop iteration %.1f ms (%.1f ms CPU), "
                  "longest gap between 5 ms ticks %.1f ms",
                  contents->len, (g_get_monotonic_time () - started) / 1000.0,
                  max_iter / 1000.0, max_iter_cpu / 1000.0, gaps.max_gap / 1000.0);
  g_assert_true (fixture->load_ok);
  /* One set_text took ~300 ms CPU here for this file.  Wall times get
   * other processes' share of the cores too: a looser bound for them. */
  g_assert_cmpint (max_iter_cpu, <, 100 * 1000 * time_factor ());
  g_assert_cmpint (max_iter, <, 250 * 1000 * time_factor ());
  g_assert_cmpint (gaps.max_gap, <, 250 * 1000 * time_factor ());
  g_assert_true (seen_progress);
  g_assert_false (was_editable);
  g_assert_false (gtk_widget_get_visible (progress));

  text = buffer_text (fixture);
  g_assert_cmpuint (strlen (text), ==, contents->len);
  g_assert_true (strcmp (text, contents->str) == 0);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_false (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (fixture->window), GTK_SOURCE_TYPE_VIEW))));

  /* The findings come afterwards, for the whole text. */
  started = g_get_monotonic_time ();
  deadline = started + 120 * G_USEC_PER_SEC;
  spin (20);
  max_iter_cpu = 0;
  while (epure_buffer_checker_get_busy (checker) || epure_buffer_checker_get_text (checker) == NULL)
    {
      iter_cpu = thread_cpu_time ();
      g_main_context_iteration (NULL, TRUE);
      max_iter_cpu = MAX (max_iter_cpu, thread_cpu_time () - iter_cpu);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_test_message ("findings after %.0f ms; longest iteration meanwhile %.1f ms CPU",
                  (g_get_monotonic_time () - started) / 1000.0, max_iter_cpu / 1000.0);
  /* Checking and tagging 20 MB do not freeze the window either. */
  g_assert_cmpint (max_iter_cpu, <, 100 * 1000 * time_factor ());
  {
    GListModel *findings = epure_buffer_checker_get_findings (checker);
    gboolean seen_end = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (findings), >, 0);
    /* The trailing space of the last line: the check saw the end. */
    for (guint i = g_list_model_get_n_items (findings); i > 0 && !seen_end; i--)
      {
        g_autoptr(EpureFinding) finding = g_list_model_get_item (findings, i - 1);
        seen_end = epure_finding_get_start (finding) == contents->len - 2;
      }
    g_assert_true (seen_end);
  }
}

/* Another file opened, or the window closed, while a big one goes in:
 * the big one stops there, leaving no half text and nothing to undo. */
static void
test_open_big_file_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gros.txt", NULL);
  g_autofree char *small = write_fixture (fixture, "petit.txt", "Un petit texte.\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GString) contents = g_string_new (NULL);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (epure_window_get_document (fixture->window));
  g_autofree char *text = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  EpureWindow *other;

  while (contents->len < 8 * 1000 * 1000)
    g_string_append (contents, "Une ligne de texte à charger, répétée bien des fois.\n");
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, NULL));

  fixture->loaded = FALSE;
  epure_window_open_file (fixture->window, file);
  while (gtk_text_buffer_get_char_count (buffer) == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_false (fixture->loaded);
  open_file (fixture, small);
  g_assert_true (fixture->load_ok);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Un petit texte.\n");
  g_assert_false (gtk_text_buffer_get_modified (buffer));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_assert_true (g_file_equal (epure_document_get_file (EPURE_DOCUMENT (buffer)), small_file));
  spin (100);
  g_clear_pointer (&text, g_free);
  text = buffer_text (fixture);
  g_assert_cmpstr (text, ==, "Un petit texte.\n");

  /* Closing mid-load: the document is let go once the load has stopped. */
  other = epure_window_new (fixture->app);
  g_object_ref_sink (other);
  gtk_window_present (GTK_WINDOW (other));
  buffer = GTK_TEXT_BUFFER (g_object_ref (epure_window_get_document (other)));
  epure_window_open_file (other, file);
  while (gtk_text_buffer_get_char_count (buffer) == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  gtk_window_destroy (GTK_WINDOW (other));
  g_object_unref (other);
  while (epure_document_get_busy (EPURE_DOCUMENT (buffer)))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_object_unref (buffer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpureApplication) app = NULL;
  g_autofree char *home = g_dir_make_tmp ("epure-ui-home-XXXXXX", NULL);
  int ret;

  /* No user state: recent files and settings live in a throw-away home. */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  epure_init ();
  g_test_init (&argc, &argv, NULL);

  app = epure_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_set_default (G_APPLICATION (app));
  g_object_set_data (G_OBJECT (app), "app", app);
  g_application_hold (G_APPLICATION (app));

  g_test_add ("/ui/window/open-shows-findings", Fixture, NULL, fixture_set_up, test_open_shows_findings, fixture_tear_down);
  g_test_add ("/ui/window/cleanup-undo-save", Fixture, NULL, fixture_set_up, test_cleanup_undo_save, fixture_tear_down);
  g_test_add ("/ui/window/cleanup-untick", Fixture, NULL, fixture_set_up, test_cleanup_untick, fixture_tear_down);
  g_test_add ("/ui/window/context-menu-fix", Fixture, NULL, fixture_set_up, test_context_menu_fix, fixture_tear_down);
  g_test_add ("/ui/window/save-read-only-dir", Fixture, NULL, fixture_set_up, test_save_read_only_dir, fixture_tear_down);
  g_test_add ("/ui/window/save-write-fails", Fixture, NULL, fixture_set_up, test_save_write_fails, fixture_tear_down);
  g_test_add ("/ui/window/open-legacy-and-binary", Fixture, NULL, fixture_set_up, test_open_legacy_and_binary, fixture_tear_down);
  g_test_add ("/ui/window/save-keeps-crlf", Fixture, NULL, fixture_set_up, test_save_keeps_crlf, fixture_tear_down);

  g_test_add ("/ui/window/typography-cleanup", Fixture, "typography", fixture_set_up, test_typography_cleanup, fixture_tear_down);
  g_test_add_func ("/ui/window/view-window-before-layout", test_view_window_before_layout);
  g_test_add ("/ui/window/tags-survive-relayout", Fixture, "typography", fixture_set_up, test_tags_survive_relayout, fixture_tear_down);
  g_test_add ("/ui/window/tags-follow-view", Fixture, "typography", fixture_set_up, test_tags_follow_view, fixture_tear_down);
  g_test_add ("/ui/window/panel-rows-follow", Fixture, "typography", fixture_set_up, test_panel_rows_follow, fixture_tear_down);
  g_test_add ("/ui/window/panel-fills-by-frames", Fixture, "typography", fixture_set_up, test_panel_fills_by_frames, fixture_tear_down);
  g_test_add ("/ui/window/remove-extras", Fixture, "boilerplate", fixture_set_up, test_remove_extras, fixture_tear_down);

  g_test_add ("/ui/window/close-prompt", Fixture, NULL, fixture_set_up, test_close_prompt, fixture_tear_down);
  g_test_add ("/ui/window/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add_func ("/ui/window/export-target", test_export_target);
  g_test_add ("/ui/window/open-slow-shows-progress", Fixture, NULL, fixture_set_up, test_open_slow_shows_progress, fixture_tear_down);
  g_test_add ("/ui/window/export-keeps-structure", Fixture, NULL, fixture_set_up, test_export_keeps_structure, fixture_tear_down);
  g_test_add ("/ui/window/export-markdown-source", Fixture, NULL, fixture_set_up, test_export_markdown_source, fixture_tear_down);
  g_test_add ("/ui/window/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);

  g_test_add ("/ui/window/cleanup-many", Fixture, NULL, fixture_set_up, test_cleanup_many, fixture_tear_down);

  g_test_add ("/ui/window/drop-file", Fixture, NULL, fixture_set_up, test_drop_file, fixture_tear_down);
  g_test_add ("/ui/window/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);

  g_test_add ("/ui/window/spaces-profile", Fixture, "typography", fixture_set_up, test_spaces_profile, fixture_tear_down);
  g_test_add ("/ui/window/preferences-write-settings", Fixture, "typography,whitespace", fixture_set_up, test_preferences_write_settings, fixture_tear_down);

  g_test_add ("/ui/window/next-finding-and-disable", Fixture, NULL, fixture_set_up, test_next_finding_and_disable, fixture_tear_down);

  g_test_add ("/ui/window/save-imported-asks", Fixture, NULL, fixture_set_up, test_save_imported_asks, fixture_tear_down);

  g_test_add ("/ui/window/misspellings", Fixture, "spelling", fixture_set_up, test_misspellings, fixture_tear_down);
  g_test_add ("/ui/window/markdown-code-not-spelled", Fixture, "spelling", fixture_set_up, test_markdown_code_not_spelled, fixture_tear_down);

  g_test_add ("/ui/window/open-big-file", Fixture, NULL, fixture_set_up, test_open_big_file, fixture_tear_down);
  g_test_add ("/ui/window/open-big-file-cancel", Fixture, NULL, fixture_set_up, test_open_big_file_cancel, fixture_tear_down);
  g_test_add ("/ui/window/open-big-file-spelling", Fixture, "whitespace,spelling", fixture_set_up, test_open_big_file, fixture_tear_down);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_rmdir (home);
  return ret;
}
