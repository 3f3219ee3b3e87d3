/* epure-plugin-engine.h: finds checker plugins and creates checkers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include "epure-pipeline.h"

G_BEGIN_DECLS

#define EPURE_TYPE_PLUGIN_ENGINE (epure_plugin_engine_get_type ())

G_DECLARE_FINAL_TYPE (EpurePluginEngine, epure_plugin_engine, EPURE, PLUGIN_ENGINE, GObject)

EpurePluginEngine *epure_plugin_engine_new             (void);
void               epure_plugin_engine_add_search_path (EpurePluginEngine   *self,
                                                        const char          *directory);
char             **epure_plugin_engine_list_checkers   (EpurePluginEngine   *self);
const char        *epure_plugin_engine_get_name        (EpurePluginEngine   *self,
                                                        const char          *id);
const char        *epure_plugin_engine_get_description (EpurePluginEngine   *self,
                                                        const char          *id);
gboolean           epure_plugin_engine_is_builtin      (EpurePluginEngine   *self,
                                                        const char          *id);
EpureChecker      *epure_plugin_engine_create_checker  (EpurePluginEngine   *self,
                                                        const char          *id,
                                                        GError             **error);
EpurePipeline     *epure_plugin_engine_create_pipeline (EpurePluginEngine   *self,
                                                        const char * const  *ids,
                                                        GError             **error);

G_END_DECLS
