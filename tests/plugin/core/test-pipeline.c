/* test-pipeline.c: merging findings, applying and cleaning.
 *
 * The checkers here are small real EpureChecker implementations defined by
 * the test, so the pipeline is tested apart from any plugin.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "epure.h"

#define TEST_TYPE_PATTERN_CHECKER (test_pattern_checker_get_type ())
G_DECLARE_FINAL_TYPE (TestPatternChecker, test_pattern_checker, TEST, PATTERN_CHECKER, GObject)

struct _TestPatternChecker
{
  GObject parent_instance;
  char *id;
  char *needle;       /* every occurrence is a finding */
  char *replacement;  /* NULL: no fix */
  gboolean fail;      /* report an unavailable resource instead */
  double confidence;
};

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPatternChecker, test_pattern_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, checker_iface_init))

static void
test_pattern_checker_finalize (GObject *object)
{
  TestPatternChecker *self = (TestPatternChecker *) object;
  g_free (self->id);
  g_free (self->needle);
  g_free (self->replacement);
  G_OBJECT_CLASS (test_pattern_checker_parent_class)->finalize (object);
}

static void
test_pattern_checker_class_init (TestPatternCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_pattern_checker_finalize;
}

static void
test_pattern_checker_init (TestPatternChecker *self)
{
  self->confidence = 1.0;
}

static const char *
get_id (EpureChecker *checker)
{
  return TEST_PATTERN_CHECKER (checker)->id;
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  TestPatternChecker *self = TEST_PATTERN_CHECKER (checker);
  GPtrArray *findings;
  const char *str = epure_text_get_string (text, NULL);
  const char *p = str;

  if (self->fail)
    {
      g_set_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE, "no dictionary");
      return NULL;
    }

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  while ((p = strstr (p, self->needle)) != NULL)
    {
      g_autofree char *rule = g_strdup_printf ("%s.match", self->id);
      EpureFinding *f = epure_finding_new (self->id, rule, EPURE_CATEGORY_STYLE,
                                           p - str, p - str + strlen (self->needle), "match");
      if (self->replacement != NULL)
        {
          epure_finding_add_replacement (f, self->replacement);
          epure_finding_set_automatic (f, TRUE);
        }
      epure_finding_set_confidence (f, self->confidence);
      g_ptr_array_add (findings, f);
      p += strlen (self->needle);
    }
  return findings;
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->check = check;
}

static EpureChecker *
pattern_checker_new (const char *id,
                     const char *needle,
                     const char *replacement)
{
  TestPatternChecker *self = g_object_new (TEST_TYPE_PATTERN_CHECKER, NULL);
  self->id = g_strdup (id);
  self->needle = g_strdup (needle);
  self->replacement = g_strdup (replacement);
  return EPURE_CHECKER (self);
}

static GPtrArray *
check_text (EpurePipeline *pipeline,
            EpureText     *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = epure_pipeline_check (pipeline, text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

static void
test_pipeline_merges_in_text_order (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  g_autoptr(EpureChecker) a = pattern_checker_new ("a", "œuf", NULL);
  g_autoptr(EpureChecker) b = pattern_checker_new ("b", "é", NULL);
  g_autoptr(EpureText) text = epure_text_new ("été\nun œuf, deux œufs, é", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  gsize last = 0;

  epure_pipeline_add_checker (pipeline, a);
  epure_pipeline_add_checker (pipeline, b);
  findings = check_text (pipeline, text);

  g_assert_cmpuint (findings->len, ==, 5);
  for (guint i = 0; i < findings->len; i++)
    {
      EpureFinding *f = g_ptr_array_index (findings, i);
      g_assert_cmpuint (epure_finding_get_start (f), >=, last);
      last = epure_finding_get_start (f);
    }
  /* The first "œuf" is on line 2, column 4, code point 7. */
  {
    EpureFinding *f = g_ptr_array_index (findings, 2);
    g_assert_cmpstr (epure_finding_get_checker_id (f), ==, "a");
    g_assert_cmpuint (epure_finding_get_line (f), ==, 2);
    g_assert_cmpuint (epure_finding_get_column (f), ==, 4);
    g_assert_cmpuint (epure_text_char_offset (text, epure_finding_get_start (f)), ==, 7);
  }
}

static void
test_pipeline_apply_and_overlap (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  g_autoptr(EpureChecker) a = pattern_checker_new ("a", "abc", "X");
  g_autoptr(EpureChecker) b = pattern_checker_new ("b", "bcd", "Y");
  g_autoptr(EpureText) text = epure_text_new ("abcd abc", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  epure_pipeline_add_checker (pipeline, a);
  epure_pipeline_add_checker (pipeline, b);
  findings = check_text (pipeline, text);
  g_assert_cmpuint (findings->len, ==, 3);

  /* "abc" and "bcd" overlap: choosing both is refused, nothing applied. */
  g_ptr_array_add (chosen, g_ptr_array_index (findings, 0));
  g_ptr_array_add (chosen, g_ptr_array_index (findings, 1));
  out = epure_pipeline_apply (pipeline, text, chosen, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OVERLAP);
  g_clear_error (&error);

  g_ptr_array_remove_index (chosen, 0);
  g_ptr_array_add (chosen, g_ptr_array_index (findings, 2));
  out = epure_pipeline_apply (pipeline, text, chosen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "aY X");
}

static void
test_pipeline_failing_checker_is_reported (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  g_autoptr(EpureChecker) broken = pattern_checker_new ("broken", "x", NULL);
  g_autoptr(EpureChecker) ok = pattern_checker_new ("ok", "x", NULL);
  g_autoptr(EpureText) text = epure_text_new ("x x", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  TEST_PATTERN_CHECKER (broken)->fail = TRUE;
  epure_pipeline_add_checker (pipeline, broken);
  epure_pipeline_add_checker (pipeline, ok);
  findings = epure_pipeline_check (pipeline, text, &problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE);
}

static void
test_pipeline_clean_until_stable (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  /* "..." -> "…" and "a…" -> "b": the second rule only fires after the first. */
  g_autoptr(EpureChecker) dots = pattern_checker_new ("dots", "...", "…");
  g_autoptr(EpureChecker) ab = pattern_checker_new ("ab", "a…", "b");
  g_autoptr(EpureChecker) unsure = pattern_checker_new ("unsure", "z", "");
  g_autoptr(EpureText) text = epure_text_new ("a... z a...", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  guint n = 0;

  TEST_PATTERN_CHECKER (unsure)->confidence = 0.5;
  epure_pipeline_add_checker (pipeline, dots);
  epure_pipeline_add_checker (pipeline, ab);
  epure_pipeline_add_checker (pipeline, unsure);
  out = epure_pipeline_clean (pipeline, text, 0.8, &n, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "b z b");
  g_assert_cmpuint (n, ==, 4);
}

/* The edits of each pass, replayed in order, rebuild the cleaned text: a
 * caller carries offsets (a document's structure) over with them. */
static void
test_pipeline_clean_passes (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  g_autoptr(EpureChecker) dots = pattern_checker_new ("dots", "...", "…");
  g_autoptr(EpureChecker) ab = pattern_checker_new ("ab", "a…", "b");
  g_autoptr(EpureChecker) broken = pattern_checker_new ("broken", "x", "y");
  g_autoptr(EpureText) text = epure_text_new ("a... z a...", -1, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) passes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *replayed = g_strdup ("a... z a...");
  GPtrArray *first, *second;

  TEST_PATTERN_CHECKER (broken)->fail = TRUE;
  epure_pipeline_add_checker (pipeline, dots);
  epure_pipeline_add_checker (pipeline, ab);
  epure_pipeline_add_checker (pipeline, broken);
  out = epure_pipeline_clean (pipeline, text, 0.8, NULL, NULL, &problems, &passes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "b z b");

  /* The broken checker failed at every pass, and is reported once. */
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_UNAVAILABLE);

  g_assert_cmpuint (passes->len, ==, 2);
  first = g_ptr_array_index (passes, 0);
  second = g_ptr_array_index (passes, 1);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (((EpureEdit *) g_ptr_array_index (first, 1))->start, ==, 8);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpuint (((EpureEdit *) g_ptr_array_index (second, 1))->start, ==, 7);

  for (guint i = 0; i < passes->len; i++)
    {
      char *next = epure_edits_apply (replayed, strlen (replayed), g_ptr_array_index (passes, i), NULL, &error);

      g_assert_no_error (error);
      g_free (replayed);
      replayed = next;
    }
  g_assert_cmpstr (replayed, ==, out);

  /* Nothing to fix: no pass, no problem. */
  {
    g_autoptr(EpurePipeline) quiet = epure_pipeline_new ();
    g_autoptr(EpureText) clean_text = epure_text_new ("propre", -1, NULL);
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GPtrArray) no_problems = NULL;
    g_autofree char *same = NULL;

    epure_pipeline_add_checker (quiet, dots);
    same = epure_pipeline_clean (quiet, clean_text, 0.8, NULL, NULL, &no_problems, &none, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (same, ==, "propre");
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (no_problems->len, ==, 0);
  }
}

static void
check_async_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = epure_pipeline_check_finish (EPURE_PIPELINE (object), result, NULL, &error);
  g_assert_no_error (error);
}

static void
test_pipeline_check_async (void)
{
  g_autoptr(EpurePipeline) pipeline = epure_pipeline_new ();
  g_autoptr(EpureChecker) a = pattern_checker_new ("a", "«", NULL);
  g_autoptr(EpureText) text = epure_text_new ("« a » « b »", -1, NULL);
  g_autoptr(GPtrArray) findings = NULL;

  epure_pipeline_add_checker (pipeline, a);
  epure_pipeline_check_async (pipeline, text, NULL, check_async_cb, &findings);
  while (findings == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (findings->len, ==, 2);
}

static void
test_pipeline_option (void)
{
  g_autoptr(EpureChecker) a = pattern_checker_new ("a", "x", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (epure_checker_set_option (a, "no-such-option", "1", &error));
  g_assert_error (error, EPURE_CHECKER_ERROR, EPURE_CHECKER_ERROR_INVALID_OPTION);
}

/* A checker with the fix() fast path, made of a pattern checker: its
 * edits are the pattern checker's automatic fixes. */
#define TEST_TYPE_FIXING_CHECKER (test_fixing_checker_get_type ())
G_DECLARE_FINAL_TYPE (TestFixingChecker, test_fixing_checker, TEST, FIXING_CHECKER, GObject)

struct _TestFixingChecker
{
  GObject parent_instance;
  EpureChecker *inner;
};

static const char *
fixing_get_id (EpureChecker *checker)
{
  return epure_checker_get_id (TEST_FIXING_CHECKER (checker)->inner);
}

static EpureCheckerScope
fixing_get_scope (EpureChecker *checker)
{
  return EPURE_CHECKER_SCOPE_PARAGRAPH;   /* the needles hold no empty line */
}

static GPtrArray *
fixing_check (EpureChecker  *checker,
              EpureText     *text,
              GCancellable  *cancellable,
              GError       **error)
{
  return epure_checker_check (TEST_FIXING_CHECKER (checker)->inner, text, cancellable, error);
}

static GPtrArray *
fixing_fix (EpureChecker  *checker,
            EpureText     *text,
            double         min_confidence,
            GCancellable  *cancellable,
            GError       **error)
{
  /* The inner checker has no fix(): this is the findings route. */
  return epure_checker_fix (TEST_FIXING_CHECKER (checker)->inner, text, min_confidence, cancellable, error);
}

static void
fixing_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = fixing_get_id;
  iface->get_scope = fixing_get_scope;
  iface->check = fixing_check;
  iface->fix = fixing_fix;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFixingChecker, test_fixing_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, fixing_iface_init))

static void
test_fixing_checker_finalize (GObject *object)
{
  g_clear_object (&TEST_FIXING_CHECKER (object)->inner);
  G_OBJECT_CLASS (test_fixing_checker_parent_class)->finalize (object);
}

static void
test_fixing_checker_class_init (TestFixingCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_fixing_checker_finalize;
}

static void
test_fixing_checker_init (TestFixingChecker *self)
{
}

/* epure_pipeline_clean() through fix() (every checker has it) gives the
 * bytes and changes of the findings route: several checkers, overlapping
 * and identical ranges (ties), fixes that make new matches (passes), a
 * failing checker, paragraphs. */
static void
test_pipeline_clean_fix_route (void)
{
  static const struct { const char *needle; const char *replacement; } patterns[] = {
    { "ab", "b" }, { "ba", "xab" }, { "xx", "x" }, { "ab", "AB" }, { "b\nb", "b b" }, { "a", "aa" },
  };
  static const char *pieces[] = { "a", "b", "ab", "ba", "x", " ", "\n", "\n\n", "é" };

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(EpurePipeline) slow = epure_pipeline_new ();
      g_autoptr(EpurePipeline) fast = epure_pipeline_new ();
      g_autoptr(GString) input = g_string_new (NULL);
      g_autoptr(EpureText) text = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *by_findings = NULL;
      g_autofree char *by_fix = NULL;
      guint n_slow = 0, n_fast = 0, n_checkers = g_test_rand_int_range (1, 4);

      for (guint i = 0; i < n_checkers; i++)
        {
          guint k = g_test_rand_int_range (0, G_N_ELEMENTS (patterns));
          g_autofree char *id = g_strdup_printf ("c%u", i);
          EpureChecker *inner = pattern_checker_new (id, patterns[k].needle, patterns[k].replacement);
          TestFixingChecker *fixing = g_object_new (TEST_TYPE_FIXING_CHECKER, NULL);

          TEST_PATTERN_CHECKER (inner)->fail = g_test_rand_int_range (0, 20) == 0;
          fixing->inner = g_object_ref (inner);
          epure_pipeline_add_checker (slow, inner);
          epure_pipeline_add_checker (fast, EPURE_CHECKER (fixing));
          g_object_unref (inner);
          g_object_unref (fixing);
        }
      g_assert_cmpint (epure_pipeline_get_scope (fast), ==, EPURE_CHECKER_SCOPE_PARAGRAPH);

      for (guint i = 0, n = g_test_rand_int_range (0, 40); i < n; i++)
        g_string_append (input, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      text = epure_text_new (input->str, input->len, &error);
      g_assert_no_error (error);

      by_findings = epure_pipeline_clean (slow, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n_slow, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      by_fix = epure_pipeline_clean (fast, text, EPURE_DEFAULT_MIN_CONFIDENCE, &n_fast, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (by_fix, ==, by_findings);
      g_assert_cmpuint (n_fast, ==, n_slow);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/pipeline/merge-order", test_pipeline_merges_in_text_order);
  g_test_add_func ("/pipeline/apply-overlap", test_pipeline_apply_and_overlap);
  g_test_add_func ("/pipeline/failing-checker", test_pipeline_failing_checker_is_reported);
  g_test_add_func ("/pipeline/clean", test_pipeline_clean_until_stable);
  g_test_add_func ("/pipeline/clean-fix-route", test_pipeline_clean_fix_route);
  g_test_add_func ("/pipeline/clean-passes", test_pipeline_clean_passes);
  g_test_add_func ("/pipeline/check-async", test_pipeline_check_async);
  g_test_add_func ("/pipeline/option", test_pipeline_option);

  return g_test_run ();
}
