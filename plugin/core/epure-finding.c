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

  /* Copies, or the caller's static strings (epure_finding_new_static()). */
  const char *checker_id;
  const char *rule_id;
  const char *category;
  const char *message;
  gsize start;
  gsize end;
  guint line;
  guint column;
  EpureSeverity severity;
  double confidence;
  /* NULL-terminated; points to inline_replacements while there is at most
   * one, so that most findings cost no array. */
  char **replacements;
  guint n_replacements;
  char *inline_replacements[2];
  guint automatic : 1;
  guint needs_suggestions : 1;
  guint static_strings : 1;
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
clear_replacements (EpureFinding *self)
{
  for (guint i = 0; i < self->n_replacements; i++)
    g_free (self->replacements[i]);
  if (self->replacements != self->inline_replacements)
    g_free (self->replacements);
  self->replacements = self->inline_replacements;
  self->inline_replacements[0] = NULL;
  self->n_replacements = 0;
}

/* Appends a copy of @replacement, keeping the array NULL-terminated. */
static void
append_replacement (EpureFinding *self,
                    const char   *replacement)
{
  guint n = self->n_replacements;

  if (n + 2 > G_N_ELEMENTS (self->inline_replacements))
    {
      if (self->replacements == self->inline_replacements)
        {
          self->replacements = g_new (char *, n + 2);
          memcpy (self->replacements, self->inline_replacements, n * sizeof (char *));
        }
      else
        self->replacements = g_renew (char *, self->replacements, n + 2);
    }
  self->replacements[n] = g_strdup (replacement);
  self->replacements[n + 1] = NULL;
  self->n_replacements = n + 1;
}

static void
epure_finding_finalize (GObject *object)
{
  EpureFinding *self = (EpureFinding *) object;

  if (!self->static_strings)
    {
      g_free ((char *) self->checker_id);
      g_free ((char *) self->rule_id);
      g_free ((char *) self->category);
      g_free ((char *) self->message);
    }
  clear_replacements (self);

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
    case PROP_REPLACEMENTS: g_value_set_boxed (value, self->replacements); break;
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
  self->replacements = self->inline_replacements;
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

/**
 * epure_finding_new_static:
 *
 * Makes a finding as epure_finding_new() and the setters would, for
 * checkers that make many: the strings of @init other than the
 * replacement are not copied and must outlive the finding (string
 * literals, translations from gettext), and no property is notified.
 */
EpureFinding *
epure_finding_new_static (const EpureFindingInit *init)
{
  EpureFinding *self;

  g_return_val_if_fail (init != NULL, NULL);
  g_return_val_if_fail (init->checker_id != NULL, NULL);
  g_return_val_if_fail (init->rule_id != NULL, NULL);
  g_return_val_if_fail (init->start <= init->end, NULL);

  self = g_object_new (EPURE_TYPE_FINDING, NULL);
  self->static_strings = TRUE;
  self->checker_id = init->checker_id;
  self->rule_id = init->rule_id;
  self->category = init->category ? init->category : init->checker_id;
  self->message = init->message ? init->message : "";
  self->start = init->start;
  self->end = init->end;
  self->severity = init->severity;
  self->confidence = CLAMP (init->confidence, 0.0, 1.0);
  self->automatic = !!init->automatic;
  if (init->replacement != NULL)
    append_replacement (self, init->replacement);
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

/* Characters in [p, p + n) of valid UTF-8 cut at character boundaries. */
static gsize
count_chars (const guchar *p,
             gsize         n)
{
  gsize continuation = 0;

  for (gsize i = 0; i < n; i++)
    continuation += (p[i] & 0xC0) == 0x80;
  return n - continuation;
}

/**
 * epure_findings_locate:
 * @findings: (element-type EpureFinding): sorted by start
 *
 * epure_finding_locate() for every finding, in one sweep of the text
 * rather than a count from the line start for each: a paragraph is often
 * one long line with many findings.
 */
void
epure_findings_locate (GPtrArray *findings,
                       EpureText *text)
{
  const char *str;
  gsize len, line_start = 0, next_start, cursor = 0, column = 0;
  guint line = 1, n_lines;

  g_return_if_fail (findings != NULL);
  g_return_if_fail (text != NULL);

  str = epure_text_get_string (text, &len);
  n_lines = epure_text_get_line_count (text);
  next_start = n_lines > 1 ? epure_text_get_line_start (text, 2) : G_MAXSIZE;

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      gsize offset = MIN (f->start, len);

      /* Out of order, or inside a character: the slow way, cursor kept. */
      if (offset < cursor || (offset < len && ((guchar) str[offset] & 0xC0) == 0x80))
        {
          epure_finding_locate (f, text);
          continue;
        }

      while (offset >= next_start)
        {
          line++;
          line_start = next_start;
          next_start = line < n_lines ? epure_text_get_line_start (text, line + 1) : G_MAXSIZE;
          cursor = line_start;
          column = 0;
        }
      column += count_chars ((const guchar *) str + cursor, offset - cursor);
      cursor = offset;
      f->line = line;
      f->column = column + 1;
    }
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
  return self->automatic && self->n_replacements > 0;
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
  return (const char * const *) self->replacements;
}

void
epure_finding_add_replacement (EpureFinding *self,
                               const char   *replacement)
{
  g_return_if_fail (EPURE_IS_FINDING (self));
  g_return_if_fail (replacement != NULL);

  append_replacement (self, replacement);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACEMENTS]);
}

void
epure_finding_set_replacements (EpureFinding       *self,
                                const char * const *replacements)
{
  g_return_if_fail (EPURE_IS_FINDING (self));

  g_auto(GStrv) copy = g_strdupv ((char **) replacements);   /* may be our own */

  clear_replacements (self);
  for (guint i = 0; copy != NULL && copy[i] != NULL; i++)
    append_replacement (self, copy[i]);
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

  if (replacement_index >= self->n_replacements)
    return NULL;

  return epure_edit_new (self->start, self->end, self->replacements[replacement_index]);
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
