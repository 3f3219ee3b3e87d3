/* epure-quote-scanner.c: pairs the double quotes of a paragraph.
 *
 * Pairing uses a stack rather than local patterns, and a closing quote
 * only matches an opening one of a compatible kind: an orphan « stays an
 * orphan instead of shifting how every later quote is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-byte-scan.h"
#include "epure-quote-scanner.h"
#include "epure-typography-chars.h"

struct _EpureQuoteScanner
{
  GObject parent_instance;

  GArray *tokens;   /* EpureQuoteToken */
  GArray *stack;    /* guint, indices into tokens */
};

G_DEFINE_FINAL_TYPE (EpureQuoteScanner, epure_quote_scanner, G_TYPE_OBJECT)

static void
epure_quote_scanner_finalize (GObject *object)
{
  EpureQuoteScanner *self = (EpureQuoteScanner *) object;

  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->stack, g_array_unref);

  G_OBJECT_CLASS (epure_quote_scanner_parent_class)->finalize (object);
}

static void
epure_quote_scanner_class_init (EpureQuoteScannerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_quote_scanner_finalize;
}

static void
epure_quote_scanner_init (EpureQuoteScanner *self)
{
  self->tokens = g_array_new (FALSE, FALSE, sizeof (EpureQuoteToken));
  self->stack = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* A scanner is reused paragraph after paragraph by one thread. */
EpureQuoteScanner *
epure_quote_scanner_new (void)
{
  return g_object_new (EPURE_TYPE_QUOTE_SCANNER, NULL);
}

gboolean
epure_quote_glyph_is_guillemet (EpureQuoteGlyph glyph)
{
  return glyph == EPURE_QUOTE_GUILLEMET_OPEN || glyph == EPURE_QUOTE_GUILLEMET_CLOSE ||
         glyph == EPURE_QUOTE_ASCII_OPEN || glyph == EPURE_QUOTE_ASCII_CLOSE;
}

static gboolean
opens_context (gunichar c)
{
  /* What may stand just before an opening quote. */
  return c == 0 || epure_typo_is_space (c) || strchr ("([{/-:*_", c < 0x80 ? (int) c : 1) != NULL ||
         c == 0x2014 || c == 0x2013 || c == 0xAB || c == 0x201C || c == 0x201E || c == 0x2018 ||
         c == '\'' || c == 0x2019 || c == '"';
}

static gboolean
closes_context (gunichar c)
{
  /* What may stand just after a closing quote. */
  return c == 0 || epure_typo_is_space (c) || (c < 0x80 && strchr (".,;:!?)]}/-'\"*_", (int) c) != NULL) ||
         c == 0x2026 || c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2014 || c == 0x2013;
}

/* 5'10": a straight quote after feet and inches is a measurement. */
static gboolean
is_measurement (const char *s,
                gsize       lo,
                gsize       p)
{
  gsize q = p;

  while (q > lo && g_ascii_isdigit (s[q - 1]))
    q--;
  if (q == p || q == lo)
    return FALSE;
  if (s[q - 1] == '\'')
    return q - 1 > lo && g_ascii_isdigit (s[q - 2]);
  if (q >= lo + 3 && (guchar) s[q - 3] == 0xE2 && (guchar) s[q - 2] == 0x80 && (guchar) s[q - 1] == 0x99)
    return q - 3 > lo && g_ascii_isdigit (s[q - 4]);
  return FALSE;
}

static void
add_token (EpureQuoteScanner *self,
           const char        *s,
           gsize              lo,
           gsize              hi,
           gsize              p,
           gsize              len,
           EpureQuoteGlyph    glyph)
{
  EpureQuoteToken t = { p, p + len, glyph, EPURE_QUOTE_ROLE_AMBIGUOUS, FALSE, FALSE, FALSE, -1, 0, EPURE_QUOTE_OK };
  gunichar prev = epure_typo_char_before (s, lo, p, NULL);
  gunichar next = epure_typo_char_at (s, p + len, hi);
  gboolean prev_space = prev == 0 || epure_typo_is_space (prev);
  gboolean next_space = next == 0 || epure_typo_is_space (next);
  gboolean can_open = !next_space && opens_context (prev);
  gboolean can_close = !prev_space && closes_context (next);

  switch (glyph)
    {
    case EPURE_QUOTE_STRAIGHT:
      if (can_open && !can_close)
        t.role = EPURE_QUOTE_ROLE_OPEN;
      else if (can_close && !can_open)
        t.role = g_ascii_isdigit (prev) ? EPURE_QUOTE_ROLE_CLOSE_OR_INCHES : EPURE_QUOTE_ROLE_CLOSE;
      else if (g_ascii_isdigit (prev))
        t.role = EPURE_QUOTE_ROLE_CLOSE_OR_INCHES;
      break;
    case EPURE_QUOTE_CURLY_OPEN:
    case EPURE_QUOTE_LOW:
      t.role = EPURE_QUOTE_ROLE_OPEN;
      break;
    case EPURE_QUOTE_CURLY_CLOSE:
      t.role = EPURE_QUOTE_ROLE_CLOSE;
      break;
    case EPURE_QUOTE_GUILLEMET_OPEN:
    case EPURE_QUOTE_ASCII_OPEN:
      t.role = EPURE_QUOTE_ROLE_OPEN;
      t.closes_only = can_close && !can_open && epure_typo_is_word_char (prev);
      break;
    case EPURE_QUOTE_GUILLEMET_CLOSE:
    case EPURE_QUOTE_ASCII_CLOSE:
      t.role = EPURE_QUOTE_ROLE_CLOSE;
      t.opens_only = can_open && !can_close && epure_typo_is_word_char (next);
      break;
    default:
      g_assert_not_reached ();
    }

  g_array_append_val (self->tokens, t);
}

static gboolean
compatible (const EpureQuoteToken *open,
            const EpureQuoteToken *close)
{
  gboolean open_guillemet = epure_quote_glyph_is_guillemet (open->glyph);
  gboolean close_guillemet = epure_quote_glyph_is_guillemet (close->glyph);

  if (open_guillemet != close_guillemet)
    return FALSE;
  if (open_guillemet)
    /* << pairs with >> only, a real guillemet with a real one or >>. */
    return open->glyph != EPURE_QUOTE_ASCII_OPEN || close->glyph == EPURE_QUOTE_ASCII_CLOSE;
  return close->glyph != EPURE_QUOTE_CURLY_OPEN && close->glyph != EPURE_QUOTE_LOW;
}

static gboolean
only_spaces_between (const char *s,
                     gsize       a,
                     gsize       b)
{
  return epure_typo_skip_spaces (s, a, b) == b;
}

static void
pair_tokens (EpureQuoteScanner *self,
             const char        *s)
{
  EpureQuoteToken *tokens = (EpureQuoteToken *) (gpointer) self->tokens->data;
  guint n = self->tokens->len;
  guint depth = 0;

  g_array_set_size (self->stack, 0);

  for (guint i = 0; i < n; i++)
    {
      EpureQuoteToken *t = &tokens[i];
      guint *stack = (guint *) (gpointer) self->stack->data;
      int found = -1;

      for (int k = (int) self->stack->len - 1; k >= 0; k--)
        if (compatible (&tokens[stack[k]], t))
          {
            found = k;
            break;
          }

      /* « mot« and »mot » : a guillemet on the wrong side of its word is
       * read the other way, when the quotes around agree. */
      if (t->glyph == EPURE_QUOTE_GUILLEMET_OPEN && t->closes_only && found >= 0)
        {
          t->role = EPURE_QUOTE_ROLE_CLOSE;
          t->wrong_side = TRUE;
        }
      else if (t->glyph == EPURE_QUOTE_GUILLEMET_CLOSE && t->opens_only && found < 0)
        {
          t->role = EPURE_QUOTE_ROLE_OPEN;
          t->wrong_side = TRUE;
        }

      if (t->role == EPURE_QUOTE_ROLE_OPEN)
        {
          g_array_append_val (self->stack, i);
          continue;
        }

      if (found >= 0)
        {
          guint o = stack[found];

          tokens[o].partner = i;
          t->partner = o;
          /* A pair opened by a guess is a guess; a clear opening quote
           * makes the next compatible one its closing quote ("merci"et). */
          if (tokens[o].role == EPURE_QUOTE_ROLE_AMBIGUOUS)
            tokens[o].problem = t->problem = EPURE_QUOTE_AMBIGUOUS;
          g_array_set_size (self->stack, found);
        }
      else if (t->role == EPURE_QUOTE_ROLE_AMBIGUOUS)
        g_array_append_val (self->stack, i);   /* may open, if something closes it */
      else if (t->role == EPURE_QUOTE_ROLE_CLOSE_OR_INCHES)
        t->problem = EPURE_QUOTE_IGNORED;
    }

  for (guint i = 0; i < n; i++)
    {
      EpureQuoteToken *t = &tokens[i];

      if (t->partner >= 0)
        {
          if ((guint) t->partner > i)
            t->level = ++depth;
          else
            {
              t->level = tokens[t->partner].level;
              depth--;
            }
          continue;
        }

      if (t->problem == EPURE_QUOTE_IGNORED)
        continue;
      if (t->glyph == EPURE_QUOTE_ASCII_OPEN || t->glyph == EPURE_QUOTE_ASCII_CLOSE)
        {
          t->problem = EPURE_QUOTE_IGNORED;   /* a shift operator, an arrow… */
          continue;
        }
      t->problem = t->role == EPURE_QUOTE_ROLE_AMBIGUOUS ? EPURE_QUOTE_AMBIGUOUS : EPURE_QUOTE_UNPAIRED;

      /* « « : an orphan beside a guillemet of the same kind is a double. */
      if (epure_quote_glyph_is_guillemet (t->glyph))
        {
          const EpureQuoteToken *before = i > 0 ? &tokens[i - 1] : NULL;
          const EpureQuoteToken *after = i + 1 < n ? &tokens[i + 1] : NULL;

          if ((before != NULL && before->glyph == t->glyph && only_spaces_between (s, before->end, t->start)) ||
              (after != NULL && after->glyph == t->glyph && only_spaces_between (s, t->end, after->start)))
            t->problem = EPURE_QUOTE_DOUBLED;
        }
    }
}

/* The first bytes of " « » “ ” „ << >>. */
static const guint8 starts_quote[256] = {
  ['"'] = 1, ['<'] = 1, ['>'] = 1, [0xC2] = 1, [0xE2] = 1,
};

/* Skips, 16 bytes at a time, what cannot start a quote: the whole
 * sequence is looked at, not its first byte, for French text is full of
 * other characters starting with 0xC2 or 0xE2 (no-break spaces, ’, …).
 * Returns the first that may, or a point at most 17 bytes before @end
 * from where the byte loop goes on. */
static inline gsize
skip_to_quote (const guchar *u,
               gsize         p,
               gsize         end)
{
  EpureBytes16 zero = { 0 };

  while (p + 18 <= end)
    {
      EpureBytes16 v = epure_bytes16_load (u + p);
      EpureBytes16 next = epure_bytes16_load (u + p + 1);
      EpureBytes16 third = epure_bytes16_load (u + p + 2);
      EpureMask16 m = epure_bytes16_eq (v, '"') |
                      ((epure_bytes16_eq (v, '<') | epure_bytes16_eq (v, '>')) & (EpureMask16) (v == next)) |
                      (epure_bytes16_eq (v, 0xC2) & epure_bytes16_eq (next | (zero + 0x10), 0xBB)) |
                      (epure_bytes16_eq (v, 0xE2) & epure_bytes16_eq (next, 0x80) &
                       (EpureMask16) ((EpureBytes16) (third - (zero + 0x9C)) < zero + 3));

      if (epure_mask16_any (m))
        return p + epure_mask16_first (m);
      p += 16;
    }
  return p;
}

/**
 * epure_quote_scanner_scan:
 * @skip: sorted, disjoint [start, end) pairs of byte ranges to ignore
 *   (verbatim spans, code), @n_skip pairs
 *
 * Finds, classifies and pairs the double quotes of the paragraph
 * [@start, @end) of @str.
 */
void
epure_quote_scanner_scan (EpureQuoteScanner *self,
                          const char        *s,
                          gsize              start,
                          gsize              end,
                          const gsize       *skip,
                          guint              n_skip)
{
  const guchar *u = (const guchar *) s;
  gsize p = start, past;
  guint k = 0;

  g_return_if_fail (EPURE_IS_QUOTE_SCANNER (self));

  g_array_set_size (self->tokens, 0);

  while (p < end)
    {
      /* Most bytes cannot start a quote. */
      p = skip_to_quote (u, p, end);
      while (p < end && !starts_quote[u[p]])
        p++;
      if (p >= end)
        break;

      past = epure_skip_ranges_past (skip, n_skip, &k, p);
      if (past != p)
        {
          p = past;
          continue;
        }

      switch (u[p])
        {
        case '"':
          if (p > start && u[p - 1] == '\\')
            break;
          if (g_ascii_isdigit (p > start ? u[p - 1] : 0) && is_measurement (s, start, p))
            break;
          add_token (self, s, start, end, p, 1, EPURE_QUOTE_STRAIGHT);
          break;
        case 0xC2:
          if (p + 1 < end && u[p + 1] == 0xAB)
            add_token (self, s, start, end, p, 2, EPURE_QUOTE_GUILLEMET_OPEN);
          else if (p + 1 < end && u[p + 1] == 0xBB)
            add_token (self, s, start, end, p, 2, EPURE_QUOTE_GUILLEMET_CLOSE);
          break;
        case 0xE2:
          if (p + 2 < end && u[p + 1] == 0x80)
            {
              if (u[p + 2] == 0x9C)
                add_token (self, s, start, end, p, 3, EPURE_QUOTE_CURLY_OPEN);
              else if (u[p + 2] == 0x9D)
                add_token (self, s, start, end, p, 3, EPURE_QUOTE_CURLY_CLOSE);
              else if (u[p + 2] == 0x9E)
                add_token (self, s, start, end, p, 3, EPURE_QUOTE_LOW);
            }
          break;
        case '<':
        case '>':
          /* Exactly two, not an arrow (->>, =>>), not e-mail quoting (>> at line start). */
          if (p + 1 < end && u[p + 1] == u[p] && (p + 2 >= end || u[p + 2] != u[p]) &&
              (p == start || (u[p - 1] != u[p] && u[p - 1] != '-' && u[p - 1] != '=')))
            {
              gboolean line_start = p == start || u[p - 1] == '\n';

              if (u[p] == '<')
                add_token (self, s, start, end, p, 2, EPURE_QUOTE_ASCII_OPEN);
              else if (!line_start)
                add_token (self, s, start, end, p, 2, EPURE_QUOTE_ASCII_CLOSE);
              p += 2;
              continue;
            }
          break;
        default:
          break;
        }
      p++;
    }

  pair_tokens (self, s);
}

/* Returns: (transfer none): the tokens of the last scanned paragraph. */
const EpureQuoteToken *
epure_quote_scanner_get_tokens (EpureQuoteScanner *self,
                                guint             *n_tokens)
{
  g_return_val_if_fail (EPURE_IS_QUOTE_SCANNER (self), NULL);

  *n_tokens = self->tokens->len;
  return (const EpureQuoteToken *) (gpointer) self->tokens->data;
}
