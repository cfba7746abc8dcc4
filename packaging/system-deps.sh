#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the app (runtime) or the test suite (test) needs, only
# when some are missing. Elsewhere (macOS, Windows, no apt) it does nothing: see README.md.
set -euo pipefail
kind="${1:-runtime}"

runtime=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 libpulse0 libxrandr2
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fonts-dejavu-core)
testing=(pulseaudio pulseaudio-utils espeak-ng sox poppler-utils xvfb xauth x11-apps xdotool
         imagemagick stress-ng)

wanted=("${runtime[@]}")
[ "$kind" = "test" ] && wanted+=("${testing[@]}")

command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Please install these packages as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
