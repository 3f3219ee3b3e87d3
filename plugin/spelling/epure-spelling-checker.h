/* epure-spelling-checker.h: the spelling checker plugin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"
#include "epure-spelling-dictionary.h"
#include "epure-word-iter.h"

G_BEGIN_DECLS

#define EPURE_SPELLING_CHECKER_ID    "spelling"
#define EPURE_SPELLING_RULE_MISSPELLED "spelling.misspelled"

#define EPURE_TYPE_SPELLING_CHECKER (epure_spelling_checker_get_type ())

G_DECLARE_FINAL_TYPE (EpureSpellingChecker, epure_spelling_checker, EPURE, SPELLING_CHECKER, GObject)

/* A misspelled word: byte offsets into the checked string. */
typedef struct
{
  gsize start;
  gsize end;
} EpureSpellingRange;

EpureSpellingChecker    *epure_spelling_checker_new                (const char            *language);
const char              *epure_spelling_checker_get_language       (EpureSpellingChecker  *self);
void                     epure_spelling_checker_set_language       (EpureSpellingChecker  *self,
                                                                    const char            *language);
gboolean                 epure_spelling_checker_get_skip_capitals  (EpureSpellingChecker  *self);
void                     epure_spelling_checker_set_skip_capitals  (EpureSpellingChecker  *self,
                                                                    gboolean               skip_capitals);
/* (transfer full): the current language's dictionary, or NULL and
 * EPURE_CHECKER_ERROR_UNAVAILABLE.  Thread-safe. */
EpureSpellingDictionary *epure_spelling_checker_get_dictionary     (EpureSpellingChecker  *self,
                                                                    GError               **error);
/* The misspelled words of text[start, end) as an array of
 * EpureSpellingRange.  Thread-safe; @text gives the verbatim spans. */
GArray                  *epure_spelling_checker_find_misspellings  (EpureSpellingChecker  *self,
                                                                    EpureText             *text,
                                                                    gsize                  start,
                                                                    gsize                  end,
                                                                    GCancellable          *cancellable,
                                                                    GError               **error);
/* Whether one word (as the tokenizer cut it) is correct, with the elided
 * prefix fallback.  Thread-safe. */
gboolean                 epure_spelling_checker_check_word         (EpureSpellingChecker  *self,
                                                                    const char            *word,
                                                                    gssize                 len,
                                                                    GError               **error);
/* Ranked corrections for one word alone (no document around it; see
 * epure_checker_suggest() for the document's cue).  Costly: off the UI
 * thread. */
char                   **epure_spelling_checker_suggest_word       (EpureSpellingChecker  *self,
                                                                    const char            *word,
                                                                    gssize                 len,
                                                                    GError               **error);
/* Both emit EpureChecker::changed so front ends re-check. */
void                     epure_spelling_checker_add_word           (EpureSpellingChecker  *self,
                                                                    const char            *word,
                                                                    gssize                 len);
void                     epure_spelling_checker_ignore_word        (EpureSpellingChecker  *self,
                                                                    const char            *word,
                                                                    gssize                 len);

G_END_DECLS
