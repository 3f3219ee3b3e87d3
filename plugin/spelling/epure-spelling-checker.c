/* epure-spelling-checker.c: words → dictionary → findings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "epure-spelling-checker.h"

struct _EpureSpellingChecker
{
  GObject parent_instance;

  /* Checks run in worker threads while the UI may change the language. */
  GMutex lock;
  char *language;
  gboolean skip_capitals;
  EpureSpellingDictionary *dictionary;
  gulong changed_id;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_SKIP_CAPITALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpureSpellingChecker, epure_spelling_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, checker_iface_init))

static void
drop_dictionary (EpureSpellingChecker *self)
{
  if (self->dictionary != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->dictionary);
      g_clear_object (&self->dictionary);
    }
}

static void
epure_spelling_checker_finalize (GObject *object)
{
  EpureSpellingChecker *self = EPURE_SPELLING_CHECKER (object);

  drop_dictionary (self);
  g_clear_pointer (&self->language, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (epure_spelling_checker_parent_class)->finalize (object);
}

static void
epure_spelling_checker_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  EpureSpellingChecker *self = EPURE_SPELLING_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->language);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_SKIP_CAPITALS:
      g_value_set_boolean (value, epure_spelling_checker_get_skip_capitals (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_spelling_checker_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  EpureSpellingChecker *self = EPURE_SPELLING_CHECKER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      epure_spelling_checker_set_language (self, g_value_get_string (value));
      break;
    case PROP_SKIP_CAPITALS:
      epure_spelling_checker_set_skip_capitals (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
epure_spelling_checker_class_init (EpureSpellingCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = epure_spelling_checker_finalize;
  object_class->get_property = epure_spelling_checker_get_property;
  object_class->set_property = epure_spelling_checker_set_property;

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         EPURE_SPELLING_DEFAULT_LANGUAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SKIP_CAPITALS] =
    g_param_spec_boolean ("skip-capitals", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
epure_spelling_checker_init (EpureSpellingChecker *self)
{
  g_mutex_init (&self->lock);
  self->language = g_strdup (EPURE_SPELLING_DEFAULT_LANGUAGE);
  self->skip_capitals = TRUE;
}

EpureSpellingChecker *
epure_spelling_checker_new (const char *language)
{
  return g_object_new (EPURE_TYPE_SPELLING_CHECKER,
                       "language", language ? language : EPURE_SPELLING_DEFAULT_LANGUAGE,
                       NULL);
}

const char *
epure_spelling_checker_get_language (EpureSpellingChecker *self)
{
  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), NULL);
  /* Only the main thread changes it, so returning the pointer is safe there. */
  return self->language;
}

void
epure_spelling_checker_set_language (EpureSpellingChecker *self,
                                     const char           *language)
{
  g_return_if_fail (EPURE_IS_SPELLING_CHECKER (self));

  if (language == NULL || language[0] == '\0')
    language = EPURE_SPELLING_DEFAULT_LANGUAGE;

  g_mutex_lock (&self->lock);
  if (g_strcmp0 (self->language, language) == 0)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  g_free (self->language);
  self->language = g_strdup (language);
  drop_dictionary (self);
  g_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  epure_checker_emit_changed (EPURE_CHECKER (self));
}

gboolean
epure_spelling_checker_get_skip_capitals (EpureSpellingChecker *self)
{
  gboolean skip;

  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), TRUE);

  g_mutex_lock (&self->lock);
  skip = self->skip_capitals;
  g_mutex_unlock (&self->lock);
  return skip;
}

void
epure_spelling_checker_set_skip_capitals (EpureSpellingChecker *self,
                                          gboolean              skip_capitals)
{
  g_return_if_fail (EPURE_IS_SPELLING_CHECKER (self));

  skip_capitals = !!skip_capitals;
  g_mutex_lock (&self->lock);
  if (self->skip_capitals == skip_capitals)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->skip_capitals = skip_capitals;
  g_mutex_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIP_CAPITALS]);
  epure_checker_emit_changed (EPURE_CHECKER (self));
}

static void
on_dictionary_changed (EpureSpellingChecker *self)
{
  epure_checker_emit_changed (EPURE_CHECKER (self));
}

EpureSpellingDictionary *
epure_spelling_checker_get_dictionary (EpureSpellingChecker  *self,
                                       GError               **error)
{
  EpureSpellingDictionary *dictionary;

  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), NULL);

  /* Loaded on first use: the CLI lists checkers without loading Hunspell. */
  g_mutex_lock (&self->lock);
  if (self->dictionary == NULL)
    {
      self->dictionary = epure_spelling_dictionary_new (self->language, error);
      if (self->dictionary != NULL)
        self->changed_id = g_signal_connect_swapped (self->dictionary, "changed",
                                                     G_CALLBACK (on_dictionary_changed), self);
    }
  dictionary = self->dictionary ? g_object_ref (self->dictionary) : NULL;
  g_mutex_unlock (&self->lock);

  return dictionary;
}

static gboolean
word_is_correct (EpureSpellingDictionary *dictionary,
                 const char              *word,
                 gsize                    len)
{
  gsize elision;

  if (epure_spelling_dictionary_check_word (dictionary, word, len))
    return TRUE;

  /* l’OTSC, d’Almaty: a known elision before a word the dictionary knows
   * alone (often from the personal dictionary). */
  elision = epure_word_elision_length (word, len);
  if (elision > 0 && epure_spelling_dictionary_check_word (dictionary, word + elision, len - elision))
    return TRUE;

  return FALSE;
}

static gboolean
check_word (EpureSpellingDictionary *dictionary,
            const char              *word,
            gsize                    len)
{
  const char *p, *end = word + len, *part;

  if (word_is_correct (dictionary, word, len))
    return TRUE;

  /* A compound Hunspell lacks (franco-kazakh, anti-OTSC): right when each
   * part is. */
  if (memchr (word, '-', len) == NULL)
    return FALSE;
  part = word;
  for (p = word; p <= end; p++)
    {
      if (p == end || *p == '-')
        {
          if (p == part || !word_is_correct (dictionary, part, p - part))
            return FALSE;
          part = p + 1;
        }
    }
  /* Every part a word, yet a typo of a known compound (vingt-et-nu). */
  return !epure_spelling_dictionary_is_near_compound (dictionary, word, len);
}

gboolean
epure_spelling_checker_check_word (EpureSpellingChecker  *self,
                                   const char            *word,
                                   gssize                 len,
                                   GError               **error)
{
  g_autoptr(EpureSpellingDictionary) dictionary = NULL;

  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  dictionary = epure_spelling_checker_get_dictionary (self, error);
  if (dictionary == NULL)
    return TRUE;
  if (len < 0)
    len = strlen (word);
  return check_word (dictionary, word, len);
}

GArray *
epure_spelling_checker_find_misspellings (EpureSpellingChecker  *self,
                                          EpureText             *text,
                                          gsize                  start,
                                          gsize                  end,
                                          GCancellable          *cancellable,
                                          GError               **error)
{
  g_autoptr(EpureSpellingDictionary) dictionary = NULL;
  g_autoptr(GArray) ranges = NULL;
  EpureWordIter iter;
  const char *str;
  gsize len, s, e;
  guint n = 0;

  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  str = epure_text_get_string (text, &len);
  g_return_val_if_fail (start <= end && end <= len, NULL);

  dictionary = epure_spelling_checker_get_dictionary (self, error);
  if (dictionary == NULL)
    return NULL;

  ranges = g_array_new (FALSE, FALSE, sizeof (EpureSpellingRange));
  epure_word_iter_init (&iter, str, start, end, text,
                        epure_spelling_checker_get_skip_capitals (self) ? EPURE_WORD_ITER_SKIP_CAPITALS : 0);
  while (epure_word_iter_next (&iter, &s, &e))
    {
      if ((++n & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!check_word (dictionary, str + s, e - s))
        {
          EpureSpellingRange range = { s, e };
          g_array_append_val (ranges, range);
        }
    }

  return g_steal_pointer (&ranges);
}

char **
epure_spelling_checker_suggest_word (EpureSpellingChecker  *self,
                                     const char            *word,
                                     gssize                 len,
                                     GError               **error)
{
  g_autoptr(EpureSpellingDictionary) dictionary = NULL;

  g_return_val_if_fail (EPURE_IS_SPELLING_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  dictionary = epure_spelling_checker_get_dictionary (self, error);
  if (dictionary == NULL)
    return NULL;
  return epure_spelling_dictionary_suggest (dictionary, word, len, NULL, EPURE_SPELLING_MAX_SUGGESTIONS);
}

/* l’Zorglubie: the word is kept without its elision, so that its elided
 * forms pass too. */
static void
change_word (EpureSpellingChecker *self,
             const char           *word,
             gssize                len,
             void                (*change) (EpureSpellingDictionary *, const char *, gssize))
{
  g_autoptr(EpureSpellingDictionary) dictionary = epure_spelling_checker_get_dictionary (self, NULL);
  gsize elision;

  if (dictionary == NULL)
    return;
  if (len < 0)
    len = strlen (word);
  elision = epure_word_elision_length (word, len);
  change (dictionary, word + elision, len - elision);
}

void
epure_spelling_checker_add_word (EpureSpellingChecker *self,
                                 const char           *word,
                                 gssize                len)
{
  g_return_if_fail (EPURE_IS_SPELLING_CHECKER (self));
  g_return_if_fail (word != NULL);

  change_word (self, word, len, epure_spelling_dictionary_add_word);
}

void
epure_spelling_checker_ignore_word (EpureSpellingChecker *self,
                                    const char           *word,
                                    gssize                len)
{
  g_return_if_fail (EPURE_IS_SPELLING_CHECKER (self));
  g_return_if_fail (word != NULL);

  change_word (self, word, len, epure_spelling_dictionary_ignore_word);
}

static const char *
get_id (EpureChecker *checker)
{
  return EPURE_SPELLING_CHECKER_ID;
}

static const char *
get_display_name (EpureChecker *checker)
{
  return _("Spelling");
}

static EpureCheckerScope
get_scope (EpureChecker *checker)
{
  return EPURE_CHECKER_SCOPE_PARAGRAPH;
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  EpureSpellingChecker *self = EPURE_SPELLING_CHECKER (checker);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ranges = NULL;
  gsize len;
  const char *str = epure_text_get_string (text, &len);

  ranges = epure_spelling_checker_find_misspellings (self, text, 0, len, cancellable, error);
  if (ranges == NULL)
    return NULL;

  for (guint i = 0; i < ranges->len; i++)
    {
      EpureSpellingRange *r = &g_array_index (ranges, EpureSpellingRange, i);
      g_autofree char *word = g_strndup (str + r->start, r->end - r->start);
      g_autofree char *message = g_strdup_printf (_("Unknown word “%s”"), word);
      EpureFinding *finding = epure_finding_new (EPURE_SPELLING_CHECKER_ID,
                                                 EPURE_SPELLING_RULE_MISSPELLED,
                                                 EPURE_CATEGORY_SPELLING,
                                                 r->start, r->end, message);

      epure_finding_set_severity (finding, EPURE_SEVERITY_WARNING);
      epure_finding_set_needs_suggestions (finding, TRUE);
      g_ptr_array_add (findings, finding);
    }

  return g_steal_pointer (&findings);
}

static char **
suggest (EpureChecker  *checker,
         EpureText     *text,
         EpureFinding  *finding,
         GCancellable  *cancellable,
         GError       **error)
{
  EpureSpellingChecker *self = EPURE_SPELLING_CHECKER (checker);
  g_autoptr(EpureSpellingDictionary) dictionary = NULL;
  g_autoptr(GHashTable) context = NULL;
  gsize start = epure_finding_get_start (finding);
  gsize end = epure_finding_get_end (finding);
  gsize len;
  const char *str;

  if (text == NULL)
    return g_strdupv ((char **) epure_finding_get_replacements (finding));

  str = epure_text_get_string (text, &len);
  if (start > end || end > len)
    {
      g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_FAILED,
                   "Finding out of the text's range");
      return NULL;
    }

  dictionary = epure_spelling_checker_get_dictionary (self, error);
  if (dictionary == NULL)
    return NULL;
  /* The words around it: the same window whether the text is the whole
   * document (CLI) or the editor's slice of it. */
  context = epure_spelling_context_new (str, len, start, end);
  return epure_spelling_dictionary_suggest (dictionary, str + start, end - start, context,
                                            EPURE_SPELLING_MAX_SUGGESTIONS);
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->get_display_name = get_display_name;
  iface->get_scope = get_scope;
  iface->check = check;
  iface->suggest = suggest;
}
