#!/usr/bin/env bash
# README command 2: installs what is missing, builds Épure warning-clean
# and runs the whole suite; the UI tests get a virtual X server (xvfb-run),
# so they never open windows on the user's display.
# Extra arguments go to `meson test` (a suite name, --repeat, …).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${EPURE_BUILDDIR:-$src/_build}"

"$src/build-aux/install-deps.sh"
if [ -f "$build/build.ninja" ]; then
  meson configure "$build" -Dwerror=true
else
  meson setup "$build" "$src" -Dwerror=true
fi
meson compile -C "$build"
exec xvfb-run -a -s '-screen 0 1280x1024x24' meson test -C "$build" --print-errorlogs "$@"
