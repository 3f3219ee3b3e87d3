/* fuzz-odt.c: the odt reader under libFuzzer (see fuzz-common.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define FUZZ_FORMAT "odt"
#include "fuzz-common.h"
