/* epure-spelling-forms.h: which words are verb forms an article seldom
 * uses (lançât, pointâmes, rediriges), read from the installed Hunspell
 * dictionary's own morphology, to rank such corrections lower.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _EpureSpellingForms EpureSpellingForms;

/* Reads @dic_path and the .aff beside it.  NULL when either is missing or
 * carries no morphology (po: fields). */
EpureSpellingForms *epure_spelling_forms_load    (const char         *dic_path);
void                epure_spelling_forms_free    (EpureSpellingForms *forms);
/* TRUE when every way the dictionary builds @word (case-folded, no
 * elision) is a rare form: imperfect subjunctive, simple past but in the
 * third person, second person singular ("tu").  Thread-safe (read-only). */
gboolean            epure_spelling_forms_is_rare (EpureSpellingForms *forms,
                                                  const char         *word);

/* The .dic stem @word is first read as ("ajoutera" → "ajouter",
 * "maisons" → "maison"), or NULL when the dictionary cannot take it
 * apart.  Thread-safe (read-only). */
char               *epure_spelling_forms_get_stem (EpureSpellingForms *forms,
                                                   const char         *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpureSpellingForms, epure_spelling_forms_free)

G_END_DECLS
