/* epure-preferences-window.h: the settings, bound to GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "epure-application.h"

G_BEGIN_DECLS

#define EPURE_TYPE_PREFERENCES_WINDOW (epure_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (EpurePreferencesWindow, epure_preferences_window, EPURE, PREFERENCES_WINDOW, AdwPreferencesWindow)

EpurePreferencesWindow *epure_preferences_window_new (EpureApplication *app);

G_END_DECLS
