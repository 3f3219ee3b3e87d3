/* test-edit.c: applying edits to UTF-8 text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "epure.h"

static GPtrArray *
edits_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) epure_edit_free);
}

static void
test_edit_apply_unordered (void)
{
  const char *s = "l'été \"chaud\"";
  g_autoptr(GPtrArray) edits = edits_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gsize len;

  /* Given out of order on purpose: apply sorts them.  One keeps the
   * replacement it is given (freed with it, under ASan). */
  g_ptr_array_add (edits, epure_edit_new (strlen (s) - 1, strlen (s), "\u00A0»"));
  g_ptr_array_add (edits, epure_edit_new (1, 2, "’"));
  g_ptr_array_add (edits, epure_edit_new_take (8, 9, g_strdup ("«\u00A0")));

  out = epure_edits_apply (s, strlen (s), edits, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "l’été «\u00A0chaud\u00A0»");
  g_assert_cmpuint (len, ==, strlen (out));
}

static void
test_edit_overlap_refused (void)
{
  const char *s = "abcdef";
  g_autoptr(GPtrArray) edits = edits_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (edits, epure_edit_new (1, 4, "X"));
  g_ptr_array_add (edits, epure_edit_new (3, 5, "Y"));
  out = epure_edits_apply (s, strlen (s), edits, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OVERLAP);
}

static void
test_edit_same_point_insertions_refused (void)
{
  const char *s = "abc";
  g_autoptr(GPtrArray) edits = edits_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (edits, epure_edit_new (1, 1, "X"));
  g_ptr_array_add (edits, epure_edit_new (1, 1, "Y"));
  g_assert_false (epure_edits_sort_and_check (edits, strlen (s), &error));
  g_assert_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OVERLAP);
}

static void
test_edit_adjacent_allowed (void)
{
  const char *s = "abcdef";
  g_autoptr(GPtrArray) edits = edits_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (edits, epure_edit_new (0, 2, ""));
  g_ptr_array_add (edits, epure_edit_new (2, 2, "_"));
  g_ptr_array_add (edits, epure_edit_new (2, 4, "CD"));
  g_ptr_array_add (edits, epure_edit_new (6, 6, "!"));
  out = epure_edits_apply (s, strlen (s), edits, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "_CDef!");
}

static void
test_edit_out_of_range (void)
{
  g_autoptr(GPtrArray) edits = edits_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (edits, epure_edit_new (2, 9, ""));
  out = epure_edits_apply ("abc", 3, edits, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, EPURE_PIPELINE_ERROR, EPURE_PIPELINE_ERROR_OUT_OF_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  epure_init ();

  g_test_add_func ("/edit/apply-unordered", test_edit_apply_unordered);
  g_test_add_func ("/edit/overlap-refused", test_edit_overlap_refused);
  g_test_add_func ("/edit/same-point-insertions", test_edit_same_point_insertions_refused);
  g_test_add_func ("/edit/adjacent", test_edit_adjacent_allowed);
  g_test_add_func ("/edit/out-of-range", test_edit_out_of_range);

  return g_test_run ();
}
