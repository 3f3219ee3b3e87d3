/* epure-application.h: the application, its settings and its checkers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plugin/epure.h"

G_BEGIN_DECLS

#define EPURE_TYPE_APPLICATION (epure_application_get_type ())

G_DECLARE_FINAL_TYPE (EpureApplication, epure_application, EPURE, APPLICATION, AdwApplication)

EpureApplication  *epure_application_new          (void);
GSettings         *epure_application_get_settings (EpureApplication *self);
EpurePluginEngine *epure_application_get_engine   (EpureApplication *self);
EpurePipeline     *epure_application_get_pipeline (EpureApplication *self);
double             epure_application_get_boilerplate_threshold (EpureApplication *self);

G_END_DECLS
