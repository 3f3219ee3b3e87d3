/* epure-spelling-forms.h: which words are verb forms an article seldom
 * uses (lançât, pointâmes, rediriges), and words' stems, from libhunspell's
 * analysis of the installed dictionary, to rank corrections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _EpureSpellingForms EpureSpellingForms;

/* A Hunspell handle on @dic_path and the .aff beside it (≈15 MiB, 0.2 s).
 * NULL when either is missing or carries no morphology (po: fields). */
EpureSpellingForms *epure_spelling_forms_load    (const char         *dic_path);
void                epure_spelling_forms_free    (EpureSpellingForms *forms);
/* TRUE when every reading of @word (case-folded, no elision) is a rare
 * form: imperfect subjunctive, simple past but in the third person,
 * second person singular ("tu").  Thread-safe. */
gboolean            epure_spelling_forms_is_rare (EpureSpellingForms *forms,
                                                  const char         *word);

/* The stem of @word's first reading ("ajoutera" → "ajouter", "maisons"
 * → "maison"), or NULL for a word the dictionary does not know.
 * Thread-safe. */
char               *epure_spelling_forms_get_stem (EpureSpellingForms *forms,
                                                   const char         *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpureSpellingForms, epure_spelling_forms_free)

G_END_DECLS
