/* test-spell-adapter.c: spell checking as you type in a real GtkSourceView
 * window (under Xvfb), through the same checker the plugin engine gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "epure.h"
#include "epure-spell-adapter.h"
#include "epure-spelling-checker.h"

typedef struct
{
  GtkWindow *window;
  GtkSourceView *view;
  GtkTextBuffer *buffer;
  EpureChecker *checker;
  EpureSpellAdapter *adapter;
  EpurePipeline *pipeline;
} Fixture;

static void
wait_until (gboolean (*done) (Fixture *), Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_complete (Fixture *f)
{
  return epure_spell_adapter_get_complete (f->adapter);
}

static void
flush (Fixture *f)
{
  /* Let the edit handlers schedule their work, then wait for it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_until (is_complete, f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EpurePluginEngine) engine = epure_plugin_engine_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "spelling", NULL };
  GtkWidget *scroller;

  /* The same checker object as the app's pipeline, from the engine. */
  f->pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  g_assert_no_error (error);
  f->checker = epure_pipeline_get_checker (f->pipeline, "spelling");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 500, 300);
  f->view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, scroller);

  f->adapter = epure_spell_adapter_new (f->buffer, f->checker);
  epure_spell_adapter_set_view (f->adapter, GTK_TEXT_VIEW (f->view));
  gtk_widget_insert_action_group (GTK_WIDGET (f->view), "spelling",
                                  epure_spell_adapter_get_action_group (f->adapter));
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (f->view), epure_spell_adapter_get_menu_model (f->adapter));
  gtk_window_present (f->window);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  flush (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->adapter);
  gtk_window_destroy (f->window);
  g_clear_object (&f->pipeline);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Types like the keyboard does: one character per user action. */
static void
type_text (Fixture    *f,
           const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char buf[8] = { 0 };
      g_unichar_to_utf8 (g_utf8_get_char (p), buf);
      gtk_text_buffer_begin_user_action (f->buffer);
      gtk_text_buffer_insert_interactive_at_cursor (f->buffer, buf, -1, TRUE);
      gtk_text_buffer_end_user_action (f->buffer);
      g_main_context_iteration (NULL, FALSE);
    }
}

static char *
buffer_text (Fixture *f)
{
  GtkTextIter s, e;
  gtk_text_buffer_get_bounds (f->buffer, &s, &e);
  return gtk_text_buffer_get_text (f->buffer, &s, &e, TRUE);
}

static gboolean
is_underlined (Fixture    *f,
               const char *word)
{
  g_autofree char *text = buffer_text (f);
  const char *found = strstr (text, word);
  GtkTextIter s, e;
  GtkTextTag *tag = epure_spell_adapter_get_tag (f->adapter);

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (f->buffer, &s, g_utf8_pointer_to_offset (text, found));
  e = s;
  gtk_text_iter_forward_chars (&e, g_utf8_strlen (word, -1));
  /* The whole word and nothing around it. */
  return gtk_text_iter_starts_tag (&s, tag) && gtk_text_iter_ends_tag (&e, tag);
}

static void
iter_in_word (Fixture     *f,
              const char  *word,
              GtkTextIter *iter)
{
  g_autofree char *text = buffer_text (f);
  const char *found = strstr (text, word);

  g_assert_nonnull (found);
  gtk_text_buffer_get_iter_at_offset (f->buffer, iter, g_utf8_pointer_to_offset (text, found) + 2);
}

static GMenuModel *
suggestions_section (Fixture *f)
{
  GMenuModel *menu = epure_spell_adapter_get_menu_model (f->adapter);
  return g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
}

static gboolean
has_suggestions (Fixture *f)
{
  g_autoptr(GMenuModel) section = suggestions_section (f);
  g_autofree char *action = NULL;

  if (g_menu_model_get_n_items (section) == 0)
    return FALSE;
  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action);
  return g_strcmp0 (action, "spelling.replace") == 0;
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("EPURE_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;

  /* Let the view lay out and draw the new tags first. */
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  w = gdk_paintable_get_intrinsic_width (paintable);
  h = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  if (node == NULL || renderer == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_type_and_replace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  type_text (f, "Une nouvele maison ");
  flush (f);
  g_assert_true (is_underlined (f, "nouvele"));
  g_assert_false (is_underlined (f, "maison"));
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 1);
  save_screenshot (f, "spell-underlined.png");

  /* Right-click: suggestions arrive from a worker thread. */
  iter_in_word (f, "nouvele", &iter);
  epure_spell_adapter_update_menu (f->adapter, &iter);
  g_assert_true (g_action_group_get_action_enabled (epure_spell_adapter_get_action_group (f->adapter), "add"));
  wait_until (has_suggestions, f);
  section = suggestions_section (f);
  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target);
  g_assert_cmpstr (target, ==, "nouvelle");

  /* Choosing it replaces the word, as one undo step. */
  g_action_group_activate_action (epure_spell_adapter_get_action_group (f->adapter), "replace",
                                  g_variant_new_string (target));
  flush (f);
  text = buffer_text (f);
  g_assert_cmpstr (text, ==, "Une nouvelle maison ");
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);

  g_assert_true (gtk_text_buffer_get_can_undo (f->buffer));
  gtk_text_buffer_undo (f->buffer);
  flush (f);
  g_free (text);
  text = buffer_text (f);
  g_assert_cmpstr (text, ==, "Une nouvele maison ");
  g_assert_true (is_underlined (f, "nouvele"));
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 1);
}

/* The right-click menu ranks with the document around the word, as the
 * CLI does: "souent" alone is "soudent", here the text says "souvent"
 * (far enough that the adapter must pass more than the word). */
static void
test_menu_follows_document (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Les cyclistes partent souvent avant l’aube. ");
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *target = NULL;
  GtkTextIter iter;

  for (guint i = 0; i < 60; i++)
    g_string_append (text, "La route longe la rivière jusqu’au village. ");
  g_string_append (text, "Ils roulent souent sous la pluie.\n");
  g_assert_cmpuint (text->len, <, EPURE_SPELLING_CONTEXT_BYTES);
  gtk_text_buffer_set_text (f->buffer, text->str, -1);
  flush (f);
  g_assert_true (is_underlined (f, "souent"));

  iter_in_word (f, "souent", &iter);
  epure_spell_adapter_update_menu (f->adapter, &iter);
  wait_until (has_suggestions, f);
  section = suggestions_section (f);
  g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target);
  g_assert_cmpstr (target, ==, "souvent");
}

static void
test_edit_inside_word (Fixture       *f,
                       gconstpointer  data)
{
  GtkTextIter iter;

  type_text (f, "La maisn bleue.");
  flush (f);
  g_assert_true (is_underlined (f, "maisn"));

  /* Fix the typo in place: the underline goes. */
  iter_in_word (f, "maisn", &iter);
  gtk_text_iter_forward_chars (&iter, 2);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  type_text (f, "o");
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);

  /* Split a word in two wrong halves, then join them again. */
  iter_in_word (f, "bleue", &iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  type_text (f, " ");
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 1);
  gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, gtk_text_buffer_get_insert (f->buffer));
  {
    GtkTextIter prev = iter;
    gtk_text_iter_backward_char (&prev);
    gtk_text_buffer_delete_interactive (f->buffer, &prev, &iter, TRUE);
  }
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);
}

static void
test_add_ignore_and_navigate (Fixture       *f,
                              gconstpointer  data)
{
  GActionGroup *group = epure_spell_adapter_get_action_group (f->adapter);
  GtkTextIter iter, s, e;
  g_autofree char *selected = NULL;

  gtk_text_buffer_set_text (f->buffer, "Le Blorfin et le Zorglubie et le blorfin, l’Zorglubie.", -1);
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 4);

  /* Next/previous, wrapping. */
  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  g_assert_true (epure_spell_adapter_select_next (f->adapter));
  g_assert_true (gtk_text_buffer_get_selection_bounds (f->buffer, &s, &e));
  selected = gtk_text_buffer_get_text (f->buffer, &s, &e, TRUE);
  g_assert_cmpstr (selected, ==, "Blorfin");
  g_assert_true (epure_spell_adapter_select_next (f->adapter));
  g_clear_pointer (&selected, g_free);
  gtk_text_buffer_get_selection_bounds (f->buffer, &s, &e);
  selected = gtk_text_buffer_get_text (f->buffer, &s, &e, TRUE);
  g_assert_cmpstr (selected, ==, "Zorglubie");
  g_assert_true (epure_spell_adapter_select_previous (f->adapter));
  g_clear_pointer (&selected, g_free);
  gtk_text_buffer_get_selection_bounds (f->buffer, &s, &e);
  selected = gtk_text_buffer_get_text (f->buffer, &s, &e, TRUE);
  g_assert_cmpstr (selected, ==, "Blorfin");
  g_assert_true (epure_spell_adapter_select_previous (f->adapter));
  g_clear_pointer (&selected, g_free);
  gtk_text_buffer_get_selection_bounds (f->buffer, &s, &e);
  selected = gtk_text_buffer_get_text (f->buffer, &s, &e, TRUE);
  g_assert_cmpstr (selected, ==, "l’Zorglubie");

  /* The menu is about the underlined token, elision included. */
  iter_in_word (f, "l’Zorglubie", &iter);
  epure_spell_adapter_update_menu (f->adapter, &iter);
  g_action_group_activate_action (group, "add", NULL);
  flush (f);
  /* Added as the token; l’ + personal word then passes by the fallback. */
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 2);

  /* Ignore all: every blorfin, Blorfin too (as Hunspell treats case). */
  iter_in_word (f, "blorfin", &iter);
  epure_spell_adapter_update_menu (f->adapter, &iter);
  g_action_group_activate_action (group, "ignore", NULL);
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);

  /* A correct word has no word actions in its menu. */
  iter_in_word (f, "et le", &iter);
  epure_spell_adapter_update_menu (f->adapter, &iter);
  g_assert_false (g_action_group_get_action_enabled (group, "add"));
}

static void
test_language_and_enabled (Fixture       *f,
                           gconstpointer  data)
{
  GActionGroup *group = epure_spell_adapter_get_action_group (f->adapter);
  GMenuModel *menu = epure_spell_adapter_get_menu_model (f->adapter);
  g_autoptr(GMenuModel) last = g_menu_model_get_item_link (menu, 2, G_MENU_LINK_SECTION);
  g_autoptr(GMenuModel) languages = g_menu_model_get_item_link (last, 0, G_MENU_LINK_SUBMENU);
  g_autoptr(GVariant) state = NULL;
  gboolean has_fr = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (languages); i++)
    {
      g_autofree char *target = NULL;
      g_menu_model_get_item_attribute (languages, i, G_MENU_ATTRIBUTE_TARGET, "s", &target);
      has_fr |= g_strcmp0 (target, "fr_FR") == 0;
    }
  g_assert_true (has_fr);

  gtk_text_buffer_set_text (f->buffer, "The house is a maison.", -1);
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 2);

  g_action_group_activate_action (group, "language", g_variant_new_string ("en_US"));
  flush (f);
  g_assert_cmpstr (epure_spell_adapter_get_language (f->adapter), ==, "en_US");
  state = g_action_group_get_action_state (group, "language");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "en_US");
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 1);
  g_assert_true (is_underlined (f, "maison"));

  g_action_group_change_action_state (group, "enabled", g_variant_new_boolean (FALSE));
  g_assert_false (epure_spell_adapter_get_enabled (f->adapter));
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);
  type_text (f, " Une erreurr.");
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 0);
  epure_spell_adapter_set_enabled (f->adapter, TRUE);
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 3);
}

static gboolean
line_underlined (Fixture *f,
                 int      line)
{
  GtkTextIter iter;
  GtkTextTag *tag = epure_spell_adapter_get_tag (f->adapter);

  gtk_text_buffer_get_iter_at_line (f->buffer, &iter, line);
  if (gtk_text_iter_has_tag (&iter, tag))
    return TRUE;
  return gtk_text_iter_forward_to_tag_toggle (&iter, tag) && gtk_text_iter_get_line (&iter) == line;
}

static void
test_long_document_scroll (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  GtkTextIter iter, s, e;
  gint64 until;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "Ligne %u : une maisn bleue.\n", i);
  gtk_text_buffer_set_text (f->buffer, text->str, text->len);
  flush (f);

  /* Every misspelling is known; those on screen are underlined, the ones
   * far below are not (yet). */
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 3000);
  g_assert_true (line_underlined (f, 0));
  g_assert_false (line_underlined (f, 2990));

  /* Scrolling to the end underlines what comes into view. */
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (line_underlined (f, 2990));
  g_assert_false (line_underlined (f, 0));

  /* Next/previous reach words outside the window too, and wrap. */
  gtk_text_buffer_get_end_iter (f->buffer, &iter);
  g_assert_true (epure_spell_adapter_find_next (f->adapter, &iter, &s, &e));
  g_assert_cmpint (gtk_text_iter_get_line (&s), ==, 0);
  g_assert_true (epure_spell_adapter_find_previous (f->adapter, &s, &s, &e));
  g_assert_cmpint (gtk_text_iter_get_line (&s), ==, 2999);

  /* A whole new text (a file opened): still only the view's lines. */
  gtk_text_buffer_set_text (f->buffer, text->str, text->len);
  flush (f);
  g_assert_cmpuint (epure_spell_adapter_get_n_misspelled (f->adapter), ==, 3000);
  g_assert_false (line_underlined (f, 1500));
}

static void
find_tag (GtkTextTag *tag,
          gpointer    data)
{
  /* Only the adapter's tag is anonymous here. */
  char *name = NULL;
  g_object_get (tag, "name", &name, NULL);
  if (name == NULL)
    *(gboolean *) data = TRUE;
  g_free (name);
}

static void
test_drop_while_checking (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GtkTextTag) tag = g_object_ref (epure_spell_adapter_get_tag (f->adapter));
  GtkTextIter start;
  gboolean found = FALSE;
  gint64 until;

  /* Enough text for several worker jobs, then the adapter goes away. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "Une maisn bleue et une nouvele porte.\n");
  gtk_text_buffer_set_text (f->buffer, text->str, text->len);
  g_assert_false (epure_spell_adapter_get_complete (f->adapter));
  g_clear_object (&f->adapter);

  until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  /* Its tag is gone from the buffer and nothing was underlined since. */
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (f->buffer), find_tag, &found);
  g_assert_false (found);
  gtk_text_buffer_get_start_iter (f->buffer, &start);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&start, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int ret;

  config = g_dir_make_tmp ("epure-enchant-XXXXXX", NULL);
  g_setenv ("ENCHANT_CONFIG_DIR", config, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* The suite runs under xvfb-run; without a display, say why. */
      printf ("1..0 # SKIP no display (run under xvfb-run)\n");
      g_rmdir (config);
      return 0;
    }
  gtk_source_init ();
  epure_init ();

  g_test_add ("/spell-adapter/type-and-replace", Fixture, NULL, fixture_set_up, test_type_and_replace, fixture_tear_down);
  g_test_add ("/spell-adapter/menu-follows-document", Fixture, NULL, fixture_set_up, test_menu_follows_document, fixture_tear_down);
  g_test_add ("/spell-adapter/edit-inside-word", Fixture, NULL, fixture_set_up, test_edit_inside_word, fixture_tear_down);
  g_test_add ("/spell-adapter/add-ignore-navigate", Fixture, NULL, fixture_set_up, test_add_ignore_and_navigate, fixture_tear_down);
  g_test_add ("/spell-adapter/long-document-scroll", Fixture, NULL, fixture_set_up, test_long_document_scroll, fixture_tear_down);
  g_test_add ("/spell-adapter/drop-while-checking", Fixture, NULL, fixture_set_up, test_drop_while_checking, fixture_tear_down);
  g_test_add ("/spell-adapter/language-and-enabled", Fixture, NULL, fixture_set_up, test_language_and_enabled, fixture_tear_down);

  ret = g_test_run ();

  {
    g_autofree char *pwl = g_build_filename (config, "fr_FR.dic", NULL);
    g_unlink (pwl);
    g_rmdir (config);
  }
  return ret;
}
