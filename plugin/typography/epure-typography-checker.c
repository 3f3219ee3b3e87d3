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

#include "epure-byte-scan.h"
#include "epure-text-private.h"
#include "epure-quote-scanner.h"
#include "epure-typography-checker.h"
#include "epure-typography-chars.h"

#define CHECKER_ID "typography"

/* A short quotation (a word or phrase) takes the comma or period after
 * its closing guillemet; a longer one may be a whole sentence. */
#define MAX_PHRASE_WORDS 6
/* Enough words to tell the language of a paragraph (its first ones). */
#define MAX_LANGUAGE_WORDS 64

G_DEFINE_ENUM_TYPE (EpureSpacesProfile, epure_spaces_profile,
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_FRANCE, "france"),
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_NARROW, "narrow"),
                    G_DEFINE_ENUM_VALUE (EPURE_SPACES_PROFILE_REGULAR, "regular"))

struct _EpureTypographyChecker
{
  GObject parent_instance;

  int profile;   /* EpureSpacesProfile, read atomically by check threads */
  /* Names that own their punctuation ("Yahoo!"), from the dictionaries;
   * read-only once the checker is made, so threads may share it. */
  GPtrArray *exceptions;
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

/* The spaces a profile puts before ; ! ?, before :, inside « », and
 * between groups of digits (12 000). */
typedef struct
{
  const char *before_semicolon;
  const char *before_colon;
  const char *inside_guillemets;
  const char *digit_groups;
} Spaces;

static const Spaces profiles[] = {
  [EPURE_SPACES_PROFILE_FRANCE] = { EPURE_NNBSP, EPURE_NBSP, EPURE_NBSP, EPURE_NNBSP },
  [EPURE_SPACES_PROFILE_NARROW] = { EPURE_NNBSP, EPURE_NBSP, EPURE_NNBSP, EPURE_NNBSP },
  [EPURE_SPACES_PROFILE_REGULAR] = { EPURE_NBSP, EPURE_NBSP, EPURE_NBSP, EPURE_NBSP },
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
  guint8 len;              /* of replacement */
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
  GPtrArray *findings;   /* made for check(), or NULL */
  GPtrArray *edits;      /* made for fix(), or NULL: automatic fixes only */
  GArray *unsettled;     /* gsize pairs: paragraphs whose edits may not be a fixpoint, or NULL */
  GPtrArray *exceptions;
  /* Translated messages, looked up once per check rather than per finding. */
  const char *messages[32];
  const char *translations[32];
  guint n_messages;
  /* Whether the paragraph's fixes might not settle in one pass (quotes
   * next to quotes or to other fixes, orphans, nesting): then they are
   * simulated before being made automatic. */
  gboolean risky;
  /* The paragraph is a fixed copy of one found French: fixes change no
   * letter and join no words, so its words, and that verdict, are the same. */
  gboolean known_french;
  /* Scratch for settles(), kept across paragraphs. */
  GArray *settle_hits;
  GArray *settle_skip;
  GArray *settle_foreign;
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
epure_typography_checker_finalize (GObject *object)
{
  EpureTypographyChecker *self = EPURE_TYPOGRAPHY_CHECKER (object);

  g_clear_pointer (&self->exceptions, g_ptr_array_unref);

  G_OBJECT_CLASS (epure_typography_checker_parent_class)->finalize (object);
}

static void
epure_typography_checker_class_init (EpureTypographyCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epure_typography_checker_finalize;
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

/* A missing or unreadable list only means no exceptions. */
static GPtrArray *
load_exceptions (void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = epure_find_dictionary_file ("typography-exceptions-fr.txt");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL) ||
      !g_utf8_validate (contents, -1, NULL))
    return names;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *name = g_strstrip (lines[i]);
      gsize len = strlen (name);

      if (len < 2 || name[0] == '#' || strchr ("!?:;", name[len - 1]) == NULL)
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static void
epure_typography_checker_init (EpureTypographyChecker *self)
{
  self->profile = EPURE_SPACES_PROFILE_FRANCE;
  self->exceptions = load_exceptions ();
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
  gsize have = hit->len;

  len = MIN (len, sizeof hit->replacement - 1 - have);
  memcpy (hit->replacement + have, str, len);
  hit->replacement[have + len] = '\0';
  hit->len = have + len;
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
  gsize len = hit->len;
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
  static const guchar triggers[] = "(=";
  const char *s = ctx->s;

  for (gsize p = ps; p < pe; p++)
    {
      p = epure_skip_to_any ((const guchar *) s, p, pe, triggers, 2);
      if (p >= pe)
        break;
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

static void sort_skip (Context *ctx);

/* Lines of configuration or program text: Timeout "10"; or a brace. */
static void
find_code_lines (Context *ctx,
                 gsize    ps,
                 gsize    pe)
{
  const char *s = ctx->s;
  gsize line = ps;

  while (line < pe)
    {
      const char *nl = memchr (s + line, '\n', pe - line);
      gsize eol = nl != NULL ? (gsize) (nl - s) : pe;
      gsize e = eol;

      while (e > line && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
        e--;
      if (e > line + 1 &&
          ((s[e - 1] == ';' && (s[e - 2] == '"' || s[e - 2] == '\'' || s[e - 2] == ')')) ||
           s[e - 1] == '{' || s[e - 1] == '}'))
        add_skip (ctx->skip, line, eol);
      line = eol + 1;
    }
}

static void
build_skip (Context *ctx,
            gsize    ps,
            gsize    pe)
{
  g_array_set_size (ctx->skip, 0);

  while (ctx->verbatim_index < ctx->n_verbatim && ctx->verbatim[ctx->verbatim_index].end <= ps)
    ctx->verbatim_index++;
  for (guint i = ctx->verbatim_index; i < ctx->n_verbatim && ctx->verbatim[i].start < pe; i++)
    add_skip (ctx->skip, ctx->verbatim[i].start, ctx->verbatim[i].end);

  if (memchr (ctx->s + ps, '(', pe - ps) != NULL || memchr (ctx->s + ps, '=', pe - ps) != NULL)
    find_code_ranges (ctx, ps, pe);
  find_code_lines (ctx, ps, pe);
  sort_skip (ctx);
}

/* Sorts and merges the skip ranges, as the scanners expect them. */
static void
sort_skip (Context *ctx)
{
  gsize *r;
  guint n, out = 0;

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

/* Words frequent in one language and absent from the other's prose
 * ("on", "or", "but", "as" are French words too):
 *   English: the and of to is are was were that this with for it you he she
 *     they we i not have has be at from by what which would will can do does
 *     did don there their his her said been into about who when my your our
 *     its isn doesn didn won wouldn shouldn should could these those them him
 *     how why where all any some just know think want get got
 *   French: le la les de des du un une et est que qui dans pour pas sur au aux
 *     il elle ils elles ne se ce en par plus son sa ses avec mais ont sont nous
 *     vous cette leur on l d qu n c j y lui ou si tout fait comme aussi
 */
typedef enum { WORD_OTHER, WORD_ENGLISH, WORD_FRENCH } WordClass;

/* The stop words above, packed little-endian into a guint64 (at most 8
 * ASCII letters) in an open-addressing table, hashed by a multiplication:
 * one lookup per word.  Generated from the lists by a throwaway script;
 * /typography/stop-words checks that the table and the lists agree. */
#define WORD_HASH_BITS 10

static const struct { guint64 packed; guint8 klass; } word_table[1 << WORD_HASH_BITS] = {
  [20] = { G_GUINT64_CONSTANT (0x7269656874), WORD_ENGLISH },  /* their */
  [28] = { G_GUINT64_CONSTANT (0x69756c), WORD_FRENCH },  /* lui */
  [31] = { G_GUINT64_CONSTANT (0x7469), WORD_ENGLISH },  /* it */
  [39] = { G_GUINT64_CONSTANT (0x74696166), WORD_FRENCH },  /* fait */
  [65] = { G_GUINT64_CONSTANT (0x6b6e696874), WORD_ENGLISH },  /* think */
  [73] = { G_GUINT64_CONSTANT (0x72756f79), WORD_ENGLISH },  /* your */
  [74] = { G_GUINT64_CONSTANT (0x6563), WORD_FRENCH },  /* ce */
  [79] = { G_GUINT64_CONSTANT (0x6572656874), WORD_ENGLISH },  /* there */
  [88] = { G_GUINT64_CONSTANT (0x7461), WORD_ENGLISH },  /* at */
  [96] = { G_GUINT64_CONSTANT (0x6173), WORD_FRENCH },  /* sa */
  [108] = { G_GUINT64_CONSTANT (0x646964), WORD_ENGLISH },  /* did */
  [120] = { G_GUINT64_CONSTANT (0x6e7369), WORD_ENGLISH },  /* isn */
  [121] = { G_GUINT64_CONSTANT (0x697571), WORD_FRENCH },  /* qui */
  [143] = { G_GUINT64_CONSTANT (0x656d6f73), WORD_ENGLISH },  /* some */
  [150] = { G_GUINT64_CONSTANT (0x6e75), WORD_FRENCH },  /* un */
  [161] = { G_GUINT64_CONSTANT (0x7564), WORD_FRENCH },  /* du */
  [164] = { G_GUINT64_CONSTANT (0x6e6f64), WORD_ENGLISH },  /* don */
  [165] = { G_GUINT64_CONSTANT (0x72756f), WORD_ENGLISH },  /* our */
  [166] = { G_GUINT64_CONSTANT (0x6568), WORD_ENGLISH },  /* he */
  [175] = { G_GUINT64_CONSTANT (0x656e75), WORD_FRENCH },  /* une */
  [188] = { G_GUINT64_CONSTANT (0x6e656562), WORD_ENGLISH },  /* been */
  [189] = { G_GUINT64_CONSTANT (0x63), WORD_FRENCH },  /* c */
  [196] = { G_GUINT64_CONSTANT (0x7571), WORD_FRENCH },  /* qu */
  [198] = { G_GUINT64_CONSTANT (0x746f6e), WORD_ENGLISH },  /* not */
  [215] = { G_GUINT64_CONSTANT (0x73656f64), WORD_ENGLISH },  /* does */
  [216] = { G_GUINT64_CONSTANT (0x646c756f77), WORD_ENGLISH },  /* would */
  [221] = { G_GUINT64_CONSTANT (0x6e646c756f77), WORD_ENGLISH },  /* wouldn */
  [222] = { G_GUINT64_CONSTANT (0x657571), WORD_FRENCH },  /* que */
  [239] = { G_GUINT64_CONSTANT (0x6d656874), WORD_ENGLISH },  /* them */
  [252] = { G_GUINT64_CONSTANT (0x736177), WORD_ENGLISH },  /* was */
  [259] = { G_GUINT64_CONSTANT (0x656874), WORD_ENGLISH },  /* the */
  [264] = { G_GUINT64_CONSTANT (0x74616877), WORD_ENGLISH },  /* what */
  [265] = { G_GUINT64_CONSTANT (0x6e65), WORD_FRENCH },  /* en */
  [275] = { G_GUINT64_CONSTANT (0x656d6d6f63), WORD_FRENCH },  /* comme */
  [286] = { G_GUINT64_CONSTANT (0x63657661), WORD_FRENCH },  /* avec */
  [287] = { G_GUINT64_CONSTANT (0x6e646c756f6873), WORD_ENGLISH },  /* shouldn */
  [304] = { G_GUINT64_CONSTANT (0x6c69), WORD_FRENCH },  /* il */
  [305] = { G_GUINT64_CONSTANT (0x726f66), WORD_ENGLISH },  /* for */
  [310] = { G_GUINT64_CONSTANT (0x7561), WORD_FRENCH },  /* au */
  [323] = { G_GUINT64_CONSTANT (0x73656c), WORD_FRENCH },  /* les */
  [325] = { G_GUINT64_CONSTANT (0x6f746e69), WORD_ENGLISH },  /* into */
  [327] = { G_GUINT64_CONSTANT (0x796e61), WORD_ENGLISH },  /* any */
  [343] = { G_GUINT64_CONSTANT (0x646e61), WORD_ENGLISH },  /* and */
  [370] = { G_GUINT64_CONSTANT (0x787561), WORD_FRENCH },  /* aux */
  [371] = { G_GUINT64_CONSTANT (0x656c6c65), WORD_FRENCH },  /* elle */
  [376] = { G_GUINT64_CONSTANT (0x726568), WORD_ENGLISH },  /* her */
  [380] = { G_GUINT64_CONSTANT (0x736564), WORD_FRENCH },  /* des */
  [414] = { G_GUINT64_CONSTANT (0x74616874), WORD_ENGLISH },  /* that */
  [431] = { G_GUINT64_CONSTANT (0x74756f6261), WORD_ENGLISH },  /* about */
  [441] = { G_GUINT64_CONSTANT (0x6e6f73), WORD_FRENCH },  /* son */
  [442] = { G_GUINT64_CONSTANT (0x74756f74), WORD_FRENCH },  /* tout */
  [443] = { G_GUINT64_CONSTANT (0x6577), WORD_ENGLISH },  /* we */
  [449] = { G_GUINT64_CONSTANT (0x6e6f), WORD_FRENCH },  /* on */
  [455] = { G_GUINT64_CONSTANT (0x726170), WORD_FRENCH },  /* par */
  [465] = { G_GUINT64_CONSTANT (0x6562), WORD_ENGLISH },  /* be */
  [466] = { G_GUINT64_CONSTANT (0x736e6164), WORD_FRENCH },  /* dans */
  [467] = { G_GUINT64_CONSTANT (0x6863696877), WORD_ENGLISH },  /* which */
  [479] = { G_GUINT64_CONSTANT (0x756f79), WORD_ENGLISH },  /* you */
  [491] = { G_GUINT64_CONSTANT (0x64696173), WORD_ENGLISH },  /* said */
  [495] = { G_GUINT64_CONSTANT (0x73696874), WORD_ENGLISH },  /* this */
  [496] = { G_GUINT64_CONSTANT (0x746e6f73), WORD_FRENCH },  /* sont */
  [510] = { G_GUINT64_CONSTANT (0x747365), WORD_FRENCH },  /* est */
  [514] = { G_GUINT64_CONSTANT (0x6574746563), WORD_FRENCH },  /* cette */
  [515] = { G_GUINT64_CONSTANT (0x6d6f7266), WORD_ENGLISH },  /* from */
  [521] = { G_GUINT64_CONSTANT (0x6e6163), WORD_ENGLISH },  /* can */
  [522] = { G_GUINT64_CONSTANT (0x72756f70), WORD_FRENCH },  /* pour */
  [523] = { G_GUINT64_CONSTANT (0x6a), WORD_FRENCH },  /* j */
  [534] = { G_GUINT64_CONSTANT (0x6973737561), WORD_FRENCH },  /* aussi */
  [556] = { G_GUINT64_CONSTANT (0x73656c6c65), WORD_FRENCH },  /* elles */
  [570] = { G_GUINT64_CONSTANT (0x65736f6874), WORD_ENGLISH },  /* those */
  [572] = { G_GUINT64_CONSTANT (0x7465), WORD_FRENCH },  /* et */
  [598] = { G_GUINT64_CONSTANT (0x73756c70), WORD_FRENCH },  /* plus */
  [600] = { G_GUINT64_CONSTANT (0x796d), WORD_ENGLISH },  /* my */
  [601] = { G_GUINT64_CONSTANT (0x65766168), WORD_ENGLISH },  /* have */
  [609] = { G_GUINT64_CONSTANT (0x746e6f), WORD_FRENCH },  /* ont */
  [614] = { G_GUINT64_CONSTANT (0x7473756a), WORD_ENGLISH },  /* just */
  [631] = { G_GUINT64_CONSTANT (0x796877), WORD_ENGLISH },  /* why */
  [648] = { G_GUINT64_CONSTANT (0x727573), WORD_FRENCH },  /* sur */
  [649] = { G_GUINT64_CONSTANT (0x656c), WORD_FRENCH },  /* le */
  [650] = { G_GUINT64_CONSTANT (0x656873), WORD_ENGLISH },  /* she */
  [656] = { G_GUINT64_CONSTANT (0x7369616d), WORD_FRENCH },  /* mais */
  [657] = { G_GUINT64_CONSTANT (0x736573), WORD_FRENCH },  /* ses */
  [693] = { G_GUINT64_CONSTANT (0x657261), WORD_ENGLISH },  /* are */
  [706] = { G_GUINT64_CONSTANT (0x6564), WORD_FRENCH },  /* de */
  [717] = { G_GUINT64_CONSTANT (0x746567), WORD_ENGLISH },  /* get */
  [722] = { G_GUINT64_CONSTANT (0x666f), WORD_ENGLISH },  /* of */
  [723] = { G_GUINT64_CONSTANT (0x6c6c61), WORD_ENGLISH },  /* all */
  [727] = { G_GUINT64_CONSTANT (0x736968), WORD_ENGLISH },  /* his */
  [728] = { G_GUINT64_CONSTANT (0x737469), WORD_ENGLISH },  /* its */
  [763] = { G_GUINT64_CONSTANT (0x6f74), WORD_ENGLISH },  /* to */
  [765] = { G_GUINT64_CONSTANT (0x6c), WORD_FRENCH },  /* l */
  [786] = { G_GUINT64_CONSTANT (0x616c), WORD_FRENCH },  /* la */
  [800] = { G_GUINT64_CONSTANT (0x79), WORD_FRENCH },  /* y */
  [807] = { G_GUINT64_CONSTANT (0x7962), WORD_ENGLISH },  /* by */
  [821] = { G_GUINT64_CONSTANT (0x6573656874), WORD_ENGLISH },  /* these */
  [822] = { G_GUINT64_CONSTANT (0x64), WORD_FRENCH },  /* d */
  [831] = { G_GUINT64_CONSTANT (0x6e646964), WORD_ENGLISH },  /* didn */
  [832] = { G_GUINT64_CONSTANT (0x6e656877), WORD_ENGLISH },  /* when */
  [833] = { G_GUINT64_CONSTANT (0x7369), WORD_ENGLISH },  /* is */
  [834] = { G_GUINT64_CONSTANT (0x68746977), WORD_ENGLISH },  /* with */
  [842] = { G_GUINT64_CONSTANT (0x65726577), WORD_ENGLISH },  /* were */
  [847] = { G_GUINT64_CONSTANT (0x6973), WORD_FRENCH },  /* si */
  [871] = { G_GUINT64_CONSTANT (0x646c756f63), WORD_ENGLISH },  /* could */
  [877] = { G_GUINT64_CONSTANT (0x6f64), WORD_ENGLISH },  /* do */
  [878] = { G_GUINT64_CONSTANT (0x6d6968), WORD_ENGLISH },  /* him */
  [882] = { G_GUINT64_CONSTANT (0x6f6877), WORD_ENGLISH },  /* who */
  [888] = { G_GUINT64_CONSTANT (0x746f67), WORD_ENGLISH },  /* got */
  [891] = { G_GUINT64_CONSTANT (0x656e), WORD_FRENCH },  /* ne */
  [892] = { G_GUINT64_CONSTANT (0x7275656c), WORD_FRENCH },  /* leur */
  [915] = { G_GUINT64_CONSTANT (0x69), WORD_ENGLISH },  /* i */
  [925] = { G_GUINT64_CONSTANT (0x6e6f77), WORD_ENGLISH },  /* won */
  [927] = { G_GUINT64_CONSTANT (0x6e73656f64), WORD_ENGLISH },  /* doesn */
  [930] = { G_GUINT64_CONSTANT (0x6c6c6977), WORD_ENGLISH },  /* will */
  [934] = { G_GUINT64_CONSTANT (0x776f68), WORD_ENGLISH },  /* how */
  [942] = { G_GUINT64_CONSTANT (0x736170), WORD_FRENCH },  /* pas */
  [945] = { G_GUINT64_CONSTANT (0x746e6177), WORD_ENGLISH },  /* want */
  [951] = { G_GUINT64_CONSTANT (0x79656874), WORD_ENGLISH },  /* they */
  [953] = { G_GUINT64_CONSTANT (0x6572656877), WORD_ENGLISH },  /* where */
  [965] = { G_GUINT64_CONSTANT (0x73756f76), WORD_FRENCH },  /* vous */
  [978] = { G_GUINT64_CONSTANT (0x756f), WORD_FRENCH },  /* ou */
  [983] = { G_GUINT64_CONSTANT (0x6573), WORD_FRENCH },  /* se */
  [987] = { G_GUINT64_CONSTANT (0x646c756f6873), WORD_ENGLISH },  /* should */
  [996] = { G_GUINT64_CONSTANT (0x776f6e6b), WORD_ENGLISH },  /* know */
  [999] = { G_GUINT64_CONSTANT (0x736168), WORD_ENGLISH },  /* has */
  [1001] = { G_GUINT64_CONSTANT (0x736c69), WORD_FRENCH },  /* ils */
  [1007] = { G_GUINT64_CONSTANT (0x6e), WORD_FRENCH },  /* n */
  [1022] = { G_GUINT64_CONSTANT (0x73756f6e), WORD_FRENCH },  /* nous */
};

static WordClass
classify_word (guint64 packed)
{
  guint h = (guint) ((packed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - WORD_HASH_BITS));

  while (word_table[h].packed != 0)
    {
      if (word_table[h].packed == packed)
        return word_table[h].klass;
      h = (h + 1) & ((1 << WORD_HASH_BITS) - 1);
    }
  return WORD_OTHER;
}

typedef struct
{
  guint english;
  guint french;
  guint other;   /* words in another script */
} WordCounts;

/* ASCII bytes other than letters, and UTF-8 continuation bytes. */
static const guint8 cannot_start_word[256] = {
  [0x00 ... 0x40] = 1, [0x5B ... 0x60] = 1, [0x7B ... 0xBF] = 1,
};

/* ASCII letters among 16 bytes: (c | 0x20) in 'a'..'z'. */
static inline EpureMask16
ascii_letters16 (EpureBytes16 v)
{
  EpureBytes16 zero = { 0 };

  return (EpureMask16) ((EpureBytes16) ((v | (zero + 0x20)) - (zero + 'a')) < zero + 26);
}

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
      guint64 packed = 0;
      gsize len = 0, q;
      gboolean latin_accent = FALSE, other_script = FALSE, ascii = TRUE;

      /* Spaces, punctuation and the middle of characters start no word. */
      while (p < end && cannot_start_word[(guchar) s[p]])
        p++;
      if (p >= end)
        break;
      q = p;

      /* The word's ASCII letters at once; the loop below goes on past
       * them for a longer word or one with other letters. */
      if (p + 16 <= end)
        {
          EpureMask16 m = ~ascii_letters16 (epure_bytes16_load ((const guchar *) s + p));

          q = p + (epure_mask16_any (m) ? epure_mask16_first (m) : 16);
        }

      while (q < end)
        {
          guchar c = s[q];
          if (c < 0x80)
            {
              if (!g_ascii_isalpha (c))
                break;
              q++;
            }
          else if (c == 0xC3 && q + 1 < end && ((guchar) s[q + 1] & 0xC0) == 0x80 &&
                   (guchar) s[q + 1] != 0x97 && (guchar) s[q + 1] != 0xB7)
            {
              /* U+00C0..U+00FF but × and ÷: the accented letters of French. */
              latin_accent = TRUE;
              ascii = FALSE;
              q += 2;
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
              q = g_utf8_next_char (s + q) - s;
            }
        }
      len = q - p;

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
      else if (ascii && len <= 8)
        {
          WordClass klass;

          /* The letters packed little-endian, in lower case: one load. */
          guint64 mask = G_GUINT64_CONSTANT (0xFFFFFFFFFFFFFFFF) >> (8 * (8 - len));

          if (p + 8 <= end)
            memcpy (&packed, s + p, 8);
          else
            memcpy (&packed, s + p, len);
          packed = (GUINT64_FROM_LE (packed) | G_GUINT64_CONSTANT (0x2020202020202020)) & mask;
          klass = classify_word (packed);
          counts->english += klass == WORD_ENGLISH;
          counts->french += klass == WORD_FRENCH;
        }
      p = q;

      /* Stop once the words left cannot make the text look foreign. */
      {
        guint left = MAX_LANGUAGE_WORDS - words;
        if (counts->english + left <= 2 * counts->french && counts->other + left <= counts->french + counts->english)
          break;
      }
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
  return (c != 0 && c < 0x80 && strchr (".,;:!?", (int) c) != NULL) || c == 0x2026;
}

static gboolean
has_word_char (const char *s,
               gsize       start,
               gsize       end)
{
  for (gsize p = start; p < end; )
    {
      gunichar c = epure_typo_char_at (s, p, end);
      if (epure_typo_is_word_char (c))
        return TRUE;
      p += c < 0x80 ? 1 : (gsize) g_utf8_skip[(guchar) s[p]];
    }
  return FALSE;
}

static gboolean
is_code_quotation (const char *s,
                   gsize       start,
                   gsize       end)
{
  if (start < end && s[start] == '-')
    return TRUE;   /* "--verbose" */
  for (gsize p = start; p < end; p++)
    switch (s[p])
      {
      case '$': case '\\': case '{': case '}': case '=': case '|': case '<': case '>':
        return TRUE;
      case '%':
        if (p + 1 < end && g_ascii_isalpha (s[p + 1]))
          return TRUE;   /* a printf format */
        break;
      case ';':
        if (p > start && s[p - 1] != ' ' && (guchar) s[p - 1] != 0xAF && (guchar) s[p - 1] != 0xA0)
          return TRUE;
        break;
      default:
        break;
      }
  return FALSE;
}

static void
quote_hits (Context *ctx,
            gsize    ps,
            gsize    pe)
{
  const char *s = ctx->s;
  const char *inside = ctx->spaces->inside_guillemets;
  const EpureQuoteToken *tokens;
  guint n;

  epure_quote_scanner_scan (ctx->scanner, s, ps, pe,
                            (const gsize *) (gpointer) ctx->skip->data, ctx->skip->len / 2);
  tokens = epure_quote_scanner_get_tokens (ctx->scanner, &n);

  /* "$HOME", "%d\n", "a=b;": quoted code is left alone, quotes included,
   * and the paragraph's quotes are paired again without it. */
  {
    guint before = ctx->skip->len;

    for (guint i = 0; i < n; i++)
      if (tokens[i].partner > (int) i && is_code_quotation (s, tokens[i].end, tokens[tokens[i].partner].start))
        add_skip (ctx->skip, tokens[i].start, tokens[tokens[i].partner].end);
    if (ctx->skip->len != before)
      {
        sort_skip (ctx);
        epure_quote_scanner_scan (ctx->scanner, s, ps, pe,
                                  (const gsize *) (gpointer) ctx->skip->data, ctx->skip->len / 2);
        tokens = epure_quote_scanner_get_tokens (ctx->scanner, &n);
      }
  }

  g_array_set_size (ctx->foreign, 0);
  for (guint i = 0; i < n; i++)
    {
      const EpureQuoteToken *t = &tokens[i];

      if (t->problem != EPURE_QUOTE_OK || t->level > 1 || t->wrong_side ||
          t->glyph == EPURE_QUOTE_ASCII_OPEN || t->glyph == EPURE_QUOTE_ASCII_CLOSE ||
          (i + 1 < n && !has_word_char (s, t->end, tokens[i + 1].start)))
        ctx->risky = TRUE;

      if (t->partner > (int) i && t->level == 1 && !epure_quote_glyph_is_guillemet (t->glyph) &&
          quotation_is_english (ctx, t->end, tokens[t->partner].start))
        {
          add_skip (ctx->foreign, t->start, tokens[t->partner].end);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const EpureQuoteToken *t = &tokens[i];
      gboolean automatic = ctx->foreign->len == 0 || !in_foreign_quotation (ctx, t->start);
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

      /* « : » or « - »: a quoted sign is left as it is. */
      if (t->partner >= 0 && t->level <= 1 &&
          !has_word_char (s, MIN (t->end, tokens[t->partner].end), MAX (t->start, tokens[t->partner].start)))
        continue;

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
  return epure_typo_is_word_char (c) || c == ')' || c == '"' || c == '\'' || c == '%' ||
         c == 0xBB || c == 0x201D || c == 0x2019 || c == 0x2026 || c == 0xB0 || c == 0x20AC || c == '$';
}

/* Is @p inside a range that is left alone (code, a URL…)? */
static gboolean
in_skip (Context *ctx,
         gsize    p)
{
  const gsize *r = (const gsize *) (gpointer) ctx->skip->data;
  guint lo = 0, hi = ctx->skip->len / 2;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (r[2 * mid + 1] <= p)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < ctx->skip->len / 2 && r[2 * lo] <= p;
}

/* Does skipped code ("$HOME", f(x)) end just before @p?  A URL or an
 * address ends with a letter and may end a sentence. */
static gboolean
ends_code (Context *ctx,
           gsize    ps,
           gsize    p)
{
  char c = p > ps ? ctx->s[p - 1] : 0;
  guint lo;

  if (!((c == '"' || c == '\'' || c == ')') && in_skip (ctx, p - 1)))
    return FALSE;

  /* A Markdown link's "(url "titre")" is not code: text goes on after it. */
  lo = epure_verbatim_spans_find (ctx->verbatim, ctx->n_verbatim, p - 1);
  return lo >= ctx->n_verbatim || ctx->verbatim[lo].start > p - 1 ||
         ctx->verbatim[lo].kind != EPURE_VERBATIM_URL || c != ')';
}

/* Does the mark at @p end a name of the exceptions list (Yahoo!)? */
static gboolean
is_owned_by_name (Context *ctx,
                  gsize    ps,
                  gsize    p)
{
  for (guint i = 0; i < ctx->exceptions->len; i++)
    {
      const char *name = g_ptr_array_index (ctx->exceptions, i);
      gsize len = strlen (name);

      if (name[len - 1] != ctx->s[p] || p + 1 < ps + len)
        continue;
      if (memcmp (ctx->s + p + 1 - len, name, len) != 0)
        continue;
      if (!epure_typo_is_word_char (epure_typo_char_before (ctx->s, ps, p + 1 - len, NULL)))
        return TRUE;
    }
  return FALSE;
}

/* Quoi?Vraiment: two words of prose glued by ? or !, the first one after
 * a space (not an option such as -dalv?V), the second one of two letters
 * or more. */
static gboolean
is_sentence_junction (const char *s,
                      gsize       ps,
                      gsize       pe,
                      gsize       p,
                      gsize       q)
{
  gsize a = p, start;
  guint before = 0, after = 0;
  gunichar c;

  while ((c = epure_typo_char_before (s, ps, a, &start)) != 0 && epure_typo_is_letter (c))
    {
      a = start;
      before++;
    }
  if (before < 2 || !(c == 0 || epure_typo_is_space (c) || c == '"' || c == 0xAB || c == 0x201C))
    return FALSE;
  while (q < pe && epure_typo_is_letter (c = epure_typo_char_at (s, q, pe)))
    {
      q += c < 0x80 ? 1 : (gsize) g_utf8_skip[(guchar) s[q]];
      after++;
    }
  return after >= 2;
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
  if (q - p > 8)
    return q;   /* "!!!!!!!!!": not a sentence mark any more; and it must fit a Hit */

  next = epure_typo_char_at (s, q, pe);
  b = epure_typo_skip_spaces_back (s, ps, p);
  prev = epure_typo_char_before (s, ps, b, NULL);

  /* Nothing before it on the line, or after other punctuation ("...?",
   * "&& ;", ";;"): only marks that end a word take a space. */
  if (prev == 0 || prev == '\n' || prev == '\r')
    return q;
  if (b == p && is_owned_by_name (ctx, ps, p))
    return q;   /* Yahoo! */

  /* "verrou ...;" will end with an ellipsis, which ends a word. */
  if (!closes_word (prev) && !(prev == '.' && b >= ps + 3 && s[b - 2] == '.' && s[b - 3] == '.'))
    return q;
  if (ends_code (ctx, ps, b))
    return q;   /* "$HOME"; ends code, not a sentence */
  if (prev == '?' || prev == '!')
    return q;   /* "? !": a run of marks keeps the spacing it has */

  switch (c)
    {
    case ':':
    case ';':
      /* 12:30, std::, a:b, http:, :32, ;; and &amp; are not French
       * punctuation, which is followed by a space or ends the text. */
      if (is_smiley_after (s, q, pe))
        return q;
      if (!(next == 0 || epure_typo_is_space (next) || next == '"' || next == 0xAB || next == 0xBB ||
            next == 0x201C || next == 0x201D))
        return q;
      if (c == ';' && after_html_entity (s, ps, p))
        return q;
      break;
    case '!':
      if (next == '=')
        return q;
      G_GNUC_FALLTHROUGH;
    case '?':
      if (b == p && epure_typo_is_word_char (next) &&
          !(g_unichar_isupper (next) && is_sentence_junction (s, ps, pe, p, q)))
        return q;   /* "Yahoo!mail", "?id", "-dalv?V": leave words alone */
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

  if (b == p || !closes_word (prev) || ends_code (ctx, ps, b))
    return;
  /* " ,5" is a number, " .net" a name; only sentence punctuation counts. */
  if (s[p] == ',' && g_unichar_isdigit (next))
    return;
  if (s[p] == '.')
    {
      /* "Fin . Suite" or "Fin ." yes; "exécuté par . ou" (a command) no. */
      gsize after = epure_typo_skip_spaces (s, p + 1, pe);
      gunichar word = epure_typo_char_at (s, after, pe);

      if (!(next == 0 || epure_typo_is_space (next) || next == 0xBB || next == 0x201D || next == ')' ||
            next == '"'))
        return;
      if (after > p + 1 && !(word == 0 || word == '\n' || word == '\r' || g_unichar_isupper (word) ||
                             word == 0xAB || word == 0x201C))
        return;
    }

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

/* 12 000, 1 000 000: is the space of @len bytes at @p between groups of
 * digits, one to three and then three?  Not after a letter or a mark that
 * makes the digits something else (A4, 3,5, 12:30, 1/2, ?page=2), nor
 * between numbers of other shapes (1914 1918, 06 12 34). */
static gboolean
separates_digit_groups (const char *s,
                        gsize       ps,
                        gsize       pe,
                        gsize       p,
                        gsize       len)
{
  gsize a = p, b = p + len, n = 0, space;

  while (n < 4 && b + n < pe && g_ascii_isdigit (s[b + n]))
    n++;
  if (n != 3)
    return FALSE;
  for (n = 0; a > ps && g_ascii_isdigit (s[a - 1]); n++)
    a--;
  if (n == 0 || n > 3)
    return FALSE;
  if (a == ps)
    return TRUE;
  /* Inside a number: the group before is three digits after a separator. */
  space = epure_typo_space_before (s, ps, a);
  if (space > 0 && s[a - 1] != '\t' && a - space > ps && g_ascii_isdigit (s[a - space - 1]))
    return n == 3;
  return !g_ascii_isalnum (s[a - 1]) && strchr (".,:/-_=?&#%", s[a - 1]) == NULL;
}

/* A space between groups of digits that is not the profile's. */
static void
digit_group_space (Context *ctx,
                   gsize    ps,
                   gsize    pe,
                   gsize    p,
                   gsize    len,
                   gboolean automatic)
{
  const char *want = ctx->spaces->digit_groups;
  Hit *hit;

  if ((len == strlen (want) && memcmp (ctx->s + p, want, len) == 0) ||
      !separates_digit_groups (ctx->s, ps, pe, p, len))
    return;
  hit = add_hit (ctx, p, p + len, "typography.digit-groups",
                 N_("A no-break space goes between groups of digits"), PRIORITY_SPACE, automatic);
  hit->severity = EPURE_SEVERITY_INFO;
  hit_append_str (hit, want);
}

/* Only spaces between the start of the line and @p (an option list). */
static gboolean
at_line_indent (const char *s,
                gsize       ps,
                gsize       p)
{
  while (p > ps && (s[p - 1] == ' ' || s[p - 1] == '\t'))
    p--;
  return p == ps || s[p - 1] == '\n' || s[p - 1] == '\r';
}

/* The first bytes the rules below look at (0xC2 and 0xE2 start ´ ‘ – —). */
static const guint8 interesting[256] = {
  ['\''] = 1, ['.'] = 1, [','] = 1, [';'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1, [' '] = 1, ['-'] = 1,
  [0xC2] = 1, [0xE2] = 1,
};

/* The same bytes 16 at a time, looking at whole sequences: but the space,
 * which only counts when doubled or after a digit, and but the characters
 * after 0xC2 and 0xE2 that no rule reads (no-break spaces, ’, …, all over
 * French text) unless a digit is before.  , - . and : ; are two runs of
 * bytes.  @u - 1 is read. */
static inline EpureMask16
interesting16 (const guchar *u)
{
  EpureBytes16 zero = { 0 };
  EpureBytes16 v = epure_bytes16_load (u);
  EpureBytes16 next = epure_bytes16_load (u + 1);
  EpureBytes16 third = epure_bytes16_load (u + 2);

  return (EpureMask16) ((EpureBytes16) (v - (zero + ',')) < zero + 3) |
         (EpureMask16) ((EpureBytes16) (v - (zero + ':')) < zero + 2) |
         epure_bytes16_eq (v, '\'') | epure_bytes16_eq (v, '!') | epure_bytes16_eq (v, '?') |
         (epure_bytes16_eq (v, ' ') & epure_bytes16_eq (next, ' ')) |
         (epure_bytes16_eq (v, 0xC2) & epure_bytes16_eq (next, 0xB4)) |
         (epure_bytes16_eq (v, 0xE2) & epure_bytes16_eq (next, 0x80) &
          (epure_bytes16_eq (third, 0x93) | epure_bytes16_eq (third, 0x94) | epure_bytes16_eq (third, 0x98))) |
         /* A space of any kind after a digit: 12 000. */
         ((EpureMask16) ((EpureBytes16) (epure_bytes16_load (u - 1) - (zero + '0')) < zero + 10) &
          (epure_bytes16_eq (v, ' ') | epure_bytes16_eq (v, 0xC2) | epure_bytes16_eq (v, 0xE2)));
}

static void
other_hits (Context *ctx,
            gsize    ps,
            gsize    pe)
{
  const char *s = ctx->s;
  const guchar *u = (const guchar *) s;
  const gsize *skip = (const gsize *) (gpointer) ctx->skip->data;
  guint n_skip = ctx->skip->len / 2, k = 0;
  gsize p = ps;

  while (p < pe)
    {
      gboolean automatic;
      gsize past;
      Hit *hit;

      /* Most bytes are letters and single spaces: skip them fast, 16 at a
       * time while no block holds an interesting byte or two spaces. */
      while (p > 0 && p + 18 <= pe)
        {
          EpureMask16 m = interesting16 (u + p);

          if (epure_mask16_any (m))
            {
              p += epure_mask16_first (m);
              break;
            }
          p += 16;
        }
      while (p < pe && (interesting[u[p]] == 0 ||
                        (u[p] == ' ' && u[p + 1] != ' ' && !(p > ps && g_ascii_isdigit (u[p - 1])))))
        p++;
      if (p >= pe)
        break;

      past = epure_skip_ranges_past (skip, n_skip, &k, p);
      if (past != p)
        {
          p = past;
          continue;
        }

      automatic = ctx->foreign->len == 0 || !in_foreign_quotation (ctx, p);

      switch (u[p])
        {
        case '\'':
          {
            gunichar prev = epure_typo_char_before (s, ps, p, NULL);
            gunichar next = epure_typo_char_at (s, p + 1, pe);

            /* l'armée, aujourd'hui, l'« affaire »; not 5'10 nor 'quoted'. */
            if (epure_typo_is_letter (prev) &&
                (epure_typo_is_letter (next) || next == 0xAB || next == 0x201C ||
                 (next == '"' && epure_typo_is_letter (epure_typo_char_at (s, p + 2, pe)))))
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
                /* Between two numbers, columns of a table ("8  370 MiB"):
                 * made one space, they would read as one number. */
                gboolean columns = g_ascii_isdigit (s[p - 1]) && g_ascii_isdigit (s[q]);

                hit = add_hit (ctx, p, q, "typography.double-space", N_("Several spaces in a row"),
                               PRIORITY_SPACE, automatic && !columns);
                hit->severity = EPURE_SEVERITY_INFO;
                hit_append_str (hit, " ");
              }
            else if (q - p == 1)
              digit_group_space (ctx, ps, pe, p, 1, automatic);
            p = q;
            break;
          }

        case '-':
          /* " -- " is an em dash; --option, <!-- and --> are not. */
          if (p + 1 < pe && s[p + 1] == '-' && (p + 2 >= pe || s[p + 2] != '-') && p > ps && s[p - 1] == ' ' &&
              p + 2 < pe && s[p + 2] == ' ' && !at_line_indent (s, ps, p))
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
          else if (p + 1 < pe && u[p + 1] == 0xA0 && p > ps && g_ascii_isdigit (s[p - 1]))
            digit_group_space (ctx, ps, pe, p, 2, automatic);
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
            {
              /* U+202F, U+2009: narrow and thin spaces. */
              if (p + 2 < pe && u[p + 1] == 0x80 && (u[p + 2] == 0xAF || u[p + 2] == 0x89) &&
                  p > ps && g_ascii_isdigit (s[p - 1]))
                digit_group_space (ctx, ps, pe, p, 3, automatic);
              p += 3;
            }
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

/* The few hits of a paragraph come in a couple of sorted runs: an
 * insertion sort, stable as the merge sort of qsort() is, beats its
 * calls through a pointer and copies through a buffer. */
static void
sort_hits (Hit   *hits,
           guint  n)
{
  if (n > 64)
    {
      qsort (hits, n, sizeof (Hit), compare_hits);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      guint j = i;
      Hit h;

      if (compare_hits (&hits[i - 1], &hits[i]) <= 0)
        continue;
      h = hits[i];
      while (j > 0 && compare_hits (&hits[j - 1], &h) > 0)
        {
          hits[j] = hits[j - 1];
          j--;
        }
      hits[j] = h;
    }
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

  sort_hits (hits, n);
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

  /* As epure_text_overlaps_verbatim(), walking the spans once: the hits
   * are in order, and build_skip() left verbatim_index at the paragraph. */
  n = kept;
  kept = 0;
  for (guint i = 0, k = ctx->verbatim_index; i < n; i++)
    {
      gboolean overlaps;

      while (k < ctx->n_verbatim && ctx->verbatim[k].end <= hits[i].start)
        k++;
      overlaps = k < ctx->n_verbatim &&
                 ctx->verbatim[k].start < (hits[i].start == hits[i].end ? hits[i].start : hits[i].end);
      if (!overlaps)
        hits[kept++] = hits[i];
    }
  g_array_set_size (ctx->hits, kept);
}

/* Is there a quote glyph (or its last byte) at @p?  For the neighbours
 * of an edit, whose change of spacing may change how a quote reads. */
static gboolean
is_quote_byte (const char *s,
               gsize       ps,
               gsize       pe,
               gsize       p)
{
  guchar c;

  if (p < ps || p >= pe)
    return FALSE;
  c = s[p];
  if (c == '"' || c == '<' || c == '>' || c == '\'')
    return TRUE;
  if (c == 0xAB || c == 0xBB)
    return p > ps && (guchar) s[p - 1] == 0xC2;
  if (c == 0x9C || c == 0x9D || c == 0x9E || c == 0x98 || c == 0x99)
    return p > ps + 1 && (guchar) s[p - 1] == 0x80 && (guchar) s[p - 2] == 0xE2;
  return c == 0xC2 || c == 0xE2;
}

static gboolean
has_automatic (GArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, Hit, i).automatic)
      return TRUE;
  return FALSE;
}

static void
collect_hits (Context *ctx,
              gsize    ps,
              gsize    pe)
{
  WordCounts counts = { 0 };
  gboolean foreign;

  g_array_set_size (ctx->hits, 0);
  ctx->risky = FALSE;
  build_skip (ctx, ps, pe);

  quote_hits (ctx, ps, pe);
  other_hits (ctx, ps, pe);
  if (ctx->hits->len == 0)
    return;

  /* A paragraph in another language is only flagged (nothing to do
   * when nothing is automatic). */
  foreign = !ctx->known_french && has_automatic (ctx->hits);
  if (foreign)
    {
      count_words (ctx->s, ps, pe, &counts);
      foreign = looks_foreign (&counts);
    }
  if (foreign)
    for (guint i = 0; i < ctx->hits->len; i++)
      g_array_index (ctx->hits, Hit, i).automatic = FALSE;

  resolve_hits (ctx);

  if (!ctx->risky)
    for (guint i = 0; i < ctx->hits->len; i++)
      {
        const Hit *h = &g_array_index (ctx->hits, Hit, i);
        if (h->priority < PRIORITY_QUOTE &&
            (is_quote_byte (ctx->s, ps, pe, h->start - 1) || is_quote_byte (ctx->s, ps, pe, h->end)))
          {
            ctx->risky = TRUE;
            break;
          }
      }
}

/* The paragraph [ps, pe) of @s with its automatic hits applied. */
static char *
apply_automatic (const char *s,
                 gsize       ps,
                 gsize       pe,
                 GArray     *hits,
                 gsize      *out_len)
{
  gsize p = ps, n = pe - ps;
  char *out, *o;

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *h = &g_array_index (hits, Hit, i);
      if (h->automatic)
        n = n - (h->end - h->start) + h->len;
    }

  o = out = g_malloc (n + 1);
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *h = &g_array_index (hits, Hit, i);
      if (!h->automatic)
        continue;
      memcpy (o, s + p, h->start - p);
      o += h->start - p;
      memcpy (o, h->replacement, h->len);
      o += h->len;
      p = h->end;
    }
  memcpy (o, s + p, pe - p);
  o += pe - p;
  *o = '\0';
  *out_len = n;
  return out;
}

/* Cleaning applies the automatic fixes, re-checks and applies again, a
 * few passes at most (epure_pipeline_clean).  A paragraph whose fixes
 * would not settle within those passes (odd runs of quotes whose reading
 * changes once converted) is only flagged: so cleaning is idempotent. */
#define MAX_SETTLE_ROUNDS 3

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

static gboolean
has_blank_line (const char *s,
                gsize       len)
{
  gsize p = 0;

  while (p < len)
    {
      const char *nl = memchr (s + p, '\n', len - p);
      gsize eol = nl != NULL ? (gsize) (nl - s) : len;

      if (line_is_blank (s, p, eol))
        return TRUE;
      p = eol + 1;
    }
  return FALSE;
}

/* Does an automatic fix take a gap away between two runs of text?  Only
 * then can the paragraph as fixed hold an address or a link it did not
 * ("voir www .exemple.fr", "nom@exemple .fr" once the space before the
 * period goes): every other fix changes characters in place or keeps a
 * space, a no-break space or a non-ASCII character between them. */
static gboolean
joins_runs (Context *ctx)
{
  const Hit *hits = (const Hit *) (gpointer) ctx->hits->data;

  for (guint i = 0; i < ctx->hits->len; i++)
    {
      const Hit *h = &hits[i];
      gboolean gap = FALSE, kept = FALSE;

      if (!h->automatic)
        continue;
      for (gsize p = h->start; p < h->end && !gap; p++)
        gap = ctx->s[p] == ' ' || ctx->s[p] == '\t' || ctx->s[p] == '\n' || ctx->s[p] == '\r' ||
              (guchar) ctx->s[p] >= 0x80;
      for (guint k = 0; k < h->len && gap && !kept; k++)
        kept = h->replacement[k] == ' ' || h->replacement[k] == '\t' || (guchar) h->replacement[k] >= 0x80;
      if (gap && !kept)
        return TRUE;
    }
  return FALSE;
}

/* The verbatim spans of the text that meet [ps, pe): the index of the
 * first, and their number into @n. */
static guint
paragraph_spans (Context *ctx,
                 gsize    ps,
                 gsize    pe,
                 guint   *n)
{
  guint first = epure_verbatim_spans_find (ctx->verbatim, ctx->n_verbatim, ps);
  guint last = first;

  while (last < ctx->n_verbatim && ctx->verbatim[last].start < pe)
    last++;
  *n = last - first;
  return first;
}

/* Does the paragraph [ps, pe) read alone as it reads within the text:
 * each of its verbatim spans whole within it, and the same spans found
 * when it is read alone?  Then it may be simulated alone, as the next
 * pass of a clean reads it (a piece cut at empty lines). */
static gboolean
reads_alone (Context *ctx,
             gsize    ps,
             gsize    pe)
{
  g_autoptr(EpureText) sub = NULL;
  const EpureVerbatimSpan *spans = ctx->verbatim, *local;
  guint n, n_local, first = paragraph_spans (ctx, ps, pe, &n);

  if (n == 0)
    return TRUE;
  if (spans[first].start < ps || spans[first + n - 1].end > pe)
    return FALSE;
  sub = epure_text_new_slice (ctx->text, ps, pe);
  local = epure_text_get_verbatim_spans (sub, &n_local);
  if (n_local != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (local[i].start + ps != spans[first + i].start || local[i].end + ps != spans[first + i].end ||
        local[i].kind != spans[first + i].kind)
      return FALSE;
  return TRUE;
}

/* Are @fixed's spans (the paragraph as fixed, read alone) those the
 * paragraph [ps, pe) had in the text, with the same words?  Fixes never
 * reach into a span, so then none was made, lost or moved by them. */
static gboolean
keeps_spans (Context                 *ctx,
             gsize                    ps,
             gsize                    pe,
             const char              *fixed,
             const EpureVerbatimSpan *local,
             guint                    n_local)
{
  guint n, first = paragraph_spans (ctx, ps, pe, &n);

  if (n != n_local)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const EpureVerbatimSpan *a = &ctx->verbatim[first + i], *b = &local[i];

      if (a->kind != b->kind || a->end - a->start != b->end - b->start ||
          memcmp (ctx->s + a->start, fixed + b->start, a->end - a->start) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Do the automatic fixes of the paragraph [ps, pe) settle: does fixing
 * it again, up to @max_rounds times, come to a version with nothing left
 * to fix?  Each version is read as the next pass of a clean reads it.
 * @fixed, when wanted, gets the paragraph as this pass fixes it; or, when
 * it settles and every version reads alone as it would within the text
 * (@final set), the version it settles at: what the next passes of a
 * clean would make of it, so that they need not be made. */
static gboolean
settles (Context  *ctx,
         gsize     ps,
         gsize     pe,
         guint     max_rounds,
         gboolean *final,
         char    **fixed,
         gsize    *fixed_len)
{
  GArray *hits = ctx->settle_hits;
  GArray *skip = ctx->settle_skip;
  GArray *foreign = ctx->settle_foreign;
  gboolean settled = FALSE, alone = TRUE;
  guint n_spans;
  gsize len, first_len;
  char *cur = apply_automatic (ctx->s, ps, pe, ctx->hits, &len);
  char *first = cur;

  first_len = len;
  paragraph_spans (ctx, ps, pe, &n_spans);
  g_array_set_size (hits, 0);
  g_array_set_size (skip, 0);
  g_array_set_size (foreign, 0);

  for (guint round = 0; round < max_rounds && !settled; round++)
    {
      g_autoptr(EpureText) sub = NULL;
      Context c = *ctx;

      if (round == 0 && n_spans == 0 && !joins_runs (ctx))
        {
          /* It had no verbatim span in the text, and these fixes make
           * none: read it as is. */
          c.text = NULL;
          c.s = cur;
          c.verbatim = NULL;
          c.n_verbatim = 0;
        }
      else
        {
          /* Read as the next pass would: a text made by editing valid
           * text with valid replacements, not checked again (nor judged
           * binary on a paragraph's few bytes). */
          sub = epure_text_new_take_valid (g_memdup2 (cur, len + 1), len);
          epure_text_set_syntax (sub, epure_text_get_syntax (ctx->text));
          c.text = sub;
          c.s = epure_text_get_string (sub, NULL);
          c.verbatim = epure_text_get_verbatim_spans (sub, &c.n_verbatim);
        }
      c.hits = hits;
      c.skip = skip;
      c.foreign = foreign;
      c.verbatim_index = 0;
      c.findings = NULL;
      c.edits = NULL;
      c.unsettled = NULL;
      c.known_french = TRUE;

      /* Alone, a version must read as it would within the text: the
       * spans the paragraph had there, no blank line splitting it. */
      if (final != NULL)
        alone = alone && !has_blank_line (c.s, len) && keeps_spans (ctx, ps, pe, c.s, c.verbatim, c.n_verbatim);

      collect_hits (&c, 0, len);
      if (!has_automatic (hits))
        settled = TRUE;
      else
        {
          gsize next_len;
          char *next = apply_automatic (c.s, 0, len, hits, &next_len);

          if (cur != first)
            g_free (cur);
          cur = next;
          len = next_len;
        }
    }

  if (final != NULL)
    *final = settled && alone;
  if (fixed != NULL && final != NULL && *final)
    {
      /* The version it settles at. */
      if (first != cur)
        g_free (first);
      *fixed = cur;
      *fixed_len = len;
      return TRUE;
    }
  if (cur != first)
    g_free (cur);
  if (fixed != NULL)
    {
      *fixed = first;
      *fixed_len = first_len;
    }
  else
    g_free (first);
  return settled;
}

static const char *
translate (Context    *ctx,
           const char *message)
{
  for (guint i = 0; i < ctx->n_messages; i++)
    if (ctx->messages[i] == message)
      return ctx->translations[i];
  if (ctx->n_messages == G_N_ELEMENTS (ctx->messages))
    return _(message);
  ctx->messages[ctx->n_messages] = message;
  return ctx->translations[ctx->n_messages++] = _(message);
}

static void
emit_findings (Context *ctx)
{
  if (ctx->edits != NULL)
    {
      for (guint i = 0; i < ctx->hits->len; i++)
        {
          const Hit *h = &g_array_index (ctx->hits, Hit, i);
          if (h->automatic)
            g_ptr_array_add (ctx->edits, epure_edit_new (h->start, h->end, h->replacement));
        }
      return;
    }

  for (guint i = 0; i < ctx->hits->len; i++)
    {
      const Hit *h = &g_array_index (ctx->hits, Hit, i);
      /* Rule ids are literals and messages translations: not copied. */
      EpureFindingInit init = {
        .checker_id = CHECKER_ID,
        .rule_id = h->rule,
        .category = EPURE_CATEGORY_TYPOGRAPHY,
        .message = translate (ctx, h->message),
        .start = h->start,
        .end = h->end,
        .severity = h->severity,
        .confidence = h->automatic ? 1.0 : 0.5,
        .automatic = h->automatic,
        .replacement = h->replacement,
      };

      g_ptr_array_add (ctx->findings, epure_finding_new_static (&init));
    }
}

/* For clean (fix_settled()): one edit for all the automatic fixes of the
 * paragraph, from the first to the last.  Nobody looks at them one by one
 * there, and a paragraph of an article has a dozen: as many allocations,
 * sorts and copies saved. */
static void
emit_paragraph_edit (Context *ctx)
{
  const Hit *hits = (const Hit *) (gpointer) ctx->hits->data;
  gsize start = 0, end = 0, len;
  gboolean any = FALSE;

  for (guint i = 0; i < ctx->hits->len; i++)
    if (hits[i].automatic)
      {
        if (!any)
          start = hits[i].start;
        end = hits[i].end;
        any = TRUE;
      }
  if (!any)
    return;
  g_ptr_array_add (ctx->edits, epure_edit_new_take (start, end, apply_automatic (ctx->s, start, end, ctx->hits, &len)));
}

static void
check_paragraph (Context *ctx,
                 gsize    ps,
                 gsize    pe)
{
  gboolean final = FALSE;
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;

  collect_hits (ctx, ps, pe);

  if (ctx->risky && has_automatic (ctx->hits) &&
      !settles (ctx, ps, pe, MAX_SETTLE_ROUNDS, ctx->unsettled != NULL ? &final : NULL,
                ctx->unsettled != NULL ? &fixed : NULL, &fixed_len))
    for (guint i = 0; i < ctx->hits->len; i++)
      g_array_index (ctx->hits, Hit, i).automatic = FALSE;

  /* For clean: what the next passes would make of the paragraph, so that
   * they need not be made.  Checked, not assumed: the same rules run over
   * the paragraph as fixed, read alone, again until nothing is left to
   * fix, which is how the next passes read it when its verbatim spans
   * read the same alone (its findings depend on it alone) and no edit
   * reaches past it. */
  if (ctx->unsettled != NULL && has_automatic (ctx->hits))
    {
      gboolean alone = reads_alone (ctx, ps, pe);

      for (guint i = 0; i < ctx->hits->len && alone; i++)
        {
          const Hit *h = &g_array_index (ctx->hits, Hit, i);
          alone = !h->automatic || (h->start >= ps && h->end <= pe);
        }
      if (alone && !ctx->risky)
        settles (ctx, ps, pe, MAX_SETTLE_ROUNDS, &final, &fixed, &fixed_len);
      if (!alone || !final)
        {
          gsize range[2] = { ps, pe };
          g_array_append_vals (ctx->unsettled, range, 2);
        }
      /* The paragraph as fixed is at hand when it was simulated alone. */
      if (alone && fixed != NULL)
        g_ptr_array_add (ctx->edits, epure_edit_new_take (ps, pe, g_steal_pointer (&fixed)));
      else
        emit_paragraph_edit (ctx);
      return;
    }

  emit_findings (ctx);
}

/* Runs the rules over the paragraphs of [@start, @end) of @text, adding
 * findings to @findings or automatic edits to @edits.  @start and @end
 * are the text's ends or just after an empty line. */
static gboolean
scan_range (EpureTypographyChecker  *self,
            EpureText               *text,
            const Spaces            *spaces,
            gsize                    start,
            gsize                    end,
            GPtrArray               *findings,
            GPtrArray               *edits,
            GArray                  *unsettled,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(EpureQuoteScanner) scanner = epure_quote_scanner_new ();
  g_autoptr(GArray) skip = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) foreign = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) settle_hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) settle_skip = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) settle_foreign = g_array_new (FALSE, FALSE, sizeof (gsize));
  Context ctx = { 0 };
  gsize p = start, para_start = start;
  gboolean in_para = FALSE;
  guint n_paragraphs = 0;

  ctx.text = text;
  ctx.s = epure_text_get_string (text, NULL);
  ctx.spaces = spaces;
  ctx.scanner = scanner;
  ctx.skip = skip;
  ctx.hits = hits;
  ctx.foreign = foreign;
  ctx.findings = findings;
  ctx.edits = edits;
  ctx.unsettled = unsettled;
  ctx.settle_hits = settle_hits;
  ctx.settle_skip = settle_skip;
  ctx.settle_foreign = settle_foreign;
  ctx.exceptions = self->exceptions;
  ctx.verbatim = epure_text_get_verbatim_spans (text, &ctx.n_verbatim);

  /* Paragraphs are separated by blank lines. */
  while (p < end)
    {
      const char *nl = memchr (ctx.s + p, '\n', end - p);
      gsize eol = nl != NULL ? (gsize) (nl - ctx.s) : end;
      gsize next = nl != NULL ? eol + 1 : end;

      if (line_is_blank (ctx.s, p, eol))
        {
          if (in_para)
            {
              check_paragraph (&ctx, para_start, p);
              in_para = FALSE;
              if ((++n_paragraphs & 0xff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
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
    check_paragraph (&ctx, para_start, end);

  return TRUE;
}

/* Texts this large are checked by several threads, a piece each. */
#define PARALLEL_PIECE ((gsize) 1024 * 1024)
#define MAX_THREADS 8

typedef struct
{
  EpureTypographyChecker *self;
  EpureText *text;
  const Spaces *spaces;
  gsize start;
  gsize end;
  GPtrArray *findings;
  GPtrArray *edits;
  GArray *unsettled;
  GCancellable *cancellable;
  GError *error;
  gboolean ok;
} Piece;

static gpointer
scan_piece (gpointer data)
{
  Piece *piece = data;

  piece->ok = scan_range (piece->self, piece->text, piece->spaces, piece->start, piece->end,
                          piece->findings, piece->edits, piece->unsettled, piece->cancellable, &piece->error);
  return NULL;
}

/* Runs the rules over @text, adding findings to @findings or automatic
 * edits to @edits.  Paragraphs are independent, so a large text is cut
 * after empty lines into pieces checked at once, whose results are put
 * back in order: the same as one scan. */
static gboolean
scan_text (EpureTypographyChecker  *self,
           EpureText               *text,
           GPtrArray               *findings,
           GPtrArray               *edits,
           GArray                  *unsettled,
           GCancellable            *cancellable,
           GError                 **error)
{
  const Spaces *spaces = &profiles[epure_typography_checker_get_spaces_profile (self)];
  Piece pieces[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  const char *s;
  gsize len, at = 0;
  guint n = 0, n_wanted;
  gboolean ok = TRUE;

  s = epure_text_get_string (text, &len);
  n_wanted = MIN (MIN ((guint) g_get_num_processors (), MAX_THREADS), len / PARALLEL_PIECE);
  if (n_wanted < 2)
    return scan_range (self, text, spaces, 0, len, findings, edits, unsettled, cancellable, error);

  /* Shared, computed once rather than raced for. */
  epure_text_get_verbatim_spans (text, NULL);

  while (at < len && n < n_wanted)
    {
      gsize end = len;

      if (n + 1 < n_wanted)
        end = epure_piece_cut_after (s, len, MAX (at + 1, len / n_wanted * (n + 1)));
      pieces[n] = (Piece) {
        .self = self, .text = text, .spaces = spaces, .start = at, .end = end,
        .findings = findings ? g_ptr_array_new_with_free_func (g_object_unref) : NULL,
        .edits = edits ? g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free) : NULL,
        .unsettled = unsettled ? g_array_new (FALSE, FALSE, sizeof (gsize)) : NULL,
        .cancellable = cancellable,
      };
      at = end;
      n++;
    }

  for (guint i = 1; i < n; i++)
    threads[i] = g_thread_new ("epure-typography", scan_piece, &pieces[i]);
  scan_piece (&pieces[0]);
  for (guint i = 1; i < n; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < n; i++)
    {
      if (ok && !pieces[i].ok)
        {
          ok = FALSE;
          g_propagate_error (error, g_steal_pointer (&pieces[i].error));
        }
      g_clear_error (&pieces[i].error);
      if (ok && findings != NULL)
        g_ptr_array_extend_and_steal (findings, g_steal_pointer (&pieces[i].findings));
      if (ok && edits != NULL)
        g_ptr_array_extend_and_steal (edits, g_steal_pointer (&pieces[i].edits));
      if (ok && unsettled != NULL)
        g_array_append_vals (unsettled, pieces[i].unsettled->data, pieces[i].unsettled->len);
      g_clear_pointer (&pieces[i].unsettled, g_array_unref);
      g_clear_pointer (&pieces[i].findings, g_ptr_array_unref);
      g_clear_pointer (&pieces[i].edits, g_ptr_array_unref);
    }

  return ok;
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  if (!scan_text (EPURE_TYPOGRAPHY_CHECKER (checker), text, findings, NULL, NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&findings);
}

/**
 * epure_typography_checker_fix:
 *
 * The edits of every automatic fix of @text, without making findings:
 * exactly what epure_pipeline_clean() applies for this checker in one
 * pass, at a fraction of the cost (no GObject per finding).  A fast path
 * for cleaning huge texts.
 *
 * Returns: (transfer container): EpureEdits in text order, or NULL when
 *   cancelled.
 */
GPtrArray *
epure_typography_checker_fix (EpureTypographyChecker  *self,
                              EpureText               *text,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);

  g_return_val_if_fail (EPURE_IS_TYPOGRAPHY_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!scan_text (self, text, NULL, edits, NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&edits);
}

/* As fix(), and into @unsettled the paragraphs whose edits, once
 * applied, might still not be a fixpoint (see check_paragraph()): clean
 * checks only those again. */
static GPtrArray *
fix_settled (EpureChecker  *checker,
             EpureText     *text,
             double         min_confidence,
             GArray        *unsettled,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);

  if (min_confidence > 1.0)
    return g_steal_pointer (&edits);
  if (!scan_text (EPURE_TYPOGRAPHY_CHECKER (checker), text, NULL, edits, unsettled, cancellable, error))
    return NULL;
  return g_steal_pointer (&edits);
}

/* The checker's fast path for epure_pipeline_clean(): its automatic
 * findings are sure (confidence 1), the others are never applied. */
static GPtrArray *
fix (EpureChecker  *checker,
     EpureText     *text,
     double         min_confidence,
     GCancellable  *cancellable,
     GError       **error)
{
  if (min_confidence > 1.0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  return epure_typography_checker_fix (EPURE_TYPOGRAPHY_CHECKER (checker), text, cancellable, error);
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->fix = fix;
  iface->fix_settled = fix_settled;
  iface->get_id = get_id;
  iface->get_display_name = get_display_name;
  iface->get_scope = get_scope;
  iface->check = check;
}
