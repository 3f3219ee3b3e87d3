/* epure.h: the Épure engine, with no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define EPURE_INSIDE
# include "core/epure-types.h"
# include "core/epure-error.h"
# include "core/epure-text.h"
# include "core/epure-edit.h"
# include "core/epure-finding.h"
# include "core/epure-checker.h"
# include "core/epure-pipeline.h"
# include "core/epure-plugin-engine.h"
# include "core/epure-init.h"
#undef EPURE_INSIDE
