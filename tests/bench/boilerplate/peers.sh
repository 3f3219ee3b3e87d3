#!/bin/sh
# peers.sh BUILD_DIR BENCH_PROGRAM EVALUATE_PROGRAM CORPUS_DIR
# Épure's boilerplate checker against Mozilla Readability (installed here
# with npm, into the build directory) on the same generated articles, and on
# the labelled corpus.  Skipped (exit 77) when npm cannot install it.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
dir=$1/tests/bench/boilerplate/peers
bench=$2
evaluate=$3
corpus=$4
src=$(dirname "$0")
n=${EPURE_BENCH_ARTICLES:-10000}

mkdir -p "$dir"
if [ ! -d "$dir/node_modules/@mozilla/readability" ] || [ ! -d "$dir/node_modules/linkedom" ]; then
  if ! (cd "$dir" && npm install --no-save --no-audit --no-fund --silent \
          @mozilla/readability@0.6.0 linkedom@0.18 >/dev/null 2>&1); then
    echo "peers: npm could not install @mozilla/readability and linkedom, skipped"
    exit 77
  fi
fi
cp "$src/readability-peer.mjs" "$dir/"

ours=$("$bench" "$n" --dump "$dir/articles.txt")
echo "$ours"
theirs=$(node "$dir/readability-peer.mjs" speed "$dir/articles.txt")
echo "$theirs"
a=$(echo "$ours" | sed -n 's/.*median wall.* \([0-9]*\) articles\/s.*/\1/p')
b=$(echo "$theirs" | sed -n 's/.* \([0-9]*\) articles\/s.*/\1/p')
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio: boilerplate checker %.1f× the articles/s of Readability\n", a / b }'

"$evaluate" "$corpus" 2>/dev/null | grep -E '^# (ALL|flagged)' | sed 's/^# /épure on the corpus: /'
node "$dir/readability-peer.mjs" corpus "$corpus"
