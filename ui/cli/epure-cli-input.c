/* epure-cli-input.c: a document read for epure-cli, whole or in paragraphs.
 *
 * Small inputs, other formats and inputs checked as a whole go through the
 * formats importer (encoding detection, BOM, line ends).  Large UTF-8 plain
 * text is cut at blank lines into pieces of about one block, so that
 * paragraph-scope checkers see every paragraph whole while memory stays
 * bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "epure-cli-input.h"

/* A paragraph longer than this many blocks is cut at a line end anyway. */
#define MAX_BLOCKS_PER_PIECE 4

struct _EpureCliInput
{
  GObject parent_instance;

  char *format;
  char *encoding;        /* NULL for UTF-8 */
  EpureNewline newline;
  guint bom : 1;
  guint encoding_guessed : 1;
  guint is_stdin : 1;
  guint streaming : 1;
  guint eof : 1;
  guint cr_pending : 1;  /* the last byte read was '\r' */

  EpureText *whole;      /* not streaming: the one piece, until taken */
  EpureStructure *structure; /* not streaming: headings, lists, bold… */

  GInputStream *stream;  /* streaming: the rest of the input */
  GString *pending;      /* streaming: read, normalised, not yet returned */
  gsize block_size;
  guint64 consumed;      /* bytes returned so far, for error positions */
};

G_DEFINE_FINAL_TYPE (EpureCliInput, epure_cli_input, G_TYPE_OBJECT)

static void
epure_cli_input_finalize (GObject *object)
{
  EpureCliInput *self = (EpureCliInput *) object;

  g_free (self->format);
  g_free (self->encoding);
  g_clear_pointer (&self->whole, epure_text_unref);
  g_clear_object (&self->structure);
  g_clear_object (&self->stream);
  if (self->pending != NULL)
    g_string_free (self->pending, TRUE);

  G_OBJECT_CLASS (epure_cli_input_parent_class)->finalize (object);
}

static void
epure_cli_input_class_init (EpureCliInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_cli_input_finalize;
}

static void
epure_cli_input_init (EpureCliInput *self)
{
}

static void
take_import (EpureCliInput *self,
             EpureImport   *import)
{
  const char *encoding = epure_import_get_encoding (import);

  g_free (self->format);
  self->format = g_strdup (epure_import_get_format (import));
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0)
    self->encoding = g_strdup (encoding);
  self->encoding_guessed = epure_import_get_encoding_guessed (import);
  self->newline = epure_import_get_newline (import);
  self->bom = epure_import_get_bom (import);
  self->whole = epure_text_ref (epure_import_get_text (import));
  g_set_object (&self->structure, epure_import_get_structure (import));
}

/* Reads until @buffer holds @want bytes or the input ends. */
static gboolean
read_more (GInputStream  *stream,
           GByteArray    *buffer,
           gsize          want,
           gboolean      *eof,
           GError       **error)
{
  gsize old = buffer->len;
  gsize got = 0;

  g_byte_array_set_size (buffer, old + want);
  if (!g_input_stream_read_all (stream, buffer->data + old, want, &got, NULL, error))
    {
      g_byte_array_set_size (buffer, old);
      return FALSE;
    }
  g_byte_array_set_size (buffer, old + got);
  *eof = got < want;
  return TRUE;
}

/* Reads the rest of @stream, but no more than one byte past the size
 * limit: the importer then refuses it without an endless input filling
 * memory. */
static GBytes *
read_to_end (GInputStream  *stream,
             GByteArray    *buffer,
             GError       **error)
{
  gboolean eof = FALSE;

  while (!eof && (goffset) buffer->len <= EPURE_DEFAULT_MAX_FILE_SIZE)
    if (!read_more (stream, buffer, 1024 * 1024, &eof, error))
      return NULL;
  return g_byte_array_free_to_bytes (g_byte_array_ref (buffer));
}

/* UTF-16 and UTF-32 text has NUL bytes, and a byte order mark. */
static gboolean
has_wide_bom (const guint8 *data,
              gsize         len)
{
  return len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF));
}

static EpureNewline
detect_newline (const guint8 *data,
                gsize         len)
{
  const guint8 *cr = memchr (data, '\r', len);
  const guint8 *lf = memchr (data, '\n', len);

  if (cr == NULL || (lf != NULL && lf < cr))
    return EPURE_NEWLINE_LF;
  if (cr + 1 < data + len && cr[1] == '\n')
    return EPURE_NEWLINE_CRLF;
  return EPURE_NEWLINE_CR;
}

/* Valid UTF-8, except perhaps a character cut by the end of the block. */
static gboolean
head_is_utf8 (const guint8 *data,
              gsize         len)
{
  const char *end = NULL;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return TRUE;
  return (const guint8 *) end + 4 > data + len &&
         g_utf8_get_char_validated (end, data + len - (const guint8 *) end) == (gunichar) -2;
}

/* Appends @data with "\r\n" and "\r" turned into "\n", remembering a '\r'
 * at the end of one block for the '\n' that may start the next. */
static void
append_normalized (EpureCliInput *self,
                   const guint8  *data,
                   gsize          len)
{
  const guint8 *p = data, *end = data + len;

  if (len == 0)
    return;
  if (self->cr_pending && *p == '\n')
    p++;
  self->cr_pending = FALSE;

  /* Runs without '\r' are copied in one go: most text has none at all. */
  while (p < end)
    {
      const guint8 *cr = memchr (p, '\r', end - p);

      if (cr == NULL)
        {
          g_string_append_len (self->pending, (const char *) p, end - p);
          break;
        }
      g_string_append_len (self->pending, (const char *) p, cr - p);
      g_string_append_c (self->pending, '\n');
      p = cr + 1;
      if (p == end)
        self->cr_pending = TRUE;
      else if (*p == '\n')
        p++;
    }
}

/**
 * epure_cli_input_open:
 * @path: a file name, a URI, or "-" for the standard input
 * @format: (nullable): the input's format id ("md", "docx"…); NULL for
 *   the file name's extension, plain text when it names none (and for the
 *   standard input)
 * @allow_streaming: the caller can take the text in paragraph pieces
 *
 * Opens @path and reads what is needed to decide how to deliver it: plain
 * UTF-8 text of more than @block_size bytes is streamed when allowed,
 * everything else is imported whole.
 */
EpureCliInput *
epure_cli_input_open (const char  *path,
                      const char  *format,
                      gboolean     allow_streaming,
                      gsize        block_size,
                      GError     **error)
{
  g_autoptr(EpureCliInput) self = g_object_new (EPURE_TYPE_CLI_INPUT, NULL);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EpureImport) import = NULL;
  gboolean eof = FALSE;
  gsize skip = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self->block_size = MAX (block_size, 64);
  self->is_stdin = g_strcmp0 (path, "-") == 0;

  /* epure-cli reads any file name as plain text unless its extension
   * names another format (notes.log, README). */
  if (format == NULL && !self->is_stdin)
    format = epure_format_from_filename (path);
  self->format = g_strdup (format != NULL ? format : "txt");

  /* Only plain text streams: other formats need the whole document. */
  if (!g_str_equal (self->format, "txt"))
    allow_streaming = FALSE;

  if (self->is_stdin)
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GFileInfo) info = NULL;

      if (allow_streaming)
        info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          (gsize) g_file_info_get_size (info) <= self->block_size)
        {
          import = epure_import_file (file, self->format, 0, NULL, error);
          if (import == NULL)
            return NULL;
          take_import (self, import);
          return g_steal_pointer (&self);
        }

      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  if (!read_more (stream, head, self->block_size, &eof, error))
    return NULL;
  /* A '\r' last in the head says nothing of the line ends until the next
   * byte is known. */
  if (!eof && head->len > 0 && head->data[head->len - 1] == '\r' &&
      !read_more (stream, head, 1, &eof, error))
    return NULL;

  /* Streaming needs UTF-8 from the first byte: anything else (UTF-16,
   * legacy 8-bit, binary) is read whole and left to the importer. */
  if (head->len >= 3 && memcmp (head->data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  if (eof || !allow_streaming ||
      epure_utf8_looks_binary ((const char *) head->data + skip, head->len - skip) ||
      !head_is_utf8 (head->data + skip, head->len - skip))
    {
      /* Plain text that starts as binary is refused whatever follows:
       * no need to read it all.  Office files are binary and needed whole. */
      if ((g_str_equal (self->format, "txt") || g_str_equal (self->format, "md")) &&
          epure_utf8_looks_binary ((const char *) head->data, head->len) &&
          !has_wide_bom (head->data, head->len))
        bytes = g_byte_array_free_to_bytes (g_byte_array_ref (head));
      else
        bytes = read_to_end (stream, head, error);
      if (bytes == NULL)
        return NULL;
      import = epure_import_bytes (bytes, self->format, error);
      if (import == NULL)
        return NULL;
      take_import (self, import);
      return g_steal_pointer (&self);
    }

  self->streaming = TRUE;
  self->bom = skip > 0;
  self->newline = detect_newline (head->data + skip, head->len - skip);
  self->pending = g_string_sized_new (self->block_size * 2);
  append_normalized (self, head->data + skip, head->len - skip);
  self->stream = g_steal_pointer (&stream);

  return g_steal_pointer (&self);
}

/* Where to cut @s: after its last blank line, else (a huge paragraph)
 * after its last line end once it is over the limit; 0 for not yet. */
static gsize
find_cut (const GString *s,
          gsize          block_size)
{
  const char *p;
  gsize cut;

  if (s->len < block_size)
    return 0;

  /* More text follows: the end of what is read is no cut by itself. */
  cut = epure_piece_cut_before (s->str, G_MAXSIZE, s->len);
  if (cut > 0)
    return cut;

  if (s->len < block_size * MAX_BLOCKS_PER_PIECE)
    return 0;

  for (p = s->str + s->len - 1; p >= s->str; p--)
    if (*p == '\n')
      return p - s->str + 1;

  /* One line of several blocks: cut at a character boundary. */
  p = g_utf8_find_prev_char (s->str, s->str + s->len);
  return p != NULL && p > s->str ? (gsize) (p - s->str) : s->len;
}

/* A cut must not fall inside a fenced code block that is still open: what
 * follows would stop being code.  The core says where code blocks run (a
 * block left open runs to the end of @piece, the text up to the cut);
 * returns the blank line before such a block, 0 for none (wait for more
 * text), or G_MAXSIZE when the cut may stay. */
static gsize
cut_before_open_code_block (EpureText *piece)
{
  const EpureVerbatimSpan *spans;
  const char *s;
  gsize len;
  guint n = 0;

  s = epure_text_get_string (piece, &len);
  spans = epure_text_get_verbatim_spans (piece, &n);
  if (n == 0 || spans[n - 1].kind != EPURE_VERBATIM_CODE_BLOCK || spans[n - 1].end < len)
    return G_MAXSIZE;

  return epure_piece_cut_before (s, G_MAXSIZE, spans[n - 1].start);
}

/* The first @cut bytes of the pending text, read as the input's format
 * is written. */
static EpureText *
make_piece (EpureCliInput  *self,
            gsize           cut,
            GError        **error)
{
  EpureText *text = epure_text_new (self->pending->str, cut, error);

  if (text != NULL)
    epure_text_set_syntax (text, epure_format_get_syntax (self->format));
  return text;
}

/* Takes the first @cut bytes of the pending text as the next piece;
 * @piece, when given, is that text already made. */
static EpureText *
take_piece (EpureCliInput  *self,
            gsize           cut,
            EpureText      *piece,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  EpureText *text = piece;
  guint64 at = self->consumed;

  if (text == NULL)
    text = make_piece (self, cut, &local_error);
  g_string_erase (self->pending, 0, cut);
  self->consumed += cut;

  if (text == NULL)
    {
      if (g_error_matches (local_error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8))
        {
          g_autofree char *where = g_strdup_printf ("%" G_GUINT64_FORMAT, at);
          g_set_error (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_INVALID_UTF8,
                       _("Invalid UTF-8 after byte %s: the text changes encoding midway"), where);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return text;
}

/**
 * epure_cli_input_next:
 *
 * Returns: (transfer full) (nullable): the next piece of the text, which
 * ends at a paragraph break or at the end; NULL at the end or on error.
 */
EpureText *
epure_cli_input_next (EpureCliInput  *self,
                      GError        **error)
{
  g_autofree guint8 *buffer = NULL;

  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), NULL);

  if (!self->streaming)
    return g_steal_pointer (&self->whole);

  for (;;)
    {
      gsize cut = find_cut (self->pending, self->block_size);
      gsize got = 0;

      if (cut > 0)
        {
          /* Made once: the checkers then reuse its verbatim spans.  Bad
           * bytes are reported by take_piece(). */
          g_autoptr(EpureText) piece = make_piece (self, cut, NULL);

          if (piece != NULL && self->pending->len < self->block_size * MAX_BLOCKS_PER_PIECE)
            {
              gsize before = cut_before_open_code_block (piece);

              if (before != G_MAXSIZE)
                {
                  cut = before;
                  g_clear_pointer (&piece, epure_text_unref);
                }
            }
          if (cut > 0)
            return take_piece (self, cut, g_steal_pointer (&piece), error);
        }

      if (self->eof)
        return self->pending->len > 0 ? take_piece (self, self->pending->len, NULL, error) : NULL;

      if (buffer == NULL)
        buffer = g_malloc (self->block_size);
      if (!g_input_stream_read_all (self->stream, buffer, self->block_size, &got, NULL, error))
        return NULL;
      self->eof = got < self->block_size;
      append_normalized (self, buffer, got);
    }
}

gboolean
epure_cli_input_is_streaming (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), FALSE);
  return self->streaming;
}

gboolean
epure_cli_input_is_stdin (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), FALSE);
  return self->is_stdin;
}

const char *
epure_cli_input_get_format (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), NULL);
  return self->format;
}

/* Returns: (nullable): the input's charset when it is not UTF-8. */
const char *
epure_cli_input_get_encoding (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), NULL);
  return self->encoding;
}

gboolean
epure_cli_input_get_encoding_guessed (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), FALSE);
  return self->encoding_guessed;
}

EpureNewline
epure_cli_input_get_newline (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), EPURE_NEWLINE_LF);
  return self->newline;
}

gboolean
epure_cli_input_get_bom (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), FALSE);
  return self->bom;
}

/* Returns: (transfer none) (nullable): the document's structure; NULL
 * while streaming (plain text has none). */
EpureStructure *
epure_cli_input_get_structure (EpureCliInput *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_INPUT (self), NULL);
  return self->structure;
}
