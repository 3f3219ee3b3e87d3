/* epure-spelling-forms.c: a suffix-only reading of Hunspell's affix rules.
 *
 * French Hunspell dictionaries tag each conjugation rule with its tense
 * and person ("po:simp po:3sg").  A word is taken apart by every suffix
 * rule whose ending it has, back to a stem of the .dic that carries the
 * rule's flag; only when all its readings are rare forms is it one.
 * Nothing is copied: the installed files are read at run time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-spelling-forms.h"

typedef struct
{
  char *flag;
  char *strip;
  char *add;
  char *condition;
  gboolean rare;
} SuffixRule;

struct _EpureSpellingForms
{
  GArray *rules;         /* SuffixRule */
  /* Indices into rules by the last byte of their ending, 256 for none:
   * a word meets only the rules that could have made it. */
  GArray *by_last_byte[257];
  GHashTable *stems;     /* .dic stem → its flags, homonyms' joined */
  char *need_affix;      /* the flag of stems that are no word alone */
  gboolean long_flags;
};

static void
clear_rule (gpointer data)
{
  SuffixRule *rule = data;

  g_free (rule->flag);
  g_free (rule->strip);
  g_free (rule->add);
  g_free (rule->condition);
}

void
epure_spelling_forms_free (EpureSpellingForms *forms)
{
  if (forms == NULL)
    return;
  g_clear_pointer (&forms->rules, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (forms->by_last_byte); i++)
    g_clear_pointer (&forms->by_last_byte[i], g_array_unref);
  g_clear_pointer (&forms->stems, g_hash_table_unref);
  g_free (forms->need_affix);
  g_free (forms);
}

/* Forms an article seldom uses: the imperfect subjunctive (lançât), the
 * simple past but in the third person (lançâmes; "lança" is news
 * French), the "tu" forms (rediriges, lanceras). */
static gboolean
is_rare_tag (const char *morph)
{
  if (strstr (morph, "po:simp") != NULL)
    return TRUE;
  if (strstr (morph, "po:ipsi") != NULL && strstr (morph, "po:3sg") == NULL &&
      strstr (morph, "po:3pl") == NULL)
    return TRUE;
  return strstr (morph, "po:2sg") != NULL && strstr (morph, "po:1sg") == NULL &&
         strstr (morph, "po:3sg") == NULL;
}

static char *
field_or_empty (const char *field)
{
  /* "0" is Hunspell's empty string. */
  return g_strdup (strcmp (field, "0") == 0 ? "" : field);
}

static gboolean
parse_aff (EpureSpellingForms *forms,
           const char         *contents)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  gboolean any_morphology = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      SuffixRule rule;
      char *slash;
      guint n;

      g_strchomp (lines[i]);
      if (g_str_has_prefix (lines[i], "FLAG "))
        forms->long_flags = strstr (lines[i], "long") != NULL;
      if (g_str_has_prefix (lines[i], "NEEDAFFIX "))
        forms->need_affix = g_strstrip (g_strdup (lines[i] + strlen ("NEEDAFFIX ")));
      if (!g_str_has_prefix (lines[i], "SFX "))
        continue;
      fields = g_regex_split_simple ("[ \t]+", lines[i], 0, 0);
      n = g_strv_length (fields);
      /* SFX flag Y count: the header of a rule group. */
      if (n < 5)
        continue;
      slash = strchr (fields[3], '/');
      if (slash != NULL)
        *slash = '\0';
      rule.flag = g_strdup (fields[1]);
      rule.strip = field_or_empty (fields[2]);
      rule.add = field_or_empty (fields[3]);
      rule.condition = g_strdup (fields[4]);
      rule.rare = FALSE;
      if (n > 5)
        {
          g_autofree char *morph = g_strjoinv (" ", fields + 5);
          rule.rare = is_rare_tag (morph);
          any_morphology |= strstr (morph, "po:") != NULL;
        }
      g_array_append_val (forms->rules, rule);
    }
  return any_morphology;
}

static void
parse_dic (EpureSpellingForms *forms,
           const char         *contents,
           gsize               len)
{
  const char *p, *end = contents + len;

  /* The first line is the entry count. */
  p = memchr (contents, '\n', len);
  p = p != NULL ? p + 1 : end;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = p, *flags, *flags_end;

      if (eol == NULL)
        eol = end;
      while (stop < eol && *stop != '/' && *stop != '\t' && *stop != ' ' && *stop != '\r')
        stop++;
      flags = flags_end = stop;
      if (stop < eol && *stop == '/')
        {
          flags = flags_end = stop + 1;
          while (flags_end < eol && *flags_end != '\t' && *flags_end != ' ' && *flags_end != '\r')
            flags_end++;
        }
      if (stop > p)
        {
          char *stem = g_strndup (p, stop - p);
          const char *old = g_hash_table_lookup (forms->stems, stem);
          /* A space keeps homonyms' flags apart (a flag is two characters). */
          char *joined = old != NULL ? g_strdup_printf ("%s %.*s", old, (int) (flags_end - flags), flags)
                                     : g_strndup (flags, flags_end - flags);

          g_hash_table_replace (forms->stems, stem, joined);
        }
      p = eol + 1;
    }
}

EpureSpellingForms *
epure_spelling_forms_load (const char *dic_path)
{
  g_autoptr(EpureSpellingForms) forms = g_new0 (EpureSpellingForms, 1);
  g_autofree char *aff_path = NULL;
  g_autofree char *aff = NULL;
  g_autofree char *dic = NULL;
  gsize dic_len;

  g_return_val_if_fail (dic_path != NULL, NULL);

  if (!g_str_has_suffix (dic_path, ".dic"))
    return NULL;
  aff_path = g_strconcat (dic_path, NULL);
  memcpy (aff_path + strlen (aff_path) - 3, "aff", 3);
  if (!g_file_get_contents (aff_path, &aff, NULL, NULL) ||
      !g_file_get_contents (dic_path, &dic, &dic_len, NULL) ||
      !g_utf8_validate (aff, -1, NULL) || !g_utf8_validate (dic, dic_len, NULL))
    return NULL;

  forms->rules = g_array_new (FALSE, FALSE, sizeof (SuffixRule));
  g_array_set_clear_func (forms->rules, clear_rule);
  forms->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!parse_aff (forms, aff))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (forms->by_last_byte); i++)
    forms->by_last_byte[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < forms->rules->len; i++)
    {
      const char *add = g_array_index (forms->rules, SuffixRule, i).add;
      gsize n = strlen (add);

      g_array_append_val (forms->by_last_byte[n > 0 ? (guchar) add[n - 1] : 256], i);
    }
  parse_dic (forms, dic, dic_len);
  return g_steal_pointer (&forms);
}

/* Whether @flags (one entry's, or homonyms' joined by spaces) hold @flag. */
static gboolean
has_flag (EpureSpellingForms *forms,
          const char         *flags,
          const char         *flag)
{
  gsize flag_len = strlen (flag);

  if (flags == NULL || flag_len == 0)
    return FALSE;
  for (const char *p = flags; *p; )
    {
      const char *next;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (forms->long_flags && *next != '\0' && *next != ' ')
        next = g_utf8_next_char (next);
      if ((gsize) (next - p) == flag_len && memcmp (p, flag, flag_len) == 0)
        return TRUE;
      p = next;
    }
  return FALSE;
}

/* Hunspell's condition: the stem's last letters against literal letters,
 * '.', and [set] or [^set]. */
static gboolean
condition_matches (const char *condition,
                   const char *stem)
{
  glong n_stem, n_units = 0, at;
  g_autofree gunichar *s = g_utf8_to_ucs4_fast (stem, -1, &n_stem);
  const char *p;

  if (strcmp (condition, ".") == 0)
    return TRUE;
  for (p = condition; *p; n_units++)
    {
      if (*p == '[')
        {
          p = strchr (p, ']');
          if (p == NULL)
            return FALSE;
          p++;
        }
      else
        p = g_utf8_next_char (p);
    }
  if (n_units > n_stem)
    return FALSE;
  at = n_stem - n_units;
  for (p = condition; *p; at++)
    {
      gunichar c = s[at];

      if (*p == '[')
        {
          gboolean negate = p[1] == '^';
          gboolean in = FALSE;

          for (p += negate ? 2 : 1; *p && *p != ']'; p = g_utf8_next_char (p))
            in |= g_utf8_get_char (p) == c;
          if (*p == ']')
            p++;
          if (in == negate)
            return FALSE;
        }
      else
        {
          if (*p != '.' && g_utf8_get_char (p) != c)
            return FALSE;
          p = g_utf8_next_char (p);
        }
    }
  return TRUE;
}

/* Called on each reading of a word with its .dic stem; FALSE stops. */
typedef gboolean (*ReadingFunc) (const char *stem,
                                 gboolean    rare,
                                 gpointer    data);

static void
for_each_reading (EpureSpellingForms *forms,
                  const char         *word,
                  ReadingFunc         found,
                  gpointer            data)
{
  gsize len = strlen (word);
  const char *flags;
  guint buckets[2];

  /* A stem that is a word alone is a common reading. */
  flags = g_hash_table_lookup (forms->stems, word);
  if (flags != NULL && (forms->need_affix == NULL || !has_flag (forms, flags, forms->need_affix)) &&
      !found (word, FALSE, data))
    return;

  /* Rules ending in the word's last byte, then those adding nothing. */
  buckets[0] = len > 0 ? (guchar) word[len - 1] : 256;
  buckets[1] = 256;
  for (guint b = 0; b < (buckets[0] == 256 ? 1 : 2); b++)
    {
      GArray *bucket = forms->by_last_byte[buckets[b]];

      for (guint k = 0; k < bucket->len; k++)
        {
          SuffixRule *rule = &g_array_index (forms->rules, SuffixRule, g_array_index (bucket, guint, k));
          gsize add_len = strlen (rule->add);
          g_autofree char *stem = NULL;

          if (add_len > len || strcmp (word + len - add_len, rule->add) != 0)
            continue;
          stem = g_strdup_printf ("%.*s%s", (int) (len - add_len), word, rule->strip);
          if (!condition_matches (rule->condition, stem))
            continue;
          if (!has_flag (forms, g_hash_table_lookup (forms->stems, stem), rule->flag))
            continue;
          if (!found (stem, rule->rare, data))
            return;
        }
    }
}

typedef struct
{
  gboolean rare;
  gboolean common;
} Rarity;

static gboolean
note_rarity (const char *stem,
             gboolean    rare,
             gpointer    data)
{
  Rarity *r = data;

  r->rare |= rare;
  r->common |= !rare;
  return !r->common;
}

gboolean
epure_spelling_forms_is_rare (EpureSpellingForms *forms,
                              const char         *word)
{
  Rarity r = { FALSE, FALSE };

  if (forms == NULL || word == NULL)
    return FALSE;
  for_each_reading (forms, word, note_rarity, &r);
  return r.rare && !r.common;
}

static gboolean
keep_stem (const char *stem,
           gboolean    rare,
           gpointer    data)
{
  char **lemma = data;

  *lemma = g_strdup (stem);
  return FALSE;
}

char *
epure_spelling_forms_get_stem (EpureSpellingForms *forms,
                               const char         *word)
{
  char *stem = NULL;

  if (forms == NULL || word == NULL)
    return NULL;
  for_each_reading (forms, word, keep_stem, &stem);
  return stem;
}
