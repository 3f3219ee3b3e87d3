/* epure-cleanup-dialog.c: preview of a cleanup, applied as one undo step.
 *
 * One dialog serves every checker: it checks a snapshot of the buffer with
 * that checker alone, lists each automatic fix in context with a check
 * box, and applies the ticked ones through the pipeline's edits.  For
 * whole blocks (boilerplate) each row also gives the reason and a "This Is
 * Content" button that keeps the block for the rest of the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "epure-cleanup-dialog.h"
#include "epure-document.h"
#include "epure-gtk-utils.h"

/* Rows shown one by one; beyond, one row stands for the rest (a list box
 * of 20 000 rows takes seconds to build). */
#define ROWS_LIMIT 300

struct _EpureCleanupDialog
{
  AdwWindow           parent_instance;

  EpureBufferChecker *checker;
  char               *checker_id;
  double              min_confidence;
  EpurePipeline      *pipeline;
  EpureText          *text;
  GCancellable       *cancellable;
  gboolean            ready;
  gboolean            blocks;

  GPtrArray          *changes;  /* EpureFinding */
  GPtrArray          *checks;   /* GtkCheckButton, one per change */
  GPtrArray          *rows;     /* GtkListBoxRow, one per change */
  GtkWidget          *rest_check; /* the changes past ROWS_LIMIT */

  /* Template widgets */
  GtkWidget          *stack;
  GtkWidget          *list;
  GtkWidget          *status;
  GtkWidget          *apply_button;
  GtkWidget          *all_check;
  GtkWidget          *count_label;
};

G_DEFINE_FINAL_TYPE (EpureCleanupDialog, epure_cleanup_dialog, ADW_TYPE_WINDOW)

enum {
  READY,
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
count_active (EpureCleanupDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      if (gtk_widget_get_visible (g_ptr_array_index (self->rows, i)) && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        n++;
    }
  if (self->rest_check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->rest_check)))
    n += self->changes->len - self->checks->len;
  return n;
}

static void
update_count (EpureCleanupDialog *self)
{
  guint n = count_active (self);
  g_autofree char *label = NULL;

  if (self->blocks)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u block to remove", "%u blocks to remove", n), n);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change selected", "%u changes selected", n), n);
  gtk_label_set_label (GTK_LABEL (self->count_label), label);
  gtk_widget_set_sensitive (self->apply_button, self->ready && n > 0);
}

static void
on_check_toggled (EpureCleanupDialog *self)
{
  update_count (self);
}

static void
on_all_toggled (EpureCleanupDialog *self)
{
  gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->all_check));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
  if (self->rest_check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->rest_check), active);
}

static void
on_keep_clicked (GtkButton          *button,
                 EpureCleanupDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  epure_cleanup_dialog_keep_as_content (self, index);
}

static GtkWidget *
create_row (EpureCleanupDialog *self,
            EpureFinding       *finding,
            guint               index,
            gboolean            active)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *reason = gtk_label_new (NULL);
  gsize start = epure_finding_get_start (finding);
  gsize end = epure_finding_get_end (finding);
  const char * const *replacements = epure_finding_get_replacements (finding);
  const char *replacement = replacements && replacements[0] ? replacements[0] : "";

  gtk_widget_add_css_class (box, "cleanup-row");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
  gtk_box_append (GTK_BOX (box), check);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "caption");

  if (self->blocks)
    {
      g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", epure_finding_get_message (finding));
      const char *str = epure_text_get_string (self->text, NULL);
      g_autofree char *block = g_strndup (str + start, epure_utf8_clamp (str, start, end, 600) - start);
      GtkWidget *text = gtk_label_new (g_strstrip (block));
      /* No access key: every row has this button. */
      GtkWidget *keep = gtk_button_new_with_label (_("This Is Content"));

      gtk_label_set_markup (GTK_LABEL (reason), heading);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (text), 4);
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (text, "cleanup-block");
      gtk_box_append (GTK_BOX (texts), reason);
      gtk_box_append (GTK_BOX (texts), text);
      gtk_box_append (GTK_BOX (box), texts);

      gtk_widget_set_valign (keep, GTK_ALIGN_CENTER);
      epure_widget_set_lazy_tooltip (keep, _("Keep this block and stop flagging it in this document"));
      g_object_set_data (G_OBJECT (keep), "index", GUINT_TO_POINTER (index));
      g_signal_connect (keep, "clicked", G_CALLBACK (on_keep_clicked), self);
      gtk_box_append (GTK_BOX (box), keep);
    }
  else
    {
      g_autofree char *before = epure_markup_change (self->text, start, end, NULL, FALSE);
      g_autofree char *after = epure_markup_change (self->text, start, end, replacement, TRUE);
      GtkWidget *grid = gtk_grid_new ();
      GtkWidget *before_label = gtk_label_new (NULL);
      GtkWidget *after_label = gtk_label_new (NULL);
      GtkWidget *arrow = gtk_label_new ("→");
      GtkWidget *spacer = gtk_label_new (NULL);

      gtk_label_set_label (GTK_LABEL (reason), epure_finding_get_message (finding));
      gtk_widget_add_css_class (reason, "dim-label");
      gtk_label_set_markup (GTK_LABEL (before_label), before);
      gtk_label_set_markup (GTK_LABEL (after_label), after);
      gtk_label_set_xalign (GTK_LABEL (before_label), 0);
      gtk_label_set_xalign (GTK_LABEL (after_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (before_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (after_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (before_label, TRUE);
      gtk_widget_set_hexpand (after_label, TRUE);
      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
      /* Before above after, so both stay readable in a narrow window. */
      gtk_grid_attach (GTK_GRID (grid), spacer, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), before_label, 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), arrow, 0, 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), after_label, 1, 1, 1, 1);
      gtk_widget_add_css_class (grid, "cleanup-change");
      gtk_box_append (GTK_BOX (texts), grid);
      gtk_box_append (GTK_BOX (texts), reason);
      gtk_box_append (GTK_BOX (box), texts);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
on_row_activated (EpureCleanupDialog *self,
                  GtkListBoxRow      *row)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
show_status (EpureCleanupDialog *self,
             const char         *icon,
             const char         *title,
             const char         *description)
{
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
}

static void
on_check_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EpureCleanupDialog) self = user_data;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  findings = epure_pipeline_check_finish (EPURE_PIPELINE (object), result, &problems, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  self->ready = TRUE;
  if (findings == NULL || (problems != NULL && problems->len > 0))
    {
      const GError *problem = findings == NULL ? error : g_ptr_array_index (problems, 0);
      show_status (self, "dialog-error-symbolic", _("The Text Could Not Be Checked"), problem->message);
    }
  else
    {
      /* Automatic fixes only: an ambiguous quote is flagged, not changed.
       * Blocks under the confidence threshold are listed but not ticked. */
      double floor = self->blocks ? 0.0 : self->min_confidence;
      g_autoptr(GPtrArray) candidates = epure_pipeline_automatic_findings (findings, self->checker_id, floor);

      for (guint i = 0; i < candidates->len; i++)
        {
          EpureFinding *finding = g_ptr_array_index (candidates, i);

          if (epure_buffer_checker_is_dismissed (self->checker, self->text, finding))
            continue;
          g_ptr_array_add (self->changes, g_object_ref (finding));
          if (self->changes->len <= ROWS_LIMIT)
            gtk_list_box_append (GTK_LIST_BOX (self->list),
                                 create_row (self, finding, self->changes->len - 1,
                                             epure_finding_get_confidence (finding) >= self->min_confidence));
        }

      if (self->changes->len > ROWS_LIMIT)
        {
          guint rest = self->changes->len - ROWS_LIMIT;
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u more change of the same kinds",
                                                                 "%u more changes of the same kinds", rest), rest);
          GtkWidget *row = gtk_list_box_row_new ();

          self->rest_check = gtk_check_button_new_with_label (label);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->rest_check), TRUE);
          gtk_widget_add_css_class (self->rest_check, "cleanup-row");
          g_signal_connect_swapped (self->rest_check, "toggled", G_CALLBACK (on_check_toggled), self);
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), self->rest_check);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_append (GTK_LIST_BOX (self->list), row);
        }

      if (self->changes->len == 0)
        show_status (self, "object-select-symbolic",
                     self->blocks ? _("No Extras Found") : _("Nothing to Change"),
                     self->blocks ? _("Every block of this text looks like part of the article.")
                                  : _("This text needs no cleanup of this kind."));
      else
        gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
    }

  update_count (self);
  g_signal_emit (self, signals[READY], 0);
}

static void
start_check (EpureCleanupDialog *self)
{
  EpurePipeline *main_pipeline = epure_buffer_checker_get_pipeline (self->checker);
  EpureChecker *checker = main_pipeline ? epure_pipeline_get_checker (main_pipeline, self->checker_id) : NULL;
  GtkTextBuffer *buffer = epure_buffer_checker_get_buffer (self->checker);

  if (checker == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("The “%s” checker is not installed or not enabled in the preferences."), self->checker_id);
      self->ready = TRUE;
      show_status (self, "dialog-warning-symbolic", _("Checker Not Available"), description);
      update_count (self);
      g_signal_emit (self, signals[READY], 0);
      return;
    }

  /* The one checker alone: the others' findings are not this cleanup's. */
  self->pipeline = epure_pipeline_new ();
  epure_pipeline_add_checker (self->pipeline, checker);

  self->text = epure_buffer_snapshot (buffer, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  epure_pipeline_check_async (self->pipeline, self->text, self->cancellable, on_check_done, g_object_ref (self));
}

/**
 * epure_cleanup_dialog_apply:
 *
 * Applies the ticked changes as one user action (one undo step), emits
 * EpureCleanupDialog::applied and closes the dialog.
 *
 * Returns: the number of edits made; 0 with @error set when nothing could
 * be applied (the text changed meanwhile).
 */
guint
epure_cleanup_dialog_apply (EpureCleanupDialog  *self,
                            GError             **error)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GPtrArray) edits = NULL;

  g_return_val_if_fail (EPURE_IS_CLEANUP_DIALOG (self), 0);
  g_return_val_if_fail (self->ready && self->text != NULL, 0);

  for (guint i = 0; i < self->changes->len; i++)
    {
      gboolean active;

      if (i < self->checks->len)
        active = gtk_widget_get_visible (g_ptr_array_index (self->rows, i))
                 && gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
      else
        active = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->rest_check));
      if (active)
        g_ptr_array_add (chosen, g_ptr_array_index (self->changes, i));
    }

  edits = epure_pipeline_create_edits (self->pipeline, self->text, chosen, TRUE, error);
  if (edits == NULL)
    return 0;

  if (!epure_buffer_checker_apply_edits (self->checker, self->text, edits))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE,
                           _("The text changed while the preview was open"));
      return 0;
    }

  g_signal_emit (self, signals[APPLIED], 0, edits->len);
  gtk_window_destroy (GTK_WINDOW (self));
  return edits->len;
}

static void
on_apply_clicked (EpureCleanupDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (epure_cleanup_dialog_apply (self, &error) == 0 && error != NULL)
    show_status (self, "dialog-error-symbolic", _("The Changes Could Not Be Applied"), error->message);
}

gboolean
epure_cleanup_dialog_get_ready (EpureCleanupDialog *self)
{
  g_return_val_if_fail (EPURE_IS_CLEANUP_DIALOG (self), FALSE);
  return self->ready;
}

/* Whether the changes are whole blocks to remove (boilerplate). */
gboolean
epure_cleanup_dialog_get_removes_blocks (EpureCleanupDialog *self)
{
  g_return_val_if_fail (EPURE_IS_CLEANUP_DIALOG (self), FALSE);
  return self->blocks;
}

guint
epure_cleanup_dialog_get_n_changes (EpureCleanupDialog *self)
{
  g_return_val_if_fail (EPURE_IS_CLEANUP_DIALOG (self), 0);
  return self->changes->len;
}

/* Returns: (transfer none): the finding the @index-th row would fix. */
EpureFinding *
epure_cleanup_dialog_get_change (EpureCleanupDialog *self,
                                 guint               index)
{
  g_return_val_if_fail (EPURE_IS_CLEANUP_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);
  return g_ptr_array_index (self->changes, index);
}

void
epure_cleanup_dialog_set_change_active (EpureCleanupDialog *self,
                                        guint               index,
                                        gboolean            active)
{
  g_return_if_fail (EPURE_IS_CLEANUP_DIALOG (self));
  g_return_if_fail (index < self->changes->len);
  if (index < self->checks->len)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, index), active);
  else
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->rest_check), active);
}

/* "This is content": the block stays, and is no longer flagged. */
void
epure_cleanup_dialog_keep_as_content (EpureCleanupDialog *self,
                                      guint               index)
{
  g_return_if_fail (EPURE_IS_CLEANUP_DIALOG (self));
  g_return_if_fail (index < self->checks->len);

  epure_buffer_checker_dismiss (self->checker, self->text, g_ptr_array_index (self->changes, index));
  gtk_widget_set_visible (g_ptr_array_index (self->rows, index), FALSE);
  update_count (self);
}

EpureCleanupDialog *
epure_cleanup_dialog_new (GtkWindow          *parent,
                          EpureBufferChecker *checker,
                          const char         *checker_id,
                          double              min_confidence)
{
  EpureCleanupDialog *self;

  g_return_val_if_fail (EPURE_IS_BUFFER_CHECKER (checker), NULL);
  g_return_val_if_fail (checker_id != NULL, NULL);

  self = g_object_new (EPURE_TYPE_CLEANUP_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 760,
                       "default-height", 560,
                       NULL);
  self->checker = g_object_ref (checker);
  self->checker_id = g_strdup (checker_id);
  self->min_confidence = min_confidence;
  self->blocks = g_str_equal (checker_id, "boilerplate");

  if (g_str_equal (checker_id, "typography"))
    gtk_window_set_title (GTK_WINDOW (self), _("Clean Up Typography"));
  else if (self->blocks)
    gtk_window_set_title (GTK_WINDOW (self), _("Remove Extras"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Clean Up"));
  gtk_button_set_label (GTK_BUTTON (self->apply_button), self->blocks ? _("_Remove") : _("_Apply"));

  start_check (self);
  return self;
}

static void
epure_cleanup_dialog_dispose (GObject *object)
{
  EpureCleanupDialog *self = EPURE_CLEANUP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->checker);
  g_clear_object (&self->pipeline);

  G_OBJECT_CLASS (epure_cleanup_dialog_parent_class)->dispose (object);
}

static void
epure_cleanup_dialog_finalize (GObject *object)
{
  EpureCleanupDialog *self = EPURE_CLEANUP_DIALOG (object);

  g_clear_pointer (&self->text, epure_text_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->checker_id);

  G_OBJECT_CLASS (epure_cleanup_dialog_parent_class)->finalize (object);
}

static void
epure_cleanup_dialog_class_init (EpureCleanupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = epure_cleanup_dialog_dispose;
  object_class->finalize = epure_cleanup_dialog_finalize;

  /* The preview is listed (or says why not). */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * EpureCleanupDialog::applied:
   * @n_changes: how many edits were made, as one undo step
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/epure/Epure/epure-cleanup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, list);
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, status);
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, EpureCleanupDialog, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_all_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
epure_cleanup_dialog_init (EpureCleanupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->min_confidence = EPURE_DEFAULT_MIN_CONFIDENCE;
}
