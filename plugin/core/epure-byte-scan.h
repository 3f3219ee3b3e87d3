/* epure-byte-scan.h: skipping, 16 bytes at a time, the bytes a scanner
 * does not care about.  Private to plugin/ (not part of <epure.h>).
 *
 * Checkers look at few bytes of a text (quotes, punctuation, the first
 * byte of a few multibyte characters); a table lookup per byte is most of
 * their time on clean text.  GCC vector extensions compile to SSE2 on
 * x86-64 and to NEON on arm64, and to plain code elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

typedef guchar EpureBytes16 __attribute__ ((vector_size (16)));
typedef gint8 EpureMask16 __attribute__ ((vector_size (16)));

static inline EpureBytes16
epure_bytes16_load (const guchar *p)
{
  EpureBytes16 v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline EpureMask16
epure_bytes16_eq (EpureBytes16 v,
                  guchar       c)
{
  EpureBytes16 b = { 0 };

  return (EpureMask16) (v == b + c);
}

static inline gboolean
epure_mask16_any (EpureMask16 m)
{
  guint64 halves[2];

  memcpy (halves, &m, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

/* The index of the first set byte of a non-zero @m. */
static inline guint
epure_mask16_first (EpureMask16 m)
{
  guint64 halves[2];

  memcpy (halves, &m, sizeof halves);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (halves[0] != 0)
    return __builtin_ctzll (halves[0]) / 8;
  return 8 + __builtin_ctzll (halves[1]) / 8;
#else
  if (halves[0] != 0)
    return __builtin_clzll (halves[0]) / 8;
  return 8 + __builtin_clzll (halves[1]) / 8;
#endif
}

/* Skips from @p, 16 bytes at a time, the bytes that are none of the @n
 * bytes of @set: returns the offset of the first one, or a point at most
 * 15 bytes before @end from where the caller's byte loop goes on.  Reads
 * [p, end) only. */
static inline gsize
epure_skip_to_any (const guchar *s,
                   gsize         p,
                   gsize         end,
                   const guchar *set,
                   guint         n)
{
  while (p + 16 <= end)
    {
      EpureBytes16 v = epure_bytes16_load (s + p);
      EpureMask16 m = epure_bytes16_eq (v, set[0]);

      for (guint i = 1; i < n; i++)
        m |= epure_bytes16_eq (v, set[i]);
      if (epure_mask16_any (m))
        return p + epure_mask16_first (m);
      p += 16;
    }
  return p;
}

/* Skip ranges are sorted, disjoint [start, end) pairs, walked with the
 * cursor *@k while @p only moves forward.  Returns where the range holding
 * @p ends, or @p itself when none holds it. */
static inline gsize
epure_skip_ranges_past (const gsize *skip,
                        guint        n_skip,
                        guint       *k,
                        gsize        p)
{
  while (*k < n_skip && skip[2 * *k + 1] <= p)
    (*k)++;
  if (*k < n_skip && skip[2 * *k] <= p)
    return skip[2 * *k + 1];
  return p;
}
