/* epure-word-iter.c: the French tokenizer.
 *
 * Hunspell's French dictionary accepts whole elided and hyphenated forms
 * (aujourd’hui, c’est-à-dire, a-t-il), so a token runs across ' ’ ʼ and
 * hyphens as long as a word character follows and precedes them.  A token
 * never starts with a joiner: "-là" or ".net" glued to a word must not
 * become one long false alarm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-word-iter.h"

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* A word starts with a letter or a digit: a mark alone (the variation
 * selector U+FE0F after an emoji such as ➡️) is not a word. */
static inline gboolean
is_word_start (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c);
}

static inline gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC ||  /* apostrophes */
         c == '-' || c == 0x2010 || c == 0x2011;      /* hyphens */
}

/* Reads the character at p (p < end); invalid bytes count as one
 * non-word character so that any input is safe. */
static inline gunichar
char_at (const char *p,
         const char *end,
         const char **next)
{
  guchar b = (guchar) *p;
  gunichar c;

  if (b < 0x80)
    {
      *next = p + 1;
      return b;
    }
  c = g_utf8_get_char_validated (p, end - p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *next = p + 1;
      return 0xFFFD;
    }
  *next = g_utf8_next_char (p);
  return c;
}

void
epure_word_iter_init (EpureWordIter      *iter,
                      const char         *str,
                      gsize               start,
                      gsize               end,
                      EpureText          *text,
                      EpureWordIterFlags  flags)
{
  g_return_if_fail (iter != NULL);
  g_return_if_fail (str != NULL || start == end);
  g_return_if_fail (start <= end);

  memset (iter, 0, sizeof *iter);
  iter->str = str;
  iter->pos = start;
  iter->end = end;
  iter->text = text;
  iter->flags = flags;
}

/* Scans one raw token from p: word characters, joined across joiners
 * that sit between two word characters, and across dots between two word
 * characters (domains, abbreviations: reported so they can be skipped).
 * Returns its end; *has_digit / *dotted say what it holds. */
static const char *
scan_token (const char *p,
            const char *end,
            gboolean   *has_digit,
            gboolean   *dotted)
{
  *has_digit = FALSE;
  *dotted = FALSE;

  while (p < end)
    {
      const char *next;
      gunichar c = char_at (p, end, &next);

      if (is_word_char (c))
        {
          if (c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c))
            *has_digit = TRUE;
          p = next;
          continue;
        }
      if (is_joiner (c) || c == '.' || c == '_' || c == '@')
        {
          const char *after;
          if (next < end && is_word_char (char_at (next, end, &after)))
            {
              if (!is_joiner (c))
                *dotted = TRUE;
              p = next;
              continue;
            }
        }
      break;
    }
  return p;
}

gsize
epure_word_elision_length (const char *word,
                           gsize       len)
{
  /* The French words that elide their vowel before another word. */
  static const char * const prefixes[] = {
    "l", "d", "j", "m", "n", "s", "t", "c",
    "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);
      gsize a;

      if (len <= n + 1 || g_ascii_strncasecmp (word, prefixes[i], n) != 0)
        continue;
      if (word[n] == '\'')
        a = 1;
      else if (len > n + 2 && (memcmp (word + n, "\xE2\x80\x99", 3) == 0))  /* ’ */
        a = 3;
      else if (len > n + 1 && (memcmp (word + n, "\xCA\xBC", 2) == 0))      /* ʼ */
        a = 2;
      else
        continue;
      if (n + a < len)
        return n + a;
    }
  return 0;
}

gboolean
epure_word_is_capitals (const char *word,
                        gsize       len)
{
  const char *p = word, *end = word + len;
  gboolean letter = FALSE;

  while (p < end)
    {
      const char *next;
      gunichar c = char_at (p, end, &next);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letter = TRUE;
      p = next;
    }
  return letter;
}

static gboolean
should_skip (EpureWordIter *iter,
             const char    *s,
             const char    *e,
             gboolean       has_digit,
             gboolean       dotted)
{
  const char *base = iter->str;

  /* Numbers, words with digits (1er, CO2, 10h30), domains, handles. */
  if (has_digit || dotted)
    return TRUE;
  if (s > base && (s[-1] == '@' || s[-1] == '#' || s[-1] == '_' || s[-1] == '/' || s[-1] == '\\'))
    return TRUE;
  if (e < base + iter->end && (*e == '@' || *e == '_' || *e == '/' || *e == '\\'))
    return TRUE;

  if (iter->flags & EPURE_WORD_ITER_SKIP_CAPITALS)
    {
      gsize elision = epure_word_elision_length (s, e - s);
      if (epure_word_is_capitals (s + elision, (e - s) - elision))
        return TRUE;
    }

  if (iter->text != NULL && epure_text_overlaps_verbatim (iter->text, s - base, e - base))
    return TRUE;

  return FALSE;
}

gboolean
epure_word_iter_next (EpureWordIter *iter,
                      gsize         *word_start,
                      gsize         *word_end)
{
  const char *base, *p, *end;

  g_return_val_if_fail (iter != NULL, FALSE);

  base = iter->str;
  p = base + iter->pos;
  end = base + iter->end;

  while (p < end)
    {
      const char *next, *token_end;
      gboolean has_digit, dotted;
      gunichar c = char_at (p, end, &next);

      if (!is_word_start (c))
        {
          p = next;
          continue;
        }

      token_end = scan_token (p, end, &has_digit, &dotted);
      if (should_skip (iter, p, token_end, has_digit, dotted))
        {
          p = token_end;
          continue;
        }

      iter->pos = token_end - base;
      if (word_start != NULL)
        *word_start = p - base;
      if (word_end != NULL)
        *word_end = token_end - base;
      return TRUE;
    }

  iter->pos = iter->end;
  return FALSE;
}

static gboolean
is_space_at (const char *p)
{
  guchar b = (guchar) *p;
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

gboolean
epure_word_find_at (const char         *str,
                    gsize               len,
                    gsize               offset,
                    EpureWordIterFlags  flags,
                    gsize              *word_start,
                    gsize              *word_end)
{
  EpureWordIter iter;
  gsize start = offset, s, e;

  g_return_val_if_fail (str != NULL || len == 0, FALSE);

  if (offset > len)
    return FALSE;

  /* Tokens never hold white space: start scanning after the last one. */
  while (start > 0 && !is_space_at (str + start - 1))
    start--;

  epure_word_iter_init (&iter, str, start, len, NULL, flags);
  while (epure_word_iter_next (&iter, &s, &e))
    {
      if (s > offset)
        break;
      if (offset <= e)
        {
          if (word_start != NULL)
            *word_start = s;
          if (word_end != NULL)
            *word_end = e;
          return TRUE;
        }
    }
  return FALSE;
}
