/* epure-spelling-forms.c: libhunspell's morphological analysis of the
 * dictionary Enchant uses.
 *
 * French Hunspell dictionaries tag each reading of a word with its stem,
 * tense and person ("st:lancer po:v1__t_q_zz po:simp po:3sg"); Enchant
 * does not expose that, so a second Hunspell handle on the same files
 * answers it.  A Hunspell handle is not thread-safe: calls go through
 * a lock of this object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <hunspell.h>

#include "epure-spelling-forms.h"

struct _EpureSpellingForms
{
  GMutex lock;
  Hunhandle *hunspell;
};

void
epure_spelling_forms_free (EpureSpellingForms *forms)
{
  if (forms == NULL)
    return;
  if (forms->hunspell != NULL)
    Hunspell_destroy (forms->hunspell);
  g_mutex_clear (&forms->lock);
  g_free (forms);
}

EpureSpellingForms *
epure_spelling_forms_load (const char *dic_path)
{
  g_autoptr(EpureSpellingForms) forms = NULL;
  g_autofree char *aff_path = NULL;
  g_autofree char *aff = NULL;

  g_return_val_if_fail (dic_path != NULL, NULL);

  if (!g_str_has_suffix (dic_path, ".dic") || !g_file_test (dic_path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  aff_path = g_strdup (dic_path);
  memcpy (aff_path + strlen (aff_path) - 3, "aff", 3);
  /* Without morphology there is nothing to tell; nor would Hunspell
   * read a dictionary in another encoding as UTF-8. */
  if (!g_file_get_contents (aff_path, &aff, NULL, NULL) || strstr (aff, "po:") == NULL ||
      strstr (aff, "SET UTF-8") == NULL)
    return NULL;

  forms = g_new0 (EpureSpellingForms, 1);
  g_mutex_init (&forms->lock);
  forms->hunspell = Hunspell_create (aff_path, dic_path);
  if (forms->hunspell == NULL)
    return NULL;
  return g_steal_pointer (&forms);
}

/* Forms an article seldom uses: the imperfect subjunctive (lançât), the
 * simple past but in the third person (lançâmes; "lança" is news
 * French), the "tu" forms (rediriges, lanceras). */
static gboolean
is_rare_reading (const char *morph)
{
  if (strstr (morph, "po:simp") != NULL)
    return TRUE;
  if (strstr (morph, "po:ipsi") != NULL && strstr (morph, "po:3sg") == NULL &&
      strstr (morph, "po:3pl") == NULL)
    return TRUE;
  return strstr (morph, "po:2sg") != NULL && strstr (morph, "po:1sg") == NULL &&
         strstr (morph, "po:3sg") == NULL;
}

/* (transfer full): Hunspell's readings of @word, NULL when it has none. */
static char **
analyze (EpureSpellingForms *forms,
         const char         *word)
{
  char **list = NULL;
  char **copy = NULL;
  int n;

  g_mutex_lock (&forms->lock);
  n = Hunspell_analyze (forms->hunspell, &list, word);
  if (n > 0)
    {
      copy = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        copy[i] = g_strdup (list[i]);
    }
  Hunspell_free_list (forms->hunspell, &list, n);
  g_mutex_unlock (&forms->lock);

  return copy;
}

gboolean
epure_spelling_forms_is_rare (EpureSpellingForms *forms,
                              const char         *word)
{
  g_auto(GStrv) readings = NULL;

  if (forms == NULL || word == NULL)
    return FALSE;
  readings = analyze (forms, word);
  if (readings == NULL)
    return FALSE;
  for (guint i = 0; readings[i] != NULL; i++)
    if (!is_rare_reading (readings[i]))
      return FALSE;
  return TRUE;
}

char *
epure_spelling_forms_get_stem (EpureSpellingForms *forms,
                               const char         *word)
{
  g_auto(GStrv) readings = NULL;
  const char *st, *end;

  if (forms == NULL || word == NULL)
    return NULL;
  readings = analyze (forms, word);
  if (readings == NULL || (st = strstr (readings[0], "st:")) == NULL)
    return NULL;
  st += strlen ("st:");
  end = st + strcspn (st, " \t");
  return end > st ? g_strndup (st, end - st) : NULL;
}
