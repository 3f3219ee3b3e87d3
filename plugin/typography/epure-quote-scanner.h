/* epure-quote-scanner.h: finds the double quotes of one paragraph, decides
 * which open and which close, and pairs them with a stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

typedef enum
{
  EPURE_QUOTE_STRAIGHT,         /* "  */
  EPURE_QUOTE_CURLY_OPEN,       /* “  */
  EPURE_QUOTE_CURLY_CLOSE,      /* ”  */
  EPURE_QUOTE_LOW,              /* „  */
  EPURE_QUOTE_GUILLEMET_OPEN,   /* «  */
  EPURE_QUOTE_GUILLEMET_CLOSE,  /* »  */
  EPURE_QUOTE_ASCII_OPEN,       /* << */
  EPURE_QUOTE_ASCII_CLOSE,      /* >> */
} EpureQuoteGlyph;

typedef enum
{
  EPURE_QUOTE_ROLE_OPEN,
  EPURE_QUOTE_ROLE_CLOSE,
  /* The context says nothing (a quote between two letters or two spaces). */
  EPURE_QUOTE_ROLE_AMBIGUOUS,
  /* A straight quote after a number (15"): closes an open quote if there
   * is one, otherwise it is a measurement and is left alone. */
  EPURE_QUOTE_ROLE_CLOSE_OR_INCHES,
} EpureQuoteRole;

typedef enum
{
  EPURE_QUOTE_OK,
  EPURE_QUOTE_UNPAIRED,
  EPURE_QUOTE_AMBIGUOUS,
  /* An unpaired guillemet right next to one of the same kind (« «). */
  EPURE_QUOTE_DOUBLED,
  /* Not a quote after all (an unpaired << or a measurement). */
  EPURE_QUOTE_IGNORED,
} EpureQuoteProblem;

typedef struct
{
  gsize start;              /* byte offsets of the glyph itself */
  gsize end;
  EpureQuoteGlyph glyph;
  EpureQuoteRole role;      /* decided from the context */
  gboolean wrong_side;      /* a guillemet used as the other one (« mot«) */
  gboolean opens_only;      /* the context reads as an opening quote only */
  gboolean closes_only;     /* the context reads as a closing quote only */
  int partner;              /* index of the paired token, or -1 */
  guint level;              /* 1 for outermost pairs, 2 inside them… */
  EpureQuoteProblem problem;
} EpureQuoteToken;

#define EPURE_TYPE_QUOTE_SCANNER (epure_quote_scanner_get_type ())

G_DECLARE_FINAL_TYPE (EpureQuoteScanner, epure_quote_scanner, EPURE, QUOTE_SCANNER, GObject)

EpureQuoteScanner     *epure_quote_scanner_new        (void);
void                   epure_quote_scanner_scan       (EpureQuoteScanner *self,
                                                       const char        *str,
                                                       gsize              start,
                                                       gsize              end,
                                                       const gsize       *skip,
                                                       guint              n_skip);
const EpureQuoteToken *epure_quote_scanner_get_tokens (EpureQuoteScanner *self,
                                                       guint             *n_tokens);

gboolean               epure_quote_glyph_is_guillemet (EpureQuoteGlyph    glyph);

G_END_DECLS
