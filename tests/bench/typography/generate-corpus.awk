# generate-corpus.awk: French news-like prose with the typography problems
# Épure fixes (straight quotes, ' apostrophes, missing no-break spaces,
# three dots, double hyphens), deterministic.  Usage: awk -v n=PARAGRAPHS
# SPDX-License-Identifier: GPL-3.0-or-later
function pick(list,    a, k) { k = split(list, a, "|"); return a[int(rand() * k) + 1] }
# Case changes on ASCII initials only: awk may count bytes, not characters.
function upfirst(s) { return s ~ /^[a-z]/ ? toupper(substr(s, 1, 1)) substr(s, 2) : s }
function lowfirst(s) { return s ~ /^[A-Z]/ ? tolower(substr(s, 1, 1)) substr(s, 2) : s }
BEGIN {
  srand(42)
  who = "La ministre|Le porte-parole|L'intersyndicale|Le maire de Lyon|Une habitante|L'ONU|Le président du club|La secrétaire générale|Un chercheur du CNRS|L'avocate de la famille"
  verb = "a déclaré|a estimé|a rappelé|a affirmé|a prévenu|a jugé|a dénoncé|a salué"
  quote = "éliminé|une attaque terroriste|s'abstenir de toute violence|plus rien à négocier|une réforme nécessaire|aujourd'hui comme hier|l'intérêt général|un échec collectif|la fin d'une époque|inacceptable"
  place = "à Paris|à Marseille|dans l'Hérault|en Bretagne|à l'Assemblée nationale|devant la préfecture|à Bruxelles|sur le plateau de France 2"
  tail = "selon un communiqué|d'après nos informations|a-t-on appris mardi|jeudi soir|ce week-end|lors d'une conférence de presse"
  when = "12:30|8:15|18:00|21:45"
  for (i = 0; i < n; i++) {
    p = ""
    m = 3 + int(rand() * 4)
    for (j = 0; j < m; j++) {
      r = rand()
      if (r < 0.2)
        s = pick(who) " " pick(verb) " qu'il s'agissait d'\"" pick(quote) "\" " pick(place) "."
      else if (r < 0.35)
        s = "\"" upfirst(pick(quote)) "\", " pick(verb) " " lowfirst(pick(who)) " " pick(tail) "."
      else if (r < 0.5)
        s = pick(who) " parle de \"" pick(quote) ",\" " pick(tail) "."
      else if (r < 0.6)
        s = "Pourquoi maintenant? " pick(who) " " pick(verb) " : \"Nous verrons bien !\""
      else if (r < 0.7)
        s = "Le rendez-vous est fixé à " pick(when) " " pick(place) "; rien n'est encore décidé..."
      else if (r < 0.8)
        s = pick(who) " -- " pick(tail) " -- " pick(verb) " que « " pick(quote) " » restait possible."
      else
        s = "L'enquête, ouverte " pick(place) ", se poursuit ; les résultats sont attendus " pick(tail) "."
      p = p (j ? " " : "") s
    }
    print p
    print ""
  }
}
