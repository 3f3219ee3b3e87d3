/* test-text.c: EpureText, the immutable UTF-8 snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure.h"

/* The verbatim scan as first written, one byte at a time: the reference
 * the library's trigger-driven scan must equal. */

/* The length of the URL character at @p (letters, digits and marks out
 * of ASCII), or 0. */
static gsize
ref_url_char_len (const char *p,
                  const char *end)
{
  gunichar u;

  if ((guchar) *p < 0x80)
    return g_ascii_isalnum (*p) || strchr ("-._~:/?#[]@!$&'()*+,;=%", *p) != NULL;
  u = g_utf8_get_char_validated (p, end - p);
  if (u == (gunichar) -1 || u == (gunichar) -2 || (!g_unichar_isalnum (u) && !g_unichar_ismark (u)))
    return 0;
  return g_utf8_next_char (p) - p;
}

static gboolean
ref_is_email_local_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr (".!#$%&*+/=?^_{|}~-", c) != NULL;
}

static gboolean
ref_is_domain_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

static gboolean
ref_starts_with_ci (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* Trailing punctuation belongs to the sentence, not to the URL, unless a
 * closing bracket balances one inside it. */
static const char *
ref_trim_url_end (const char *start,
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
ref_at_line_start (const char *base,
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
ref_line_end (const char *p,
          const char *end)
{
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  return p;
}

static const char *
ref_next_line (const char *p,
           const char *end)
{
  p = ref_line_end (p, end);
  if (p < end && *p == '\r')
    p++;
  if (p < end && *p == '\n')
    p++;
  return p;
}

static void
ref_add_span (GArray           *spans,
          const char       *base,
          const char       *start,
          const char       *end,
          EpureVerbatimKind kind)
{
  EpureVerbatimSpan span = { start - base, end - base, kind };
  g_array_append_val (spans, span);
}

static GArray *
ref_scan_verbatim (const char *str,
                   gsize       len)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (EpureVerbatimSpan));
  const char *base = str;
  const char *end = str + len;
  const char *p = base;

  while (p < end)
    {
      const char *content;
      guchar c = *p;

      /* Fenced code block: ``` or ~~~ at the start of a line, to the closing fence. */
      if ((c == '`' || c == '~' || c == ' ') && ref_at_line_start (base, p, &content) &&
          content + 3 <= end && (content[0] == '`' || content[0] == '~') &&
          content[1] == content[0] && content[2] == content[0])
        {
          char fence = content[0];
          const char *q = ref_next_line (p, end);

          while (q < end)
            {
              const char *inner;
              if (ref_at_line_start (base, q, &inner) && inner + 3 <= end &&
                  inner[0] == fence && inner[1] == fence && inner[2] == fence)
                {
                  q = ref_line_end (q, end);
                  break;
                }
              q = ref_next_line (q, end);
            }
          ref_add_span (spans, base, p, q, EPURE_VERBATIM_CODE_BLOCK);
          p = q;
          continue;
        }

      /* Code span: a run of n backticks closed by a run of n, within a paragraph. */
      if (c == '`')
        {
          const char *q = p;
          gsize n, m;

          while (q < end && *q == '`')
            q++;
          n = q - p;
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
                      ref_add_span (spans, base, p, r, EPURE_VERBATIM_CODE_SPAN);
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
          p += n;
          continue;
        }

      /* URL: a scheme or "www." at the start of a word. */
      if ((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W' || c == 'm' || c == 'M') &&
          (p == base || !g_ascii_isalnum (p[-1])) &&
          (ref_starts_with_ci (p, end, "http://") || ref_starts_with_ci (p, end, "https://") ||
           ref_starts_with_ci (p, end, "ftp://") || ref_starts_with_ci (p, end, "www.") ||
           ref_starts_with_ci (p, end, "mailto:")))
        {
          const char *q = p;
          while (q < end && ref_url_char_len (q, end) > 0)
            q += ref_url_char_len (q, end);
          q = ref_trim_url_end (p, q);
          if (q - p > 4)
            {
              ref_add_span (spans, base, p, q, EPURE_VERBATIM_URL);
              p = q;
              continue;
            }
        }

      /* E-mail address: local@domain.tld */
      if (c == '@' && p > base && p + 1 < end && ref_is_email_local_char (p[-1]) && g_ascii_isalnum (p[1]))
        {
          const char *s = p;
          const char *q = p + 1;
          gboolean dot = FALSE;
          EpureVerbatimSpan *last;

          while (s > base && ref_is_email_local_char (s[-1]))
            s--;
          while (q < end && ref_is_domain_char (*q))
            {
              if (*q == '.' && q + 1 < end && g_ascii_isalnum (q[1]))
                dot = TRUE;
              q++;
            }
          while (q > p + 1 && (q[-1] == '.' || q[-1] == '-'))
            q--;

          /* The local part may already be inside an earlier span (a URL). */
          last = spans->len ? &g_array_index (spans, EpureVerbatimSpan, spans->len - 1) : NULL;
          if (dot && (last == NULL || last->end <= (gsize) (s - base)))
            {
              ref_add_span (spans, base, s, q, EPURE_VERBATIM_EMAIL);
              p = q;
              continue;
            }
        }

      p++;
    next:
      ;
    }

  return spans;
}

static void
test_text_rejects_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new ("caf\xe9 cr\xe8me", -1, &error);

  g_assert_null (text);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
}

/* A large text is checked a stretch per thread: characters across the
 * cuts are whole, and the bad byte reported is the first one. */
static void
test_text_invalid_utf8_large (void)
{
  const char *chars[] = { "é", "€", "😀" };

  for (guint c = 0; c < G_N_ELEMENTS (chars); c++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      gsize bad;

      /* One ASCII byte first: the cuts fall inside characters. */
      g_string_append_c (s, 'a');
      while (s->len < 17 * 1024 * 1024)
        g_string_append (s, chars[c]);
      text = epure_text_new (s->str, s->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (epure_text_get_length (text), ==, s->len);
      g_assert_true (memcmp (epure_text_get_string (text, NULL), s->str, s->len) == 0);
      g_clear_pointer (&text, epure_text_unref);

      /* A lone continuation byte three quarters in, and another after it. */
      bad = s->len / 4 * 3;
      bad -= (bad - 1) % strlen (chars[c]);
      s->str[bad] = (char) 0x80;
      s->str[s->len - 1] = (char) 0x80;
      expected = g_strdup_printf ("Invalid UTF-8 at byte %" G_GSIZE_FORMAT, bad);
      text = epure_text_new_take (g_strndup (s->str, s->len), s->len, &error);
      g_assert_null (text);
      g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

static void
test_text_rejects_binary (void)
{
  static const char data[] = { 'P', 'K', 3, 4, 0, 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new (data, sizeof data, &error);

  g_assert_null (text);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);
}

static void
test_text_lines_and_columns (void)
{
  /* "é" is two bytes, "’" three, U+202F three. */
  const char *s = "Élan\r\nl’été\n\nfin\u202F!\rx";
  g_autoptr(GError) error = NULL;
  g_autoptr(EpureText) text = epure_text_new (s, -1, &error);
  const char *str;
  guint line, column;
  gsize off;

  g_assert_no_error (error);
  g_assert_cmpuint (epure_text_get_line_count (text), ==, 5);

  str = epure_text_get_string (text, NULL);
  off = strstr (str, "été") - str;
  epure_text_get_line_column (text, off, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  /* Code points: "Élan\r\n" is 6, "l’" 2. */
  g_assert_cmpuint (epure_text_char_offset (text, off), ==, 8);

  off = strstr (str, "!") - str;
  epure_text_get_line_column (text, off, &line, &column);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpuint (column, ==, 5);
  g_assert_cmpuint (epure_text_char_offset (text, off), ==, 17);

  epure_text_get_line_column (text, strlen (s), &line, &column);
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpuint (column, ==, 2);
  g_assert_cmpuint (epure_text_char_offset (text, strlen (s)), ==, g_utf8_strlen (s, -1));
  g_assert_cmpuint (epure_text_get_line_start (text, 3), ==, strstr (str, "\n\n") + 1 - str);
}

static void
test_text_empty (void)
{
  g_autoptr(EpureText) text = epure_text_new ("", 0, NULL);
  guint line, column, n_spans;

  g_assert_nonnull (text);
  g_assert_cmpuint (epure_text_get_length (text), ==, 0);
  g_assert_cmpuint (epure_text_get_line_count (text), ==, 1);
  epure_text_get_line_column (text, 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  epure_text_get_verbatim_spans (text, &n_spans);
  g_assert_cmpuint (n_spans, ==, 0);
}

static char *
span_text (EpureText               *text,
           const EpureVerbatimSpan *span)
{
  return g_strndup (epure_text_get_string (text, NULL) + span->start, span->end - span->start);
}

static void
test_text_verbatim_spans (void)
{
  const char *s =
    "Voir https://exemple.fr/a?b=1&c=%22x%22 (et www.site.org/page).\n"
    "Écrire à jean.dupont@exemple.fr. Le code `printf(\"%d\", x)` compte.\n"
    "```\nlet a = \"b\";\n```\n"
    "Fin (voir http://fr.wikipedia.org/wiki/Paris_(France)).\n"
    "« https://exemple.fr/été\u00a0», https://exemple.fr/a\u202f; https://exemple.fr/b’s.";
  g_autoptr(EpureText) text = epure_text_new (s, -1, NULL);
  const EpureVerbatimSpan *spans;
  guint n;
  const char *expected[] = {
    "https://exemple.fr/a?b=1&c=%22x%22",
    "www.site.org/page",
    "jean.dupont@exemple.fr",
    "`printf(\"%d\", x)`",
    "```\nlet a = \"b\";\n```",
    "http://fr.wikipedia.org/wiki/Paris_(France)",
    /* Letters of an internationalised address, but no space or quote. */
    "https://exemple.fr/été",
    "https://exemple.fr/a",
    "https://exemple.fr/b",
  };

  spans = epure_text_get_verbatim_spans (text, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = span_text (text, &spans[i]);
      g_assert_cmpstr (got, ==, expected[i]);
      if (i > 0)
        g_assert_cmpuint (spans[i - 1].end, <=, spans[i].start);
    }
  g_assert_cmpint (spans[2].kind, ==, EPURE_VERBATIM_EMAIL);
  g_assert_cmpint (spans[3].kind, ==, EPURE_VERBATIM_CODE_SPAN);
  g_assert_cmpint (spans[4].kind, ==, EPURE_VERBATIM_CODE_BLOCK);

  g_assert_true (epure_text_overlaps_verbatim (text, spans[0].start + 3, spans[0].start + 4));
  g_assert_false (epure_text_overlaps_verbatim (text, 0, 4));
  g_assert_false (epure_text_overlaps_verbatim (text, spans[0].end, spans[0].end + 1));
}

static const char *verbatim_fragments[] = {
  "`", "``", "```", "~~~", "~", "\n", "\n\n", "\r\n", " ", "  ", "   ", "    ", "http://", "https://",
  "HTTP://", "www.", "WWW.", "ftp://", "sftp://", "mailto:", "@", "a", "x", "h", "w", "hhttp://", ".", ":",
  "(", ")", "é", "\u00a0", "\u202f", "»", "’", "\u0301", "mot", "exemple.fr", "jean@exemple.fr", "a.b", ",", "'", "\"", "-", "?q=1&r=2", "/",
};

/* The trigger-driven verbatim scan finds exactly the spans of the byte by
 * byte scan, on generated text full of near misses. */
/* Markdown has more that is not prose: indented code after a blank line
 * (not a list item's continuation), link and image destinations with
 * their titles, link reference definitions (not footnotes).  The same
 * text read as plain has none of them; slices and edited copies keep the
 * syntax. */
static void
test_text_verbatim_markdown (void)
{
  const char *s =
    "Un lien [vers la page](https://exemple.fr/p \"Le titre\") et une image ![logo](logo.png 'Logo').\n"
    "\n"
    "    printf(\"%d\", x);\n"
    "    y = 'z';\n"
    "\n"
    "- un point\n"
    "\n"
    "    suite du point, en \"prose\"\n"
    "\n"
    "[ref]: https://exemple.org \"Titre de la référence\"\n"
    "[^1]: Une note en \"prose\".\n"
    "```\n    dans une clôture\n```\n";
  const char *expected[] = {
    "(https://exemple.fr/p \"Le titre\")",
    "(logo.png 'Logo')",
    "    printf(\"%d\", x);\n    y = 'z';",
    " https://exemple.org \"Titre de la référence\"",
    "```\n    dans une clôture\n```",
  };
  g_autoptr(EpureText) plain = epure_text_new (s, -1, NULL);
  g_autoptr(EpureText) md = epure_text_new (s, -1, NULL);
  g_autoptr(EpureText) slice = NULL;
  const EpureVerbatimSpan *spans;
  guint n;

  epure_text_set_syntax (md, EPURE_TEXT_SYNTAX_MARKDOWN);
  g_assert_cmpint (epure_text_get_syntax (plain), ==, EPURE_TEXT_SYNTAX_PLAIN);

  spans = epure_text_get_verbatim_spans (md, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = span_text (md, &spans[i]);
      g_assert_cmpstr (got, ==, expected[i]);
      if (i > 0)
        g_assert_cmpuint (spans[i - 1].end, <=, spans[i].start);
    }
  g_assert_cmpint (spans[2].kind, ==, EPURE_VERBATIM_CODE_BLOCK);

  /* Plain text: only the URL and the fence. */
  spans = epure_text_get_verbatim_spans (plain, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (spans[0].kind, ==, EPURE_VERBATIM_URL);

  slice = epure_text_new_slice (md, strchr (s, '\n') + 2 - s, strlen (s));
  g_assert_cmpint (epure_text_get_syntax (slice), ==, EPURE_TEXT_SYNTAX_MARKDOWN);
  spans = epure_text_get_verbatim_spans (slice, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (spans[0].kind, ==, EPURE_VERBATIM_CODE_BLOCK);
}

/* @text's spans are the reference scanner's, field by field (the structs'
 * padding is not theirs to compare); on a mismatch, the text (when @shown,
 * small enough to print) and both lists from where they part are told. */
static void
assert_reference_spans (EpureText  *text,
                        const char *shown,
                        gsize       len)
{
  g_autoptr(GArray) expected = ref_scan_verbatim (epure_text_get_string (text, NULL), len);
  const EpureVerbatimSpan *spans;
  guint n, first;

  spans = epure_text_get_verbatim_spans (text, &n);
  for (first = 0; first < MIN (n, expected->len); first++)
    {
      const EpureVerbatimSpan *e = &g_array_index (expected, EpureVerbatimSpan, first);
      if (spans[first].start != e->start || spans[first].end != e->end || spans[first].kind != e->kind)
        break;
    }
  if (first == n && n == expected->len)
    return;

  if (shown != NULL)
    {
      g_autofree char *e = g_strescape (shown, NULL);
      g_test_message ("spans differ on: %s", e);
    }
  g_test_message ("%u spans, expected %u; from the first that differs:", n, expected->len);
  for (guint i = first; i < MIN (MAX (n, expected->len), first + 10); i++)
    g_test_message ("  got [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") kind %d, expected [%" G_GSIZE_FORMAT
                    ", %" G_GSIZE_FORMAT ") kind %d",
                    i < n ? spans[i].start : 0, i < n ? spans[i].end : 0, i < n ? (int) spans[i].kind : -1,
                    i < expected->len ? g_array_index (expected, EpureVerbatimSpan, i).start : 0,
                    i < expected->len ? g_array_index (expected, EpureVerbatimSpan, i).end : 0,
                    i < expected->len ? (int) g_array_index (expected, EpureVerbatimSpan, i).kind : -1);
  g_assert_not_reached ();
}

static void
test_text_verbatim_reference (void)
{
  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      guint n_parts = g_test_rand_int_range (1, 40);

      for (guint i = 0; i < n_parts; i++)
        g_string_append (s, verbatim_fragments[g_test_rand_int_range (0, G_N_ELEMENTS (verbatim_fragments))]);
      text = epure_text_new (s->str, s->len, NULL);
      g_assert_nonnull (text);
      assert_reference_spans (text, s->str, s->len);
    }
}

/* A large text is scanned a stretch per thread, cut after empty lines:
 * the same spans as the reference, with code blocks that hold empty lines
 * across the cuts or not, and one left open to the end. */
static void
test_text_verbatim_large (void)
{
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;

      while (s->len < 17 * 1024 * 1024)
        {
          g_string_append (s, verbatim_fragments[g_test_rand_int_range (0, G_N_ELEMENTS (verbatim_fragments))]);
          if (g_test_rand_int_range (0, 1000) == 0)
            g_string_append (s, "\n\n```\ncode\n\n");
          if (g_test_rand_int_range (0, 1000) == 0)
            g_string_append (s, "\n```\n\n");
        }
      /* Round 1: a fence opened just before the middle, closed after it. */
      if (round == 1)
        {
          gsize middle = s->len / 2 - 64;

          /* Between characters: after a byte below 0x80. */
          while ((guchar) s->str[middle - 1] >= 0x80)
            middle++;
          g_string_insert (s, middle, "\n\n```\nx\n\n\n");
          middle += 4096;
          while ((guchar) s->str[middle - 1] >= 0x80)
            middle++;
          g_string_insert (s, middle, "\n```\n\n");
        }
      /* Round 2: one left open at the end of the text. */
      if (round == 2)
        g_string_append (s, "\n\n~~~\nouvert\n\n");

      text = epure_text_new (s->str, s->len, &error);
      g_assert_no_error (error);
      assert_reference_spans (text, NULL, s->len);
    }
}

/* Snapshots accept exactly the valid UTF-8 and name the first bad byte,
 * whatever the mix of ASCII runs and multibyte characters around it. */
static void
test_text_validation (void)
{
  static const char *pieces[] = {
    "a", "abcdefghijklmnopqrstuvwxyz012345", " ", "\n", "é", "’", "😀", "\xC3", "\x80", "\xE2\x80",
    "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF", "\xFF", "\xF4\x90\x80\x80", "«", "\xC2\xA0",
  };

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;
      guint n_parts = g_test_rand_int_range (1, 30);
      const char *bad = NULL;
      gboolean valid;

      for (guint i = 0; i < n_parts; i++)
        {
          guint k = g_test_rand_int_range (0, G_N_ELEMENTS (pieces));
          /* Mostly valid text, so that the bad bytes are far apart. */
          if (k >= 7 && k <= 15 && g_test_rand_int_range (0, 4) != 0)
            k = 1;
          g_string_append (s, pieces[k]);
        }
      valid = g_utf8_validate_len (s->str, s->len, &bad);
      text = epure_text_new (s->str, s->len, &error);
      if (valid)
        {
          g_assert_no_error (error);
          g_assert_nonnull (text);
        }
      else
        {
          g_autofree char *message = g_strdup_printf ("Invalid UTF-8 at byte %" G_GSIZE_FORMAT,
                                                      (gsize) (bad - s->str));
          g_assert_null (text);
          g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
          g_assert_cmpstr (error->message, ==, message);
        }
    }
}

static EpureText *
edited (EpureText  *source,
        gsize       start,
        gsize       end,
        const char *replacement,
        GError    **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);

  g_ptr_array_add (edits, epure_edit_new (start, end, replacement));
  return epure_text_new_edited (source, edits, error);
}

/* The next snapshot of a cleaning pass is checked where the edits changed
 * it; an edit that cuts a character is caught all the same. */
static void
test_text_new_edited (void)
{
  g_autoptr(EpureText) source = epure_text_new ("l'été \"oui\"", -1, NULL);
  g_autoptr(EpureText) next = NULL;
  g_autoptr(EpureText) cut = NULL;
  g_autoptr(GError) error = NULL;

  next = edited (source, 1, 2, "’", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (epure_text_get_string (next, NULL), ==, "l’été \"oui\"");
  g_assert_cmpuint (epure_text_get_length (next), ==, strlen ("l’été \"oui\""));

  /* The first byte of "é" alone: the result is not UTF-8 any more. */
  cut = edited (source, 2, 3, "e", &error);
  g_assert_null (cut);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
  g_clear_error (&error);

  /* Control bytes at the start make it binary, as for a new text. */
  g_clear_pointer (&cut, epure_text_unref);
  cut = edited (source, 0, 1, "\x01\x02\x03", &error);
  g_assert_null (cut);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY);
}

/* @edits (sorted) applied to @str one after the other: the reference the
 * copy by stretches must equal. */
static char *
reference_apply (const char *str,
                 gsize       len,
                 GPtrArray  *edits,
                 gsize      *out_len)
{
  GString *out = g_string_new (NULL);
  gsize pos = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      const EpureEdit *e = g_ptr_array_index (edits, i);

      g_string_append_len (out, str + pos, e->start - pos);
      g_string_append (out, e->replacement);
      pos = e->end;
    }
  g_string_append_len (out, str + pos, len - pos);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* A text of several stretches is copied by as many threads: the same
 * bytes as applying the edits one by one, edits at the cuts included, and
 * epure_edits_apply() gives them too; a bad replacement is caught in the
 * last stretch as in the first. */
static void
test_text_new_edited_large (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(EpureText) source = NULL;
  g_autoptr(EpureText) next = NULL;
  g_autoptr(EpureText) bad = NULL;
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *applied = NULL;
  const char *str;
  gsize len, expected_len, applied_len, p = 0;

  while (s->len < 18 * 1024 * 1024)
    g_string_append (s, "l'été \"oui\" ... ");
  source = epure_text_new (s->str, s->len, &error);
  g_assert_no_error (error);
  str = epure_text_get_string (source, &len);

  /* Apostrophes replaced or deleted all along, an edit across the
   * middle, where stretches are cut, and an insertion at the very end. */
  while (p + 40 < len)
    {
      gsize step = g_test_rand_int_range (1, 30000);
      const char *at = strchr (str + p, '\'');

      if (at == NULL)
        break;
      p = at - str;
      g_ptr_array_add (edits, epure_edit_new (p, p + 1, (step & 1) ? "’" : ""));
      p += step;
    }
  g_ptr_array_add (edits, epure_edit_new (len / 2 - 7, len / 2 + 7, "«\u00a0x\u00a0»"));
  epure_edits_sort (edits);
  g_ptr_array_add (edits, epure_edit_new (len, len, "."));
  expected = reference_apply (str, len, edits, &expected_len);

  next = epure_text_new_edited (source, edits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (epure_text_get_length (next), ==, expected_len);
  g_assert_true (memcmp (epure_text_get_string (next, NULL), expected, expected_len) == 0);
  applied = epure_edits_apply (str, len, edits, &applied_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (applied_len, ==, expected_len);
  g_assert_true (memcmp (applied, expected, expected_len) == 0);

  /* A replacement that is not UTF-8, in the last stretch. */
  g_ptr_array_set_size (edits, 0);
  g_ptr_array_add (edits, epure_edit_new (1, 2, "’"));
  g_ptr_array_add (edits, epure_edit_new (len - 3, len - 2, "\xC3"));
  bad = epure_text_new_edited (source, edits, &error);
  g_assert_null (bad);
  g_assert_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8);
}

/* Where a text may be cut into pieces: after an empty line, and at its
 * ends unless more follows; the nearest cut either way of any offset. */
static void
test_piece_cuts (void)
{
  static const char *pieces[] = { "\n", "\n\n", "a", " ", "\r\n", "é" };

  g_assert_true (epure_piece_is_cut ("a\n\nb", 4, 3));
  g_assert_false (epure_piece_is_cut ("a\n \nb", 5, 4));
  g_assert_true (epure_piece_is_cut ("ab", 2, 2));
  g_assert_false (epure_piece_is_cut ("ab", G_MAXSIZE, 2));

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 30);

      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

      for (gsize p = 0; p <= s->len; p++)
        for (guint stream = 0; stream < 2; stream++)
          {
            gsize len = stream ? G_MAXSIZE : s->len;
            gsize before = p, after = p;

            while (before > 0 && !(before >= 2 && s->str[before - 1] == '\n' && s->str[before - 2] == '\n') &&
                   (stream || before < s->len))
              before--;
            g_assert_cmpuint (epure_piece_cut_before (s->str, len, p), ==, before);
            if (!stream)
              {
                while (after < s->len && !(after >= 2 && s->str[after - 1] == '\n' && s->str[after - 2] == '\n') &&
                       after > 0)
                  after++;
                g_assert_cmpuint (epure_piece_cut_after (s->str, len, p), ==, after);
              }
          }
    }
}

/* Character and byte offsets convert both ways, across lines and
 * multibyte characters, and past the end clamp to it. */
static void
test_byte_offset (void)
{
  static const char *pieces[] = { "a", "é", "’", "😀", "\n", "\r\n", " " };

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      guint n = g_test_rand_int_range (0, 40);
      gsize chars = 0;

      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      text = epure_text_new (s->str, s->len, NULL);
      for (const char *p = s->str; ; p = g_utf8_next_char (p), chars++)
        {
          g_assert_cmpuint (epure_text_byte_offset (text, chars), ==, (gsize) (p - s->str));
          g_assert_cmpuint (epure_text_char_offset (text, p - s->str), ==, chars);
          if (*p == '\0')
            break;
        }
      g_assert_cmpuint (epure_text_byte_offset (text, chars + 5), ==, s->len);
    }
}

/* Locating sorted findings in one sweep gives each the line and column
 * epure_finding_locate() gives it alone, out of order and mid-character
 * offsets included. */
static void
test_findings_locate_sweep (void)
{
  static const char *pieces[] = { "a", "mot ", "é", "’", "😀", "\n", "\r\n", "\r", "\n\n", "  " };

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_test_rand_int_range (0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      text = epure_text_new (s->str, s->len, NULL);
      g_assert_nonnull (text);

      for (guint i = 0, m = g_test_rand_int_range (0, 20); i < m; i++)
        {
          gsize start = g_test_rand_int_range (0, s->len + 3);
          g_ptr_array_add (findings, epure_finding_new ("t", "t.rule", NULL, start, start, NULL));
        }
      /* Mostly sorted, as the pipeline gives them; sometimes not. */
      if (g_test_rand_int_range (0, 4) != 0)
        for (guint i = 1; i < findings->len; i++)
          for (guint j = i; j > 0 && epure_finding_compare (findings->pdata[j - 1], findings->pdata[j]) > 0; j--)
            {
              gpointer t = findings->pdata[j];
              findings->pdata[j] = findings->pdata[j - 1];
              findings->pdata[j - 1] = t;
            }

      epure_findings_locate (findings, text);
      for (guint i = 0; i < findings->len; i++)
        {
          EpureFinding *f = findings->pdata[i];
          guint line, column;

          epure_text_get_line_column (text, epure_finding_get_start (f), &line, &column);
          g_assert_cmpuint (epure_finding_get_line (f), ==, line);
          g_assert_cmpuint (epure_finding_get_column (f), ==, column);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/text/invalid-utf8", test_text_rejects_invalid_utf8);
  g_test_add_func ("/text/invalid-utf8-large", test_text_invalid_utf8_large);
  g_test_add_func ("/text/binary", test_text_rejects_binary);
  g_test_add_func ("/text/lines-columns", test_text_lines_and_columns);
  g_test_add_func ("/text/empty", test_text_empty);
  g_test_add_func ("/text/verbatim", test_text_verbatim_spans);
  g_test_add_func ("/text/verbatim-reference", test_text_verbatim_reference);
  g_test_add_func ("/text/verbatim-large", test_text_verbatim_large);
  g_test_add_func ("/text/verbatim-markdown", test_text_verbatim_markdown);
  g_test_add_func ("/text/validation", test_text_validation);
  g_test_add_func ("/text/new-edited", test_text_new_edited);
  g_test_add_func ("/text/new-edited-large", test_text_new_edited_large);
  g_test_add_func ("/text/piece-cuts", test_piece_cuts);
  g_test_add_func ("/text/byte-offset", test_byte_offset);
  g_test_add_func ("/text/locate-sweep", test_findings_locate_sweep);

  return g_test_run ();
}
