#!/usr/bin/env bash
# bench-typography.sh: typography throughput of Épure against Grammalecte's
# text formatter and Typograf, on the same French corpus.
#
# Usage: bench-typography.sh ENGINE_BENCH EPURE_CLI|"" FIXTURES_DIR WORK_DIR
#
# The corpus (>= 20 MiB) is built once in WORK_DIR from French manual pages
# (manpages-fr rendered with man -Tutf8), the typography fixtures and
# generated news-like prose.  The peers are slow, so they run on a subset
# (EPURE_BENCH_PEER_BYTES, 2 MiB by default) and Épure runs on both; the
# ratios compare throughputs (MiB/s), which is what scaling means here.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

engine=$1
cli=$2
fixtures=$3
work=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
target=$((21 * 1024 * 1024))
peer_bytes=${EPURE_BENCH_PEER_BYTES:-2097152}

mkdir -p "$work"
corpus=$work/corpus-fr.txt
subset=$work/corpus-fr-subset.txt

size_of() { stat -c %s "$1"; }
mibps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.2f", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }

# Runs a command, its stdout to $1; prints the wall-clock seconds.
timed() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$out" 2>"$out.err"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

build_corpus() {
  local parts=$work/corpus-parts
  mkdir -p "$parts"

  if command -v man >/dev/null && [ -d /usr/share/man/fr ]; then
    echo "# rendering manpages-fr with man -Tutf8…"
    find /usr/share/man/fr -name '*.gz' | sort >"$parts/pages.txt"
    head -n 300 "$parts/pages.txt" | while read -r page; do
      MANWIDTH=80 LC_ALL=C.UTF-8 man -Tutf8 -l "$page" 2>/dev/null | col -bx || true
      echo
    done | iconv -c -f UTF-8 -t UTF-8 >"$parts/man.txt"
  else
    : >"$parts/man.txt"
  fi

  # The fixtures' "before" column, one paragraph each, plus the article.
  grep -v '^#\|^@\|^$' "$fixtures/cases.tsv" | cut -f1 |
    sed 's/\\n/\n/g; s/~/\xc2\xa0/g; s/\^/\xe2\x80\xaf/g; s/\\\\/\\/g' |
    awk '{ print; print "" }' >"$parts/fixtures.txt"
  cat "$fixtures/article.txt" >>"$parts/fixtures.txt"

  awk -v n=6000 -f "$here/generate-corpus.awk" >"$parts/generated.txt"

  : >"$corpus.tmp"
  while [ "$(size_of "$corpus.tmp")" -lt "$target" ]; do
    cat "$parts/man.txt" "$parts/generated.txt" "$parts/fixtures.txt" >>"$corpus.tmp"
  done
  mv "$corpus.tmp" "$corpus"
}

if [ ! -s "$corpus" ] || [ "$(size_of "$corpus")" -lt "$target" ]; then
  build_corpus
fi
head -c "$peer_bytes" "$corpus" >"$subset.tmp"
sed '$d' "$subset.tmp" >"$subset"
rm -f "$subset.tmp"
full=$(size_of "$corpus")
part=$(size_of "$subset")

printf '# corpus: %s (%.1f MiB); peers run on the first %.2f MiB\n' "$corpus" \
  "$(awk -v b="$full" 'BEGIN { print b / 1048576 }')" "$(awk -v b="$part" 'BEGIN { print b / 1048576 }')"

# 1. The engine alone, in process (best of 3).
engine_line=$("$engine" "$corpus" "$work/out-engine.txt" | tee /dev/stderr | grep '^engine-clean ')
engine_rate=$(echo "$engine_line" | awk '{ print $4 }')
"$engine" "$subset" >"$work/engine-subset.txt"
engine_subset_rate=$(grep '^engine-clean ' "$work/engine-subset.txt" | awk '{ print $4 }')

# 2. epure-cli, when this build has it.
cli_rate=""
cli_subset_rate=""
if [ -n "$cli" ] && [ -x "$cli" ]; then
  s=$(timed "$work/out-cli.txt" "$cli" clean --checkers=typography "$corpus")
  cli_rate=$(mibps "$full" "$s")
  s=$(timed "$work/out-cli-subset.txt" "$cli" clean --checkers=typography "$subset")
  cli_subset_rate=$(mibps "$part" "$s")
  if cmp -s "$work/out-cli.txt" "$work/out-engine.txt"; then same="same output as the engine"; else same="OUTPUT DIFFERS from the engine"; fi
  echo "epure-cli clean --checkers=typography: $cli_rate MiB/s on the corpus, $cli_subset_rate MiB/s on the subset ($same)"
else
  echo "epure-cli: not built in this tree yet, skipped"
fi

# 3. Grammalecte's text formatter.
gram_rate=""
if command -v grammalecte-cli >/dev/null; then
  s=$(timed "$work/out-grammalecte.txt" grammalecte-cli -f "$subset" -tfo)
  gram_rate=$(mibps "$part" "$s")
  echo "grammalecte-cli -f SUBSET -tfo: ${s} s, $gram_rate MiB/s (subset)"
else
  echo "grammalecte-cli: not installed, skipped"
fi

# 4. Typograf 7.8, locale fr, line by line, installed here at bench time.
typo_rate=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -f "$work/typograf/node_modules/typograf/package.json" ]; then
    npm install --silent --no-audit --no-fund --prefix "$work/typograf" typograf@7.8 >/dev/null 2>&1 || true
  fi
  if [ -f "$work/typograf/node_modules/typograf/package.json" ]; then
    s=$(timed "$work/out-typograf.txt" node "$here/typograf-lines.js" "$work/typograf" "$subset")
    typo_rate=$(mibps "$part" "$s")
    echo "typograf $(node -p "require('$work/typograf/node_modules/typograf/package.json').version") (fr, line by line): ${s} s, $typo_rate MiB/s (subset)"
  else
    echo "typograf: npm install failed, skipped"
  fi
else
  echo "typograf: node or npm missing, skipped"
fi

# Ratios against the faster peer.
fastest=$(printf '%s\n' "$gram_rate" "$typo_rate" | grep . | sort -g | tail -n1 || true)
echo
echo "== typography throughput (MiB/s) =="
printf '%-44s %10s\n' "engine alone, in process (corpus)" "$engine_rate"
printf '%-44s %10s\n' "engine alone, in process (subset)" "$engine_subset_rate"
[ -n "$cli_rate" ] && printf '%-44s %10s\n' "epure-cli clean --checkers=typography" "$cli_rate"
[ -n "$cli_subset_rate" ] && printf '%-44s %10s\n' "epure-cli clean (subset)" "$cli_subset_rate"
[ -n "$gram_rate" ] && printf '%-44s %10s\n' "grammalecte-cli -tfo (subset)" "$gram_rate"
[ -n "$typo_rate" ] && printf '%-44s %10s\n' "typograf 7.8 fr, line by line (subset)" "$typo_rate"
if [ -n "$fastest" ]; then
  echo "engine / faster peer: $(ratio "$engine_rate" "$fastest")x"
  [ -n "$cli_rate" ] && echo "epure-cli / faster peer: $(ratio "$cli_rate" "$fastest")x (target >= 50x)"
  [ -n "$cli_subset_rate" ] && echo "epure-cli / faster peer, same subset: $(ratio "$cli_subset_rate" "$fastest")x"
  [ -n "$gram_rate" ] && echo "engine / grammalecte: $(ratio "$engine_rate" "$gram_rate")x"
  [ -n "$typo_rate" ] && echo "engine / typograf: $(ratio "$engine_rate" "$typo_rate")x"
fi
echo "engine target >= 200 MiB/s: $engine_rate MiB/s"
