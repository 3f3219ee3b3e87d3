/* epure-types.h: shared typedefs and the one offset convention of the engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Offsets.
 *
 * Every offset inside plugin/ (EpureFinding, EpureEdit, EpureText, the
 * checkers) is a BYTE offset into the UTF-8 text of an EpureText, and every
 * range is half-open: [start, end).  Offsets always fall on character
 * boundaries.  Front ends convert at their edge: the GTK editor to
 * GtkTextIter, the CLI to Unicode code points (epure_text_char_offset()),
 * lines and columns are 1-based and counted in characters.
 */

typedef struct _EpureText EpureText;
typedef struct _EpureEdit EpureEdit;

typedef enum
{
  EPURE_SEVERITY_INFO,
  EPURE_SEVERITY_WARNING,
  EPURE_SEVERITY_ERROR,
} EpureSeverity;

GType epure_severity_get_type (void) G_GNUC_CONST;
#define EPURE_TYPE_SEVERITY (epure_severity_get_type ())

const char *epure_severity_to_string (EpureSeverity severity);

G_END_DECLS
