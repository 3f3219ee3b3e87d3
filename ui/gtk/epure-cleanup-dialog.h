/* epure-cleanup-dialog.h: preview of a cleanup, applied as one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "epure-buffer-checker.h"

G_BEGIN_DECLS

#define EPURE_TYPE_CLEANUP_DIALOG (epure_cleanup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EpureCleanupDialog, epure_cleanup_dialog, EPURE, CLEANUP_DIALOG, AdwWindow)

EpureCleanupDialog *epure_cleanup_dialog_new               (GtkWindow          *parent,
                                                            EpureBufferChecker *checker,
                                                            const char         *checker_id,
                                                            double              min_confidence);
gboolean            epure_cleanup_dialog_get_ready         (EpureCleanupDialog *self);
gboolean            epure_cleanup_dialog_get_removes_blocks (EpureCleanupDialog *self);
guint               epure_cleanup_dialog_get_n_changes     (EpureCleanupDialog *self);
EpureFinding       *epure_cleanup_dialog_get_change        (EpureCleanupDialog *self,
                                                            guint               index);
void                epure_cleanup_dialog_set_change_active (EpureCleanupDialog *self,
                                                            guint               index,
                                                            gboolean            active);
void                epure_cleanup_dialog_keep_as_content   (EpureCleanupDialog *self,
                                                            guint               index);
guint               epure_cleanup_dialog_apply             (EpureCleanupDialog *self,
                                                            GError            **error);

G_END_DECLS
