/* epure-spell-adapter.h: spell checking as you type in a GtkTextBuffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage, from the window:
 *   adapter = epure_spell_adapter_new (buffer, checker_or_NULL);
 *   gtk_widget_insert_action_group (view, "spelling",
 *                                   epure_spell_adapter_get_action_group (adapter));
 *   gtk_text_view_set_extra_menu (view, epure_spell_adapter_get_menu_model (adapter));
 *   and before the context menu pops up (GtkGestureClick on button 3, or
 *   GtkTextView's "populate" moment): epure_spell_adapter_update_menu (adapter, &iter_under_pointer).
 *
 * Actions (group prefix "spelling"): "spelling.replace" (s: the replacement,
 * applied to the word the menu was updated for, as one undo step),
 * "spelling.add" (add that word to the personal dictionary), "spelling.ignore"
 * (ignore it for the session), "spelling.language" (s: stateful, the
 * language tag), "spelling.enabled" (stateful boolean), "spelling.next" and
 * "spelling.previous" (select the next/previous misspelling from the cursor).
 */
#pragma once

#include <gtk/gtk.h>

#include "epure.h"

G_BEGIN_DECLS

#define EPURE_TYPE_SPELL_ADAPTER (epure_spell_adapter_get_type ())

G_DECLARE_FINAL_TYPE (EpureSpellAdapter, epure_spell_adapter, EPURE, SPELL_ADAPTER, GObject)

/* @checker: (nullable): the "spelling" checker to share with the pipeline
 * (so that "add to dictionary" reaches the findings panel too), or NULL to
 * create one for fr_FR. */
EpureSpellAdapter *epure_spell_adapter_new              (GtkTextBuffer      *buffer,
                                                         EpureChecker       *checker);
GtkTextBuffer     *epure_spell_adapter_get_buffer       (EpureSpellAdapter  *self);
/* Optional but recommended: the view showing the buffer, so its visible
 * part is checked first and only the lines around it are tagged
 * (without a view, every misspelling is tagged). */
void               epure_spell_adapter_set_view         (EpureSpellAdapter  *self,
                                                         GtkTextView        *view);
EpureChecker      *epure_spell_adapter_get_checker      (EpureSpellAdapter  *self);
gboolean           epure_spell_adapter_get_enabled      (EpureSpellAdapter  *self);
void               epure_spell_adapter_set_enabled      (EpureSpellAdapter  *self,
                                                         gboolean            enabled);
void                 epure_spell_adapter_set_paused     (EpureSpellAdapter    *self,
                                                         gboolean              paused);
const char        *epure_spell_adapter_get_language     (EpureSpellAdapter  *self);
void               epure_spell_adapter_set_language     (EpureSpellAdapter  *self,
                                                         const char         *language);
/* Misspelled words currently underlined (property "n-misspelled"). */
guint              epure_spell_adapter_get_n_misspelled (EpureSpellAdapter  *self);
/* TRUE once the whole buffer has been checked (property "complete"). */
gboolean           epure_spell_adapter_get_complete     (EpureSpellAdapter  *self);
/* The underline.  With a view set, only the misspellings on the lines
 * around what it shows carry it (a screen above and below); scrolling
 * moves them.  n-misspelled and find_next/previous cover the whole text. */
GtkTextTag        *epure_spell_adapter_get_tag          (EpureSpellAdapter  *self);
GMenuModel        *epure_spell_adapter_get_menu_model   (EpureSpellAdapter  *self);
GActionGroup      *epure_spell_adapter_get_action_group (EpureSpellAdapter  *self);
/* Fills the menu for the word at @iter (suggestions arrive asynchronously). */
void               epure_spell_adapter_update_menu      (EpureSpellAdapter  *self,
                                                         const GtkTextIter  *iter);
/* The misspelling after/before @from (wrapping around); FALSE if none. */
gboolean           epure_spell_adapter_find_next        (EpureSpellAdapter  *self,
                                                         const GtkTextIter  *from,
                                                         GtkTextIter        *match_start,
                                                         GtkTextIter        *match_end);
gboolean           epure_spell_adapter_find_previous    (EpureSpellAdapter  *self,
                                                         const GtkTextIter  *from,
                                                         GtkTextIter        *match_start,
                                                         GtkTextIter        *match_end);
/* Selects the next/previous misspelling from the cursor; FALSE if none. */
gboolean           epure_spell_adapter_select_next      (EpureSpellAdapter  *self);
gboolean           epure_spell_adapter_select_previous  (EpureSpellAdapter  *self);

G_END_DECLS
