/* epure-lexicon.h: weighted phrase lists read from dictionaries/ files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"

G_BEGIN_DECLS

#define EPURE_LEXICON_ERROR (epure_lexicon_error_quark ())

typedef enum
{
  EPURE_LEXICON_ERROR_PARSE,
} EpureLexiconError;

/* One line of a lexicon file.  Words are folded (lower case, no accents);
 * a word ending in '*' matches every word it begins. */
typedef struct
{
  char        *phrase;      /* as written in the file */
  char        *display;     /* without ^, $ and *, for messages */
  const char  *category;    /* interned */
  double       weight;
  char       **words;
  guint        n_words;
  guint        anchor_start : 1;  /* only at a block's first word */
  guint        anchor_end : 1;    /* only at a block's last word */
} EpureLexiconEntry;

/* A word of a text: its folded form lives in the caller's buffer. */
typedef struct
{
  gsize folded;       /* offset of the NUL-terminated folded word */
  gsize start;        /* byte range in the source text */
  gsize end;
} EpureLexiconWord;

typedef void (*EpureLexiconMatchFunc) (const EpureLexiconEntry *entry,
                                       guint                    first_word,
                                       gpointer                 user_data);

#define EPURE_TYPE_LEXICON (epure_lexicon_get_type ())

G_DECLARE_FINAL_TYPE (EpureLexicon, epure_lexicon, EPURE, LEXICON, GObject)

GQuark        epure_lexicon_error_quark (void);
EpureLexicon *epure_lexicon_new         (void);
gboolean      epure_lexicon_load_data   (EpureLexicon           *self,
                                         const char             *data,
                                         gssize                  len,
                                         const char             *origin,
                                         GError                **error);
gboolean      epure_lexicon_load_file   (EpureLexicon           *self,
                                         const char             *path,
                                         GError                **error);
guint         epure_lexicon_get_size    (EpureLexicon           *self);
void          epure_lexicon_match       (EpureLexicon           *self,
                                         const char * const     *words,
                                         guint                   n_words,
                                         EpureLexiconMatchFunc   func,
                                         gpointer                user_data);

void          epure_lexicon_tokenize    (const char             *text,
                                         gsize                   len,
                                         GString                *folded,
                                         GArray                 *words);

G_END_DECLS
