/* epure-structure.h: the shape of a document beside its text.
 *
 * An EpureStructure annotates the UTF-8 text of a document with blocks
 * (paragraphs, headings, list items) and spans (bold, italic runs), as byte
 * ranges into that text.  In the text, blocks are separated by a blank line
 * ("\n\n"); a single "\n" inside a block is a line break.
 *
 * When the structure is "markdown", the text is Markdown source: its
 * blocks and spans are read from the markup when it is written to a rich
 * format (HTML, ODT, DOCX, PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "epure.h"

G_BEGIN_DECLS

typedef enum
{
  EPURE_BLOCK_PARAGRAPH,
  EPURE_BLOCK_HEADING,     /* level 1..6 */
  EPURE_BLOCK_LIST_ITEM,   /* level: nesting depth, 1 for a top list */
  EPURE_BLOCK_CODE,        /* preformatted, kept verbatim */
  EPURE_BLOCK_NUMBERED_ITEM, /* an item of a numbered list; level as above */
} EpureBlockKind;

#define EPURE_BLOCK_IS_ITEM(kind) ((kind) == EPURE_BLOCK_LIST_ITEM || (kind) == EPURE_BLOCK_NUMBERED_ITEM)

typedef struct
{
  EpureBlockKind kind;
  guint level;
  gsize start;             /* byte range in the text, see epure-types.h */
  gsize end;
} EpureBlock;

typedef enum
{
  EPURE_SPAN_BOLD   = 1 << 0,
  EPURE_SPAN_ITALIC = 1 << 1,
} EpureSpanStyle;

typedef struct
{
  EpureSpanStyle style;
  gsize start;
  gsize end;
} EpureSpan;

#define EPURE_TYPE_STRUCTURE (epure_structure_get_type ())

G_DECLARE_FINAL_TYPE (EpureStructure, epure_structure, EPURE, STRUCTURE, GObject)

EpureStructure   *epure_structure_new           (void);
EpureStructure   *epure_structure_new_markdown  (void);
gboolean          epure_structure_is_markdown   (EpureStructure  *self);
void              epure_structure_add_block     (EpureStructure  *self,
                                                 EpureBlockKind   kind,
                                                 guint            level,
                                                 gsize            start,
                                                 gsize            end);
void              epure_structure_add_span      (EpureStructure  *self,
                                                 EpureSpanStyle   style,
                                                 gsize            start,
                                                 gsize            end);
const EpureBlock *epure_structure_get_blocks    (EpureStructure  *self,
                                                 guint           *n_blocks);
const EpureSpan  *epure_structure_get_spans     (EpureStructure  *self,
                                                 guint           *n_spans);
EpureStructure   *epure_structure_remap         (EpureStructure  *self,
                                                 GPtrArray       *edits);

G_END_DECLS
