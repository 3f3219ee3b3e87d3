/* probe-checker.c: a paragraph-scope checker plugin for epure-cli's tests.
 *
 * It fixes "teh" into "the" (so that streamed and whole cleaning can be
 * compared), takes a "language" and a "threshold" option like the real
 * checkers, and fails on a piece of text larger than
 * $EPURE_PROBE_MAX_PIECE bytes, which proves that epure-cli streams.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libpeas/peas.h>

#include "epure.h"

#define PROBE_TYPE_CHECKER (probe_checker_get_type ())
G_DECLARE_FINAL_TYPE (ProbeChecker, probe_checker, PROBE, CHECKER, GObject)

struct _ProbeChecker
{
  GObject parent_instance;

  char *language;
  double threshold;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_THRESHOLD,
  N_PROPS
};

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (ProbeChecker, probe_checker, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (EPURE_TYPE_CHECKER, checker_iface_init))

static void
probe_checker_finalize (GObject *object)
{
  g_free (PROBE_CHECKER (object)->language);
  G_OBJECT_CLASS (probe_checker_parent_class)->finalize (object);
}

static void
probe_checker_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ProbeChecker *self = PROBE_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_THRESHOLD: g_value_set_double (value, self->threshold); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
probe_checker_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ProbeChecker *self = PROBE_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE: g_free (self->language); self->language = g_value_dup_string (value); break;
    case PROP_THRESHOLD: self->threshold = g_value_get_double (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
probe_checker_class_init (ProbeCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = probe_checker_finalize;
  object_class->get_property = probe_checker_get_property;
  object_class->set_property = probe_checker_set_property;

  g_object_class_install_property (object_class, PROP_LANGUAGE,
    g_param_spec_string ("language", NULL, NULL, "en", flags));
  g_object_class_install_property (object_class, PROP_THRESHOLD,
    g_param_spec_double ("threshold", NULL, NULL, 0, 1, 0.5, flags));
}

static void probe_checker_class_finalize (ProbeCheckerClass *klass) { }

static void
probe_checker_init (ProbeChecker *self)
{
  self->language = g_strdup ("en");
  self->threshold = 0.5;
}

static const char *
get_id (EpureChecker *checker)
{
  return "probe";
}

static EpureCheckerScope
get_scope (EpureChecker *checker)
{
  return EPURE_CHECKER_SCOPE_PARAGRAPH;
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  ProbeChecker *self = PROBE_CHECKER (checker);
  const char *max = g_getenv ("EPURE_PROBE_MAX_PIECE");
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *message = NULL;
  gsize len;
  const char *str = epure_text_get_string (text, &len);
  const char *p = str;

  if (max != NULL && len > strtoul (max, NULL, 10))
    {
      g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_FAILED,
                   "probe: a piece of %" G_GSIZE_FORMAT " bytes, over %s", len, max);
      return NULL;
    }

  message = g_strdup_printf ("Typo (language %s, threshold %.2f)", self->language, self->threshold);
  while ((p = strstr (p, "teh")) != NULL)
    {
      EpureFinding *finding = epure_finding_new ("probe", "probe.teh", EPURE_CATEGORY_SPELLING,
                                                 p - str, p - str + 3, message);
      epure_finding_add_replacement (finding, "the");
      epure_finding_set_automatic (finding, TRUE);
      g_ptr_array_add (findings, finding);
      p += 3;
    }
  return g_steal_pointer (&findings);
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->get_scope = get_scope;
  iface->check = check;
}

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  probe_checker_register_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, EPURE_TYPE_CHECKER, PROBE_TYPE_CHECKER);
}
