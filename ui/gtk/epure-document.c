/* epure-document.c: the text being edited and the file it came from.
 *
 * The document remembers the format, encoding and line ends it was read
 * with, so that saving gives back the same kind of file.  Reading and
 * writing go through plugin/formats/ in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "epure-document.h"

struct _EpureDocument
{
  GtkSourceBuffer  parent_instance;

  GFile           *file;
  char            *format;
  char            *encoding;
  EpureNewline     newline;
  gboolean         bom;
  gboolean         encoding_guessed;
  gboolean         busy;
  /* The imported document's shape (headings, lists, bold…), as tags that
   * follow every edit; read back into an EpureStructure when exporting. */
  GPtrArray       *structure_tags;
  gboolean         markdown;

  /* The load in progress: its text goes into the buffer a slice at a
   * time, so that the window keeps drawing (see insert_slice). */
  GTask           *load_task;
  EpureImport     *load_import;
  gsize            load_pos;
  guint            load_source;
  double           progress;
  /* The text as loaded, while the buffer still holds just that. */
  EpureText       *loaded_text;
};

G_DEFINE_FINAL_TYPE (EpureDocument, epure_document, GTK_SOURCE_TYPE_BUFFER)

enum {
  PROP_0,
  PROP_FILE,
  PROP_BUSY,
  PROP_TITLE,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

EpureDocument *
epure_document_new (void)
{
  return g_object_new (EPURE_TYPE_DOCUMENT, NULL);
}

static void
set_busy (EpureDocument *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_file (EpureDocument *self,
          GFile         *file)
{
  if (g_set_object (&self->file, file))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

/* Structure */

#define STRUCTURE_KIND  "epure-structure-kind"   /* block kind + 1, or 0 for a span */
#define STRUCTURE_LEVEL "epure-structure-level"  /* block level, or span style */

static GtkTextTag *
structure_tag (EpureDocument *self,
               gboolean       block,
               guint          kind,
               guint          level)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self));
  g_autofree char *name = g_strdup_printf ("epure-structure-%s-%u-%u", block ? "block" : "span", kind, level);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag != NULL)
    return tag;
  tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self), name, NULL);
  /* Shown the way the document showed it, softly. */
  if (block && kind == EPURE_BLOCK_HEADING)
    g_object_set (tag, "weight", PANGO_WEIGHT_BOLD, "scale", level <= 1 ? 1.3 : level == 2 ? 1.15 : 1.0, NULL);
  else if (block && EPURE_BLOCK_IS_ITEM (kind))
    /* Items stand in from the text (the view's margin is 48 px). */
    g_object_set (tag, "left-margin", 48 + 24 * (int) MAX (level, 1), NULL);
  else if (!block && (level & EPURE_SPAN_BOLD))
    g_object_set (tag, "weight", PANGO_WEIGHT_BOLD, NULL);
  if (!block && (level & EPURE_SPAN_ITALIC))
    g_object_set (tag, "style", PANGO_STYLE_ITALIC, NULL);
  g_object_set_data (G_OBJECT (tag), STRUCTURE_KIND, GUINT_TO_POINTER (block ? kind + 1 : 0));
  g_object_set_data (G_OBJECT (tag), STRUCTURE_LEVEL, GUINT_TO_POINTER (level));
  g_ptr_array_add (self->structure_tags, tag);
  return tag;
}

static void
apply_structure (EpureDocument  *self,
                 EpureText      *text,
                 EpureStructure *structure)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  const EpureBlock *blocks;
  const EpureSpan *spans;
  guint n_blocks = 0, n_spans = 0;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < self->structure_tags->len; i++)
    gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->structure_tags, i), &start, &end);
  self->markdown = structure != NULL && epure_structure_is_markdown (structure);
  if (structure == NULL || self->markdown)
    return;

  blocks = epure_structure_get_blocks (structure, &n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    {
      /* Plain paragraphs are what a text without tags means already. */
      if (blocks[i].kind == EPURE_BLOCK_PARAGRAPH || blocks[i].end <= blocks[i].start)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) epure_text_char_offset (text, blocks[i].start));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) epure_text_char_offset (text, blocks[i].end));
      gtk_text_buffer_apply_tag (buffer, structure_tag (self, TRUE, blocks[i].kind, blocks[i].level), &start, &end);
    }
  spans = epure_structure_get_spans (structure, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      if (spans[i].end <= spans[i].start)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) epure_text_char_offset (text, spans[i].start));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) epure_text_char_offset (text, spans[i].end));
      gtk_text_buffer_apply_tag (buffer, structure_tag (self, FALSE, 0, spans[i].style), &start, &end);
    }
}

typedef struct
{
  int     chars;
  gsize  *bytes;
} OffsetRef;

static int
compare_offset_refs (gconstpointer a,
                     gconstpointer b)
{
  return ((const OffsetRef *) a)->chars - ((const OffsetRef *) b)->chars;
}

typedef struct
{
  GtkTextTag *tag;
  gsize       start, end;
} TaggedRange;

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const TaggedRange *ra = a, *rb = b;

  return ra->start < rb->start ? -1 : ra->start > rb->start ? 1 : 0;
}

/**
 * epure_document_dup_structure:
 * @text: the document's text, as epure_document_dup_text() gave it
 *
 * Returns: (transfer full) (nullable): the shape of the imported document
 * where its text now stands, or NULL for a plain text.
 */
EpureStructure *
epure_document_dup_structure (EpureDocument *self,
                              const char    *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TaggedRange));
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (OffsetRef));
  EpureStructure *structure;
  const char *p = text;
  int at = 0;

  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);

  if (self->markdown)
    return epure_structure_new_markdown ();
  if (self->structure_tags->len == 0)
    return NULL;

  for (guint i = 0; i < self->structure_tags->len; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (self->structure_tags, i);
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      if (!gtk_text_iter_starts_tag (&iter, tag))
        gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      while (gtk_text_iter_starts_tag (&iter, tag))
        {
          TaggedRange range = { tag, gtk_text_iter_get_offset (&iter), 0 };

          gtk_text_iter_forward_to_tag_toggle (&iter, tag);
          range.end = gtk_text_iter_get_offset (&iter);
          g_array_append_val (ranges, range);
          if (!gtk_text_iter_starts_tag (&iter, tag))
            gtk_text_iter_forward_to_tag_toggle (&iter, tag);
        }
    }

  /* Character offsets to byte offsets in one walk over the text. */
  for (guint i = 0; i < ranges->len; i++)
    {
      TaggedRange *range = &g_array_index (ranges, TaggedRange, i);
      OffsetRef start = { (int) range->start, &range->start };
      OffsetRef end = { (int) range->end, &range->end };

      g_array_append_val (refs, start);
      g_array_append_val (refs, end);
    }
  g_array_sort (refs, compare_offset_refs);
  for (guint i = 0; i < refs->len; i++)
    {
      OffsetRef *ref = &g_array_index (refs, OffsetRef, i);

      while (at < ref->chars && *p != '\0')
        {
          p = g_utf8_next_char (p);
          at++;
        }
      *ref->bytes = p - text;
    }

  /* The writers walk blocks and spans in text order. */
  g_array_sort (ranges, compare_ranges);
  structure = epure_structure_new ();
  for (guint i = 0; i < ranges->len; i++)
    {
      TaggedRange *range = &g_array_index (ranges, TaggedRange, i);
      guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (range->tag), STRUCTURE_KIND));
      guint level = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (range->tag), STRUCTURE_LEVEL));

      if (kind > 0)
        epure_structure_add_block (structure, kind - 1, level, range->start, range->end);
      else
        epure_structure_add_span (structure, level, range->start, range->end);
    }
  return structure;
}

/* A slice inserts chunks of at most CHUNK_SIZE bytes until SLICE_BUDGET_US
 * is spent, then lets the main loop draw and handle input for
 * SLICE_GAP_MS: a GtkTextBuffer takes ~80 ms per MB, so one set_text of
 * a big file would freeze the window for seconds.  A short timeout,
 * rather than an idle, so that slices and redraws alternate whatever
 * their priorities and however slow a frame is. */
#define CHUNK_SIZE      (256 * 1024)
#define SLICE_BUDGET_US (12 * 1000)
#define SLICE_GAP_MS    1

static void load_stop (EpureDocument *self,
                       GError        *error);

static void
set_progress (EpureDocument *self,
              double         progress)
{
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* The end of the next chunk: after a line end when there is one, never
 * inside a UTF-8 sequence nor between the \r and \n of a line end. */
static gsize
chunk_end (const char *text,
           gsize       pos,
           gsize       len)
{
  gsize end;
  const char *nl;

  if (len - pos <= CHUNK_SIZE)
    return len;
  end = pos + CHUNK_SIZE;
  nl = g_strrstr_len (text + pos + CHUNK_SIZE / 2, CHUNK_SIZE / 2, "\n");
  if (nl != NULL)
    return nl - text + 1;
  while (end > pos + 1 && ((guchar) text[end] & 0xC0) == 0x80)
    end--;
  if (end > pos + 1 && text[end - 1] == '\r' && text[end] == '\n')
    end--;
  return end;
}

static gboolean
insert_slice (gpointer user_data)
{
  EpureDocument *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  gint64 deadline = g_get_monotonic_time () + SLICE_BUDGET_US;
  const char *text;
  gsize len;

  if (g_task_return_error_if_cancelled (self->load_task))
    {
      /* Returned already: only the buffer is left to tidy. */
      self->load_source = 0;
      load_stop (self, NULL);
      return G_SOURCE_REMOVE;
    }

  text = epure_text_get_string (epure_import_get_text (self->load_import), &len);
  do
    {
      gsize end = chunk_end (text, self->load_pos, len);
      GtkTextIter iter;

      gtk_text_buffer_get_end_iter (buffer, &iter);
      gtk_text_buffer_insert (buffer, &iter, text + self->load_pos, (int) (end - self->load_pos));
      self->load_pos = end;
    }
  while (self->load_pos < len && g_get_monotonic_time () < deadline);

  set_progress (self, len > 0 ? (double) self->load_pos / len : 1.0);
  if (self->load_pos < len)
    return G_SOURCE_CONTINUE;

  self->load_source = 0;
  load_stop (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Ends the load in progress: complete (@error NULL and all text in),
 * failed, or cancelled (the task has returned already). */
static void
load_stop (EpureDocument *self,
           GError        *error)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(GTask) task = g_steal_pointer (&self->load_task);
  g_autoptr(EpureImport) import = g_steal_pointer (&self->load_import);
  gboolean complete = error == NULL && !g_task_had_error (task);
  GtkTextIter start;

  g_clear_handle_id (&self->load_source, g_source_remove);
  if (complete)
    {
      apply_structure (self, epure_import_get_text (import), epure_import_get_structure (import));
      /* After the last change: the checkers take it as the buffer's text. */
      self->loaded_text = epure_text_ref (epure_import_get_text (import));
    }
  else
    /* Half a text is no document. */
    gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_select_range (buffer, &start, &start);

  if (complete)
    {
      g_free (self->format);
      self->format = g_strdup (epure_import_get_format (import));
      g_free (self->encoding);
      self->encoding = g_strdup (epure_import_get_encoding (import));
      self->encoding_guessed = epure_import_get_encoding_guessed (import);
      self->newline = epure_import_get_newline (import);
      self->bom = epure_import_get_bom (import);
      set_file (self, g_task_get_task_data (task));
    }
  else
    set_file (self, NULL);
  gtk_text_buffer_set_modified (buffer, FALSE);
  set_progress (self, 0.0);
  set_busy (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (complete)
    g_task_return_boolean (task, TRUE);
}

static void
on_import_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EpureDocument *self = g_task_get_source_object (task);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GError *error = NULL;
  EpureImport *import = epure_import_file_finish (result, &error);

  /* Another load took over: it has returned this one already. */
  if (self->load_task != task)
    {
      g_clear_object (&import);
      g_clear_error (&error);
      return;
    }
  /* A failed read leaves the document as it was: nothing half-opened. */
  if (import == NULL)
    {
      g_clear_object (&self->load_task);
      set_busy (self, FALSE);
      g_task_return_error (task, error);
      return;
    }

  self->load_import = import;
  self->load_pos = 0;
  /* Loading is not an edit the user can undo; ended in load_stop. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  self->load_source = g_timeout_add_full (G_PRIORITY_DEFAULT, SLICE_GAP_MS, insert_slice, self, NULL);
}

/**
 * epure_document_load_async:
 *
 * Reads @file in a thread, then puts its text in the buffer a slice at a
 * time: the document is busy until @callback.  A new load cancels the one
 * in progress.
 */
void
epure_document_load_async (EpureDocument       *self,
                           GFile               *file,
                           goffset              max_size,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EPURE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->load_task != NULL)
    {
      GTask *previous = self->load_task;
      gboolean inserting = self->load_import != NULL;

      g_task_return_new_error (previous, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Another file was opened"));
      if (inserting)
        load_stop (self, NULL);
      else
        g_clear_object (&self->load_task);
    }

  set_busy (self, TRUE);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, epure_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  self->load_task = g_object_ref (task);

  epure_import_file_async (file, NULL, max_size, cancellable, on_import_done, g_object_ref (task));
}

/**
 * epure_document_get_loaded_text:
 *
 * Returns: (nullable): the text loaded last, while the buffer was not
 * changed since: the buffer's text without reading it back.
 */
EpureText *
epure_document_get_loaded_text (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);
  return self->loaded_text;
}

static void
epure_document_changed (GtkTextBuffer *buffer)
{
  EpureDocument *self = EPURE_DOCUMENT (buffer);

  g_clear_pointer (&self->loaded_text, epure_text_unref);
  GTK_TEXT_BUFFER_CLASS (epure_document_parent_class)->changed (buffer);
}

double
epure_document_get_progress (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), 0.0);
  return self->progress;
}

gboolean
epure_document_load_finish (EpureDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving */

typedef struct
{
  char               *text;
  GFile              *file;
  char               *format;
  char               *encoding;
  EpureExportOptions  options;
  gboolean            export_only;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->text);
  g_clear_object (&data->file);
  g_free (data->format);
  g_free (data->encoding);
  g_free ((char *) data->options.title);
  g_clear_object (&data->options.structure);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (epure_export_file (data->text, -1, data->file, data->format, &data->options, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * epure_document_save_async:
 * @file: where to write
 * @format: (nullable): a format id; NULL for the file name's extension
 * @export_only: write a copy; the document keeps its file and stays modified
 *
 * Writes atomically (plugin/formats/ writes a temporary file and renames
 * it), so a failure leaves the file on disk untouched.
 */
void
epure_document_save_async (EpureDocument       *self,
                           GFile               *file,
                           const char          *format,
                           gboolean             export_only,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;
  SaveData *data;

  g_return_if_fail (EPURE_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  if (format == NULL)
    format = epure_format_from_filename (basename);
  if (format == NULL)
    format = "txt";

  data = g_new0 (SaveData, 1);
  data->text = epure_document_dup_text (self);
  data->file = g_object_ref (file);
  data->format = g_strdup (format);
  data->export_only = export_only;
  /* UTF-16 files are written back as they came; legacy 8-bit ones are
   * written as UTF-8, since cleanups add characters (U+202F, U+2019) that
   * Windows-1252 and ISO-8859-15 cannot hold.  The info bar says so. */
  if (!export_only && self->encoding != NULL && g_str_has_prefix (self->encoding, "UTF-16"))
    {
      data->encoding = g_strdup (self->encoding);
      data->options.bom = TRUE;
    }
  else
    data->options.bom = !export_only && self->bom && self->encoding != NULL
                        && g_str_equal (self->encoding, "UTF-8");
  data->options.encoding = data->encoding;
  data->options.newline = export_only ? EPURE_NEWLINE_LF : self->newline;
  data->options.title = epure_document_dup_title (self);
  data->options.structure = epure_document_dup_structure (self, data->text);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, epure_document_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, save_thread);
}

gboolean
epure_document_save_finish (EpureDocument  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  SaveData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (!data->export_only)
    {
      g_free (self->format);
      self->format = g_strdup (data->format);
      if (self->encoding == NULL || !g_str_has_prefix (self->encoding, "UTF-16"))
        {
          g_free (self->encoding);
          self->encoding = g_strdup ("UTF-8");
          self->encoding_guessed = FALSE;
        }
      set_file (self, data->file);
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (self), FALSE);
    }

  return TRUE;
}

/* Accessors */

GFile *
epure_document_get_file (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
epure_document_get_format (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);
  return self->format;
}

/* How the text of @buffer is written: Markdown for a Markdown document,
 * so that checkers skip its indented code and link destinations too. */
EpureTextSyntax
epure_buffer_get_text_syntax (GtkTextBuffer *buffer)
{
  if (!EPURE_IS_DOCUMENT (buffer))
    return EPURE_TEXT_SYNTAX_PLAIN;
  return epure_format_get_syntax (EPURE_DOCUMENT (buffer)->format);
}

/* The whole text of @buffer as the checkers read it: a snapshot in the
 * syntax of the document's format. */
EpureText *
epure_buffer_snapshot (GtkTextBuffer  *buffer,
                       GError        **error)
{
  GtkTextIter start, end;
  char *str;
  EpureText *text;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  str = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  text = epure_text_new_take (str, strlen (str), error);
  if (text != NULL)
    epure_text_set_syntax (text, epure_buffer_get_text_syntax (buffer));
  return text;
}

const char *
epure_document_get_encoding (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);
  return self->encoding;
}

gboolean
epure_document_get_encoding_guessed (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), FALSE);
  return self->encoding_guessed;
}

EpureNewline
epure_document_get_newline (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), EPURE_NEWLINE_LF);
  return self->newline;
}

gboolean
epure_document_get_busy (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), FALSE);
  return self->busy;
}

/* TRUE when "Save" can write the document back in its own format without
 * losing anything: plain text and Markdown.  Imported word-processor
 * files and web pages are saved as something else only on request. */
gboolean
epure_document_is_plain (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), TRUE);
  return self->format == NULL || g_str_equal (self->format, "txt") || g_str_equal (self->format, "md");
}

char *
epure_document_dup_title (EpureDocument *self)
{
  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Untitled Document"));
  return g_file_get_basename (self->file);
}

char *
epure_document_dup_text (EpureDocument *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (EPURE_IS_DOCUMENT (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &start, &end, TRUE);
}

static void
epure_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpureDocument *self = EPURE_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_TITLE:
      g_value_take_string (value, epure_document_dup_title (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_document_finalize (GObject *object)
{
  EpureDocument *self = EPURE_DOCUMENT (object);

  g_clear_object (&self->file);
  g_clear_object (&self->load_import);
  g_clear_pointer (&self->loaded_text, epure_text_unref);
  g_free (self->format);
  g_free (self->encoding);
  g_clear_pointer (&self->structure_tags, g_ptr_array_unref);

  G_OBJECT_CLASS (epure_document_parent_class)->finalize (object);
}

static void
epure_document_class_init (EpureDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epure_document_finalize;
  GTK_TEXT_BUFFER_CLASS (klass)->changed = epure_document_changed;
  object_class->get_property = epure_document_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How much of the text being loaded is in the buffer, 0 to 1. */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_document_init (EpureDocument *self)
{
  self->newline = EPURE_NEWLINE_LF;
  self->structure_tags = g_ptr_array_new ();
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (self), FALSE);
}
