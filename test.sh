#!/usr/bin/env bash
# Runs every test: build once, the .NET test projects in parallel, then the end-to-end suites against the
# published `smolsp`. Usage: ./test.sh [--no-e2e]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

run_e2e=1
[[ "${1:-}" == "--no-e2e" ]] && run_e2e=0

echo "== build"
dotnet build SmoLsp.sln -c Release --nologo -v q

passed=0; failed=0; skipped=0
count() { # adds the counts of a runner's summary lines read from stdin
  while IFS= read -r line; do
    if [[ $line =~ Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),[[:space:]]*Skipped:[[:space:]]*([0-9]+) ]]; then
      failed=$((failed + BASH_REMATCH[1])); passed=$((passed + BASH_REMATCH[2])); skipped=$((skipped + BASH_REMATCH[3]))
    elif [[ $line =~ ^\#[[:space:]]pass[[:space:]]([0-9]+) ]]; then passed=$((passed + BASH_REMATCH[1]))
    elif [[ $line =~ ^\#[[:space:]]fail[[:space:]]([0-9]+) ]]; then failed=$((failed + BASH_REMATCH[1]))
    elif [[ $line =~ ^\#[[:space:]]skipped[[:space:]]([0-9]+) ]]; then skipped=$((skipped + BASH_REMATCH[1]))
    fi
  done
}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0

echo "== unit and integration tests"
dotnet test SmoLsp.sln -c Release --no-build --nologo -v q 2>&1 | tee "$log" || status=1
count < "$log"

if [[ $run_e2e == 1 && -d tests/e2e ]]; then
  echo "== publish smolsp for end-to-end tests"
  out="$(pwd)/artifacts/smolsp"
  # Not --no-build: publishing compiles ReadyToRun code for this machine's runtime identifier.
  dotnet publish server/SmoLsp.Server -c Release -o "$out" --nologo -v q
  export SMOLSP_DLL="$out/smolsp.dll"
  echo "== dotnet tool package smoke test"
  bash scripts/tool-smoke.sh 2>&1 | tee "$log" || status=1

  echo "== plugin smoke test"
  bash scripts/plugin-smoke.sh 2>&1 | tee "$log" || status=1
  count < "$log"

  echo "== end-to-end tests"
  bash tests/e2e/run.sh 2>&1 | tee "$log" || status=1
  count < "$log"
fi

if [[ -d editor-client ]]; then
  echo "== VS Code extension"
  (cd editor-client && npm ci --no-audit --no-fund --loglevel=error && npm test) 2>&1 | tee "$log" || status=1
  count < "$log"
fi

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
