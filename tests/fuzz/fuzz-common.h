/* fuzz-common.h: one libFuzzer entry point per reader, same body.
 *
 * Each fuzz-<reader>.c defines FUZZ_FORMAT and includes this file.  Built
 * with clang -fsanitize=fuzzer, libFuzzer drives it (build-aux/run-fuzz.sh);
 * built otherwise, fuzz-replay.c runs it over seeds and their mutations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "epure.h"
#include "formats/epure-format.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The format the replay tool makes seeds in. */
const char *epure_fuzz_format (void);

const char *
epure_fuzz_format (void)
{
  return FUZZ_FORMAT;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  /* A small limit keeps each run fast and within libFuzzer's memory cap. */
  g_autoptr(EpureImport) import = epure_import_bytes_full (bytes, FUZZ_FORMAT, 8 * 1024 * 1024, &error);
  const char *const outputs[] = { "txt", "md", "html" };

  if (import == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  /* Its verbatim spans (Markdown's for md) are sorted, disjoint, not
   * empty, and within the text. */
  {
    EpureText *read = epure_import_get_text (import);
    guint n;
    const EpureVerbatimSpan *spans = epure_text_get_verbatim_spans (read, &n);

    for (guint i = 0; i < n; i++)
      {
        g_assert (spans[i].start < spans[i].end);
        g_assert (spans[i].end <= epure_text_get_length (read));
        g_assert (i == 0 || spans[i - 1].end <= spans[i].start);
      }
  }

  /* Whatever was read must be writable again, with its structure. */
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      EpureExportOptions options = { .structure = epure_import_get_structure (import) };
      gsize len;
      const char *text = epure_text_get_string (epure_import_get_text (import), &len);
      g_autoptr(GBytes) out = epure_export_bytes (text, len, outputs[i], &options, NULL);

      g_assert (out != NULL);
    }
  return 0;
}
