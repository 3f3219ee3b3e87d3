#!/usr/bin/env bash
# Builds Épure and runs every benchmark under tests/bench/, printing figures.
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$src/build-aux/install-deps.sh" bench fuzz
build="${EPURE_BENCH_BUILDDIR:-$src/_build-bench}"
[ -d "$build" ] || meson setup "$build" "$src" --buildtype=release -Dbench=true >/dev/null
meson compile -C "$build" >/dev/null
if [ -n "${DISPLAY:-}" ]; then
  meson test -C "$build" --benchmark --verbose --timeout-multiplier 10 "$@"
else
  xvfb-run -a -s '-screen 0 1280x1024x24' meson test -C "$build" --benchmark --verbose --timeout-multiplier 10 "$@"
fi
