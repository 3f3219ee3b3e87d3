#!/usr/bin/env bash
# README command 1: installs what is missing, builds Épure, and opens the
# sample article in the app.  Without a display it checks the same sample
# with epure-cli instead.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${EPURE_BUILDDIR:-$src/_build}"
sample=data/samples/article-exemple.txt   # relative to $src, where devenv runs

"$src/build-aux/install-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Dwerror=true
fi
meson compile -C "$build"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  if [ -x "$build/ui/gtk/epure" ]; then
    exec meson devenv -C "$build" -w "$src" epure "$sample"
  fi
  echo "run-app: the GTK application is not built (-Dgtk=false?); checking the sample with epure-cli" >&2
else
  echo "run-app: no display (\$DISPLAY and \$WAYLAND_DISPLAY are unset); checking the sample with epure-cli" >&2
fi

# epure-cli exits 1 when it finds something, which is the point of the
# sample: only 2 (an error) is a failure.
status=0
meson devenv -C "$build" -w "$src" epure-cli check "$sample" || status=$?
[ "$status" -le 1 ] || exit "$status"
