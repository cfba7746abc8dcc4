#!/usr/bin/env bash
# Wraps the bundle folder as ikan-desktop-VERSION-linux-ARCH.tar.gz: the app, its desktop entry,
# its icon and install.sh (which adds it to the applications menu for this user, no admin rights).
#   make-tarball.sh BUNDLE_DIR OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
bundle="$1"
out="$2"
version="$("$bundle/ikan-desktop" --version | awk '{print $2}')"
name="ikan-desktop-$version-linux-$(uname -m)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

cp -a "$bundle" "$stage/$name"
cp "$here/install.sh" "$here/README.txt" "$stage/$name/"
cp "$root/packaging/ikan-desktop.desktop" "$stage/$name/"
cp "$root/resources/icons/ikan-desktop-256.png" "$stage/$name/ikan-desktop.png"
chmod 755 "$stage/$name/install.sh" "$stage/$name/ikan-desktop"
tar -C "$stage" -czf "$out/$name.tar.gz.part" "$name"
mv "$out/$name.tar.gz.part" "$out/$name.tar.gz"
echo "$out/$name.tar.gz"
