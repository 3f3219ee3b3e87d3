/* epure-format-zip.c: reading zip containers and their XML, defensively.
 *
 * Before libgsf opens a container, its central directory is checked here:
 * a truncated file, sizes over the limit or an absurd compression ratio
 * (a zip bomb) are refused without inflating anything.  libgsf then
 * inflates each entry up to its declared size, never more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem() */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>
#include <libxml/parser.h>

#include "epure-format-private.h"

/* libgsf predates g_autoptr. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

#define MAX_ENTRIES 10000
#define RATIO_FLOOR (1024 * 1024)   /* small entries may compress well */

struct _EpureZip
{
  GBytes *bytes;
  GsfInfile *infile;
  GHashTable *sizes;    /* entry name → declared uncompressed size */
  goffset max_size;
};

static guint32
le32 (const guchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guchar *p)
{
  return p[0] | (p[1] << 8);
}

static gboolean
corrupt (GError **error)
{
  g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                       _("The document is damaged or truncated (its zip container is unreadable)"));
  return FALSE;
}

static gboolean
scan_directory (EpureZip  *zip,
                GError   **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (zip->bytes, &len);
  const guchar *eocd = NULL;
  gsize cd_offset, cd_size, n_entries, p;
  guint64 total = 0;

  if (len < 22)
    return corrupt (error);

  for (gsize i = len - 22 + 1; i-- > 0 && len - i <= 22 + 65535;)
    if (memcmp (data + i, "PK\5\6", 4) == 0)
      {
        eocd = data + i;
        break;
      }
  if (eocd == NULL)
    return corrupt (error);

  n_entries = le16 (eocd + 10);
  cd_size = le32 (eocd + 12);
  cd_offset = le32 (eocd + 16);
  if (cd_offset > (gsize) (eocd - data) || cd_size > (gsize) (eocd - data) - cd_offset)
    return corrupt (error);
  if (n_entries > MAX_ENTRIES)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                           _("The document has too many parts"));
      return FALSE;
    }

  p = cd_offset;
  for (gsize i = 0; i < n_entries; i++)
    {
      const guchar *h = data + p;
      guint32 csize, usize;
      gsize name_len, extra_len, comment_len;
      g_autofree char *name = NULL;

      if (cd_offset + cd_size - p < 46 || memcmp (h, "PK\1\2", 4) != 0)
        return corrupt (error);
      csize = le32 (h + 20);
      usize = le32 (h + 24);
      name_len = le16 (h + 28);
      extra_len = le16 (h + 30);
      comment_len = le16 (h + 32);
      if (cd_offset + cd_size - p - 46 < name_len + extra_len + comment_len)
        return corrupt (error);
      /* The entry's local header and data must be where the directory
       * says: libgsf only warns about those, we refuse. */
      {
        gsize local = le32 (h + 42), data_start;

        if (local > cd_offset || cd_offset - local < 30 || memcmp (data + local, "PK\3\4", 4) != 0)
          return corrupt (error);
        data_start = local + 30 + le16 (data + local + 26) + le16 (data + local + 28);
        if (data_start > cd_offset || cd_offset - data_start < csize)
          return corrupt (error);
      }

      total += usize;
      if (csize == 0xFFFFFFFF || usize == 0xFFFFFFFF
          || (goffset) usize > zip->max_size || (goffset) total > zip->max_size)
        {
          g_autofree char *limit = g_format_size (zip->max_size);
          g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                       _("The document would take more than %s once uncompressed"), limit);
          return FALSE;
        }
      if (usize > RATIO_FLOOR && (guint64) usize > (guint64) csize * EPURE_MAX_ZIP_RATIO)
        {
          g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                       _("A part of the document is compressed more than %d times: this looks like a zip bomb"),
                       EPURE_MAX_ZIP_RATIO);
          return FALSE;
        }

      name = g_strndup ((const char *) h + 46, name_len);
      g_hash_table_insert (zip->sizes, g_steal_pointer (&name), GSIZE_TO_POINTER ((gsize) usize));
      p += 46 + name_len + extra_len + comment_len;
    }
  return TRUE;
}

void
epure_zip_free (EpureZip *zip)
{
  g_clear_object (&zip->infile);
  g_clear_pointer (&zip->sizes, g_hash_table_unref);
  g_clear_pointer (&zip->bytes, g_bytes_unref);
  g_free (zip);
}

EpureZip *
epure_zip_open (GBytes   *bytes,
                goffset   max_size,
                GError  **error)
{
  g_autoptr(EpureZip) zip = g_new0 (EpureZip, 1);
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);

  zip->bytes = g_bytes_ref (bytes);
  zip->max_size = max_size > 0 ? max_size : EPURE_DEFAULT_MAX_FILE_SIZE;
  zip->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (len < 4 || memcmp (data, "PK\3\4", 4) != 0)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("This is not an office document (no zip container)"));
      return NULL;
    }
  if (!scan_directory (zip, error))
    return NULL;

  input = gsf_input_memory_new (data, len, FALSE);
  zip->infile = gsf_infile_zip_new (input, &local_error);
  if (zip->infile == NULL)
    {
      corrupt (error);
      return NULL;
    }
  return g_steal_pointer (&zip);
}

gboolean
epure_zip_has (EpureZip   *zip,
               const char *name)
{
  return g_hash_table_contains (zip->sizes, name);
}

static GsfInput *
find_child (EpureZip   *zip,
            const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", 16);

  return gsf_infile_child_by_aname (zip->infile, (const char **) parts);
}

GBytes *
epure_zip_read (EpureZip    *zip,
                const char  *name,
                GError     **error)
{
  g_autoptr(GsfInput) child = NULL;
  g_autofree guchar *buffer = NULL;
  gsf_off_t size;

  if (!epure_zip_has (zip, name) || (child = find_child (zip, name)) == NULL)
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                   _("The document has no “%s” part"), name);
      return NULL;
    }

  size = gsf_input_size (child);
  if (size < 0 || size > zip->max_size
      || (gsize) size != GPOINTER_TO_SIZE (g_hash_table_lookup (zip->sizes, name)))
    {
      corrupt (error);
      return NULL;
    }

  buffer = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (child, size, buffer) == NULL)
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                   _("The “%s” part of the document is damaged"), name);
      return NULL;
    }
  buffer[size] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/* libxml2's first use sets up global tables; done once, before any
 * thread can race on it. */
void
epure_xml_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* No network, no DTD, no entity substitution, and any DOCTYPE refused:
 * office XML never has one, attacks (XXE, billion laughs) always do. */
xmlDoc *
epure_xml_parse_safe (GBytes      *bytes,
                      const char  *part,
                      GError     **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDoc *doc;

  if (len > G_MAXINT)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_TOO_LARGE,
                           _("A part of the document is too large"));
      return NULL;
    }
  if (memmem (data, len, "<!DOCTYPE", 9) != NULL || memmem (data, len, "<!ENTITY", 8) != NULL)
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSAFE,
                   _("The “%s” part declares XML entities, which Épure never loads"), part);
      return NULL;
    }

  epure_xml_init ();
  doc = xmlReadMemory (data, (int) len, part, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                   _("The “%s” part of the document is not well-formed XML"), part);
      return NULL;
    }
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSAFE,
                   _("The “%s” part declares XML entities, which Épure never loads"), part);
      return NULL;
    }
  return doc;
}

/* Writes @entries, in order, into a new zip archive held in memory. */
GBytes *
epure_zip_build (const EpureZipEntry  *entries,
                 guint                 n_entries,
                 GError              **error)
{
  g_autoptr(GsfOutput) sink = gsf_output_memory_new ();
  g_autoptr(GsfOutfile) zip = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) dir_by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  zip = gsf_outfile_zip_new (sink, &local_error);
  if (zip == NULL)
    {
      g_set_error (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                   _("Cannot build the document container: %s"), local_error->message);
      return NULL;
    }

  for (guint i = 0; i < n_entries && ok; i++)
    {
      g_auto(GStrv) parts = g_strsplit (entries[i].name, "/", 8);
      GsfOutfile *parent = zip;
      g_autoptr(GsfOutput) child = NULL;
      guint n_parts = g_strv_length (parts);
      g_autoptr(GString) path = g_string_new (NULL);

      /* Each folder is created once and closed after its last entry. */
      for (guint d = 0; d + 1 < n_parts; d++)
        {
          GsfOutput *dir;

          g_string_append_printf (path, "%s/", parts[d]);
          dir = g_hash_table_lookup (dir_by_path, path->str);
          if (dir == NULL)
            {
              dir = gsf_outfile_new_child (parent, parts[d], TRUE);
              g_hash_table_insert (dir_by_path, g_strdup (path->str), dir);
              g_ptr_array_add (dirs, dir);
            }
          parent = GSF_OUTFILE (dir);
        }
      child = gsf_outfile_new_child_full (parent, parts[n_parts - 1], FALSE,
                                          "compression-level",
                                          entries[i].stored ? GSF_ZIP_STORED : GSF_ZIP_DEFLATED,
                                          NULL);
      ok = child != NULL
           && gsf_output_write (child, entries[i].len, (const guint8 *) entries[i].data)
           && gsf_output_close (child);
    }
  for (guint d = dirs->len; d-- > 0;)
    gsf_output_close (g_ptr_array_index (dirs, d));
  ok = gsf_output_close (GSF_OUTPUT (zip)) && ok;
  if (!ok)
    {
      g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_CORRUPT,
                           _("Cannot build the document container"));
      return NULL;
    }

  return g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)), gsf_output_size (sink));
}
