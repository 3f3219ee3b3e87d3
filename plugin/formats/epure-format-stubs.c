/* temporary */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "epure-format-private.h"
static gboolean nope (GError **error) { g_set_error_literal (error, EPURE_FORMAT_ERROR, EPURE_FORMAT_ERROR_UNSUPPORTED, "not yet"); return FALSE; }
gboolean epure_docx_read (GBytes *bytes, goffset max_size, char **text, gsize *text_len, EpureStructure **structure, GError **error) { return nope (error); }
GBytes *epure_docx_write (EpureOutDoc *doc, const char *title, GError **error) { nope (error); return NULL; }
GBytes *epure_pdf_write (EpureOutDoc *doc, const char *title, GError **error) { nope (error); return NULL; }
