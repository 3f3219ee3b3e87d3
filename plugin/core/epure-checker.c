/* epure-checker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "epure-checker.h"
#include "epure-error.h"

G_DEFINE_INTERFACE (EpureChecker, epure_checker, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static EpureCheckerScope
epure_checker_real_get_scope (EpureChecker *self)
{
  return EPURE_CHECKER_SCOPE_DOCUMENT;
}

static EpureEdit *
epure_checker_real_create_edit (EpureChecker *self,
                                EpureText    *text,
                                EpureFinding *finding,
                                guint         replacement_index)
{
  return epure_finding_create_edit (finding, replacement_index);
}

static void
epure_checker_default_init (EpureCheckerInterface *iface)
{
  iface->get_scope = epure_checker_real_get_scope;
  iface->create_edit = epure_checker_real_create_edit;

  /**
   * EpureChecker::changed:
   *
   * Emitted when the same text would now give other findings (a word added
   * to the personal dictionary, an option changed): front ends re-check.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_INTERFACE (iface),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

const char *
epure_checker_get_id (EpureChecker *self)
{
  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  return EPURE_CHECKER_GET_IFACE (self)->get_id (self);
}

const char *
epure_checker_get_display_name (EpureChecker *self)
{
  EpureCheckerInterface *iface;

  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);

  iface = EPURE_CHECKER_GET_IFACE (self);
  if (iface->get_display_name != NULL)
    return iface->get_display_name (self);
  return iface->get_id (self);
}

EpureCheckerScope
epure_checker_get_scope (EpureChecker *self)
{
  g_return_val_if_fail (EPURE_IS_CHECKER (self), EPURE_CHECKER_SCOPE_DOCUMENT);
  return EPURE_CHECKER_GET_IFACE (self)->get_scope (self);
}

GPtrArray *
epure_checker_check (EpureChecker  *self,
                     EpureText     *text,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  return EPURE_CHECKER_GET_IFACE (self)->check (self, text, cancellable, error);
}

char **
epure_checker_suggest (EpureChecker  *self,
                       EpureText     *text,
                       EpureFinding  *finding,
                       GCancellable  *cancellable,
                       GError       **error)
{
  EpureCheckerInterface *iface;

  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  g_return_val_if_fail (EPURE_IS_FINDING (finding), NULL);

  iface = EPURE_CHECKER_GET_IFACE (self);
  if (iface->suggest == NULL)
    return g_strdupv ((char **) epure_finding_get_replacements (finding));
  return iface->suggest (self, text, finding, cancellable, error);
}

typedef struct
{
  EpureText *text;
  EpureFinding *finding;
} SuggestData;

static void
suggest_data_free (SuggestData *data)
{
  g_clear_pointer (&data->text, epure_text_unref);
  g_clear_object (&data->finding);
  g_free (data);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestData *data = task_data;
  GError *error = NULL;
  char **words;

  words = epure_checker_suggest (source_object, data->text, data->finding, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, words, (GDestroyNotify) g_strfreev);
}

/* Computes suggestions off the calling thread (they can cost 0.4 s). */
void
epure_checker_suggest_async (EpureChecker        *self,
                             EpureText           *text,
                             EpureFinding        *finding,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SuggestData *data;

  g_return_if_fail (EPURE_IS_CHECKER (self));
  g_return_if_fail (EPURE_IS_FINDING (finding));

  data = g_new0 (SuggestData, 1);
  data->text = text ? epure_text_ref (text) : NULL;
  data->finding = g_object_ref (finding);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, epure_checker_suggest_async);
  g_task_set_task_data (task, data, (GDestroyNotify) suggest_data_free);
  g_task_run_in_thread (task, suggest_thread);
}

char **
epure_checker_suggest_finish (EpureChecker  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

EpureEdit *
epure_checker_create_edit (EpureChecker *self,
                           EpureText    *text,
                           EpureFinding *finding,
                           guint         replacement_index)
{
  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  g_return_val_if_fail (EPURE_IS_FINDING (finding), NULL);

  return EPURE_CHECKER_GET_IFACE (self)->create_edit (self, text, finding, replacement_index);
}

/* Whether the checker makes its automatic edits without findings. */
gboolean
epure_checker_has_fix (EpureChecker *self)
{
  g_return_val_if_fail (EPURE_IS_CHECKER (self), FALSE);
  return EPURE_CHECKER_GET_IFACE (self)->fix != NULL;
}

/**
 * epure_checker_fix_settled:
 * @unsettled: (element-type gsize): gets [start, end) pairs, in order
 *
 * As epure_checker_fix(), and appends to @unsettled the ranges of @text
 * whose edits might not be a fixpoint: the whole text when the checker
 * cannot tell.  An edit may hold several fixes: the text they make is
 * the same, one by one they are not.
 *
 * Returns: (transfer container): EpureEdits in text order, or NULL and
 *   @error.
 */
GPtrArray *
epure_checker_fix_settled (EpureChecker  *self,
                           EpureText     *text,
                           double         min_confidence,
                           GArray        *unsettled,
                           GCancellable  *cancellable,
                           GError       **error)
{
  EpureCheckerInterface *iface;
  GPtrArray *edits;
  gsize whole[2] = { 0, 0 };

  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (unsettled != NULL, NULL);

  iface = EPURE_CHECKER_GET_IFACE (self);
  if (iface->fix != NULL && iface->fix_settled != NULL)
    return iface->fix_settled (self, text, min_confidence, unsettled, cancellable, error);

  edits = epure_checker_fix (self, text, min_confidence, cancellable, error);
  whole[1] = epure_text_get_length (text);
  if (edits != NULL)
    g_array_append_vals (unsettled, whole, 2);
  return edits;
}

static int
compare_edit_ptrs (gconstpointer a,
                   gconstpointer b)
{
  return epure_edit_compare (*(EpureEdit * const *) a, *(EpureEdit * const *) b);
}

/**
 * epure_checker_fix:
 * @min_confidence: findings less sure than this are left alone
 *
 * The edits of every automatic fix of @text: through the checker's fast
 * path when it has one, else from check() and create_edit().  Overlaps
 * are left for the caller to resolve.
 *
 * Returns: (transfer container): EpureEdits in text order, or NULL and
 *   @error.
 */
GPtrArray *
epure_checker_fix (EpureChecker  *self,
                   EpureText     *text,
                   double         min_confidence,
                   GCancellable  *cancellable,
                   GError       **error)
{
  EpureCheckerInterface *iface;
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *edits;

  g_return_val_if_fail (EPURE_IS_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  iface = EPURE_CHECKER_GET_IFACE (self);
  if (iface->fix != NULL)
    return iface->fix (self, text, min_confidence, cancellable, error);

  findings = iface->check (self, text, cancellable, error);
  if (findings == NULL)
    return NULL;

  edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      EpureEdit *edit;

      if (!epure_finding_get_automatic (f) || epure_finding_get_confidence (f) < min_confidence)
        continue;
      edit = iface->create_edit (self, text, f, 0);
      if (edit != NULL)
        g_ptr_array_add (edits, edit);
    }
  g_ptr_array_sort (edits, compare_edit_ptrs);
  return edits;
}

static gboolean
parse_boolean (const char *value,
               gboolean   *out)
{
  if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
      g_ascii_strcasecmp (value, "on") == 0 || g_strcmp0 (value, "1") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
           g_ascii_strcasecmp (value, "off") == 0 || g_strcmp0 (value, "0") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Options are the checker's GObject properties, set from a string so that
 * the CLI (--spaces=narrow) and GSettings bindings share one path. */
gboolean
epure_checker_set_option (EpureChecker  *self,
                          const char    *name,
                          const char    *value,
                          GError       **error)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;
  GParamSpec *pspec;
  GType type;

  g_return_val_if_fail (EPURE_IS_CHECKER (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);
  if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE))
    {
      g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION,
                   "The %s checker has no option “%s”", epure_checker_get_id (self), name);
      return FALSE;
    }

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&gvalue, type);

  if (type == G_TYPE_STRING)
    g_value_set_string (&gvalue, value);
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean b;
      if (!parse_boolean (value, &b))
        goto invalid;
      g_value_set_boolean (&gvalue, b);
    }
  else if (type == G_TYPE_INT || type == G_TYPE_UINT)
    {
      char *end = NULL;
      gint64 v;
      errno = 0;
      v = g_ascii_strtoll (value, &end, 10);
      if (errno != 0 || end == value || *end != '\0')
        goto invalid;
      if (type == G_TYPE_INT)
        g_value_set_int (&gvalue, (int) v);
      else if (v < 0)
        goto invalid;
      else
        g_value_set_uint (&gvalue, (guint) v);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      char *end = NULL;
      double v;
      errno = 0;
      v = g_ascii_strtod (value, &end);
      if (errno != 0 || end == value || *end != '\0')
        goto invalid;
      g_value_set_double (&gvalue, v);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value_by_nick (klass, value);
      if (ev == NULL)
        goto invalid;
      g_value_set_enum (&gvalue, ev->value);
    }
  else
    goto invalid;

  if (g_param_value_validate (pspec, &gvalue))
    goto invalid;

  g_object_set_property (G_OBJECT (self), name, &gvalue);
  return TRUE;

invalid:
  g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION,
               "Invalid value “%s” for option “%s” of the %s checker",
               value, name, epure_checker_get_id (self));
  return FALSE;
}

void
epure_checker_emit_changed (EpureChecker *self)
{
  g_return_if_fail (EPURE_IS_CHECKER (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
