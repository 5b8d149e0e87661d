#!/usr/bin/env bash
# Packs smolsp as a .NET tool, installs it from the local folder only (no registry), and runs it the way a CI job
# would: --version, a check of examples/site with a SARIF report, and the exit codes CI depends on.
# Usage: scripts/tool-smoke.sh [--no-pack]   (--no-pack: use the package already in artifacts/nupkg)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

feed="$(pwd)/artifacts/nupkg"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' server/SmoLsp.Server/SmoLsp.Server.csproj | head -1)"
fail() { echo "tool-smoke: FAIL: $*" >&2; exit 1; }

if [[ "${1:-}" != "--no-pack" ]]; then
  echo "== dotnet pack (smolsp $version)"
  rm -f "$feed"/smolsp.*.nupkg
  dotnet pack server/SmoLsp.Server -c Release -o "$feed" --nologo -v q
fi
[[ -f "$feed/smolsp.$version.nupkg" ]] || fail "no $feed/smolsp.$version.nupkg"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# An empty NuGet.config with <clear/> so the install can only come from the local folder.
cat > "$work/nuget.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
XML

echo "== dotnet tool install --tool-path (local folder only)"
dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" --add-source "$feed" smolsp --version "$version" >/dev/null
smolsp="$work/tools/smolsp"
[[ -x "$smolsp" ]] || fail "the tool did not install a smolsp command"

echo "== smolsp --version"
printed="$("$smolsp" --version)"
[[ "$printed" == "$version"* ]] || fail "--version printed '$printed', expected $version"

echo "== smolsp check examples/site"
set +e
"$smolsp" check examples/site --format text --format "sarif=$work/smolsp.sarif" > "$work/report.txt"
code=$?
set -e
# examples/site holds deliberate errors: exit 1 (findings), never 0 or 2.
[[ $code == 1 ]] || { cat "$work/report.txt"; fail "check examples/site exited $code, expected 1"; }
grep -q "files checked" "$work/report.txt" || fail "no summary line in the text report"
head -c 3 "$work/smolsp.sarif" | grep -q '^{"\$' || fail "the SARIF report does not start with {\"\$schema (BOM?)"
grep -q '"version":"2.1.0"' "$work/smolsp.sarif" || fail "the SARIF report is not version 2.1.0"

echo "== smolsp check on a clean file exits 0; a missing path exits 2"
# A partial (no head of its own): page-level rules do not apply, so nothing to report.
printf '<div class="card">Hello</div>\n' > "$work/partial.html"
"$smolsp" check "$work/partial.html" --quiet > /dev/null || fail "a clean check did not exit 0"
set +e
"$smolsp" check "$work/does-not-exist" 2> /dev/null
code=$?
set -e
[[ $code == 2 ]] || fail "a missing path exited $code, expected 2"

echo "tool-smoke: OK (smolsp $version installed from $feed)"
