/* bench-boilerplate.c: boilerplate checker throughput on generated articles.
 *
 * Generates N articles (10 000 by default, fixed seed) from pools of
 * sentences, with head and tail boilerplate on most of them, then checks
 * every article through the plugin engine's pipeline on one thread, five
 * times, and prints the median and best articles per second and MiB per
 * second.  peers.sh compares with Mozilla Readability on the same articles.
 *
 * Usage: bench-boilerplate [N_ARTICLES] [--dump FILE]
 * --dump writes the articles to FILE, separated by form feeds, for the
 * peer benchmark (peers.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "epure.h"

#define DEFAULT_ARTICLES 10000
#define TARGET_PER_SECOND 10000.0
#define N_RUNS 5

/* CPU time of this thread: on a shared machine, wall time also counts the
 * other processes' turns. */
static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static const char *titles[] = {
  "Le conseil municipal adopte le budget de l’année",
  "Les vendanges commencent plus tôt dans le Bordelais",
  "Un nouveau sentier de randonnée relie les deux vallées",
  "La piscine intercommunale rouvre après six mois de travaux",
  "Les producteurs de lait manifestent devant la préfecture",
  "Une exposition consacrée aux affiches de cinéma",
  "Le festival de jazz affiche complet pour sa vingtième édition",
  "Les étudiants réclament davantage de logements",
};

static const char *subjects[] = {
  "La municipalité", "Le syndicat intercommunal", "L’association des riverains",
  "Le directeur de l’établissement", "La préfète", "Un collectif d’habitants",
  "Le président du club", "La chambre d’agriculture", "Une équipe de chercheurs",
};

static const char *verbs[] = {
  "a présenté mardi", "prévoit pour l’automne", "a confirmé ce week-end",
  "devrait annoncer en janvier", "a détaillé devant la presse", "étudie depuis plusieurs mois",
};

static const char *objects[] = {
  "un plan de rénovation des écoles primaires du centre-ville",
  "la réouverture de la ligne de bus entre la gare et l’hôpital",
  "un programme de plantation de quatre cents arbres le long des quais",
  "la création d’une halle pour les producteurs locaux",
  "une étude sur la qualité de l’air aux abords des collèges",
  "le doublement des places en crèche d’ici trois ans",
  "des travaux d’isolation dans les logements sociaux du quartier nord",
};

/* A number goes between the two halves. */
static const char *tails[][2] = {
  { "Le coût total est estimé à ", " millions d’euros." },
  { "Les travaux devraient durer ", " mois." },
  { "Une réunion publique est prévue le ", " du mois prochain." },
  { "Le projet concerne environ ", " familles." },
  { "« C’est une étape importante », estime l’adjoint chargé du dossier, qui suit le projet depuis ", " ans." },
};

static const char *heads[] = {
  "Nous utilisons des cookies pour mesurer l’audience. Tout accepter | Tout refuser",
  "Partager : Facebook · X · LinkedIn · E-mail",
  "Publicité",
  "Temps de lecture : 4 minutes",
};

static const char *footers[] = {
  "Vous pouvez partager cette histoire sur les réseaux sociaux :",
  "*********************************",
  "Vous pouvez lire l’article original ici",
  "Votre soutien est essentiel pour nous permettre de continuer.",
  "Inscrivez-vous à ma newsletter gratuite ➡️ ICI",
  "Nous avons besoin de financements … votre contribution via Paypal.",
  "Et vous, qu’en pensez-vous ? Laissez un commentaire ci-dessous.",
  "© Le Journal du Pays – Tous droits réservés",
  "À lire aussi : Les marchés de producteurs font le plein",
  "Suivez-nous sur Instagram @journaldupays",
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static char *
generate_article (GRand *rand)
{
  GString *s = g_string_new (NULL);
  const char *title = PICK (rand, titles);
  guint n_paragraphs = g_rand_int_range (rand, 3, 7);
  gboolean with_boilerplate = g_rand_int_range (rand, 0, 4) != 0;

  if (with_boilerplate && g_rand_boolean (rand))
    g_string_append_printf (s, "%s\n\n", PICK (rand, heads));
  g_string_append_printf (s, "%s\n", title);
  if (with_boilerplate && g_rand_int_range (rand, 0, 4) == 0)
    g_string_append_printf (s, "%s\n", title);
  g_string_append_c (s, '\n');

  for (guint p = 0; p < n_paragraphs; p++)
    {
      guint n_sentences = g_rand_int_range (rand, 2, 5);

      for (guint k = 0; k < n_sentences; k++)
        {
          g_string_append_printf (s, "%s %s %s. ", PICK (rand, subjects), PICK (rand, verbs),
                                  PICK (rand, objects));
          guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (tails));
          g_string_append_printf (s, "%s%d%s", tails[t][0], g_rand_int_range (rand, 2, 40), tails[t][1]);
          g_string_append_c (s, k + 1 < n_sentences ? ' ' : '\n');
        }
      g_string_append_c (s, '\n');
    }

  if (with_boilerplate)
    {
      guint n_footer = g_rand_int_range (rand, 1, 6);
      guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (footers));

      for (guint k = 0; k < n_footer; k++)
        g_string_append_printf (s, "%s\n", footers[(first + k) % G_N_ELEMENTS (footers)]);
    }

  return g_string_free (s, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EpurePluginEngine) engine = NULL;
  g_autoptr(EpurePipeline) pipeline = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) epure_text_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260512);
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "boilerplate", NULL };
  guint n_articles = DEFAULT_ARTICLES;
  const char *dump = NULL;
  g_autoptr(GString) dumped = NULL;
  guint64 bytes = 0, findings_total = 0;
  double times[N_RUNS], cpu_times[N_RUNS];

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dump") && i + 1 < argc)
        dump = argv[++i];
      else
        n_articles = (guint) atoi (argv[i]);
    }
  if (dump != NULL)
    dumped = g_string_new (NULL);

  epure_init ();
  engine = epure_plugin_engine_new ();
  pipeline = epure_plugin_engine_create_pipeline (engine, ids, &error);
  if (pipeline == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < n_articles; i++)
    {
      char *article = generate_article (rand);
      gsize len = strlen (article);

      bytes += len;
      if (dumped != NULL)
        {
          g_string_append_len (dumped, article, len);
          g_string_append_c (dumped, '\f');
        }
      g_ptr_array_add (texts, epure_text_new_take (article, len, NULL));
    }

  if (dumped != NULL && !g_file_set_contents (dump, dumped->str, dumped->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The machine is shared: several runs, the median and the best. */
  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_seconds ();

      findings_total = 0;
      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(GPtrArray) findings = epure_pipeline_check (pipeline, g_ptr_array_index (texts, i),
                                                                 NULL, NULL, &error);
          if (findings == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          findings_total += findings->len;
        }
      times[run] = (g_get_monotonic_time () - t0) / 1e6;
      cpu_times[run] = thread_seconds () - c0;
    }
  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  qsort (cpu_times, N_RUNS, sizeof (double), compare_doubles);

  printf ("boilerplate: %u generated articles, %.2f MiB, %" G_GUINT64_FORMAT " findings\n",
          n_articles, bytes / (1024.0 * 1024.0), findings_total);
  for (guint k = 0; k < 3; k++)
    {
      const char *what[] = { "median wall time", "best wall time", "median CPU time" };
      double seconds = k == 0 ? times[N_RUNS / 2] : k == 1 ? times[0] : cpu_times[N_RUNS / 2];
      double per_second = n_articles / seconds;

      printf ("boilerplate: %s of %u runs, one thread: %.3f s, %.0f articles/s, %.2f MiB/s, "
              "%.2f× the target of %.0f articles/s\n",
              what[k], N_RUNS, seconds, per_second,
              bytes / (1024.0 * 1024.0) / seconds, per_second / TARGET_PER_SECOND, TARGET_PER_SECOND);
    }

  return 0;
}
