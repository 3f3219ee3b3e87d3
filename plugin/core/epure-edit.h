/* epure-edit.h: one replacement of a byte range of the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include "epure-types.h"

G_BEGIN_DECLS

#define EPURE_TYPE_EDIT (epure_edit_get_type ())

struct _EpureEdit
{
  gsize start;        /* byte offset, see epure-types.h */
  gsize end;
  char *replacement;  /* UTF-8, may be "" to delete; epure_edit_new() puts it
                       * in the edit's own block, epure_edit_new_take()
                       * keeps the caller's: make a new edit rather than
                       * replacing it */
};

GType      epure_edit_get_type  (void) G_GNUC_CONST;
EpureEdit *epure_edit_new       (gsize            start,
                                 gsize            end,
                                 const char      *replacement);
EpureEdit *epure_edit_new_take  (gsize            start,
                                 gsize            end,
                                 char            *replacement);
EpureEdit *epure_edit_copy      (const EpureEdit *self);
void       epure_edit_free      (EpureEdit       *self);
int        epure_edit_compare   (const EpureEdit *a,
                                 const EpureEdit *b);
void       epure_edits_sort     (GPtrArray       *edits);
gboolean   epure_edits_conflict (const EpureEdit *a,
                                 const EpureEdit *b);
gboolean   epure_edits_sort_and_check (GPtrArray *edits,
                                       gsize      text_length,
                                       GError   **error);
char      *epure_edits_apply    (const char      *text,
                                 gsize            len,
                                 GPtrArray       *edits,
                                 gsize           *out_len,
                                 GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpureEdit, epure_edit_free)

G_END_DECLS
