/* epure-spelling-dictionary.c: Enchant behind a lock and a cache.
 *
 * An Enchant dictionary is not thread-safe and a look-up costs 13–15 µs, so
 * every call goes through dict_lock and verdicts are cached per word
 * (under cache_lock, so cached look-ups never wait for a slow suggestion).
 * Ignored words live in Enchant's session list, personal ones in its PWL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <enchant.h>
#include <glib/gi18n-lib.h>

#include "epure-spelling-dictionary.h"
#include "epure-word-iter.h"

/* A 20 MiB document has fewer distinct words than this; the bound only
 * keeps a pathological input from growing the cache without limit. */
#define MAX_CACHED_WORDS 500000
/* A document has far fewer distinct typos. */
#define MAX_CACHED_IDEAS 4096

#define VERDICT_CORRECT 'c'
#define VERDICT_WRONG   'w'
/* Room for a normalized word: ʼ (2 bytes) becomes ’ (3). */
#define NORMALIZED_SIZE(len) ((len) + (len) / 2 + 1)

struct _EpureSpellingDictionary
{
  GObject parent_instance;

  char *language;

  GMutex dict_lock;
  EnchantBroker *broker;
  EnchantDict *dict;

  /* Verdicts, one per distinct word of the text (tens of thousands): each
   * is a verdict byte then the normalized word, packed end to end in
   * cache_words; cache is the set of them, hashed past that byte.  A
   * malloc'd key per word would cost several times the word. */
  GMutex cache_lock;
  GStringChunk *cache_words;
  GHashTable *cache;

  /* Hyphenated entries of Hunspell's .dic, case-folded, read on first need
   * (under dict_lock): shape (see compound_shape()) → GPtrArray of entries. */
  gboolean compounds_loaded;
  GStringChunk *compound_words;   /* the entries and shapes, stored once */
  GHashTable *compounds;
  GHashTable *compound_set;

  /* Enchant's ideas per word (under dict_lock): the ranking depends on
   * where the word sits, Enchant's slow part does not, so a typo made
   * twice asks Enchant once. */
  GHashTable *ideas;    /* normalized word → GStrv */
  guint ideas_generation;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EpureSpellingDictionary, epure_spelling_dictionary, G_TYPE_OBJECT)

static void
epure_spelling_dictionary_finalize (GObject *object)
{
  EpureSpellingDictionary *self = EPURE_SPELLING_DICTIONARY (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->cache_words, g_string_chunk_free);
  g_clear_pointer (&self->compounds, g_hash_table_unref);
  g_clear_pointer (&self->compound_set, g_hash_table_unref);
  g_clear_pointer (&self->compound_words, g_string_chunk_free);
  g_clear_pointer (&self->ideas, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);
  g_mutex_clear (&self->dict_lock);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (epure_spelling_dictionary_parent_class)->finalize (object);
}

static void
epure_spelling_dictionary_class_init (EpureSpellingDictionaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epure_spelling_dictionary_finalize;

  /**
   * EpureSpellingDictionary::changed:
   *
   * A word was added to the personal dictionary or ignored: the same text
   * may now have fewer misspellings.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

/* Cache entries and look-up keys: the verdict byte, then the word. */
static guint
cache_hash (gconstpointer key)
{
  return g_str_hash ((const char *) key + 1);
}

static gboolean
cache_equal (gconstpointer a,
             gconstpointer b)
{
  return strcmp ((const char *) a + 1, (const char *) b + 1) == 0;
}

static void
epure_spelling_dictionary_init (EpureSpellingDictionary *self)
{
  g_mutex_init (&self->dict_lock);
  g_mutex_init (&self->cache_lock);
  self->cache_words = g_string_chunk_new (64 * 1024);
  self->cache = g_hash_table_new (cache_hash, cache_equal);
  self->ideas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/* Hunspell's French dictionary knows ' and ’ but not the modifier letter
 * ʼ, and only the ASCII hyphen. */
static void
normalize_into (const char *word,
                gsize       len,
                char       *out)
{
  const char *p = word, *end = word + len;

  while (p < end)
    {
      if ((guchar) p[0] == 0xCA && p + 1 < end && (guchar) p[1] == 0xBC)          /* ʼ */
        {
          memcpy (out, "\xE2\x80\x99", 3);
          out += 3;
          p += 2;
        }
      else if ((guchar) p[0] == 0xE2 && p + 2 < end && (guchar) p[1] == 0x80 &&
               ((guchar) p[2] == 0x90 || (guchar) p[2] == 0x91))                 /* ‐ ‑ */
        {
          *out++ = '-';
          p += 3;
        }
      else
        *out++ = *p++;
    }
  *out = '\0';
}

static char *
normalize_word (const char *word,
                gssize      len)
{
  char *s;

  if (len < 0)
    len = strlen (word);
  s = g_malloc (NORMALIZED_SIZE (len));
  normalize_into (word, len, s);
  return s;
}

static void
load_extra_words (EpureSpellingDictionary *self)
{
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) parts = g_strsplit (self->language, "_", 2);

  /* dictionaries/words-LANG.txt: words Hunspell lacks, one per line. */
  basename = g_strdup_printf ("words-%s.txt", parts[0]);
  path = epure_find_dictionary_file (basename);
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *word = g_strstrip (lines[i]);
      if (word[0] == '\0' || word[0] == '#' || !g_utf8_validate (word, -1, NULL))
        continue;
      enchant_dict_add_to_session (self->dict, word, -1);
    }
}

EpureSpellingDictionary *
epure_spelling_dictionary_new (const char  *language,
                               GError     **error)
{
  g_autoptr(EpureSpellingDictionary) self = NULL;

  if (language == NULL || language[0] == '\0')
    language = EPURE_SPELLING_DEFAULT_LANGUAGE;

  self = g_object_new (EPURE_TYPE_SPELLING_DICTIONARY, NULL);
  self->language = g_strdup (language);
  self->broker = enchant_broker_init ();
  if (self->broker != NULL)
    self->dict = enchant_broker_request_dict (self->broker, language);

  if (self->dict == NULL)
    {
      if (g_str_has_prefix (language, "fr"))
        g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE,
                     _("No French spelling dictionary (%s) is installed: install the hunspell-fr package"),
                     language);
      else
        g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE,
                     _("No spelling dictionary is installed for “%s”: install the matching hunspell package"),
                     language);
      return NULL;
    }

  load_extra_words (self);
  return g_steal_pointer (&self);
}

const char *
epure_spelling_dictionary_get_language (EpureSpellingDictionary *self)
{
  g_return_val_if_fail (EPURE_IS_SPELLING_DICTIONARY (self), NULL);
  return self->language;
}

/* Length in characters and where the hyphens are: only words of the same
 * shape can be one substitution or swap apart. */
static char *
compound_shape (const gunichar *u,
                glong           n)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%ld", n);
  for (glong i = 0; i < n; i++)
    if (u[i] == '-')
      g_string_append_printf (s, ",%ld", i);
  return g_string_free (s, FALSE);
}

static char *
find_hunspell_dic (const char *language)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *basename = g_strconcat (language, ".dic", NULL);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      const char *subdirs[] = { "hunspell", "myspell", "myspell/dicts" };
      for (guint k = 0; k < G_N_ELEMENTS (subdirs); k++)
        {
          char *path = g_build_filename (dirs[i], subdirs[k], basename, NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return path;
          g_free (path);
        }
    }
  return NULL;
}

/* Called with dict_lock held.  Reads the hyphenated stems of the system's
 * Hunspell dictionary (not a copy: the installed file, at run time). */
static void
load_compounds (EpureSpellingDictionary *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) file = NULL;
  const char *contents, *p, *end;

  /* Strings live in one chunk, shared by both tables: a malloc'd string
   * per entry would cost several times the entry. */
  self->compounds_loaded = TRUE;
  self->compound_words = g_string_chunk_new (16 * 1024);
  self->compounds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  self->compound_set = g_hash_table_new (g_str_hash, g_str_equal);

  /* Mapped, not read: its pages go back to the system once done. */
  path = find_hunspell_dic (self->language);
  if (path == NULL || (file = g_mapped_file_new (path, FALSE, NULL)) == NULL)
    return;

  /* NULL for an empty file. */
  contents = g_mapped_file_get_contents (file);
  if (contents == NULL)
    return;
  end = contents + g_mapped_file_get_length (file);
  for (p = contents; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *stop = p;
      gboolean hyphen = FALSE;

      if (eol == NULL)
        eol = end;
      while (stop < eol && *stop != '/' && *stop != '\t' && *stop != ' ' && *stop != '\r')
        hyphen |= *stop++ == '-';
      if (hyphen && stop - p > 2 && p[0] != '-' && stop[-1] != '-' &&
          g_utf8_validate (p, stop - p, NULL))
        {
          g_autofree char *folded = g_utf8_casefold (p, stop - p);
          glong n;
          g_autofree gunichar *u = g_utf8_to_ucs4_fast (folded, -1, &n);
          g_autofree char *shape = compound_shape (u, n);
          GPtrArray *same = g_hash_table_lookup (self->compounds, shape);

          if (!g_hash_table_contains (self->compound_set, folded))
            {
              char *entry = g_string_chunk_insert (self->compound_words, folded);

              if (same == NULL)
                {
                  same = g_ptr_array_new ();
                  g_hash_table_insert (self->compounds, g_string_chunk_insert (self->compound_words, shape), same);
                }
              g_ptr_array_add (same, entry);
              g_hash_table_add (self->compound_set, entry);
            }
        }
      p = eol + 1;
    }
}

/* Hunspell accepts any hyphenated word whose parts are words (its BREAK
 * rule), so "vingt-et-nu" passes.  Called with dict_lock held on a word
 * Hunspell accepted: TRUE when it is not itself a compound of the
 * dictionary but one letter changed, or two swapped, away from one.  Not
 * when the change is in a one-letter part (C-o, n-ième) or could be an
 * ending (court-circuitez beside court-circuiter). */
static gboolean
is_near_compound (EpureSpellingDictionary *self,
                  const char              *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  glong n;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (folded, -1, &n);
  g_autofree char *shape = NULL;
  GPtrArray *same;
  glong last_part = 0;

  if (!self->compounds_loaded)
    load_compounds (self);
  if (g_hash_table_contains (self->compound_set, folded))
    return FALSE;
  shape = compound_shape (u, n);
  same = g_hash_table_lookup (self->compounds, shape);
  if (same == NULL)
    return FALSE;
  for (glong i = 0; i < n; i++)
    if (u[i] == '-')
      last_part = i + 1;

  for (guint k = 0; k < same->len; k++)
    {
      glong m;
      g_autofree gunichar *e = g_utf8_to_ucs4_fast (g_ptr_array_index (same, k), -1, &m);
      glong first = -1, second = -1, part_start, part_end;
      guint diffs = 0;

      for (glong i = 0; i < n && diffs <= 2; i++)
        if (u[i] != e[i])
          {
            if (diffs++ == 0)
              first = i;
            else
              second = i;
          }
      if (diffs == 0 || diffs > 2)
        continue;
      if (diffs == 2 && (second != first + 1 || u[first] != e[second] || u[second] != e[first]))
        continue;

      for (part_start = first; part_start > 0 && u[part_start - 1] != '-'; part_start--)
        ;
      for (part_end = first; part_end < n && u[part_end] != '-'; part_end++)
        ;
      if (part_end - part_start < 2)
        continue;
      if (first >= n - 3 && n - last_part >= 4)
        continue;
      return TRUE;
    }
  return FALSE;
}

gboolean
epure_spelling_dictionary_check_word (EpureSpellingDictionary *self,
                                      const char              *word,
                                      gssize                   len)
{
  /* Most words fit on the stack: a cached look-up allocates nothing. */
  char stack_entry[128];
  g_autofree char *heap_entry = NULL;
  char *entry, *key;
  const char *cached;
  char verdict = 0;
  gboolean correct;

  g_return_val_if_fail (EPURE_IS_SPELLING_DICTIONARY (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (len < 0)
    len = strlen (word);
  if ((gsize) (1 + NORMALIZED_SIZE (len)) <= sizeof stack_entry)
    entry = stack_entry;
  else
    entry = heap_entry = g_malloc (1 + NORMALIZED_SIZE (len));
  key = entry + 1;
  normalize_into (word, len, key);
  entry[0] = VERDICT_WRONG;

  g_mutex_lock (&self->cache_lock);
  /* Read under the lock: forgetting the verdicts frees their chunk. */
  cached = g_hash_table_lookup (self->cache, entry);
  if (cached != NULL)
    verdict = cached[0];
  g_mutex_unlock (&self->cache_lock);
  if (verdict != 0)
    return verdict == VERDICT_CORRECT;

  g_mutex_lock (&self->dict_lock);
  correct = enchant_dict_check (self->dict, key, -1) == 0;
  /* Enchant's session list (ignored words) matches exactly: "Blorfin" at
   * the start of a sentence is the ignored "blorfin" too. */
  if (!correct && g_unichar_isupper (g_utf8_get_char (key)))
    {
      const char *rest = g_utf8_next_char (key);
      g_autofree char *rest_lower = g_utf8_strdown (rest, -1);
      g_autofree char *lower = g_utf8_strdown (key, -1);
      gboolean title = strcmp (rest, rest_lower) == 0;
      gboolean capitals = epure_word_is_capitals (key, strlen (key));

      if ((title || capitals) && strcmp (lower, key) != 0)
        correct = enchant_dict_check (self->dict, lower, -1) == 0;
    }
  if (correct && strchr (key, '-') != NULL && !enchant_dict_is_added (self->dict, key, -1) &&
      is_near_compound (self, key))
    correct = FALSE;
  g_mutex_unlock (&self->dict_lock);

  entry[0] = correct ? VERDICT_CORRECT : VERDICT_WRONG;
  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->cache) >= MAX_CACHED_WORDS)
    {
      g_hash_table_remove_all (self->cache);
      g_string_chunk_clear (self->cache_words);
    }
  /* Another thread may have checked the same word meanwhile. */
  if (!g_hash_table_contains (self->cache, entry))
    g_hash_table_add (self->cache, g_string_chunk_insert (self->cache_words, entry));
  g_mutex_unlock (&self->cache_lock);

  return correct;
}

gboolean
epure_spelling_dictionary_is_near_compound (EpureSpellingDictionary *self,
                                            const char              *word,
                                            gssize                   len)
{
  g_autofree char *key = NULL;
  gboolean near;

  g_return_val_if_fail (EPURE_IS_SPELLING_DICTIONARY (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  key = normalize_word (word, len);
  if (strchr (key, '-') == NULL)
    return FALSE;
  g_mutex_lock (&self->dict_lock);
  near = !enchant_dict_is_added (self->dict, key, -1) && is_near_compound (self, key);
  g_mutex_unlock (&self->dict_lock);
  return near;
}

/* Case-folded, without accents: "École" and "ecole" compare equal. */
static char *
fold_accents (const char *word)
{
  g_autofree char *nfd = g_utf8_normalize (word, -1, G_NORMALIZE_NFD);
  g_autofree char *folded = NULL;
  GString *s;

  if (nfd == NULL)
    return g_strdup (word);
  folded = g_utf8_casefold (nfd, -1);
  s = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_ismark (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* AZERTY neighbours of each letter: a substitution or an extra letter
 * next to its neighbour is how fingers slip. */
static gboolean
keyboard_neighbours (gunichar a,
                     gunichar b)
{
  static const char * const near[26] = {
    "zq", "vngh", "xvdf", "sferxc", "zrsd", "dgrtcv", "fhtyvb", "gjyubn", "uojk", "hkuin",
    "jlio", "kmop", "lp", "bhj", "ipkl", "olm", "azsw", "etdf", "qdzewx", "ryfg", "yihj",
    "cbfg", "qsx", "wcsd", "tugh", "aeqs",
  };

  if (a > 127 || b > 127 || !g_ascii_islower (a) || !g_ascii_islower (b))
    return FALSE;
  return strchr (near[a - 'a'], (int) b) != NULL;
}

/* Single edits in the order typing produces them most: a letter left out
 * or two swapped (any position, one way each), a letter doubled, a key
 * next to the right one (one of several neighbours), any other letter. */
typedef enum
{
  EDIT_NONE,
  EDIT_UNDOUBLED,     /* the typo lacks one of two same letters */
  EDIT_OMISSION,      /* the typo lacks a letter, or swaps two */
  EDIT_DOUBLED,       /* the typo doubles a letter */
  EDIT_NEIGHBOUR,     /* a neighbouring key instead of, or with, the right one */
  EDIT_SINGLE,        /* one other substitution or extra letter */
  EDIT_MORE,
} EditKind;

/* Classifies how the (case- and accent-folded) typo differs from a
 * candidate. */
static EditKind
classify_edit (const char *typo,
               const char *candidate)
{
  glong la, lb, i = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (typo, -1, &la);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (candidate, -1, &lb);

  while (i < la && i < lb && ua[i] == ub[i])
    i++;
  if (la == lb)
    {
      if (i == la)
        return EDIT_NONE;
      if (memcmp (ua + i + 1, ub + i + 1, (la - i - 1) * sizeof (gunichar)) == 0)
        return keyboard_neighbours (ua[i], ub[i]) ? EDIT_NEIGHBOUR : EDIT_SINGLE;
      if (i + 1 < la && ua[i] == ub[i + 1] && ua[i + 1] == ub[i] &&
          memcmp (ua + i + 2, ub + i + 2, (la - i - 2) * sizeof (gunichar)) == 0)
        return EDIT_OMISSION;
      return EDIT_MORE;
    }
  if (lb == la + 1)
    {
      if (memcmp (ub + i + 1, ua + i, (la - i) * sizeof (gunichar)) != 0)
        return EDIT_MORE;
      /* One of two same letters left out (arivée): two ways to make it. */
      if (i > 0 && ub[i - 1] == ub[i])
        return EDIT_UNDOUBLED;
      return EDIT_OMISSION;
    }
  if (la == lb + 1)
    {
      gunichar extra = ua[i];

      if (memcmp (ua + i + 1, ub + i, (lb - i) * sizeof (gunichar)) != 0)
        return EDIT_MORE;
      if ((i > 0 && ua[i - 1] == extra) || (i + 1 < la && ua[i + 1] == extra))
        return EDIT_DOUBLED;
      if ((i > 0 && keyboard_neighbours (ua[i - 1], extra)) ||
          (i + 1 < la && keyboard_neighbours (ua[i + 1], extra)))
        return EDIT_NEIGHBOUR;
      return EDIT_SINGLE;
    }
  return EDIT_MORE;
}

static guint
count_accents (const char *word)
{
  guint n = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    n += (guchar) *p >= 0xC3 && g_unichar_isalpha (g_utf8_get_char (p));
  return n;
}

/* Letters that differ between two words of the same length in characters. */
static guint
count_changed_letters (const char *a,
                       const char *b)
{
  guint n = 0;

  while (*a && *b)
    {
      n += g_utf8_get_char (a) != g_utf8_get_char (b);
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }
  return n;
}

static gboolean
is_vowel_or_h (gunichar c)
{
  g_autofree char *folded = NULL;
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_tolower (c), buf);
  folded = g_utf8_normalize (buf, -1, G_NORMALIZE_NFD);
  return folded != NULL && strchr ("aeiouyh", folded[0]) != NULL;
}

/* Lower tiers first: a case-only or accent-only correction is nearly always
 * the one meant, then single edits by how often typing makes them (see
 * EditKind), then single edits once accents are set aside (an accent and
 * a letter wrong: two slips, rarer than one), then Enchant's other ideas;
 * Enchant's order within a tier. */
#define TIER_EXACT(kind)  (1 + (kind))
#define TIER_ACCENTS_MIXED (TIER_EXACT (EDIT_SINGLE) + 1)
#define TIER_FOLDED(kind) (TIER_ACCENTS_MIXED + (kind))
#define TIER_MORE         (TIER_FOLDED (EDIT_MORE))
#define TIER_LAST         (TIER_MORE + 1)

typedef struct
{
  char *word;
  guint tier;
  guint sub;    /* order within a tier, before Enchant's */
  guint seen;   /* times the document around the typo uses it */
  guint order;
} Candidate;

/* A cue beyond the edit itself, the document: a correction the text
 * around the typo uses elsewhere is the likelier one, as a proofreader
 * would guess; it moves up a tier per use, up to three (beyond, it would
 * beat edits far likelier than its own).  A case-only or accent-only
 * correction stays first: those are nearly always the one meant. */
#define MAX_CONTEXT_LIFT 3

static int
rank_key (const Candidate *c)
{
  if (c->tier <= 1)
    return (int) c->tier - TIER_LAST - 1;
  return (int) c->tier - (int) MIN (c->seen, MAX_CONTEXT_LIFT);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  int ka = rank_key (ca), kb = rank_key (cb);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  if ((ca->seen > 0) != (cb->seen > 0))
    return ca->seen > 0 ? -1 : 1;
  if (ca->tier != cb->tier)
    return ca->tier < cb->tier ? -1 : 1;
  if (ca->sub != cb->sub)
    return ca->sub < cb->sub ? -1 : 1;
  return ca->order < cb->order ? -1 : ca->order > cb->order ? 1 : 0;
}

static guint
rank_tier (const char *typo,
           const char *folded_typo,
           const char *candidate,
           guint      *sub)
{
  g_autofree char *cf_typo = g_utf8_casefold (typo, -1);
  g_autofree char *cf_cand = g_utf8_casefold (candidate, -1);
  g_autofree char *folded_cand = NULL;
  gsize elision;
  EditKind kind;

  if (strcmp (cf_typo, cf_cand) == 0)
    return 0;
  folded_cand = fold_accents (candidate);
  /* Accents only: the fewest letters changed (parametrés → paramétrés,
   * not paramètres), then an accent wrong (surpassès → surpassés) rather
   * than one too many. */
  if (strcmp (folded_typo, folded_cand) == 0)
    {
      guint changed = count_changed_letters (cf_typo, cf_cand);

      *sub = 2 * changed + (count_accents (typo) == count_accents (candidate) ? 0 : 1);
      /* Several accents to change in a word typed with accents is several
       * slips (pirateê is pirate with one more letter, not piratée), unless
       * two letters are swapped (routeés → routées). A
       * word typed with none (electricite) keeps its accent-only fix
       * first. */
      if (changed > 1 && count_accents (typo) > 0 && classify_edit (cf_typo, cf_cand) == EDIT_MORE)
        return TIER_ACCENTS_MIXED;
      return 1;
    }

  /* Last: ideas that change the word's nature (split in two, a proper
   * noun, an elision before a consonant). */
  if ((strchr (candidate, ' ') != NULL && strchr (typo, ' ') == NULL) ||
      (strchr (candidate, '-') != NULL && strchr (typo, '-') == NULL))
    return TIER_LAST;
  if (g_unichar_isupper (g_utf8_get_char (candidate)) && !g_unichar_isupper (g_utf8_get_char (typo)))
    return TIER_LAST;
  elision = epure_word_elision_length (candidate, strlen (candidate));
  if (elision > 0 && epure_word_elision_length (typo, strlen (typo)) == 0 &&
      !is_vowel_or_h (g_utf8_get_char (candidate + elision)))
    return TIER_LAST;

  kind = classify_edit (cf_typo, cf_cand);
  if (kind != EDIT_MORE)
    return TIER_EXACT (kind);
  return TIER_FOLDED (classify_edit (folded_typo, folded_cand));
}

static const char *
find_apostrophe (const char *word)
{
  const char *p;

  if ((p = strstr (word, "\xE2\x80\x99")) != NULL)
    return "\xE2\x80\x99";
  if ((p = strstr (word, "\xCA\xBC")) != NULL)
    return "\xCA\xBC";
  if (strchr (word, '\'') != NULL)
    return "'";
  return NULL;
}

/* Gives a suggestion the text's apostrophe and the word's capitalization. */
static char *
match_style (const char *suggestion,
             const char *typo,
             gsize       typo_elision)
{
  const char *apostrophe = find_apostrophe (typo);
  g_autoptr(GString) s = g_string_new (suggestion);
  const char *typo_rest = typo + typo_elision;
  gsize elision;

  if (apostrophe != NULL)
    {
      g_string_replace (s, "\xE2\x80\x99", "'", 0);
      g_string_replace (s, "\xCA\xBC", "'", 0);
      g_string_replace (s, "'", apostrophe, 0);
    }

  elision = epure_word_elision_length (s->str, s->len);
  if (epure_word_is_capitals (typo_rest, strlen (typo_rest)) && g_utf8_strlen (typo_rest, -1) > 1)
    {
      g_autofree char *upper = g_utf8_strup (s->str + elision, -1);
      g_string_truncate (s, elision);
      g_string_append (s, upper);
    }
  else if (g_unichar_isupper (g_utf8_get_char (typo_rest)) &&
           g_unichar_islower (g_utf8_get_char (s->str + elision)))
    {
      gunichar c = g_unichar_totitle (g_utf8_get_char (s->str + elision));
      const char *after = g_utf8_next_char (s->str + elision);
      g_autofree char *rest = g_strdup (after);
      g_string_truncate (s, elision);
      g_string_append_unichar (s, c);
      g_string_append (s, rest);
    }

  /* The elided prefix keeps the text's case too (L’ / l’). */
  if (typo_elision > 0 && elision > 0 && g_unichar_islower (g_utf8_get_char (typo)) &&
      g_ascii_isupper (s->str[0]))
    s->str[0] = g_ascii_tolower (s->str[0]);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Case-folded, NFC, without its elision ("L’abandon" → "abandon"). */
static char *
bare_word (const char *word,
           gssize      len)
{
  g_autofree char *key = normalize_word (word, len);
  g_autofree char *nfc = g_utf8_normalize (key, -1, G_NORMALIZE_NFC);
  const char *w = nfc != NULL ? nfc : key;
  gsize elision = epure_word_elision_length (w, strlen (w));

  return g_utf8_casefold (w + elision, -1);
}

/* How the context counts a word: bare, and without a plural's s or x
 * ("fréquences" is "fréquence"): that the document uses the singular says
 * nothing about whether the typo was of the plural. */
static char *
context_key (const char *word,
             gssize      len)
{
  char *key = bare_word (word, len);
  gsize n = strlen (key);

  if (n > 3 && (key[n - 1] == 's' || key[n - 1] == 'x'))
    key[n - 1] = '\0';
  return key;
}

/* French grammatical words: every text uses them, so the document's
 * using one says nothing about a typo ("pir" is no likelier "par"). */
static gboolean
is_grammatical (const char *bare)
{
  static const char * const words[] = {
    "a", "à", "ai", "as", "au", "aux", "avec", "c", "ce", "ceci", "cela", "ces", "cet", "cette",
    "d", "dans", "de", "des", "du", "elle", "elles", "en", "entre", "es", "est", "et", "été",
    "être", "eu", "eux", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui",
    "m", "ma", "mais", "me", "mes", "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on",
    "ont", "or", "ou", "où", "par", "pas", "plus", "pour", "qu", "que", "qui", "s", "sa", "sans",
    "se", "ses", "si", "son", "sont", "sous", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu",
    "un", "une", "vers", "vos", "votre", "vous", "y",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (bare, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static guint
context_count (GHashTable *context,
               const char *word)
{
  g_autofree char *key = NULL;
  g_autofree char *bare = NULL;

  if (context == NULL)
    return 0;
  bare = bare_word (word, -1);
  if (is_grammatical (bare))
    return 0;
  key = context_key (word, -1);
  return GPOINTER_TO_UINT (g_hash_table_lookup (context, key));
}

static void
count_words (GHashTable *context,
             const char *str,
             gsize       start,
             gsize       end)
{
  EpureWordIter iter;
  gsize s, e;

  epure_word_iter_init (&iter, str, start, end, NULL, EPURE_WORD_ITER_NONE);
  while (epure_word_iter_next (&iter, &s, &e))
    {
      char *key = context_key (str + s, e - s);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (context, key));

      g_hash_table_replace (context, key, GUINT_TO_POINTER (n + 1));
    }
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

GHashTable *
epure_spelling_context_new (const char *str,
                            gsize       len,
                            gsize       start,
                            gsize       end)
{
  GHashTable *context = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize from, to;

  g_return_val_if_fail (str != NULL, context);
  g_return_val_if_fail (start <= end && end <= len, context);

  from = start > EPURE_SPELLING_CONTEXT_BYTES ? start - EPURE_SPELLING_CONTEXT_BYTES : 0;
  to = len - end > EPURE_SPELLING_CONTEXT_BYTES ? end + EPURE_SPELLING_CONTEXT_BYTES : len;
  /* A cut word would count as another word: the edges move inwards to
   * white space (a byte the text's slices agree on). */
  if (from > 0)
    while (from < start && !is_blank (str[from - 1]))
      from++;
  if (to < len)
    while (to > end && !is_blank (str[to]))
      to--;

  count_words (context, str, from, start);
  count_words (context, str, end, to);
  return context;
}

static void
collect (GPtrArray  *out,
         char      **words,
         gsize       n,
         const char *prefix)
{
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (out, g_strconcat (prefix ? prefix : "", words[i], NULL));
}

static GPtrArray *
raw_suggestions (EpureSpellingDictionary *self,
                 const char              *key,
                 gsize                    elision)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  char **words;
  gsize n = 0;

  g_mutex_lock (&self->dict_lock);
  words = enchant_dict_suggest (self->dict, key, -1, &n);
  collect (out, words, n, NULL);
  if (words != NULL)
    enchant_dict_free_string_list (self->dict, words);

  /* l’Almatyx: the rest alone gives better ideas, and the personal words. */
  if (elision > 0)
    {
      g_autofree char *prefix = g_strndup (key, elision);
      n = 0;
      words = enchant_dict_suggest (self->dict, key + elision, -1, &n);
      collect (out, words, n, prefix);
      if (words != NULL)
        enchant_dict_free_string_list (self->dict, words);
    }
  g_mutex_unlock (&self->dict_lock);

  return out;
}

char **
epure_spelling_dictionary_suggest_raw (EpureSpellingDictionary *self,
                                       const char              *word,
                                       gssize                   len)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) raw = NULL;

  g_return_val_if_fail (EPURE_IS_SPELLING_DICTIONARY (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  key = normalize_word (word, len);
  raw = raw_suggestions (self, key, 0);
  g_ptr_array_add (raw, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&raw), FALSE);
}

/* Ranks Enchant's ideas for @word: see rank_tier().  @candidates are in
 * Enchant's order; the result has at most @max, styled like the text. */
char **
epure_spelling_dictionary_rank (EpureSpellingDictionary *self,
                                const char              *word,
                                gssize                   len,
                                const char * const      *candidates,
                                GHashTable              *context,
                                guint                    max)
{
  g_autofree char *key = NULL;
  g_autofree char *folded_key = NULL;
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *apostrophe;
  gsize elision;

  g_return_val_if_fail (word != NULL, NULL);

  key = normalize_word (word, len);
  elision = epure_word_elision_length (key, strlen (key));
  folded_key = fold_accents (key);
  apostrophe = find_apostrophe (word);

  for (guint i = 0; candidates != NULL && candidates[i] != NULL; i++)
    {
      char *styled = match_style (candidates[i], key, elision);
      Candidate c = { styled, 0, 0, 0, i };

      if (strcmp (styled, key) == 0 || g_hash_table_contains (seen, styled))
        {
          g_free (styled);
          continue;
        }
      g_hash_table_add (seen, styled);
      c.tier = rank_tier (key, folded_key, styled, &c.sub);
      /* l’ont for lont: the document's "ont" says nothing of the split. */
      if (elision > 0 || epure_word_elision_length (styled, strlen (styled)) == 0)
        c.seen = context_count (context, styled);
      g_array_append_val (ranked, c);
    }

  g_array_sort (ranked, compare_candidates);
  for (guint i = 0; i < ranked->len; i++)
    {
      Candidate *c = &g_array_index (ranked, Candidate, i);

      if (i < max)
        {
          /* Back to the text's own apostrophe (normalize_word changed ʼ). */
          g_autoptr(GString) s = g_string_new (c->word);
          if (apostrophe != NULL && strcmp (apostrophe, "\xCA\xBC") == 0)
            g_string_replace (s, "\xE2\x80\x99", apostrophe, 0);
          g_strv_builder_add (builder, s->str);
        }
      g_free (c->word);
    }

  return g_strv_builder_end (builder);
}

char **
epure_spelling_dictionary_suggest (EpureSpellingDictionary *self,
                                   const char              *word,
                                   gssize                   len,
                                   GHashTable              *context,
                                   guint                    max)
{
  g_autofree char *key = NULL;
  g_auto(GStrv) ideas = NULL;
  guint generation;

  g_return_val_if_fail (EPURE_IS_SPELLING_DICTIONARY (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  key = normalize_word (word, len);
  g_mutex_lock (&self->dict_lock);
  ideas = g_strdupv (g_hash_table_lookup (self->ideas, key));
  generation = self->ideas_generation;
  g_mutex_unlock (&self->dict_lock);
  if (ideas == NULL)
    {
      g_autoptr(GPtrArray) raw = raw_suggestions (self, key, epure_word_elision_length (key, strlen (key)));

      g_ptr_array_add (raw, NULL);
      ideas = g_strdupv ((char **) raw->pdata);
      g_mutex_lock (&self->dict_lock);
      /* Not when the word lists changed meanwhile. */
      if (generation == self->ideas_generation)
        {
          if (g_hash_table_size (self->ideas) >= MAX_CACHED_IDEAS)
            g_hash_table_remove_all (self->ideas);
          g_hash_table_replace (self->ideas, g_strdup (key), g_strdupv (ideas));
        }
      g_mutex_unlock (&self->dict_lock);
    }
  return epure_spelling_dictionary_rank (self, word, len, (const char * const *) ideas, context, max);
}

/* Every verdict may change: "Blorfin" and "l’blorfin" follow "blorfin". */
static void
forget_cached (EpureSpellingDictionary *self)
{
  g_mutex_lock (&self->cache_lock);
  g_hash_table_remove_all (self->cache);
  g_string_chunk_clear (self->cache_words);
  g_mutex_unlock (&self->cache_lock);
}

/* Adding, ignoring and removing are one Enchant call on the normalized
 * word; every verdict cached so far may have changed. */
static void
change_word_lists (EpureSpellingDictionary *self,
                   const char              *word,
                   gssize                   len,
                   void                   (*change) (EnchantDict *, const char *const, ssize_t))
{
  g_autofree char *key = normalize_word (word, len);

  g_mutex_lock (&self->dict_lock);
  change (self->dict, key, -1);
  /* Enchant suggests the personal words too. */
  g_hash_table_remove_all (self->ideas);
  self->ideas_generation++;
  g_mutex_unlock (&self->dict_lock);
  forget_cached (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
epure_spelling_dictionary_add_word (EpureSpellingDictionary *self,
                                    const char              *word,
                                    gssize                   len)
{
  g_return_if_fail (EPURE_IS_SPELLING_DICTIONARY (self));
  g_return_if_fail (word != NULL);

  change_word_lists (self, word, len, enchant_dict_add);
}

void
epure_spelling_dictionary_ignore_word (EpureSpellingDictionary *self,
                                       const char              *word,
                                       gssize                   len)
{
  g_return_if_fail (EPURE_IS_SPELLING_DICTIONARY (self));
  g_return_if_fail (word != NULL);

  /* Enchant's session list accepts the capitalized forms too, as Hunspell
   * does for its own words; it lasts as long as this object. */
  change_word_lists (self, word, len, enchant_dict_add_to_session);
}

void
epure_spelling_dictionary_remove_word (EpureSpellingDictionary *self,
                                       const char              *word,
                                       gssize                   len)
{
  g_return_if_fail (EPURE_IS_SPELLING_DICTIONARY (self));
  g_return_if_fail (word != NULL);

  change_word_lists (self, word, len, enchant_dict_remove);
}

static void
list_dict_cb (const char * const lang_tag,
              const char * const provider_name,
              const char * const provider_desc,
              const char * const provider_file,
              void              *user_data)
{
  GPtrArray *langs = user_data;

  for (guint i = 0; i < langs->len; i++)
    if (strcmp (g_ptr_array_index (langs, i), lang_tag) == 0)
      return;
  g_ptr_array_add (langs, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char **
epure_spelling_list_languages (void)
{
  GPtrArray *langs = g_ptr_array_new ();
  EnchantBroker *broker = enchant_broker_init ();

  if (broker != NULL)
    {
      enchant_broker_list_dicts (broker, list_dict_cb, langs);
      enchant_broker_free (broker);
    }
  g_ptr_array_sort (langs, compare_strings);
  g_ptr_array_add (langs, NULL);
  return (char **) g_ptr_array_free (langs, FALSE);
}

char *
epure_spelling_language_name (const char *language)
{
  static const struct { const char *code; const char *name; } languages[] = {
    { "fr", N_("French") }, { "en", N_("English") }, { "de", N_("German") },
    { "es", N_("Spanish") }, { "it", N_("Italian") }, { "pt", N_("Portuguese") },
    { "nl", N_("Dutch") }, { "br", N_("Breton") }, { "ca", N_("Catalan") },
    { "oc", N_("Occitan") },
  };
  static const struct { const char *code; const char *name; } countries[] = {
    { "FR", N_("France") }, { "BE", N_("Belgium") }, { "CA", N_("Canada") },
    { "CH", N_("Switzerland") }, { "LU", N_("Luxembourg") }, { "MC", N_("Monaco") },
    { "US", N_("United States") }, { "GB", N_("United Kingdom") }, { "DE", N_("Germany") },
    { "ES", N_("Spain") }, { "IT", N_("Italy") }, { "PT", N_("Portugal") },
    { "BR", N_("Brazil") },
  };
  g_auto(GStrv) parts = NULL;
  const char *lang_name = NULL, *country_name = NULL;

  g_return_val_if_fail (language != NULL, NULL);

  parts = g_strsplit (language, "_", 2);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (parts[0], languages[i].code) == 0)
      lang_name = _(languages[i].name);
  if (lang_name == NULL)
    return g_strdup (language);
  if (parts[1] == NULL)
    return g_strdup (lang_name);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_strcmp0 (parts[1], countries[i].code) == 0)
      country_name = _(countries[i].name);
  /* TRANSLATORS: a spelling language: "French (Canada)" */
  return g_strdup_printf (_("%s (%s)"), lang_name, country_name ? country_name : parts[1]);
}
