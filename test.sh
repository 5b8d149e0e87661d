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

echo "== unit and integration tests"
dotnet test SmoLsp.sln -c Release --no-build --nologo -v q

if [[ $run_e2e == 1 && -d tests/e2e ]]; then
  echo "== publish smolsp for end-to-end tests"
  out="$(pwd)/artifacts/smolsp"
  dotnet publish server/SmoLsp.Server -c Release --no-build -o "$out" --nologo -v q
  export SMOLSP_DLL="$out/smolsp.dll"
  echo "== end-to-end tests"
  bash tests/e2e/run.sh
fi
