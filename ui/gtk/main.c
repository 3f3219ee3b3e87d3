/* main.c: the Épure application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "epure-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpureApplication) app = NULL;

  setlocale (LC_ALL, "");
  epure_init ();
  textdomain (GETTEXT_PACKAGE);

  app = epure_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
