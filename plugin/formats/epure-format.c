/* epure-format.c: format names, plain text import and export.
 *
 * Text in the engine is UTF-8 with "\n" line ends; the encoding, BOM and
 * line ends a file came with are remembered and restored on export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <uchardet.h>

#include "epure-format-private.h"

G_DEFINE_QUARK (epure-format-error-quark, epure_format_error)

struct _EpureImport
{
  GObject parent_instance;

  EpureText *text;
  EpureStructure *structure;
  char *format;
  char *encoding;
  EpureNewline newline;
  guint bom : 1;
  guint encoding_guessed : 1;
};

G_DEFINE_FINAL_TYPE (EpureImport, epure_import, G_TYPE_OBJECT)

static void
epure_import_finalize (GObject *object)
{
  EpureImport *self = (EpureImport *) object;

  g_clear_pointer (&self->text, epure_text_unref);
  g_clear_object (&self->structure);
  g_free (self->format);
  g_free (self->encoding);

  G_OBJECT_CLASS (epure_import_parent_class)->finalize (object);
}

static void
epure_import_class_init (EpureImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_import_finalize;
}

static void
epure_import_init (EpureImport *self)
{
}

/* One row per file name extension; the first row of a format is its
 * canonical extension. */
static const struct {
  const char *extension;
  const char *format;
  const char *name;
  const char *mime_type;
  gboolean import;
  gboolean export;
} formats[] = {
  { "txt", "txt", N_("Plain text"), "text/plain", TRUE, TRUE },
  { "text", "txt", N_("Plain text"), "text/plain", TRUE, TRUE },
  { "md", "md", N_("Markdown"), "text/markdown", TRUE, TRUE },
  { "markdown", "md", N_("Markdown"), "text/markdown", TRUE, TRUE },
  { "html", "html", N_("Web page"), "text/html", TRUE, TRUE },
  { "htm", "html", N_("Web page"), "text/html", TRUE, TRUE },
  { "xhtml", "html", N_("Web page"), "text/html", TRUE, TRUE },
  { "odt", "odt", N_("OpenDocument text"), "application/vnd.oasis.opendocument.text", TRUE, TRUE },
  { "docx", "docx", N_("Word document"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", TRUE, TRUE },
  { "pdf", "pdf", N_("PDF document"), "application/pdf", FALSE, TRUE },
};

/* Returns: (transfer none): the format ids that can be opened, or with
 * @exportable, written; each once, in a stable order. */
const char * const *
epure_format_list (gboolean exportable)
{
  static const char *importable_ids[G_N_ELEMENTS (formats) + 1];
  static const char *exportable_ids[G_N_ELEMENTS (formats) + 1];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      guint ni = 0, ne = 0;

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          if (i > 0 && g_str_equal (formats[i - 1].format, formats[i].format))
            continue;
          if (formats[i].import)
            importable_ids[ni++] = formats[i].format;
          if (formats[i].export)
            exportable_ids[ne++] = formats[i].format;
        }
      g_once_init_leave (&initialized, 1);
    }

  return exportable ? exportable_ids : importable_ids;
}

static int
find_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, formats[i].format) == 0)
      return i;
  return -1;
}

/* Returns: the translated name shown in file dialogs ("Plain text"). */
const char *
epure_format_get_name (const char *format)
{
  int i = find_format (format);
  return i < 0 ? NULL : _(formats[i].name);
}

/* Returns: how text in @format is written, for its verbatim spans. */
EpureTextSyntax
epure_format_get_syntax (const char *format)
{
  return g_strcmp0 (format, "md") == 0 ? EPURE_TEXT_SYNTAX_MARKDOWN : EPURE_TEXT_SYNTAX_PLAIN;
}

const char *
epure_format_get_extension (const char *format)
{
  int i = find_format (format);
  return i < 0 ? NULL : formats[i].extension;
}

const char *
epure_format_get_mime_type (const char *format)
{
  int i = find_format (format);
  return i < 0 ? NULL : formats[i].mime_type;
}

/* Returns: the format id for @filename's extension ("txt", "md", …), or
 * NULL when none is known.  A name with no extension is plain text. */
const char *
epure_format_from_filename (const char *filename)
{
  const char *base, *dot;

  g_return_val_if_fail (filename != NULL, NULL);

  base = strrchr (filename, G_DIR_SEPARATOR);
  base = base ? base + 1 : filename;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return "txt";

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      return formats[i].format;
  return NULL;
}

/* Returns: (transfer none): every file name extension of @format, its
 * canonical one first ("html", "htm", "xhtml"), for file dialog filters. */
const char * const *
epure_format_get_extensions (const char *format)
{
  static const char *lists[G_N_ELEMENTS (formats)][G_N_ELEMENTS (formats) + 1];
  static gsize initialized;
  int first = find_format (format);

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          guint n = 0;

          for (guint j = 0; j < G_N_ELEMENTS (formats); j++)
            if (g_str_equal (formats[i].format, formats[j].format))
              lists[i][n++] = formats[j].extension;
        }
      g_once_init_leave (&initialized, 1);
    }

  return first < 0 ? NULL : lists[first];
}

gboolean
epure_format_can_import (const char *format)
{
  int i = find_format (format);
  return i >= 0 && formats[i].import;
}

gboolean
epure_format_can_export (const char *format)
{
  int i = find_format (format);
  return i >= 0 && formats[i].export;
}

static EpureNewline
detect_newline (const char *s,
                gsize       len)
{
  const char *p = memchr (s, '\r', len);
  const char *n = memchr (s, '\n', len);

  if (p == NULL)
    return EPURE_NEWLINE_LF;
  if (n != NULL && n < p)
    return EPURE_NEWLINE_LF;
  if (p + 1 < s + len && p[1] == '\n')
    return EPURE_NEWLINE_CRLF;
  return EPURE_NEWLINE_CR;
}

/* "\r\n" and "\r" become "\n", in place. */
static gsize
normalize_newlines (char  *s,
                    gsize  len)
{
  gsize w = 0;

  for (gsize r = 0; r < len; r++)
    {
      if (s[r] == '\r')
        {
          s[w++] = '\n';
          if (r + 1 < len && s[r + 1] == '\n')
            r++;
        }
      else
        s[w++] = s[r];
    }
  s[w] = '\0';
  return w;
}

/* Fallbacks when the detector has no answer, most likely first:
 * Windows-1252 is a superset of Latin-1 for printable text and the usual
 * source of French mojibake. */
static const char *legacy_encodings[] = { "WINDOWS-1252", "ISO-8859-15" };

static gboolean
has_c1_bytes (const char *data,
              gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80 && (guchar) data[i] <= 0x9F)
      return TRUE;
  return FALSE;
}

/* Is every non-ASCII character of @utf8 one French text uses (accented
 * letters, œ æ, guillemets and quotes, dashes, €, no-break space)? */
static gboolean
reads_as_french (const char *utf8,
                 gsize       len)
{
  static const char french[] = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’‚“”„–—…€°§©®™²\xC2\xA0";

  for (const char *p = utf8; p < utf8 + len; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && g_utf8_strchr (french, -1, g_utf8_get_char (p)) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_western (const char *charset)
{
  return g_str_equal (charset, "WINDOWS-1252") || g_str_equal (charset, "ISO-8859-1") ||
         g_str_equal (charset, "ISO-8859-15");
}

/* Text that is not UTF-8: uchardet's guess first, then the fallbacks. */
static char *
decode_legacy (const char  *data,
               gsize        len,
               gsize       *out_len,
               char       **encoding)
{
  uchardet_t detector = uchardet_new ();
  g_autofree char *guess = NULL;
  char *utf8 = NULL;

  if (uchardet_handle_data (detector, data, len) == 0)
    {
      uchardet_data_end (detector);
      guess = g_ascii_strup (uchardet_get_charset (detector), -1);
    }
  uchardet_delete (detector);

  /* Latin-1 has control codes where Windows-1252 has œ, “ ” and €. */
  if (guess != NULL && g_str_equal (guess, "ISO-8859-1") && has_c1_bytes (data, len))
    {
      g_free (guess);
      guess = g_strdup ("WINDOWS-1252");
    }

  if (guess != NULL && *guess != '\0' && !g_str_equal (guess, "ASCII") && !g_str_equal (guess, "UTF-8"))
    {
      utf8 = g_convert (data, len, "UTF-8", guess, NULL, out_len, NULL);

      /* On a few accented letters uchardet may guess a central European
       * or Baltic charset ("Où" read as "Oł", "Noël" as "NoŽl").  Where
       * Windows-1252 reads the bytes as French, French is the likelier:
       * it is what Épure is for, and saving back then keeps « » and ’. */
      if (utf8 != NULL && !is_western (guess))
        {
          gsize western_len = 0;
          char *western = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, &western_len, NULL);

          if (western != NULL && reads_as_french (western, western_len))
            {
              g_free (utf8);
              utf8 = western;
              *out_len = western_len;
              g_free (guess);
              guess = g_strdup ("WINDOWS-1252");
            }
          else
            g_free (western);
        }
      if (utf8 != NULL)
        {
          *encoding = g_steal_pointer (&guess);
          return utf8;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (legacy_encodings); i++)
    {
      utf8 = g_convert (data, len, "UTF-8", legacy_encodings[i], NULL, out_len, NULL);
      if (utf8 != NULL)
        {
          *encoding = g_strdup (legacy_encodings[i]);
          return utf8;
        }
    }
  return NULL;
}

static EpureImport *
import_plain (GBytes      *bytes,
              const char  *format,
              GError     **error)
{
  g_autoptr(EpureImport) self = g_object_new (EPURE_TYPE_IMPORT, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *utf8 = NULL;
  gsize utf8_len = 0;

  self->format = g_strdup (format);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->bom = TRUE;
      data += 3;
      len -= 3;
    }
  else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      const char *charset = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
      g_autoptr(GError) local_error = NULL;

      utf8 = g_convert (data + 2, len - 2, "UTF-8", charset, NULL, &utf8_len, &local_error);
      if (utf8 == NULL)
        {
          g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                       _("The file starts as %s text but is not valid %s"), charset, charset);
          return NULL;
        }
      self->bom = TRUE;
      self->encoding = g_strdup (charset);
    }

  if (utf8 == NULL)
    {
      if (epure_utf8_looks_binary (data, len))
        {
          g_set_error_literal (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY,
                               _("This is a binary file, not text"));
          return NULL;
        }

      if (g_utf8_validate_len (data, len, NULL))
        {
          utf8 = g_strndup (data, len);
          utf8_len = len;
          self->encoding = g_strdup ("UTF-8");
        }
      else
        {
          utf8 = decode_legacy (data, len, &utf8_len, &self->encoding);
          if (utf8 == NULL)
            {
              g_set_error_literal (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_UNKNOWN_ENCODING,
                                   _("The text is neither UTF-8 nor a known legacy encoding"));
              return NULL;
            }
          self->encoding_guessed = TRUE;
        }
    }

  self->newline = detect_newline (utf8, utf8_len);
  utf8_len = normalize_newlines (utf8, utf8_len);

  self->text = epure_text_new_take (g_steal_pointer (&utf8), utf8_len, error);
  if (self->text == NULL)
    return NULL;
  epure_text_set_syntax (self->text, epure_format_get_syntax (format));
  self->structure = g_str_equal (format, "md") ? epure_structure_new_markdown () : epure_structure_new ();

  return g_steal_pointer (&self);
}

typedef gboolean (*StructuredReader) (GBytes *bytes, goffset max_size, char **encoding, char **text,
                                      gsize *len, EpureStructure **structure, GError **error);

static gboolean
read_html (GBytes          *bytes,
           goffset          max_size,
           char           **encoding,
           char           **text,
           gsize           *len,
           EpureStructure **structure,
           GError         **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (epure_utf8_looks_binary (data, size) && !g_utf8_validate_len (data, size, NULL)
      && !(size >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0)))
    {
      g_set_error_literal (error, EPURE_DOCUMENT_ERROR, EPURE_DOCUMENT_ERROR_BINARY,
                           _("This is a binary file, not a web page"));
      return FALSE;
    }
  return epure_html_read (data, size, encoding, text, len, structure, error);
}

/* Web pages and office documents: their text is rebuilt paragraph by
 * paragraph, so it is always UTF-8 with "\n" line ends. */
static gboolean
read_odt (GBytes          *bytes,
          goffset          max_size,
          char           **encoding,
          char           **text,
          gsize           *len,
          EpureStructure **structure,
          GError         **error)
{
  return epure_odt_read (bytes, max_size, text, len, structure, error);
}

static gboolean
read_docx (GBytes          *bytes,
           goffset          max_size,
           char           **encoding,
           char           **text,
           gsize           *len,
           EpureStructure **structure,
           GError         **error)
{
  return epure_docx_read (bytes, max_size, text, len, structure, error);
}

static EpureImport *
import_structured (GBytes      *bytes,
                   const char  *format,
                   goffset      max_size,
                   GError     **error)
{
  g_autoptr(EpureImport) self = g_object_new (EPURE_TYPE_IMPORT, NULL);
  StructuredReader reader;
  char *text = NULL;
  gsize len = 0;

  if (g_str_equal (format, "html"))
    reader = read_html;
  else if (g_str_equal (format, "odt"))
    reader = read_odt;
  else
    reader = read_docx;

  if (!reader (bytes, max_size, &self->encoding, &text, &len, &self->structure, error))
    return NULL;

  self->format = g_strdup (format);
  if (self->encoding == NULL)
    self->encoding = g_strdup ("UTF-8");
  self->newline = EPURE_NEWLINE_LF;
  self->text = epure_text_new_take (text, len, error);
  if (self->text == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * epure_import_bytes:
 * @format: (nullable): a format id; NULL for plain text
 *
 * Same as epure_import_bytes_full() with the default size limit.
 */
EpureImport *
epure_import_bytes (GBytes      *bytes,
                    const char  *format,
                    GError     **error)
{
  return epure_import_bytes_full (bytes, format, 0, error);
}

/**
 * epure_import_bytes_full:
 * @format: (nullable): a format id; NULL for plain text
 * @max_size: refuse more than this many bytes, in the file or (for
 *   .odt/.docx) uncompressed in the container; 0 for the default
 */
EpureImport *
epure_import_bytes_full (GBytes      *bytes,
                         const char  *format,
                         goffset      max_size,
                         GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  if (format == NULL)
    format = "txt";
  if (max_size <= 0)
    max_size = EPURE_DEFAULT_MAX_FILE_SIZE;

  if ((goffset) g_bytes_get_size (bytes) > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                   _("The file is larger than the %s limit"), limit);
      return NULL;
    }

  if (!epure_format_can_import (format))
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED,
                   _("Épure cannot open “%s” files"), format);
      return NULL;
    }

  if (g_str_equal (format, "txt") || g_str_equal (format, "md"))
    return import_plain (bytes, format, error);
  return import_structured (bytes, format, max_size, error);
}

/**
 * epure_import_file:
 * @format: (nullable): a format id; NULL to use the file name's extension
 * @max_size: refuse files larger than this (bytes); 0 for the default
 */
EpureImport *
epure_import_file (GFile         *file,
                   const char    *format,
                   goffset        max_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (max_size <= 0)
    max_size = EPURE_DEFAULT_MAX_FILE_SIZE;

  name = g_file_get_basename (file);
  if (format == NULL)
    format = epure_format_from_filename (name);
  if (format == NULL || !epure_format_can_import (format))
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED,
                   _("Épure cannot open files of this type"));
      return NULL;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("This is a folder, not a file"));
      return NULL;
    }
  if (g_file_info_get_size (info) > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                   _("The file is larger than the %s limit"), limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  return epure_import_bytes_full (bytes, format, max_size, error);
}

EpureText *
epure_import_get_text (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), NULL);
  return self->text;
}

/* Blocks and spans of the text; never NULL.  For Markdown, a structure
 * that says the text is its own markup. */
EpureStructure *
epure_import_get_structure (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), NULL);
  return self->structure;
}

const char *
epure_import_get_format (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), NULL);
  return self->format;
}

/* The charset the file was in ("UTF-8", "WINDOWS-1252", …). */
const char *
epure_import_get_encoding (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), NULL);
  return self->encoding;
}

/* TRUE when the file was not valid UTF-8 and a legacy encoding was used:
 * front ends tell the user which. */
gboolean
epure_import_get_encoding_guessed (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), FALSE);
  return self->encoding_guessed;
}

gboolean
epure_import_get_bom (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), FALSE);
  return self->bom;
}

EpureNewline
epure_import_get_newline (EpureImport *self)
{
  g_return_val_if_fail (EPURE_IS_IMPORT (self), EPURE_NEWLINE_LF);
  return self->newline;
}

static GBytes *
export_plain (const char                *text,
              gsize                      len,
              const EpureExportOptions  *options,
              GError                   **error)
{
  GString *out = g_string_sized_new (len + len / 32 + 4);
  const char *newline = "\n";
  const char *encoding = options && options->encoding ? options->encoding : "UTF-8";

  if (options != NULL && options->newline == EPURE_NEWLINE_CRLF)
    newline = "\r\n";
  else if (options != NULL && options->newline == EPURE_NEWLINE_CR)
    newline = "\r";

  /* Line by line: memchr and one copy a line, not a call a byte. */
  for (const char *p = text, *end = text + len; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL || newline[0] == '\n')
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, nl - p);
      g_string_append (out, newline);
      p = nl + 1;
    }

  if (g_ascii_strcasecmp (encoding, "UTF-8") != 0)
    {
      g_autofree char *utf8 = g_string_free (out, FALSE);
      g_autoptr(GError) local_error = NULL;
      gsize converted_len = 0;
      char *converted = g_convert (utf8, -1, encoding, "UTF-8", NULL, &converted_len, &local_error);

      if (converted == NULL)
        {
          g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED,
                       _("The text cannot be written in %s: %s"), encoding, local_error->message);
          return NULL;
        }
      if (options->bom && g_str_has_prefix (encoding, "UTF-16"))
        {
          const char *mark = g_ascii_strcasecmp (encoding, "UTF-16LE") == 0 ? "\xFF\xFE" : "\xFE\xFF";
          GString *with_bom = g_string_new_len (mark, 2);
          g_string_append_len (with_bom, converted, converted_len);
          g_free (converted);
          return g_string_free_to_bytes (with_bom);
        }
      return g_bytes_new_take (converted, converted_len);
    }

  if (options != NULL && options->bom)
    g_string_prepend (out, "\xEF\xBB\xBF");

  return g_string_free_to_bytes (out);
}

static GBytes *
export_structured (const char                *text,
                   gsize                      len,
                   const char                *format,
                   const EpureExportOptions  *options,
                   GError                   **error)
{
  EpureStructure *structure = options ? options->structure : NULL;
  const char *title = options ? options->title : NULL;
  gboolean markdown = structure != NULL && epure_structure_is_markdown (structure);
  gboolean plain = structure == NULL || markdown;
  EpureOutDoc doc;
  GBytes *out;

  if (structure != NULL && !markdown)
    {
      guint n_blocks, n_spans;
      epure_structure_get_blocks (structure, &n_blocks);
      epure_structure_get_spans (structure, &n_spans);
      plain = n_blocks == 0 && n_spans == 0;
    }

  /* Text already in the target's own syntax goes out as it is. */
  if (g_str_equal (format, "txt") && !markdown)
    return export_plain (text, len, options, error);
  if (g_str_equal (format, "md") && plain)
    return export_plain (text, len, options, error);

  epure_out_doc_init (&doc, text, len, structure);
  if (g_str_equal (format, "txt") || g_str_equal (format, "md"))
    {
      g_autoptr(GBytes) utf8 = NULL;
      gsize size;
      const char *data;

      if (g_str_equal (format, "md"))
        utf8 = epure_markdown_write (&doc);
      else
        utf8 = epure_plain_write (&doc);
      data = g_bytes_get_data (utf8, &size);
      out = export_plain (data, size, options, error);
    }
  else if (g_str_equal (format, "html"))
    out = epure_html_write (&doc, title);
  else if (g_str_equal (format, "odt"))
    out = epure_odt_write (&doc, title, error);
  else if (g_str_equal (format, "docx"))
    out = epure_docx_write (&doc, title, error);
  else
    out = epure_pdf_write (&doc, title, error);
  epure_out_doc_clear (&doc);
  return out;
}

/* Writes @data in place of @file atomically.  g_file_replace_contents()
 * renames its temporary file over the target even when a write failed
 * half-way (a full disk), leaving a truncated file, so local files go
 * through g_file_set_contents_full(), which removes the temporary file
 * instead; their permissions are kept and a symbolic link stays a link. */
static gboolean
replace_contents (GFile         *file,
                  const char    *data,
                  gsize          size,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *target = NULL;
  GStatBuf st;
  int mode = 0666;

  if (path == NULL)
    return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                    NULL, cancellable, error);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  target = g_file_read_link (path, NULL);
  if (target != NULL && !g_path_is_absolute (target))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *joined = g_build_filename (dir, target, NULL);

      g_free (target);
      target = g_steal_pointer (&joined);
    }
  if (target != NULL)
    {
      g_free (path);
      path = g_steal_pointer (&target);
    }

  if (g_stat (path, &st) == 0)
    mode = st.st_mode & 07777;

  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, mode, error);
}

/**
 * epure_export_bytes:
 * @text: UTF-8 text with "\n" line ends
 * @options: (nullable): encoding, line ends, BOM, title, structure
 */
GBytes *
epure_export_bytes (const char                *text,
                    gssize                     len,
                    const char                *format,
                    const EpureExportOptions  *options,
                    GError                   **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  if (!epure_format_can_export (format))
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED,
                   _("Épure cannot write “%s” files"), format ? format : "?");
      return NULL;
    }

  return export_structured (text, len, format, options, error);
}

/* Writes through a temporary file renamed over the target, so a failure
 * (a full disk) leaves the file on disk as it was. */
gboolean
epure_export_file (const char                *text,
                   gssize                     len,
                   GFile                     *file,
                   const char                *format,
                   const EpureExportOptions  *options,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      format = epure_format_from_filename (name);
    }

  bytes = epure_export_bytes (text, len, format, options, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  return replace_contents (file, data, size, cancellable, error);
}

typedef struct
{
  char *text;
  gsize len;
  char *format;
  char *encoding;
  char *title;
  EpureNewline newline;
  gboolean bom;
  EpureStructure *structure;
  goffset max_size;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_free (data->text);
  g_free (data->format);
  g_free (data->encoding);
  g_free (data->title);
  g_clear_object (&data->structure);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  EpureImport *import = epure_import_file (G_FILE (source), data->format, data->max_size, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, g_object_unref);
}

/* epure_import_file() in a worker thread. */
void
epure_import_file_async (GFile               *file,
                         const char          *format,
                         goffset              max_size,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (file, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->format = g_strdup (format);
  data->max_size = max_size;
  g_task_set_source_tag (task, epure_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, import_thread);
}

EpureImport *
epure_import_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  EpureExportOptions options = {
    .encoding = data->encoding,
    .newline = data->newline,
    .bom = data->bom,
    .title = data->title,
    .structure = data->structure,
  };
  GError *error = NULL;

  if (epure_export_file (data->text, data->len, G_FILE (source), data->format, &options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
epure_export_file_async (const char                *text,
                         gssize                     len,
                         GFile                     *file,
                         const char                *format,
                         const EpureExportOptions  *options,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (text != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  data = g_new0 (TaskData, 1);
  data->len = len < 0 ? strlen (text) : (gsize) len;
  data->text = g_strndup (text, data->len);
  data->format = g_strdup (format);
  if (options != NULL)
    {
      data->encoding = g_strdup (options->encoding);
      data->title = g_strdup (options->title);
      data->newline = options->newline;
      data->bom = options->bom;
      data->structure = options->structure ? g_object_ref (options->structure) : NULL;
    }
  g_task_set_source_tag (task, epure_export_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
epure_export_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
