/* epure-spelling-dictionary.h: an Enchant dictionary for one language,
 * safe to use from several threads, with a word → verdict cache, the
 * personal dictionary and the session's ignore list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

#define EPURE_SPELLING_DEFAULT_LANGUAGE "fr_FR"
#define EPURE_SPELLING_MAX_SUGGESTIONS  5
/* How far around a misspelled word the document is read for its own
 * words (see epure_spelling_context_new()): bytes each side. */
#define EPURE_SPELLING_CONTEXT_BYTES    8192

#define EPURE_TYPE_SPELLING_DICTIONARY (epure_spelling_dictionary_get_type ())

G_DECLARE_FINAL_TYPE (EpureSpellingDictionary, epure_spelling_dictionary, EPURE, SPELLING_DICTIONARY, GObject)

/* EPURE_CHECKER_ERROR_UNAVAILABLE when no dictionary for @language is
 * installed. */
EpureSpellingDictionary *epure_spelling_dictionary_new          (const char               *language,
                                                                 GError                  **error);
const char              *epure_spelling_dictionary_get_language (EpureSpellingDictionary  *self);
/* TRUE when the word is correct (or ignored, or in the personal dictionary).
 * @len may be -1.  Thread-safe. */
gboolean                 epure_spelling_dictionary_check_word   (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len);
/* TRUE for a hyphenated word that is not a compound of the dictionary but
 * one letter changed, or two swapped, away from one ("vingt-et-nu"):
 * Hunspell accepts it because each part is a word.  Thread-safe. */
gboolean                 epure_spelling_dictionary_is_near_compound (EpureSpellingDictionary *self,
                                                                     const char              *word,
                                                                     gssize                   len);
/* Up to @max corrections, best first, in the word's case and apostrophe;
 * @context (may be NULL) from epure_spelling_context_new() puts the words
 * the document uses first.  Costly (up to 0.4 s): call it off the UI
 * thread.  Thread-safe. */
char                   **epure_spelling_dictionary_suggest      (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len,
                                                                 GHashTable               *context,
                                                                 guint                     max);
/* Enchant's own suggestions in its order (benchmarks compare rankings). */
char                   **epure_spelling_dictionary_suggest_raw  (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len);
/* The ranking step alone, on given candidates in Enchant's order. */
char                   **epure_spelling_dictionary_rank         (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len,
                                                                 const char * const       *candidates,
                                                                 GHashTable               *context,
                                                                 guint                     max);
/* Adds to the personal dictionary (persisted by Enchant).  Emits ::changed. */
void                     epure_spelling_dictionary_add_word     (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len);
/* Accepts the word until this object is finalized.  Emits ::changed. */
void                     epure_spelling_dictionary_ignore_word  (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len);
/* Removes a word from the personal dictionary and the ignore list. */
void                     epure_spelling_dictionary_remove_word  (EpureSpellingDictionary  *self,
                                                                 const char               *word,
                                                                 gssize                    len);

/* The words of str[0, len) within EPURE_SPELLING_CONTEXT_BYTES of the
 * misspelled word str[start, end) (itself left out), case-folded, without
 * their elision nor a plural's s or x, each with how often it occurs
 * (GUINT_TO_POINTER): the document's own cue to which correction is
 * meant.  The window's edges are snapped to white space, so that any
 * slice of a document holding the window and one byte more each side
 * gives the same words (the editor passes a slice, the CLI the whole
 * text). */
GHashTable              *epure_spelling_context_new             (const char               *str,
                                                                 gsize                     len,
                                                                 gsize                     start,
                                                                 gsize                     end);

/* The language tags of the installed Enchant dictionaries, sorted. */
char                   **epure_spelling_list_languages          (void);
/* A human name for a tag ("fr_FR" → "French (France)"), translated. */
char                    *epure_spelling_language_name           (const char               *language);

G_END_DECLS
