#!/usr/bin/env bash
# Builds the French benchmark corpus from Debian's manpages-fr, once per
# build dir: every French man page rendered to UTF-8 text by groff (no
# hyphenation, no bold/underline overstrikes), then a 6 MiB document, a
# 1 MiB slice and a 20 MiB document (the corpus repeated).
set -euo pipefail
out=${1:?output directory}
mkdir -p "$out"
[ -s "$out/corpus-6mib.txt" ] && [ -s "$out/slice-1mib.txt" ] && [ -s "$out/corpus-20mib.txt" ] && exit 0

if [ ! -d /usr/share/man/fr ]; then
  echo "manpages-fr is not installed" >&2
  exit 77
fi

all="$out/corpus-all.txt"
: > "$all"
find /usr/share/man/fr -type f -name '*.gz' | LC_ALL=C sort | while read -r page; do
  zcat -f "$page" | groff -k -Tutf8 -mandoc -rHY=0 -dAD=l -P-cbou 2>/dev/null >> "$all" || true
done

# Cut at line ends so that no word is split.
cut_to () {
  head -c "$2" "$1" | sed '$d'
}
cut_to "$all" $((6 * 1024 * 1024)) > "$out/corpus-6mib.txt"
# The slice comes from the middle of the corpus, away from the first pages.
tail -c +$((2 * 1024 * 1024)) "$out/corpus-6mib.txt" | sed '1d' > "$out/middle.tmp"
cut_to "$out/middle.tmp" $((1024 * 1024)) > "$out/slice-1mib.txt"
rm -f "$out/middle.tmp"
: > "$out/big.tmp"
while [ "$(stat -c %s "$out/big.tmp")" -lt $((20 * 1024 * 1024)) ]; do
  cat "$out/corpus-6mib.txt" >> "$out/big.tmp"
done
cut_to "$out/big.tmp" $((20 * 1024 * 1024)) > "$out/corpus-20mib.txt"
rm -f "$out/big.tmp"
