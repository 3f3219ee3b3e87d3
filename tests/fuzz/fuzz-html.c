/* fuzz-html.c: the html reader under libFuzzer (see fuzz-common.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define FUZZ_FORMAT "html"
#include "fuzz-common.h"
