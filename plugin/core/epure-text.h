/* epure-text.h: an immutable, validated UTF-8 snapshot of a document's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (EPURE_INSIDE) && !defined (EPURE_COMPILATION)
# error "Only <epure.h> can be included directly."
#endif

#include "epure-types.h"

G_BEGIN_DECLS

#define EPURE_TYPE_TEXT (epure_text_get_type ())

typedef enum
{
  EPURE_VERBATIM_URL,
  EPURE_VERBATIM_EMAIL,
  EPURE_VERBATIM_CODE_SPAN,
  EPURE_VERBATIM_CODE_BLOCK,
} EpureVerbatimKind;

/* How the text is written.  Markdown has more that is not prose than any
 * text has (fenced code, code spans, URLs, addresses): indented code
 * blocks, and link destinations with their titles. */
typedef enum
{
  EPURE_TEXT_SYNTAX_PLAIN,
  EPURE_TEXT_SYNTAX_MARKDOWN,
} EpureTextSyntax;

/* A stretch of text that is not prose: checkers must not rewrite it. */
typedef struct
{
  gsize start;
  gsize end;
  EpureVerbatimKind kind;
} EpureVerbatimSpan;

GType        epure_text_get_type           (void) G_GNUC_CONST;
EpureText   *epure_text_new                (const char         *utf8,
                                            gssize              len,
                                            GError            **error);
EpureText   *epure_text_new_take           (char               *utf8,
                                            gsize               len,
                                            GError            **error);
EpureText   *epure_text_new_take_valid     (char               *utf8,
                                            gsize               len);
EpureText   *epure_text_new_edited         (EpureText          *source,
                                            GPtrArray          *edits,
                                            GError            **error);
EpureText   *epure_text_new_slice          (EpureText          *source,
                                            gsize               start,
                                            gsize               end);
void         epure_text_set_syntax         (EpureText          *self,
                                            EpureTextSyntax     syntax);
EpureTextSyntax
             epure_text_get_syntax         (EpureText          *self);
EpureText   *epure_text_ref                (EpureText          *self);
void         epure_text_unref              (EpureText          *self);
const char  *epure_text_get_string         (EpureText          *self,
                                            gsize              *len);
gsize        epure_text_get_length         (EpureText          *self);
guint        epure_text_get_line_count     (EpureText          *self);
gsize        epure_text_get_line_start     (EpureText          *self,
                                            guint               line);
void         epure_text_get_line_column    (EpureText          *self,
                                            gsize               offset,
                                            guint              *line,
                                            guint              *column);
gsize        epure_text_char_offset        (EpureText          *self,
                                            gsize               offset);
gsize        epure_text_byte_offset        (EpureText          *self,
                                            gsize               char_offset);
const EpureVerbatimSpan *
             epure_text_get_verbatim_spans (EpureText          *self,
                                            guint              *n_spans);
gboolean     epure_text_overlaps_verbatim  (EpureText          *self,
                                            gsize               start,
                                            gsize               end);

gboolean     epure_utf8_looks_binary       (const char         *data,
                                            gsize               len);

gboolean     epure_piece_is_cut            (const char         *s,
                                            gsize               len,
                                            gsize               offset);
gsize        epure_piece_cut_before        (const char         *s,
                                            gsize               len,
                                            gsize               offset);
gsize        epure_piece_cut_after         (const char         *s,
                                            gsize               len,
                                            gsize               offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpureText, epure_text_unref)

G_END_DECLS
