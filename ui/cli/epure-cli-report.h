/* epure-cli-report.h: epure-cli's findings report, as text or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "epure.h"

G_BEGIN_DECLS

typedef enum
{
  EPURE_CLI_REPORT_TEXT,
  EPURE_CLI_REPORT_JSON,
} EpureCliReportFormat;

/* Spelling findings carry at most this many suggestions. */
#define EPURE_CLI_MAX_SUGGESTIONS 5

#define EPURE_TYPE_CLI_REPORT (epure_cli_report_get_type ())

G_DECLARE_FINAL_TYPE (EpureCliReport, epure_cli_report, EPURE, CLI_REPORT, GObject)

EpureCliReport *epure_cli_report_new            (EpureCliReportFormat  format,
                                                 FILE                 *out);
void            epure_cli_report_set_max_suggestions (EpureCliReport *self,
                                                 guint                 max);
void            epure_cli_report_begin_file     (EpureCliReport       *self,
                                                 const char           *name);
void            epure_cli_report_add            (EpureCliReport       *self,
                                                 EpurePipeline        *pipeline,
                                                 EpureText            *text,
                                                 GPtrArray            *findings,
                                                 EpureText            *surroundings,
                                                 gsize                 offset,
                                                 guint64               char_base,
                                                 guint                 line_base);
void            epure_cli_report_end_file       (EpureCliReport       *self);
gboolean        epure_cli_report_finish         (EpureCliReport       *self,
                                                 GError              **error);
guint           epure_cli_report_get_n_findings (EpureCliReport       *self);

G_END_DECLS
