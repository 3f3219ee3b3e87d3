/* epure-boilerplate-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

#include "epure-lexicon.h"

G_BEGIN_DECLS

#define EPURE_TYPE_BOILERPLATE_CHECKER (epure_boilerplate_checker_get_type ())

G_DECLARE_FINAL_TYPE (EpureBoilerplateChecker, epure_boilerplate_checker, EPURE, BOILERPLATE_CHECKER, GObject)

/* Findings from this confidence on are automatic (removed by "clean"). */
#define EPURE_BOILERPLATE_DEFAULT_THRESHOLD 0.8

EpureBoilerplateChecker *epure_boilerplate_checker_new_with_lexicon (EpureLexicon            *lexicon);
EpureLexicon            *epure_boilerplate_checker_get_lexicon      (EpureBoilerplateChecker *self);
double                   epure_boilerplate_checker_get_threshold    (EpureBoilerplateChecker *self);
void                     epure_boilerplate_checker_set_threshold    (EpureBoilerplateChecker *self,
                                                                     double                   threshold);

G_END_DECLS
