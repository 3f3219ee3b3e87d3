/* epure-word-iter.h: the French tokenizer that hands whole words to the
 * dictionary (elisions, hyphenated forms) and skips what is not prose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

typedef enum
{
  EPURE_WORD_ITER_NONE          = 0,
  /* Skip words in capitals (ONU, OTSC, l’OTSC): acronyms, mostly. */
  EPURE_WORD_ITER_SKIP_CAPITALS = 1 << 0,
} EpureWordIterFlags;

/* Iterates the words of str[start, end) in byte offsets.  Stack-allocated,
 * no allocation, thread-safe on distinct iterators. */
typedef struct
{
  /*< private >*/
  const char         *str;
  gsize               pos;
  gsize               end;
  EpureText          *text;
  EpureWordIterFlags  flags;
  gpointer            padding[4];
} EpureWordIter;

void     epure_word_iter_init          (EpureWordIter       *iter,
                                        const char          *str,
                                        gsize                start,
                                        gsize                end,
                                        EpureText           *text,
                                        EpureWordIterFlags   flags);
gboolean epure_word_iter_next          (EpureWordIter       *iter,
                                        gsize               *word_start,
                                        gsize               *word_end);

/* Bytes of the French elided prefix of a word, apostrophe included
 * ("l’", "qu'", "jusqu’"), or 0. */
gsize    epure_word_elision_length     (const char          *word,
                                        gsize                len);
/* Whether a word has a letter and no lower-case letter (ONU, CO2-FREE). */
gboolean epure_word_is_capitals        (const char          *word,
                                        gsize                len);
/* The bounds of the word that would contain byte @offset of str[0, len),
 * by the same rules as the iterator (for "which word did the user click").
 * Returns FALSE when @offset is not in a word. */
gboolean epure_word_find_at            (const char          *str,
                                        gsize                len,
                                        gsize                offset,
                                        EpureWordIterFlags   flags,
                                        gsize               *word_start,
                                        gsize               *word_end);

G_END_DECLS
