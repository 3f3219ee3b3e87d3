/* fuzz-markdown.c: the markdown reader under libFuzzer (see fuzz-common.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define FUZZ_FORMAT "md"
#include "fuzz-common.h"
