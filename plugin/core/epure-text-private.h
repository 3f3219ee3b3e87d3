/* epure-text-private.h: EpureText for the rest of plugin/ only (not part
 * of <epure.h>).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure-text.h"

G_BEGIN_DECLS

char *epure_text_steal_string (EpureText *self,
                               gsize     *len);
guint epure_verbatim_spans_find (const EpureVerbatimSpan *spans,
                                 guint                    n_spans,
                                 gsize                    offset);
char *epure_edits_copy          (const char              *text,
                                 gsize                    len,
                                 GPtrArray               *edits,
                                 gsize                   *out_len,
                                 gboolean                *valid);

G_END_DECLS
