/* epure-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure-types.h"

GType
epure_severity_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { EPURE_SEVERITY_INFO, "EPURE_SEVERITY_INFO", "info" },
        { EPURE_SEVERITY_WARNING, "EPURE_SEVERITY_WARNING", "warning" },
        { EPURE_SEVERITY_ERROR, "EPURE_SEVERITY_ERROR", "error" },
        { 0, NULL, NULL }
      };
      g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("EpureSeverity"), values));
    }

  return type_id;
}

/* The stable name used in reports ("info", "warning", "error"). */
const char *
epure_severity_to_string (EpureSeverity severity)
{
  switch (severity)
    {
    case EPURE_SEVERITY_INFO: return "info";
    case EPURE_SEVERITY_ERROR: return "error";
    case EPURE_SEVERITY_WARNING:
    default: return "warning";
    }
}
