/* epure-checker.h: the interface every checker plugin implements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include <gio/gio.h>

#include "epure-finding.h"

G_BEGIN_DECLS

#define EPURE_TYPE_CHECKER (epure_checker_get_type ())

G_DECLARE_INTERFACE (EpureChecker, epure_checker, EPURE, CHECKER, GObject)

typedef enum
{
  /* Findings depend on the whole document (repeated title, footers). */
  EPURE_CHECKER_SCOPE_DOCUMENT,
  /* Findings of a paragraph depend on that paragraph only, so the text may
   * be checked in pieces split at blank lines (streaming, re-checks). */
  EPURE_CHECKER_SCOPE_PARAGRAPH,
} EpureCheckerScope;

struct _EpureCheckerInterface
{
  GTypeInterface parent_iface;

  const char        *(*get_id)           (EpureChecker  *self);
  const char        *(*get_display_name) (EpureChecker  *self);
  EpureCheckerScope  (*get_scope)        (EpureChecker  *self);

  /* Must be thread-safe: called from worker threads, possibly at once.
   * Returns a GPtrArray of EpureFinding (any order), or NULL and @error. */
  GPtrArray         *(*check)            (EpureChecker  *self,
                                          EpureText     *text,
                                          GCancellable  *cancellable,
                                          GError       **error);

  /* Optional: costly replacements computed on demand, for findings with
   * needs-suggestions set.  Thread-safe; returns a NULL-terminated array. */
  char             **(*suggest)          (EpureChecker  *self,
                                          EpureText     *text,
                                          EpureFinding  *finding,
                                          GCancellable  *cancellable,
                                          GError       **error);

  /* Optional: the edit that applies a finding's replacement.  The default
   * replaces the finding's range; boilerplate widens it to whole lines. */
  EpureEdit         *(*create_edit)      (EpureChecker  *self,
                                          EpureText     *text,
                                          EpureFinding  *finding,
                                          guint          replacement_index);

  /* Optional fast path for cleaning: the edits of every automatic fix of
   * @text at least @min_confidence sure, exactly those that check() then
   * create_edit() would give, without making findings.  Thread-safe;
   * returns a GPtrArray of EpureEdit in text order, or NULL and @error. */
  GPtrArray         *(*fix)              (EpureChecker  *self,
                                          EpureText     *text,
                                          double         min_confidence,
                                          GCancellable  *cancellable,
                                          GError       **error);

  /* Optional, with fix(): as fix(), and appends to @unsettled (gsize
   * pairs, [start, end) in @text, in order) the ranges whose edits, once
   * applied, this checker might fix again.  Every other edit is settled:
   * checking the text again after applying them all finds nothing more
   * to fix outside those ranges.  Lets clean skip most re-checks.  For
   * clean only: an edit may hold several fixes (a paragraph's). */
  GPtrArray         *(*fix_settled)      (EpureChecker  *self,
                                          EpureText     *text,
                                          double         min_confidence,
                                          GArray        *unsettled,
                                          GCancellable  *cancellable,
                                          GError       **error);
};

const char        *epure_checker_get_id           (EpureChecker        *self);
const char        *epure_checker_get_display_name (EpureChecker        *self);
EpureCheckerScope  epure_checker_get_scope        (EpureChecker        *self);
GPtrArray         *epure_checker_check            (EpureChecker        *self,
                                                   EpureText           *text,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
char             **epure_checker_suggest          (EpureChecker        *self,
                                                   EpureText           *text,
                                                   EpureFinding        *finding,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void               epure_checker_suggest_async    (EpureChecker        *self,
                                                   EpureText           *text,
                                                   EpureFinding        *finding,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char             **epure_checker_suggest_finish   (EpureChecker        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
EpureEdit         *epure_checker_create_edit      (EpureChecker        *self,
                                                   EpureText           *text,
                                                   EpureFinding        *finding,
                                                   guint                replacement_index);
gboolean           epure_checker_has_fix          (EpureChecker        *self);
GPtrArray         *epure_checker_fix              (EpureChecker        *self,
                                                   EpureText           *text,
                                                   double               min_confidence,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
GPtrArray         *epure_checker_fix_settled      (EpureChecker        *self,
                                                   EpureText           *text,
                                                   double               min_confidence,
                                                   GArray              *unsettled,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
gboolean           epure_checker_set_option       (EpureChecker        *self,
                                                   const char          *name,
                                                   const char          *value,
                                                   GError             **error);
void               epure_checker_emit_changed     (EpureChecker        *self);

G_END_DECLS
