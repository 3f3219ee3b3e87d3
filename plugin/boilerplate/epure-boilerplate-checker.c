/* epure-boilerplate-checker.c: text that is not part of the article (share
 * prompts, newsletter and donation appeals, source links, separators,
 * repeated titles and paragraphs, cookie banners, author bios…).
 *
 * The text is cut into blocks (lines, or the lines of one hard-wrapped
 * paragraph).  Each block gathers evidence: lexicon phrases with weights
 * (dictionaries/boilerplate-*.txt), calls to action, the publication
 * speaking to its reader, questions put to the reader, links, handles,
 * arrows and emoji, breadcrumbs and menus, symbol-only rows,
 * counter-evidence of article prose, and its length.
 *
 * Position decides how much evidence is needed.  A footer is the run of
 * blocks at the end that starts with a clearly boilerplate block that has
 * a voice (it addresses the reader, points somewhere, or is mostly a
 * label), with several weaker ones, with a separator, or with a shift from
 * third-person prose to blocks that address the reader; once it has
 * started, the blocks after it only need to be compatible with it (e-mail
 * signature detectors work this way), and the clear ones lend confidence
 * to the others.  The head is read the same way from the top, past the
 * title, byline and date.  The body needs far more, and headlines that
 * merely mention a newsletter or a donation are left alone.  Evidence
 * inside quotations does not count, so an article quoting « partagez »
 * keeps its body.  Paragraphs that appear twice are found anywhere.
 *
 * Only the blocks a rule looks at are analysed: long body paragraphs,
 * most of a text's bytes, are never tokenized.
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
#define EXTEND_SCORE 0.7   /* joins a footer just after it */
#define FOOTER_BONUS 0.4   /* confidence a confirmed footer lends its blocks */
#define FOOTER_SUM   1.5   /* weak blocks closing a text, together */
#define VOICE_MAX_WORDS 35  /* a reader-addressing block, not a paragraph */
#define MENU_MAX_WORDS 12
#define UNVOICED_SCORE 1.5 /* opens a footer without a voice */
#define BODY_SCORE   1.8   /* flags a short block in the body */
#define BODY_MAX_WORDS 15
#define MAX_WORDS    60    /* longer blocks are prose */
#define SHORT_WORDS  10    /* a short line may close a footer ("Merci !") */
#define HEAD_MAX_BLOCKS 8
#define HEAD_MAX_WORDS 20  /* longer head blocks need more evidence */
#define TITLE_MAX_WORDS 30
#define HEAD_MAX_SKIPPED 3 /* title, byline, date before the head's boilerplate */
#define DUPLICATE_MIN_WORDS 6
#define APPROX_WORDS_CAP (2 * BODY_MAX_WORDS + 1)
#define CATEGORY_CAP 3.0
#define MAX_EVIDENCE 2
#define QUOTE_MIN_WORDS 4  /* shorter quotations are labels, not speech */
/* A line this long that stops mid-sentence was wrapped by an editor. */
#define WRAP_WIDTH 65
#define WRAP_MAX 100
/* A run of lines this long is article prose (create_edit). */
#define PARAGRAPH_MIN_BYTES 80

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

  guint approx_words;  /* runs of non-spaces, known before analysis */
  gboolean analysed;   /* the evidence below is only gathered when needed */
  guint n_words;
  guint n_covered;     /* words inside matched phrases */
  double score[N_CATEGORIES];
  const char *phrases[N_CATEGORIES][MAX_EVIDENCE];
  double cta;
  double content;
  guint links;
  guint handles;
  guint pictographs;
  guint crumbs;       /* " > ", " › ", " / ", " | ", " · ": a breadcrumb or a menu */
  guint prices;       /* € and £ signs: offers are priced, in ads */
  gboolean asks_reader;  /* a question put to the reader */
  gboolean menu;         /* a breadcrumb trail, a menu or a toolbar */
  guint quoted_hits;
  const EpureLexiconEntry *seen[16];  /* an entry counts once a block */
  guint n_seen;
  gboolean imperative;
  gboolean speaks_to_reader;  /* "nous" talking to "vous": the publisher */
  gboolean personal;          /* a first or second person outside quotes */
  gboolean anchored;          /* a phrase that must open or close a block matched */
  gboolean symbol_only;
  gboolean copyright;
  gboolean parenthetical;     /* "(avec AFP)", "[with Reuters]": a credit */
  gboolean per_period;        /* a price per month or per year */
  gboolean name_role;         /* "Thomas Garnier est urbaniste…" */
  gboolean label_line;        /* "Publié dans : Économie, Emploi" */
  gboolean listed;            /* one of a list of headlines or of buttons */
  gboolean postscript;        /* "P.S. …", "PS : les inscriptions…" */
  gboolean counter;           /* "Commentaires (12)", "Responses (14)" */
  char *norm;         /* folded words joined by spaces */
  gsize norm_len;

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
  gboolean debug;     /* EPURE_DEBUG=boilerplate prints each block's evidence */
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
  self->debug = g_strcmp0 (g_getenv ("EPURE_DEBUG"), CHECKER_ID) == 0;
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
  gboolean fleuron = FALSE;   /* ⁂ ❧ ✻: one is a separator already */

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        return FALSE;
      if (!g_unichar_isspace (c) && c != 0xFE0F && c != 0x200D)
        visible++;
      if (c >= 0x2000 && !g_unichar_isspace (c))
        fleuron = TRUE;
      p = g_utf8_next_char (p);
    }
  /* "-- " alone is the signature delimiter of e-mail and Usenet. */
  return visible >= 3 || (visible >= 1 && fleuron) ||
         (visible == 2 && len >= 2 && s[0] == '-' && s[1] == '-');
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

/* Characters in [s, s + len), counting no further than @limit + 1. */
static gsize
utf8_length_bounded (const char *s,
                     gsize       len,
                     gsize       limit)
{
  gsize chars = 0;

  if (len <= limit)
    {
      for (gsize i = 0; i < len; i++)
        chars += ((guchar) s[i] & 0xC0) != 0x80;
      return chars;
    }
  for (gsize i = 0; i < len && chars <= limit; i++)
    chars += ((guchar) s[i] & 0xC0) != 0x80;
  return chars;
}

/* Wrapped by an editor: no line much longer than the wrap width, and
 * several lines near it that run on into the next. */
static gboolean
text_is_wrapped (const char *str,
                 const Line *lines,
                 guint       n_lines)
{
  guint near_width = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      gsize bytes = lines[i].end - lines[i].start;
      gsize chars;

      if (bytes < WRAP_WIDTH)
        continue;
      chars = utf8_length_bounded (str + lines[i].start, bytes, WRAP_MAX);

      if (chars > WRAP_MAX)
        return FALSE;
      if (chars >= WRAP_WIDTH && i + 1 < n_lines && !lines[i + 1].blank)
        near_width++;
    }
  return near_width >= 2;
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

/* A hard-wrapped paragraph goes on with a lower-case letter, or, in a
 * text wrapped by an editor, after a long line that stops mid-sentence. */
static gboolean
line_continues (const char *str,
                const Line *prev,
                const Line *cur,
                gboolean    wrapped)
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
  return wrapped && g_unichar_isalnum (first) && (g_unichar_isalnum (last) || last == ',') &&
         utf8_length_bounded (str + prev->start, prev->end - prev->start, WRAP_WIDTH) >= WRAP_WIDTH;
}

/* ------------------------------------------------------------------------
 * Evidence
 * ------------------------------------------------------------------------ */

typedef struct
{
  Block *block;
  const EpureLexiconWord *words;
  const GArray *quotes;      /* pairs of gsize: quoted byte ranges */
  guint8 *covered;           /* one flag a word: inside a matched phrase */
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

  if (g_str_equal (entry->category, "content"))
    {
      b->content += entry->weight;
      return;
    }
  for (guint i = 0; i < entry->n_words; i++)
    data->covered[first_word + i] = 1;
  if (entry->anchor_start || entry->anchor_end)
    b->anchored = TRUE;
  if (g_str_equal (entry->category, "cta"))
    {
      b->cta += entry->weight;
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

/* Byte ranges between « », “ ” or straight double quotes, of a few words
 * at least. */
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
      guchar lead = *p;
      gunichar c;
      gsize at = p - s;

      /* « » are C2 xx, “ ” „ are E2 80 xx: skip everything else fast. */
      if (lead != '"' && lead != 0xC2 && lead != 0xE2)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char (p);

      if (!open && (c == 0x00AB || c == 0x201C || c == 0x201E || c == '"'))
        {
          open = TRUE;
          g_array_append_val (quotes, at);
        }
      else if (open && (c == 0x00BB || c == 0x201D || c == '"'))
        {
          gsize from = g_array_index (quotes, gsize, quotes->len - 1);
          guint spaces = 0;

          open = FALSE;
          for (gsize k = from; k < at; k++)
            spaces += s[k] == ' ';
          /* « J’accepte » names a button; speech is longer. */
          if (spaces < QUOTE_MIN_WORDS)
            g_array_set_size (quotes, quotes->len - 1);
          else
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

          gsize left = stop - p;

          if ((c == 'h' && ((left > 7 && strncmp (p, "http://", 7) == 0) ||
                            (left > 8 && strncmp (p, "https://", 8) == 0))) ||
              (c == 'w' && word_start && left > 4 && strncmp (p, "www.", 4) == 0))
            {
              b->links++;
              while (p < stop && !g_ascii_isspace (*p))
                p++;
              continue;
            }
          if ((c == '@' || c == '#') && p + 1 < stop && g_ascii_isalpha (p[1]) &&
              (word_start || (c == '@' && p > s + b->start)))
            b->handles++;
          if (c == '$' && ((p + 1 < stop && g_ascii_isdigit (p[1])) || (p > s + b->start && g_ascii_isdigit (p[-1]))))
            b->prices++;
          if ((c == '>' || c == '/' || c == '|') && p > s + b->start && p[-1] == ' ' && p + 1 < stop && p[1] == ' ')
            b->crumbs++;
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

          if ((u == 0x203A || u == 0x00B7) && p > s + b->start && p[-1] == ' ')
            b->crumbs++;
          if (is_pictograph (u))
            b->pictographs++;
          else if (u == 0x00A9)
            b->copyright = TRUE;
          else if (u == 0x20AC || u == 0x00A3)  /* € £ */
            b->prices++;
          p = g_utf8_next_char (p);
        }
    }
}

/* The publication addressing its reader is the voice of boilerplate;
 * article prose reports in the third person.  Called on every word of the
 * analysed blocks: the first letter decides before any comparison. */
static gboolean
is_reader_word (const char *w)
{
  switch (w[0])
    {
    case 'v': return strcmp (w, "vous") == 0 || strcmp (w, "votre") == 0 || strcmp (w, "vos") == 0;
    case 'y': return strcmp (w, "you") == 0 || strcmp (w, "your") == 0;
    default: return FALSE;
    }
}

static gboolean
is_publisher_word (const char *w)
{
  switch (w[0])
    {
    case 'n': return strcmp (w, "nous") == 0 || strcmp (w, "notre") == 0 || strcmp (w, "nos") == 0 ||
                     strcmp (w, "newsroom") == 0;
    case 'j': return w[1] == '\0' || strcmp (w, "je") == 0;
    case 'm': return strcmp (w, "mon") == 0 || strcmp (w, "ma") == 0 || strcmp (w, "mes") == 0 ||
                     strcmp (w, "my") == 0;
    case 'w': return strcmp (w, "we") == 0;
    case 'o': return strcmp (w, "our") == 0;
    case 'u': return strcmp (w, "us") == 0;
    /* The publisher naming itself: "la rédaction", "the newsroom", "ce blog". */
    case 'r': return strcmp (w, "redaction") == 0;
    case 'b': return strcmp (w, "blog") == 0;
    default: return FALSE;
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

/* Words that cannot be an imperative even at a sentence start, or that
 * make one ambiguous: French names in -ez, English function words. */
static gboolean
word_in (const char         *w,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (w, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const fr_clitics[] = {
  "le", "la", "les", "l", "nous", "vous", "moi", "m", "en", "y", "lui", "leur", "toi", NULL
};

/* What follows a French imperative in a call to action: an object, a
 * place, a partner ("Transférez-le à", "recevez le meilleur", "rendez-vous
 * sur"); what follows a name in -ez is a verb ("Martinez a"). */
static const char * const fr_after_imperative[] = {
  "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "a", "au", "aux", "notre", "nos",
  "votre", "vos", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "en", "sur", "par", "dans",
  "nous", "vous", "moi", "ici", "gratuitement", "des", "tout", "toutes", "tous", "via", "avec",
  "pour", "chez", "sans", NULL
};

static const char * const en_after_imperative[] = {
  "your", "us", "me", "this", "it", "our", "my", "up", "them", "a", "an", "if", NULL
};

/* Sentence-initial English words that are not verbs. */
static const char * const en_not_verbs[] = {
  "in", "on", "at", "for", "with", "by", "from", "after", "before", "during", "about", "over",
  "under", "like", "as", "if", "when", "while", "once", "since", "until", "though", "although",
  "because", "so", "but", "and", "or", "nor", "yet", "then", "now", "today", "yesterday", "still",
  "only", "just", "even", "also", "not", "such", "what", "how", "why", "where", "there", "here",
  "is", "was", "are", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
  "would", "can", "could", "should", "may", "might", "must", "he", "she", "they", "we", "i",
  "you", "that", "these", "those", "each", "every", "all", "some", "many", "most", "more", "few",
  "no", "one", "without", "within", "against", "despite", "among", "between", "into", "onto",
  "upon", "via", "per", "to", "of", "last", "next", "this", "it", "its", "his", "her", "their",
  "nearly", "almost", "around", "about", "roughly", "meanwhile", "later", "earlier", "already",
  "finally", "first", "second", "third", "instead", "again", "never", "always", "often", "once",
  NULL
};

/* Markers of French in a block: "a" is then a verb ("Marion a signé"),
 * not an article. */
static const char * const fr_markers[] = {
  "le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "vous", "il", "elle", "qui",
  "que", "pas", "en", "au", "aux", "ce", "sur", "ne", NULL
};

/* Is there a sentence boundary (or the block's start) before word @i?
 * Arrows and emoji open a call to action as a full stop does
 * ("👉 Abonnez-vous"); a comma is enough in French ("Chaque vendredi,
 * recevez…"), where the imperative's ending is unambiguous. */
static gboolean
opens_clause (const char             *str,
              const EpureLexiconWord *words,
              guint                   i,
              gsize                   block_start,
              gboolean                comma)
{
  const char *p = str + (i == 0 ? block_start : words[i - 1].end);
  const char *stop = str + words[i].start;

  if (i == 0)
    return TRUE;
  while (p < stop)
    {
      guchar c = *p;

      /* A bar between items of a banner separates like a full stop. */
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '|' || (comma && c == ','))
        return TRUE;
      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char (p);

          if (is_pictograph (u) || u == 0x2026 || u == 0x00B7 || u == 0x2022)
            return TRUE;
          p = g_utf8_next_char (p);
          continue;
        }
      p++;
    }
  return FALSE;
}

/* "Partagez-vous ces priorités ?", "Pouvez-vous…?": the verb and its
 * subject inverted, then a question mark before the sentence ends, is a
 * question, not the imperative "Abonnez-vous." */
static gboolean
inverted_question (const char             *str,
                   const EpureLexiconWord *words,
                   const char * const     *w,
                   guint                   i,
                   guint                   n,
                   gsize                   block_end)
{
  if (i + 1 >= n || str[words[i].end] != '-' || words[i + 1].start != words[i].end + 1 ||
      (strcmp (w[i + 1], "vous") != 0 && strcmp (w[i + 1], "nous") != 0))
    return FALSE;
  for (gsize k = words[i + 1].end; k < block_end; k++)
    {
      if (str[k] == '?')
        return TRUE;
      if (str[k] == '.' || str[k] == '!' || str[k] == ':' || str[k] == ';')
        return FALSE;
    }
  return FALSE;
}

/* Second-person imperatives opening a clause anywhere in the block, the
 * grammar of a call to action: "Cet article vous a plu ? Transférez-le",
 * "Dites-le-nous", "Leave a comment", "Get your free guide".  Words
 * inside quotations are someone's speech. */
static gboolean
has_imperative (const char             *str,
                const EpureLexiconWord *words,
                const char * const     *w,
                guint                   n,
                gsize                   block_start,
                gsize                   block_end,
                const GArray           *quotes,
                gboolean                labelled)
{
  gboolean french = FALSE;
  /* Before the imperative, the block already spoke to the reader or asked
   * a question ("Cet article vous a plu ? Transférez-le"), or said little
   * ("Chaque vendredi, recevez…"); after third-person news it gives
   * practical details ("Le club recrute : inscrivez-vous auprès du…"). */
  gboolean voiced = labelled;   /* "Sponsorisé · Assurance : comparez…" */

  for (guint i = 0; i < n && !french; i++)
    french = word_in (w[i], fr_markers);

  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (w[i]);
      gboolean hyphen_clitic;

      if (i > 0)
        {
          for (const char *p = str + words[i - 1].end; p < str + words[i].start; p = g_utf8_next_char (p))
            if (*p == '?' || ((guchar) *p >= 0x80 && is_pictograph (g_utf8_get_char (p))))
              voiced = TRUE;
          if ((is_reader_word (w[i - 1]) || is_publisher_word (w[i - 1])) &&
              !in_quotes (quotes, words[i - 1].start))
            voiced = TRUE;
        }
      if (i + 1 >= n)
        break;
      if (!opens_clause (str, words, i, block_start, TRUE) || (i > 2 && !voiced))
        continue;
      if (in_quotes (quotes, words[i].start))
        continue;
      /* "Transférez-le", "Dites-le-nous", "Abonnez-vous", "Allez-y". */
      hyphen_clitic = str[words[i].end] == '-' && words[i + 1].start == words[i].end + 1 &&
                      word_in (w[i + 1], fr_clitics);
      if (len >= 5 && g_str_has_suffix (w[i], "ez") && strcmp (w[i], "assez") != 0 &&
          strcmp (w[i], "rendez") != 0)
        {
          if (inverted_question (str, words, w, i, n, block_end))
            continue;
          if (hyphen_clitic)
            return TRUE;
          /* Nothing but spaces before the object. */
          if (words[i + 1].start > words[i].end &&
              g_ascii_isspace (str[words[i].end]) && words[i + 1].start - words[i].end <= 2 &&
              word_in (w[i + 1], fr_after_imperative))
            return TRUE;
          continue;
        }
      if (hyphen_clitic && (strcmp (w[i], "dites") == 0 || strcmp (w[i], "faites") == 0))
        return TRUE;
      /* English: a capitalised clause opener followed by its object. */
      if (!french && g_ascii_isupper (str[words[i].start]) &&
          opens_clause (str, words, i, block_start, FALSE) && len >= 3 &&
          !word_in (w[i], en_not_verbs) && !g_str_has_suffix (w[i], "ly") && g_ascii_isspace (str[words[i].end]) &&
          words[i + 1].start - words[i].end == 1 && word_in (w[i + 1], en_after_imperative))
        return TRUE;
    }
  return FALSE;
}

/* A number followed within three words by a period: "4 € par mois",
 * "5 dollars a month", "50 € par an". */
static gboolean
priced_per_period (const char * const *w,
                   guint               n)
{
  static const char * const periods[] = {
    "mois", "an", "annee", "semaine", "month", "year", "week", "mo", "yr", "monthly", "mensuel", NULL
  };

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (w[i][0]))
        continue;
      for (guint k = i + 1; k < n && k <= i + 4; k++)
        if (word_in (w[k], periods))
          return TRUE;
    }
  return FALSE;
}

/* "Thomas Garnier est urbaniste…", "Maya Ortiz writes about…": a name
 * of two capitalised words, then what the person is or does, in the
 * present tense; the grammar of an author's bio. */
static gboolean
opens_with_name_and_role (const char             *str,
                          const EpureLexiconWord *words,
                          const char * const     *w,
                          guint                   n)
{
  static const char * const roles[] = {
    "est", "enseigne", "travaille", "vit", "ecrit", "couvre", "dirige", "anime", "collabore",
    "is", "writes", "teaches", "works", "lives", "covers", "reports", "edits", "hosts", NULL
  };
  guint k;

  if (n < 4 || n > VOICE_MAX_WORDS)
    return FALSE;
  for (k = 0; k < 3 && k < n; k++)
    {
      gunichar c = g_utf8_get_char (str + words[k].start);

      if (!g_unichar_isupper (c))
        break;
    }
  /* Two or three capitalised words, then the verb. */
  return k >= 2 && k < n && word_in (w[k], roles);
}

/* "Publié dans : Économie, Emploi", "Filed under: Travel, Walking": a
 * label of one to three words, a colon, then a list of short items and
 * no sentence. */
static gboolean
is_label_line (const char             *str,
               const Block            *b,
               const EpureLexiconWord *words,
               guint                   n)
{
  const char *colon;
  guint before = 0, commas = 0;
  gunichar last;

  if (n < 2 || n > 10 || b->first_line != b->last_line)
    return FALSE;
  colon = memchr (str + b->start, ':', b->end - b->start);
  if (colon == NULL)
    return FALSE;
  while (before < n && str + words[before].end <= colon)
    before++;
  if (before == 0 || before > 3 || before == n)
    return FALSE;
  for (const char *p = colon; p < str + b->end; p++)
    commas += *p == ',' || *p == '|';
  last = last_visible_char (str, b->start, b->end);
  return commas >= 1 && n - before <= 3 * (commas + 1) && last != '.' && last != '!' && last != '?';
}

/* A widget's counter: one or two words and a number in brackets,
 * "Commentaires (12)", "Responses (14)", "Réactions (3)". */
static gboolean
is_counter (const char *s,
            gsize       len,
            guint       n_words)
{
  gsize i = len;

  if (n_words < 2 || n_words > 3 || len < 4 || s[len - 1] != ')')
    return FALSE;
  i = len - 1;
  while (i > 0 && g_ascii_isdigit (s[i - 1]))
    i--;
  if (i == len - 1 || i == 0 || s[i - 1] != '(')
    return FALSE;
  return i >= 2 && s[i - 2] == ' ';
}

/* A postscript: "P.S.", "P.-S.", or "PS :" before a lower-case word
 * (not the French party: « PS : Olivier Faure réélu »). */
static gboolean
opens_postscript (const char *s,
                  gsize       len)
{
  if ((len > 4 && strncmp (s, "P.S.", 4) == 0) || (len > 5 && strncmp (s, "P.-S.", 5) == 0))
    return TRUE;
  if (len > 6 && strncmp (s, "PS", 2) == 0)
    {
      gsize i = 2;

      while (i < len && s[i] == ' ')
        i++;
      if (i < len && s[i] == ':')
        {
          i++;
          while (i < len && s[i] == ' ')
            i++;
          return i < len && g_unichar_islower (g_utf8_get_char_validated (s + i, len - i));
        }
    }
  return FALSE;
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
               GArray       *quotes,
               GByteArray   *covered)
{
  MatchData data;
  double best = 0;
  gboolean publisher_voice = FALSE;

  g_string_truncate (folded, 0);
  g_array_set_size (words, 0);
  epure_lexicon_tokenize (str + b->start, b->end - b->start, folded, words);
  b->n_words = words->len;

  g_ptr_array_set_size (word_ptrs, 0);
  for (guint i = 0; i < words->len; i++)
    {
      EpureLexiconWord *w = &g_array_index (words, EpureLexiconWord, i);

      /* Offsets relative to the text, for quotes and messages. */
      w->start += b->start;
      w->end += b->start;
      g_ptr_array_add (word_ptrs, folded->str + w->folded);
    }
  /* The folded words, NUL-separated, become the comparable form of what
   * may be a title (only titles are compared this way). */
  if (words->len <= TITLE_MAX_WORDS)
    {
      char *norm;

      b->norm_len = folded->len > 0 ? folded->len - 1 : 0;
      norm = g_memdup2 (folded->str, b->norm_len + 1);
      for (gsize i = 0; i < b->norm_len; i++)
        if (norm[i] == '\0')
          norm[i] = ' ';
      norm[b->norm_len] = '\0';
      b->norm = norm;
    }

  find_quotes (str, b->start, b->end, quotes);
  data.block = b;
  data.words = (const EpureLexiconWord *) (gpointer) words->data;
  data.quotes = quotes;
  /* Scratch from the caller: a one-line text can have millions of words. */
  g_byte_array_set_size (covered, words->len + 1);
  memset (covered->data, 0, words->len + 1);
  data.covered = covered->data;
  epure_lexicon_match (lexicon, (const char * const *) word_ptrs->pdata, words->len, on_match, &data);
  /* Numbers (dates, prices) say nothing either way. */
  for (guint i = 0; i < words->len; i++)
    b->n_covered += data.covered[i] || g_ascii_isdigit (((const char *) g_ptr_array_index (word_ptrs, i))[0]);

  {
    gboolean reader = FALSE, publisher = FALSE;

    for (guint i = 0; i < words->len && !(reader && publisher); i++)
      {
        const char *w = g_ptr_array_index (word_ptrs, i);

        gboolean is_reader = is_reader_word (w);

        if (!is_reader && !is_publisher_word (w))
          continue;
        if (in_quotes (quotes, g_array_index (words, EpureLexiconWord, i).start))
          continue;
        if (is_reader)
          reader = TRUE;
        else
          publisher = TRUE;
      }
    b->speaks_to_reader = reader && publisher;
    publisher_voice = publisher;
    b->personal = reader || publisher;
    /* "Et vous, qu'en pensez-vous ?", "Have you tried it? Let me know". */
    b->asks_reader = reader && words->len <= 40 &&
                     memchr (str + b->start, '?', b->end - b->start) != NULL;
  }

  scan_marks (str, b);
  b->imperative = words->len > 0 &&
                  !in_quotes (quotes, g_array_index (words, EpureLexiconWord, 0).start) &&
                  starts_with_imperative (g_ptr_array_index (word_ptrs, 0)) &&
                  !inverted_question (str, (const EpureLexiconWord *) (gpointer) words->data,
                                      (const char * const *) word_ptrs->pdata, 0, words->len, b->end);
  if (!b->imperative)
    b->imperative = has_imperative (str, (const EpureLexiconWord *) (gpointer) words->data,
                                    (const char * const *) word_ptrs->pdata, words->len, b->start, b->end,
                                    quotes, b->anchored);
  /* An imperative speaks to the reader as "vous" does: "Suivez notre
   * couverture" is the publisher's voice. */
  if (b->imperative && publisher_voice)
    b->speaks_to_reader = TRUE;
  /* "Have a question for our vet? Send it to…" asks the reader too. */
  if (b->imperative && b->n_words <= 40 && memchr (str + b->start, '?', b->end - b->start) != NULL &&
      !in_quotes (quotes, g_array_index (words, EpureLexiconWord, 0).start))
    b->asks_reader = TRUE;
  if (b->copyright)
    b->score[CAT_OTHER] += 0.8;
  /* A few words alone between brackets: the credit of an agency or a
   * source, not a sentence. */
  b->parenthetical = words->len >= 1 && words->len <= 5 && b->end - b->start >= 3 &&
                     (str[b->start] == '(' || str[b->start] == '[') &&
                     (str[b->end - 1] == ')' || str[b->end - 1] == ']');
  if (b->parenthetical)
    b->score[CAT_SOURCE_LINK] += 0.4;
  b->counter = is_counter (str + b->start, b->end - b->start, words->len);
  if (b->counter)
    b->score[CAT_COMMENT_PROMPT] += 0.3;
  b->postscript = opens_postscript (str + b->start, b->end - b->start);
  if (b->postscript)
    b->score[CAT_OTHER] += 0.5;
  b->label_line = is_label_line (str, b, (const EpureLexiconWord *) (gpointer) words->data, words->len);
  if (b->label_line)
    b->score[CAT_OTHER] += 0.3;
  b->name_role = opens_with_name_and_role (str, (const EpureLexiconWord *) (gpointer) words->data,
                                           (const char * const *) word_ptrs->pdata, words->len);
  if (b->name_role)
    b->score[CAT_AUTHOR_BIO] += 0.5;

  if (b->asks_reader)
    b->score[CAT_COMMENT_PROMPT] += 0.4;
  if (b->prices > 0)
    {
      /* A price per month or per year is a subscription or a regular
       * gift: "pour 4 € par mois", "$5 a month". */
      b->per_period = priced_per_period ((const char * const *) word_ptrs->pdata, words->len);
      if (b->per_period)
        b->score[CAT_DONATION] += 0.5;
      else
        b->score[CAT_AD] += 0.3;
    }

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

  /* "Accueil › Économie › Entreprises", "↗ Partager ✉ Envoyer 🖨 Imprimer":
   * a breadcrumb trail, a menu or a toolbar, not a sentence. */
  b->menu = (b->crumbs >= 2 || b->crumbs + b->pictographs >= 3) && words->len <= MENU_MAX_WORDS;
  /* "ACTUALITÉ | SOCIÉTÉ", "SPORT > RUGBY": a rubric, in capitals. */
  if (!b->menu && b->crumbs == 1 && words->len >= 2 && words->len <= 4)
    {
      gboolean lower = FALSE;

      for (const char *p = str + b->start; p < str + b->end && !lower; p = g_utf8_next_char (p))
        lower = g_unichar_islower (g_utf8_get_char (p));
      b->menu = !lower;
    }

  /* Cues without a category still say where a link points. */
  if (b->best == CAT_NONE)
    {
      if (b->handles > 0)
        b->best = CAT_SHARE;
      else if (b->links > 0)
        b->best = CAT_SOURCE_LINK;
      else if (b->menu)
        b->best = CAT_OTHER;
      else
        b->best = CAT_OTHER;
    }

  b->total = best + MIN (b->cta, 1.0) + b->content - length_penalty (b->n_words);
  if (b->imperative)
    b->total += 0.3;
  if (b->speaks_to_reader)
    b->total += 0.25;
  if (b->links > 0)
    b->total += b->links > 1 ? 0.45 : 0.3;
  if (b->handles > 0)
    b->total += 0.3;
  if (b->menu)
    b->total += 1.0;
  /* A line of hashtags or account names only. */
  if (b->handles >= 2 && b->handles * 2 >= b->n_words)
    b->total += 0.6;
  if (b->pictographs > 0)
    b->total += 0.25;
  /* An arrow opening or closing a short line marks a link or a button
   * ("← Épisode précédent : …", "Read the full report →"). */
  if (b->pictographs > 0 && b->n_words <= MENU_MAX_WORDS &&
      (is_pictograph (first_visible_char (str, b->start, b->end)) ||
       is_pictograph (last_visible_char (str, b->start, b->end))))
    b->total += 0.2;
  /* Quoted boilerplate words mark a block that reports speech. */
  if (b->quoted_hits > 0)
    b->total -= 0.5;
}

/* What analysing a block needs; scratch buffers are reused. */
typedef struct
{
  EpureLexicon *lexicon;
  const char   *str;
  GString      *folded;
  GArray       *words;
  GPtrArray    *word_ptrs;
  GArray       *quotes;
  GByteArray   *covered;
} Scan;

/* Most of a text's bytes are long body paragraphs that no rule can flag:
 * they are only analysed when a rule asks. */
static void
ensure_analysed (Scan  *scan,
                 Block *b)
{
  if (b->analysed)
    return;
  analyse_block (scan->lexicon, scan->str, b, scan->folded, scan->words, scan->word_ptrs, scan->quotes,
                 scan->covered);
  b->analysed = TRUE;
}

/* ------------------------------------------------------------------------
 * Decision
 * ------------------------------------------------------------------------ */

/* A headline or a subheading that mentions a donation, a newsletter or a
 * comment ("Faites un don : comment choisir son association"): no final
 * full stop, several words, and the phrases cover little of it. */
static gboolean
looks_like_heading (const char  *str,
                    const Block *b)
{
  gunichar last = last_visible_char (str, b->start, b->end);

  return last != '.' && last != '!' && b->n_words >= 5 && b->n_words <= HEAD_MAX_WORDS &&
         b->n_covered * 2 < b->n_words &&
         b->links == 0 && b->handles == 0 && b->pictographs == 0 && !b->copyright && !b->menu;
}

/* Boilerplate speaks to the reader, points somewhere or is mostly a
 * label ("Related articles");
 * a sentence about a newsletter in the third person may be the article's
 * own last words, and needs more evidence to open a footer. */
static gboolean
block_voiced (const Block *b)
{
  return b->personal || b->imperative || b->cta > 0 || b->links > 0 || b->handles > 0 || b->postscript ||
         b->pictographs > 0 || b->copyright || b->anchored || b->menu || b->n_covered * 2 >= b->n_words ||
         b->total >= UNVOICED_SCORE;
}

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

/* @bonus: how much the company of other footer blocks adds. */
static void
flag_by_evidence (Block  *b,
                  Zone    zone,
                  double  bonus)
{
  if (b->symbol_only)
    flag (b, CAT_SEPARATOR, 0.95, zone);
  else if (block_weak (b))
    flag (b, b->best, confidence_of (b->total + bonus), zone);
  else
    flag (b, b->best == CAT_AUTHOR_BIO ? CAT_AUTHOR_BIO : CAT_OTHER, 0.4 + bonus / 2, zone);
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

/* The same text, whatever the spaces: a pasted paragraph may have been
 * re-wrapped. */
static gboolean
same_text (const char *a,
           gsize       a_len,
           const char *b,
           gsize       b_len)
{
  gsize i = 0, j = 0;

  while (i < a_len && j < b_len)
    {
      gboolean sa = g_ascii_isspace (a[i]), sb = g_ascii_isspace (b[j]);

      if (sa != sb)
        return FALSE;
      if (sa)
        {
          while (i < a_len && g_ascii_isspace (a[i]))
            i++;
          while (j < b_len && g_ascii_isspace (b[j]))
            j++;
          continue;
        }
      if (a[i] != b[j])
        return FALSE;
      i++;
      j++;
    }
  return i == a_len && j == b_len;
}

/* FNV-1a over the text with runs of spaces as one space, so that it agrees
 * with same_text(). */
static guint32
text_hash (const char *s,
           gsize       len)
{
  guint32 h = 2166136261u;
  gboolean in_space = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (g_ascii_isspace (c))
        {
          if (in_space)
            continue;
          in_space = TRUE;
          c = ' ';
        }
      else
        in_space = FALSE;
      h = (h ^ c) * 16777619u;
    }
  return h;
}

typedef struct
{
  guint32 hash;
  guint index;
} HashedBlock;

static int
compare_hashed (gconstpointer a,
                gconstpointer b)
{
  const HashedBlock *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
mark_duplicate (const char  *str,
                Block       *blocks,
                const guint *candidates,
                guint        k)
{
  Block *b = &blocks[candidates[k]];

  for (guint j = 0; j < k; j++)
    {
      const Block *first = &blocks[candidates[j]];

      if (first->flagged == CAT_DUPLICATE_PARAGRAPH || str[first->start] != str[b->start] ||
          !same_text (str + first->start, first->end - first->start, str + b->start, b->end - b->start))
        continue;
      b->same_as = first->first_line + 1;
      flag (b, CAT_DUPLICATE_PARAGRAPH, 0.9, ZONE_BODY);
      return;
    }
}

/* A paragraph that appears twice: the second copy goes.  Long texts are
 * bucketed by hash so that the work stays linear. */
static void
find_duplicates (const char *str,
                 Block      *blocks,
                 guint       n_blocks)
{
  g_autoptr(GArray) hashed = NULL;
  g_autoptr(GArray) group = NULL;

  if (n_blocks <= 64)
    {
      guint all[64];

      for (guint i = 0; i < n_blocks; i++)
        all[i] = i;
      for (guint i = 1; i < n_blocks; i++)
        if (blocks[i].approx_words >= DUPLICATE_MIN_WORDS)
          mark_duplicate (str, blocks, all, i);
      return;
    }

  hashed = g_array_sized_new (FALSE, FALSE, sizeof (HashedBlock), n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    if (blocks[i].approx_words >= DUPLICATE_MIN_WORDS)
      {
        HashedBlock h = { text_hash (str + blocks[i].start, blocks[i].end - blocks[i].start), i };
        g_array_append_val (hashed, h);
      }
  g_array_sort (hashed, compare_hashed);

  group = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < hashed->len;)
    {
      guint j = i;

      g_array_set_size (group, 0);
      while (j < hashed->len && g_array_index (hashed, HashedBlock, j).hash == g_array_index (hashed, HashedBlock, i).hash)
        {
          g_array_append_val (group, g_array_index (hashed, HashedBlock, j).index);
          j++;
        }
      for (guint k = 1; k < group->len; k++)
        mark_duplicate (str, blocks, (const guint *) (gpointer) group->data, k);
      i = j;
    }
}

/* No lower-case letter: "🔴 ALERTE INFO", a banner's label. */
static gboolean
all_capitals (const char  *str,
              const Block *b)
{
  for (const char *p = str + b->start; p < str + b->end; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* "Par Julie Martin", "Auteur : Nicolas Perrin", "By Anna Keller": the
 * article's byline, which stays with it. */
static gboolean
is_byline (const char  *str,
           const Block *b)
{
  static const char * const openers[] = {
    "par", "by", "auteur", "auteure", "autrice", "author", "texte", "words", NULL
  };
  const char *p = str + b->start, *end = str + b->end;
  char first[16];
  gsize k = 0;
  guint names = 0;

  if (b->n_words < 2 || b->n_words > 6 || b->first_line != b->last_line)
    return FALSE;
  while (p < end && g_ascii_isalpha (*p) && k + 1 < sizeof first)
    first[k++] = g_ascii_tolower (*p++);
  first[k] = '\0';
  if (!word_in (first, openers))
    return FALSE;
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          if (!g_unichar_isupper (c))
            return FALSE;
          names++;
          while (p < end && !g_unichar_isspace (g_utf8_get_char (p)) && *p != ',')
            p = g_utf8_next_char (p);
          continue;
        }
      if (c == '.' || c == '!' || c == '?')
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return names >= 1;
}

/* Reads the head: returns the index of the first body block. */
static guint
judge_head (Scan       *scan,
            const Line *lines,
            Block      *blocks,
            guint       n_blocks)
{
  const char *str = scan->str;
  const Block *title = NULL;
  guint skipped = 0;
  guint i;

  /* A toolbar at the top: a paragraph of one-to-three-word lines with
   * enough evidence together ("PARTAGER / TWEETER / ENVOYER"), as weak
   * blocks together open a footer. */
  {
    guint k = 0, n_weak = 0;
    double sum = 0;

    while (k < n_blocks && k < HEAD_MAX_BLOCKS)
      {
        Block *b = &blocks[k];

        if (k > 0 && blocks[k - 1].last_line + 1 != b->first_line)
          break;
        ensure_analysed (scan, b);
        if (b->symbol_only || b->n_words == 0 || b->n_words > 3 || b->quoted_hits > 0 || b->content < 0)
          break;
        sum += b->total;
        n_weak += block_weak (b);
        k++;
      }
    if (k >= 2 && n_weak >= 2 && sum >= FOOTER_SUM &&
        (k == n_blocks || blocks[k].first_line > blocks[k - 1].last_line + 1))
      {
        Category shared = blocks[0].best;

        for (guint j = 0; j < k; j++)
          if (block_weak (&blocks[j]))
            shared = blocks[j].best;
        for (guint j = 0; j < k; j++)
          {
            blocks[j].listed = TRUE;
            flag (&blocks[j], block_weak (&blocks[j]) ? blocks[j].best : shared,
                  confidence_of (MAX (blocks[j].total, WEAK_SCORE) + FOOTER_BONUS), ZONE_HEAD);
          }
      }
  }

  for (i = 0; i < n_blocks && i < HEAD_MAX_BLOCKS; i++)
    {
      Block *b = &blocks[i];

      ensure_analysed (scan, b);
      if (title != NULL && b->norm != NULL && b->n_words > 0 && b->norm_len == title->norm_len &&
          memcmp (b->norm, title->norm, b->norm_len) == 0)
        {
          b->same_as = title->first_line + 1;
          flag (b, CAT_DUPLICATE_TITLE, 0.95, ZONE_HEAD);
          continue;
        }
      if (b->flagged != CAT_NONE)
        continue;
      if (b->symbol_only)
        {
          if (i == 0 || blocks[i - 1].flagged != CAT_NONE || !is_underline (str, lines, b))
            flag (b, CAT_SEPARATOR, 0.95, ZONE_HEAD);
          continue;
        }
      if ((block_strong (b) && (b->n_words <= HEAD_MAX_WORDS || b->total >= 1.5) &&
           !looks_like_heading (str, b)) ||
          (block_weak (b) && i > 0 && blocks[i - 1].flagged != CAT_NONE &&
                               blocks[i - 1].flagged != CAT_DUPLICATE_TITLE))
        {
          flag (b, b->best, confidence_of (b->total), ZONE_HEAD);
          continue;
        }
      /* A banner over the title: the first line calls to action with an
       * arrow, an emoji or a link ("🔴 EN DIRECT | Suivez notre…"). */
      if (i == 0 && block_weak (b) && b->n_words <= HEAD_MAX_WORDS && b->quoted_hits == 0 &&
          (b->imperative || b->speaks_to_reader || (b->n_words <= 4 && all_capitals (str, b))) &&
          (b->pictographs > 0 || b->links > 0 || b->handles > 0))
        {
          flag (b, b->best, confidence_of (b->total), ZONE_HEAD);
          continue;
        }
      /* Weak evidence right above clear head boilerplate is part of it
       * ("Listen to this article · 4 min" over a share bar). */
      if (block_weak (b) && !looks_like_heading (str, b) && b->n_words <= VOICE_MAX_WORDS &&
          i + 1 < n_blocks && i + 1 < HEAD_MAX_BLOCKS)
        {
          Block *next = &blocks[i + 1];

          ensure_analysed (scan, next);
          /* A longer block needs a voice and to touch it, line to line
           * (a consent banner over its buttons). */
          if (block_strong (next) && next->n_words <= HEAD_MAX_WORDS && !looks_like_heading (str, next) &&
              (b->n_words <= HEAD_MAX_WORDS ||
               (block_voiced (b) && b->quoted_hits == 0 && next->first_line == b->last_line + 1)))
            {
              flag (b, b->best, confidence_of (b->total), ZONE_HEAD);
              continue;
            }
        }
      /* The buttons under a banner: short, in its paragraph, no prose. */
      if (i > 0 && !is_byline (str, b) && blocks[i - 1].flagged != CAT_NONE && blocks[i - 1].flagged != CAT_DUPLICATE_TITLE &&
          blocks[i - 1].flagged != CAT_SEPARATOR && blocks[i - 1].last_line + 1 == b->first_line && b->content > -0.3 && b->quoted_hits == 0 &&
          (b->n_words <= 3 || (b->n_words <= SHORT_WORDS && b->total >= 0.2)))
        {
          flag (b, blocks[i - 1].flagged, 0.5, ZONE_HEAD);
          continue;
        }
      /* Titles, bylines, dates; a long title has no final full stop. */
      if ((b->n_words <= 15 || (title == NULL && b->n_words <= TITLE_MAX_WORDS &&
                                last_visible_char (str, b->start, b->end) != '.')) &&
          skipped < HEAD_MAX_SKIPPED && b->total < WEAK_SCORE)
        {
          if (title == NULL)
            title = b;
          skipped++;
          continue;
        }
      break;
    }

  /* A head of two boilerplate blocks or more: each vouches for the other
   * (a cookie banner and its buttons, a share bar and a reading time). */
  {
    guint n_flagged = 0;

    for (guint k = 0; k < i; k++)
      n_flagged += blocks[k].zone == ZONE_HEAD && blocks[k].flagged != CAT_NONE &&
                   blocks[k].flagged != CAT_DUPLICATE_TITLE;
    if (n_flagged >= 2)
      for (guint k = 0; k < i; k++)
        if (blocks[k].zone == ZONE_HEAD && blocks[k].flagged != CAT_NONE && block_weak (&blocks[k]) &&
            blocks[k].flagged != CAT_DUPLICATE_TITLE && blocks[k].flagged != CAT_SEPARATOR)
          blocks[k].confidence = MAX (blocks[k].confidence, confidence_of (blocks[k].total + FOOTER_BONUS));
  }

  return i;
}

static gboolean
block_personal (const Block *b)
{
  return b->personal && b->quoted_hits == 0 && b->content > -0.5 && b->n_words <= VOICE_MAX_WORDS;
}

static guint
find_voice_shift (Scan  *scan,
                  Block *blocks,
                  guint  n_blocks,
                  guint  body_start)
{
  guint start = n_blocks, n_personal = 0, first = n_blocks;
  gboolean separator = FALSE;
  const Block *before;

  while (start > body_start)
    {
      Block *b = &blocks[start - 1];

      ensure_analysed (scan, b);
      if (!(block_compatible (b) || block_personal (b)))
        break;
      start--;
    }
  if (start == 0 || start <= body_start || start == n_blocks)
    return n_blocks;

  /* The article's last paragraph: prose in the third person. */
  before = &blocks[start - 1];
  if (before->personal || before->n_words <= SHORT_WORDS || before->flagged != CAT_NONE)
    return n_blocks;

  for (guint i = start; i < n_blocks; i++)
    {
      const Block *b = &blocks[i];

      if (b->flagged != CAT_NONE)
        continue;
      if (b->symbol_only)
        separator = TRUE;
      else if (block_personal (b))
        n_personal++;
      else
        continue;
      if (first == n_blocks)
        first = i;
    }

  if (n_personal >= 2 || (separator && n_personal >= 1))
    return first;
  return n_blocks;
}

/* After the article's last paragraph, a short label with some evidence
 * ("More from Travel") over two lines or more that read like headlines
 * (short, no final punctuation): a list of links to other articles. */
static guint
find_headline_list (Scan  *scan,
                    Block *blocks,
                    guint  n_blocks,
                    guint  run_start)
{
  guint i = n_blocks, titles = 0;
  const Block *label, *prose;
  gunichar last;
  /* Headlines as links are listed line under line, capitalised, without
   * the digits of practical details (hours, prices, phone numbers). */
  gboolean plain = TRUE;

  while (i > run_start)
    {
      const Block *b = &blocks[i - 1];

      last = last_visible_char (scan->str, b->start, b->end);
      if (b->flagged != CAT_NONE || b->symbol_only || b->n_words < 3 || b->n_words > MENU_MAX_WORDS ||
          b->quoted_hits > 0 || strchr (".!:;,", (int) (last < 0x80 ? last : ' ')) != NULL)
        break;
      if (block_weak (b) && b->n_words <= 4)
        break;   /* the label */
      /* Shorter items are a list's (ingredients, addresses), not titles. */
      if (!g_unichar_isupper (first_visible_char (scan->str, b->start, b->end)) || b->n_words < 4 ||
          (i < n_blocks && blocks[i].first_line != b->last_line + 1))
        plain = FALSE;
      for (gsize k = b->start; k < b->end && plain; k++)
        plain = !g_ascii_isdigit (scan->str[k]);
      titles++;
      i--;
    }
  if (titles < 2 || i < 2 || i <= run_start)
    return n_blocks;
  label = &blocks[i - 1];
  prose = &blocks[i - 2];
  ensure_analysed (scan, (Block *) prose);
  last = last_visible_char (scan->str, prose->start, prose->end);
  /* The prose ends a sentence, or a quotation. */
  if (label->n_words > 4 || label->flagged != CAT_NONE || label->symbol_only ||
      prose->n_words <= SHORT_WORDS ||
      !(last == '.' || last == '!' || last == '"' || last == 0x00BB || last == 0x201D))
    return n_blocks;
  /* Without evidence, a bare label ("Related") over three plain
   * headlines, all touching. */
  if (!block_weak (label) &&
      !(plain && titles >= 3 && label->n_words <= 2 && label->last_line + 1 == blocks[i].first_line &&
        !g_unichar_ispunct (last_visible_char (scan->str, label->start, label->end))))
    return n_blocks;
  for (guint k = i; k < n_blocks; k++)
    blocks[k].listed = TRUE;
  return i - 1;
}

/* A block just above a footer joins it with clear evidence, or with
 * weaker evidence when it has the footer's voice: it addresses the
 * reader, calls to action, points somewhere ("Cet article vous a plu ?
 * Transférez-le", a price per month for the paper over its link). */
static gboolean
footer_joins (const Block *b,
              const Block *below)
{
  /* The same appeal going on, line to line: "Soutenir un journalisme
   * indépendant, c’est possible…" over "Pour faire un don…". */
  if (block_weak (b) && b->n_words <= VOICE_MAX_WORDS && b->quoted_hits == 0 && b->content > -0.3 &&
      below != NULL && b->last_line + 1 == below->first_line && b->best == below->best &&
      below->score[below->best] > 0)
    return TRUE;
  /* A short line with evidence of its own, touching the footer: one
   * paragraph, as a signature is ("Prices were correct at the time of
   * publishing." over "Have we missed…?"). */
  if (block_weak (b) && b->n_words <= 2 * SHORT_WORDS && b->quoted_hits == 0 && b->content > -0.3 &&
      below != NULL && b->last_line + 1 == below->first_line)
    return TRUE;
  if (b->total >= EXTEND_SCORE && b->n_words <= HEAD_MAX_WORDS)
    return TRUE;
  /* A longer block joins with clear evidence of one category ("Le
   * Journal du Diois … ne vit que des dons … de ses lecteurs"). */
  if (b->total >= EXTEND_SCORE && b->best != CAT_NONE && b->score[b->best] >= EXTEND_SCORE &&
      b->n_words <= VOICE_MAX_WORDS && b->quoted_hits == 0 && b->content > -0.3)
    return TRUE;
  /* A bio is the one footer block in the third person. */
  return block_weak (b) && b->n_words <= VOICE_MAX_WORDS && b->quoted_hits == 0 && b->content > -0.3 &&
         (b->imperative || b->speaks_to_reader || b->links > 0 || b->handles > 0 || b->cta > 0 ||
          b->best == CAT_AUTHOR_BIO || b->parenthetical || b->postscript || b->counter);
}

/* "Sophie Lemaire" alone on its line: a name of two to four capitalised
 * words, no punctuation. */
static gboolean
is_name_line (const char  *str,
              const Block *b)
{
  gboolean at_word = TRUE;
  guint words = 0;

  if (b->n_words < 2 || b->n_words > 4 || b->total != 0.0 || b->first_line != b->last_line)
    return FALSE;
  for (const char *p = str + b->start; p < str + b->end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '-')
        {
          at_word = TRUE;
          continue;
        }
      if (!g_unichar_isalpha (c))
        return FALSE;
      if (at_word)
        {
          if (!g_unichar_isupper (c))
            return FALSE;
          words++;
        }
      at_word = FALSE;
    }
  return words >= 2;
}

/* Reads the footer: the longest run of compatible blocks at the end that
 * starts with a strong one (or a separator leading to one). */
static guint
judge_footer (Scan  *scan,
              Block *blocks,
              guint  n_blocks,
              guint  body_start)
{
  guint run_start = n_blocks;
  guint footer_start = n_blocks;
  gboolean strong_after = FALSE;
  double weak_sum = 0;
  guint weak_count = 0;
  gboolean bridge = TRUE;
  guint n_strong = 0;
  guint n_calls = 0;

  while (run_start > body_start)
    {
      Block *b = &blocks[run_start - 1];

      ensure_analysed (scan, b);
      if (!block_compatible (b))
        {
          /* Between two clear footer blocks, a short one belongs with them
           * (a disclaimer between a reader's-question call and an appeal). */
          Block *above = run_start >= 2 && run_start - 2 >= body_start ? &blocks[run_start - 2] : NULL;

          /* So does a last short line under one (a postscript, a
           * sign-off). */
          if (above == NULL || b->quoted_hits > 0 || b->content <= -0.3)
            break;
          /* A labelled section of the footer, all lines touching: "À
           * propos de …" over its paragraph over "Contact presse : …". */
          if (run_start < n_blocks && b->n_words <= VOICE_MAX_WORDS &&
              above->last_line + 1 == b->first_line && b->last_line + 1 == blocks[run_start].first_line &&
              block_strong (&blocks[run_start]) && block_voiced (&blocks[run_start]))
            {
              ensure_analysed (scan, above);
              if (above->anchored && block_weak (above) && above->n_words <= SHORT_WORDS &&
                  above->quoted_hits == 0)
                {
                  run_start--;
                  continue;
                }
            }
          /* Between them, some evidence or the text speaking of itself
           * ("This column is for general information"): plain news
           * between an inline "read also" and an appeal stays. */
          if (run_start < n_blocks && b->cta <= 0 && b->total < 0.2)
            break;
          if (run_start == n_blocks ? b->n_words > HEAD_MAX_WORDS
                                    : (b->n_words > VOICE_MAX_WORDS || !block_strong (&blocks[run_start]) ||
                                       !block_voiced (&blocks[run_start])))
            break;
          ensure_analysed (scan, above);
          if (!block_strong (above) || !block_voiced (above) || above->n_words > VOICE_MAX_WORDS)
            break;
        }
      run_start--;
    }

  for (guint i = n_blocks; i > run_start; i--)
    {
      Block *b = &blocks[i - 1];

      if (block_weak (b) && b->flagged == CAT_NONE)
        {
          weak_sum += b->total;
          weak_count++;
          /* Two calls to action pointing somewhere close a text as
           * surely as one clear block ("🎙 Écoutez notre podcast…",
           * "📱 Téléchargez l’application…"). */
          if (b->imperative && (b->pictographs > 0 || b->links > 0 || b->handles > 0) &&
              b->quoted_hits == 0 && b->n_words <= VOICE_MAX_WORDS)
            n_calls++;
        }
      /* Several weak blocks together make a footer too ("Via …",
       * "Photo : …", "#tags"). */
      if ((block_strong (b) && block_voiced (b) && b->flagged == CAT_NONE) ||
          (!strong_after && block_weak (b) && b->flagged == CAT_NONE &&
           weak_count >= 2 && (weak_sum >= FOOTER_SUM || n_calls >= 2)))
        {
          strong_after = TRUE;
          footer_start = i - 1;
          bridge = TRUE;
        }
      else if (b->symbol_only && strong_after && bridge)
        footer_start = i - 1;
      else if (b->symbol_only && !strong_after && weak_count >= 1)
        {
          /* A separator near the end with some evidence under it: the
           * article stopped there. */
          strong_after = TRUE;
          footer_start = i - 1;
          bridge = TRUE;
        }
      else if (!b->symbol_only)
        /* A separator above weak or short blocks ("Sur le même thème" and
         * a list of titles) still opens the footer; above article
         * paragraphs it is the article's. */
        bridge = bridge && b->flagged == CAT_NONE && (block_weak (b) || b->n_words <= SHORT_WORDS);
    }

  /* No evidence strong enough, but a shift of voice: the article reports
   * in the third person, then someone speaks to the reader ("If you value
   * stories like this one…", "Know someone who would enjoy this?"). */
  /* A list of links closes the text, or sits right above its footer. */
  footer_start = find_headline_list (scan, blocks, footer_start, run_start);
  if (footer_start == n_blocks)
    footer_start = find_voice_shift (scan, blocks, n_blocks, body_start);

  /* Clear evidence just before the footer belongs to it ("Tags: …"). */
  while (footer_start < n_blocks && footer_start > run_start &&
         (footer_joins (&blocks[footer_start - 1], &blocks[footer_start]) ||
          (blocks[footer_start - 1].symbol_only && footer_start - 1 > run_start &&
           footer_joins (&blocks[footer_start - 2], NULL))))
    footer_start--;
  /* A labelled section touching the footer: "À propos de …" over its
   * paragraph, the paragraph over the footer's first line. */
  if (footer_start < n_blocks && footer_start >= run_start + 2)
    {
      const Block *para = &blocks[footer_start - 1], *label = &blocks[footer_start - 2];

      if (label->analysed && label->anchored && block_weak (label) && label->n_words <= SHORT_WORDS &&
          label->quoted_hits == 0 && label->last_line + 1 == para->first_line &&
          para->last_line + 1 == blocks[footer_start].first_line && para->n_words <= VOICE_MAX_WORDS &&
          para->quoted_hits == 0 && para->content > -0.3)
        footer_start -= 2;
    }

  /* The author's name over the bio. */
  if (footer_start < n_blocks && footer_start > run_start && blocks[footer_start].best == CAT_AUTHOR_BIO &&
      blocks[footer_start - 1].last_line + 1 == blocks[footer_start].first_line &&
      is_name_line (scan->str, &blocks[footer_start - 1]))
    {
      footer_start--;
      blocks[footer_start].best = CAT_AUTHOR_BIO;
    }

  /* An article that already speaks to its reader (an op-ed's advice)
   * may end on a call of its own: a lone last block without a link, an
   * emoji, a label or a separator above it is then the article's. */
  if (footer_start + 1 == n_blocks && footer_start > body_start)
    {
      const Block *last = &blocks[footer_start], *before = &blocks[footer_start - 1];

      if (last->links == 0 && last->handles == 0 && last->pictographs == 0 && !last->copyright &&
          !last->menu && !before->symbol_only && before->analysed &&
          before->flagged == CAT_NONE && before->n_words > SHORT_WORDS && before->personal &&
          before->quoted_hits == 0 && last->n_words > SHORT_WORDS && !last->asks_reader)
        footer_start = n_blocks;
    }

  /* A footer with two clear blocks or more vouches for its weaker ones:
   * "Votre soutien est essentiel" under a PayPal link is an appeal. */
  /* So does one clear block among three or more with a separator: the
   * shape of a footer. */
  {
    guint n_members = 0;
    gboolean separated = FALSE;

    for (guint i = footer_start; i < n_blocks; i++)
      {
        if (blocks[i].flagged != CAT_NONE)
          continue;
        n_strong += block_strong (&blocks[i]);
        n_members++;
        separated = separated || blocks[i].symbol_only;
      }
    for (guint i = footer_start; i < n_blocks; i++)
      if (blocks[i].flagged == CAT_NONE)
        flag_by_evidence (&blocks[i], ZONE_FOOTER,
                          n_strong >= 2 || (n_strong >= 1 && separated && n_members >= 3) ? FOOTER_BONUS : 0.0);
  }

  return footer_start;
}

static void
judge_body (Scan  *scan,
            Block *blocks,
            guint  from,
            guint  to)
{
  for (guint i = from; i < to; i++)
    {
      Block *b = &blocks[i];

      /* Words are at least as many as runs of non-spaces, give or take
       * lone punctuation. */
      if (b->flagged != CAT_NONE || b->approx_words > 2 * BODY_MAX_WORDS)
        continue;
      ensure_analysed (scan, b);

      if (b->flagged == CAT_NONE && !b->symbol_only &&
          b->total >= BODY_SCORE && b->n_words <= BODY_MAX_WORDS && !looks_like_heading (scan->str, b))
        flag (b, b->best, confidence_of (b->total) - 0.1, ZONE_BODY);
      /* A labelled unit that calls to action: "Sponsorisé · Assurance
       * habitation : comparez les offres".  A headline may start with the
       * label ("Publicité : les écrans…") but does not then give orders. */
      else if (b->flagged == CAT_NONE && !b->symbol_only && b->anchored && b->imperative &&
               b->quoted_hits == 0 && b->total >= BODY_SCORE - 0.3 && b->n_words <= MENU_MAX_WORDS &&
               b->best != CAT_NONE && b->score[b->best] >= 1.0)
        flag (b, b->best, confidence_of (b->total) - 0.2, ZONE_BODY);
      /* The line right under a flagged insert is part of it
       * ("ADVERTISEMENT" / "Continue reading below"). */
      else if (b->flagged == CAT_NONE && i > from && blocks[i - 1].flagged != CAT_NONE &&
               blocks[i - 1].zone == ZONE_BODY && blocks[i - 1].flagged != CAT_DUPLICATE_PARAGRAPH &&
               blocks[i - 1].last_line + 1 == b->first_line && !b->symbol_only &&
               b->n_words <= SHORT_WORDS && block_weak (b) && b->quoted_hits == 0 && b->content > -0.3)
        flag (b, blocks[i - 1].flagged, confidence_of (b->total) - 0.2, ZONE_BODY);
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
      if (b->speaks_to_reader)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "addresses the reader")));
      if (b->links > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a link")));
      if (b->handles > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "an account name or hashtag")));
      if (b->pictographs > 0)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "arrows or emoji")));
      if (b->copyright)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a copyright sign")));
      if (b->menu)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a breadcrumb trail or a menu")));
      if (b->asks_reader)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a question to the reader")));
      if (b->per_period)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a price per month or per year")));
      if (b->name_role)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a name and what the person does")));
      if (b->label_line)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a label and a list")));
      if (b->parenthetical)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a credit in brackets")));
      if (b->listed)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "one of a list of short lines")));
      if (b->postscript)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a postscript")));
      if (b->counter)
        g_ptr_array_add (parts, g_strdup (C_("boilerplate", "a counter")));
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
  g_autoptr(GByteArray) covered = g_byte_array_new ();
  double threshold = self->threshold;
  const Line *line_data;
  Block *bd;
  guint n_blocks, body_start, footer_start;
  gboolean wrapped;
  Scan scan;
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
  wrapped = text_is_wrapped (str, line_data, lines->len);

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &line_data[i];
      Block b;

      if (l->blank)
        continue;
      if (blocks->len > 0 && i > 0 && !line_data[i - 1].blank &&
          line_continues (str, &line_data[i - 1], l, wrapped))
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
      Block *b = &bd[i];
      gboolean in_run = FALSE;

      /* Leading and trailing spaces are not part of the block. */
      while (b->start < b->end && is_space_byte (str[b->start]))
        b->start++;
      while (b->end > b->start && is_space_byte (str[b->end - 1]))
        b->end--;
      /* Only small counts matter: stop past the body rule's limit. */
      for (gsize k = b->start; k < b->end && b->approx_words <= APPROX_WORDS_CAP; k++)
        {
          gboolean space = str[k] == ' ' || str[k] == '\n' || str[k] == '\t' || str[k] == '\r';
          if (!space && !in_run)
            b->approx_words++;
          in_run = !space;
        }
    }

  scan.lexicon = self->lexicon;
  scan.str = str;
  scan.folded = folded;
  scan.words = words;
  scan.word_ptrs = word_ptrs;
  scan.quotes = quotes;
  scan.covered = covered;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (guint i = 0; i < n_blocks; i++)
        g_free (bd[i].norm);
      return NULL;
    }

  find_duplicates (str, bd, n_blocks);
  body_start = judge_head (&scan, line_data, bd, n_blocks);
  footer_start = judge_footer (&scan, bd, n_blocks, body_start);
  judge_body (&scan, bd, body_start, footer_start);

  if (G_UNLIKELY (self->debug))
    for (guint i = 0; i < n_blocks; i++)
      if (bd[i].analysed)
        g_printerr ("block %u (line %u): %u words, best %s %.2f, total %.2f, cta %.2f, content %.2f\n",
                    i, bd[i].first_line + 1, bd[i].n_words,
                    bd[i].best >= 0 ? categories[bd[i].best].name : "-",
                    bd[i].best >= 0 ? bd[i].score[bd[i].best] : 0, bd[i].total, bd[i].cta, bd[i].content);

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

/* No blank line between the text's first visible line and @offset. */
static gboolean
in_first_paragraph (const char *str,
                    gsize       offset)
{
  gsize p = 0;

  while (p < offset && (is_space_byte (str[p]) || str[p] == '\n'))
    p++;
  while (p < offset)
    {
      const char *nl = memchr (str + p, '\n', offset - p);
      gsize next;

      if (nl == NULL)
        return TRUE;
      next = nl - str + 1;
      if (next < offset && skip_blank_line (str, offset, next) != next)
        return FALSE;
      p = next;
    }
  return TRUE;
}

/* A paragraph of article prose somewhere in [from, to): a run of
 * non-blank lines of some length (hard-wrapped or not). */
static gboolean
has_paragraph (const char *str,
               gsize       from,
               gsize       to)
{
  gsize run = 0;
  gboolean sentence = FALSE;

  for (gsize p = from; p < to;)
    {
      const char *nl = memchr (str + p, '\n', to - p);
      gsize next = nl != NULL ? (gsize) (nl - str) + 1 : to;

      if (blank_between (str, p, next))
        {
          run = 0;
          sentence = FALSE;
          p = next;
          continue;
        }
      run += next - p;
      /* A full stop ends a sentence: titles and banners' labels have none. */
      sentence = sentence || last_visible_char (str, p, nl != NULL ? next - 1 : next) == '.' ||
                 g_strstr_len (str + p, next - p, ". ") != NULL;
      if (run >= PARAGRAPH_MIN_BYTES && sentence)
        return TRUE;
      p = next;
    }
  return FALSE;
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
  else if (in_first_paragraph (str, start) &&
           !g_str_equal (epure_finding_get_rule_id (finding), categories[CAT_DUPLICATE_TITLE].rule))
    {
      /* At the head: the text begins with what follows.  The lines above
       * it in the same paragraph are head boilerplate too, as a rule; a
       * repeated title is the exception, the title above it stays. */
      if (blank_between (str, 0, start))
        start = 0;
      for (gsize next = skip_blank_line (str, len, end); next != end; next = skip_blank_line (str, len, end))
        end = next;
    }
  else if (start > 0 && blank_between (str, line_start_of (str, start - 1), start) &&
           !has_paragraph (str, 0, start) && has_paragraph (str, end, len))
    {
      /* A paragraph of its own in the head, under other head lines (a
       * second banner, a label under a toolbar): the blank lines after it
       * go, as the first paragraph's do, so that the edits of a head
       * never overlap. */
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
