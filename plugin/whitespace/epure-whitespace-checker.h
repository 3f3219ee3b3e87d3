/* epure-whitespace-checker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

#define EPURE_TYPE_WHITESPACE_CHECKER (epure_whitespace_checker_get_type ())

G_DECLARE_FINAL_TYPE (EpureWhitespaceChecker, epure_whitespace_checker, EPURE, WHITESPACE_CHECKER, GObject)

G_END_DECLS
