/* epure-window.c: a document window: editor, findings panel, cleanups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "epure-cleanup-dialog.h"
#include "epure-gtk-utils.h"
#include "epure-spell-adapter.h"
#include "epure-window.h"

/* Opening, saving or exporting slower than this shows a progress bar. */
#define PROGRESS_DELAY_MS 200
#define MAX_RECENT 10
#define MAX_LISTED_MISSPELLINGS 200
#define MISSPELLINGS_DELAY_MS 400

struct _EpureWindow
{
  AdwApplicationWindow    parent_instance;

  EpureDocument          *document;
  EpureBufferChecker     *checker;
  GtkSourceSearchContext *search_context;
  GCancellable           *cancellable;
  GCancellable           *load_cancellable;   /* the open in progress */
  GSettings              *settings;
  EpureSpellAdapter      *spell_adapter;
  GPtrArray              *misspelling_marks;
  guint                   misspellings_id;
  guint                   progress_id;
  gboolean                close_after_save;
  gboolean                force_close;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwWindowTitle         *window_title;
  GtkSearchBar           *search_bar;
  GtkSearchEntry         *search_entry;
  GtkLabel               *search_label;
  GtkInfoBar             *info_bar;
  GtkLabel               *info_label;
  GtkProgressBar         *progress_bar;
  GtkPaned               *paned;
  GtkSourceView          *source_view;
  EpureFindingsPanel     *panel;
  GMenu                  *recent_section;
  GMenu                  *context_menu;
  GtkWidget              *context_popover;
  GMenu                  *fix_section;
  GMenu                  *spelling_section;
};

G_DEFINE_FINAL_TYPE (EpureWindow, epure_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_PANEL,
  N_PROPS
};

enum {
  LOADED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

EpureWindow *
epure_window_new (EpureApplication *app)
{
  return g_object_new (EPURE_TYPE_WINDOW, "application", app, NULL);
}

static EpureApplication *
get_app (EpureWindow *self)
{
  return EPURE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
show_toast (EpureWindow *self,
            const char  *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Errors name the file and the reason, in a dialog that waits for the user. */
typedef enum
{
  FAILED_OPEN,
  FAILED_SAVE,
  FAILED_EXPORT,
} FailedOperation;

static void
show_error (EpureWindow     *self,
            FailedOperation  operation,
            GFile           *file,
            const GError    *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* The reason said plainly, the path on its own line. */
  body = g_strdup_printf ("%s\n\n%s", epure_io_error_reason (error, operation != FAILED_OPEN), path);

  if (operation == FAILED_OPEN)
    heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  else if (operation == FAILED_SAVE)
    heading = g_strdup_printf (_("Could Not Save “%s”"), name);
  else
    heading = g_strdup_printf (_("Could Not Export “%s”"), name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_title (EpureWindow *self)
{
  g_autofree char *title = epure_document_dup_title (self->document);
  g_autofree char *shown = NULL;
  GFile *file = epure_document_get_file (self->document);
  g_autofree char *subtitle = NULL;

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    shown = g_strdup_printf ("• %s", title);
  else
    shown = g_strdup (title);

  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *dir = parent ? g_file_get_path (parent) : NULL;
      const char *home = g_get_home_dir ();

      if (dir != NULL && home != NULL && g_str_has_prefix (dir, home) && strlen (home) > 1)
        subtitle = g_strconcat ("~", dir + strlen (home), NULL);
      else
        subtitle = g_steal_pointer (&dir);
    }

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
show_info (EpureWindow *self,
           const char  *message)
{
  gtk_label_set_label (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
on_info_bar_response (EpureWindow *self,
                      int          response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

/* Recent files */

/* The application's name and command are given explicitly: GTK derives
 * them from the program name, which embedders may not have set. */
static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = g_file_get_basename (file);
  const char *format = epure_format_from_filename (name);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) (format ? epure_format_get_mime_type (format) : "text/plain"),
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "epure %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  if (data.app_name == NULL)
    data.app_name = (char *) "Épure";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib), gtk_recent_info_get_modified (ia));
}

static void
update_recent_menu (EpureWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  const char *app_name = g_get_application_name ();

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (app_name != NULL && gtk_recent_info_has_application (info, app_name))
        g_ptr_array_add (mine, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (mine, compare_recent);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < mine->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }
  if (mine->len == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Documents"), "win.no-recent");
      g_menu_append_item (self->recent_section, item);
    }
}

/* What a load or save callback needs to report on. */
typedef struct
{
  EpureWindow *self;
  GFile       *file;
  gboolean     export_only;
} FileOp;

static FileOp *
file_op_new (EpureWindow *self,
             GFile       *file,
             gboolean     export_only)
{
  FileOp *op = g_new0 (FileOp, 1);

  op->self = g_object_ref (self);
  op->file = g_object_ref (file);
  op->export_only = export_only;
  return op;
}

static void
file_op_free (FileOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->file);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileOp, file_op_free)

/* Reading or writing a long file pulses a progress bar under the header. */
static gboolean
show_progress (gpointer user_data)
{
  EpureWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
start_progress (EpureWindow *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress, self);
}

static void
stop_progress (EpureWindow *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
}

/* Opening */

/* While a file goes into the buffer: read-only, a progress bar, and the
 * checkers wait to check the whole text once. */
static void
set_loading (EpureWindow *self,
             gboolean     loading)
{
  /* Nothing that reads or edits a text that is only half there. */
  const char *actions[] = { "win.save", "win.save-as", "win.export", "win.undo", "win.redo",
                            "win.clean-typography", "win.remove-extras", "win.apply-fix" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !loading);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), !loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_view), !loading);
  if (!loading && epure_document_get_loaded_text (self->document) != NULL)
    epure_buffer_checker_resume_with_text (self->checker, epure_document_get_loaded_text (self->document));
  else
    epure_buffer_checker_set_paused (self->checker, loading);
  if (self->spell_adapter != NULL)
    epure_spell_adapter_set_paused (self->spell_adapter, loading);
  if (loading)
    start_progress (self);
  else
    stop_progress (self);
}

/* Reading pulses the bar; putting the text in fills it. */
static void
on_load_progress (EpureWindow *self)
{
  double fraction = epure_document_get_progress (self->document);

  if (fraction <= 0.0 || !gtk_widget_get_visible (GTK_WIDGET (self->progress_bar)))
    return;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_load_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  EpureWindow *self = op->self;
  GFile *file = op->file;
  g_autoptr(GError) error = NULL;

  if (!epure_document_load_finish (EPURE_DOCUMENT (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The window closed, or another file is on its way: nothing to show. */
    return;
  set_loading (self, FALSE);
  if (error != NULL)
    {
      epure_findings_panel_set_loading (self->panel, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, FAILED_OPEN, file, error);
      g_signal_emit (self, signals[LOADED], 0, FALSE);
      return;
    }

  add_recent (file);
  update_title (self);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  /* An empty file changes nothing, so no check comes to end the waiting. */
  if (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->document)) == 0)
    epure_findings_panel_set_loading (self->panel, FALSE);

  if (epure_document_get_encoding_guessed (self->document))
    {
      const char *encoding = epure_document_get_encoding (self->document);
      /* iconv's "WINDOWS-1252" as people write it. */
      g_autofree char *shown = g_ascii_strncasecmp (encoding, "WINDOWS-", 8) == 0
                               ? g_strconcat ("Windows-", encoding + 8, NULL) : g_strdup (encoding);
      g_autofree char *message =
        g_strdup_printf (_("This file is not UTF-8: it was read as %s. It will be saved as UTF-8."), shown);
      show_info (self, message);
    }
  else if (!epure_document_is_plain (self->document))
    {
      g_autofree char *message =
        g_strdup_printf (_("Imported from %s. Saving writes plain text or another format of your choice; the original file is kept."),
                         epure_format_get_name (epure_document_get_format (self->document)));
      show_info (self, message);
    }

  g_signal_emit (self, signals[LOADED], 0, TRUE);
}

void
epure_window_open_file (EpureWindow *self,
                        GFile       *file)
{
  goffset max_size = 0;

  g_return_if_fail (EPURE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->settings != NULL)
    max_size = (goffset) g_settings_get_uint (self->settings, "max-file-size") * 1024 * 1024;
  set_loading (self, TRUE);
  epure_findings_panel_set_loading (self->panel, TRUE);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  epure_document_load_async (self->document, file, max_size, self->load_cancellable, on_load_done,
                             file_op_new (self, file, FALSE));
}

/* Opens in this window when it holds nothing, else in a new one. */
static void
open_in_some_window (EpureWindow *self,
                     GFile       *file)
{
  EpureWindow *target = self;

  if (!epure_window_is_empty (self))
    {
      target = epure_window_new (get_app (self));
      gtk_window_present (GTK_WINDOW (target));
    }
  epure_window_open_file (target, file);
}

static void
add_filters (GtkFileChooser *chooser,
             gboolean        exportable)
{
  const char * const *formats = epure_format_list (exportable);
  GtkFileFilter *all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Supported Documents"));
  for (guint i = 0; formats[i] != NULL; i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strdup_printf ("*.%s", epure_format_get_extension (formats[i]));

      gtk_file_filter_set_name (filter, epure_format_get_name (formats[i]));
      /* The export dialog's filter is its format chooser. */
      g_object_set_data (G_OBJECT (filter), "epure-format", (gpointer) formats[i]);
      gtk_file_filter_add_mime_type (filter, epure_format_get_mime_type (formats[i]));
      gtk_file_filter_add_suffix (filter, epure_format_get_extension (formats[i]));
      gtk_file_filter_add_mime_type (all, epure_format_get_mime_type (formats[i]));
      gtk_file_filter_add_suffix (all, epure_format_get_extension (formats[i]));
      gtk_file_chooser_add_filter (chooser, filter);
      g_object_unref (filter);
    }
  if (!exportable)
    {
      gtk_file_chooser_add_filter (chooser, all);
      gtk_file_chooser_set_filter (chooser, all);
    }
  g_object_unref (all);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  EpureWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      open_in_some_window (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open a Document"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  add_filters (GTK_FILE_CHOOSER (dialog), FALSE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_in_some_window (EPURE_WINDOW (widget), file);
}

/* Saving */


static void
on_save_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FileOp) op = user_data;
  EpureWindow *self = op->self;
  GFile *file = op->file;
  gboolean export_only = op->export_only;
  g_autoptr(GError) error = NULL;

  stop_progress (self);

  if (!epure_document_save_finish (EPURE_DOCUMENT (object), result, &error))
    {
      self->close_after_save = FALSE;
      show_error (self, export_only ? FAILED_EXPORT : FAILED_SAVE, file, error);
      g_signal_emit (self, signals[SAVED], 0, FALSE);
      return;
    }

  add_recent (file);
  update_title (self);
  if (export_only)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), name);
      show_toast (self, message);
    }
  else
    gtk_info_bar_set_revealed (self->info_bar, FALSE);

  g_signal_emit (self, signals[SAVED], 0, TRUE);
  if (self->close_after_save)
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/**
 * epure_window_save_to:
 * @format: (nullable): a format id, NULL for the file name's extension
 * @export_only: write a copy without changing the document's file
 *
 * Saves in the background; EpureWindow::saved tells the outcome, and a
 * failure is shown in a dialog naming the file and the reason.
 */
void
epure_window_save_to (EpureWindow *self,
                      GFile       *file,
                      const char  *format,
                      gboolean     export_only)
{
  g_return_if_fail (EPURE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_progress (self);

  epure_document_save_async (self->document, file, format, export_only, self->cancellable,
                             on_save_done, file_op_new (self, file, export_only));
}

static void
on_save_as_response (GtkNativeDialog *dialog,
                     int              response,
                     EpureWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gboolean export_only = g_object_get_data (G_OBJECT (dialog), "export") != NULL;
      const char *format = NULL;

      if (export_only)
        {
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *chosen = filter ? g_object_get_data (G_OBJECT (filter), "epure-format") : NULL;
          g_autoptr(GFile) target = NULL;

          if (chosen == NULL)
            chosen = epure_format_list (TRUE)[0];
          target = epure_export_target (file, chosen, &format);
          g_set_object (&file, target);
        }
      epure_window_save_to (self, file, format, export_only);
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
run_save_dialog (EpureWindow *self,
                 gboolean     export_only)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (export_only ? _("Export") : _("Save As"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                 export_only ? _("_Export") : _("_Save"), _("_Cancel"));
  GFile *file = epure_document_get_file (self->document);
  g_autofree char *title = epure_document_dup_title (self->document);
  g_autofree char *stem = NULL;
  const char *dot;

  dot = strrchr (title, '.');
  stem = dot && dot != title ? g_strndup (title, dot - title) : g_strdup (title);

  if (export_only)
    {
      const char * const *formats = epure_format_list (TRUE);
      g_autofree char *name = g_strconcat (stem, ".", epure_format_get_extension (formats[0]), NULL);

      /* One filter per format: the one chosen gives the format when the
       * typed name has no known extension (epure_export_target()). */
      add_filters (GTK_FILE_CHOOSER (dialog), TRUE);
      g_object_set_data (G_OBJECT (dialog), "export", GINT_TO_POINTER (TRUE));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  else
    {
      g_autofree char *name = epure_document_is_plain (self->document) ? g_strdup (title)
                                                                        : g_strconcat (stem, ".txt", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  if (file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), parent, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  run_save_dialog (EPURE_WINDOW (widget), FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  run_save_dialog (EPURE_WINDOW (widget), TRUE);
}

static void
on_save_format_response (AdwMessageDialog *dialog,
                         const char       *response,
                         EpureWindow      *self)
{
  if (g_str_equal (response, "save-as"))
    run_save_dialog (self, FALSE);
  else if (g_str_equal (response, "export"))
    run_save_dialog (self, TRUE);
  else
    self->close_after_save = FALSE;
}

/* An imported .odt, .docx or web page is never overwritten with plain
 * text: "Save" asks first, and writes elsewhere. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);
  GFile *file = epure_document_get_file (self->document);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (file == NULL)
    {
      run_save_dialog (self, FALSE);
      return;
    }
  if (epure_document_is_plain (self->document))
    {
      epure_window_save_to (self, file, epure_document_get_format (self->document), FALSE);
      return;
    }

  title = epure_document_dup_title (self->document);
  heading = g_strdup_printf (_("Keep “%s” As It Is?"), title);
  body = g_strdup_printf (_("This document was imported from %s. Épure edits its text only, so saving over it would lose its formatting. Save the text as a new file, or export it to another format."),
                          epure_format_get_name (epure_document_get_format (self->document)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    "save-as", _("Save as _Text…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_format_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Unsaved changes */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   EpureWindow      *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save_action (GTK_WIDGET (self), NULL, NULL);
    }
}

static gboolean
epure_window_close_request (GtkWindow *window)
{
  EpureWindow *self = EPURE_WINDOW (window);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  if (self->force_close || !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    return GTK_WINDOW_CLASS (epure_window_parent_class)->close_request (window);

  title = epure_document_dup_title (self->document);
  heading = g_strdup_printf (_("Save Changes to “%s”?"), title);
  dialog = adw_message_dialog_new (window, heading, _("The changes will be lost if you close without saving."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Editing */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);

  if (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (self->document)))
    gtk_text_buffer_undo (GTK_TEXT_BUFFER (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);

  if (gtk_text_buffer_get_can_redo (GTK_TEXT_BUFFER (self->document)))
    gtk_text_buffer_redo (GTK_TEXT_BUFFER (self->document));
}

static void
select_range (EpureWindow *self,
              GtkTextIter *start,
              GtkTextIter *end)
{
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->document), end, start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), start, 0.1, TRUE, 0.0, 0.35);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* Search */

static void
update_search_label (EpureWindow *self)
{
  GtkTextIter start, end;
  int count = gtk_source_search_context_get_occurrences_count (self->search_context);
  int position = -1;
  g_autofree char *label = NULL;

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->document), &start, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search_context, &start, &end);

  if (count < 0 || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    label = g_strdup ("");
  else if (count == 0)
    label = g_strdup (_("No match"));
  else if (position > 0)
    /* TRANSLATORS: "match 2 of 7" in the search bar */
    label = g_strdup_printf (_("%d of %d"), position, count);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_label (self->search_label, label);
}

static void
search_move (EpureWindow *self,
             gboolean     forward)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter start, end, match_start, match_end;
  gboolean wrapped;
  gboolean found;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (forward)
    found = gtk_source_search_context_forward (self->search_context, &end, &match_start, &match_end, &wrapped);
  else
    found = gtk_source_search_context_backward (self->search_context, &start, &match_start, &match_end, &wrapped);
  if (found)
    {
      gtk_text_buffer_select_range (buffer, &match_start, &match_end);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &match_start, 0.1, FALSE, 0, 0);
    }
  update_search_label (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->document), &start, &end)
      && gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
    {
      g_autofree char *text = gtk_text_iter_get_visible_text (&start, &end);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  search_move (EPURE_WINDOW (widget), TRUE);
}

static void
find_previous_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  search_move (EPURE_WINDOW (widget), FALSE);
}

static void
on_search_changed (EpureWindow *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search_context);

  gtk_source_search_settings_set_search_text (settings, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_source_search_context_set_highlight (self->search_context, TRUE);
  search_move (self, TRUE);
}

static void
on_search_next (EpureWindow *self)
{
  search_move (self, TRUE);
}

static void
on_search_previous (EpureWindow *self)
{
  search_move (self, FALSE);
}

static void
on_search_mode_changed (EpureWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_source_search_context_set_highlight (self->search_context, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
    }
}

/* Findings */

static void
on_finding_activated (EpureWindow  *self,
                      EpureFinding *finding)
{
  GtkTextIter start, end;

  if (epure_buffer_checker_get_bounds (self->checker, finding, &start, &end))
    select_range (self, &start, &end);
}

static void
move_to_finding (EpureWindow *self,
                 gboolean     forward)
{
  GListModel *findings = epure_buffer_checker_get_findings (self->checker);
  guint n = g_list_model_get_n_items (findings);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter sel_start, sel_end;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  for (guint k = 0; k < n; k++)
    {
      guint i = forward ? k : n - 1 - k;
      g_autoptr(EpureFinding) finding = g_list_model_get_item (findings, i);
      GtkTextIter start, end;

      if (!epure_buffer_checker_get_bounds (self->checker, finding, &start, &end))
        return;
      if ((forward && gtk_text_iter_compare (&start, &sel_end) >= 0 && !gtk_text_iter_equal (&start, &sel_start))
          || (!forward && gtk_text_iter_compare (&start, &sel_start) < 0))
        {
          select_range (self, &start, &end);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
next_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  move_to_finding (EPURE_WINDOW (widget), TRUE);
}

static void
previous_finding_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  move_to_finding (EPURE_WINDOW (widget), FALSE);
}

/* Fills the editor's context menu for @iter: the fixes of the findings
 * there, and the spelling suggestions for the word there.
 *
 * Returns: (transfer none): the fixes' section. */
GMenuModel *
epure_window_update_fix_menu (EpureWindow       *self,
                              const GtkTextIter *iter)
{
  g_autoptr(GPtrArray) here = NULL;
  GListModel *findings;

  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);

  epure_spell_adapter_update_menu (self->spell_adapter, iter);
  g_menu_remove_all (self->fix_section);
  here = epure_buffer_checker_get_findings_at (self->checker, iter);
  findings = epure_buffer_checker_get_findings (self->checker);

  for (guint i = 0; i < here->len; i++)
    {
      EpureFinding *finding = g_ptr_array_index (here, i);
      const char * const *replacements = epure_finding_get_replacements (finding);
      guint position = G_MAXUINT;

      if (replacements == NULL || replacements[0] == NULL)
        continue;
      for (guint j = 0, n = g_list_model_get_n_items (findings); j < n && position == G_MAXUINT; j++)
        {
          g_autoptr(EpureFinding) other = g_list_model_get_item (findings, j);
          if (other == finding)
            position = j;
        }
      if (position == G_MAXUINT)
        continue;

      for (guint r = 0; replacements[r] != NULL && r < 5; r++)
        {
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;

          if (replacements[r][0] == '\0')
            label = g_strdup (g_strcmp0 (epure_finding_get_category (finding), EPURE_CATEGORY_BOILERPLATE) == 0
                              ? _("Remove This Block") : _("Delete"));
          else if (r == 0)
            /* TRANSLATORS: a context-menu item: "Fix: <the finding's message>" */
            label = g_strdup_printf (_("Fix: %s"), epure_finding_get_message (finding));
          else
            label = g_strdup_printf (_("Replace with “%s”"), replacements[r]);

          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target (item, "win.apply-fix", "(uu)", position, r);
          g_menu_append_item (self->fix_section, item);
        }
    }

  return G_MENU_MODEL (self->fix_section);
}

static void
apply_fix_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);
  g_autoptr(EpureFinding) finding = NULL;
  guint position, replacement;

  g_variant_get (param, "(uu)", &position, &replacement);
  finding = g_list_model_get_item (epure_buffer_checker_get_findings (self->checker), position);
  if (finding == NULL || !epure_buffer_checker_apply_finding (self->checker, finding, replacement))
    gtk_widget_error_bell (widget);
}

/* Suggestions arrive after the menu is shown; GTK 4.8 keeps a popover at
 * the size it was shown with, cutting off the last items: shown again,
 * it takes their size. */
static void
on_suggestions_changed (GMenuModel  *section,
                        int          position,
                        int          removed,
                        int          added,
                        EpureWindow *self)
{
  if (gtk_widget_get_visible (self->context_popover))
    {
      gtk_popover_popdown (GTK_POPOVER (self->context_popover));
      gtk_popover_popup (GTK_POPOVER (self->context_popover));
    }
}

/* Pops the editor's menu up at (@x, @y) of the view, for what is at @iter. */
static void
popup_context_menu (EpureWindow       *self,
                    const GtkTextIter *iter,
                    double             x,
                    double             y)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  epure_window_update_fix_menu (self, iter);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover), &at);
  gtk_popover_popup (GTK_POPOVER (self->context_popover));
}

/* Right-click: the menu offers the fixes of what is under the pointer.
 * The click is ours, so that the text view shows no menu of its own. */
static void
on_view_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 EpureWindow     *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter, start, end;
  int bx, by;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  /* As the text view does: a click outside the selection moves the cursor. */
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end) ||
      !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (buffer, &iter);
  popup_context_menu (self, &iter, x, y);
}

/* Shift+F10, the Menu key: the same menu, at the cursor. */
static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  EpureWindow *self = EPURE_WINDOW (widget);
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height, &x, &y);
  popup_context_menu (self, &iter, x, y);
}

/* Cleanups */

static void
on_cleanup_applied (EpureCleanupDialog *dialog,
                    guint               n_changes,
                    EpureWindow        *self)
{
  gboolean blocks = epure_cleanup_dialog_get_removes_blocks (dialog);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Removed blocks are told as blocks, like the preview counted them. */
  if (blocks)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u block removed", "%u blocks removed", n_changes), n_changes);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n_changes), n_changes);
  toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
focus_editor (EpureWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* Returns: (transfer none): the preview dialog, already shown. */
GtkWidget *
epure_window_open_cleanup (EpureWindow *self,
                           const char  *checker_id)
{
  double threshold = EPURE_DEFAULT_MIN_CONFIDENCE;
  EpureCleanupDialog *dialog;

  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);

  if (g_str_equal (checker_id, "boilerplate") && get_app (self) != NULL)
    threshold = epure_application_get_boilerplate_threshold (get_app (self));

  dialog = epure_cleanup_dialog_new (GTK_WINDOW (self), self->checker, checker_id, threshold);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_cleanup_applied), self, 0);
  /* Back to the text, not to the header button that opened the preview. */
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (focus_editor), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
clean_typography_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  epure_window_open_cleanup (EPURE_WINDOW (widget), "typography");
}

static void
remove_extras_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  epure_window_open_cleanup (EPURE_WINDOW (widget), "boilerplate");
}

static void
next_misspelling_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  epure_spell_adapter_select_next (EPURE_WINDOW (widget)->spell_adapter);
}

static void
previous_misspelling_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  epure_spell_adapter_select_previous (EPURE_WINDOW (widget)->spell_adapter);
}

/* The misspellings listed in the panel, as marks that follow edits. */
static void
clear_misspelling_marks (EpureWindow *self)
{
  if (self->misspelling_marks == NULL)
    return;
  for (guint i = 0; i < self->misspelling_marks->len; i++)
    {
      GtkTextMark *mark = g_ptr_array_index (self->misspelling_marks, i);
      if (!gtk_text_mark_get_deleted (mark))
        gtk_text_buffer_delete_mark (GTK_TEXT_BUFFER (self->document), mark);
    }
  g_clear_pointer (&self->misspelling_marks, g_ptr_array_unref);
}

static gboolean
refresh_misspellings (gpointer user_data)
{
  EpureWindow *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextIter from, start, end, first;
  gboolean have_first = FALSE;
  guint n = 0;

  self->misspellings_id = 0;
  clear_misspelling_marks (self);
  self->misspelling_marks = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_get (self->spell_adapter, "n-misspelled", &n, NULL);
  gtk_text_buffer_get_start_iter (buffer, &from);
  /* find_next wraps around: stop when back at the first one. */
  while (self->misspelling_marks->len < MAX_LISTED_MISSPELLINGS
         && epure_spell_adapter_find_next (self->spell_adapter, &from, &start, &end))
    {
      GtkTextMark *mark;

      if (have_first && gtk_text_iter_compare (&start, &first) <= 0)
        break;
      if (!have_first)
        {
          first = start;
          have_first = TRUE;
        }
      mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
      g_object_set_data (G_OBJECT (mark), "length",
                         GINT_TO_POINTER (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start)));
      g_ptr_array_add (self->misspelling_marks, g_object_ref (mark));
      from = end;
    }

  epure_findings_panel_set_marks (self->panel, _("Spelling"), self->misspelling_marks,
                                  MAX (n, self->misspelling_marks->len));
  return G_SOURCE_REMOVE;
}

static void
on_mark_activated (EpureWindow *self,
                   GtkTextMark *mark)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->document), &start, mark);
  end = start;
  gtk_text_iter_forward_chars (&end, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (mark), "length")));
  select_range (self, &start, &end);
}

static void
on_misspelled_changed (EpureWindow *self)
{
  guint n = 0;

  /* The list follows the adapter's count, a moment after it settles. */
  g_clear_handle_id (&self->misspellings_id, g_source_remove);
  self->misspellings_id = g_timeout_add (MISSPELLINGS_DELAY_MS, refresh_misspellings, self);

  g_object_get (self->spell_adapter, "n-misspelled", &n, NULL);
  epure_findings_panel_set_extra_group (self->panel, _("Misspelled words"), n, n ? "win.next-misspelling" : NULL,
                                        n ? _("Go to the next misspelling (Ctrl+F7)") : NULL);
}

/* Pipeline, appearance, drops */

static void
on_pipeline_changed (EpureWindow *self)
{
  EpureApplication *app = get_app (self);

  epure_buffer_checker_set_pipeline (self->checker, app ? epure_application_get_pipeline (app) : NULL);
}

static void
on_dark_changed (EpureWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();

  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (self->document),
                                      gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
  epure_buffer_checker_set_dark (self->checker, dark);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         EpureWindow   *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  open_in_some_window (self, file);
  return TRUE;
}

static void
on_modified_changed (EpureWindow *self)
{
  update_title (self);
}

/* Public */

gboolean
epure_window_is_empty (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), FALSE);

  return epure_document_get_file (self->document) == NULL
         && !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document))
         && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (self->document)) == 0
         && !epure_document_get_busy (self->document);
}

EpureDocument *
epure_window_get_document (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);
  return self->document;
}

EpureBufferChecker *
epure_window_get_buffer_checker (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);
  return self->checker;
}

/* Returns: (nullable): the spell checking of the editor, NULL without
 * a spelling checker. */
EpureSpellAdapter *
epure_window_get_spell_adapter (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);
  return self->spell_adapter;
}

EpureFindingsPanel *
epure_window_get_findings_panel (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);
  return self->panel;
}

GtkWidget *
epure_window_get_source_view (EpureWindow *self)
{
  g_return_val_if_fail (EPURE_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->source_view);
}

/* GObject */

/* "application" is not a construct property: it is set after constructed(). */
static void
on_application_set (EpureWindow *self)
{
  EpureApplication *app = get_app (self);

  if (app == NULL || self->settings != NULL)
    return;

  if (app != NULL)
    {
      self->settings = g_object_ref (epure_application_get_settings (app));
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_object (app, "notify::pipeline", G_CALLBACK (on_pipeline_changed), self, G_CONNECT_SWAPPED);
    }
  on_pipeline_changed (self);

  /* INTEGRATION POINT (spelling): the adapter underlines misspellings
   * incrementally, so the pipeline's spelling findings are not tagged
   * twice; its menu follows the fixes in the editor's context menu. */
  {
    EpurePipeline *pipeline = epure_buffer_checker_get_pipeline (self->checker);
    EpureChecker *spelling = pipeline ? epure_pipeline_get_checker (pipeline, "spelling") : NULL;

    self->spell_adapter = epure_spell_adapter_new (GTK_TEXT_BUFFER (self->document), spelling);
    epure_spell_adapter_set_view (self->spell_adapter, GTK_TEXT_VIEW (self->source_view));
    gtk_widget_insert_action_group (GTK_WIDGET (self->source_view), "spelling",
                                    epure_spell_adapter_get_action_group (self->spell_adapter));
    g_menu_append_section (self->spelling_section, NULL, epure_spell_adapter_get_menu_model (self->spell_adapter));
    {
      g_autoptr(GMenuModel) suggestions = g_menu_model_get_item_link (epure_spell_adapter_get_menu_model (self->spell_adapter),
                                                                      0, G_MENU_LINK_SECTION);
      if (suggestions != NULL)
        g_signal_connect_object (suggestions, "items-changed", G_CALLBACK (on_suggestions_changed), self, 0);
    }
    epure_buffer_checker_set_skip_checker (self->checker, "spelling");
    if (self->settings != NULL)
      {
        g_settings_bind (self->settings, "spell-checking", self->spell_adapter, "enabled", G_SETTINGS_BIND_GET);
        g_settings_bind (self->settings, "spelling-language", self->spell_adapter, "language", G_SETTINGS_BIND_GET);
      }
    g_signal_connect_object (self->spell_adapter, "notify::n-misspelled", G_CALLBACK (on_misspelled_changed),
                             self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->spell_adapter, "notify::complete", G_CALLBACK (on_misspelled_changed),
                             self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->panel, "mark-activated", G_CALLBACK (on_mark_activated),
                             self, G_CONNECT_SWAPPED);
    on_misspelled_changed (self);
  }

  update_recent_menu (self);
  update_title (self);
}

static void
epure_window_constructed (GObject *object)
{
  EpureWindow *self = EPURE_WINDOW (object);

  G_OBJECT_CLASS (epure_window_parent_class)->constructed (object);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  on_application_set (self);
}

static void
epure_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EpureWindow *self = EPURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PANEL:
      g_value_set_boolean (value, self->panel == NULL || gtk_widget_get_visible (GTK_WIDGET (self->panel)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EpureWindow *self = EPURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PANEL:
      if (gtk_widget_get_visible (GTK_WIDGET (self->panel)) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->panel), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_window_dispose (GObject *object)
{
  EpureWindow *self = EPURE_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->misspellings_id, g_source_remove);
  if (self->document != NULL)
    clear_misspelling_marks (self);
  g_clear_object (&self->spell_adapter);
  g_clear_object (&self->search_context);
  g_clear_object (&self->checker);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), EPURE_TYPE_WINDOW);

  G_OBJECT_CLASS (epure_window_parent_class)->dispose (object);
}

/* A closed window stays alive until its file operations return: a save
 * must finish, but a load has nobody left to show its text to. */
static void
epure_window_unrealize (GtkWidget *widget)
{
  EpureWindow *self = EPURE_WINDOW (widget);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  GTK_WIDGET_CLASS (epure_window_parent_class)->unrealize (widget);
}

static void
epure_window_finalize (GObject *object)
{
  EpureWindow *self = EPURE_WINDOW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (epure_window_parent_class)->finalize (object);
}

static void
epure_window_class_init (EpureWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  widget_class->unrealize = epure_window_unrealize;

  object_class->constructed = epure_window_constructed;
  object_class->dispose = epure_window_dispose;
  object_class->finalize = epure_window_finalize;
  object_class->get_property = epure_window_get_property;
  object_class->set_property = epure_window_set_property;
  window_class->close_request = epure_window_close_request;

  properties[PROP_SHOW_PANEL] =
    g_param_spec_boolean ("show-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpureWindow::loaded:
   * @success: FALSE when the file could not be opened (a dialog says why)
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * EpureWindow::saved:
   * @success: FALSE when writing failed (the file on disk is untouched)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (EPURE_TYPE_FINDINGS_PANEL);
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/epure-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, source_view);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, context_menu);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, fix_section);
  gtk_widget_class_bind_template_child (widget_class, EpureWindow, spelling_section);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_previous_action);
  gtk_widget_class_install_action (widget_class, "win.clean-typography", NULL, clean_typography_action);
  gtk_widget_class_install_action (widget_class, "win.remove-extras", NULL, remove_extras_action);
  gtk_widget_class_install_action (widget_class, "win.next-finding", NULL, next_finding_action);
  gtk_widget_class_install_action (widget_class, "win.previous-finding", NULL, previous_finding_action);
  gtk_widget_class_install_action (widget_class, "win.apply-fix", "(uu)", apply_fix_action);
  gtk_widget_class_install_action (widget_class, "win.next-misspelling", NULL, next_misspelling_action);
  gtk_widget_class_install_action (widget_class, "win.previous-misspelling", NULL, previous_misspelling_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-panel", "show-panel");
  gtk_widget_class_install_action (widget_class, "win.context-menu", NULL, context_menu_action);
}

static void
epure_window_init (EpureWindow *self)
{
  GtkGesture *click;
  GtkEventController *keys;
  GtkDropTarget *drop;
  GtkSourceSearchSettings *search_settings;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->document = epure_document_new ();
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->document));
  self->checker = epure_buffer_checker_new (GTK_TEXT_BUFFER (self->document));
  epure_buffer_checker_set_view (self->checker, GTK_TEXT_VIEW (self->source_view));
  epure_findings_panel_set_checker (self->panel, self->checker);
  g_signal_connect_object (self->panel, "finding-activated", G_CALLBACK (on_finding_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "modified-changed", G_CALLBACK (on_modified_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::progress", G_CALLBACK (on_load_progress), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::title", G_CALLBACK (on_modified_changed), self, G_CONNECT_SWAPPED);

  /* Made before it is first needed: popped up as soon as made, GTK 4.8
   * sizes it short of its last items. */
  self->context_popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (self->context_menu));
  gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self->source_view));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
  gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);

  /* Before the text view's own bindings of these keys. */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                   gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                      gtk_named_action_new ("win.context-menu")));
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_view_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (click));

  /* Capture phase: a dropped file opens, rather than pasting its name. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop), GTK_PHASE_CAPTURE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), GTK_EVENT_CONTROLLER (drop));

  search_settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (search_settings, TRUE);
  self->search_context = gtk_source_search_context_new (GTK_SOURCE_BUFFER (self->document), search_settings);
  g_object_unref (search_settings);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (on_search_next), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (on_search_next), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match", G_CALLBACK (on_search_previous), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_context, "notify::occurrences-count", G_CALLBACK (update_search_label), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  on_dark_changed (self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
}
