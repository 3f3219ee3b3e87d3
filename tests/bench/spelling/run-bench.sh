#!/usr/bin/env bash
# Spelling benchmarks: builds the manpages-fr corpus (cached in the build
# dir), then the checker and the GTK adapter benchmarks.
set -euo pipefail
build_corpus=$1 corpus=$2 bench_spelling=$3 bench_adapter=$4 cli=$5

"$build_corpus" "$corpus"
"$bench_spelling" "$corpus/slice-1mib.txt" "$corpus/corpus-6mib.txt" "$cli"

if [ -n "$bench_adapter" ]; then
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    run=(xvfb-run -a -s '-screen 0 1280x1024x24')
  else
    run=()
  fi
  # Xvfb has no GPU: GL would go through llvmpipe, slower than any real
  # desktop; the cairo renderer is closer to what users see.
  export GSK_RENDERER=${GSK_RENDERER:-cairo} GDK_BACKEND=x11
  "${run[@]}" "$bench_adapter" "$corpus/corpus-6mib.txt"
  "${run[@]}" "$bench_adapter" --memory "$corpus/corpus-20mib.txt"
fi
