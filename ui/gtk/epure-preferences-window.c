/* epure-preferences-window.c: the settings, bound to GSettings.
 *
 * The controls are in epure-preferences-window.ui, but for a switch per
 * checker plugin, which depends on the plugins found.  Every control
 * writes its key directly; the application reacts to the key (rebuilding
 * the pipeline, setting checker options), so the window holds no state of
 * its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-preferences-window.h"

struct _EpurePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwPreferencesGroup  *checkers;
  AdwComboRow          *spaces_profile;
  GtkSwitch            *spell_checking;
  GtkSwitch            *skip_capitals;
  AdwEntryRow          *spelling_language;
  GtkSpinButton        *boilerplate_threshold;
  GtkSpinButton        *max_file_size;
};

G_DEFINE_FINAL_TYPE (EpurePreferencesWindow, epure_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The spacing profiles in the order of the template's list. */
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

/* A row with a switch for the checker plugin @id. */
static GtkWidget *
checker_row (EpurePreferencesWindow *self,
             EpurePluginEngine      *engine,
             const char             *id,
             gboolean                enabled)
{
  /* Names and descriptions come translated from the .plugin files. */
  const char *name = epure_plugin_engine_get_name (engine, id);
  const char *description = epure_plugin_engine_get_description (engine, id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : id);
  if (description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_object_set_data_full (G_OBJECT (toggle), "checker-id", g_strdup (id), g_free);
  gtk_switch_set_active (GTK_SWITCH (toggle), enabled);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_checker_switch), self);
  return row;
}

EpurePreferencesWindow *
epure_preferences_window_new (EpureApplication *app)
{
  EpurePreferencesWindow *self = g_object_new (EPURE_TYPE_PREFERENCES_WINDOW, NULL);
  EpurePluginEngine *engine = epure_application_get_engine (app);
  g_auto(GStrv) available = epure_plugin_engine_list_checkers (engine);
  g_auto(GStrv) enabled = NULL;

  self->settings = g_object_ref (epure_application_get_settings (app));
  enabled = g_settings_get_strv (self->settings, "enabled-checkers");

  for (guint i = 0; available[i] != NULL; i++)
    adw_preferences_group_add (self->checkers,
                               checker_row (self, engine, available[i],
                                            g_strv_contains ((const char * const *) enabled, available[i])));

  g_settings_bind_with_mapping (self->settings, "spaces-profile", self->spaces_profile, "selected",
                                G_SETTINGS_BIND_DEFAULT, profile_get_mapping, profile_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "spell-checking", self->spell_checking, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spelling-skip-capitals", self->skip_capitals, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spelling-language", self->spelling_language, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "boilerplate-threshold", self->boilerplate_threshold, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "max-file-size", self->max_file_size, "value", G_SETTINGS_BIND_DEFAULT);

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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = epure_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/epure/Epure/epure-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, checkers);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, spaces_profile);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, spell_checking);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, skip_capitals);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, spelling_language);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, boilerplate_threshold);
  gtk_widget_class_bind_template_child (widget_class, EpurePreferencesWindow, max_file_size);
}

static void
epure_preferences_window_init (EpurePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
