/* epure-format-private.h: what the readers and writers of each format share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "epure-format.h"

G_BEGIN_DECLS

/* Builds text + structure paragraph by paragraph, as readers walk a tree.
 * Paragraphs are separated by "\n\n"; whitespace is collapsed when asked
 * (HTML, ODF) and leading/trailing blanks of a paragraph are dropped. */
typedef struct
{
  GString *text;
  GArray *blocks;          /* EpureBlock */
  GArray *spans;           /* EpureSpan */
  gsize para_start;
  gboolean in_para;
  gboolean collapse;
  EpureSpanStyle style;
  gsize run_start;
} EpureDocBuilder;

void     epure_doc_builder_init        (EpureDocBuilder *b);
void     epure_doc_builder_clear       (EpureDocBuilder *b);
void     epure_doc_builder_append      (EpureDocBuilder *b,
                                        const char      *s,
                                        gssize           len);
void     epure_doc_builder_line_break  (EpureDocBuilder *b);
void     epure_doc_builder_set_style   (EpureDocBuilder *b,
                                        EpureSpanStyle   style);
void     epure_doc_builder_end_block   (EpureDocBuilder *b,
                                        EpureBlockKind   kind,
                                        guint            level);
gboolean epure_doc_builder_finish      (EpureDocBuilder *b,
                                        char           **text,
                                        gsize           *len,
                                        EpureStructure **structure,
                                        GError         **error);

/* One block of a document being written: a paragraph of the text with its
 * kind and its spans, offsets relative to the paragraph. */
typedef struct
{
  EpureBlockKind kind;
  guint level;
  const char *text;
  gsize len;
  EpureSpan *spans;
  guint n_spans;
} EpureOutBlock;

typedef struct
{
  char *owned_text;
  EpureStructure *owned_structure;
  GArray *blocks;    /* EpureOutBlock */
  GArray *spans;     /* EpureSpan, pointed to by the blocks */
} EpureOutDoc;

void     epure_out_doc_init            (EpureOutDoc       *doc,
                                        const char        *text,
                                        gsize              len,
                                        EpureStructure    *structure);
void     epure_out_doc_clear           (EpureOutDoc       *doc);
GArray  *epure_out_block_runs          (const EpureOutBlock *block);

/* Markdown */
void     epure_markdown_parse          (const char        *text,
                                        gsize              len,
                                        char             **plain,
                                        gsize             *plain_len,
                                        EpureStructure   **structure);
GBytes  *epure_markdown_write          (EpureOutDoc       *doc);
GBytes  *epure_plain_write             (EpureOutDoc       *doc);

/* HTML */
gboolean epure_html_read               (const char        *data,
                                        gsize              len,
                                        char             **encoding,
                                        char             **text,
                                        gsize             *text_len,
                                        EpureStructure   **structure,
                                        GError           **error);
GBytes  *epure_html_write              (EpureOutDoc       *doc,
                                        const char        *title);

/* Zip containers and the XML inside them */
typedef struct _EpureZip EpureZip;

EpureZip *epure_zip_open               (GBytes            *bytes,
                                        goffset            max_size,
                                        GError           **error);
void      epure_zip_free               (EpureZip          *zip);
gboolean  epure_zip_has                (EpureZip          *zip,
                                        const char        *name);
GBytes   *epure_zip_read               (EpureZip          *zip,
                                        const char        *name,
                                        GError           **error);
void      epure_xml_init               (void);
xmlDoc   *epure_xml_parse_safe         (GBytes            *bytes,
                                        const char        *part,
                                        GError           **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpureZip, epure_zip_free)

typedef struct
{
  const char *name;
  const char *data;
  gsize len;
  gboolean stored;   /* not compressed: ODF's "mimetype" entry */
} EpureZipEntry;

GBytes   *epure_zip_build              (const EpureZipEntry *entries,
                                        guint              n_entries,
                                        GError           **error);

/* ODF and OOXML */
gboolean epure_odt_read                (GBytes            *bytes,
                                        goffset            max_size,
                                        char             **text,
                                        gsize             *text_len,
                                        EpureStructure   **structure,
                                        GError           **error);
GBytes  *epure_odt_write               (EpureOutDoc       *doc,
                                        const char        *title,
                                        GError           **error);
gboolean epure_docx_read               (GBytes            *bytes,
                                        goffset            max_size,
                                        char             **text,
                                        gsize             *text_len,
                                        EpureStructure   **structure,
                                        GError           **error);
GBytes  *epure_docx_write              (EpureOutDoc       *doc,
                                        const char        *title,
                                        GError           **error);

/* PDF */
GBytes  *epure_pdf_write               (EpureOutDoc       *doc,
                                        const char        *title,
                                        GError           **error);

/* XML text helpers for the writers */
void     epure_xml_escape_append       (GString           *out,
                                        const char        *s,
                                        gssize             len);

G_END_DECLS
