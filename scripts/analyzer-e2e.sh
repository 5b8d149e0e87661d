#!/usr/bin/env bash
# The SmoLsp.Analyzers package end to end (tests/analyzer/e2e.test.mjs): packs it, builds `dotnet new mvc` and
# `dotnet new blazor` apps that reference it from a local folder (offline), and compares with `smolsp check`.
# Slow (several full builds): run by .ci/run and on demand, not by ./test.sh. SMOLSP_DLL: a built smolsp.dll to use.
set -euo pipefail
cd "$(dirname "$0")/.."
node --test --test-reporter=tap tests/analyzer/e2e.test.mjs
