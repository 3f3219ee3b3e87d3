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

# Runs a command $EPURE_BENCH_RUNS times (3), its stdout to $1; prints
# "WALL_S CPU_S", the best of each, as the engine's figures are (the
# machine may be shared by other jobs, so CPU time, user + system, is
# kept too).
timed() {
  local out=$1
  shift
  for _ in $(seq "${EPURE_BENCH_RUNS:-3}"); do
    /usr/bin/time -f '%e %U %S' -o "$out.time" "$@" >"$out" 2>"$out.err"
    cat "$out.time"
  done | awk '$1 !~ /^[0-9.]+$/ { next }
              n++ == 0 || $1 < w { w = $1 }
              n == 1 || $2 + $3 < c { c = $2 + $3 }
              END { printf "%.3f %.3f\n", w, c }'
}

# man's bold and underline are overstrikes: col (bsdextrautils) removes
# them, sed does when col is missing.
strip_overstrike() {
  if command -v col >/dev/null; then col -bx; else sed 's/.\x08//g'; fi
}

build_corpus() {
  local parts=$work/corpus-parts
  mkdir -p "$parts"

  if command -v man >/dev/null && [ -d /usr/share/man/fr ]; then
    echo "# rendering manpages-fr with man -Tutf8…"
    find /usr/share/man/fr -name '*.gz' | sort >"$parts/pages.txt"
    head -n 300 "$parts/pages.txt" | while read -r page; do
      MANWIDTH=80 LC_ALL=C.UTF-8 man -Tutf8 -l "$page" 2>/dev/null | strip_overstrike || true
      echo
    done | iconv -c -f UTF-8 -t UTF-8 >"$parts/man.txt"
  else
    : >"$parts/man.txt"
  fi

  # The fixtures' "before" column, one paragraph each, plus the article.
  grep -v '^#\|^@\|^$' "$fixtures/cases.tsv" | cut -f1 |
    sed 's/\\n/\n/g; s/\\r/\r/g; s/\\t/\t/g; s/~/\xc2\xa0/g; s/\^/\xe2\x80\xaf/g; s/\\\\/\\/g' |
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

rows=()
row() { rows+=("$(printf '%-46s %10s %10s' "$1" "$2" "$3")"); }

# 1. The engine alone, in process (best of 3).
"$engine" "$corpus" "$work/out-engine.txt" | tee "$work/engine.txt"
EPURE_BENCH_MODES=clean "$engine" "$subset" >"$work/engine-subset.txt"
engine_wall=$(awk '$1 == "engine-clean" { print $4 }' "$work/engine.txt")
engine_cpu=$(awk '$1 == "engine-clean" { print $6 }' "$work/engine.txt")
row "typography checker alone, check (corpus)" "$(awk '$1 == "engine-checker-only" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-checker-only" { print $6 }' "$work/engine.txt")"
row "engine check, in process (corpus)" "$(awk '$1 == "engine-check" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-check" { print $6 }' "$work/engine.txt")"
row "engine clean, in process (corpus)" "$engine_wall" "$engine_cpu"
row "engine clean, re-checking settled paragraphs" "$(awk '$1 == "engine-clean-recheck" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-clean-recheck" { print $6 }' "$work/engine.txt")"
row "engine clean by 64 KiB chunks (corpus)" "$(awk '$1 == "engine-clean-streaming" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-clean-streaming" { print $6 }' "$work/engine.txt")"
row "one fix() pass: automatic edits (corpus)" "$(awk '$1 == "engine-fix" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-fix" { print $6 }' "$work/engine.txt")"
row "clean through findings (reference, 1 run)" "$(awk '$1 == "engine-clean-findings" { print $4 }' "$work/engine.txt")" \
  "$(awk '$1 == "engine-clean-findings" { print $6 }' "$work/engine.txt")"
row "engine clean, in process (subset)" "$(awk '$1 == "engine-clean" { print $4 }' "$work/engine-subset.txt")" \
  "$(awk '$1 == "engine-clean" { print $6 }' "$work/engine-subset.txt")"

# The common case in the editor: re-checking text that is already clean.
EPURE_BENCH_MODES=checker-only,check,clean "$engine" "$work/out-engine.txt" >"$work/engine-clean-text.txt"
row "typography checker alone, on cleaned corpus" \
  "$(awk '$1 == "engine-checker-only" { print $4 }' "$work/engine-clean-text.txt")" \
  "$(awk '$1 == "engine-checker-only" { print $6 }' "$work/engine-clean-text.txt")"
row "engine check, on cleaned corpus" "$(awk '$1 == "engine-check" { print $4 }' "$work/engine-clean-text.txt")" \
  "$(awk '$1 == "engine-check" { print $6 }' "$work/engine-clean-text.txt")"
row "engine clean, on cleaned corpus" "$(awk '$1 == "engine-clean" { print $4 }' "$work/engine-clean-text.txt")" \
  "$(awk '$1 == "engine-clean" { print $6 }' "$work/engine-clean-text.txt")"

# 2. epure-cli, when this build has it.
cli_wall=""
cli_cpu=""
if [ -n "$cli" ] && [ -x "$cli" ]; then
  read -r w c < <(timed "$work/out-cli.txt" "$cli" clean --checkers=typography "$corpus")
  cli_wall=$(mibps "$full" "$w")
  cli_cpu=$(mibps "$full" "$c")
  row "epure-cli clean --checkers=typography (corpus)" "$cli_wall" "$cli_cpu"
  read -r w c < <(timed "$work/out-cli-subset.txt" "$cli" clean --checkers=typography "$subset")
  row "epure-cli clean --checkers=typography (subset)" "$(mibps "$part" "$w")" "$(mibps "$part" "$c")"
  if cmp -s "$work/out-cli.txt" "$work/out-engine.txt"; then
    echo "# epure-cli output is identical to the engine's"
  elif cmp -s <(tr -d '\r' <"$work/out-cli.txt") <(tr -d '\r' <"$work/out-engine.txt"); then
    # The corpus has a few CR line ends (fixtures); epure-cli reads text
    # files with their line ends made \n, the engine takes bytes as they are.
    echo "# epure-cli output is identical to the engine's but for CR line ends, which it normalises"
  else
    echo "# WARNING: epure-cli output differs from the engine's"
  fi
else
  echo "# epure-cli: not built in this tree yet, skipped"
fi

# 3. Grammalecte's text formatter, on the subset.
peers_wall=()
peers_cpu=()
if command -v grammalecte-cli >/dev/null; then
  read -r w c < <(timed "$work/out-grammalecte.txt" grammalecte-cli -f "$subset" -tfo)
  row "grammalecte-cli -f SUBSET -tfo" "$(mibps "$part" "$w")" "$(mibps "$part" "$c")"
  peers_wall+=("$(mibps "$part" "$w") grammalecte")
  peers_cpu+=("$(mibps "$part" "$c") grammalecte")
else
  echo "# grammalecte-cli: not installed, skipped"
fi

# 4. Typograf 7.8, locale fr, line by line, installed here at bench time.
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -f "$work/typograf/node_modules/typograf/package.json" ]; then
    npm install --silent --no-audit --no-fund --prefix "$work/typograf" typograf@7.8 >/dev/null 2>&1 || true
  fi
  if [ -f "$work/typograf/node_modules/typograf/package.json" ]; then
    version=$(node -p "require('$work/typograf/node_modules/typograf/package.json').version")
    read -r w c < <(timed "$work/out-typograf.txt" node "$here/typograf-lines.js" "$work/typograf" "$subset")
    row "typograf $version (fr, line by line) on SUBSET" "$(mibps "$part" "$w")" "$(mibps "$part" "$c")"
    peers_wall+=("$(mibps "$part" "$w") typograf")
    peers_cpu+=("$(mibps "$part" "$c") typograf")
  else
    echo "# typograf: npm install failed, skipped"
  fi
else
  echo "# typograf: node or npm missing, skipped"
fi

echo
echo "== typography throughput, MiB/s (peers on the $(awk -v b="$part" 'BEGIN { printf "%.1f", b / 1048576 }') MiB subset, scaled by rate) =="
printf '%-46s %10s %10s\n' "" "wall" "cpu"
printf '%s\n' "${rows[@]}"
echo
if [ ${#peers_wall[@]} -gt 0 ]; then
  best_wall=$(printf '%s\n' "${peers_wall[@]}" | sort -g | tail -n1)
  best_cpu=$(printf '%s\n' "${peers_cpu[@]}" | sort -g | tail -n1)
  echo "faster peer: ${best_wall#* } (${best_wall%% *} MiB/s wall, ${best_cpu%% *} MiB/s cpu)"
  echo "engine clean / faster peer: $(ratio "$engine_wall" "${best_wall%% *}")x wall, $(ratio "$engine_cpu" "${best_cpu%% *}")x cpu"
  if [ -n "$cli_wall" ]; then
    echo "epure-cli / faster peer: $(ratio "$cli_wall" "${best_wall%% *}")x wall, $(ratio "$cli_cpu" "${best_cpu%% *}")x cpu (target >= 50x)"
  fi
fi
echo "engine alone (target >= 200 MiB/s): $engine_wall MiB/s wall, $engine_cpu MiB/s cpu (pipeline clean);" \
  "$(awk '$1 == "engine-fix" { print $4 " MiB/s wall, " $6 " MiB/s cpu" }' "$work/engine.txt") (one fix() pass);" \
  "$(awk '$1 == "engine-clean" { print $4 " MiB/s wall, " $6 " MiB/s cpu" }' "$work/engine-clean-text.txt") (clean of clean text)"
grep '^# clean through' "$work/engine.txt" || echo "# WARNING: the fix route was not compared with the findings route"
