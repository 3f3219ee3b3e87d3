/* epure-init.h: library set-up and where its data lives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

void                epure_init                (void);
const char         *epure_get_localedir       (void);
const char * const *epure_get_dictionary_dirs (void);
char               *epure_find_dictionary_file (const char *basename);

G_END_DECLS
