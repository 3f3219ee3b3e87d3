/* epure-cli-report.c: epure-cli's findings report, as text or JSON.
 *
 * The engine counts in bytes; the report speaks in Unicode code points
 * (what Python and most JSON consumers index strings by), with lines and
 * columns from 1.  A streamed file arrives in pieces: the caller passes
 * where each piece starts in the whole file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "epure-cli-report.h"

struct _EpureCliReport
{
  GObject parent_instance;

  EpureCliReportFormat format;
  FILE *out;
  char *file;             /* the file being reported */
  JsonBuilder *builder;   /* JSON: the whole array, written at the end */
  guint max_suggestions;
  guint n_findings;
  guint in_file : 1;
};

G_DEFINE_FINAL_TYPE (EpureCliReport, epure_cli_report, G_TYPE_OBJECT)

static void
epure_cli_report_finalize (GObject *object)
{
  EpureCliReport *self = (EpureCliReport *) object;

  g_free (self->file);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (epure_cli_report_parent_class)->finalize (object);
}

static void
epure_cli_report_class_init (EpureCliReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = epure_cli_report_finalize;
}

static void
epure_cli_report_init (EpureCliReport *self)
{
  self->max_suggestions = EPURE_CLI_MAX_SUGGESTIONS;
}

EpureCliReport *
epure_cli_report_new (EpureCliReportFormat  format,
                      FILE                 *out)
{
  EpureCliReport *self = g_object_new (EPURE_TYPE_CLI_REPORT, NULL);

  self->format = format;
  self->out = out;
  if (format == EPURE_CLI_REPORT_JSON)
    {
      self->builder = json_builder_new ();
      json_builder_begin_array (self->builder);
    }
  return self;
}

/* @name: as the user gave it, "-" for the standard input. */
void
epure_cli_report_begin_file (EpureCliReport *self,
                             const char     *name)
{
  g_return_if_fail (EPURE_IS_CLI_REPORT (self));
  g_return_if_fail (!self->in_file);

  self->in_file = TRUE;
  g_free (self->file);
  self->file = g_strdup (name);

  if (self->builder != NULL)
    {
      json_builder_begin_object (self->builder);
      json_builder_set_member_name (self->builder, "file");
      json_builder_add_string_value (self->builder, name);
      json_builder_set_member_name (self->builder, "findings");
      json_builder_begin_array (self->builder);
    }
}

void
epure_cli_report_end_file (EpureCliReport *self)
{
  g_return_if_fail (EPURE_IS_CLI_REPORT (self));
  g_return_if_fail (self->in_file);

  self->in_file = FALSE;
  if (self->builder != NULL)
    {
      json_builder_end_array (self->builder);
      json_builder_end_object (self->builder);
    }
}

/* @max: suggestions per word finding, at most EPURE_CLI_MAX_SUGGESTIONS;
 * 0 to skip them (they are the costly part of a spelling check). */
void
epure_cli_report_set_max_suggestions (EpureCliReport *self,
                                      guint           max)
{
  g_return_if_fail (EPURE_IS_CLI_REPORT (self));
  self->max_suggestions = MIN (max, EPURE_CLI_MAX_SUGGESTIONS);
}

/* The replacements to print for @finding: its own, or into @owned the
 * suggestions asked for.  Word findings compute them only when asked: a
 * French suggestion costs tens of milliseconds, so the checker leaves it
 * to us (the dictionary keeps Enchant's slow part per word itself; the
 * ranking depends on the words around each place). */
static const char * const *
finding_replacements (EpureCliReport *self,
                      EpurePipeline  *pipeline,
                      EpureText      *text,
                      EpureText      *surroundings,
                      gsize           offset,
                      EpureFinding   *finding,
                      GStrv          *owned)
{
  static const char * const none[] = { NULL };
  const char * const *replacements = epure_finding_get_replacements (finding);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) suggested = NULL;
  EpureChecker *checker;

  if (!epure_finding_get_needs_suggestions (finding))
    return replacements != NULL ? replacements : none;
  if (self->max_suggestions == 0)
    return none;

  checker = epure_pipeline_get_checker (pipeline, epure_finding_get_checker_id (finding));
  if (checker != NULL)
    {
      /* In a streamed file, the same word in the text around the piece. */
      g_autoptr(EpureFinding) moved = NULL;

      if (surroundings != NULL)
        moved = epure_finding_new (epure_finding_get_checker_id (finding), epure_finding_get_rule_id (finding),
                                   epure_finding_get_category (finding), epure_finding_get_start (finding) + offset,
                                   epure_finding_get_end (finding) + offset, "");
      suggested = epure_checker_suggest (checker, surroundings != NULL ? surroundings : text,
                                         moved != NULL ? moved : finding, NULL, NULL);
    }
  if (suggested != NULL)
    replacements = (const char * const *) suggested;

  builder = g_strv_builder_new ();
  for (guint i = 0; replacements != NULL && replacements[i] != NULL && i < self->max_suggestions; i++)
    g_strv_builder_add (builder, replacements[i]);
  *owned = g_strv_builder_end (builder);
  return (const char * const *) *owned;
}

static void
add_json (EpureCliReport *self,
          EpureText      *text,
          EpureFinding   *finding,
          const char * const *replacements,
          guint64         char_base,
          guint           line_base)
{
  JsonBuilder *b = self->builder;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "checker");
  json_builder_add_string_value (b, epure_finding_get_checker_id (finding));
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, epure_finding_get_rule_id (finding));
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, epure_finding_get_category (finding));
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, epure_severity_to_string (epure_finding_get_severity (finding)));
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, char_base + epure_text_char_offset (text, epure_finding_get_start (finding)));
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, char_base + epure_text_char_offset (text, epure_finding_get_end (finding)));
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, line_base + epure_finding_get_line (finding));
  json_builder_set_member_name (b, "column");
  json_builder_add_int_value (b, epure_finding_get_column (finding));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, epure_finding_get_message (finding));
  json_builder_set_member_name (b, "replacements");
  json_builder_begin_array (b);
  for (guint i = 0; replacements[i] != NULL; i++)
    json_builder_add_string_value (b, replacements[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* One line a finding, as compilers print diagnostics, so that editors
 * and grep understand it: FILE:LINE:COLUMN: MESSAGE [RULE] → “FIX” */
static void
add_text (EpureCliReport *self,
          EpureFinding   *finding,
          const char * const *replacements,
          guint           line_base)
{
  g_autoptr(GString) line = g_string_new (NULL);
  const char *name = g_strcmp0 (self->file, "-") == 0 ? _("<stdin>") : self->file;

  g_string_append_printf (line, "%s:%u:%u: %s [%s]", name,
                          line_base + epure_finding_get_line (finding),
                          epure_finding_get_column (finding),
                          epure_finding_get_message (finding),
                          epure_finding_get_rule_id (finding));

  for (guint i = 0; replacements[i] != NULL; i++)
    {
      g_string_append (line, i == 0 ? " → " : ", ");
      if (replacements[i][0] == '\0')
        g_string_append (line, _("(delete)"));
      else
        g_string_append_printf (line, "“%s”", replacements[i]);
    }

  /* No-break spaces look like any space on a terminal: name them. */
  if (replacements[0] != NULL && strstr (replacements[0], "\u202F") != NULL)
    g_string_append_printf (line, " %s", _("(with a narrow no-break space)"));
  else if (replacements[0] != NULL && strstr (replacements[0], "\u00A0") != NULL)
    g_string_append_printf (line, " %s", _("(with a no-break space)"));
  g_string_append_c (line, '\n');

  fwrite (line->str, 1, line->len, self->out);
}

/**
 * epure_cli_report_add:
 * @findings: located findings of @text, in text order
 * @surroundings: (nullable): for a piece of a streamed file, the file's
 *   text around it (spelling suggestions are ranked with the words around
 *   the typo), @text's bytes being at @offset in it
 * @char_base: code points of the file before @text
 * @line_base: lines of the file before @text
 */
void
epure_cli_report_add (EpureCliReport *self,
                      EpurePipeline  *pipeline,
                      EpureText      *text,
                      GPtrArray      *findings,
                      EpureText      *surroundings,
                      gsize           offset,
                      guint64         char_base,
                      guint           line_base)
{
  g_return_if_fail (EPURE_IS_CLI_REPORT (self));
  g_return_if_fail (self->in_file);

  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *finding = g_ptr_array_index (findings, i);
      g_auto(GStrv) owned = NULL;
      const char * const *replacements = finding_replacements (self, pipeline, text, surroundings, offset,
                                                               finding, &owned);

      if (self->builder != NULL)
        add_json (self, text, finding, replacements, char_base, line_base);
      else
        add_text (self, finding, replacements, line_base);
      self->n_findings++;
    }
}

/* Writes what is left (the JSON document) and reports write errors, such
 * as a full disk behind a redirection. */
gboolean
epure_cli_report_finish (EpureCliReport  *self,
                         GError         **error)
{
  g_return_val_if_fail (EPURE_IS_CLI_REPORT (self), FALSE);

  if (self->builder != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;
      gsize len;

      json_builder_end_array (self->builder);
      root = json_builder_get_root (self->builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      data = json_generator_to_data (generator, &len);
      fwrite (data, 1, len, self->out);
      fputc ('\n', self->out);
      g_clear_object (&self->builder);
    }

  if (fflush (self->out) != 0 || ferror (self->out))
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the report: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

guint
epure_cli_report_get_n_findings (EpureCliReport *self)
{
  g_return_val_if_fail (EPURE_IS_CLI_REPORT (self), 0);
  return self->n_findings;
}
