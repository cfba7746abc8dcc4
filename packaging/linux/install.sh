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
  echo "Your interviews and recordings were not touched; delete this folder to remove the app."
  exit 0
fi

case "$here" in
  *[\"\`\$\\\|]*)
    echo "The folder's path has a character a menu entry cannot hold (\" \` \$ \\ or |)." >&2
    echo "Move this folder somewhere else (for example into your home folder) and try again." >&2
    exit 1 ;;
esac
mkdir -p "$apps" "$icons"
cp "$here/ikan-desktop.png" "$icons/ikan-desktop.png"
entry="$(mktemp "$apps/.ikan-desktop.XXXXXX")"
sed -e "s|^Exec=.*|Exec=\"$here/ikan-desktop\"|" -e "s|^Icon=.*|Icon=ikan-desktop|" \
  "$here/ikan-desktop.desktop" > "$entry"
chmod 644 "$entry"
mv "$entry" "$apps/ikan-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
say() {
  echo "$1"
  # Started with a double-click there is no terminal to read: say it as a notification too.
  if [ ! -t 1 ] && command -v notify-send >/dev/null 2>&1; then
    notify-send --icon="$icons/ikan-desktop.png" "ikan-desktop" "$1" || true
  fi
}
say "ikan-desktop is now in your applications menu (it runs from $here). If you move this folder, run install.sh again from its new place."
