#!/usr/bin/env bash
# Installs the npm packages from their tarballs into a temporary project, the way a user's `npm install` does, and
# runs `npx smolsp` with no .NET anywhere on PATH (and, where the kernel allows it, with the .NET install hidden by a
# private mount namespace): --version, a check of examples/site, exit codes, and plugins asked for in a native run.
# Usage: npm/test.sh [TARBALL_DIR]   (default: artifacts/npm, built by `node npm/build.mjs linux-x64=artifacts/native/linux-x64`)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
tarballs="$(cd "${1:-artifacts/npm}" && pwd)"
fail() { echo "npm-test: FAIL: $*" >&2; exit 1; }

main_tgz="$(ls "$tarballs"/smolsp-[0-9]*.tgz | head -1)"
platform_tgz="$(ls "$tarballs"/smolsp-linux-x64-*.tgz | head -1)"
[[ -f "$main_tgz" && -f "$platform_tgz" ]] || fail "no smolsp-*.tgz and smolsp-linux-x64-*.tgz in $tarballs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project" "$work/bin"
cp -r examples/site "$work/project/site"

echo "== npm install (from the tarballs only)"
(cd "$work/project" && npm init -y >/dev/null && \
  npm install --offline --no-audit --no-fund --loglevel=error "$platform_tgz" "$main_tgz" >/dev/null)
[[ -x "$work/project/node_modules/@smolsp/linux-x64/bin/smolsp" ]] || fail "the platform package did not install its binary"

# A PATH with node, npm and a shell (npx runs commands through sh) but no dotnet.
for tool in node npm npx sh; do ln -s "$(command -v $tool)" "$work/bin/$tool"; done
nodotnet="$work/bin"
if PATH="$nodotnet" command -v dotnet >/dev/null 2>&1; then fail "dotnet is still on the test PATH"; fi
run() { (cd "$work/project" && env -i HOME="$work" PATH="$nodotnet" npm_config_update_notifier=false "$@"); }

echo "== npx smolsp --version (no dotnet on PATH)"
printed="$(run npx --offline smolsp --version)"
[[ "$printed" == "$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' server/SmoLsp.Server/SmoLsp.Server.csproj | head -1)"* ]] || fail "--version printed '$printed'"

echo "== npx smolsp check site/"
set +e
run npx --offline smolsp check site/ --format text --format sarif=smolsp.sarif > "$work/report.txt"
code=$?
set -e
[[ $code == 1 ]] || { cat "$work/report.txt"; fail "check site/ exited $code, expected 1 (examples/site has deliberate errors)"; }
grep -q "files checked" "$work/report.txt" || fail "no summary line"
grep -q '"version":"2.1.0"' "$work/project/smolsp.sarif" || fail "no SARIF 2.1.0 report"
# The native build finds what the .NET build finds: the same number of problems as the published tool, when present.
if [[ -n "${SMOLSP_DLL:-}" && -f "${SMOLSP_DLL}" ]]; then
  (cd "$work/project" && dotnet "$SMOLSP_DLL" check site/ > "$work/managed.txt" 2>/dev/null) || true
  diff <(grep -v 'files checked' "$work/report.txt") <(grep -v 'files checked' "$work/managed.txt") >/dev/null \
    || fail "the native and the .NET build report differently on examples/site"
fi

echo "== exit codes: clean 0, missing path 2"
printf '<div class="card">Hello</div>\n' > "$work/project/partial.html"
run npx --offline smolsp check partial.html --quiet >/dev/null || fail "a clean check did not exit 0"
set +e
run npx --offline smolsp check does-not-exist 2>/dev/null; code=$?
set -e
[[ $code == 2 ]] || fail "a missing path exited $code, expected 2"

echo "== plugins in a native run: an error that says how to run the .NET tool, never a silent skip"
mkdir -p "$work/project/plugged"
printf '{ "plugins": ["rules/Acme.dll"] }\n' > "$work/project/plugged/smolsp.json"
cp examples/site/index.html "$work/project/plugged/" 2>/dev/null || printf '<html><head><title>x</title></head></html>\n' > "$work/project/plugged/index.html"
set +e
run npx --offline smolsp check plugged --allow-plugins > /dev/null 2> "$work/plugins.txt"; code=$?
set -e
[[ $code == 2 ]] || { cat "$work/plugins.txt"; fail "a native run with trusted plugins exited $code, expected 2"; }
grep -q "dotnet tool install" "$work/plugins.txt" || { cat "$work/plugins.txt"; fail "the message does not say how to run the .NET tool"; }

if command -v unshare >/dev/null && [[ -d /usr/share/dotnet ]] && unshare -m true 2>/dev/null; then
  echo "== npx smolsp check site/ with the .NET install hidden (private mount namespace)"
  set +e
  (cd "$work/project" && unshare -m sh -c 'mount -t tmpfs none /usr/share/dotnet && ! ls /usr/share/dotnet/dotnet 2>/dev/null && exec env -i HOME="$0" PATH="$1" npx --offline smolsp check site/' "$work" "$nodotnet" > "$work/ns.txt" 2>&1)
  code=$?
  set -e
  [[ $code == 1 ]] || { cat "$work/ns.txt"; fail "check in a namespace without .NET exited $code, expected 1"; }
fi

echo "npm-test: OK (installed $(basename "$main_tgz") + $(basename "$platform_tgz"); ran without dotnet)"
