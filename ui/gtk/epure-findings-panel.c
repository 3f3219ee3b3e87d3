/* epure-findings-panel.c: the list of findings beside the editor.
 *
 * The rows are a flat list: a header (a GtkStringObject, "name\tcount")
 * before the findings of each checker, since GTK 4.8 has no list sections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "epure-findings-panel.h"
#include "epure-gtk-utils.h"

/* Rows listed per checker.  GTK 4.8's list view builds up to 200 row
 * widgets and drops a model in time proportional to its length: with
 * 20 000 findings, rebuilding stalled the window for 200 ms.  The rest is
 * counted, and reached with F8 or a cleanup. */
#define GROUP_LIMIT 200

/* GTK 4.8 makes a widget for each of the first 200 rows the frame they
 * appear in, a third of a millisecond each: an empty list given all its
 * rows at once stalls one frame for 60 ms.  It grows by this many rows a
 * frame instead, up to the 200 that get widgets. */
#define ROWS_PER_FRAME 40
#define ROWS_WITH_WIDGETS 200

struct _EpureFindingsPanel
{
  GtkWidget           parent_instance;

  EpureBufferChecker *checker;
  /* The rows: EpureFinding, GtkStringObject headers, GtkTextMark. */
  GListStore         *rows;
  /* What the list view shows: one plain object per row, its item held as
   * "row" data.  The same ones from one rebuild to the next, so that
   * GTK 4.8 binds their widgets again instead of making new ones. */
  GListStore         *slots;
  GPtrArray          *slot_pool;
  guint               n_slots_wanted;   /* the rows of the last rebuild */
  guint               grow_id;          /* tick callback adding the rest */

  /* Template widgets */
  GtkWidget          *box;
  GtkWidget          *summary;
  GtkWidget          *spinner;
  GtkWidget          *stack;
  GtkWidget          *list_view;
  GtkWidget          *extra_button;
  GtkWidget          *extra_label;

  char               *extra_title;
  guint               extra_count;

  /* A file is being read: no "Nothing to Clean" before its text is in. */
  gboolean            loading;
  guint               n_findings;

  /* Findings kept by others as text marks (misspellings), listed last. */
  char               *marks_title;
  GPtrArray          *marks;
  guint               marks_total;
};

G_DEFINE_FINAL_TYPE (EpureFindingsPanel, epure_findings_panel, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
epure_findings_panel_new (void)
{
  return g_object_new (EPURE_TYPE_FINDINGS_PANEL, NULL);
}

static const char *
checker_name (EpureFindingsPanel *self,
              const char         *id)
{
  EpurePipeline *pipeline = self->checker ? epure_buffer_checker_get_pipeline (self->checker) : NULL;
  EpureChecker *checker = pipeline ? epure_pipeline_get_checker (pipeline, id) : NULL;

  return checker ? epure_checker_get_display_name (checker) : id;
}

static void
update_summary (EpureFindingsPanel *self,
                guint               n_findings)
{
  g_autofree char *text = NULL;

  self->n_findings = n_findings;
  if (self->loading)
    text = g_strdup (_("Opening…"));
  else if (n_findings == 0)
    text = g_strdup (_("No findings"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings), n_findings);
  gtk_label_set_label (GTK_LABEL (self->summary), text);

  if (self->extra_title != NULL)
    {
      /* TRANSLATORS: a count in the findings panel, "Misspelled words: 3" */
      g_autofree char *extra = g_strdup_printf (_("%s: %u"), self->extra_title, self->extra_count);
      gtk_label_set_label (GTK_LABEL (self->extra_label), extra);
    }
  gtk_widget_set_visible (self->extra_button, self->extra_title != NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->loading ? "loading" : n_findings ? "list" : "empty");
}

/* One frame's worth of the rows still to show. */
static gboolean
grow_slots (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  EpureFindingsPanel *self = data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  guint add = n < ROWS_WITH_WIDGETS ? MIN (ROWS_PER_FRAME, self->n_slots_wanted - n) : self->n_slots_wanted - n;

  g_list_store_splice (self->slots, n, 0, self->slot_pool->pdata + n, add);
  if (n + add < self->n_slots_wanted)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* Groups the findings by checker, in the order each checker first appears. */
static void
rebuild (EpureFindingsPanel *self)
{
  GListModel *findings = self->checker ? epure_buffer_checker_get_findings (self->checker) : NULL;
  guint n = findings ? g_list_model_get_n_items (findings) : 0;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      EpureFinding *finding = g_list_model_get_item (findings, i);
      const char *id = epure_finding_get_checker_id (finding);
      GPtrArray *group = g_hash_table_lookup (groups, id);

      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, (gpointer) id, group);
          g_ptr_array_add (order, (gpointer) id);
        }
      g_ptr_array_add (group, finding);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      GPtrArray *group = g_hash_table_lookup (groups, id);
      g_autofree char *header = g_strdup_printf ("H\t%s\t%u", checker_name (self, id), group->len);

      g_ptr_array_add (rows, gtk_string_object_new (header));
      for (guint j = 0; j < group->len && j < GROUP_LIMIT; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (group, j)));
      if (group->len > GROUP_LIMIT)
        {
          g_autofree char *more = g_strdup_printf ("M\t%u", group->len - GROUP_LIMIT);
          g_ptr_array_add (rows, gtk_string_object_new (more));
        }
    }

  if (self->marks != NULL && self->marks_total > 0)
    {
      g_autofree char *header = g_strdup_printf ("H\t%s\t%u", self->marks_title, self->marks_total);

      g_ptr_array_add (rows, gtk_string_object_new (header));
      for (guint j = 0; j < self->marks->len && j < GROUP_LIMIT; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (self->marks, j)));
      if (self->marks_total > MIN (self->marks->len, GROUP_LIMIT))
        {
          g_autofree char *more = g_strdup_printf ("M\t%u", self->marks_total - MIN (self->marks->len, GROUP_LIMIT));
          g_ptr_array_add (rows, gtk_string_object_new (more));
        }
    }

  {
    guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
    guint n_now;

    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         rows->pdata, rows->len);
    while (self->slot_pool->len < rows->len)
      g_ptr_array_add (self->slot_pool, g_object_new (G_TYPE_OBJECT, NULL));
    for (guint i = 0; i < self->slot_pool->len; i++)
      g_object_set_data_full (g_ptr_array_index (self->slot_pool, i), "row",
                              i < rows->len ? g_object_ref (g_ptr_array_index (rows, i)) : NULL,
                              g_object_unref);
    /* As many rows as were shown, bound again; the rest a frame at a time
     * while few rows have widgets. */
    self->n_slots_wanted = rows->len;
    n_now = n_shown >= ROWS_WITH_WIDGETS ? rows->len : MIN (rows->len, MAX (n_shown, ROWS_PER_FRAME));
    g_list_store_splice (self->slots, 0, n_shown, self->slot_pool->pdata, n_now);
    if (n_now < rows->len && self->grow_id == 0)
      self->grow_id = gtk_widget_add_tick_callback (self->list_view, grow_slots, self, NULL);
    else if (n_now == rows->len && self->grow_id != 0)
      {
        gtk_widget_remove_tick_callback (self->list_view, self->grow_id);
        self->grow_id = 0;
      }
  }
  update_summary (self, n + (self->marks ? self->marks_total : 0));
}

static void on_busy_changed (EpureFindingsPanel *self);

static void
on_findings_changed (EpureFindingsPanel *self)
{
  /* The first findings of a newly read text end the waiting. */
  self->loading = FALSE;
  rebuild (self);
  on_busy_changed (self);
}

static void
on_busy_changed (EpureFindingsPanel *self)
{
  gboolean busy = self->loading || (self->checker && epure_buffer_checker_get_busy (self->checker));

  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_opacity (self->spinner, busy ? 1.0 : 0.0);
}

/* While a file is read, and until its first check is done, the panel says
 * so instead of "Nothing to Clean"; the next findings end it. */
void
epure_findings_panel_set_loading (EpureFindingsPanel *self,
                                  gboolean            loading)
{
  g_return_if_fail (EPURE_IS_FINDINGS_PANEL (self));

  self->loading = loading;
  update_summary (self, self->n_findings);
  on_busy_changed (self);
}

gboolean
epure_findings_panel_get_loading (EpureFindingsPanel *self)
{
  g_return_val_if_fail (EPURE_IS_FINDINGS_PANEL (self), FALSE);
  return self->loading;
}

void
epure_findings_panel_set_checker (EpureFindingsPanel *self,
                                  EpureBufferChecker *checker)
{
  g_return_if_fail (EPURE_IS_FINDINGS_PANEL (self));

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_set_object (&self->checker, checker);
  if (checker != NULL)
    {
      g_signal_connect_swapped (checker, "checked", G_CALLBACK (on_findings_changed), self);
      g_signal_connect_swapped (checker, "notify::busy", G_CALLBACK (on_busy_changed), self);
    }
  rebuild (self);
  on_busy_changed (self);
}

/* A count the panel shows without listing (the spelling adapter's);
 * @action_name, if any, runs on a click (go to the next one). */
void
epure_findings_panel_set_extra_group (EpureFindingsPanel *self,
                                      const char         *title,
                                      guint               count,
                                      const char         *action_name,
                                      const char         *tooltip)
{
  g_return_if_fail (EPURE_IS_FINDINGS_PANEL (self));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->extra_button), action_name);
  epure_widget_set_lazy_tooltip (self->extra_button, tooltip);

  g_free (self->extra_title);
  self->extra_title = g_strdup (title);
  self->extra_count = count;
  update_summary (self, (self->checker ? g_list_model_get_n_items (epure_buffer_checker_get_findings (self->checker)) : 0)
                        + (self->marks ? self->marks_total : 0));
}

/**
 * epure_findings_panel_set_marks:
 * @title: the group's name ("Spelling")
 * @marks: (element-type GtkTextMark): where each finding starts, with its
 *   length in characters as the mark's "length" data
 * @total: how many there are (@marks may hold fewer)
 *
 * Lists findings that another component keeps in the buffer (the spell
 * adapter's misspellings) as a group after the checkers' ones.
 */
void
epure_findings_panel_set_marks (EpureFindingsPanel *self,
                                const char         *title,
                                GPtrArray          *marks,
                                guint               total)
{
  g_return_if_fail (EPURE_IS_FINDINGS_PANEL (self));

  g_free (self->marks_title);
  self->marks_title = g_strdup (title);
  g_clear_pointer (&self->marks, g_ptr_array_unref);
  self->marks = marks ? g_ptr_array_ref (marks) : NULL;
  self->marks_total = total;
  rebuild (self);
}

/* Returns: (transfer none): the rows: EpureFinding, and GtkStringObject
 * headers ("H\tname\tcount") and "and N more" rows ("M\tN"). */
GListModel *
epure_findings_panel_get_rows (EpureFindingsPanel *self)
{
  g_return_val_if_fail (EPURE_IS_FINDINGS_PANEL (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
epure_findings_panel_activate_row (EpureFindingsPanel *self,
                                   guint               position)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (EPURE_IS_FINDINGS_PANEL (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  if (EPURE_IS_FINDING (item))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, item);
  else if (GTK_IS_TEXT_MARK (item) && !gtk_text_mark_get_deleted (GTK_TEXT_MARK (item)))
    g_signal_emit (self, signals[MARK_ACTIVATED], 0, item);
}

static void
on_activate (EpureFindingsPanel *self,
             guint               position)
{
  epure_findings_panel_activate_row (self, position);
}

/* Row widgets: one layout serves headers and findings; bind shows the
 * parts that apply. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           EpureFindingsPanel       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (dot, "finding-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          EpureFindingsPanel       *self)
{
  GObject *object = g_object_get_data (gtk_list_item_get_item (item), "row");
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (dot);
  GtkWidget *count = gtk_widget_get_next_sibling (texts);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *row = gtk_widget_get_parent (box);

  gtk_widget_set_css_classes (dot, (const char *[]) { "finding-dot", NULL });

  if (GTK_IS_STRING_OBJECT (object))
    {
      /* "H\tname\tcount" for a checker's header, "M\tcount" for the rest. */
      g_auto(GStrv) parts = g_strsplit (gtk_string_object_get_string (GTK_STRING_OBJECT (object)), "\t", 3);
      gboolean header = g_str_equal (parts[0], "H");

      if (header)
        {
          gtk_label_set_label (GTK_LABEL (title), parts[1]);
          gtk_widget_add_css_class (title, "heading");
          gtk_label_set_label (GTK_LABEL (count), parts[2]);
        }
      else
        {
          guint more = (guint) g_ascii_strtoull (parts[1], NULL, 10);
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);

          gtk_label_set_label (GTK_LABEL (title), label);
          gtk_widget_remove_css_class (title, "heading");
          gtk_label_set_label (GTK_LABEL (count), "");
        }
      epure_widget_set_lazy_tooltip (box, NULL);
      gtk_widget_set_visible (count, header);
      gtk_widget_set_visible (detail, FALSE);
      gtk_widget_set_visible (dot, FALSE);
      gtk_list_item_set_activatable (item, FALSE);
      if (row != NULL)
        {
          if (header)
            gtk_widget_add_css_class (row, "findings-header");
          else
            gtk_widget_remove_css_class (row, "findings-header");
        }
    }
  else if (GTK_IS_TEXT_MARK (object))
    {
      GtkTextMark *mark = GTK_TEXT_MARK (object);
      GtkTextBuffer *buffer = gtk_text_mark_get_buffer (mark);
      int length = GPOINTER_TO_INT (g_object_get_data (object, "length"));
      g_autofree char *word = NULL;
      g_autofree char *line = NULL;
      GtkTextIter start, end;

      if (buffer != NULL)
        {
          gtk_text_buffer_get_iter_at_mark (buffer, &start, mark);
          end = start;
          gtk_text_iter_forward_chars (&end, length);
          word = gtk_text_iter_get_text (&start, &end);
          line = g_strdup_printf (_("Line %u"), gtk_text_iter_get_line (&start) + 1);
        }
      gtk_label_set_label (GTK_LABEL (title), word ? word : "");
      gtk_widget_remove_css_class (title, "heading");
      gtk_label_set_label (GTK_LABEL (detail), line ? line : "");
      epure_widget_set_lazy_tooltip (box, NULL);
      gtk_widget_set_visible (detail, line != NULL);
      gtk_widget_set_visible (count, FALSE);
      gtk_widget_set_visible (dot, TRUE);
      gtk_widget_add_css_class (dot, "category-spelling");
      gtk_list_item_set_activatable (item, TRUE);
      if (row != NULL)
        gtk_widget_remove_css_class (row, "findings-header");
    }
  else
    {
      EpureFinding *finding = EPURE_FINDING (object);
      EpureText *text = self->checker ? epure_buffer_checker_get_text (self->checker) : NULL;
      const char * const *replacements = epure_finding_get_replacements (finding);
      g_autofree char *css = epure_category_css_class (epure_finding_get_category (finding));
      g_autofree char *markup = NULL;
      guint line = epure_finding_get_line (finding);

      gtk_label_set_label (GTK_LABEL (title), epure_finding_get_message (finding));
      /* Rows are one line: the whole message is in the tooltip. */
      epure_widget_set_lazy_tooltip (box, epure_finding_get_message (finding));
      gtk_widget_remove_css_class (title, "heading");
      gtk_widget_set_visible (count, FALSE);
      gtk_widget_set_visible (dot, TRUE);
      gtk_widget_add_css_class (dot, css);
      gtk_list_item_set_activatable (item, TRUE);
      if (row != NULL)
        gtk_widget_remove_css_class (row, "findings-header");

      if (text != NULL)
        {
          gsize start = epure_finding_get_start (finding);
          gsize end = epure_finding_get_end (finding);
          g_autofree char *change = NULL;

          if (line == 0)
            epure_text_get_line_column (text, start, &line, NULL);
          /* A deletion (a whole block) shows what goes, struck through. */
          if (replacements != NULL && replacements[0] != NULL && replacements[0][0] != '\0' && end - start < 200)
            change = epure_markup_change (text, start, end, replacements[0], TRUE);
          else
            change = epure_markup_change (text, start,
                                          epure_utf8_clamp (epure_text_get_string (text, NULL), start, end, 200),
                                          NULL, FALSE);
          /* TRANSLATORS: "Line 12 · the text around the finding" */
          markup = g_strdup_printf (_("Line %u · %s"), line, change);
        }
      else if (line > 0)
        markup = g_strdup_printf (_("Line %u"), line);

      gtk_label_set_markup (GTK_LABEL (detail), markup ? markup : "");
      gtk_widget_set_visible (detail, markup != NULL);
    }
}

static void
epure_findings_panel_dispose (GObject *object)
{
  EpureFindingsPanel *self = EPURE_FINDINGS_PANEL (object);

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_clear_object (&self->checker);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (self->list_view, self->grow_id);
  self->grow_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), EPURE_TYPE_FINDINGS_PANEL);
  g_clear_object (&self->rows);
  g_clear_object (&self->slots);
  g_clear_pointer (&self->slot_pool, g_ptr_array_unref);
  g_clear_pointer (&self->extra_title, g_free);
  g_clear_pointer (&self->marks_title, g_free);
  g_clear_pointer (&self->marks, g_ptr_array_unref);

  G_OBJECT_CLASS (epure_findings_panel_parent_class)->dispose (object);
}

static void
epure_findings_panel_class_init (EpureFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = epure_findings_panel_dispose;

  /**
   * EpureFindingsPanel::finding-activated:
   * @finding: the EpureFinding the user clicked
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EPURE_TYPE_FINDING);

  /**
   * EpureFindingsPanel::mark-activated:
   * @mark: where the clicked finding starts (see set_marks())
   */
  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_TEXT_MARK);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findingspanel");

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/epure/Epure/epure-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, extra_button);
  gtk_widget_class_bind_template_child (widget_class, EpureFindingsPanel, extra_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
epure_findings_panel_init (EpureFindingsPanel *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->rows = g_list_store_new (G_TYPE_OBJECT);
  self->slots = g_list_store_new (G_TYPE_OBJECT);
  self->slot_pool = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slots))));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), selection);

  update_summary (self, 0);
  on_busy_changed (self);
}
