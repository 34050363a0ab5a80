#!/usr/bin/env bash
# Register Orgmodel with the desktop for the current user: a menu entry that
# opens the app, and the .orgm file type, so a double-clicked chart opens in it.
#
#   scripts/install-desktop.sh PATH-TO-orgmodel-gui
#
# Writes under ${XDG_DATA_HOME:-~/.local/share}; nothing needs root. The
# desktop's caches are refreshed when their tools are installed.
set -euo pipefail

gui=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}

case $gui in
    *[\"\`\$\\]* | *$'\n'*)
        echo "install-desktop: cannot write a menu entry for a path holding quotes, \$, \\ or a newline: $gui" >&2
        exit 1 ;;
esac

mkdir -p "$data/applications" "$data/mime/packages"
# Quoted, the path may hold spaces (the desktop entry spec's Exec quoting).
template=$(<"$here/resources/desktop/orgmodel.desktop")
printf '%s\n' "${template//@ORGMODEL_GUI@/\"$gui\"}" > "$data/applications/orgmodel.desktop.tmp"
mv "$data/applications/orgmodel.desktop.tmp" "$data/applications/orgmodel.desktop"
cp "$here/resources/desktop/orgmodel-mime.xml" "$data/mime/packages/orgmodel.xml"

if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
