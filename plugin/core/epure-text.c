/* epure-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure-byte-scan.h"
#include "epure-edit.h"
#include "epure-error.h"
#include "epure-text.h"
#include "epure-text-private.h"

typedef struct
{
  GArray *line_starts;  /* gsize byte offset of each line */
  GArray *line_chars;   /* gsize char offset of each line start */
} LineIndex;

struct _EpureText
{
  gatomicrefcount ref_count;
  char *str;
  gsize len;
  LineIndex *lines;     /* built on first use */
  GArray *verbatim;     /* EpureVerbatimSpan, built on first use */
  EpureTextSyntax syntax;
};

G_DEFINE_BOXED_TYPE (EpureText, epure_text, epure_text_ref, epure_text_unref)

/* A NUL byte never occurs in text a person wrote; a few control bytes in the
 * first block is the usual sign of a binary file. */
gboolean
epure_utf8_looks_binary (const char *data,
                         gsize       len)
{
  gsize probe = MIN (len, 8192);
  guint controls = 0;

  if (memchr (data, '\0', len) != NULL)
    return TRUE;

  for (gsize i = 0; i < probe; i++)
    {
      guchar c = data[i];
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
        controls++;
    }

  return probe > 0 && controls * 100 > probe;
}

/**
 * epure_piece_is_cut:
 * @s: a text
 * @len: its length in bytes, or %G_MAXSIZE when more may follow (a stream
 *   read a block at a time)
 * @offset: a byte offset, at most the length of @s
 *
 * Whether a text may be cut at @offset into pieces checked apart: just
 * after an empty line, where a paragraph of every %EPURE_CHECKER_SCOPE_PARAGRAPH
 * checker starts, or at the text's ends.  The one rule clean's passes,
 * the checkers' threads and epure-cli's streaming all cut by.
 */
gboolean
epure_piece_is_cut (const char *s,
                    gsize       len,
                    gsize       offset)
{
  return offset == 0 || offset >= len || (offset >= 2 && s[offset - 1] == '\n' && s[offset - 2] == '\n');
}

/**
 * epure_piece_cut_before:
 *
 * The last cut (epure_piece_is_cut()) at or before @offset: 0 when none.
 */
gsize
epure_piece_cut_before (const char *s,
                        gsize       len,
                        gsize       offset)
{
  offset = MIN (offset, len);
  while (!epure_piece_is_cut (s, len, offset))
    offset--;
  return offset;
}

/**
 * epure_piece_cut_after:
 *
 * The first cut (epure_piece_is_cut()) at or after @offset: @len when none.
 */
gsize
epure_piece_cut_after (const char *s,
                       gsize       len,
                       gsize       offset)
{
  const char *nl;

  if (epure_piece_is_cut (s, len, offset))
    return MIN (offset, len);
  /* A cut follows a '\n' that follows another. */
  for (nl = memchr (s + offset - 1, '\n', len - offset + 1); nl != NULL;
       nl = memchr (nl + 1, '\n', s + len - nl - 1))
    if (nl + 1 < s + len && nl[1] == '\n')
      return nl - s + 2;
  return len;
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* g_utf8_validate_len() for text without NUL bytes (refused before as
 * binary), at a few bytes per cycle: every clean pass makes a new
 * snapshot.  ASCII is skipped 8 bytes at a time, straight to the next
 * byte with its high bit set, and the common sequences are checked
 * inline; at the first doubt g_utf8_validate_len() has the last word, and
 * says where the bad byte is. */
static gboolean
utf8_validate (const char  *s,
               gsize        len,
               const char **bad)
{
  const guchar *u = (const guchar *) s;
  gsize p = 0;

  while (p + 8 <= len)
    {
      guint64 high;
      guchar c;

      memcpy (&high, u + p, sizeof high);
      high = GUINT64_FROM_LE (high) & G_GUINT64_CONSTANT (0x8080808080808080);
      if (high == 0)
        {
          p += 8;
          continue;
        }
      p += __builtin_ctzll (high) / 8;
      c = u[p];

      if (c >= 0xC2 && c <= 0xDF && p + 1 < len && is_continuation (u[p + 1]))
        p += 2;
      else if (c >= 0xE0 && c <= 0xEF && p + 2 < len && is_continuation (u[p + 1]) &&
               is_continuation (u[p + 2]) &&
               (c != 0xE0 || u[p + 1] >= 0xA0) &&    /* overlong */
               (c != 0xED || u[p + 1] < 0xA0))       /* surrogate */
        p += 3;
      else if (c >= 0xF0 && c <= 0xF4 && p + 3 < len && is_continuation (u[p + 1]) &&
               is_continuation (u[p + 2]) && is_continuation (u[p + 3]) &&
               (c != 0xF0 || u[p + 1] >= 0x90) &&    /* overlong */
               (c != 0xF4 || u[p + 1] < 0x90))       /* beyond U+10FFFF */
        p += 4;
      else
        return g_utf8_validate_len (s + p, len - p, bad);
    }

  return g_utf8_validate_len (s + p, len - p, bad);
}

/* Does @offset fall between two characters of @s? */
static gboolean
at_char_boundary (const char *s,
                  gsize       len,
                  gsize       offset)
{
  return offset >= len || !is_continuation ((guchar) s[offset]);
}

/* A stretch of a large text, read by one of several threads at once:
 * checked, searched for verbatim spans, or copied with its edits applied. */
typedef struct
{
  const char *src;
  gsize src_len;
  EpureEdit **edits;
  gsize *lens;        /* of each replacement, measured once */
  guint first;        /* edits [first, last) */
  guint last;
  gsize from;         /* source bytes [from, to) */
  gsize to;
  gssize delta;       /* how much longer the copy is than [from, to) */
  char *out;          /* where the copy goes */
  gboolean trusted;   /* every replacement valid and of whole characters */
  const char *bad;    /* for check_stretch(): the first bad byte */
  GArray *spans;      /* for scan_verbatim(): the spans found */
  gboolean open_fence;  /* a code block still open at the stretch's end */
} Stretch;

/* A stretch per 4 MiB of text, at most one per processor. */
#define STRETCH_BYTES ((gsize) 4 * 1024 * 1024)
#define MAX_STRETCHES 8

/* How many stretches a text of @len bytes is read in.  Small texts, the
 * most made, do not ask how many processors there are. */
static guint
n_stretches (gsize len)
{
  if (len < 2 * STRETCH_BYTES)
    return 1;
  return MIN (MIN (len / STRETCH_BYTES, (gsize) g_get_num_processors ()), MAX_STRETCHES);
}

static gpointer
measure_stretch (gpointer data)
{
  Stretch *st = data;

  st->delta = 0;
  for (guint i = st->first; i < st->last; i++)
    {
      st->lens[i] = strlen (st->edits[i]->replacement);
      st->delta += (gssize) st->lens[i] - (gssize) (st->edits[i]->end - st->edits[i]->start);
    }
  return NULL;
}

/* Copies the stretch with its edits applied, and checks the replacements
 * while they are at hand when asked to (@trusted set beforehand). */
static gpointer
copy_stretch (gpointer data)
{
  Stretch *st = data;
  gsize pos = st->from;
  char *w = st->out;
  const char *bad;

  for (guint i = st->first; i < st->last; i++)
    {
      const EpureEdit *e = st->edits[i];

      /* Never memcpy from NULL, which an empty text may be. */
      if (e->start > pos)
        memcpy (w, st->src + pos, e->start - pos);
      w += e->start - pos;
      memcpy (w, e->replacement, st->lens[i]);
      w += st->lens[i];
      pos = e->end;
      if (st->trusted)
        st->trusted = at_char_boundary (st->src, st->src_len, e->start) &&
                      at_char_boundary (st->src, st->src_len, e->end) &&
                      utf8_validate (e->replacement, st->lens[i], &bad);
    }
  if (st->to > pos)
    memcpy (w, st->src + pos, st->to - pos);
  return NULL;
}

/* Runs @func over each of @n stretches, all but the first in threads. */
static void
run_stretches (Stretch     *stretches,
               guint        n,
               GThreadFunc  func)
{
  GThread *threads[MAX_STRETCHES] = { NULL };

  for (guint i = 1; i < n; i++)
    threads[i] = g_thread_new ("epure-stretch", func, &stretches[i]);
  func (&stretches[0]);
  for (guint i = 1; i < n; i++)
    g_thread_join (threads[i]);
}

/* Checks that [from, to) of the text is UTF-8, copying it first to @out
 * when it is set. */
static gpointer
check_stretch (gpointer data)
{
  Stretch *st = data;

  if (st->out != NULL)
    memcpy (st->out, st->src + st->from, st->to - st->from);
  st->trusted = utf8_validate (st->src + st->from, st->to - st->from, &st->bad);
  return NULL;
}

/* utf8_validate() of @s, a stretch per thread for a large text, cut
 * between characters; into @out too when it is set.  The first bad byte
 * is the one a single scan would find: the stretches before it are
 * valid, so the scan would be in step at its start. */
static gboolean
check_text (const char  *s,
            char        *out,
            gsize        len,
            const char **bad)
{
  Stretch stretches[MAX_STRETCHES];
  guint n = n_stretches (len);
  gsize from = 0;

  for (guint k = 0; k < n; k++)
    {
      gsize to = k + 1 < n ? MAX (len / n * (k + 1), from) : len;

      for (guint i = 0; i < 3 && to < len && is_continuation ((guchar) s[to]); i++)
        to++;
      stretches[k] = (Stretch) { .src = s, .from = from, .to = to, .out = out != NULL ? out + from : NULL };
      from = to;
    }
  run_stretches (stretches, n, check_stretch);
  for (guint k = 0; k < n; k++)
    if (!stretches[k].trusted)
      {
        *bad = stretches[k].bad;
        return FALSE;
      }
  return TRUE;
}

/* The text of @utf8: @owned, which is @utf8, or when @owned is NULL a copy
 * made while @utf8 is checked. */
static EpureText *
new_checked (const char  *utf8,
             char        *owned,
             gsize        len,
             GError     **error)
{
  const char *bad = NULL;
  char *str;

  if (epure_utf8_looks_binary (utf8, len))
    {
      g_set_error_literal (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY,
                           "The data contains NUL or control bytes: it is not text");
      g_free (owned);
      return NULL;
    }

  str = owned != NULL ? owned : g_malloc (len + 1);
  if (!check_text (utf8, owned != NULL ? NULL : str, len, &bad))
    {
      g_set_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8,
                   "Invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (bad - utf8));
      g_free (str);
      return NULL;
    }
  if (owned == NULL)
    str[len] = '\0';

  return epure_text_new_take_valid (str, len);
}

EpureText *
epure_text_new_take (char   *utf8,
                     gsize   len,
                     GError **error)
{
  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);

  if (utf8 == NULL)
    utf8 = g_strdup ("");

  return new_checked (utf8, utf8, len, error);
}

/**
 * epure_text_new_take_valid:
 * @utf8: (transfer full): NUL-terminated text known to be valid UTF-8
 *   without NUL, made by editing an EpureText with valid replacements
 *
 * As epure_text_new_take(), checking nothing: for the many small texts a
 * checker derives from one it was given (a paragraph as fixed).
 */
EpureText *
epure_text_new_take_valid (char  *utf8,
                           gsize  len)
{
  EpureText *self;

  g_return_val_if_fail (utf8 != NULL, NULL);

  self = g_new0 (EpureText, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->str = utf8;
  self->len = len;
  return self;
}

/* @text with sorted, non-overlapping @edits (epure_edits_sort_and_check())
 * applied, into a new string of *@out_len bytes; a large text is copied a
 * stretch per thread.  With @valid, says too whether every edit replaces
 * whole characters by valid UTF-8: then a valid @text gives valid text. */
char *
epure_edits_copy (const char *text,
                  gsize       len,
                  GPtrArray  *edits,
                  gsize      *out_len,
                  gboolean   *valid)
{
  Stretch stretches[MAX_STRETCHES];
  g_autofree gsize *lens = g_new (gsize, MAX (edits->len, 1));
  EpureEdit **e = (EpureEdit **) edits->pdata;
  guint n = MIN (n_stretches (len), MAX (edits->len, 1));
  gsize at;
  char *out;

  /* Cut at about equal byte offsets, never inside an edit. */
  for (guint k = 0; k < n; k++)
    {
      Stretch *st = &stretches[k];

      *st = (Stretch) { .src = text, .src_len = len, .edits = e, .lens = lens, .trusted = valid != NULL };
      if (k > 0)
        {
          gsize target = len / n * k;
          guint lo = stretches[k - 1].first, hi = edits->len;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              if (e[mid]->start < target)
                lo = mid + 1;
              else
                hi = mid;
            }
          st->first = lo;
          st->from = lo > 0 ? MAX (target, e[lo - 1]->end) : target;
          st->from = MAX (st->from, stretches[k - 1].from);
          stretches[k - 1].last = st->first;
          stretches[k - 1].to = st->from;
        }
    }
  stretches[n - 1].last = edits->len;
  stretches[n - 1].to = len;

  run_stretches (stretches, n, measure_stretch);
  *out_len = len;
  for (guint k = 0; k < n; k++)
    *out_len += stretches[k].delta;
  out = g_malloc (*out_len + 1);
  at = 0;
  for (guint k = 0; k < n; k++)
    {
      stretches[k].out = out + at;
      at += stretches[k].to - stretches[k].from + stretches[k].delta;
    }
  run_stretches (stretches, n, copy_stretch);
  out[*out_len] = '\0';

  for (guint k = 0; valid != NULL && k < n; k++)
    *valid = k == 0 ? stretches[k].trusted : *valid && stretches[k].trusted;
  return out;
}

/**
 * epure_text_new_edited:
 * @source: the text @edits are made for
 * @edits: (element-type EpureEdit): non-overlapping edits of @source
 *   (sorted in place)
 *
 * The next snapshot of a cleaning pass: @source with @edits applied.
 * @source is known to be valid text, so when every edit replaces whole
 * characters by valid UTF-8 the result is valid too, and only the
 * replacements and the start of the text (for the binary test) are read
 * rather than all of it; otherwise everything is checked.  A large text
 * is copied by several threads, a stretch each.
 *
 * Returns: (transfer full) (nullable): the edited text, with @source's
 *   syntax, or NULL with @error set (edits that overlap or fall outside
 *   @source, or a result that is not valid text).
 */
EpureText *
epure_text_new_edited (EpureText  *source,
                       GPtrArray  *edits,
                       GError    **error)
{
  EpureText *next;
  gboolean trusted;
  gsize out_len;
  char *out;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (edits != NULL, NULL);

  if (!epure_edits_sort_and_check (edits, source->len, error))
    return NULL;
  out = epure_edits_copy (source->str, source->len, edits, &out_len, &trusted);

  /* No NUL anywhere (the source had none, nor do the replacements): only
   * the control bytes of the first block remain to count. */
  if (!trusted || epure_utf8_looks_binary (out, MIN (out_len, 8192)))
    next = epure_text_new_take (out, out_len, error);
  else
    next = epure_text_new_take_valid (out, out_len);
  if (next != NULL)
    next->syntax = source->syntax;
  return next;
}

/**
 * epure_text_new_slice:
 * @start: byte offset of a character boundary of @source
 * @end: byte offset of a character boundary, >= @start
 *
 * A snapshot of [@start, @end) of @source, which is known to be valid
 * text: nothing is checked again.
 *
 * Returns: (transfer full) (nullable): the slice, or NULL when an offset
 *   cuts a character or falls outside @source.
 */
EpureText *
epure_text_new_slice (EpureText *source,
                      gsize      start,
                      gsize      end)
{
  EpureText *slice;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= source->len, NULL);
  g_return_val_if_fail (at_char_boundary (source->str, source->len, start) &&
                        at_char_boundary (source->str, source->len, end), NULL);

  slice = epure_text_new_take_valid (g_strndup (source->str + start, end - start), end - start);
  slice->syntax = source->syntax;
  return slice;
}

EpureText *
epure_text_new (const char  *utf8,
                gssize       len,
                GError     **error)
{
  g_return_val_if_fail (utf8 != NULL || len <= 0, NULL);

  if (utf8 == NULL)
    utf8 = "";
  if (len < 0)
    len = strlen (utf8);

  return new_checked (utf8, NULL, len, error);
}

EpureText *
epure_text_ref (EpureText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
line_index_free (LineIndex *index)
{
  g_array_unref (index->line_starts);
  g_array_unref (index->line_chars);
  g_free (index);
}

void
epure_text_unref (EpureText *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->lines, line_index_free);
      g_clear_pointer (&self->verbatim, g_array_unref);
      g_free (self->str);
      g_free (self);
    }
}

/* Frees @self, which must hold the only reference, and returns its
 * string rather than a copy of it: the end of a cleaning, whose last
 * snapshot nobody else has seen. */
char *
epure_text_steal_string (EpureText *self,
                         gsize     *len)
{
  char *str;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_atomic_ref_count_compare (&self->ref_count, 1), NULL);

  str = g_steal_pointer (&self->str);
  if (len != NULL)
    *len = self->len;
  g_clear_pointer (&self->lines, line_index_free);
  g_clear_pointer (&self->verbatim, g_array_unref);
  g_free (self);
  return str;
}

/* The returned string is always NUL-terminated. */
const char *
epure_text_get_string (EpureText *self,
                       gsize     *len)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (len != NULL)
    *len = self->len;
  return self->str;
}

gsize
epure_text_get_length (EpureText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->len;
}

static LineIndex *
build_line_index (EpureText *self)
{
  LineIndex *index = g_new0 (LineIndex, 1);
  const char *p = self->str;
  const char *end = self->str + self->len;
  gsize start = 0;
  gsize chars = 0;

  index->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  index->line_chars = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (index->line_starts, start);
  g_array_append_val (index->line_chars, chars);

  /* "\n", "\r\n" and a lone "\r" all end a line. */
  while (p < end)
    {
      const char *nl = p;

      while (nl < end && *nl != '\n' && *nl != '\r')
        nl++;
      if (nl == end)
        break;

      chars += g_utf8_strlen (p, nl - p);
      if (*nl == '\r' && nl + 1 < end && nl[1] == '\n')
        {
          nl++;
          chars++;
        }
      chars++;
      p = nl + 1;
      start = p - self->str;
      g_array_append_val (index->line_starts, start);
      g_array_append_val (index->line_chars, chars);
    }

  return index;
}

static LineIndex *
get_lines (EpureText *self)
{
  if (g_once_init_enter (&self->lines))
    g_once_init_leave (&self->lines, build_line_index (self));
  return self->lines;
}

guint
epure_text_get_line_count (EpureText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return get_lines (self)->line_starts->len;
}

/* @line is 1-based; returns the byte offset where it starts. */
gsize
epure_text_get_line_start (EpureText *self,
                           guint      line)
{
  LineIndex *index;

  g_return_val_if_fail (self != NULL, 0);

  index = get_lines (self);
  if (line == 0)
    return 0;
  if (line > index->line_starts->len)
    return self->len;
  return g_array_index (index->line_starts, gsize, line - 1);
}

/* The last line whose start, in @starts (the index's line_starts in
 * bytes or line_chars in characters), is at or before @offset. */
static guint
find_line (GArray *starts,
           gsize   offset)
{
  guint lo = 0, hi = starts->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (starts, gsize, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

void
epure_text_get_line_column (EpureText *self,
                            gsize      offset,
                            guint     *line,
                            guint     *column)
{
  LineIndex *index;
  guint l;
  gsize start;

  g_return_if_fail (self != NULL);

  offset = MIN (offset, self->len);
  index = get_lines (self);
  l = find_line (index->line_starts, offset);
  start = g_array_index (index->line_starts, gsize, l);

  if (line != NULL)
    *line = l + 1;
  if (column != NULL)
    *column = g_utf8_strlen (self->str + start, offset - start) + 1;
}

gsize
epure_text_char_offset (EpureText *self,
                        gsize      offset)
{
  LineIndex *index;
  guint l;
  gsize start;

  g_return_val_if_fail (self != NULL, 0);

  offset = MIN (offset, self->len);
  index = get_lines (self);
  l = find_line (index->line_starts, offset);
  start = g_array_index (index->line_starts, gsize, l);

  return g_array_index (index->line_chars, gsize, l) + g_utf8_strlen (self->str + start, offset - start);
}

/**
 * epure_text_byte_offset:
 * @char_offset: a character offset, as GtkTextIter counts them
 *
 * The byte offset of the @char_offset-th character: the converse of
 * epure_text_char_offset(), clamped to the text's length.
 */
gsize
epure_text_byte_offset (EpureText *self,
                        gsize      char_offset)
{
  LineIndex *index;
  guint l;
  gsize start;

  g_return_val_if_fail (self != NULL, 0);

  index = get_lines (self);
  l = find_line (index->line_chars, char_offset);
  start = g_array_index (index->line_starts, gsize, l);
  char_offset -= g_array_index (index->line_chars, gsize, l);
  while (char_offset-- > 0 && start < self->len)
    start = g_utf8_next_char (self->str + start) - self->str;
  return MIN (start, self->len);
}

/* Verbatim spans: what is not prose and must never be rewritten. */

static gboolean
is_url_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr ("-._~:/?#[]@!$&'()*+,;=%", c) != NULL;
}

/* The end of the run of URL characters at @p: ASCII ones, and the letters,
 * digits and marks of an internationalised address ("exemple.fr/été"),
 * but not a no-break space, a guillemet or an apostrophe after it. */
static const char *
url_run_end (const char *p,
             const char *end)
{
  while (p < end)
    {
      gunichar u;

      if ((guchar) *p < 0x80)
        {
          if (!is_url_char (*p))
            break;
          p++;
          continue;
        }
      u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        break;
      if (!g_unichar_isalnum (u) && !g_unichar_ismark (u))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

static gboolean
is_email_local_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr (".!#$%&*+/=?^_{|}~-", c) != NULL;
}

static gboolean
is_domain_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

static gboolean
starts_with_ci (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* Trailing punctuation belongs to the sentence, not to the URL, unless a
 * closing bracket balances one inside it. */
static const char *
trim_url_end (const char *start,
              const char *end)
{
  while (end > start)
    {
      char c = end[-1];

      if (c == ')')
        {
          int depth = 0;
          for (const char *q = start; q < end; q++)
            depth += (*q == '(') - (*q == ')');
          if (depth >= 0)
            break;
          end--;
        }
      else if (strchr (".,;:!?'\"]", c) != NULL)
        end--;
      else
        break;
    }
  return end;
}

static gboolean
at_line_start (const char *base,
               const char *p,
               const char **content)
{
  const char *q = p;
  int spaces = 0;

  if (p != base && p[-1] != '\n' && p[-1] != '\r')
    return FALSE;
  while (*q == ' ' && spaces < 4)
    {
      q++;
      spaces++;
    }
  if (spaces > 3)
    return FALSE;
  *content = q;
  return TRUE;
}

static const char *
line_end (const char *p,
          const char *end)
{
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  return p;
}

static const char *
next_line (const char *p,
           const char *end)
{
  p = line_end (p, end);
  if (p < end && *p == '\r')
    p++;
  if (p < end && *p == '\n')
    p++;
  return p;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const EpureVerbatimSpan *sa = a, *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->end > sb->end ? -1 : sa->end < sb->end;
}

static void
add_span (GArray           *spans,
          const char       *base,
          const char       *start,
          const char       *end,
          EpureVerbatimKind kind)
{
  EpureVerbatimSpan span = { start - base, end - base, kind };
  g_array_append_val (spans, span);
}

/* The bytes where a verbatim span can be recognised: a fence or a code
 * span at '`' or '~', an address at '@', a URL at the ':' of its scheme or
 * the '.' of "www.".  Everything else is skipped without a look. */
static const guint8 verbatim_trigger[256] = {
  ['`'] = 1, ['~'] = 1, ['@'] = 1, [':'] = 1, ['.'] = 1,
};

/* Where a URL that has its ':' or "www."'s '.' at @t starts, or NULL. */
static const char *
url_start (const char *base,
           const char *end,
           const char *t)
{
  static const struct { const char *prefix; gsize before; } schemes[] = {
    { "http://", 4 }, { "https://", 5 }, { "ftp://", 3 }, { "mailto:", 6 }, { "www.", 3 },
  };

  /* Most '.' and ':' end a sentence or a word: turn them away cheaply
   * ('|' 0x20 folds only the letter's own capital onto it). */
  if (*t == '.')
    {
      if (t - base < 3 || (t[-1] | 0x20) != 'w' || (t[-2] | 0x20) != 'w' || (t[-3] | 0x20) != 'w')
        return NULL;
    }
  else if (t == base || ((t[-1] | 0x20) != 'p' && (t[-1] | 0x20) != 's' && (t[-1] | 0x20) != 'o'))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      const char *u = t - schemes[i].before;

      if ((*t == '.') != (schemes[i].prefix[3] == '.'))
        continue;
      if ((gsize) (t - base) < schemes[i].before)
        continue;
      if ((u == base || !g_ascii_isalnum (u[-1])) && starts_with_ci (u, end, schemes[i].prefix))
        return u;
    }
  return NULL;
}

/* One left-to-right scan; a span found is skipped whole.  Only trigger
 * bytes are looked at, each as the scan of every byte would have. */
static gpointer
scan_verbatim (gpointer data)
{
  Stretch *st = data;
  GArray *spans = st->spans;
  const char *base = st->src;
  const char *end = base + st->to;
  const char *p = base + st->from;

  while (p < end)
    {
      const char *t = p;
      const char *content;
      guchar c;

      t = base + epure_skip_to_any ((const guchar *) base, t - base, end - base,
                                    (const guchar *) "`~@:.", 5);
      while (t < end && !verbatim_trigger[(guchar) *t])
        t++;
      if (t >= end)
        break;
      c = *t;

      /* Fenced code block: ``` or ~~~ at the start of a line (after up to
       * three spaces), to the closing fence. */
      if (c == '`' || c == '~')
        {
          const char *ls = t;

          while (ls > p && ls > t - 3 && ls[-1] == ' ')
            ls--;
          if (at_line_start (base, ls, &content) && content == t &&
              content + 3 <= end && content[1] == content[0] && content[2] == content[0])
            {
              char fence = content[0];
              const char *q = next_line (ls, end);

              st->open_fence = TRUE;
              while (q < end)
                {
                  const char *inner;
                  if (at_line_start (base, q, &inner) && inner + 3 <= end &&
                      inner[0] == fence && inner[1] == fence && inner[2] == fence)
                    {
                      q = line_end (q, end);
                      st->open_fence = FALSE;
                      break;
                    }
                  q = next_line (q, end);
                }
              add_span (spans, base, ls, q, EPURE_VERBATIM_CODE_BLOCK);
              p = q;
              continue;
            }
        }

      /* Code span: a run of n backticks closed by a run of n, within a paragraph. */
      if (c == '`')
        {
          const char *q = t;
          gsize n, m;

          while (q < end && *q == '`')
            q++;
          n = q - t;
          while (q < end)
            {
              if (*q == '`')
                {
                  const char *r = q;
                  while (r < end && *r == '`')
                    r++;
                  m = r - q;
                  if (m == n)
                    {
                      add_span (spans, base, t, r, EPURE_VERBATIM_CODE_SPAN);
                      p = r;
                      goto next;
                    }
                  q = r;
                  continue;
                }
              if (*q == '\n' && q + 1 < end && (q[1] == '\n' || q[1] == '\r'))
                break;
              q++;
            }
          p = t + n;
          continue;
        }

      /* URL: a scheme or "www." at the start of a word. */
      if (c == ':' || c == '.')
        {
          const char *u = url_start (base, end, t);

          if (u != NULL && u >= p)
            {
              const char *q = trim_url_end (u, url_run_end (u, end));

              if (q - u > 4)
                {
                  add_span (spans, base, u, q, EPURE_VERBATIM_URL);
                  p = q;
                  continue;
                }
            }
        }

      /* E-mail address: local@domain.tld */
      if (c == '@' && t > base && t + 1 < end && is_email_local_char (t[-1]) && g_ascii_isalnum (t[1]))
        {
          const char *s = t;
          const char *q = t + 1;
          gboolean dot = FALSE;
          EpureVerbatimSpan *last;

          while (s > base && is_email_local_char (s[-1]))
            s--;
          while (q < end && is_domain_char (*q))
            {
              if (*q == '.' && q + 1 < end && g_ascii_isalnum (q[1]))
                dot = TRUE;
              q++;
            }
          while (q > t + 1 && (q[-1] == '.' || q[-1] == '-'))
            q--;

          /* The local part may already be inside an earlier span (a URL). */
          last = spans->len ? &g_array_index (spans, EpureVerbatimSpan, spans->len - 1) : NULL;
          if (dot && (last == NULL || last->end <= (gsize) (s - base)))
            {
              add_span (spans, base, s, q, EPURE_VERBATIM_EMAIL);
              p = q;
              continue;
            }
        }

      p = t + 1;
    next:
      ;
    }

  return NULL;
}

static gboolean
is_blank_line (const char *p,
               const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p >= end || *p == '\n' || *p == '\r';
}

/* Four spaces or a tab: the indent of a Markdown code line. */
static gboolean
is_indented (const char *p,
             const char *end)
{
  return (p < end && *p == '\t') || (end - p >= 4 && memcmp (p, "    ", 4) == 0);
}

/* "- ", "* ", "+ ", "1. ", "1) " after up to three spaces. */
static gboolean
is_list_item (const char *p,
              const char *end)
{
  const char *q = p;

  while (q < end && q - p < 3 && *q == ' ')
    q++;
  if (q < end && (*q == '-' || *q == '*' || *q == '+'))
    return q + 1 < end && (q[1] == ' ' || q[1] == '\t');
  while (q < end && g_ascii_isdigit (*q) && q - p < 12)
    q++;
  return q > p && g_ascii_isdigit (q[-1]) && q + 1 < end && (*q == '.' || *q == ')') &&
         (q[1] == ' ' || q[1] == '\t');
}

/* Is @p inside one of @spans (sorted, disjoint)?  Asked in the text's
 * order: *@k is where the last answer was found. */
static gboolean
inside_spans (GArray     *spans,
              const char *base,
              const char *p,
              guint      *k)
{
  gsize at = p - base;

  while (*k < spans->len && g_array_index (spans, EpureVerbatimSpan, *k).end <= at)
    (*k)++;
  return *k < spans->len && g_array_index (spans, EpureVerbatimSpan, *k).start <= at;
}

/* The "(destination "title")" of an inline link or image at @open, to
 * its closing parenthesis on the same line, or NULL. */
static const char *
link_destination_end (const char *open,
                      const char *end)
{
  int depth = 0;

  for (const char *q = open; q < end && *q != '\n' && *q != '\r'; q++)
    {
      if (*q == '\\' && q + 1 < end)
        q++;
      else if (*q == '(')
        depth++;
      else if (*q == ')' && --depth == 0)
        return q + 1;
    }
  return NULL;
}

/* What Markdown adds to the spans of any text (@spans, sorted): indented
 * code blocks (after a blank line, outside lists), link and image
 * destinations with their titles, and the rest of a link reference
 * definition's line.  Returns the spans of both, sorted and disjoint. */
static GArray *
add_markdown_spans (EpureText *self,
                    GArray    *spans)
{
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (EpureVerbatimSpan));
  GArray *all;
  const char *base = self->str;
  const char *end = self->str + self->len;
  const char *line = base;
  gboolean after_blank = TRUE, in_list = FALSE;
  guint k = 0;

  while (line < end)
    {
      const char *next = next_line (line, end);

      if (is_blank_line (line, end))
        {
          after_blank = TRUE;
          line = next;
          continue;
        }
      if (inside_spans (spans, base, line, &k))
        {
          after_blank = FALSE;
          line = next;
          continue;
        }

      if (is_indented (line, end) && after_blank && !in_list)
        {
          /* To the last indented line before a line that is not. */
          const char *q = next, *last_end = line_end (line, end);

          while (q < end && (is_blank_line (q, end) || is_indented (q, end)))
            {
              if (!is_blank_line (q, end))
                last_end = line_end (q, end);
              q = next_line (q, end);
            }
          add_span (extra, base, line, last_end, EPURE_VERBATIM_CODE_BLOCK);
          line = q;
          after_blank = FALSE;
          continue;
        }

      if (!is_indented (line, end))
        {
          const char *content = line;

          if (is_list_item (line, end))
            in_list = TRUE;
          else if (after_blank)
            in_list = FALSE;

          /* [label]: destination "title" */
          while (content < end && content - line < 3 && *content == ' ')
            content++;
          /* (Not a footnote, [^1]: which is prose.) */
          if (*content == '[' && content + 1 < end && content[1] != '^')
            {
              const char *le = line_end (content, end);
              const char *close = memchr (content, ']', le - content);
              if (close != NULL && close + 2 < le && close[1] == ':')
                add_span (extra, base, close + 2, le, EPURE_VERBATIM_URL);
            }
        }

      /* [text](destination "title"), ![alt](source "title") */
      for (const char *q = line, *le = line_end (line, end); q + 1 < le; q++)
        if (q[0] == ']' && q[1] == '(')
          {
            const char *d = link_destination_end (q + 1, le);
            if (d != NULL)
              {
                add_span (extra, base, q + 1, d, EPURE_VERBATIM_URL);
                q = d - 1;
              }
          }

      after_blank = FALSE;
      line = next;
    }

  if (extra->len == 0)
    return spans;

  /* Merged: a span that starts inside another is part of it. */
  all = g_array_sized_new (FALSE, FALSE, sizeof (EpureVerbatimSpan), spans->len + extra->len);
  g_array_append_vals (all, spans->data, spans->len);
  g_array_append_vals (all, extra->data, extra->len);
  g_array_unref (spans);
  g_array_sort (all, compare_spans);
  {
    guint kept = 0;

    for (guint i = 0; i < all->len; i++)
      {
        EpureVerbatimSpan *span = &g_array_index (all, EpureVerbatimSpan, i);
        EpureVerbatimSpan *last = kept > 0 ? &g_array_index (all, EpureVerbatimSpan, kept - 1) : NULL;

        if (last != NULL && span->start < last->end)
          last->end = MAX (last->end, span->end);
        else
          g_array_index (all, EpureVerbatimSpan, kept++) = *span;
      }
    g_array_set_size (all, kept);
  }
  return all;
}

/* The spans of @self's plain syntax.  A large text is read a stretch per
 * thread, cut after empty lines, which only a fenced code block crosses:
 * when a stretch but the last ends inside one, the text is read again in
 * one go. */
static GArray *
find_plain_verbatim (EpureText *self)
{
  Stretch stretches[MAX_STRETCHES];
  GArray *spans;
  guint n = n_stretches (self->len);
  gboolean whole = FALSE;
  gsize from = 0;
  guint k;

  /* One stretch at least, for an empty text too. */
  for (k = 0; k < n && (k == 0 || from < self->len); k++)
    {
      gsize to = self->len;

      if (k + 1 < n)
        to = epure_piece_cut_after (self->str, self->len, MAX (self->len / n * (k + 1), from + 1));
      stretches[k] = (Stretch) { .src = self->str, .from = from, .to = to,
                                 .spans = g_array_new (FALSE, FALSE, sizeof (EpureVerbatimSpan)) };
      from = to;
    }
  n = k;
  run_stretches (stretches, n, scan_verbatim);

  spans = g_steal_pointer (&stretches[0].spans);
  for (k = 1; k < n; k++)
    {
      whole = whole || stretches[k - 1].open_fence;
      if (!whole)
        g_array_append_vals (spans, stretches[k].spans->data, stretches[k].spans->len);
      g_array_unref (stretches[k].spans);
    }
  if (whole)
    {
      Stretch all = { .src = self->str, .from = 0, .to = self->len, .spans = spans };

      g_array_set_size (spans, 0);
      scan_verbatim (&all);
    }
  return spans;
}

static GArray *
find_verbatim (EpureText *self)
{
  GArray *spans = find_plain_verbatim (self);

  if (self->syntax == EPURE_TEXT_SYNTAX_MARKDOWN)
    spans = add_markdown_spans (self, spans);
  return spans;
}

/**
 * epure_text_set_syntax:
 *
 * Says how @self is written, for epure_text_get_verbatim_spans(): call it
 * on a text just made, before anything reads it.  Slices and edited
 * copies keep it.
 */
void
epure_text_set_syntax (EpureText       *self,
                       EpureTextSyntax  syntax)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->verbatim == NULL);

  self->syntax = syntax;
}

EpureTextSyntax
epure_text_get_syntax (EpureText *self)
{
  g_return_val_if_fail (self != NULL, EPURE_TEXT_SYNTAX_PLAIN);

  return self->syntax;
}

const EpureVerbatimSpan *
epure_text_get_verbatim_spans (EpureText *self,
                               guint     *n_spans)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (g_once_init_enter (&self->verbatim))
    g_once_init_leave (&self->verbatim, find_verbatim (self));

  if (n_spans != NULL)
    *n_spans = self->verbatim->len;
  return (const EpureVerbatimSpan *) (gpointer) self->verbatim->data;
}

/* The index of the first of @spans (sorted, disjoint) that ends after
 * @offset: the one holding it, or the next; @n_spans when none. */
guint
epure_verbatim_spans_find (const EpureVerbatimSpan *spans,
                           guint                    n_spans,
                           gsize                    offset)
{
  guint lo = 0, hi = n_spans;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (spans[mid].end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
epure_text_overlaps_verbatim (EpureText *self,
                              gsize      start,
                              gsize      end)
{
  const EpureVerbatimSpan *spans;
  guint n, lo;

  spans = epure_text_get_verbatim_spans (self, &n);
  lo = epure_verbatim_spans_find (spans, n, start);

  if (lo >= n)
    return FALSE;
  if (start == end)
    return spans[lo].start < start;
  return spans[lo].start < end;
}
