/* epure-finding.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-finding.h"

struct _EpureFinding
{
  GObject parent_instance;

  char *checker_id;
  char *rule_id;
  char *category;
  char *message;
  gsize start;
  gsize end;
  guint line;
  guint column;
  EpureSeverity severity;
  double confidence;
  GPtrArray *replacements;  /* NULL-terminated array of char* */
  guint automatic : 1;
  guint needs_suggestions : 1;
};

G_DEFINE_FINAL_TYPE (EpureFinding, epure_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECKER_ID,
  PROP_RULE_ID,
  PROP_CATEGORY,
  PROP_MESSAGE,
  PROP_START,
  PROP_END,
  PROP_LINE,
  PROP_COLUMN,
  PROP_SEVERITY,
  PROP_CONFIDENCE,
  PROP_AUTOMATIC,
  PROP_REPLACEMENTS,
  PROP_NEEDS_SUGGESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
epure_finding_finalize (GObject *object)
{
  EpureFinding *self = (EpureFinding *) object;

  g_free (self->checker_id);
  g_free (self->rule_id);
  g_free (self->category);
  g_free (self->message);
  g_ptr_array_unref (self->replacements);

  G_OBJECT_CLASS (epure_finding_parent_class)->finalize (object);
}

static void
epure_finding_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EpureFinding *self = EPURE_FINDING (object);

  switch (prop_id)
    {
    case PROP_CHECKER_ID: g_value_set_string (value, self->checker_id); break;
    case PROP_RULE_ID: g_value_set_string (value, self->rule_id); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_START: g_value_set_uint64 (value, self->start); break;
    case PROP_END: g_value_set_uint64 (value, self->end); break;
    case PROP_LINE: g_value_set_uint (value, self->line); break;
    case PROP_COLUMN: g_value_set_uint (value, self->column); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_CONFIDENCE: g_value_set_double (value, self->confidence); break;
    case PROP_AUTOMATIC: g_value_set_boolean (value, self->automatic); break;
    case PROP_REPLACEMENTS: g_value_set_boxed (value, self->replacements->pdata); break;
    case PROP_NEEDS_SUGGESTIONS: g_value_set_boolean (value, self->needs_suggestions); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_finding_class_init (EpureFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rwx = ro | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = epure_finding_finalize;
  object_class->get_property = epure_finding_get_property;

  properties[PROP_CHECKER_ID] = g_param_spec_string ("checker-id", NULL, NULL, NULL, ro);
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, ro);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_START] = g_param_spec_uint64 ("start", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_END] = g_param_spec_uint64 ("end", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, rwx);
  properties[PROP_COLUMN] = g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, rwx);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, EPURE_TYPE_SEVERITY,
                                                 EPURE_SEVERITY_WARNING, rwx);
  properties[PROP_CONFIDENCE] = g_param_spec_double ("confidence", NULL, NULL, 0, 1, 1, rwx);
  properties[PROP_AUTOMATIC] = g_param_spec_boolean ("automatic", NULL, NULL, FALSE, rwx);
  properties[PROP_REPLACEMENTS] = g_param_spec_boxed ("replacements", NULL, NULL, G_TYPE_STRV, rwx);
  properties[PROP_NEEDS_SUGGESTIONS] = g_param_spec_boolean ("needs-suggestions", NULL, NULL, FALSE, rwx);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_finding_init (EpureFinding *self)
{
  self->severity = EPURE_SEVERITY_WARNING;
  self->confidence = 1.0;
  self->replacements = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->replacements, NULL);
}

/**
 * epure_finding_new:
 * @start: byte offset (see epure-types.h)
 * @end: byte offset, >= @start
 * @message: translated, says what is wrong and why
 */
EpureFinding *
epure_finding_new (const char *checker_id,
                   const char *rule_id,
                   const char *category,
                   gsize       start,
                   gsize       end,
                   const char *message)
{
  EpureFinding *self;

  g_return_val_if_fail (checker_id != NULL, NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (EPURE_TYPE_FINDING, NULL);
  self->checker_id = g_strdup (checker_id);
  self->rule_id = g_strdup (rule_id);
  self->category = g_strdup (category ? category : checker_id);
  self->message = g_strdup (message ? message : "");
  self->start = start;
  self->end = end;
  return self;
}

const char *
epure_finding_get_checker_id (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);
  return self->checker_id;
}

const char *
epure_finding_get_rule_id (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);
  return self->rule_id;
}

const char *
epure_finding_get_category (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);
  return self->category;
}

const char *
epure_finding_get_message (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);
  return self->message;
}

gsize
epure_finding_get_start (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), 0);
  return self->start;
}

gsize
epure_finding_get_end (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), 0);
  return self->end;
}

/* 1-based; 0 until epure_finding_locate() ran (the pipeline does it). */
guint
epure_finding_get_line (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), 0);
  return self->line;
}

guint
epure_finding_get_column (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), 0);
  return self->column;
}

void
epure_finding_locate (EpureFinding *self,
                      EpureText    *text)
{
  g_return_if_fail (EPURE_IS_FINDING (self));
  g_return_if_fail (text != NULL);

  epure_text_get_line_column (text, self->start, &self->line, &self->column);
}

EpureSeverity
epure_finding_get_severity (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), EPURE_SEVERITY_WARNING);
  return self->severity;
}

void
epure_finding_set_severity (EpureFinding  *self,
                            EpureSeverity  severity)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  if (self->severity != severity)
    {
      self->severity = severity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
    }
}

/* 0..1: how sure the checker is.  Front ends only remove boilerplate
 * automatically above a threshold. */
double
epure_finding_get_confidence (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), 0);
  return self->confidence;
}

void
epure_finding_set_confidence (EpureFinding *self,
                              double        confidence)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  confidence = CLAMP (confidence, 0.0, 1.0);
  if (self->confidence != confidence)
    {
      self->confidence = confidence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
    }
}

/* TRUE when the first replacement is safe to apply without a human choosing
 * it ("clean"); spelling suggestions never are. */
gboolean
epure_finding_get_automatic (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), FALSE);
  return self->automatic && self->replacements->len > 1;
}

void
epure_finding_set_automatic (EpureFinding *self,
                             gboolean      automatic)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  automatic = !!automatic;
  if (self->automatic != automatic)
    {
      self->automatic = automatic;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
    }
}

/* NULL-terminated, never NULL. */
const char * const *
epure_finding_get_replacements (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);
  return (const char * const *) self->replacements->pdata;
}

void
epure_finding_add_replacement (EpureFinding *self,
                               const char   *replacement)
{
  g_return_if_fail (EPURE_IS_FINDING (self));
  g_return_if_fail (replacement != NULL);

  self->replacements->pdata[self->replacements->len - 1] = g_strdup (replacement);
  g_ptr_array_add (self->replacements, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACEMENTS]);
}

void
epure_finding_set_replacements (EpureFinding       *self,
                                const char * const *replacements)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  g_ptr_array_set_size (self->replacements, 0);
  for (guint i = 0; replacements != NULL && replacements[i] != NULL; i++)
    g_ptr_array_add (self->replacements, g_strdup (replacements[i]));
  g_ptr_array_add (self->replacements, NULL);
  self->needs_suggestions = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACEMENTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SUGGESTIONS]);
}

/* TRUE when replacements are computed on demand, by
 * epure_checker_suggest(), because they are costly (spelling). */
gboolean
epure_finding_get_needs_suggestions (EpureFinding *self)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), FALSE);
  return self->needs_suggestions;
}

void
epure_finding_set_needs_suggestions (EpureFinding *self,
                                     gboolean      needs_suggestions)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  needs_suggestions = !!needs_suggestions;
  if (self->needs_suggestions != needs_suggestions)
    {
      self->needs_suggestions = needs_suggestions;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_SUGGESTIONS]);
    }
}

/* The edit that replaces the finding's range by one of its replacements,
 * or NULL when there is no such replacement. */
EpureEdit *
epure_finding_create_edit (EpureFinding *self,
                           guint         replacement_index)
{
  g_return_val_if_fail (EPURE_IS_FINDING (self), NULL);

  if (replacement_index + 1 >= self->replacements->len)
    return NULL;

  return epure_edit_new (self->start, self->end,
                         g_ptr_array_index (self->replacements, replacement_index));
}

/* Text order: by start, then end, then rule id for a stable result. */
int
epure_finding_compare (EpureFinding *a,
                       EpureFinding *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->rule_id, b->rule_id);
}
