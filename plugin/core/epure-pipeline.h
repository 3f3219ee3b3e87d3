/* epure-pipeline.h: runs the enabled checkers and applies chosen fixes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include "epure-checker.h"

G_BEGIN_DECLS

/* Front ends remove findings automatically only from this confidence on
 * (a setting in the app, --min-confidence in epure-cli). */
#define EPURE_DEFAULT_MIN_CONFIDENCE 0.8

#define EPURE_TYPE_PIPELINE (epure_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (EpurePipeline, epure_pipeline, EPURE, PIPELINE, GObject)

EpurePipeline *epure_pipeline_new            (void);
void           epure_pipeline_add_checker    (EpurePipeline        *self,
                                              EpureChecker         *checker);
gboolean       epure_pipeline_remove_checker (EpurePipeline        *self,
                                              const char           *id);
EpureChecker  *epure_pipeline_get_checker    (EpurePipeline        *self,
                                              const char           *id);
GPtrArray     *epure_pipeline_get_checkers   (EpurePipeline        *self);
EpureCheckerScope
               epure_pipeline_get_scope      (EpurePipeline        *self);
GPtrArray     *epure_pipeline_check          (EpurePipeline        *self,
                                              EpureText            *text,
                                              GPtrArray           **problems,
                                              GCancellable         *cancellable,
                                              GError              **error);
void           epure_pipeline_check_async    (EpurePipeline        *self,
                                              EpureText            *text,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray     *epure_pipeline_check_finish   (EpurePipeline        *self,
                                              GAsyncResult         *result,
                                              GPtrArray           **problems,
                                              GError              **error);
GPtrArray     *epure_pipeline_create_edits   (EpurePipeline        *self,
                                              EpureText            *text,
                                              GPtrArray            *findings,
                                              gboolean              skip_overlapping,
                                              GError              **error);
char          *epure_pipeline_apply          (EpurePipeline        *self,
                                              EpureText            *text,
                                              GPtrArray            *findings,
                                              gsize                *out_len,
                                              GError              **error);
char          *epure_pipeline_clean          (EpurePipeline        *self,
                                              EpureText            *text,
                                              double                min_confidence,
                                              guint                *n_changes,
                                              gsize                *out_len,
                                              GPtrArray           **problems,
                                              GPtrArray           **passes,
                                              GCancellable         *cancellable,
                                              GError              **error);
void           epure_pipeline_set_recheck_settled (EpurePipeline *self,
                                                   gboolean       recheck);
GPtrArray     *epure_pipeline_automatic_findings (GPtrArray        *findings,
                                                  const char       *checker_id,
                                                  double            min_confidence);

G_END_DECLS
