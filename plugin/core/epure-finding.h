/* epure-finding.h: one thing a checker found in the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include "epure-edit.h"
#include "epure-text.h"

G_BEGIN_DECLS

/* Broad categories: one editor style each.  The rule id says the rest. */
#define EPURE_CATEGORY_SPELLING    "spelling"
#define EPURE_CATEGORY_TYPOGRAPHY  "typography"
#define EPURE_CATEGORY_BOILERPLATE "boilerplate"
#define EPURE_CATEGORY_STYLE       "style"

/* What epure_finding_new_static() makes a finding of. */
typedef struct
{
  const char    *checker_id;   /* static: not copied */
  const char    *rule_id;      /* static */
  const char    *category;     /* static; NULL for checker_id */
  const char    *message;      /* static or a gettext translation */
  gsize          start;
  gsize          end;
  EpureSeverity  severity;
  double         confidence;
  gboolean       automatic;
  const char    *replacement;  /* copied; NULL for none */
} EpureFindingInit;

#define EPURE_TYPE_FINDING (epure_finding_get_type ())

G_DECLARE_FINAL_TYPE (EpureFinding, epure_finding, EPURE, FINDING, GObject)

EpureFinding       *epure_finding_new                  (const char          *checker_id,
                                                        const char          *rule_id,
                                                        const char          *category,
                                                        gsize                start,
                                                        gsize                end,
                                                        const char          *message);
EpureFinding       *epure_finding_new_static           (const EpureFindingInit *init);
const char         *epure_finding_get_checker_id       (EpureFinding        *self);
const char         *epure_finding_get_rule_id          (EpureFinding        *self);
const char         *epure_finding_get_category         (EpureFinding        *self);
const char         *epure_finding_get_message          (EpureFinding        *self);
gsize               epure_finding_get_start            (EpureFinding        *self);
gsize               epure_finding_get_end              (EpureFinding        *self);
guint               epure_finding_get_line             (EpureFinding        *self);
guint               epure_finding_get_column           (EpureFinding        *self);
void                epure_finding_locate               (EpureFinding        *self,
                                                        EpureText           *text);
void                epure_findings_locate              (GPtrArray           *findings,
                                                        EpureText           *text);
EpureSeverity       epure_finding_get_severity         (EpureFinding        *self);
void                epure_finding_set_severity         (EpureFinding        *self,
                                                        EpureSeverity        severity);
double              epure_finding_get_confidence       (EpureFinding        *self);
void                epure_finding_set_confidence       (EpureFinding        *self,
                                                        double               confidence);
gboolean            epure_finding_get_automatic        (EpureFinding        *self);
void                epure_finding_set_automatic        (EpureFinding        *self,
                                                        gboolean             automatic);
const char * const *epure_finding_get_replacements     (EpureFinding        *self);
void                epure_finding_add_replacement      (EpureFinding        *self,
                                                        const char          *replacement);
void                epure_finding_set_replacements     (EpureFinding        *self,
                                                        const char * const  *replacements);
gboolean            epure_finding_get_needs_suggestions (EpureFinding       *self);
void                epure_finding_set_needs_suggestions (EpureFinding       *self,
                                                        gboolean             needs_suggestions);
EpureEdit          *epure_finding_create_edit          (EpureFinding        *self,
                                                        guint                replacement_index);
int                 epure_finding_compare              (EpureFinding        *a,
                                                        EpureFinding        *b);

G_END_DECLS
