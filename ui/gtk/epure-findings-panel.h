/* epure-findings-panel.h: the list of findings beside the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "epure-buffer-checker.h"

G_BEGIN_DECLS

#define EPURE_TYPE_FINDINGS_PANEL (epure_findings_panel_get_type ())

G_DECLARE_FINAL_TYPE (EpureFindingsPanel, epure_findings_panel, EPURE, FINDINGS_PANEL, GtkWidget)

GtkWidget          *epure_findings_panel_new             (void);
void                epure_findings_panel_set_checker     (EpureFindingsPanel *self,
                                                          EpureBufferChecker *checker);
void                epure_findings_panel_set_marks       (EpureFindingsPanel *self,
                                                          const char         *title,
                                                          GPtrArray          *marks,
                                                          guint               total);
GListModel         *epure_findings_panel_get_rows        (EpureFindingsPanel *self);
void                epure_findings_panel_set_loading     (EpureFindingsPanel *self,
                                                          gboolean            loading);
gboolean            epure_findings_panel_get_loading     (EpureFindingsPanel *self);
void                epure_findings_panel_activate_row    (EpureFindingsPanel *self,
                                                          guint               position);
void                epure_findings_panel_set_extra_group (EpureFindingsPanel *self,
                                                          const char         *title,
                                                          guint               count,
                                                          const char         *action_name,
                                                          const char         *tooltip);

G_END_DECLS
