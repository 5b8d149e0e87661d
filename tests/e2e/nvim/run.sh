#!/usr/bin/env bash
# Headless Neovim (0.7, Debian bookworm's `neovim`) against the built server: opens each template with the
# documented init.lua, lets test.lua drive diagnostics -> quick fix -> clean -> hover -> exit, and checks its report.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${SMOLSP_DLL:?set SMOLSP_DLL to the built smolsp.dll}"
export SMOLSP_DLL
command -v nvim >/dev/null || { echo "nvim not found: apt-get install -y neovim" >&2; exit 1; }
echo "nvim: $(nvim --version | head -1)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/../fixtures/site/." "$work/"

status=0
for template in index.html Pages/Index.cshtml; do
  result="$work/result-$(basename "$template").txt"
  (cd "$work" && NVIM_RESULT="$result" HOME="$work" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" \
    timeout 120 nvim --headless -n -i NONE -u "$here/init.lua" "$template" -c "luafile $here/test.lua") || true
  echo "--- $template"
  cat "$result" 2>/dev/null || echo "(no report)"
  expect() {
    grep -qE "$1" "$result" 2>/dev/null || { echo "FAILED: $template: expected a line matching /$1/" >&2; status=1; }
  }
  expect '^DIAGNOSTIC SMO001 line [0-9]+ source smolsp$'
  expect '^SEVERITY_SORT true$'
  expect '^ACTION Add og:title from <title>$'
  expect '^APPLIED <meta property="og:title" content="'
  expect '^CLEAN$'
  expect '^HOVER \*\*Share card\*\* · '
  expect '^EXIT 0$'
  if grep -q '^FAIL' "$result" 2>/dev/null; then status=1; fi
done
exit $status
