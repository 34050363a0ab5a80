#!/usr/bin/env bash
# Make sure the programs and libraries Orgmodel needs from the system are there.
#
#   scripts/system-deps.sh test   # offscreen Qt + Graphviz (what `make test` needs)
#   scripts/system-deps.sh run    # the above + what a real window needs
#
# What is missing is installed with apt-get when we are root (or have
# password-less sudo); otherwise the exact command to run is printed and the
# script fails.
set -euo pipefail

purpose=${1:-test}
missing=()

need_program() {  # program package
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need_library() {  # soname package
    if ! /sbin/ldconfig -p 2>/dev/null | grep -q "$1"; then
        missing+=("$2")
    fi
}

need_program dot graphviz
# Tests read exported PDFs back with pdftotext and pdfinfo.
[ "$purpose" = test ] && need_program pdftotext poppler-utils
need_library libGL.so.1 libgl1
need_library libEGL.so.1 libegl1
need_library libxkbcommon.so.0 libxkbcommon0
need_library libfontconfig.so.1 libfontconfig1
need_library libglib-2.0.so.0 libglib2.0-0
need_library libdbus-1.so.3 libdbus-1-3
if [ "$purpose" = run ]; then
    need_library libxcb-icccm.so.4 libxcb-icccm4
    need_library libxcb-keysyms.so.1 libxcb-keysyms1
    need_library libxcb-cursor.so.0 libxcb-cursor0
fi

[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing from Debian: ${missing[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        exit 0
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing from Debian: ${missing[*]}"
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        exit 0
    fi
    echo "Orgmodel needs these system packages: ${missing[*]}" >&2
    echo "Install them with:  sudo sh -c '$command_line'" >&2
else
    echo "Orgmodel needs, from your system's packages: ${missing[*]}" >&2
    echo "(Debian/Ubuntu names; Graphviz's 'dot' program and Qt's runtime libraries.)" >&2
fi
exit 1
