/* epure-init.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "epure-init.h"
#include "epure-plugins-resources.h"

/* Uninstalled runs (meson devenv, tests) point these at the source and
 * build trees; installed ones use the configured paths. */
const char *
epure_get_localedir (void)
{
  const char *dir = g_getenv ("EPURE_LOCALEDIR");
  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

static gpointer
init_once (gpointer data)
{
  bindtextdomain (GETTEXT_PACKAGE, epure_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  epure_plugins_register_resource ();
  return NULL;
}

/**
 * epure_init:
 *
 * Binds the translation domain and registers the built-in plugins'
 * resources.  Front ends and tests call it once, before anything else;
 * calling it again does nothing.
 */
void
epure_init (void)
{
  static GOnce once = G_ONCE_INIT;
  g_once (&once, init_once, NULL);
}

static gpointer
build_dictionary_dirs (gpointer data)
{
  GPtrArray *dirs = g_ptr_array_new ();
  const char *env = g_getenv ("EPURE_DATADIR");

  /* By priority: a developer's override, the user's own additions, the
   * installed data. */
  if (env != NULL && env[0] != '\0')
    g_ptr_array_add (dirs, g_strdup (env));
  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "epure", "dictionaries", NULL));
  g_ptr_array_add (dirs, g_build_filename (PKGDATADIR, "dictionaries", NULL));
  g_ptr_array_add (dirs, NULL);

  return g_ptr_array_free (dirs, FALSE);
}

/* Returns: (transfer none): the directories holding dictionaries/ data. */
const char * const *
epure_get_dictionary_dirs (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_dictionary_dirs, NULL);
}

/* Returns: (transfer full) (nullable): the first @basename found in the
 * dictionary directories. */
char *
epure_find_dictionary_file (const char *basename)
{
  const char * const *dirs = epure_get_dictionary_dirs ();

  g_return_val_if_fail (basename != NULL, NULL);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], basename, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
