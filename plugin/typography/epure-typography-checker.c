/* epure-typography-checker.c: French quotes, apostrophes, spaces around
 * punctuation, ellipses and dashes.
 *
 * The text is read paragraph by paragraph (blank lines separate them), so
 * the checker has PARAGRAPH scope and huge inputs can be streamed.  Each
 * paragraph is scanned once for quotes (paired by EpureQuoteScanner) and
 * once for the other rules; the candidate edits ("hits") are then sorted,
 * overlaps are resolved by priority, and findings are made.
 *
 * Safety first: a fix is automatic only when its context is clear; the
 * rest is flagged with a suggestion.  Verbatim spans (URLs, e-mails, code)
 * and code-like stretches (printf("%d", x), href="…") are never touched,
 * and paragraphs or quotations in another language are flagged only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "epure-quote-scanner.h"
#include "epure-typography-checker.h"
#include "epure-typography-chars.h"

#define CHECKER_ID "typography"

/* A short quotation (a word or phrase) takes the comma or period after
 * its closing guillemet; a longer one may be a whole sentence. */
#define MAX_PHRASE_WORDS 6
/* Enough words to tell the language of a paragraph. */
#define MAX_LANGUAGE_WORDS 400

G_DEFINE_ENUM_TYPE (EpureSpacesProfile, epure_spaces_profile,
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_FRANCE, "france"),
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_NARROW, "narrow"),
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_REGULAR, "regular"))

struct _EpureTypographyChecker
{
  GObject parent_instance;

  int profile;   /* EpureSpacesProfile, read atomically by check threads */
};

enum {
  PROP_0,
  PROP_SPACES_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpureTypographyChecker, epure_typography_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, checker_iface_init))

/* The spaces a profile puts before ; ! ?, before :, and inside « ». */
typedef struct
{
  const char *before_semicolon;
  const char *before_colon;
  const char *inside_guillemets;
} Spaces;

static const Spaces profiles[] = {
  [EPURE_SPACES_PROFILE_FRANCE] = { EPURE_NNBSP, EPURE_NBSP, EPURE_NBSP },
  [EPURE_SPACES_PROFILE_NARROW] = { EPURE_NNBSP, EPURE_NBSP, EPURE_NNBSP },
  [EPURE_SPACES_PROFILE_REGULAR] = { EPURE_NBSP, EPURE_NBSP, EPURE_NBSP },
};

/* Rule priorities: when two candidate edits overlap, the higher wins; the
 * other may apply on the next cleaning pass. */
enum {
  PRIORITY_SPACE = 1,
  PRIORITY_PUNCTUATION = 2,
  PRIORITY_QUOTE = 3,
};

typedef struct
{
  gsize start;
  gsize end;
  const char *rule;
  const char *message;     /* untranslated; translated when the finding is made */
  char replacement[40];
  guint8 priority;
  gboolean automatic;
  EpureSeverity severity;
} Hit;

/* Per-check state, so that concurrent checks share nothing. */
typedef struct
{
  EpureText *text;
  const char *s;
  const Spaces *spaces;
  EpureQuoteScanner *scanner;
  GArray *skip;            /* gsize pairs: ranges never touched */
  GArray *hits;            /* Hit */
  GArray *foreign;         /* gsize pairs: quotations in another language */
  const EpureVerbatimSpan *verbatim;
  guint n_verbatim;
  guint verbatim_index;
  GPtrArray *findings;
} Context;

static void
epure_typography_checker_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  EpureTypographyChecker *self = EPURE_TYPOGRAPHY_CHECKER (object);

  switch (prop_id)
    {
    case PROP_SPACES_PROFILE:
      g_value_set_enum (value, epure_typography_checker_get_spaces_profile (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_typography_checker_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  EpureTypographyChecker *self = EPURE_TYPOGRAPHY_CHECKER (object);

  switch (prop_id)
    {
    case PROP_SPACES_PROFILE:
      epure_typography_checker_set_spaces_profile (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_typography_checker_class_init (EpureTypographyCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = epure_typography_checker_get_property;
  object_class->set_property = epure_typography_checker_set_property;

  /**
   * EpureTypographyChecker:spaces-profile:
   *
   * The no-break spaces to use (the CLI's --spaces, the app's
   * spaces-profile setting): "france", "narrow" or "regular".
   */
  properties[PROP_SPACES_PROFILE] =
    g_param_spec_enum ("spaces-profile", NULL, NULL,
                       EPURE_TYPE_SPACES_PROFILE, EPURE_SPACES_PROFILE_FRANCE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_typography_checker_init (EpureTypographyChecker *self)
{
  self->profile = EPURE_SPACES_PROFILE_FRANCE;
}

EpureTypographyChecker *
epure_typography_checker_new (void)
{
  return g_object_new (EPURE_TYPE_TYPOGRAPHY_CHECKER, NULL);
}

EpureSpacesProfile
epure_typography_checker_get_spaces_profile (EpureTypographyChecker *self)
{
  g_return_val_if_fail (EPURE_IS_TYPOGRAPHY_CHECKER (self), EPURE_SPACES_PROFILE_FRANCE);
  return g_atomic_int_get (&self->profile);
}

void
epure_typography_checker_set_spaces_profile (EpureTypographyChecker *self,
                                             EpureSpacesProfile      profile)
{
  g_return_if_fail (EPURE_IS_TYPOGRAPHY_CHECKER (self));
  g_return_if_fail (profile <= EPURE_SPACES_PROFILE_REGULAR);

  if (g_atomic_int_get (&self->profile) == (int) profile)
    return;
  g_atomic_int_set (&self->profile, profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACES_PROFILE]);
  epure_checker_emit_changed (EPURE_CHECKER (self));
}

static const char *
get_id (EpureChecker *checker)
{
  return CHECKER_ID;
}

static const char *
get_display_name (EpureChecker *checker)
{
  return _("Typography");
}

static EpureCheckerScope
get_scope (EpureChecker *checker)
{
  return EPURE_CHECKER_SCOPE_PARAGRAPH;
}

/* Candidate edits */

static Hit *
add_hit (Context    *ctx,
         gsize       start,
         gsize       end,
         const char *rule,
         const char *message,
         guint8      priority,
         gboolean    automatic)
{
  Hit hit = { start, end, rule, message, "", priority, automatic, EPURE_SEVERITY_WARNING };

  g_array_append_val (ctx->hits, hit);
  return &g_array_index (ctx->hits, Hit, ctx->hits->len - 1);
}

static void
hit_append (Hit        *hit,
            const char *str,
            gsize       len)
{
  gsize have = strlen (hit->replacement);

  len = MIN (len, sizeof hit->replacement - 1 - have);
  memcpy (hit->replacement + have, str, len);
  hit->replacement[have + len] = '\0';
}

static void
hit_append_str (Hit        *hit,
                const char *str)
{
  hit_append (hit, str, strlen (str));
}

/* Does the hit change anything? */
static gboolean
hit_is_noop (Context   *ctx,
             const Hit *hit)
{
  gsize len = strlen (hit->replacement);
  return len == hit->end - hit->start && memcmp (ctx->s + hit->start, hit->replacement, len) == 0;
}

/* Ranges to leave alone: verbatim spans and code-like stretches */

static void
add_skip (GArray *skip,
          gsize   start,
          gsize   end)
{
  g_array_append_val (skip, start);
  g_array_append_val (skip, end);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const gsize *ra = a, *rb = b;
  return ra[0] < rb[0] ? -1 : ra[0] > rb[0];
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* printf("%d", x), f('a'), href="…": code and markup quote strings in
 * ways typography must not touch. */
static void
find_code_ranges (Context *ctx,
                  gsize    ps,
                  gsize    pe)
{
  const char *s = ctx->s;

  for (gsize p = ps; p < pe; p++)
    {
      if (s[p] == '(' && p > ps && is_ident_char (s[p - 1]))
        {
          gsize q = p + 1, start = p - 1;
          int depth = 1;
          gboolean quoted = FALSE;

          while (q < pe && s[q] != '\n' && depth > 0)
            {
              if (s[q] == '(')
                depth++;
              else if (s[q] == ')')
                depth--;
              else if (s[q] == '"' || s[q] == '\'' || s[q] == '%' || s[q] == '\\')
                quoted = TRUE;
              q++;
            }
          if (quoted && depth == 0)
            {
              while (start > ps && is_ident_char (s[start - 1]))
                start--;
              add_skip (ctx->skip, start, q);
              p = q - 1;
            }
        }
      else if (s[p] == '=' && p + 1 < pe && (s[p + 1] == '"' || s[p + 1] == '\''))
        {
          gsize q = p + 2;
          while (q < pe && s[q] != s[p + 1] && s[q] != '\n')
            q++;
          if (q < pe && s[q] == s[p + 1])
            {
              add_skip (ctx->skip, p, q + 1);
              p = q;
            }
        }
    }
}

static void
build_skip (Context *ctx,
            gsize    ps,
            gsize    pe)
{
  gsize *r;
  guint n, out = 0;

  g_array_set_size (ctx->skip, 0);

  while (ctx->verbatim_index < ctx->n_verbatim && ctx->verbatim[ctx->verbatim_index].end <= ps)
    ctx->verbatim_index++;
  for (guint i = ctx->verbatim_index; i < ctx->n_verbatim && ctx->verbatim[i].start < pe; i++)
    add_skip (ctx->skip, ctx->verbatim[i].start, ctx->verbatim[i].end);

  if (memchr (ctx->s + ps, '(', pe - ps) != NULL || memchr (ctx->s + ps, '=', pe - ps) != NULL)
    find_code_ranges (ctx, ps, pe);

  /* Sorted and disjoint, as the scanners expect. */
  n = ctx->skip->len / 2;
  if (n < 2)
    return;
  r = (gsize *) (gpointer) ctx->skip->data;
  qsort (r, n, 2 * sizeof (gsize), compare_ranges);
  for (guint i = 0; i < n; i++)
    {
      if (out > 0 && r[2 * i] <= r[2 * (out - 1) + 1])
        r[2 * (out - 1) + 1] = MAX (r[2 * (out - 1) + 1], r[2 * i + 1]);
      else
        {
          r[2 * out] = r[2 * i];
          r[2 * out + 1] = r[2 * i + 1];
          out++;
        }
    }
  g_array_set_size (ctx->skip, 2 * out);
}

/* Language: English stop words against French ones */

static gboolean
word_in (const char         *w,
         gsize               len,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && memcmp (list[i], w, len) == 0)
      return TRUE;
  return FALSE;
}

/* Words frequent in one language and absent from the other's prose
 * ("on", "or", "but", "as" are French words too). */
static const char * const english_words[] = {
  "the", "and", "of", "to", "is", "are", "was", "were", "that", "this", "with", "for", "it", "you",
  "he", "she", "they", "we", "i", "not", "have", "has", "be", "at", "from", "by", "what", "which",
  "would", "will", "can", "do", "does", "did", "don", "there", "their", "his", "her", "said",
  "been", "into", "about", "who", "when", "my", "your", "our", "its", "isn", "doesn", "didn",
  "won", "wouldn", "shouldn", "should", "could", "these", "those", "them", "him", "how", "why",
  "where", "all", "any", "some", "just", "know", "think", "want", "get", "got", NULL
};

static const char * const french_words[] = {
  "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "que", "qui", "dans", "pour",
  "pas", "sur", "au", "aux", "il", "elle", "ils", "elles", "ne", "se", "ce", "en", "par", "plus",
  "son", "sa", "ses", "avec", "mais", "ont", "sont", "nous", "vous", "cette", "leur", "on", "l",
  "d", "qu", "n", "c", "j", "y", "lui", "ou", "si", "tout", "fait", "comme", "aussi", NULL
};

typedef struct
{
  guint english;
  guint french;
  guint other;   /* words in another script */
} WordCounts;

static void
count_words (const char *s,
             gsize       start,
             gsize       end,
             WordCounts *counts)
{
  gsize p = start;
  guint words = 0;

  while (p < end && words < MAX_LANGUAGE_WORDS)
    {
      char buf[8];
      gsize len = 0, q = p;
      gboolean latin_accent = FALSE, other_script = FALSE, ascii = TRUE;

      while (q < end)
        {
          guchar c = s[q];
          if (c < 0x80)
            {
              if (!g_ascii_isalpha (c))
                break;
              if (len < sizeof buf)
                buf[len] = g_ascii_tolower (c);
              len++;
              q++;
            }
          else
            {
              gunichar u = g_utf8_get_char_validated (s + q, end - q);
              if (u == (gunichar) -1 || u == (gunichar) -2 || !epure_typo_is_letter (u))
                break;
              if (u < 0x250)
                latin_accent = TRUE;
              else
                other_script = TRUE;
              ascii = FALSE;
              len++;
              q = g_utf8_next_char (s + q) - s;
            }
        }

      if (q == p)
        {
          p++;
          continue;
        }
      words++;
      if (other_script)
        counts->other++;
      else if (latin_accent)
        counts->french++;
      else if (ascii && len <= sizeof buf)
        {
          if (word_in (buf, len, english_words))
            counts->english++;
          else if (word_in (buf, len, french_words))
            counts->french++;
        }
      p = q;
    }
}

static gboolean
looks_foreign (const WordCounts *c)
{
  if (c->english >= 3 && c->english > 2 * c->french)
    return TRUE;
  return c->other >= 3 && c->other > c->french + c->english;
}

/* A quotation is English when it has English words and no French one. */
static gboolean
quotation_is_english (Context *ctx,
                      gsize    start,
                      gsize    end)
{
  WordCounts c = { 0 };

  count_words (ctx->s, start, end, &c);
  return (c.english >= 2 && c.french == 0) || looks_foreign (&c);
}

static gboolean
in_foreign_quotation (Context *ctx,
                      gsize    p)
{
  const gsize *r = (const gsize *) (gpointer) ctx->foreign->data;

  for (guint i = 0; i < ctx->foreign->len / 2; i++)
    if (r[2 * i] <= p && p < r[2 * i + 1])
      return TRUE;
  return FALSE;
}

/* Quotes */

static const char *
open_glyph (guint level)
{
  return level <= 1 ? "«" : "“";
}

static const char *
close_glyph (guint level)
{
  return level <= 1 ? "»" : "”";
}

static const char *
quote_rule (const EpureQuoteToken *t)
{
  if (t->wrong_side || t->glyph == EPURE_QUOTE_ASCII_OPEN || t->glyph == EPURE_QUOTE_ASCII_CLOSE)
    return "typography.stray-guillemet";
  switch (t->glyph)
    {
    case EPURE_QUOTE_STRAIGHT:
      return "typography.straight-quotes";
    case EPURE_QUOTE_GUILLEMET_OPEN:
    case EPURE_QUOTE_GUILLEMET_CLOSE:
      return t->level <= 1 ? "typography.guillemet-spacing" : "typography.nested-quotes";
    default:
      return "typography.curly-quotes";
    }
}

static const char *
quote_message (const EpureQuoteToken *t)
{
  if (t->wrong_side)
    return N_("Guillemet on the wrong side of the word");
  if (t->glyph == EPURE_QUOTE_ASCII_OPEN || t->glyph == EPURE_QUOTE_ASCII_CLOSE)
    return N_("“<<” and “>>” used as guillemets: use « and »");
  switch (t->glyph)
    {
    case EPURE_QUOTE_STRAIGHT:
      return t->level <= 1 ? N_("Straight quotes: use French guillemets « »")
                           : N_("Straight quotes inside a quotation: use “ ”");
    case EPURE_QUOTE_GUILLEMET_OPEN:
    case EPURE_QUOTE_GUILLEMET_CLOSE:
      return t->level <= 1 ? N_("Guillemets take one no-break space inside")
                           : N_("A quotation inside a quotation takes “ ”");
    default:
      return t->level <= 1 ? N_("English quotes: use French guillemets « »")
                           : N_("No space inside “ ”");
    }
}

static gboolean
at_line_break (const char *s,
               gsize       p,
               gsize       pe)
{
  return p >= pe || s[p] == '\n' || s[p] == '\r';
}

/* "éliminé," → « éliminé », : the quotation is a word or a phrase, so the
 * punctuation belongs to the sentence around it. */
static gboolean
is_short_phrase (const char *s,
                 gsize       start,
                 gsize       end)
{
  guint words = 0;
  gboolean in_word = FALSE;
  gunichar first = epure_typo_char_at (s, epure_typo_skip_spaces (s, start, end), end);

  if (!epure_typo_is_letter (first) || !g_unichar_islower (first))
    return FALSE;
  for (gsize p = start; p < end; p++)
    {
      char c = s[p];
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n')
        return FALSE;
      if (c == ' ')
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          words++;
        }
    }
  return words <= MAX_PHRASE_WORDS;
}

static gboolean
is_sentence_punctuation (gunichar c)
{
  return c != 0 && (strchr (".,;:!?…", c < 0x80 ? (int) c : 0) != NULL || c == 0x2026);
}

static void
quote_hits (Context *ctx,
            gsize    ps,
            gsize    pe,
            gboolean foreign)
{
  const char *s = ctx->s;
  const char *inside = ctx->spaces->inside_guillemets;
  const EpureQuoteToken *tokens;
  guint n;

  epure_quote_scanner_scan (ctx->scanner, s, ps, pe,
                            (const gsize *) (gpointer) ctx->skip->data, ctx->skip->len / 2);
  tokens = epure_quote_scanner_get_tokens (ctx->scanner, &n);

  g_array_set_size (ctx->foreign, 0);
  for (guint i = 0; i < n; i++)
    {
      const EpureQuoteToken *t = &tokens[i];
      if (t->partner > (int) i && t->level == 1 && !epure_quote_glyph_is_guillemet (t->glyph) &&
          quotation_is_english (ctx, t->end, tokens[t->partner].start))
        {
          add_skip (ctx->foreign, t->start, tokens[t->partner].end);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const EpureQuoteToken *t = &tokens[i];
      gboolean automatic = !foreign && !in_foreign_quotation (ctx, t->start);
      Hit *hit;

      switch (t->problem)
        {
        case EPURE_QUOTE_IGNORED:
          continue;

        case EPURE_QUOTE_UNPAIRED:
          {
            gboolean opening = t->role == EPURE_QUOTE_ROLE_OPEN;
            hit = add_hit (ctx, t->start, t->end, "typography.unpaired-quote",
                           opening ? N_("Opening quote without a closing one")
                                   : N_("Closing quote without an opening one"),
                           PRIORITY_QUOTE, FALSE);
            if (epure_quote_glyph_is_guillemet (t->glyph) && !t->wrong_side &&
                t->glyph != EPURE_QUOTE_ASCII_OPEN && t->glyph != EPURE_QUOTE_ASCII_CLOSE)
              hit_append_str (hit, "");   /* a stray guillemet: suggest removing it */
            else if (opening)
              {
                hit_append_str (hit, "«");
                hit_append_str (hit, inside);
              }
            else
              {
                hit_append_str (hit, inside);
                hit_append_str (hit, "»");
              }
            continue;
          }

        case EPURE_QUOTE_DOUBLED:
          {
            /* Remove the extra one with the spaces that separate it from its twin. */
            gsize start = t->start, end = t->end;
            if (i + 1 < n && tokens[i + 1].glyph == t->glyph &&
                epure_typo_skip_spaces (s, t->end, pe) == tokens[i + 1].start)
              end = tokens[i + 1].start;
            else
              start = epure_typo_skip_spaces_back (s, ps, t->start);
            add_hit (ctx, start, end, "typography.stray-guillemet", N_("Doubled guillemet"),
                     PRIORITY_QUOTE, automatic);
            continue;
          }

        case EPURE_QUOTE_AMBIGUOUS:
          if (t->partner < 0)
            {
              hit = add_hit (ctx, t->start, t->end, "typography.unpaired-quote",
                             N_("Ambiguous quote: it could open or close a quotation"),
                             PRIORITY_QUOTE, FALSE);
              hit_append_str (hit, "«");
              hit_append_str (hit, inside);
              continue;
            }
          automatic = FALSE;
          break;

        case EPURE_QUOTE_OK:
        default:
          break;
        }

      /* A paired quote: the right glyph with the right spaces. */
      if (t->partner > (int) i)
        {
          gsize after = epure_typo_skip_spaces (s, t->end, pe);
          /* The spaces before ; : ! ? are theirs: never swallowed. */
          gboolean line_break = at_line_break (s, after, pe) ||
                                (after > t->end && after < pe && strchr (";:!?", s[after]) != NULL);
          gsize prev_start;
          gunichar prev = epure_typo_char_before (s, ps, t->start, &prev_start);

          hit = add_hit (ctx, t->start, line_break ? t->end : after, quote_rule (t), quote_message (t),
                         PRIORITY_QUOTE, automatic);
          if (t->level <= 1 && (epure_typo_is_word_char (prev) || prev == ':' || prev == ','))
            {
              /* et« oui » → et « oui », dit :« oui » → dit : « oui » */
              hit->start = prev_start + g_utf8_skip[(guchar) s[prev_start]];
              hit_append_str (hit, " ");
            }
          hit_append_str (hit, open_glyph (t->level));
          if (!line_break && t->level <= 1)
            hit_append_str (hit, inside);
        }
      else
        {
          const EpureQuoteToken *o = &tokens[t->partner];
          gsize before = epure_typo_skip_spaces_back (s, ps, t->start);
          gboolean line_break = before == ps || s[before - 1] == '\n' || s[before - 1] == '\r';
          gunichar next = epure_typo_char_at (s, t->end, pe);
          gunichar punct = line_break ? 0 : (guchar) s[before - 1];

          if (t->level <= 1 && (punct == ',' || punct == '.') && before - 1 > o->end &&
              s[before - 2] != '.' && !is_sentence_punctuation (next) && next != ')' &&
              is_short_phrase (s, o->end, before - 1))
            {
              hit = add_hit (ctx, before - 1, t->end, "typography.punctuation-inside-quote",
                             N_("The punctuation of a quoted word or phrase goes after the closing guillemet"),
                             PRIORITY_QUOTE, automatic);
              hit_append_str (hit, inside);
              hit_append_str (hit, "»");
              hit_append (hit, &s[before - 1], 1);
            }
          else
            {
              hit = add_hit (ctx, line_break ? t->start : before, t->end, quote_rule (t), quote_message (t),
                             PRIORITY_QUOTE, automatic);
              if (!line_break && t->level <= 1)
                hit_append_str (hit, inside);
              hit_append_str (hit, close_glyph (t->level));
            }
          /* « oui »et → « oui » et */
          if (t->level <= 1 && epure_typo_is_word_char (next))
            hit_append_str (hit, " ");
        }

      if (hit_is_noop (ctx, hit))
        g_array_set_size (ctx->hits, ctx->hits->len - 1);
    }
}

/* Everything else: apostrophes, spaces, punctuation, ellipses, dashes */

static gboolean
is_smiley_after (const char *s,
                 gsize       p,
                 gsize       pe)
{
  /* :) ;-) :D :-( =) — p is just after the eyes. */
  if (p < pe && s[p] == '-')
    p++;
  if (p >= pe || strchr (")(DPpOo/\\|*[]3", s[p]) == NULL || s[p] == '\0')
    return FALSE;
  return p + 1 >= pe || !g_ascii_isalnum (s[p + 1]);
}

static gboolean
after_html_entity (const char *s,
                   gsize       ps,
                   gsize       p)
{
  gsize q = p;

  while (q > ps && (g_ascii_isalnum (s[q - 1]) || s[q - 1] == '#'))
    q--;
  return q > ps && q < p && s[q - 1] == '&';
}

static gboolean
closes_word (gunichar c)
{
  /* What may end the word before a punctuation mark. */
  return epure_typo_is_word_char (c) || c == ')' || c == ']' || c == '"' || c == '\'' || c == '%' ||
         c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026 || c == 0xB0 || c == 0x20AC || c == '$';
}

static gsize
high_punctuation (Context *ctx,
                  gsize    ps,
                  gsize    pe,
                  gsize    p,
                  gboolean automatic)
{
  const char *s = ctx->s;
  char c = s[p];
  gsize q = p + 1, b;
  gunichar prev, next;
  const char *want;
  gboolean need_before = FALSE, need_after = FALSE;
  Hit *hit;

  if (c == '?' || c == '!')
    while (q < pe && (s[q] == '?' || s[q] == '!'))
      q++;

  next = epure_typo_char_at (s, q, pe);
  b = epure_typo_skip_spaces_back (s, ps, p);
  prev = epure_typo_char_before (s, ps, b, NULL);

  /* Nothing before it on the line, or glued to other punctuation ("...?"). */
  if (prev == 0 || prev == '\n' || prev == '\r')
    return q;
  if (b == p && !closes_word (prev))
    return q;
  if (prev == '?' || prev == '!')
    return q;   /* "? !": a run of marks keeps the spacing it has */

  switch (c)
    {
    case ':':
      /* 12:30, std::, a:b, http: — not French punctuation. */
      if (next == ':' || prev == ':' || next == '/' || next == '\\')
        return q;
      if (b == p && epure_typo_is_word_char (next))
        return q;
      if (is_smiley_after (s, q, pe))
        return q;
      break;
    case ';':
      if (b == p && (epure_typo_is_word_char (next) || after_html_entity (s, ps, p)))
        return q;
      if (is_smiley_after (s, q, pe))
        return q;
      break;
    case '!':
      if (next == '=')
        return q;
      G_GNUC_FALLTHROUGH;
    case '?':
      if (b == p && epure_typo_is_letter (next) && !g_unichar_isupper (next))
        return q;   /* "Yahoo!mail", "?id": leave words alone */
      need_after = epure_typo_is_letter (next) && g_unichar_isupper (next);
      break;
    default:
      g_assert_not_reached ();
    }

  want = c == ':' ? ctx->spaces->before_colon : ctx->spaces->before_semicolon;
  need_before = (p - b) != strlen (want) || memcmp (s + b, want, p - b) != 0;
  if (!need_before && !need_after)
    return q;

  hit = add_hit (ctx, b, q, need_before ? "typography.space-before-punctuation" : "typography.space-after-punctuation",
                 need_before ? N_("A no-break space goes before ; : ! and ?")
                             : N_("A space goes after ? and ! before the next sentence"),
                 PRIORITY_PUNCTUATION, automatic);
  hit->severity = EPURE_SEVERITY_INFO;
  hit_append_str (hit, want);
  hit_append (hit, s + p, q - p);
  if (need_after)
    hit_append_str (hit, " ");
  return q;
}

static void
low_punctuation (Context *ctx,
                 gsize    ps,
                 gsize    pe,
                 gsize    p,
                 gboolean automatic)
{
  const char *s = ctx->s;
  gsize b = epure_typo_skip_spaces_back (s, ps, p);
  gunichar prev = epure_typo_char_before (s, ps, b, NULL);
  gunichar next = epure_typo_char_at (s, p + 1, pe);
  Hit *hit;

  if (b == p || !closes_word (prev))
    return;
  /* " ,5" is a number, " .net" a name; only sentence punctuation counts. */
  if (s[p] == ',' && g_unichar_isdigit (next))
    return;
  if (s[p] == '.' && !(next == 0 || epure_typo_is_space (next) || next == 0xBB || next == 0x201D ||
                       next == ')' || next == '"'))
    return;

  hit = add_hit (ctx, b, p + 1, "typography.space-before-comma",
                 N_("No space before a comma or a period"), PRIORITY_PUNCTUATION, automatic);
  hit->severity = EPURE_SEVERITY_INFO;
  hit_append (hit, s + p, 1);
}

static gsize
dash (Context *ctx,
      gsize    ps,
      gsize    pe,
      gsize    p,
      gboolean em,
      gboolean automatic)
{
  const char *s = ctx->s;
  gunichar prev = epure_typo_char_before (s, ps, p, NULL);
  gunichar next = epure_typo_char_at (s, p + 3, pe);
  gboolean prev_space = prev == 0 || epure_typo_is_space (prev);
  gboolean next_space = next == 0 || epure_typo_is_space (next);
  const char *glyph = em ? "—" : "–";
  Hit *hit = NULL;

  if (!prev_space && !next_space)
    {
      /* Glued on both sides: an incise only for an em dash between words
       * (an en dash there is a range, 1939–1945, Paris–Lyon). */
      if (em && epure_typo_is_letter (prev) && epure_typo_is_letter (next))
        {
          hit = add_hit (ctx, p, p + 3, "typography.dash", N_("An incise dash takes a space on each side"),
                         PRIORITY_PUNCTUATION, automatic);
          hit_append_str (hit, " ");
          hit_append_str (hit, glyph);
          hit_append_str (hit, " ");
        }
    }
  else if (prev_space && !next_space && epure_typo_is_letter (next))
    {
      hit = add_hit (ctx, p, p + 3, "typography.dash", N_("An incise dash takes a space on each side"),
                     PRIORITY_PUNCTUATION, automatic);
      hit_append_str (hit, glyph);
      hit_append_str (hit, " ");
    }
  else if (!prev_space && next_space && epure_typo_is_letter (prev) && next != '\n' && next != '\r' && next != 0)
    {
      hit = add_hit (ctx, p, p + 3, "typography.dash", N_("An incise dash takes a space on each side"),
                     PRIORITY_PUNCTUATION, automatic);
      hit_append_str (hit, " ");
      hit_append_str (hit, glyph);
    }
  if (hit != NULL)
    hit->severity = EPURE_SEVERITY_INFO;
  return p + 3;
}

static void
other_hits (Context *ctx,
            gsize    ps,
            gsize    pe,
            gboolean foreign)
{
  const char *s = ctx->s;
  const guchar *u = (const guchar *) s;
  const gsize *skip = (const gsize *) (gpointer) ctx->skip->data;
  guint n_skip = ctx->skip->len / 2, k = 0;
  gsize p = ps;

  while (p < pe)
    {
      gboolean automatic;
      Hit *hit;

      /* Most bytes are letters: skip them fast. */
      switch (u[p])
        {
        case '\'': case '.': case ',': case ';': case ':': case '!': case '?': case ' ': case '-':
        case 0xC2: case 0xE2:
          break;
        default:
          p++;
          continue;
        }

      while (k < n_skip && skip[2 * k + 1] <= p)
        k++;
      if (k < n_skip && skip[2 * k] <= p)
        {
          p = skip[2 * k + 1];
          continue;
        }

      automatic = !foreign && (ctx->foreign->len == 0 || !in_foreign_quotation (ctx, p));

      switch (u[p])
        {
        case '\'':
          {
            gunichar prev = epure_typo_char_before (s, ps, p, NULL);
            gunichar next = epure_typo_char_at (s, p + 1, pe);

            /* l'armée, aujourd'hui; not 5'10 nor 'quoted'. */
            if (epure_typo_is_letter (prev) && epure_typo_is_letter (next))
              {
                hit = add_hit (ctx, p, p + 1, "typography.apostrophe",
                               N_("Typographic apostrophe ’ expected"), PRIORITY_PUNCTUATION, automatic);
                hit->severity = EPURE_SEVERITY_INFO;
                hit_append_str (hit, "’");
              }
            p++;
            break;
          }

        case '.':
          {
            gsize q = p;
            while (q < pe && s[q] == '.')
              q++;
            if (q - p == 3 && (p == ps || s[p - 1] != '.'))
              {
                hit = add_hit (ctx, p, q, "typography.ellipsis",
                               N_("Three dots: use the ellipsis character …"), PRIORITY_PUNCTUATION, automatic);
                hit->severity = EPURE_SEVERITY_INFO;
                hit_append_str (hit, "…");
              }
            else if (q - p == 1)
              low_punctuation (ctx, ps, pe, p, automatic);
            p = q;
            break;
          }

        case ',':
          low_punctuation (ctx, ps, pe, p, automatic);
          p++;
          break;

        case ';': case ':': case '!': case '?':
          p = high_punctuation (ctx, ps, pe, p, automatic);
          break;

        case ' ':
          {
            gsize q = p;
            while (q < pe && s[q] == ' ')
              q++;
            /* Not indentation, not trailing spaces (the whitespace checker's). */
            if (q - p >= 2 && p > ps && s[p - 1] != '\n' && q < pe && s[q] != '\n' && s[q] != '\r')
              {
                hit = add_hit (ctx, p, q, "typography.double-space", N_("Several spaces in a row"),
                               PRIORITY_SPACE, automatic);
                hit->severity = EPURE_SEVERITY_INFO;
                hit_append_str (hit, " ");
              }
            p = q;
            break;
          }

        case '-':
          /* " -- " is an em dash; --option, <!-- and --> are not. */
          if (p + 1 < pe && s[p + 1] == '-' && (p + 2 >= pe || s[p + 2] != '-') && p > ps && s[p - 1] == ' ' &&
              p + 2 < pe && s[p + 2] == ' ')
            {
              hit = add_hit (ctx, p, p + 2, "typography.dash", N_("Double hyphen: use an em dash —"),
                             PRIORITY_PUNCTUATION, automatic);
              hit->severity = EPURE_SEVERITY_INFO;
              hit_append_str (hit, "—");
              p += 2;
            }
          else
            while (p < pe && s[p] == '-')
              p++;
          break;

        case 0xC2:
          /* l´armée: an acute accent used as an apostrophe. */
          if (p + 1 < pe && u[p + 1] == 0xB4 &&
              epure_typo_is_letter (epure_typo_char_before (s, ps, p, NULL)) &&
              epure_typo_is_letter (epure_typo_char_at (s, p + 2, pe)))
            {
              hit = add_hit (ctx, p, p + 2, "typography.apostrophe",
                             N_("Typographic apostrophe ’ expected"), PRIORITY_PUNCTUATION, automatic);
              hit->severity = EPURE_SEVERITY_INFO;
              hit_append_str (hit, "’");
            }
          p += 2;
          break;

        case 0xE2:
          if (p + 2 < pe && u[p + 1] == 0x80 && (u[p + 2] == 0x94 || u[p + 2] == 0x93))
            p = dash (ctx, ps, pe, p, u[p + 2] == 0x94, automatic);
          else if (p + 2 < pe && u[p + 1] == 0x80 && u[p + 2] == 0x98 &&
                   epure_typo_is_letter (epure_typo_char_before (s, ps, p, NULL)) &&
                   epure_typo_is_letter (epure_typo_char_at (s, p + 3, pe)))
            {
              /* l‘armée: an opening single quote used as an apostrophe. */
              hit = add_hit (ctx, p, p + 3, "typography.apostrophe",
                             N_("Typographic apostrophe ’ expected"), PRIORITY_PUNCTUATION, automatic);
              hit->severity = EPURE_SEVERITY_INFO;
              hit_append_str (hit, "’");
              p += 3;
            }
          else
            p += 3;
          break;

        default:
          p++;
        }
    }
}

/* Findings */

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a, *hb = b;

  if (ha->start != hb->start)
    return ha->start < hb->start ? -1 : 1;
  return (int) hb->priority - (int) ha->priority;
}

/* Sorts the candidates, keeps the higher priority one of two that
 * overlap, and drops those touching verbatim text. */
static void
resolve_hits (Context *ctx)
{
  Hit *hits = (Hit *) (gpointer) ctx->hits->data;
  guint n = ctx->hits->len, kept = 0;

  if (n == 0)
    return;

  qsort (hits, n, sizeof (Hit), compare_hits);
  for (guint i = 0; i < n; i++)
    {
      if (kept > 0 && hits[i].start < hits[kept - 1].end)
        {
          if (hits[i].priority > hits[kept - 1].priority)
            hits[kept - 1] = hits[i];
          continue;
        }
      hits[kept++] = hits[i];
    }

  n = kept;
  kept = 0;
  for (guint i = 0; i < n; i++)
    if (!epure_text_overlaps_verbatim (ctx->text, hits[i].start, hits[i].end))
      hits[kept++] = hits[i];
  g_array_set_size (ctx->hits, kept);
}

static void
collect_hits (Context *ctx,
              gsize    ps,
              gsize    pe)
{
  WordCounts counts = { 0 };
  gboolean foreign;

  g_array_set_size (ctx->hits, 0);
  build_skip (ctx, ps, pe);

  count_words (ctx->s, ps, pe, &counts);
  foreign = looks_foreign (&counts);

  quote_hits (ctx, ps, pe, foreign);
  other_hits (ctx, ps, pe, foreign);
  resolve_hits (ctx);
}

static gboolean
has_automatic (GArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, Hit, i).automatic)
      return TRUE;
  return FALSE;
}

/* The paragraph [ps, pe) of @s with its automatic hits applied. */
static char *
apply_automatic (const char *s,
                 gsize       ps,
                 gsize       pe,
                 GArray     *hits,
                 gsize      *out_len)
{
  GString *out = g_string_sized_new (pe - ps + 16);
  gsize p = ps;

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *h = &g_array_index (hits, Hit, i);
      if (!h->automatic)
        continue;
      g_string_append_len (out, s + p, h->start - p);
      g_string_append (out, h->replacement);
      p = h->end;
    }
  g_string_append_len (out, s + p, pe - p);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* Cleaning applies the automatic fixes, re-checks and applies again, a
 * few passes at most (epure_pipeline_clean).  A paragraph whose fixes
 * would not settle within those passes (odd runs of quotes whose reading
 * changes once converted) is only flagged: so cleaning is idempotent. */
#define MAX_SETTLE_ROUNDS 3

static gboolean
settles (Context *ctx,
         gsize    ps,
         gsize    pe)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) skip = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) foreign = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize len;
  char *cur = apply_automatic (ctx->s, ps, pe, ctx->hits, &len);

  for (guint round = 0; round < MAX_SETTLE_ROUNDS; round++)
    {
      g_autoptr(EpureText) sub = epure_text_new_take (cur, len, NULL);
      Context c = *ctx;

      if (sub == NULL)
        return FALSE;
      c.text = sub;
      c.s = epure_text_get_string (sub, NULL);
      c.hits = hits;
      c.skip = skip;
      c.foreign = foreign;
      c.verbatim = epure_text_get_verbatim_spans (sub, &c.n_verbatim);
      c.verbatim_index = 0;
      c.findings = NULL;

      collect_hits (&c, 0, len);
      if (!has_automatic (hits))
        return TRUE;
      cur = apply_automatic (c.s, 0, len, hits, &len);
    }

  g_free (cur);
  return FALSE;
}

static void
emit_findings (Context *ctx)
{
  for (guint i = 0; i < ctx->hits->len; i++)
    {
      const Hit *h = &g_array_index (ctx->hits, Hit, i);
      EpureFinding *finding = epure_finding_new (CHECKER_ID, h->rule, EPURE_CATEGORY_TYPOGRAPHY,
                                                 h->start, h->end, _(h->message));

      epure_finding_set_severity (finding, h->severity);
      epure_finding_add_replacement (finding, h->replacement);
      epure_finding_set_automatic (finding, h->automatic);
      if (!h->automatic)
        epure_finding_set_confidence (finding, 0.5);
      g_ptr_array_add (ctx->findings, finding);
    }
}

static void
check_paragraph (Context *ctx,
                 gsize    ps,
                 gsize    pe)
{
  collect_hits (ctx, ps, pe);

  if (has_automatic (ctx->hits) && !settles (ctx, ps, pe))
    for (guint i = 0; i < ctx->hits->len; i++)
      g_array_index (ctx->hits, Hit, i).automatic = FALSE;

  emit_findings (ctx);
}

static gboolean
line_is_blank (const char *s,
               gsize       start,
               gsize       end)
{
  for (gsize p = start; p < end; p++)
    if (s[p] != ' ' && s[p] != '\t' && s[p] != '\r')
      return FALSE;
  return TRUE;
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  EpureTypographyChecker *self = EPURE_TYPOGRAPHY_CHECKER (checker);
  g_autoptr(EpureQuoteScanner) scanner = epure_quote_scanner_new ();
  g_autoptr(GArray) skip = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) foreign = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  Context ctx = { 0 };
  gsize len, p = 0, para_start = 0;
  gboolean in_para = FALSE;
  guint n_paragraphs = 0;

  ctx.text = text;
  ctx.s = epure_text_get_string (text, &len);
  ctx.spaces = &profiles[epure_typography_checker_get_spaces_profile (self)];
  ctx.scanner = scanner;
  ctx.skip = skip;
  ctx.hits = hits;
  ctx.foreign = foreign;
  ctx.findings = findings;
  ctx.verbatim = epure_text_get_verbatim_spans (text, &ctx.n_verbatim);

  /* Paragraphs are separated by blank lines. */
  while (p < len)
    {
      const char *nl = memchr (ctx.s + p, '\n', len - p);
      gsize eol = nl != NULL ? (gsize) (nl - ctx.s) : len;
      gsize next = nl != NULL ? eol + 1 : len;

      if (line_is_blank (ctx.s, p, eol))
        {
          if (in_para)
            {
              check_paragraph (&ctx, para_start, p);
              in_para = FALSE;
              if ((++n_paragraphs & 0xff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
                return NULL;
            }
        }
      else if (!in_para)
        {
          in_para = TRUE;
          para_start = p;
        }
      p = next;
    }
  if (in_para)
    check_paragraph (&ctx, para_start, len);

  return g_steal_pointer (&findings);
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->get_display_name = get_display_name;
  iface->get_scope = get_scope;
  iface->check = check;
}
