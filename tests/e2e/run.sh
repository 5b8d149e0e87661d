#!/usr/bin/env bash
# Every end-to-end test of the language server, against an already built server (this script builds nothing):
#   SMOLSP_DLL=server/SmoLsp.Server/bin/Release/net10.0/smolsp.dll tests/e2e/run.sh
# Needs Node 20 (node --test) and Debian's `neovim` (0.7). Installs the npm packages from the lock file if missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${SMOLSP_DLL:?set SMOLSP_DLL to the built smolsp.dll}"
SMOLSP_DLL=$(realpath "$SMOLSP_DLL")
export SMOLSP_DLL
[ -f "$SMOLSP_DLL" ] || { echo "SMOLSP_DLL=$SMOLSP_DLL does not exist" >&2; exit 1; }

cd "$here"
if [ ! -d node_modules/vscode-languageserver-protocol ]; then
  npm ci --no-audit --no-fund
fi

echo "== vscode-jsonrpc client tests (VS Code-like and Neovim-0.7-like capabilities)"
node --test --test-concurrency=1 test/
echo "== headless Neovim"
nvim/run.sh
