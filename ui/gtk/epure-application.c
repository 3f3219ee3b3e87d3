/* epure-application.c: the application, its settings and its checkers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "epure-application.h"
#include "epure-preferences-window.h"
#include "epure-window.h"

struct _EpureApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  EpurePluginEngine *engine;
  EpurePipeline     *pipeline;
};

G_DEFINE_FINAL_TYPE (EpureApplication, epure_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_PIPELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

EpureApplication *
epure_application_new (void)
{
  return g_object_new (EPURE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/* Options are GObject properties of the checkers; a checker that lacks one
 * (an older plugin, a third-party one) simply does not get it. */
static void
apply_option (EpureChecker *checker,
              const char   *name,
              const char   *value)
{
  g_autoptr(GError) error = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (checker), name) == NULL)
    return;
  if (!epure_checker_set_option (checker, name, value, &error))
    g_warning ("%s", error->message);
}

static void
apply_options (EpureApplication *self)
{
  g_autoptr(GPtrArray) checkers = NULL;
  g_autofree char *spaces = NULL;
  g_autofree char *language = NULL;
  gboolean skip_capitals;

  if (self->pipeline == NULL)
    return;

  spaces = g_settings_get_string (self->settings, "spaces-profile");
  language = g_settings_get_string (self->settings, "spelling-language");
  skip_capitals = g_settings_get_boolean (self->settings, "spelling-skip-capitals");

  checkers = epure_pipeline_get_checkers (self->pipeline);
  for (guint i = 0; i < checkers->len; i++)
    {
      EpureChecker *checker = g_ptr_array_index (checkers, i);
      const char *id = epure_checker_get_id (checker);

      if (g_str_equal (id, "typography"))
        apply_option (checker, "spaces-profile", spaces);
      else if (g_str_equal (id, "boilerplate"))
        {
          char threshold[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (threshold, sizeof threshold, g_settings_get_double (self->settings, "boilerplate-threshold"));
          apply_option (checker, "threshold", threshold);
        }
      else if (g_str_equal (id, "spelling"))
        {
          apply_option (checker, "language", language);
          apply_option (checker, "skip-capitals", skip_capitals ? "true" : "false");
        }
    }
}

/* The pipeline holds the enabled checkers that the engine actually has:
 * a setting may name a plugin that is not installed. */
static void
rebuild_pipeline (EpureApplication *self)
{
  g_auto(GStrv) wanted = g_settings_get_strv (self->settings, "enabled-checkers");
  g_auto(GStrv) available = epure_plugin_engine_list_checkers (self->engine);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  gboolean spelling = g_settings_get_boolean (self->settings, "spell-checking");

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) available, wanted[i]))
        continue;
      if (!spelling && g_str_equal (wanted[i], "spelling"))
        continue;
      g_strv_builder_add (builder, wanted[i]);
    }
  ids = g_strv_builder_end (builder);

  pipeline = epure_plugin_engine_create_pipeline (self->engine, (const char * const *) ids, &error);
  if (pipeline == NULL)
    {
      /* One broken plugin must not leave the user without any checker. */
      g_warning ("Could not load every checker: %s", error->message);
      pipeline = epure_pipeline_new ();
      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(EpureChecker) checker = epure_plugin_engine_create_checker (self->engine, ids[i], &local_error);

          if (checker != NULL)
            epure_pipeline_add_checker (pipeline, checker);
        }
    }

  g_set_object (&self->pipeline, pipeline);
  apply_options (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
}

static void
on_settings_changed (EpureApplication *self,
                     const char       *key,
                     GSettings        *settings)
{
  if (g_str_equal (key, "enabled-checkers") || g_str_equal (key, "spell-checking"))
    rebuild_pipeline (self);
  else if (g_str_equal (key, "spaces-profile") || g_str_has_prefix (key, "spelling-")
           || g_str_equal (key, "boilerplate-threshold"))
    {
      apply_options (self);
      /* Same checkers, other findings: documents re-check. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
    }
}

static EpureWindow *
get_reusable_window (EpureApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EPURE_IS_WINDOW (window) && epure_window_is_empty (EPURE_WINDOW (window)))
    return EPURE_WINDOW (window);
  return NULL;
}

static void
epure_application_activate (GApplication *app)
{
  EpureApplication *self = EPURE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (epure_window_new (self));
  gtk_window_present (window);
}

static void
epure_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  EpureApplication *self = EPURE_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      EpureWindow *window = get_reusable_window (self);

      if (window == NULL)
        window = epure_window_new (self);
      epure_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  EpureApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (epure_window_new (self)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  EpureApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = GTK_WINDOW (epure_preferences_window_new (self));

  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  EpureApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Épure developers", NULL };

  adw_show_about_window (parent,
                         "application-name", "Épure",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Clean up the typography, spelling and extras of French articles"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Closing each window runs its unsaved-changes prompt. */
static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  EpureApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new-window", { "<Control>n", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.find-next", { "<Control>g", NULL } },
  { "win.find-previous", { "<Control><Shift>g", NULL } },
  { "win.clean-typography", { "<Control><Shift>t", NULL } },
  { "win.remove-extras", { "<Control><Shift>b", NULL } },
  { "win.toggle-panel", { "F9", NULL } },
  { "win.next-finding", { "F8", NULL } },
  { "win.previous-finding", { "<Shift>F8", NULL } },
  { "win.next-misspelling", { "<Control>F7", NULL } },
  { "win.previous-misspelling", { "<Control><Shift>F7", NULL } },
};

static void
epure_application_startup (GApplication *app)
{
  EpureApplication *self = EPURE_APPLICATION (app);

  G_APPLICATION_CLASS (epure_application_parent_class)->startup (app);

  g_set_application_name ("Épure");
  gtk_window_set_default_icon_name (APP_ID);

  /* Follow the system's light or dark preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  self->settings = g_settings_new (APP_ID);
  self->engine = epure_plugin_engine_new ();
  rebuild_pipeline (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
epure_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EpureApplication *self = EPURE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_application_dispose (GObject *object)
{
  EpureApplication *self = EPURE_APPLICATION (object);

  g_clear_object (&self->pipeline);
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (epure_application_parent_class)->dispose (object);
}

static void
epure_application_class_init (EpureApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = epure_application_dispose;
  object_class->get_property = epure_application_get_property;
  app_class->startup = epure_application_startup;
  app_class->activate = epure_application_activate;
  app_class->open = epure_application_open;

  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL, EPURE_TYPE_PIPELINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_application_init (EpureApplication *self)
{
}

GSettings *
epure_application_get_settings (EpureApplication *self)
{
  g_return_val_if_fail (EPURE_IS_APPLICATION (self), NULL);
  return self->settings;
}

EpurePluginEngine *
epure_application_get_engine (EpureApplication *self)
{
  g_return_val_if_fail (EPURE_IS_APPLICATION (self), NULL);
  return self->engine;
}

/* Returns: (transfer none) (nullable): the enabled checkers, NULL before startup. */
EpurePipeline *
epure_application_get_pipeline (EpureApplication *self)
{
  g_return_val_if_fail (EPURE_IS_APPLICATION (self), NULL);
  return self->pipeline;
}

double
epure_application_get_boilerplate_threshold (EpureApplication *self)
{
  g_return_val_if_fail (EPURE_IS_APPLICATION (self), EPURE_DEFAULT_MIN_CONFIDENCE);
  if (self->settings == NULL)
    return EPURE_DEFAULT_MIN_CONFIDENCE;
  return g_settings_get_double (self->settings, "boilerplate-threshold");
}
