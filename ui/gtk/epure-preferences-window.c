/* epure-preferences-window.c: the settings, bound to GSettings.
 *
 * Every control writes its key directly; the application reacts to the
 * key (rebuilding the pipeline, setting checker options), so the window
 * holds no state of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "epure-preferences-window.h"

struct _EpurePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (EpurePreferencesWindow, epure_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *profile_ids[] = { "france", "narrow", "regular" };

/* One switch per plugin, in or out of the enabled-checkers list. */
static void
on_checker_switch (GtkSwitch              *toggle,
                   GParamSpec             *pspec,
                   EpurePreferencesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toggle), "checker-id");
  g_auto(GStrv) current = g_settings_get_strv (self->settings, "enabled-checkers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  gboolean active = gtk_switch_get_active (toggle);

  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], id))
      g_strv_builder_add (builder, current[i]);
  if (active)
    g_strv_builder_add (builder, id);
  ids = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "enabled-checkers", (const char * const *) ids);
}

static gboolean
profile_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profile_ids); i++)
    if (g_str_equal (nick, profile_ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
profile_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (profile_ids[MIN (i, G_N_ELEMENTS (profile_ids) - 1)]);
}

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  if (settings != NULL)
    g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static GtkWidget *
spin_row (GSettings  *settings,
          const char *key,
          const char *title,
          const char *subtitle,
          double      min,
          double      max,
          double      step,
          guint       digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  return row;
}

EpurePreferencesWindow *
epure_preferences_window_new (EpureApplication *app)
{
  EpurePreferencesWindow *self = g_object_new (EPURE_TYPE_PREFERENCES_WINDOW, NULL);
  EpurePluginEngine *engine = epure_application_get_engine (app);
  g_auto(GStrv) available = epure_plugin_engine_list_checkers (engine);
  g_auto(GStrv) enabled = NULL;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *checkers = adw_preferences_group_new ();
  GtkWidget *typography = adw_preferences_group_new ();
  GtkWidget *spelling = adw_preferences_group_new ();
  GtkWidget *extras = adw_preferences_group_new ();
  GtkWidget *files = adw_preferences_group_new ();
  GtkWidget *profile = adw_combo_row_new ();
  GtkWidget *language = adw_entry_row_new ();
  const char *profile_names[] = {
    _("France (narrow no-break space before ; ! ?)"),
    _("Narrow no-break spaces everywhere"),
    _("Regular no-break spaces (older fonts)"),
    NULL
  };

  self->settings = g_object_ref (epure_application_get_settings (app));
  enabled = g_settings_get_strv (self->settings, "enabled-checkers");

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (checkers), _("Checkers"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (checkers),
                                         _("What Épure looks for in every document."));
  for (guint i = 0; available[i] != NULL; i++)
    {
      /* Names and descriptions come translated from the .plugin files. */
      const char *name = epure_plugin_engine_get_name (engine, available[i]);
      GtkWidget *row = switch_row (NULL, NULL, name ? name : available[i],
                                   epure_plugin_engine_get_description (engine, available[i]));
      GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      g_object_set_data_full (G_OBJECT (toggle), "checker-id", g_strdup (available[i]), g_free);
      gtk_switch_set_active (GTK_SWITCH (toggle), g_strv_contains ((const char * const *) enabled, available[i]));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_checker_switch), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (checkers), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (checkers));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (typography), _("Typography"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (typography),
                                         _("Which no-break spaces go before punctuation, inside guillemets and between groups of digits"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (profile), _("Spacing Profile"));
  /* The profiles' names are long: shown in full under the title, not
   * squeezed beside it ("Fr…"). */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (profile), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (profile), G_LIST_MODEL (gtk_string_list_new (profile_names)));
  g_settings_bind_with_mapping (self->settings, "spaces-profile", profile, "selected", G_SETTINGS_BIND_DEFAULT,
                                profile_get_mapping, profile_set_mapping, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (typography), profile);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (typography));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (spelling), _("Spelling"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (spelling),
                             switch_row (self->settings, "spell-checking", _("Check Spelling"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (spelling),
                             switch_row (self->settings, "spelling-skip-capitals", _("Ignore Words in Capitals"),
                                         _("Acronyms such as ONU or OTSC")));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (language), _("Default Language"));
  g_settings_bind (self->settings, "spelling-language", language, "text", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (spelling), language);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (spelling));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (extras), _("Extras"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (extras),
                             spin_row (self->settings, "boilerplate-threshold", _("Removal Threshold"),
                                       _("Blocks flagged with at least this confidence are ticked for removal"),
                                       0.0, 1.0, 0.05, 2));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (extras));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (files), _("Files"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (files),
                             spin_row (self->settings, "max-file-size", _("Largest File to Open"),
                                       _("In MiB; larger files are refused"), 1, 4096, 10, 0));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (files));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return self;
}

static void
epure_preferences_window_dispose (GObject *object)
{
  EpurePreferencesWindow *self = EPURE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (epure_preferences_window_parent_class)->dispose (object);
}

static void
epure_preferences_window_class_init (EpurePreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = epure_preferences_window_dispose;
}

static void
epure_preferences_window_init (EpurePreferencesWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
}
