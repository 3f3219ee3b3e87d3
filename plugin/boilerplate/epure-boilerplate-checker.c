/* epure-boilerplate-checker.c: text that is not part of the article (share
 * prompts, newsletter and donation appeals, source links, separators,
 * repeated titles and paragraphs, cookie banners, author bios…).
 *
 * The text is cut into blocks (lines, or the lines of one hard-wrapped
 * paragraph).  Each block gathers evidence: lexicon phrases with weights
 * (dictionaries/boilerplate-*.txt), calls to action, links, handles,
 * arrows and emoji, symbol-only rows, counter-evidence of article prose,
 * and its length.  Position decides how much evidence is needed: a footer
 * is the run of blocks at the end that starts with a clearly boilerplate
 * block, and the blocks after its start only need to be compatible with it
 * (e-mail signature detectors work this way); the head is read the same
 * way from the top; the body needs far more.  Evidence inside quotations
 * does not count, so an article quoting « partagez » keeps its body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "epure-boilerplate-checker.h"

#define CHECKER_ID "boilerplate"

/* Evidence levels of a block's total score. */
#define STRONG_SCORE 1.0   /* starts a footer or flags a head block */
#define WEAK_SCORE   0.4   /* enough once a footer has started */
#define BODY_SCORE   1.8   /* flags a short block in the body */
#define BODY_MAX_WORDS 15
#define MAX_WORDS    60    /* longer blocks are prose */
#define SHORT_WORDS  10    /* a short line may close a footer ("Merci !") */
#define HEAD_MAX_BLOCKS 8
#define HEAD_MAX_WORDS 20  /* longer head blocks need more evidence */
#define HEAD_MAX_SKIPPED 3 /* title, byline, date before the head's boilerplate */
#define DUPLICATE_MIN_WORDS 6
#define CATEGORY_CAP 3.0
#define MAX_EVIDENCE 2
/* A line this long that stops mid-sentence was wrapped by an editor. */
#define WRAP_WIDTH 65

typedef enum
{
  CAT_SHARE,
  CAT_NEWSLETTER,
  CAT_DONATION,
  CAT_SOURCE_LINK,
  CAT_SEPARATOR,
  CAT_DUPLICATE_TITLE,
  CAT_DUPLICATE_PARAGRAPH,
  CAT_COMMENT_PROMPT,
  CAT_AD,
  CAT_COOKIE,
  CAT_AUTHOR_BIO,
  CAT_OTHER,
  N_CATEGORIES,
  CAT_NONE = -1,
} Category;

static const struct
{
  const char *name;
  const char *rule;
  const char *label;
} categories[N_CATEGORIES] = {
  { "share", "boilerplate.share", NC_("boilerplate", "Share prompt") },
  { "newsletter", "boilerplate.newsletter", NC_("boilerplate", "Newsletter sign-up") },
  { "donation", "boilerplate.donation", NC_("boilerplate", "Donation appeal") },
  { "source-link", "boilerplate.source-link", NC_("boilerplate", "Link to a source") },
  { "separator", "boilerplate.separator", NC_("boilerplate", "Separator") },
  { "duplicate-title", "boilerplate.duplicate-title", NC_("boilerplate", "Repeated title") },
  { "duplicate-paragraph", "boilerplate.duplicate-paragraph", NC_("boilerplate", "Repeated paragraph") },
  { "comment-prompt", "boilerplate.comment-prompt", NC_("boilerplate", "Comment prompt") },
  { "ad", "boilerplate.ad", NC_("boilerplate", "Advertising") },
  { "cookie", "boilerplate.cookie", NC_("boilerplate", "Cookie banner") },
  { "author-bio", "boilerplate.author-bio", NC_("boilerplate", "About the author") },
  { "other", "boilerplate.other", NC_("boilerplate", "Not part of the article") },
};

typedef enum
{
  ZONE_BODY,
  ZONE_HEAD,
  ZONE_FOOTER,
} Zone;

typedef struct
{
  gsize start;        /* first byte */
  gsize end;          /* end of the content, before the line break */
  gsize next;         /* start of the next line */
  guint blank : 1;
  guint symbol_only : 1;
} Line;

typedef struct
{
  guint first_line;
  guint last_line;
  gsize start;
  gsize end;

  guint n_words;
  double score[N_CATEGORIES];
  const char *phrases[N_CATEGORIES][MAX_EVIDENCE];
  double cta;
  double content;
  guint links;
  guint handles;
  guint pictographs;
  guint quoted_hits;
  const EpureLexiconEntry *seen[16];  /* an entry counts once a block */
  guint n_seen;
  gboolean imperative;
  gboolean symbol_only;
  gboolean copyright;
  char *norm;         /* folded words joined by spaces */

  Category best;
  double total;

  Category flagged;
  double confidence;
  Zone zone;
  guint same_as;      /* line (1-based) a duplicate repeats */
} Block;

struct _EpureBoilerplateChecker
{
  GObject parent_instance;

  EpureLexicon *lexicon;
  GError *load_error;
  double threshold;
};

enum
{
  PROP_0,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpureBoilerplateChecker, epure_boilerplate_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, checker_iface_init))

/* ------------------------------------------------------------------------
 * Lexicon loading
 * ------------------------------------------------------------------------ */

static gboolean
is_lexicon_name (const char *name)
{
  return g_str_has_prefix (name, "boilerplate-") && g_str_has_suffix (name, ".txt");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every boilerplate-*.txt of the dictionary directories is loaded; a name
 * found in several is taken from the first (the user's own copy of
 * boilerplate-fr.txt replaces the installed one, boilerplate-mine.txt adds
 * to it). */
static EpureLexicon *
load_default_lexicon (GError **error)
{
  g_autoptr(EpureLexicon) lexicon = epure_lexicon_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *dirs = epure_get_dictionary_dirs ();
  gboolean found_builtin = FALSE;

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (is_lexicon_name (name) && !g_hash_table_contains (seen, name))
          g_ptr_array_add (names, g_strdup (name));
      /* A stable order, so that messages do not depend on the file system. */
      g_ptr_array_sort (names, compare_names);

      for (guint k = 0; k < names->len; k++)
        {
          const char *n = g_ptr_array_index (names, k);
          g_autofree char *path = g_build_filename (dirs[i], n, NULL);
          g_autoptr(GError) local_error = NULL;

          g_hash_table_add (seen, g_strdup (n));
          if (!epure_lexicon_load_file (lexicon, path, &local_error))
            {
              /* A broken file of the user's must not silence the checker. */
              g_message ("%s", local_error->message);
              continue;
            }
          if (g_str_equal (n, "boilerplate-fr.txt") || g_str_equal (n, "boilerplate-en.txt"))
            found_builtin = TRUE;
        }
    }

  if (!found_builtin)
    {
      g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE,
                   _("The boilerplate phrase lists (boilerplate-fr.txt) were not found"));
      return NULL;
    }

  return g_steal_pointer (&lexicon);
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
epure_boilerplate_checker_finalize (GObject *object)
{
  EpureBoilerplateChecker *self = EPURE_BOILERPLATE_CHECKER (object);

  g_clear_object (&self->lexicon);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (epure_boilerplate_checker_parent_class)->finalize (object);
}

static void
epure_boilerplate_checker_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  EpureBoilerplateChecker *self = EPURE_BOILERPLATE_CHECKER (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_boilerplate_checker_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  EpureBoilerplateChecker *self = EPURE_BOILERPLATE_CHECKER (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      epure_boilerplate_checker_set_threshold (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_boilerplate_checker_class_init (EpureBoilerplateCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epure_boilerplate_checker_finalize;
  object_class->get_property = epure_boilerplate_checker_get_property;
  object_class->set_property = epure_boilerplate_checker_set_property;

  /* Findings at least this sure are automatic: "clean" removes them. */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL,
                         0.0, 1.0, EPURE_BOILERPLATE_DEFAULT_THRESHOLD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_boilerplate_checker_init (EpureBoilerplateChecker *self)
{
  self->threshold = EPURE_BOILERPLATE_DEFAULT_THRESHOLD;
  self->lexicon = load_default_lexicon (&self->load_error);
}

/**
 * epure_boilerplate_checker_new_with_lexicon:
 *
 * A checker using @lexicon instead of the dictionary files (tests, tools).
 */
EpureBoilerplateChecker *
epure_boilerplate_checker_new_with_lexicon (EpureLexicon *lexicon)
{
  EpureBoilerplateChecker *self;

  g_return_val_if_fail (EPURE_IS_LEXICON (lexicon), NULL);

  self = g_object_new (EPURE_TYPE_BOILERPLATE_CHECKER, NULL);
  g_set_object (&self->lexicon, lexicon);
  g_clear_error (&self->load_error);
  return self;
}

EpureLexicon *
epure_boilerplate_checker_get_lexicon (EpureBoilerplateChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BOILERPLATE_CHECKER (self), NULL);
  return self->lexicon;
}

double
epure_boilerplate_checker_get_threshold (EpureBoilerplateChecker *self)
{
  g_return_val_if_fail (EPURE_IS_BOILERPLATE_CHECKER (self), 0);
  return self->threshold;
}

void
epure_boilerplate_checker_set_threshold (EpureBoilerplateChecker *self,
                                         double                   threshold)
{
  g_return_if_fail (EPURE_IS_BOILERPLATE_CHECKER (self));

  threshold = CLAMP (threshold, 0.0, 1.0);
  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
  epure_checker_emit_changed (EPURE_CHECKER (self));
}

/* ------------------------------------------------------------------------
 * Lines and blocks
 * ------------------------------------------------------------------------ */

static gboolean
is_space_byte (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_pictograph (gunichar c)
{
  return c == 0x203A ||                    /* › in breadcrumbs */
         (c >= 0x2190 && c <= 0x21FF) ||   /* arrows */
         (c >= 0x2600 && c <= 0x27BF) ||   /* symbols, dingbats (➡ ✅ ❤) */
         (c >= 0x2B05 && c <= 0x2B07) ||
         c == 0x25B6 || c == 0x25BA || c == 0x25B8 ||
         (c >= 0x1F300 && c <= 0x1FAFF);   /* emoji */
}

/* No letter or digit, and at least three visible characters: "*****",
 * "— — —", "🔸🔸🔸". */
static gboolean
line_is_symbol_only (const char *s,
                     gsize       len)
{
  const char *p = s, *end = s + len;
  guint visible = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        return FALSE;
      if (!g_unichar_isspace (c) && c != 0xFE0F && c != 0x200D)
        visible++;
      p = g_utf8_next_char (p);
    }
  return visible >= 3;
}

static GArray *
split_lines (const char *str,
             gsize       len)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  gsize pos = 0;

  while (pos < len)
    {
      Line line = { pos, pos, pos, TRUE, FALSE };
      const char *nl = memchr (str + pos, '\n', len - pos);
      gsize eol = nl != NULL ? (gsize) (nl - str) : len;

      line.next = nl != NULL ? eol + 1 : len;
      if (eol > pos && str[eol - 1] == '\r')
        eol--;
      line.end = eol;
      for (gsize i = pos; i < eol; i++)
        if (!is_space_byte (str[i]))
          {
            line.blank = FALSE;
            break;
          }
      if (!line.blank)
        line.symbol_only = line_is_symbol_only (str + pos, eol - pos);
      g_array_append_val (lines, line);
      pos = line.next;
    }

  return lines;
}

static gunichar
last_visible_char (const char *s,
                   gsize       start,
                   gsize       end)
{
  while (end > start && is_space_byte (s[end - 1]))
    end--;
  if (end == start)
    return 0;
  return g_utf8_get_char (g_utf8_find_prev_char (s + start, s + end));
}

static gunichar
first_visible_char (const char *s,
                    gsize       start,
                    gsize       end)
{
  while (start < end && is_space_byte (s[start]))
    start++;
  return start < end ? g_utf8_get_char (s + start) : 0;
}

static gboolean
ends_with_link (const char *str,
                const Line *line)
{
  gsize end = line->end, word = line->end;

  while (end > line->start && is_space_byte (str[end - 1]))
    end--;
  word = end;
  while (word > line->start && !is_space_byte (str[word - 1]))
    word--;
  return g_strstr_len (str + word, end - word, "://") != NULL ||
         (end - word > 4 && strncmp (str + word, "www.", 4) == 0);
}

/* A hard-wrapped paragraph goes on with a lower-case letter, or after a
 * long line that stops mid-sentence. */
static gboolean
line_continues (const char *str,
                const Line *prev,
                const Line *cur)
{
  gunichar last, first;

  if (prev->symbol_only || cur->symbol_only)
    return FALSE;
  last = last_visible_char (str, prev->start, prev->end);
  if (strchr (".!?:;)\"", (int) last) != NULL && last < 0x80)
    return FALSE;
  if (last == 0x2026 || last == 0x00BB || last == 0x201D || is_pictograph (last))
    return FALSE;
  first = first_visible_char (str, cur->start, cur->end);
  if (ends_with_link (str, prev))
    return FALSE;
  if (g_unichar_islower (first))
    return TRUE;
  return g_unichar_isalnum (first) && (g_unichar_isalnum (last) || last == ',') &&
         g_utf8_strlen (str + prev->start, prev->end - prev->start) >= WRAP_WIDTH;
}

/* ------------------------------------------------------------------------
 * Evidence
 * ------------------------------------------------------------------------ */

typedef struct
{
  Block *block;
  const EpureLexiconWord *words;
  const GArray *quotes;      /* pairs of gsize: quoted byte ranges */
} MatchData;

static Category
category_from_name (const char *name)
{
  for (guint i = 0; i < N_CATEGORIES; i++)
    if (g_str_equal (categories[i].name, name))
      return i;
  return CAT_NONE;
}

static gboolean
in_quotes (const GArray *quotes,
           gsize         offset)
{
  for (guint i = 0; i + 1 < quotes->len; i += 2)
    if (offset >= g_array_index (quotes, gsize, i) && offset < g_array_index (quotes, gsize, i + 1))
      return TRUE;
  return FALSE;
}

static void
on_match (const EpureLexiconEntry *entry,
          guint                    first_word,
          gpointer                 user_data)
{
  MatchData *data = user_data;
  Block *b = data->block;
  Category cat;

  for (guint i = 0; i < b->n_seen; i++)
    if (b->seen[i] == entry)
      return;
  if (b->n_seen < G_N_ELEMENTS (b->seen))
    b->seen[b->n_seen++] = entry;

  /* Quoted words are someone's speech, not a prompt to the reader. */
  if (entry->weight > 0 && in_quotes (data->quotes, data->words[first_word].start))
    {
      b->quoted_hits++;
      return;
    }

  if (g_str_equal (entry->category, "cta"))
    {
      b->cta += entry->weight;
      return;
    }
  if (g_str_equal (entry->category, "content"))
    {
      b->content += entry->weight;
      return;
    }

  cat = category_from_name (entry->category);
  if (cat == CAT_NONE)
    return;
  b->score[cat] += entry->weight;
  /* The message names distinct phrases: "laissez un commentaire" says
   * more than "commentaire". */
  for (guint i = 0; i < MAX_EVIDENCE; i++)
    {
      const char *known = b->phrases[cat][i];

      if (known == NULL)
        {
          b->phrases[cat][i] = entry->display;
          break;
        }
      if (strstr (known, entry->display) != NULL)
        break;
      if (strstr (entry->display, known) != NULL)
        {
          b->phrases[cat][i] = entry->display;
          break;
        }
    }
}

/* Byte ranges between « », “ ” or straight double quotes. */
static void
find_quotes (const char *s,
             gsize       start,
             gsize       end,
             GArray     *quotes)
{
  const char *p = s + start, *stop = s + end;
  gboolean open = FALSE;

  g_array_set_size (quotes, 0);
  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);
      gsize at = p - s;

      if (!open && (c == 0x00AB || c == 0x201C || c == 0x201E || c == '"'))
        {
          open = TRUE;
          g_array_append_val (quotes, at);
        }
      else if (open && (c == 0x00BB || c == 0x201D || c == '"'))
        {
          open = FALSE;
          g_array_append_val (quotes, at);
        }
      p = g_utf8_next_char (p);
    }
  if (open)
    g_array_append_val (quotes, end);
}

/* Links, handles, hashtags, pictographs and the copyright sign. */
static void
scan_marks (const char *s,
            Block      *b)
{
  const char *p = s + b->start, *stop = s + b->end;

  while (p < stop)
    {
      guchar c = *p;

      if (c < 0x80)
        {
          gboolean word_start = p == s + b->start || !g_ascii_isalnum (p[-1]);

          if ((c == 'h' && (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://"))) ||
              (c == 'w' && word_start && g_str_has_prefix (p, "www.")))
            {
              b->links++;
              while (p < stop && !g_ascii_isspace (*p))
                p++;
              continue;
            }
          if ((c == '@' || c == '#') && p + 1 < stop && g_ascii_isalpha (p[1]) &&
              (word_start || (c == '@' && p > s + b->start)))
            b->handles++;
          if ((c == '>' && p + 1 < stop && p[1] == '>') ||
              (c == '-' && p + 1 < stop && p[1] == '>') ||
              (c == '=' && p + 1 < stop && p[1] == '>'))
            {
              b->pictographs++;
              p += 2;
              continue;
            }
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char (p);

          if (is_pictograph (u))
            b->pictographs++;
          else if (u == 0x00A9)
            b->copyright = TRUE;
          p = g_utf8_next_char (p);
        }
    }
}

/* French second-person imperatives start a block: "Partagez", "Abonnez-vous". */
static gboolean
starts_with_imperative (const char *first)
{
  gsize len = strlen (first);

  if (len < 5 || !g_str_has_suffix (first, "ez"))
    return FALSE;
  return !g_str_equal (first, "assez");
}

static double
length_penalty (guint n_words)
{
  return n_words > 25 ? (n_words - 25) * 0.03 : 0.0;
}

static void
analyse_block (EpureLexicon *lexicon,
               const char   *str,
               Block        *b,
               GString      *folded,
               GArray       *words,
               GPtrArray    *word_ptrs,
               GArray       *quotes)
{
  MatchData data;
  double best = 0;
  GString *norm;

  g_string_truncate (folded, 0);
  g_array_set_size (words, 0);
  epure_lexicon_tokenize (str + b->start, b->end - b->start, folded, words);
  b->n_words = words->len;

  g_ptr_array_set_size (word_ptrs, 0);
  norm = g_string_sized_new (folded->len);
  for (guint i = 0; i < words->len; i++)
    {
      EpureLexiconWord *w = &g_array_index (words, EpureLexiconWord, i);
      const char *folded_word = folded->str + w->folded;

      /* Offsets relative to the text, for quotes and messages. */
      w->start += b->start;
      w->end += b->start;
      g_ptr_array_add (word_ptrs, (gpointer) folded_word);
      if (i > 0)
        g_string_append_c (norm, ' ');
      g_string_append (norm, folded_word);
    }
  b->norm = g_string_free (norm, FALSE);

  find_quotes (str, b->start, b->end, quotes);
  data.block = b;
  data.words = (const EpureLexiconWord *) (gpointer) words->data;
  data.quotes = quotes;
  epure_lexicon_match (lexicon, (const char * const *) word_ptrs->pdata, words->len, on_match, &data);

  scan_marks (str, b);
  b->imperative = words->len > 0 &&
                  !in_quotes (quotes, g_array_index (words, EpureLexiconWord, 0).start) &&
                  starts_with_imperative (g_ptr_array_index (word_ptrs, 0));
  if (b->copyright)
    b->score[CAT_OTHER] += 0.8;

  b->best = CAT_NONE;
  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      b->score[c] = MIN (b->score[c], CATEGORY_CAP);
      if (b->score[c] > best)
        {
          best = b->score[c];
          b->best = c;
        }
    }

  /* Cues without a category still say where a link points. */
  if (b->best == CAT_NONE)
    {
      if (b->handles > 0)
        b->best = CAT_SHARE;
      else if (b->links > 0)
        b->best = CAT_SOURCE_LINK;
      else
        b->best = CAT_OTHER;
    }

  b->total = best + MIN (b->cta, 1.0) + b->content - length_penalty (b->n_words);
  if (b->imperative)
    b->total += 0.3;
  if (b->links > 0)
    b->total += b->links > 1 ? 0.45 : 0.3;
  if (b->handles > 0)
    b->total += 0.3;
  if (b->pictographs > 0)
    b->total += 0.25;
  /* Quoted boilerplate words mark a block that reports speech. */
  if (b->quoted_hits > 0)
    b->total -= 0.5;
}

/* ------------------------------------------------------------------------
 * Decision
 * ------------------------------------------------------------------------ */

static gboolean
block_strong (const Block *b)
{
  return b->total >= STRONG_SCORE && b->n_words <= MAX_WORDS;
}

static gboolean
block_weak (const Block *b)
{
  return b->total >= WEAK_SCORE && b->n_words <= MAX_WORDS;
}

static gboolean
block_compatible (const Block *b)
{
  return b->symbol_only || b->flagged != CAT_NONE || block_weak (b) ||
         (b->n_words <= SHORT_WORDS && b->content > -0.3 && b->quoted_hits == 0);
}

static double
confidence_of (double total)
{
  return CLAMP (1.0 - 0.55 * exp (-(total - WEAK_SCORE) * 1.2), 0.05, 0.99);
}

static void
flag (Block    *b,
      Category  cat,
      double    confidence,
      Zone      zone)
{
  b->flagged = cat;
  b->confidence = confidence;
  b->zone = zone;
}

static void
flag_by_evidence (Block *b,
                  Zone   zone)
{
  if (b->symbol_only)
    flag (b, CAT_SEPARATOR, 0.95, zone);
  else if (block_weak (b))
    flag (b, b->best, confidence_of (b->total), zone);
  else
    flag (b, CAT_OTHER, 0.4, zone);
}

/* A row of = or - right under a line underlines a heading (Markdown). */
static gboolean
is_underline (const char  *str,
              const Line  *lines,
              const Block *b)
{
  const Line *l = &lines[b->first_line];

  if (b->first_line == 0 || lines[b->first_line - 1].blank || lines[b->first_line - 1].symbol_only)
    return FALSE;
  for (gsize i = l->start; i < l->end; i++)
    if (str[i] != '=' && str[i] != '-' && !is_space_byte (str[i]))
      return FALSE;
  return TRUE;
}

static void
find_duplicates (Block *blocks,
                 guint  n_blocks,
                 const Line *lines)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_blocks; i++)
    {
      Block *b = &blocks[i];
      Block *first;

      if (b->n_words < DUPLICATE_MIN_WORDS)
        continue;
      first = g_hash_table_lookup (seen, b->norm);
      if (first == NULL)
        {
          g_hash_table_insert (seen, b->norm, b);
          continue;
        }
      b->same_as = first->first_line + 1;
      flag (b, CAT_DUPLICATE_PARAGRAPH, 0.9, ZONE_BODY);
    }
}

/* Reads the head: returns the index of the first body block. */
static guint
judge_head (const char *str,
            const Line *lines,
            Block      *blocks,
            guint       n_blocks)
{
  const Block *title = NULL;
  guint skipped = 0;
  guint i;

  for (i = 0; i < n_blocks && i < HEAD_MAX_BLOCKS; i++)
    {
      Block *b = &blocks[i];

      if (title != NULL && b->n_words > 0 && g_str_equal (b->norm, title->norm))
        {
          b->same_as = title->first_line + 1;
          flag (b, CAT_DUPLICATE_TITLE, 0.95, ZONE_HEAD);
          continue;
        }
      if (b->flagged != CAT_NONE)
        continue;
      if (b->symbol_only)
        {
          if (!is_underline (str, lines, b))
            flag (b, CAT_SEPARATOR, 0.95, ZONE_HEAD);
          continue;
        }
      if ((block_strong (b) && (b->n_words <= HEAD_MAX_WORDS || b->total >= 1.5)) ||
          (block_weak (b) && i > 0 && blocks[i - 1].flagged != CAT_NONE &&
                               blocks[i - 1].flagged != CAT_DUPLICATE_TITLE))
        {
          flag (b, b->best, confidence_of (b->total), ZONE_HEAD);
          continue;
        }
      if (b->n_words <= 15 && skipped < HEAD_MAX_SKIPPED && b->total < WEAK_SCORE)
        {
          if (title == NULL)
            title = b;
          skipped++;
          continue;
        }
      break;
    }

  return i;
}

/* Reads the footer: the longest run of compatible blocks at the end that
 * starts with a strong one (or a separator leading to one). */
static guint
judge_footer (Block *blocks,
              guint  n_blocks,
              guint  body_start)
{
  guint run_start = n_blocks;
  guint footer_start = n_blocks;
  gboolean strong_after = FALSE;

  while (run_start > body_start && block_compatible (&blocks[run_start - 1]))
    run_start--;

  for (guint i = n_blocks; i > run_start; i--)
    {
      Block *b = &blocks[i - 1];

      if (block_strong (b) && b->flagged == CAT_NONE)
        {
          strong_after = TRUE;
          footer_start = i - 1;
        }
      else if (b->symbol_only && strong_after)
        footer_start = i - 1;
    }

  for (guint i = footer_start; i < n_blocks; i++)
    if (blocks[i].flagged == CAT_NONE)
      flag_by_evidence (&blocks[i], ZONE_FOOTER);

  return footer_start;
}

static void
judge_body (Block *blocks,
            guint  from,
            guint  to)
{
  for (guint i = from; i < to; i++)
    {
      Block *b = &blocks[i];

      if (b->flagged == CAT_NONE && !b->symbol_only &&
          b->total >= BODY_SCORE && b->n_words <= BODY_MAX_WORDS)
        flag (b, b->best, confidence_of (b->total) - 0.1, ZONE_BODY);
    }
}

/* ------------------------------------------------------------------------
 * Findings
 * ------------------------------------------------------------------------ */

static char *
describe (const Block *b)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  Category cat = b->flagged;

  if (cat == CAT_DUPLICATE_TITLE)
    g_ptr_array_add (parts, g_strdup_printf (C_("boilerplate", "the same as the title on line %u"), b->same_as));
  else if (cat == CAT_DUPLICATE_PARAGRAPH)
    g_ptr_array_add (parts, g_strdup_printf (C_("boilerplate", "the same as the paragraph on line %u"), b->same_as));
  else if (cat == CAT_SEPARATOR)
    g_ptr_array_add (parts, g_strdup (C_("boilerplate", "only symbols")));
  else
    {
      for (guint i = 0; i < MAX_EVIDENCE && b->phrases[cat][i] != NULL; i++)
        g_ptr_array_add (parts, g_strdup_printf (C_("boilerplate", "“%s”"), b->phrases[cat][i]));
      if (b->cta > 0 || b->imperative)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a call to action")));
      if (b->links > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a link")));
      if (b->handles > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "an account name or hashtag")));
      if (b->pictographs > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "arrows or emoji")));
      if (b->copyright)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a copyright sign")));
      if (parts->len == 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a short line")));
    }

  if (b->zone == ZONE_HEAD && cat != CAT_DUPLICATE_TITLE)
    g_ptr_array_add (parts, g_strdup (C_("boilerplate", "at the head of the text")));
  else if (b->zone == ZONE_FOOTER)
    g_ptr_array_add (parts, g_strdup (C_("boilerplate", "in the closing lines of the text")));

  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv (C_("boilerplate", ", "), (char **) parts->pdata);
    /* TRANSLATORS: "Donation appeal: “PayPal”, a call to action" */
    return g_strdup_printf (C_("boilerplate", "%s: %s"), g_dpgettext2 (GETTEXT_PACKAGE, "boilerplate", categories[cat].label), joined);
  }
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  EpureBoilerplateChecker *self = EPURE_BOILERPLATE_CHECKER (checker);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GPtrArray) word_ptrs = NULL;
  g_autoptr(GArray) quotes = NULL;
  double threshold = self->threshold;
  const Line *line_data;
  Block *bd;
  guint n_blocks, body_start, footer_start;
  gsize len;
  const char *str = epure_text_get_string (text, &len);

  if (self->lexicon == NULL)
    {
      g_propagate_error (error, g_error_copy (self->load_error));
      return NULL;
    }

  lines = split_lines (str, len);
  line_data = (const Line *) (gpointer) lines->data;
  blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &line_data[i];
      Block b;

      if (l->blank)
        continue;
      if (blocks->len > 0 && i > 0 && !line_data[i - 1].blank &&
          line_continues (str, &line_data[i - 1], l))
        {
          Block *last = &g_array_index (blocks, Block, blocks->len - 1);
          last->last_line = i;
          last->end = l->end;
          continue;
        }
      memset (&b, 0, sizeof b);
      b.first_line = b.last_line = i;
      b.start = l->start;
      b.end = l->end;
      b.symbol_only = l->symbol_only;
      b.flagged = CAT_NONE;
      g_array_append_val (blocks, b);
    }

  folded = g_string_sized_new (256);
  words = g_array_new (FALSE, FALSE, sizeof (EpureLexiconWord));
  word_ptrs = g_ptr_array_new ();
  quotes = g_array_new (FALSE, FALSE, sizeof (gsize));
  bd = (Block *) (gpointer) blocks->data;
  n_blocks = blocks->len;

  for (guint i = 0; i < n_blocks; i++)
    {
      /* Leading and trailing spaces are not part of the block. */
      while (bd[i].start < bd[i].end && is_space_byte (str[bd[i].start]))
        bd[i].start++;
      while (bd[i].end > bd[i].start && is_space_byte (str[bd[i].end - 1]))
        bd[i].end--;
      analyse_block (self->lexicon, str, &bd[i], folded, words, word_ptrs, quotes);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (guint i = 0; i < n_blocks; i++)
        g_free (bd[i].norm);
      return NULL;
    }

  find_duplicates (bd, n_blocks, line_data);
  body_start = judge_head (str, line_data, bd, n_blocks);
  footer_start = judge_footer (bd, n_blocks, body_start);
  judge_body (bd, body_start, footer_start);

  for (guint i = 0; i < n_blocks; i++)
    {
      Block *b = &bd[i];
      EpureFinding *finding;
      g_autofree char *message = NULL;

      if (b->flagged != CAT_NONE)
        {
          message = describe (b);
          finding = epure_finding_new (CHECKER_ID, categories[b->flagged].rule,
                                       EPURE_CATEGORY_BOILERPLATE,
                                       line_data[b->first_line].start, line_data[b->last_line].end,
                                       message);
          epure_finding_set_severity (finding, EPURE_SEVERITY_WARNING);
          epure_finding_set_confidence (finding, b->confidence);
          epure_finding_add_replacement (finding, "");
          epure_finding_set_automatic (finding, b->confidence >= threshold);
          g_ptr_array_add (findings, finding);
        }
      g_free (b->norm);
    }

  return g_steal_pointer (&findings);
}

/* ------------------------------------------------------------------------
 * Edits: whole lines, and the blank line they leave
 * ------------------------------------------------------------------------ */

static gboolean
blank_between (const char *str,
               gsize       from,
               gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (!is_space_byte (str[i]) && str[i] != '\n')
      return FALSE;
  return TRUE;
}

static gsize
line_start_of (const char *str,
               gsize       offset)
{
  while (offset > 0 && str[offset - 1] != '\n')
    offset--;
  return offset;
}

/* End of the blank line starting at @pos, or @pos if it is not blank. */
static gsize
skip_blank_line (const char *str,
                 gsize       len,
                 gsize       pos)
{
  gsize p = pos;

  while (p < len && is_space_byte (str[p]))
    p++;
  if (p < len && str[p] == '\n')
    return p + 1;
  return pos;
}

static EpureEdit *
create_edit (EpureChecker *checker,
             EpureText    *text,
             EpureFinding *finding,
             guint         replacement_index)
{
  gsize len;
  const char *str = epure_text_get_string (text, &len);
  gsize start = epure_finding_get_start (finding);
  gsize end = epure_finding_get_end (finding);

  if (g_strcmp0 (epure_finding_get_checker_id (finding), CHECKER_ID) != 0 ||
      start > end || end > len)
    return epure_finding_create_edit (finding, replacement_index);

  start = line_start_of (str, start);
  /* The line break of the last line goes with it. */
  while (end < len && str[end] != '\n')
    end++;
  if (end < len)
    end++;

  if (blank_between (str, end, len))
    {
      /* At the end: the blank lines before go too, the text ends with the
       * article's last line. */
      end = len;
      while (start > 0)
        {
          gsize prev = line_start_of (str, start - 1);
          if (!blank_between (str, prev, start))
            break;
          start = prev;
        }
    }
  else if (blank_between (str, 0, start))
    {
      /* At the start: the text begins with what follows. */
      start = 0;
      for (gsize next = skip_blank_line (str, len, end); next != end; next = skip_blank_line (str, len, end))
        end = next;
    }
  else if (start > 0)
    {
      /* In between: one blank run separates the neighbours. */
      gsize prev = line_start_of (str, start - 1);
      if (blank_between (str, prev, start))
        {
          start = prev;
          while (start > 0)
            {
              prev = line_start_of (str, start - 1);
              if (!blank_between (str, prev, start))
                break;
              start = prev;
            }
        }
    }

  return epure_edit_new (start, end, "");
}

/* ------------------------------------------------------------------------ */

static const char *
get_id (EpureChecker *checker)
{
  return CHECKER_ID;
}

static const char *
get_display_name (EpureChecker *checker)
{
  return _("Boilerplate");
}

static EpureCheckerScope
get_scope (EpureChecker *checker)
{
  return EPURE_CHECKER_SCOPE_DOCUMENT;
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->get_display_name = get_display_name;
  iface->get_scope = get_scope;
  iface->check = check;
  iface->create_edit = create_edit;
}
