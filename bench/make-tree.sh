#!/usr/bin/env bash
# Builds a big site for the scale benchmarks: the corpus's .html/.htm files copied COPIES times side by side
# (DEST/copy1, DEST/copy2, ...), so every title and description is shared by COPIES pages and the cross-page rules
# report on almost every page. 54 copies of ../shared/corpus are 50,000+ files.
# Usage: bench/make-tree.sh CORPUS COPIES DEST
set -euo pipefail
corpus="$(cd "$1" && pwd)"; copies="$2"; dest="$3"
mkdir -p "$dest/copy1"
(cd "$corpus" && find . -type f \( -name '*.html' -o -name '*.htm' \) -print0 | tar --null -cf - -T -) | tar -xf - -C "$dest/copy1"
for i in $(seq 2 "$copies"); do cp -r "$dest/copy1" "$dest/copy$i"; done
