#!/usr/bin/env bash
# The whole suite under AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer, in its own build directory.  Known leaks of
# system libraries are suppressed in tests/lsan.supp (the test environment
# points LSAN_OPTIONS at it).  Extra arguments go to `meson test`.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${EPURE_ASAN_BUILDDIR:-$src/_build-asan}"

"$src/build-aux/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  # b_lundef=false: plugins are shared modules that leave the sanitizer
  # runtime's symbols to the executable.
  meson setup "$build" "$src" -Dwerror=true --buildtype=debug \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
meson compile -C "$build"

export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Stall bounds in the UI tests scale with the sanitizers' slowdown.
export EPURE_TEST_TIME_FACTOR=5
exec xvfb-run -a -s '-screen 0 1280x1024x24' \
  meson test -C "$build" --print-errorlogs --timeout-multiplier 4 "$@"
