#!/usr/bin/env bash
# Fuzzes Épure's document readers with libFuzzer and AddressSanitizer.
#
#   build-aux/run-fuzz.sh [READER…] [-- LIBFUZZER_OPTION…]
#
# READER is txt, markdown, html, odt or docx (default: all of them, one
# after the other).  EPURE_FUZZ_SECONDS sets the time per reader (default
# 600).  The clang build lives in _build-fuzz (EPURE_FUZZ_BUILDDIR); each
# reader's growing corpus in _build-fuzz/fuzz-corpus/READER, crashes in
# _build-fuzz/fuzz-crashes/READER.  Seeds: tests/fixtures/formats, plus
# those fixtures converted by pandoc to the reader's format.
# Replay one crash: _build-fuzz/tests/plugin/formats/fuzz-READER CRASH_FILE
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${EPURE_FUZZ_BUILDDIR:-$src/_build-fuzz}"
seconds="${EPURE_FUZZ_SECONDS:-600}"

readers=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do readers+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#readers[@]} -gt 0 ] || readers=(txt markdown html odt docx)

"$src/build-aux/install-deps.sh" fuzz

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" "$src" --buildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link -Dgtk=false -Dbench=false >/dev/null
fi
ninja -C "$build" $(printf 'tests/plugin/formats/fuzz-%s ' "${readers[@]}")

fixtures="$src/tests/fixtures/formats"
for reader in "${readers[@]}"; do
  corpus="$build/fuzz-corpus/$reader"
  seeds="$build/fuzz-seeds/$reader"
  crashes="$build/fuzz-crashes/$reader"
  mkdir -p "$corpus" "$seeds" "$crashes"
  cp "$fixtures"/* "$seeds"/
  case "$reader" in
    odt|docx|html)
      if command -v pandoc >/dev/null; then
        for md in "$fixtures"/*.md; do
          pandoc -s --metadata title=seed "$md" -o "$seeds/$(basename "$md" .md).$reader"
        done
      fi ;;
  esac
  echo "== fuzzing the $reader reader for $seconds s"
  ASAN_OPTIONS=detect_leaks=1 \
    "$build/tests/plugin/formats/fuzz-$reader" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -max_len=1048576 -artifact_prefix="$crashes/" "$@" "$corpus" "$seeds"
done
