#!/usr/bin/env bash
# Builds the one-folder bundle with PyInstaller, then (on Linux) the tarball a teacher downloads.
#   build-dist.sh [DIST_DIR] [WORK_DIR]      (defaults: dist/ and build/pyinstaller/)
# Uses the Python of the project's .venv unless PYTHON is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dist="$(realpath -m "${1:-$root/dist}")"
work="$(realpath -m "${2:-$root/build/pyinstaller}")"
python="${PYTHON:-$root/.venv/bin/python}"

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work" "$here/ikan-desktop.spec"

case "$(uname -s)" in
  Linux) bash "$here/linux/make-tarball.sh" "$dist/ikan-desktop" "$dist" ;;
esac
