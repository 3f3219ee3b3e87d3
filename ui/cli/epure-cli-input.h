/* epure-cli-input.h: a document read for epure-cli, whole or in paragraphs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "epure.h"
#include "formats/epure-format.h"

G_BEGIN_DECLS

/* Plain text larger than this is streamed when every checker works per
 * paragraph, so memory stays bounded whatever the input's size. */
#define EPURE_CLI_DEFAULT_BLOCK_SIZE ((gsize) 1024 * 1024)

#define EPURE_TYPE_CLI_INPUT (epure_cli_input_get_type ())

G_DECLARE_FINAL_TYPE (EpureCliInput, epure_cli_input, EPURE, CLI_INPUT, GObject)

EpureCliInput *epure_cli_input_open            (const char     *path,
                                                const char     *format,
                                                gboolean        allow_streaming,
                                                gsize           block_size,
                                                GError        **error);
EpureText     *epure_cli_input_next            (EpureCliInput  *self,
                                                GError        **error);
gboolean       epure_cli_input_is_streaming    (EpureCliInput  *self);
gboolean       epure_cli_input_is_stdin        (EpureCliInput  *self);
const char    *epure_cli_input_get_format      (EpureCliInput  *self);
const char    *epure_cli_input_get_encoding    (EpureCliInput  *self);
gboolean       epure_cli_input_get_encoding_guessed (EpureCliInput *self);
EpureNewline   epure_cli_input_get_newline     (EpureCliInput  *self);
gboolean       epure_cli_input_get_bom         (EpureCliInput  *self);
EpureStructure *epure_cli_input_get_structure  (EpureCliInput  *self);

G_END_DECLS
