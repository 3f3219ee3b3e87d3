/* epure-typography-checker.h: French quoting, spacing and punctuation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

/* Which no-break spaces go before ; : ! ?, inside « » and between groups
 * of digits. */
typedef enum
{
  /* Imprimerie nationale: U+202F before ; ! ? and in 12 000, U+00A0 before
   * : and in « ». */
  EPURE_SPACES_PROFILE_FRANCE,
  /* U+202F everywhere except before : (U+00A0). */
  EPURE_SPACES_PROFILE_NARROW,
  /* U+00A0 everywhere, for fonts without U+202F. */
  EPURE_SPACES_PROFILE_REGULAR,
} EpureSpacesProfile;

GType epure_spaces_profile_get_type (void) G_GNUC_CONST;
#define EPURE_TYPE_SPACES_PROFILE (epure_spaces_profile_get_type ())

#define EPURE_TYPE_TYPOGRAPHY_CHECKER (epure_typography_checker_get_type ())

G_DECLARE_FINAL_TYPE (EpureTypographyChecker, epure_typography_checker, EPURE, TYPOGRAPHY_CHECKER, GObject)

EpureTypographyChecker *epure_typography_checker_new                (void);
EpureSpacesProfile      epure_typography_checker_get_spaces_profile (EpureTypographyChecker *self);
void                    epure_typography_checker_set_spaces_profile (EpureTypographyChecker *self,
                                                                     EpureSpacesProfile      profile);
GPtrArray              *epure_typography_checker_fix                (EpureTypographyChecker *self,
                                                                     EpureText              *text,
                                                                     GCancellable           *cancellable,
                                                                     GError                **error);

G_END_DECLS
