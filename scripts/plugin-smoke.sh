#!/usr/bin/env bash
# CI smoke test of rule plugins, end to end with the real executable: builds the sample plugin
# (examples/plugins/AcmeRules), checks the example site with --allow-plugins and expects its ACME001/ACME002
# diagnostics, checks without trust and expects none plus a message saying how to trust, and trusts the folder
# through the user's trusted.json instead of the flag.
#
# Usage: scripts/plugin-smoke.sh            (builds smolsp in Release)
#        SMOLSP_DLL=path/smolsp.dll scripts/plugin-smoke.sh   (uses a published smolsp, e.g. test.sh's)
# Prints "# pass N" / "# fail N" (test.sh's counters read them); exits 1 when something failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== build the sample plugin"
dotnet build examples/plugins/AcmeRules -c Release --nologo -v q
if [[ -z "${SMOLSP_DLL:-}" ]]; then
  echo "== build smolsp"
  dotnet build server/SmoLsp.Server -c Release --nologo -v q
  SMOLSP_DLL="server/SmoLsp.Server/bin/Release/net10.0/smolsp.dll"
fi

# The user's own configuration must not decide these results: a fresh, empty one.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config"
site="examples/plugins/site"

passed=0; failed=0
ok()   { echo "ok - $1"; passed=$((passed + 1)); }
fail() { echo "not ok - $1"; failed=$((failed + 1)); }
expect() { # expect DESCRIPTION COMMAND...: passes when the command succeeds
  local what="$1"; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
smolsp() { # smolsp ARGS...: runs smolsp, keeps stdout/stderr/exit code in $work
  set +e
  dotnet "$SMOLSP_DLL" "$@" >"$work/out" 2>"$work/err"
  echo $? >"$work/code"
  set -e
}
has()     { grep -qF -- "$2" "$work/$1"; }
has_not() { ! grep -qF -- "$2" "$work/$1"; }
code_is() { [[ "$(cat "$work/code")" == "$1" ]]; }
show()    { echo "--- stdout"; cat "$work/out"; echo "--- stderr"; cat "$work/err"; echo "--- exit $(cat "$work/code")"; }

echo "== check --allow-plugins $site"
smolsp check --allow-plugins "$site"
expect "ACME001 reported on the product page without a price" has out "anvil.html:9:5: error ACME001 "
expect "ACME002 reported on the title without the brand" has out "anvil.html:5:5: warning ACME002 "
expect "exit 1: ACME001 is configured as an error" code_is 1
expect "nothing on stderr" test ! -s "$work/err"
[[ $failed == 0 ]] || show

echo "== check $site (not trusted)"
smolsp check "$site"
expect "no ACME diagnostics without trust" has_not out "ACME"
expect "the message names the plugin that was not loaded" has err "not loading 1 plugin (AcmeRules/bin/Release/net10.0/AcmeRules.dll)"
expect "the message says how to trust it" has err "to trust it: pass --allow-plugins, or add"
expect "the message names the trusted-folders file" has err "$XDG_CONFIG_HOME/smolsp/trusted.json"
expect "built-in rules still ran (exit 0, clean site)" code_is 0
[[ $failed == 0 ]] || show

echo "== check $site (folder trusted in trusted.json)"
mkdir -p "$XDG_CONFIG_HOME/smolsp"
printf '{ "trustedFolders": ["%s"] }\n' "$(pwd)/examples/plugins" >"$XDG_CONFIG_HOME/smolsp/trusted.json"
smolsp check "$site"
expect "a trusted folder loads the plugin without the flag" has out " ACME001 "
rm "$XDG_CONFIG_HOME/smolsp/trusted.json"

echo "== rules --allow-plugins examples/plugins"
smolsp rules --allow-plugins examples/plugins
expect "rules lists ACME001 with its origin" grep -qE '^ACME001 .*AcmeRules/bin/Release/net10.0/AcmeRules.dll' "$work/out"

echo "== check --fix --allow-plugins on a copy"
mkdir -p "$work/plugins/AcmeRules/bin/Release"
cp -r examples/plugins/smolsp.json examples/plugins/site "$work/plugins/"
cp -r examples/plugins/AcmeRules/bin/Release/net10.0 "$work/plugins/AcmeRules/bin/Release/"
smolsp check --fix --allow-plugins "$work/plugins/site"
expect "--fix applied ACME002's safe fix" grep -qF "<title>The 100 kg anvil, dropped from any height | Acme</title>" "$work/plugins/site/products/anvil.html"
expect "--fix left ACME001 (a suggestion) for a human" has out " ACME001 "

echo "# pass $passed"
echo "# fail $failed"
[[ $failed == 0 ]]
