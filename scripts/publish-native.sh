#!/usr/bin/env bash
# Publishes the native smolsp (Native AOT): one self-contained executable that runs without .NET, the binary the npm
# package (npm/) and the VS Code extension (editor-client/) ship. Fails on any trim or AOT warning (warnings are errors).
# Usage: scripts/publish-native.sh [RID] [OUT]   (defaults: linux-x64, artifacts/native/RID)
# Needs clang (or gcc) and zlib headers to link: apt-get install clang zlib1g-dev. Cross-OS builds are not supported
# by Native AOT: osx-arm64 and win-x64 are built on their own runners (docs/ci/release-native.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rid="${1:-linux-x64}"
out="${2:-artifacts/native/$rid}"

if [[ "$rid" == linux-* ]] && ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "publish-native: needs a C toolchain to link (apt-get install clang zlib1g-dev)" >&2
  exit 2
fi

rm -rf "$out"
dotnet publish server/SmoLsp.Server -c Release -r "$rid" -p:PublishAot=true -o "$out" --nologo -v q
exe="$out/smolsp"; [[ "$rid" == win-* ]] && exe="$out/smolsp.exe"
[[ -x "$exe" ]] || { echo "publish-native: no $exe" >&2; exit 1; }
# Only the executable ships: debug symbols (.dbg) stay in the publish folder for crash analysis.
echo "publish-native: $exe ($(du -k "$exe" | cut -f1) KB)"
