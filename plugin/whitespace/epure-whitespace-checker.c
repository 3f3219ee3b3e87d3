/* epure-whitespace-checker.c: trailing spaces and runs of blank lines.
 * Doubled spaces between words are the typography checker's
 * (typography.double-space), so each rule lives in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "epure-whitespace-checker.h"

#define CHECKER_ID "whitespace"
/* Two blank lines may be meant (a section break); a third never is. */
#define MAX_BLANK_LINES 2

struct _EpureWhitespaceChecker
{
  GObject parent_instance;
};

static void checker_iface_init (EpureCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpureWhitespaceChecker, epure_whitespace_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (EPURE_TYPE_CHECKER, checker_iface_init))

static void
epure_whitespace_checker_class_init (EpureWhitespaceCheckerClass *klass)
{
}

static void
epure_whitespace_checker_init (EpureWhitespaceChecker *self)
{
}

static const char *
get_id (EpureChecker *checker)
{
  return CHECKER_ID;
}

static const char *
get_display_name (EpureChecker *checker)
{
  return _("Whitespace");
}

static EpureFinding *
add_finding (GPtrArray  *findings,
             const char *rule,
             gsize       start,
             gsize       end,
             const char *message,
             const char *replacement)
{
  EpureFinding *finding = epure_finding_new (CHECKER_ID, rule, EPURE_CATEGORY_STYLE, start, end, message);

  epure_finding_set_severity (finding, EPURE_SEVERITY_INFO);
  epure_finding_add_replacement (finding, replacement);
  epure_finding_set_automatic (finding, TRUE);
  g_ptr_array_add (findings, finding);
  return finding;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static GPtrArray *
check (EpureChecker  *checker,
       EpureText     *text,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  gsize len;
  const char *str = epure_text_get_string (text, &len);
  gsize line = 0;
  guint blank_run = 0;
  gsize blank_run_excess = 0;

  while (line < len)
    {
      gsize eol = line, next, content_end;
      gboolean blank;

      while (eol < len && str[eol] != '\n' && str[eol] != '\r')
        eol++;
      next = eol;
      if (next < len && str[next] == '\r')
        next++;
      if (next < len && str[next] == '\n' && (next == eol || str[next - 1] == '\r'))
        next++;

      content_end = eol;
      while (content_end > line && is_blank (str[content_end - 1]))
        content_end--;
      blank = content_end == line;

      if (blank)
        {
          blank_run++;
          if (blank_run == MAX_BLANK_LINES + 1)
            blank_run_excess = line;
        }
      else
        {
          if (blank_run > MAX_BLANK_LINES)
            add_finding (findings, "whitespace.blank-lines", blank_run_excess, line,
                         _("More than two blank lines in a row"), "");
          blank_run = 0;
        }

      /* Trailing spaces (a blank line's spaces count too). */
      if (content_end < eol && !epure_text_overlaps_verbatim (text, content_end, eol))
        add_finding (findings, "whitespace.trailing-space", content_end, eol,
                     _("Spaces at the end of the line"), "");

      line = next;
      if (eol == len)
        break;
    }

  /* Blank lines at the very end of the text. */
  if (blank_run > MAX_BLANK_LINES && blank_run_excess < len)
    add_finding (findings, "whitespace.blank-lines", blank_run_excess, len,
                 _("More than two blank lines in a row"), "");

  return g_steal_pointer (&findings);
}

static void
checker_iface_init (EpureCheckerInterface *iface)
{
  iface->get_id = get_id;
  iface->get_display_name = get_display_name;
  iface->check = check;
}
