/* epure-typography-chars.h: character classes shared by the quote scanner
 * and the typography checker.  Private to plugin/typography/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#define EPURE_NBSP  "\u00A0"   /* no-break space */
#define EPURE_NNBSP "\u202F"   /* narrow no-break space */

/* Horizontal spaces a typist or a web page may leave around punctuation:
 * space, tab, no-break, narrow no-break, thin and figure spaces.  Returns
 * the byte length of the one at @p, 0 when there is none. */
static inline gsize
epure_typo_space_at (const char *s,
                     gsize       p,
                     gsize       end)
{
  const guchar *u = (const guchar *) s;

  if (p >= end)
    return 0;
  if (u[p] == ' ' || u[p] == '\t')
    return 1;
  if (u[p] == 0xC2 && p + 1 < end && u[p + 1] == 0xA0)
    return 2;
  if (u[p] == 0xE2 && p + 2 < end && u[p + 1] == 0x80 &&
      (u[p + 2] == 0xAF || u[p + 2] == 0x89 || u[p + 2] == 0x87))
    return 3;
  return 0;
}

/* The byte length of the space that ends just before @p, or 0. */
static inline gsize
epure_typo_space_before (const char *s,
                         gsize       lo,
                         gsize       p)
{
  const guchar *u = (const guchar *) s;

  if (p <= lo)
    return 0;
  if (u[p - 1] == ' ' || u[p - 1] == '\t')
    return 1;
  if (p - lo >= 2 && u[p - 2] == 0xC2 && u[p - 1] == 0xA0)
    return 2;
  if (p - lo >= 3 && u[p - 3] == 0xE2 && u[p - 2] == 0x80 &&
      (u[p - 1] == 0xAF || u[p - 1] == 0x89 || u[p - 1] == 0x87))
    return 3;
  return 0;
}

/* Skips the run of spaces starting at @p. */
static inline gsize
epure_typo_skip_spaces (const char *s,
                        gsize       p,
                        gsize       end)
{
  gsize n;

  while ((n = epure_typo_space_at (s, p, end)) > 0)
    p += n;
  return p;
}

/* Skips back over the run of spaces ending at @p. */
static inline gsize
epure_typo_skip_spaces_back (const char *s,
                             gsize       lo,
                             gsize       p)
{
  gsize n;

  while ((n = epure_typo_space_before (s, lo, p)) > 0)
    p -= n;
  return p;
}

/* The character starting at @p, or 0 at @end. */
static inline gunichar
epure_typo_char_at (const char *s,
                    gsize       p,
                    gsize       end)
{
  if (p >= end)
    return 0;
  if ((guchar) s[p] < 0x80)
    return (guchar) s[p];
  return g_utf8_get_char (s + p);
}

/* The character ending at @p, or 0 at @lo; *start_out gets its offset. */
static inline gunichar
epure_typo_char_before (const char *s,
                        gsize       lo,
                        gsize       p,
                        gsize      *start_out)
{
  gsize q = p;

  if (p <= lo)
    {
      if (start_out != NULL)
        *start_out = p;
      return 0;
    }
  q--;
  while (q > lo && ((guchar) s[q] & 0xC0) == 0x80)
    q--;
  if (start_out != NULL)
    *start_out = q;
  if ((guchar) s[q] < 0x80)
    return (guchar) s[q];
  return g_utf8_get_char (s + q);
}

static inline gboolean
epure_typo_is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
epure_typo_is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c);
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static inline gboolean
epure_typo_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007 ||
         c == '\n' || c == '\r';
}
