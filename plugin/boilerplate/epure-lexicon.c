/* epure-lexicon.c: weighted phrase lists read from dictionaries/ files.
 *
 * A lexicon file has one entry a line, "phrase | category | weight"; '#'
 * starts a comment line.  Phrases and texts are compared word by word
 * after folding (lower case, accents removed, apostrophes and hyphens
 * separate words), so "Abonnez-vous" in a text matches "abonnez vous".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "epure-lexicon.h"

/* Entries are indexed by the first four bytes of their first word, so a
 * text is matched with one hash lookup per word. */
#define KEY_BYTES 4

struct _EpureLexicon
{
  GObject parent_instance;

  GPtrArray  *entries;   /* EpureLexiconEntry, owned */
  GHashTable *index;     /* key → GPtrArray of entries (borrowed) */
  GPtrArray  *unindexed; /* entries whose first word is a short prefix */
};

G_DEFINE_FINAL_TYPE (EpureLexicon, epure_lexicon, G_TYPE_OBJECT)

G_DEFINE_QUARK (epure-lexicon-error-quark, epure_lexicon_error)

static void
entry_free (EpureLexiconEntry *entry)
{
  g_free (entry->phrase);
  g_free (entry->display);
  g_strfreev (entry->words);
  g_free (entry);
}

static void
epure_lexicon_finalize (GObject *object)
{
  EpureLexicon *self = EPURE_LEXICON (object);

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->unindexed, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (epure_lexicon_parent_class)->finalize (object);
}

static void
epure_lexicon_class_init (EpureLexiconClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_lexicon_finalize;
}

static void
epure_lexicon_init (EpureLexicon *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->unindexed = g_ptr_array_new ();
}

EpureLexicon *
epure_lexicon_new (void)
{
  return g_object_new (EPURE_TYPE_LEXICON, NULL);
}

/* The key of a NUL-terminated word, without measuring it. */
static guint32
word_key_cstr (const char *word)
{
  guint32 key = 0;

  for (gsize i = 0; i < KEY_BYTES && word[i] != '\0'; i++)
    key |= (guint32) (guchar) word[i] << (8 * i);
  return key;
}

static guint32
word_key (const char *word,
          gsize       len)
{
  guint32 key = 0;

  for (gsize i = 0; i < KEY_BYTES && i < len; i++)
    key |= (guint32) (guchar) word[i] << (8 * i);
  return key;
}

/* Lower case without accents: what a reader sees as the same word. */
static void
append_folded (GString  *out,
               gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }

  c = g_unichar_tolower (c);
  switch (c)
    {
    case 0x0153: g_string_append (out, "oe"); return;  /* œ */
    case 0x00E6: g_string_append (out, "ae"); return;  /* æ */
    case 0x00DF: g_string_append (out, "ss"); return;  /* ß */
    default: break;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0 && decomposed[0] < 0x80)
    g_string_append_c (out, (char) decomposed[0]);
  else
    g_string_append_unichar (out, c);
}

/**
 * epure_lexicon_tokenize:
 * @folded: receives each folded word followed by a NUL byte
 * @words: (element-type EpureLexiconWord): receives the words
 *
 * Splits @text into words (letters and digits) the way lexicon phrases are
 * split.  Appends to @folded and @words.
 */
void
epure_lexicon_tokenize (const char *text,
                        gsize       len,
                        GString    *folded,
                        GArray     *words)
{
  const char *p = text;
  const char *end = text + len;
  gboolean in_word = FALSE;
  EpureLexiconWord word = { 0, 0, 0 };

  while (p < end)
    {
      guchar b = *p;
      gunichar c;
      const char *next;
      gboolean alnum;

      if (b < 0x80)
        {
          c = b;
          next = p + 1;
          alnum = g_ascii_isalnum (b);
          if (alnum)
            {
              /* The common case, without a call. */
              if (!in_word)
                {
                  in_word = TRUE;
                  word.folded = folded->len;
                  word.start = p - text;
                }
              g_string_append_c (folded, (b >= 'A' && b <= 'Z') ? b | 0x20 : b);
              p = next;
              continue;
            }
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
          alnum = g_unichar_isalnum (c);
        }

      if (alnum)
        {
          if (!in_word)
            {
              in_word = TRUE;
              word.folded = folded->len;
              word.start = p - text;
            }
          append_folded (folded, c);
        }
      else if (in_word)
        {
          in_word = FALSE;
          word.end = p - text;
          g_string_append_c (folded, '\0');
          g_array_append_val (words, word);
        }
      p = next;
    }

  if (in_word)
    {
      word.end = len;
      g_string_append_c (folded, '\0');
      g_array_append_val (words, word);
    }
}

static gboolean
parse_category (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_islower (*s) && *s != '-')
      return FALSE;
  return TRUE;
}

static gboolean
same_words (const EpureLexiconEntry *entry,
            char                   **words)
{
  guint n = g_strv_length (words);

  if (entry->n_words != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (entry->words[i], words[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
add_entry (EpureLexicon  *self,
           const char    *phrase,
           const char    *category,
           double         weight,
           const char    *origin,
           guint          line_no,
           GError       **error)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (EpureLexiconWord));
  g_auto(GStrv) pattern = NULL;
  EpureLexiconEntry *entry;
  const char *body = phrase;
  gsize body_len = strlen (phrase);
  gboolean anchor_start = FALSE, anchor_end = FALSE;
  guint32 key;

  if (body_len > 0 && body[0] == '^')
    {
      anchor_start = TRUE;
      body++;
      body_len--;
    }
  if (body_len > 0 && body[body_len - 1] == '$')
    {
      anchor_end = TRUE;
      body_len--;
    }

  epure_lexicon_tokenize (body, body_len, folded, words);
  if (words->len == 0)
    {
      g_set_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE,
                   _("%s, line %u: the phrase has no word"), origin, line_no);
      return FALSE;
    }

  pattern = g_new0 (char *, words->len + 1);
  for (guint i = 0; i < words->len; i++)
    {
      const EpureLexiconWord *w = &g_array_index (words, EpureLexiconWord, i);
      const char *after = body + w->end;

      /* "partag*": the tokenizer dropped the star; keep it as a marker. */
      if (w->end < body_len && *after == '*')
        pattern[i] = g_strconcat (folded->str + w->folded, "*", NULL);
      else
        pattern[i] = g_strdup (folded->str + w->folded);
    }

  /* The French and English lists share words (Facebook, PayPal): the
   * same phrase of the same category counts once, with the larger weight. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      EpureLexiconEntry *known = g_ptr_array_index (self->entries, i);

      if (known->category == g_intern_string (category) && same_words (known, pattern) &&
          known->anchor_start == anchor_start && known->anchor_end == anchor_end)
        {
          known->weight = MAX (known->weight, weight);
          return TRUE;
        }
    }

  entry = g_new0 (EpureLexiconEntry, 1);
  entry->phrase = g_strdup (phrase);
  {
    GString *display = g_string_new_len (body, body_len);
    g_string_replace (display, "*", "", 0);
    entry->display = g_strstrip (g_string_free (display, FALSE));
  }
  entry->category = g_intern_string (category);
  entry->weight = weight;
  entry->anchor_start = anchor_start;
  entry->anchor_end = anchor_end;
  entry->n_words = words->len;
  entry->words = g_steal_pointer (&pattern);
  g_ptr_array_add (self->entries, entry);

  {
    const char *first = entry->words[0];
    gsize flen = strlen (first);
    gboolean prefix = first[flen - 1] == '*';
    GPtrArray *bucket;

    if (prefix && flen - 1 < KEY_BYTES)
      {
        g_ptr_array_add (self->unindexed, entry);
        return TRUE;
      }
    key = word_key (first, prefix ? flen - 1 : flen);
    bucket = g_hash_table_lookup (self->index, GUINT_TO_POINTER (key));
    if (bucket == NULL)
      {
        bucket = g_ptr_array_new ();
        g_hash_table_insert (self->index, GUINT_TO_POINTER (key), bucket);
      }
    g_ptr_array_add (bucket, entry);
  }

  return TRUE;
}

/**
 * epure_lexicon_load_data:
 * @origin: names the data in error messages (a file name)
 *
 * Adds the entries of @data to the lexicon.  On a malformed line, returns
 * %FALSE with @error; the entries before it stay loaded.
 */
gboolean
epure_lexicon_load_data (EpureLexicon  *self,
                         const char    *data,
                         gssize         len,
                         const char    *origin,
                         GError       **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (EPURE_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (len < 0)
    len = strlen (data);
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE,
                   _("%s is not UTF-8 text"), origin);
      return FALSE;
    }

  copy = g_strndup (data, len);
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = g_strstrip (lines[i]);
      char *end = NULL;
      double weight;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      fields = g_strsplit (line, "|", -1);
      if (g_strv_length (fields) != 3)
        {
          g_set_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE,
                       _("%s, line %u: expected “phrase | category | weight”"), origin, i + 1);
          return FALSE;
        }
      for (guint f = 0; f < 3; f++)
        g_strstrip (fields[f]);

      if (!parse_category (fields[1]))
        {
          g_set_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE,
                       _("%s, line %u: invalid category “%s”"), origin, i + 1, fields[1]);
          return FALSE;
        }

      weight = g_ascii_strtod (fields[2], &end);
      if (end == fields[2] || *end != '\0' || weight < -10 || weight > 10)
        {
          g_set_error (error, EPURE_LEXICON_ERROR, EPURE_LEXICON_ERROR_PARSE,
                       _("%s, line %u: invalid weight “%s”"), origin, i + 1, fields[2]);
          return FALSE;
        }

      if (!add_entry (self, fields[0], fields[1], weight, origin, i + 1, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
epure_lexicon_load_file (EpureLexicon  *self,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;

  g_return_val_if_fail (EPURE_IS_LEXICON (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;

  display = g_filename_display_name (path);
  return epure_lexicon_load_data (self, contents, len, display, error);
}

guint
epure_lexicon_get_size (EpureLexicon *self)
{
  g_return_val_if_fail (EPURE_IS_LEXICON (self), 0);
  return self->entries->len;
}

static gboolean
word_matches (const char *pattern,
              const char *word)
{
  gsize plen = strlen (pattern);

  if (plen > 0 && pattern[plen - 1] == '*')
    return strncmp (pattern, word, plen - 1) == 0;
  return strcmp (pattern, word) == 0;
}

static void
try_entry (const EpureLexiconEntry *entry,
           const char * const      *words,
           guint                    n_words,
           guint                    at,
           EpureLexiconMatchFunc    func,
           gpointer                 user_data)
{
  if (entry->anchor_start && at != 0)
    return;
  if (at + entry->n_words > n_words)
    return;
  if (entry->anchor_end && at + entry->n_words != n_words)
    return;
  for (guint j = 0; j < entry->n_words; j++)
    if (!word_matches (entry->words[j], words[at + j]))
      return;
  func (entry, at, user_data);
}

/**
 * epure_lexicon_match:
 * @words: folded words, as epure_lexicon_tokenize() makes them
 *
 * Calls @func for every occurrence of every entry in @words.  Thread-safe:
 * the lexicon is not changed.
 */
void
epure_lexicon_match (EpureLexicon          *self,
                     const char * const    *words,
                     guint                  n_words,
                     EpureLexiconMatchFunc  func,
                     gpointer               user_data)
{
  g_return_if_fail (EPURE_IS_LEXICON (self));

  for (guint i = 0; i < n_words; i++)
    {
      GPtrArray *bucket = g_hash_table_lookup (self->index, GUINT_TO_POINTER (word_key_cstr (words[i])));

      if (bucket != NULL)
        for (guint k = 0; k < bucket->len; k++)
          try_entry (g_ptr_array_index (bucket, k), words, n_words, i, func, user_data);
      for (guint k = 0; k < self->unindexed->len; k++)  /* usually none */
        try_entry (g_ptr_array_index (self->unindexed, k), words, n_words, i, func, user_data);
    }
}
