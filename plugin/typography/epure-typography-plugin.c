/* epure-typography-plugin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpeas/peas.h>

#include "epure-typography-checker.h"

G_MODULE_EXPORT void epure_typography_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
epure_typography_register_types (PeasObjectModule *module)
{
  peas_object_module_register_extension_type (module, EPURE_TYPE_CHECKER, EPURE_TYPE_TYPOGRAPHY_CHECKER);
}
