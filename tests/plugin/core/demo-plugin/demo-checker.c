/* demo-checker.c: a third-party checker plugin, as a shared module, to
 * prove that plugins outside the binary are found and run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libpeas/peas.h>

#include "epure.h"

#define DEMO_TYPE_CHECKER (demo_checker_get_type ())
G_DECLARE_FINAL_TYPE (DemoChecker, demo_checker, DEMO, CHECKER, GObject)

struct _DemoChecker
{
  GObject parent_instance;
};

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (DemoChecker, demo_checker, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (EPURE_TYPE_CHECKER, checker_iface_init))

static void demo_checker_class_init (DemoCheckerClass *klass) { }
static void demo_checker_class_finalize (DemoCheckerClass *klass) { }
static void demo_checker_init (DemoChecker *self) { }

static const char *
get_id (EpureChecker *checker)
{
  return "demo";
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const char *str = epure_text_get_string (text, NULL);
  const char *p = str;

  while ((p = strstr (p, "TODO")) != NULL)
    {
      g_ptr_array_add (findings, epure_finding_new ("demo", "demo.todo", EPURE_CATEGORY_STYLE,
                                                    p - str, p - str + 4, "A note left in the text"));
      p += 4;
    }
  return findings;
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->check = check;
}

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  demo_checker_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, EPURE_TYPE_CHECKER, DEMO_TYPE_CHECKER);
}
