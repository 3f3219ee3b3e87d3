/* epure-window.h: a document window: editor, findings panel, cleanups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "epure-application.h"
#include "epure-buffer-checker.h"
#include "epure-document.h"
#include "epure-findings-panel.h"
#include "epure-spell-adapter.h"

G_BEGIN_DECLS

#define EPURE_TYPE_WINDOW (epure_window_get_type ())

G_DECLARE_FINAL_TYPE (EpureWindow, epure_window, EPURE, WINDOW, AdwApplicationWindow)

EpureWindow        *epure_window_new                (EpureApplication *app);
void                epure_window_open_file          (EpureWindow      *self,
                                                     GFile            *file);
void                epure_window_save_to            (EpureWindow      *self,
                                                     GFile            *file,
                                                     const char       *format,
                                                     gboolean          export_only);
gboolean            epure_window_is_empty           (EpureWindow      *self);
EpureDocument      *epure_window_get_document       (EpureWindow      *self);
EpureBufferChecker *epure_window_get_buffer_checker (EpureWindow      *self);
EpureSpellAdapter  *epure_window_get_spell_adapter  (EpureWindow      *self);
EpureFindingsPanel *epure_window_get_findings_panel (EpureWindow      *self);
GtkWidget          *epure_window_get_source_view    (EpureWindow      *self);
GtkWidget          *epure_window_open_cleanup       (EpureWindow      *self,
                                                     const char       *checker_id);
GMenuModel         *epure_window_update_fix_menu    (EpureWindow      *self,
                                                     const GtkTextIter *iter);

G_END_DECLS
