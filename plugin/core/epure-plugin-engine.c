/* epure-plugin-engine.c: the only file that talks to libpeas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <libpeas/peas.h>

#include "epure-error.h"
#include "epure-plugin-engine.h"

#define BUILTIN_SEARCH_PATH "resource://" RESOURCE_BASE "/plugins"

struct _EpurePluginEngine
{
  GObject parent_instance;

  /* Our own engine, never peas_engine_get_default(): no global state, and
   * every test gets a fresh one. */
  PeasEngine *engine;
};

G_DEFINE_FINAL_TYPE (EpurePluginEngine, epure_plugin_engine, G_TYPE_OBJECT)

static void
epure_plugin_engine_dispose (GObject *object)
{
  EpurePluginEngine *self = (EpurePluginEngine *) object;

  g_clear_object (&self->engine);

  G_OBJECT_CLASS (epure_plugin_engine_parent_class)->dispose (object);
}

static void
epure_plugin_engine_class_init (EpurePluginEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = epure_plugin_engine_dispose;
}

static void
epure_plugin_engine_init (EpurePluginEngine *self)
{
  const char *extra;
  g_autofree char *user_dir = NULL;

  self->engine = peas_engine_new ();

  /* Later paths win when two plugins share a module name, so the built-in
   * ones come last. */
  extra = g_getenv ("EPURE_PLUGIN_PATH");
  if (extra != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (extra, G_SEARCHPATH_SEPARATOR_S, -1);
      for (guint i = 0; dirs[i] != NULL; i++)
        if (dirs[i][0] != '\0')
          peas_engine_add_search_path (self->engine, dirs[i], NULL);
    }

  user_dir = g_build_filename (g_get_user_data_dir (), "epure", "plugins", NULL);
  peas_engine_add_search_path (self->engine, user_dir, NULL);
  peas_engine_add_search_path (self->engine, PLUGINSDIR, NULL);
  peas_engine_prepend_search_path (self->engine, BUILTIN_SEARCH_PATH, NULL);
}

/**
 * epure_plugin_engine_new:
 *
 * Looks for checker plugins in, by order: the built-in ones, the
 * directories of $EPURE_PLUGIN_PATH, ~/.local/share/epure/plugins and the
 * installed plugins directory.  epure_init() must have been called.
 */
EpurePluginEngine *
epure_plugin_engine_new (void)
{
  return g_object_new (EPURE_TYPE_PLUGIN_ENGINE, NULL);
}

void
epure_plugin_engine_add_search_path (EpurePluginEngine *self,
                                     const char        *directory)
{
  g_return_if_fail (EPURE_IS_PLUGIN_ENGINE (self));
  g_return_if_fail (directory != NULL);

  peas_engine_add_search_path (self->engine, directory, NULL);
  peas_engine_rescan_plugins (self->engine);
}

static int
plugin_order (PeasPluginInfo *info)
{
  const char *order = peas_plugin_info_get_external_data (info, "Checker-Order");
  return order ? atoi (order) : 1000;
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  PeasPluginInfo *ia = *(PeasPluginInfo **) a;
  PeasPluginInfo *ib = *(PeasPluginInfo **) b;
  int oa = plugin_order (ia), ob = plugin_order (ib);

  if (peas_plugin_info_is_builtin (ia) != peas_plugin_info_is_builtin (ib))
    return peas_plugin_info_is_builtin (ia) ? -1 : 1;
  if (oa != ob)
    return oa < ob ? -1 : 1;
  return g_strcmp0 (peas_plugin_info_get_module_name (ia), peas_plugin_info_get_module_name (ib));
}

/* Returns: (transfer full): the ids of every checker plugin found, built-in
 * ones first, in their declared order (X-Checker-Order). */
char **
epure_plugin_engine_list_checkers (EpurePluginEngine *self)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  GPtrArray *ids;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), NULL);

  for (const GList *l = peas_engine_get_plugin_list (self->engine); l != NULL; l = l->next)
    if (peas_plugin_info_get_external_data (l->data, "Checker") != NULL)
      g_ptr_array_add (infos, l->data);

  g_ptr_array_sort (infos, compare_infos);

  ids = g_ptr_array_new ();
  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (ids, g_strdup (peas_plugin_info_get_module_name (g_ptr_array_index (infos, i))));
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (ids, FALSE);
}

static PeasPluginInfo *
find_plugin (EpurePluginEngine  *self,
             const char         *id,
             GError            **error)
{
  PeasPluginInfo *info = peas_engine_get_plugin_info (self->engine, id);

  if (info == NULL || peas_plugin_info_get_external_data (info, "Checker") == NULL)
    {
      g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_NOT_FOUND,
                   "No checker plugin named “%s”", id);
      return NULL;
    }
  return info;
}

const char *
epure_plugin_engine_get_name (EpurePluginEngine *self,
                              const char        *id)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), NULL);

  info = find_plugin (self, id, NULL);
  return info ? peas_plugin_info_get_name (info) : NULL;
}

const char *
epure_plugin_engine_get_description (EpurePluginEngine *self,
                                     const char        *id)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), NULL);

  info = find_plugin (self, id, NULL);
  return info ? peas_plugin_info_get_description (info) : NULL;
}

gboolean
epure_plugin_engine_is_builtin (EpurePluginEngine *self,
                                const char        *id)
{
  PeasPluginInfo *info;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), FALSE);

  info = find_plugin (self, id, NULL);
  return info ? peas_plugin_info_is_builtin (info) : FALSE;
}

/* Returns: (transfer full): a new checker from the plugin @id, loading the
 * plugin first.  Builtin=true loads nothing by itself: we load on demand. */
EpureChecker *
epure_plugin_engine_create_checker (EpurePluginEngine  *self,
                                    const char         *id,
                                    GError            **error)
{
  PeasPluginInfo *info;
  PeasExtension *extension;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  info = find_plugin (self, id, error);
  if (info == NULL)
    return NULL;

  if (!peas_plugin_info_is_loaded (info) && !peas_engine_load_plugin (self->engine, info))
    {
      g_autoptr(GError) local_error = NULL;

      if (!peas_plugin_info_is_available (info, &local_error) && local_error != NULL)
        g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_LOAD_FAILED,
                     "Could not load the %s plugin: %s", id, local_error->message);
      else
        g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_LOAD_FAILED,
                     "Could not load the %s plugin", id);
      return NULL;
    }

  if (!peas_engine_provides_extension (self->engine, info, EPURE_TYPE_CHECKER))
    {
      g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_NOT_A_CHECKER,
                   "The %s plugin provides no checker", id);
      return NULL;
    }

  extension = peas_engine_create_extension (self->engine, info, EPURE_TYPE_CHECKER, NULL);
  if (extension == NULL)
    {
      g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_LOAD_FAILED,
                   "The %s plugin could not create its checker", id);
      return NULL;
    }

  return EPURE_CHECKER (extension);
}

/**
 * epure_plugin_engine_create_pipeline:
 * @ids: (nullable): checker ids, in order; NULL for every checker found
 *
 * Returns: (transfer full): a pipeline of those checkers, or NULL and
 * @error when one of them cannot be created.
 */
EpurePipeline *
epure_plugin_engine_create_pipeline (EpurePluginEngine   *self,
                                     const char * const  *ids,
                                     GError             **error)
{
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_auto(GStrv) all = NULL;

  g_return_val_if_fail (EPURE_IS_PLUGIN_ENGINE (self), NULL);

  if (ids == NULL)
    {
      all = epure_plugin_engine_list_checkers (self);
      ids = (const char * const *) all;
    }

  pipeline = epure_pipeline_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(EpureChecker) checker = epure_plugin_engine_create_checker (self, ids[i], error);

      if (checker == NULL)
        return NULL;
      epure_pipeline_add_checker (pipeline, checker);
    }

  return g_steal_pointer (&pipeline);
}
