/* fuzz-replay.c: runs a fuzz target without libFuzzer, for the test suite.
 *
 *   fuzz-odt [--seconds=S] SEED_FILE_OR_DIR…
 *
 * Runs every seed, then random mutations of them (byte flips, cuts,
 * insertions, splices) for S seconds with a fixed random seed, so a
 * failure can be replayed.  Markdown seeds are also converted by Épure into
 * the target's format, so zip readers get valid containers to start from.
 * Longer runs: build-aux/run-fuzz.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "epure.h"
#include "formats/epure-format.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
const char *epure_fuzz_format (void);

static void
add_seed (GPtrArray  *seeds,
          const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (!g_file_test (child, G_FILE_TEST_IS_DIR))
            add_seed (seeds, child);
        }
      return;
    }
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return;
  g_ptr_array_add (seeds, g_bytes_new (contents, len));

  /* Our Markdown written as the target's format: a valid start. */
  if (g_str_has_suffix (path, ".md") && !g_str_equal (epure_fuzz_format (), "md"))
    {
      g_autoptr(GBytes) md = g_bytes_new (contents, len);
      g_autoptr(EpureImport) import = epure_import_bytes (md, "md", NULL);

      if (import != NULL)
        {
          EpureExportOptions options = { .structure = epure_import_get_structure (import) };
          GBytes *converted = epure_export_bytes (contents, len, epure_fuzz_format (), &options, NULL);

          if (converted != NULL)
            g_ptr_array_add (seeds, converted);
        }
    }
}

static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *data,
              guint         n)
{
  guint old = array->len;

  if (n == 0)
    return;   /* data may be NULL then, which memcpy may not take */
  g_byte_array_set_size (array, old + n);
  memmove (array->data + at + n, array->data + at, old - at);
  memcpy (array->data + at, data, n);
}

static GByteArray *
mutate (GRand     *rand,
        GPtrArray *seeds)
{
  GBytes *seed = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
  gsize len;
  const guint8 *data = g_bytes_get_data (seed, &len);
  GByteArray *out = g_byte_array_sized_new (len + 16);
  guint rounds = g_rand_int_range (rand, 1, 8);

  g_byte_array_append (out, data, len);
  for (guint r = 0; r < rounds; r++)
    {
      guint pos = out->len ? g_rand_int_range (rand, 0, out->len) : 0;
      /* Drawn once: MIN() evaluates its arguments twice. */
      guint span = g_rand_int_range (rand, 0, 256);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* flip a byte */
          if (out->len)
            out->data[pos] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* an interesting byte */
          if (out->len)
            {
              static const guint8 special[] = { 0, 0xFF, 0x7F, 0x80, '<', '>', '&', '"', '\n', 0xC3, 0xE2 };
              out->data[pos] = special[g_rand_int_range (rand, 0, sizeof special)];
            }
          break;
        case 2:   /* cut the end */
          g_byte_array_set_size (out, pos);
          break;
        case 3:   /* delete a range */
          g_byte_array_remove_range (out, pos, MIN (out->len - pos, span / 4));
          break;
        case 4:   /* duplicate a range */
          {
            guint n = MIN (out->len - pos, span / 4);
            g_autofree guint8 *copy = g_memdup2 (out->data + pos, n);
            guint at = out->len ? g_rand_int_range (rand, 0, out->len) : 0;
            insert_bytes (out, at, copy, n);
          }
          break;
        default:  /* splice in part of another seed */
          {
            GBytes *other = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
            gsize olen;
            const guint8 *odata = g_bytes_get_data (other, &olen);
            guint start = olen ? g_rand_int_range (rand, 0, olen) : 0;
            guint n = MIN (olen - start, (gsize) span);

            insert_bytes (out, pos, odata + start, n);
          }
          break;
        }
    }
  return out;
}

int
main (int    argc,
      char **argv)
{
  double seconds = 2;
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0xE9u);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 runs = 0;

  epure_init ();
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--seconds="))
        seconds = g_ascii_strtod (argv[i] + strlen ("--seconds="), NULL);
      else
        add_seed (seeds, argv[i]);
    }
  if (seeds->len == 0)
    g_ptr_array_add (seeds, g_bytes_new_static ("", 0));

  for (guint i = 0; i < seeds->len; i++, runs++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (seeds, i), &len);
      LLVMFuzzerTestOneInput (data, len);
    }

  while (g_timer_elapsed (timer, NULL) < seconds)
    {
      g_autoptr(GByteArray) input = mutate (rand, seeds);

      LLVMFuzzerTestOneInput (input->data, input->len);
      runs++;
    }

  g_print ("1..1\nok 1 %s reader: %" G_GUINT64_FORMAT " inputs (%u seeds) in %.1f s\n",
           epure_fuzz_format (), runs, seeds->len, g_timer_elapsed (timer, NULL));
  return 0;
}
