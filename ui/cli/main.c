/* main.c: epure-cli, the Épure engine on the command line.
 *
 * Exit status: 0 nothing found (or the command succeeded), 1 findings
 * reported by "check", 2 an error (a message on stderr names the file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "epure.h"
#include "formats/epure-format.h"
#include "spelling/epure-spelling-dictionary.h"
#include "epure-cli-input.h"
#include "epure-cli-report.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_FOUND = 1,
  EXIT_ERROR = 2,
};

/* Options every command that runs checkers shares. */
typedef struct
{
  char *checkers;
  char *spaces;
  char *lang;
  char *threshold;
  char *from;
  double min_confidence;
  gint64 block_size;
} CheckerOptions;

static void
checker_options_clear (CheckerOptions *options)
{
  g_clear_pointer (&options->checkers, g_free);
  g_clear_pointer (&options->spaces, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->threshold, g_free);
  g_clear_pointer (&options->from, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CheckerOptions, checker_options_clear)

static void
print_error (const char *file,
             const char *message)
{
  if (file != NULL)
    g_printerr ("epure-cli: %s: %s\n", g_strcmp0 (file, "-") == 0 ? _("<stdin>") : file, message);
  else
    g_printerr ("epure-cli: %s\n", message);
}

/* A file that could not be read or written, the reason said plainly. */
static void
print_failure (const char   *file,
               const GError *error,
               gboolean      writing)
{
  print_error (file, epure_io_error_reason (error, writing));
}

/* --from and --to take a format id or any extension of it ("markdown",
 * "htm").  Returns: the format id, or NULL when none matches. */
static const char *
format_from_option (const char *name)
{
  g_autofree char *as_file = NULL;

  if (name == NULL || name[0] == '\0' || strchr (name, G_DIR_SEPARATOR) != NULL)
    return NULL;
  as_file = g_strconcat ("document.", name, NULL);
  return epure_format_from_filename (as_file);
}

/* Resolves --from: @from_option (may be NULL) into *@format. */
static gboolean
input_format_option (const char  *from_option,
                     const char **format)
{
  *format = NULL;
  if (from_option == NULL)
    return TRUE;
  *format = format_from_option (from_option);
  if (*format == NULL || !epure_format_can_import (*format))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) epure_format_list (FALSE));
      g_autofree char *message = g_strdup_printf (_("Unknown input format “%s” (it reads: %s)"),
                                                  from_option, list);
      print_error (NULL, message);
      return FALSE;
    }
  return TRUE;
}

static GOptionContext *
command_context (const char         *command,
                 const char         *arguments,
                 const char         *summary,
                 const GOptionEntry *entries)
{
  g_autofree char *program = g_strdup_printf ("epure-cli %s", command);
  GOptionContext *context = g_option_context_new (arguments);

  /* The usage line reads "epure-cli check [OPTION…] [FILE…|-]", the
   * command before its options. */
  g_set_prgname (program);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses the command's options; on a mistake, says so and how to get help. */
static gboolean
parse_command (GOptionContext  *context,
               const char      *command,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse_strv (context, argv, &error))
    {
      g_autofree char *hint = g_strdup_printf (_("Run “epure-cli %s --help” to see its options."), command);
      print_error (NULL, error->message);
      g_printerr ("%s\n", hint);
      return FALSE;
    }
  return TRUE;
}

/* Gives the checker property @name the value of --@flag.  A value the
 * checker refuses is reported as the option the user typed, with the
 * values it takes. */
static gboolean
apply_option (EpureChecker  *checker,
              const char    *name,
              const char    *flag,
              const char    *value,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GParamSpec *pspec;

  /* An option only concerns the checkers that have it. */
  if (value == NULL || (pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (checker), name)) == NULL)
    return TRUE;
  if (epure_checker_set_option (checker, name, value, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) nicks = NULL;
      g_autofree char *list = NULL;

      for (guint i = 0; i < klass->n_values; i++)
        g_strv_builder_add (builder, klass->values[i].value_nick);
      nicks = g_strv_builder_end (builder);
      list = g_strjoinv (", ", nicks);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid value “%s” for --%s (one of: %s)"), value, flag, list);
    }
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Invalid value “%s” for --%s (a number from %g to %g)"), value, flag,
                 G_PARAM_SPEC_DOUBLE (pspec)->minimum, G_PARAM_SPEC_DOUBLE (pspec)->maximum);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("Invalid value “%s” for --%s"), value, flag);
  return FALSE;
}

/* Returns: the pipeline of the checkers named in --checkers (all by
 * default), with --spaces, --lang and --threshold given to those that
 * take them. */
static EpurePipeline *
create_pipeline (EpurePluginEngine     *engine,
                 const CheckerOptions  *options,
                 gboolean              *explicit_checkers,
                 GError               **error)
{
  g_auto(GStrv) available = epure_plugin_engine_list_checkers (engine);
  g_autoptr(GStrvBuilder) wanted = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GPtrArray) checkers = NULL;

  *explicit_checkers = options->checkers != NULL;

  if (options->checkers != NULL)
    {
      g_auto(GStrv) names = g_strsplit (options->checkers, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          const char *name = g_strstrip (names[i]);

          if (name[0] == '\0')
            continue;
          if (!g_strv_contains ((const char * const *) available, name))
            {
              g_autofree char *list = g_strjoinv (", ", available);
              g_set_error (error, EPURE_PLUGIN_ERROR, EPURE_PLUGIN_ERROR_NOT_FOUND,
                           _("No checker named “%s” (available: %s)"), name, list);
              return NULL;
            }
          g_strv_builder_add (wanted, name);
        }
      ids = g_strv_builder_end (wanted);
      if (ids[0] == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--checkers names no checker"));
          return NULL;
        }
    }

  pipeline = epure_plugin_engine_create_pipeline (engine, (const char * const *) ids, error);
  if (pipeline == NULL)
    return NULL;

  checkers = epure_pipeline_get_checkers (pipeline);
  for (guint i = 0; i < checkers->len; i++)
    {
      EpureChecker *checker = g_ptr_array_index (checkers, i);

      if (!apply_option (checker, "spaces-profile", "spaces", options->spaces, error) ||
          !apply_option (checker, "language", "lang", options->lang, error) ||
          !apply_option (checker, "threshold", "threshold", options->threshold, error))
        return NULL;
    }

  return g_steal_pointer (&pipeline);
}

static gsize
block_size (const CheckerOptions *options)
{
  return options->block_size > 0 ? (gsize) options->block_size : EPURE_CLI_DEFAULT_BLOCK_SIZE;
}

static void
note_encoding (const char    *path,
               EpureCliInput *input)
{
  if (epure_cli_input_get_encoding_guessed (input))
    {
      g_autofree char *message = g_strdup_printf (_("not UTF-8; read as %s"),
                                                  epure_cli_input_get_encoding (input));
      print_error (path, message);
    }
}

/* A checker that could not run (a missing dictionary) is an error when
 * the user asked for it, a warning when it merely came with the others.
 * @seen: messages already printed for this file (streamed pieces repeat
 * them). */
static gboolean
report_problems (const char *path,
                 GPtrArray  *problems,
                 gboolean    explicit_checkers,
                 GHashTable *seen)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      if (!g_hash_table_add (seen, g_strdup (problem->message)))
        continue;
      if (explicit_checkers)
        print_error (path, problem->message);
      else
        {
          g_autofree char *message = g_strdup_printf (_("warning: %s"), problem->message);
          print_error (path, message);
        }
    }
  return explicit_checkers && problems != NULL && problems->len > 0;
}

static void
count_piece (EpureText *text,
             guint64   *chars,
             guint     *lines)
{
  gsize len;
  const char *s = epure_text_get_string (text, &len);

  *chars += g_utf8_strlen (s, len);
  for (const char *p = s; (p = memchr (p, '\n', s + len - p)) != NULL; p++)
    (*lines)++;
}

/* A streamed piece, checked, waiting to be reported until the text after
 * it is read: its spelling suggestions are ranked with the words around a
 * typo, on both sides, as when the file is read whole. */
typedef struct
{
  EpureText *text;
  GPtrArray *findings;
} Pending;

static void
pending_free (Pending *pending)
{
  epure_text_unref (pending->text);
  g_ptr_array_unref (pending->findings);
  g_free (pending);
}

/* The words around a piece that rank a suggestion: a little more than
 * the spelling checker reads each side. */
#define SURROUNDINGS_BYTES (EPURE_SPELLING_CONTEXT_BYTES + 64)

/* Does a finding of @findings need the text around its piece? */
static gboolean
needs_surroundings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    if (epure_finding_get_needs_suggestions (g_ptr_array_index (findings, i)))
      return TRUE;
  return FALSE;
}

/* @before, then @head's text, then up to SURROUNDINGS_BYTES of the pieces
 * after it, cut between characters.  @offset gets where @head starts. */
static EpureText *
surroundings_new (GString *before,
                  GList   *head,
                  gsize   *offset)
{
  g_autoptr(GString) around = g_string_new_len (before->str, before->len);
  gsize len, wanted;
  const char *s;

  *offset = before->len;
  s = epure_text_get_string (((Pending *) head->data)->text, &len);
  g_string_append_len (around, s, len);
  wanted = around->len + SURROUNDINGS_BYTES;
  for (GList *l = head->next; l != NULL && around->len < wanted; l = l->next)
    {
      s = epure_text_get_string (((Pending *) l->data)->text, &len);
      len = MIN (len, wanted - around->len);
      /* Never half a character. */
      while (len > 0 && ((guchar) s[len] & 0xC0) == 0x80)
        len--;
      g_string_append_len (around, s, len);
    }
  len = around->len;
  return epure_text_new_take (g_string_free (g_steal_pointer (&around), FALSE), len, NULL);
}

/* Keeps the last SURROUNDINGS_BYTES of the text reported so far, cut
 * between characters. */
static void
keep_before (GString   *before,
             EpureText *text)
{
  gsize len, cut;
  const char *s = epure_text_get_string (text, &len);

  g_string_append_len (before, s, len);
  if (before->len <= SURROUNDINGS_BYTES)
    return;
  cut = before->len - SURROUNDINGS_BYTES;
  while (cut < before->len && ((guchar) before->str[cut] & 0xC0) == 0x80)
    cut++;
  g_string_erase (before, 0, cut);
}

static int
command_check (char **args)
{
  g_auto(CheckerOptions) options = { .min_confidence = 0 };
  g_autofree char *format = NULL;
  gboolean no_suggestions = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Report format: text (default) or json"), N_("FORMAT") },
    { "no-suggestions", 0, 0, G_OPTION_ARG_NONE, &no_suggestions, N_("Do not compute spelling suggestions (much faster)"), NULL },
    { "checkers", 'c', 0, G_OPTION_ARG_STRING, &options.checkers, N_("Run only these checkers (comma-separated ids)"), N_("IDS") },
    { "spaces", 0, 0, G_OPTION_ARG_STRING, &options.spaces, N_("Spacing profile of the typography checker: france, narrow or regular"), N_("PROFILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options.lang, N_("Spelling language (default: fr_FR)"), N_("LANG") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &options.threshold, N_("Confidence from which clean removes a boilerplate block (0 to 1)"), N_("X") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from, N_("Input format when not given by FILE's extension: txt (default for the standard input), md (checkers skip code), html, odt, docx"), N_("FORMAT") },
    { "block-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &options.block_size, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("check", _("[FILE…|-]"),
    _("Reports what Épure finds in each FILE (the standard input with “-” or no FILE).\n"
      "Exit status: 0 nothing found, 1 something found, 2 error."), entries);
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(EpureCliReport) report = NULL;
  g_autoptr(GError) error = NULL;
  EpureCliReportFormat report_format = EPURE_CLI_REPORT_TEXT;
  const char *stdin_only[] = { "-", NULL };
  const char * const *paths;
  const char *from = NULL;
  gboolean explicit_checkers = FALSE;
  gboolean failed = FALSE;
  gboolean streamable;

  if (!parse_command (context, "check", &args) ||
      !input_format_option (options.from, &from))
    return EXIT_ERROR;

  if (format == NULL || g_str_equal (format, "text"))
    report_format = EPURE_CLI_REPORT_TEXT;
  else if (g_str_equal (format, "json"))
    report_format = EPURE_CLI_REPORT_JSON;
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown report format “%s” (text or json)"), format);
      print_error (NULL, message);
      return EXIT_ERROR;
    }

  engine = epure_plugin_engine_new ();
  pipeline = create_pipeline (engine, &options, &explicit_checkers, &error);
  if (pipeline == NULL)
    {
      print_error (NULL, error->message);
      return EXIT_ERROR;
    }
  streamable = epure_pipeline_get_scope (pipeline) == EPURE_CHECKER_SCOPE_PARAGRAPH;

  paths = args[1] != NULL ? (const char * const *) args + 1 : stdin_only;
  report = epure_cli_report_new (report_format, stdout);
  if (no_suggestions)
    epure_cli_report_set_max_suggestions (report, 0);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      g_autoptr(EpureCliInput) input = NULL;
      guint64 chars = 0;
      guint lines = 0;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GString) before = g_string_new (NULL);
      GQueue pending = G_QUEUE_INIT;
      gsize ahead = 0;   /* bytes of the pending pieces after the first */

      input = epure_cli_input_open (path, from, streamable, block_size (&options), &error);
      if (input == NULL)
        {
          print_failure (path, error, FALSE);
          g_clear_error (&error);
          failed = TRUE;
          continue;
        }
      note_encoding (path, input);

      epure_cli_report_begin_file (report, path);
      for (gboolean done = FALSE; !done || !g_queue_is_empty (&pending);)
        {
          if (!done)
            {
              g_autoptr(EpureText) text = epure_cli_input_next (input, &error);
              g_autoptr(GPtrArray) findings = NULL;
              g_autoptr(GPtrArray) problems = NULL;
              Pending *piece;

              if (text != NULL)
                findings = epure_pipeline_check (pipeline, text, &problems, NULL, &error);
              if (findings == NULL)
                done = TRUE;   /* the end, or an error: what was checked is reported */
              else
                {
                  if (report_problems (path, problems, explicit_checkers, seen))
                    failed = TRUE;
                  piece = g_new0 (Pending, 1);
                  piece->text = g_steal_pointer (&text);
                  piece->findings = g_steal_pointer (&findings);
                  if (!g_queue_is_empty (&pending))
                    ahead += epure_text_get_length (piece->text);
                  g_queue_push_tail (&pending, piece);
                }
            }

          /* The first piece is reported once enough of the text after it
           * is read, or all of it. */
          while (!g_queue_is_empty (&pending) && (done || ahead >= SURROUNDINGS_BYTES))
            {
              Pending *piece = g_queue_peek_head (&pending);
              g_autoptr(EpureText) surroundings = NULL;
              gsize offset = 0;

              if ((before->len > 0 || pending.length > 1) && needs_surroundings (piece->findings))
                surroundings = surroundings_new (before, pending.head, &offset);
              epure_cli_report_add (report, pipeline, piece->text, piece->findings, surroundings, offset,
                                    chars, lines);
              count_piece (piece->text, &chars, &lines);
              keep_before (before, piece->text);

              g_queue_pop_head (&pending);
              if (!g_queue_is_empty (&pending))
                ahead -= epure_text_get_length (((Pending *) g_queue_peek_head (&pending))->text);
              pending_free (piece);
            }
        }
      epure_cli_report_end_file (report);

      if (error != NULL)
        {
          print_failure (path, error, FALSE);
          g_clear_error (&error);
          failed = TRUE;
        }
    }

  if (!epure_cli_report_finish (report, &error))
    {
      print_error (NULL, error->message);
      return EXIT_ERROR;
    }

  if (failed)
    return EXIT_ERROR;
  return epure_cli_report_get_n_findings (report) > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

static gboolean
is_text_format (const char *format)
{
  return g_strcmp0 (format, "txt") == 0 || g_strcmp0 (format, "md") == 0;
}

/* Where "clean" and "convert" write: standard output, or a file replaced
 * atomically (a temporary file renamed over it when complete). */
typedef struct
{
  GFile *file;              /* NULL: standard output */
  GOutputStream *stream;    /* open while streaming */
  GCancellable *abort;      /* cancelled: the temporary file is dropped */
} Output;

static void
output_clear (Output *output)
{
  if (output->stream != NULL && !g_output_stream_is_closed (output->stream))
    {
      g_cancellable_cancel (output->abort);
      g_output_stream_close (output->stream, output->abort, NULL);
    }
  g_clear_object (&output->stream);
  g_clear_object (&output->file);
  g_clear_object (&output->abort);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Output, output_clear)

static gboolean
output_open_stream (Output  *output,
                    GError **error)
{
  output->abort = g_cancellable_new ();
  if (output->file == NULL)
    {
      output->stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return TRUE;
    }
  output->stream = G_OUTPUT_STREAM (g_file_replace (output->file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                    NULL, error));
  return output->stream != NULL;
}

static gboolean
output_close_stream (Output  *output,
                     GError **error)
{
  return g_output_stream_close (output->stream, NULL, error);
}

/* Text of a legacy encoding that the cleaned text no longer fits (a
 * narrow no-break space in Windows-1252) is written in UTF-8 instead. */
static GBytes *
export_bytes (const char          *path,
              const char          *text,
              gsize                len,
              const char          *format,
              EpureExportOptions  *options,
              GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = epure_export_bytes (text, len, format, options, &local_error);

  if (bytes == NULL && options->encoding != NULL &&
      g_error_matches (local_error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED))
    {
      g_autofree char *message = g_strdup_printf (_("warning: the result does not fit in %s; written in UTF-8"),
                                                  options->encoding);
      print_error (path, message);
      options->encoding = NULL;
      options->bom = FALSE;
      g_clear_error (&local_error);
      bytes = epure_export_bytes (text, len, format, options, &local_error);
    }
  if (bytes == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return bytes;
}

static gboolean
write_bytes (GOutputStream  *stream,
             GBytes         *bytes,
             GError        **error)
{
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  return g_output_stream_write_all (stream, data, size, NULL, NULL, error);
}

/* Writes a whole document: epure_export_file for a file (atomic), the
 * exported bytes for standard output. */
static gboolean
output_write_document (Output              *output,
                       const char          *path,
                       const char          *text,
                       gsize                len,
                       const char          *format,
                       EpureExportOptions  *options,
                       GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (output->file == NULL)
    {
      bytes = export_bytes (path, text, len, format, options, error);
      if (bytes == NULL || !output_open_stream (output, error))
        return FALSE;
      return write_bytes (output->stream, bytes, error) && output_close_stream (output, error);
    }

  if (epure_export_file (text, len, output->file, format, options, NULL, &local_error))
    return TRUE;
  if (options->encoding != NULL &&
      g_error_matches (local_error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED))
    {
      g_autofree char *message = g_strdup_printf (_("warning: the result does not fit in %s; written in UTF-8"),
                                                  options->encoding);
      print_error (path, message);
      options->encoding = NULL;
      options->bom = FALSE;
      return epure_export_file (text, len, output->file, format, options, NULL, error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Returns: (nullable): the title rich formats get: @path's base name
 * without its extension. */
static char *
document_title (const char *path)
{
  g_autofree char *base = NULL;
  char *dot;

  if (g_str_equal (path, "-"))
    return NULL;
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* Returns: (transfer full): @structure carried over the edits of every
 * clean pass (see epure_pipeline_clean()), so it describes the cleaned
 * text. */
static EpureStructure *
remap_structure (EpureStructure *structure,
                 GPtrArray      *passes)
{
  g_autoptr(EpureStructure) current = g_object_ref (structure);

  for (guint i = 0; i < passes->len; i++)
    {
      EpureStructure *next = epure_structure_remap (current, g_ptr_array_index (passes, i));

      g_object_unref (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

/* A streamed text is cleaned piece by piece on every core: pieces end at
 * paragraph breaks and the checkers that stream work per paragraph, so
 * the pieces are independent; they are written back in their order. */
typedef struct
{
  EpurePipeline *pipeline;
  EpureText     *text;
  double         min_confidence;
  GMutex         lock;
  GCond          cond;
  gboolean       done;
  char          *cleaned;
  gsize          len;
  GPtrArray     *problems;
  GError        *error;
} CleanJob;

static void
clean_job_free (CleanJob *job)
{
  g_clear_pointer (&job->text, epure_text_unref);
  g_free (job->cleaned);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static void
clean_job_run (gpointer data,
               gpointer user_data)
{
  CleanJob *job = data;
  GPtrArray *problems = NULL;
  GError *error = NULL;
  gsize len = 0;
  char *cleaned;

  cleaned = epure_pipeline_clean (job->pipeline, job->text, job->min_confidence, NULL, &len,
                                  &problems, NULL, NULL, &error);

  g_mutex_lock (&job->lock);
  job->cleaned = cleaned;
  job->len = len;
  job->problems = problems;
  job->error = error;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static void
clean_job_wait (CleanJob *job)
{
  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
}

/* Cleans a streamed input into output->stream.  Returns the exit status. */
static int
clean_streamed (EpurePipeline      *pipeline,
                EpureCliInput      *input,
                double              min_confidence,
                Output             *output,
                const char         *path,
                const char         *out_label,
                const char         *format,
                EpureExportOptions *export,
                gboolean            explicit_checkers,
                GHashTable         *seen)
{
  guint n_workers = MAX (1, g_get_num_processors ());
  GThreadPool *pool = g_thread_pool_new (clean_job_run, NULL, n_workers, FALSE, NULL);
  GQueue jobs = G_QUEUE_INIT;
  g_autoptr(GError) error = NULL;
  gboolean eof = FALSE;
  gboolean problem = FALSE;
  int status = EXIT_CLEAN;

  for (;;)
    {
      g_autoptr(GBytes) bytes = NULL;
      CleanJob *job;

      /* Two pieces a core in flight: enough to keep them busy, little memory. */
      while (!eof && jobs.length < 2 * n_workers)
        {
          EpureText *text = epure_cli_input_next (input, &error);

          if (text == NULL)
            {
              eof = TRUE;
              break;
            }
          job = g_new0 (CleanJob, 1);
          job->pipeline = pipeline;
          job->text = text;
          job->min_confidence = min_confidence;
          g_mutex_init (&job->lock);
          g_cond_init (&job->cond);
          g_queue_push_tail (&jobs, job);
          g_thread_pool_push (pool, job, NULL);
        }

      job = g_queue_pop_head (&jobs);
      if (job == NULL)
        break;
      clean_job_wait (job);

      if (job->cleaned == NULL)
        {
          print_error (path, job->error->message);
          clean_job_free (job);
          status = EXIT_ERROR;
          break;
        }
      if (report_problems (path, job->problems, explicit_checkers, seen))
        problem = TRUE;

      bytes = export_bytes (path, job->cleaned, job->len, format, export, &error);
      clean_job_free (job);
      if (bytes == NULL || !write_bytes (output->stream, bytes, &error))
        {
          print_failure (out_label, error, TRUE);
          status = EXIT_ERROR;
          break;
        }
      export->bom = FALSE;   /* only at the very start */
    }

  /* Pieces not started yet are dropped; running ones are waited for. */
  g_thread_pool_free (pool, TRUE, TRUE);
  g_queue_clear_full (&jobs, (GDestroyNotify) clean_job_free);

  if (status == EXIT_CLEAN && error != NULL)
    {
      print_failure (path, error, FALSE);
      status = EXIT_ERROR;
    }
  if (status == EXIT_CLEAN && !output_close_stream (output, &error))
    {
      print_failure (out_label, error, TRUE);
      status = EXIT_ERROR;
    }
  if (status == EXIT_CLEAN && problem)
    status = EXIT_ERROR;
  return status;
}

static int
command_clean (char **args)
{
  g_auto(CheckerOptions) options = { .min_confidence = EPURE_DEFAULT_MIN_CONFIDENCE };
  g_autofree char *out_path = NULL;
  g_autofree char *to = NULL;
  gboolean in_place = FALSE;
  GOptionEntry entries[] = {
    { "checkers", 'c', 0, G_OPTION_ARG_STRING, &options.checkers, N_("Apply only these checkers' fixes (comma-separated ids)"), N_("IDS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write the result to OUT instead of the standard output"), N_("OUT") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to, N_("Output format (default: from OUT's extension, else the input's; text on the standard output)"), N_("FORMAT") },
    { "in-place", 'i', 0, G_OPTION_ARG_NONE, &in_place, N_("Replace FILE with the result (atomically)"), NULL },
    { "spaces", 0, 0, G_OPTION_ARG_STRING, &options.spaces, N_("Spacing profile of the typography checker: france, narrow or regular"), N_("PROFILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options.lang, N_("Spelling language (default: fr_FR)"), N_("LANG") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &options.threshold, N_("Confidence from which clean removes a boilerplate block (0 to 1)"), N_("X") },
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &options.min_confidence, N_("Apply only fixes at least this sure (0 to 1, default 0.8)"), N_("X") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options.from, N_("Input format when not given by FILE's extension: txt (default for the standard input), md (checkers skip code), html, odt, docx"), N_("FORMAT") },
    { "block-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64, &options.block_size, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("clean", _("[FILE|-]"),
    _("Applies every automatic fix to FILE (the standard input with “-” or no FILE)\n"
      "and writes the result to the standard output, to OUT, or back into FILE.\n"
      "Line ends and encoding are kept."), entries);
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(EpureCliInput) input = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Output) output = { NULL };
  EpureExportOptions export = { NULL };
  g_autoptr(EpureStructure) structure = NULL;
  g_autofree char *title = NULL;
  const char *path;
  const char *format;
  const char *from = NULL;
  const char *out_format = NULL;
  const char *out_label;
  gboolean to_file;
  gboolean explicit_checkers = FALSE;
  gboolean streamable;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean problem = FALSE;
  guint n_changes = 0;

  if (!parse_command (context, "clean", &args) ||
      !input_format_option (options.from, &from))
    return EXIT_ERROR;

  path = args[1] != NULL ? args[1] : "-";
  if (args[1] != NULL && args[2] != NULL)
    {
      print_error (NULL, _("clean takes one FILE"));
      return EXIT_ERROR;
    }
  if (in_place && out_path != NULL)
    {
      print_error (NULL, _("--in-place and --output cannot be used together"));
      return EXIT_ERROR;
    }
  if (in_place && g_str_equal (path, "-"))
    {
      print_error (NULL, _("--in-place needs a FILE, not the standard input"));
      return EXIT_ERROR;
    }
  if (in_place && to != NULL)
    {
      print_error (NULL, _("--in-place keeps FILE's format: use --output with --to"));
      return EXIT_ERROR;
    }
  if (to != NULL)
    {
      out_format = format_from_option (to);
      if (out_format == NULL || !epure_format_can_export (out_format))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) epure_format_list (TRUE));
          g_autofree char *message = g_strdup_printf (_("epure-cli cannot write the “%s” format (it writes: %s)"),
                                                      to, list);
          print_error (NULL, message);
          return EXIT_ERROR;
        }
    }

  engine = epure_plugin_engine_new ();
  pipeline = create_pipeline (engine, &options, &explicit_checkers, &error);
  if (pipeline == NULL)
    {
      print_error (NULL, error->message);
      return EXIT_ERROR;
    }

  /* The output format: --to, else OUT's extension (any other name is
   * plain text), else the input's (known once it is open). */
  to_file = out_path != NULL && !g_str_equal (out_path, "-");
  if (out_format == NULL && to_file)
    {
      out_format = epure_format_from_filename (out_path);
      if (out_format == NULL)
        out_format = "txt";
    }
  /* What errors in writing name. */
  if (in_place)
    out_label = path;
  else if (to_file)
    out_label = out_path;
  else
    out_label = _("<stdout>");
  /* A text is written piece by piece only into a text format: an office
   * file or a web page is one whole document. */
  streamable = epure_pipeline_get_scope (pipeline) == EPURE_CHECKER_SCOPE_PARAGRAPH &&
               (out_format == NULL || is_text_format (out_format));

  input = epure_cli_input_open (path, from, streamable, block_size (&options), &error);
  if (input == NULL)
    {
      print_failure (path, error, FALSE);
      return EXIT_ERROR;
    }
  note_encoding (path, input);

  /* Without --to or -o, the output keeps the input's format, text on
   * the standard output. */
  format = epure_cli_input_get_format (input);
  if (in_place)
    output.file = g_file_new_for_commandline_arg (path);
  else if (to_file)
    output.file = g_file_new_for_commandline_arg (out_path);
  if (out_format != NULL)
    format = out_format;
  else if (!in_place && !is_text_format (format))
    format = "txt";

  if (!epure_format_can_export (format))
    {
      g_autofree char *message = g_strdup_printf (_("epure-cli cannot write the “%s” format"), format);
      print_error (out_label, message);
      return EXIT_ERROR;
    }

  /* Line ends, encoding and BOM are the input's, when they mean anything
   * in the output format. */
  if (is_text_format (format) && is_text_format (epure_cli_input_get_format (input)))
    {
      export.encoding = epure_cli_input_get_encoding (input);
      export.newline = epure_cli_input_get_newline (input);
      export.bom = epure_cli_input_get_bom (input);
    }

  title = document_title (path);
  export.title = title;

  if (epure_cli_input_is_streaming (input))
    {
      if (!output_open_stream (&output, &error))
        {
          print_failure (out_label, error, TRUE);
          return EXIT_ERROR;
        }
      return clean_streamed (pipeline, input, options.min_confidence, &output, path, out_label,
                             format, &export, explicit_checkers, seen);
    }

  /* Read whole: one piece. */
  {
    g_autoptr(EpureText) text = epure_cli_input_next (input, &error);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) passes = NULL;
    g_autofree char *cleaned = NULL;
    gsize len = 0;

    if (text != NULL)
      cleaned = epure_pipeline_clean (pipeline, text, options.min_confidence, &n_changes, &len,
                                      &problems, &passes, NULL, &error);
    if (cleaned == NULL)
      {
        if (error != NULL)
          print_failure (path, error, FALSE);
        return error != NULL ? EXIT_ERROR : EXIT_CLEAN;
      }
    if (report_problems (path, problems, explicit_checkers, seen))
      problem = TRUE;

    /* Leave the file, and its date, alone when nothing changed. */
    if (in_place && n_changes == 0)
      return problem ? EXIT_ERROR : EXIT_CLEAN;
    /* Headings, lists, bold and italic follow the text through the fixes
     * into the output. */
    if (epure_cli_input_get_structure (input) != NULL)
      {
        structure = remap_structure (epure_cli_input_get_structure (input), passes);
        export.structure = structure;
      }
    if (!output_write_document (&output, path, cleaned, len, format, &export, &error))
      {
        print_failure (out_label, error, TRUE);
        return EXIT_ERROR;
      }
  }

  return problem ? EXIT_ERROR : EXIT_CLEAN;
}

static int
command_convert (char **args)
{
  g_autofree char *out_path = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_option = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("The file to write (“-” for the standard output)"), N_("OUT") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to, N_("Output format (default: from OUT's extension)"), N_("FORMAT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_option, N_("Input format (default: from IN's extension; txt for the standard input)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GString) formats = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EpureCliInput) input = NULL;
  g_autoptr(EpureText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Output) output = { NULL };
  g_autofree char *title = NULL;
  EpureExportOptions export = { NULL };
  const char * const *exportable = epure_format_list (TRUE);
  const char *format;
  const char *from = NULL;
  const char *out_label;
  const char *str;
  gsize len;

  for (guint i = 0; exportable[i] != NULL; i++)
    g_string_append_printf (formats, "%s%s", i ? ", " : "", exportable[i]);
  summary = g_strdup_printf (_("Converts IN (“-” for the standard input) to another format.\n"
                               "Formats it can write: %s."), formats->str);
  context = command_context ("convert", _("IN -o OUT"), summary, entries);

  if (!parse_command (context, "convert", &args) ||
      !input_format_option (from_option, &from))
    return EXIT_ERROR;

  if (args[1] == NULL || args[2] != NULL || out_path == NULL)
    {
      print_error (NULL, _("convert takes one input file and -o OUT"));
      return EXIT_ERROR;
    }

  out_label = g_str_equal (out_path, "-") ? _("<stdout>") : out_path;
  format = to != NULL ? format_from_option (to) : NULL;
  if (to != NULL && format == NULL)
    format = to;   /* named as given in the message below */
  else if (format == NULL)
    format = g_str_equal (out_path, "-") ? "txt" : epure_format_from_filename (out_path);
  if (format == NULL || !epure_format_can_export (format))
    {
      g_autofree char *message = g_strdup_printf (_("epure-cli cannot write the “%s” format (it writes: %s)"),
                                                  format ? format : out_path, formats->str);
      print_error (out_label, message);
      return EXIT_ERROR;
    }

  input = epure_cli_input_open (args[1], from, FALSE, EPURE_CLI_DEFAULT_BLOCK_SIZE, &error);
  if (input == NULL)
    {
      print_failure (args[1], error, FALSE);
      return EXIT_ERROR;
    }
  note_encoding (args[1], input);
  text = epure_cli_input_next (input, &error);
  g_assert (text != NULL);

  /* Line ends survive between text formats; everything else is UTF-8. */
  if (is_text_format (format) && is_text_format (epure_cli_input_get_format (input)))
    export.newline = epure_cli_input_get_newline (input);
  title = document_title (args[1]);
  export.title = title;
  export.structure = epure_cli_input_get_structure (input);

  if (!g_str_equal (out_path, "-"))
    output.file = g_file_new_for_commandline_arg (out_path);

  str = epure_text_get_string (text, &len);
  if (!output_write_document (&output, args[1], str, len, format, &export, &error))
    {
      print_failure (out_label, error, TRUE);
      return EXIT_ERROR;
    }
  return EXIT_CLEAN;
}

static int
command_list_checkers (char **args)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("list-checkers", "",
    _("Lists the checkers Épure found: built-in plugins and installed ones."), entries);
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean json;

  if (!parse_command (context, "list-checkers", &args))
    return EXIT_ERROR;
  json = g_strcmp0 (format, "json") == 0;
  if (format != NULL && !json && !g_str_equal (format, "text"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown report format “%s” (text or json)"), format);
      print_error (NULL, message);
      return EXIT_ERROR;
    }

  engine = epure_plugin_engine_new ();
  ids = epure_plugin_engine_list_checkers (engine);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, ids[i]);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, epure_plugin_engine_get_name (engine, ids[i]));
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, epure_plugin_engine_get_description (engine, ids[i]));
          json_builder_set_member_name (builder, "builtin");
          json_builder_add_boolean_value (builder, epure_plugin_engine_is_builtin (engine, ids[i]));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      data = json_generator_to_data (generator, NULL);
      fputs (data, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      for (guint i = 0; ids[i] != NULL; i++)
        printf ("%-12s %s — %s\n", ids[i],
                epure_plugin_engine_get_name (engine, ids[i]),
                epure_plugin_engine_get_description (engine, ids[i]));
    }

  return fflush (stdout) == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

static const struct {
  const char *name;
  int (*run) (char **args);
  const char *summary;
} commands[] = {
  { "check", command_check, N_("Report findings (text or JSON)") },
  { "clean", command_clean, N_("Apply every automatic fix") },
  { "convert", command_convert, N_("Convert between document formats") },
  { "list-checkers", command_list_checkers, N_("List the available checkers") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  epure-cli %s\n\n%s\n", C_("epure-cli", "Usage:"), _("COMMAND [OPTION…] [FILE…]"),
           _("Cleans French articles: typography, spelling, boilerplate, whitespace."));
  fprintf (out, "\n%s\n", C_("epure-cli", "Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n  %-15s %s\n  %-15s %s\n\n%s\n", C_("epure-cli", "Options:"),
           "-h, --help", _("Show this help"),
           "--version", _("Show the version"),
           _("Run “epure-cli COMMAND --help” for a command's options."));
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;
  const char *name;

  setlocale (LC_ALL, "");
  epure_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("epure-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_ERROR;
    }

  name = argv[1];
  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      printf ("epure-cli %s\n", PACKAGE_VERSION);
      return EXIT_CLEAN;
    }
  if (g_str_equal (name, "help") && argc > 2)
    {
      /* "epure-cli help check" is "epure-cli check --help". */
      const char *help_args[] = { argv[2], "--help", NULL };
      name = argv[2];
      args = g_strdupv ((char **) help_args);
    }
  else if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return EXIT_CLEAN;
    }
  else
    args = g_strdupv (argv + 1);   /* args[0], the command, stands for the program */

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].run (args);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), name);
    print_error (NULL, message);
    print_usage (stderr);
  }
  return EXIT_ERROR;
}
