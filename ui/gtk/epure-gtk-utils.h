/* epure-gtk-utils.h: small helpers shared by the panel and the dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "plugin/epure.h"
#include "plugin/formats/epure-format.h"

G_BEGIN_DECLS

char *epure_markup_visible_spaces (const char *str,
                                   gssize      len);
char *epure_markup_change         (EpureText  *text,
                                   gsize       start,
                                   gsize       end,
                                   const char *replacement,
                                   gboolean    after);
char *epure_category_css_class    (const char *category);
void  epure_widget_set_lazy_tooltip (GtkWidget  *widget,
                                     const char *text);
gsize epure_utf8_clamp            (const char *str,
                                   gsize       start,
                                   gsize       end,
                                   gsize       max_bytes);
GFile *epure_export_target        (GFile       *file,
                                   const char  *chosen,
                                   const char **format);

G_END_DECLS
