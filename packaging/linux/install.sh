#!/usr/bin/env bash
# Adds ikan-desktop to this user's applications menu, pointing at this folder.
# No admin rights needed; nothing outside your home folder is touched.
#   ./install.sh             add (or update) the menu entry and icon
#   ./install.sh --uninstall remove them again (your interviews and recordings are kept)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$apps/ikan-desktop.desktop" "$icons/ikan-desktop.png"
  echo "ikan-desktop is no longer in your applications menu."
  echo "Your data folder was not touched; delete this folder to remove the app itself."
  exit 0
fi

mkdir -p "$apps" "$icons"
cp "$here/ikan-desktop.png" "$icons/ikan-desktop.png"
entry="$(mktemp "$apps/.ikan-desktop.XXXXXX")"
sed -e "s|^Exec=.*|Exec=\"$here/ikan-desktop\"|" -e "s|^Icon=.*|Icon=ikan-desktop|" \
  "$here/ikan-desktop.desktop" > "$entry"
chmod 644 "$entry"
mv "$entry" "$apps/ikan-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
echo "ikan-desktop is now in your applications menu (it runs from $here)."
echo "If you move this folder, run ./install.sh again from its new place."
