#!/bin/sh
# Is every string the sources mark for translation translated in each
# language of LINGUAS, none fuzzy?  A message changed in the code without
# its translation is otherwise only seen by a user, in English.
#
# Usage: check-translations.sh SOURCE_ROOT
set -eu

src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$src/po/POTFILES.in" >"$tmp/files"
# The keywords of po/meson.build's "glib" preset that the sources use.
xgettext --directory="$src" --files-from="$tmp/files" --output="$tmp/epure.pot" \
  --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=Description

status=0
for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS"); do
  # Without fuzzy matching, a changed message is untranslated, not a guess.
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$src/po/$lang.po" "$tmp/epure.pot"
  stats=$(msgfmt --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  echo "po/$lang.po: $stats"
  case $stats in
    *untranslated* | *fuzzy*)
      echo "These messages of the sources have no translation in po/$lang.po:"
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | sed '1,/^$/d'
      msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | sed '1,/^$/d'
      status=1
      ;;
  esac
done
exit $status
