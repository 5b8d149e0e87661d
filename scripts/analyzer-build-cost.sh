#!/usr/bin/env bash
# What SmoLsp.Analyzers adds to `dotnet build`: the same app built without and with the package, RUNS times each,
# interleaved (without, with, without, ...), after one warm-up build of each (the compiler server stays up, as on a
# developer's machine). Apps: `dotnet new mvc`, and a project of 300 templates from the shared corpus (eShopOnWeb's
# views and pages, then blazor-samples components; a plain class library, so the package passes them and nothing
# compiles them). Prints each run's wall time, the medians and the load average around the runs.
# Usage: scripts/analyzer-build-cost.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
repo="$PWD"
corpus="${SMOLSP_CORPUS:-$repo/../shared/corpus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/packages"

dotnet pack server/SmoLsp.Analyzers -c Release -o "$work/feed" --nologo -v q >/dev/null

config() { # nuget.config: SmoLsp.* from the local folder, the rest from NuGet
  cat > "$1/nuget.config" <<XML
<configuration>
  <packageSources><clear /><add key="local" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="SmoLsp.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
}

with_package() { # copies app $1 to $2 and references the package there
  cp -r "$1" "$2"
  local csproj
  csproj="$(ls "$2"/*.csproj)"
  sed -i 's|</Project>|  <ItemGroup><PackageReference Include="SmoLsp.Analyzers" Version="0.1.0" /></ItemGroup>\n</Project>|' "$csproj"
}

make_corpus_app() { # $1: folder; 300 templates copied with their folders, so layouts still compose
  mkdir -p "$1"
  cat > "$1/Corpus.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
</Project>
XML
  echo 'namespace Corpus; public static class Marker { }' > "$1/Marker.cs"
  (cd "$corpus" && { find dotnet-architecture__eShopOnWeb -name '*.cshtml' | sort; find dotnet__blazor-samples -name '*.razor' | sort; } | head -300) |
    while IFS= read -r f; do mkdir -p "$1/$(dirname "$f")"; cp "$corpus/$f" "$1/$f"; done
  echo "corpus app: $(find "$1" -name '*.cshtml' -o -name '*.razor' | wc -l) templates"
}

measure() { # $1: name, $2: app without, $3: app with
  local name="$1" a="$2" b="$3"
  dotnet restore "$a" --nologo -v q >/dev/null
  dotnet restore "$b" --nologo -v q >/dev/null
  dotnet build "$a" --no-restore --nologo -v q >/dev/null 2>&1 || true
  dotnet build "$b" --no-restore --nologo -v q >/dev/null 2>&1 || true
  local load_before without=() with=()
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  for ((i = 1; i <= runs; i++)); do
    for side in without with; do
      local dir="$a"; [[ $side == with ]] && dir="$b"
      local t0 t1
      t0="$(date +%s.%N)"
      dotnet build "$dir" --no-restore --no-incremental --nologo -v q >/dev/null 2>&1 || true
      t1="$(date +%s.%N)"
      local s
      s="$(echo "$t1 - $t0" | bc)"
      if [[ $side == with ]]; then with+=("$s"); else without+=("$s"); fi
    done
  done
  local median_a median_b
  median_a="$(printf '%s\n' "${without[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")"
  median_b="$(printf '%s\n' "${with[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")"
  printf '%s\n  without: %s\n  with:    %s\n  median without %.2f s, with %.2f s, difference %+.2f s; load average before %s, after %s\n' \
    "$name" "${without[*]}" "${with[*]}" "$median_a" "$median_b" "$(echo "$median_b - $median_a" | bc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
  # The compiler's own account of the analyzer (ReportAnalyzer), for the same build: CPU time in the analyzer, not wall time.
  local own=() log="$work/report.log"
  for ((i = 1; i <= runs; i++)); do
    dotnet build "$b" --no-restore --no-incremental -p:ReportAnalyzer=true -v:d --nologo >"$log" 2>&1 || true
    own+=("$(awk '/SmoLsp.Analyzers, Version/ && !seen { print $1; seen = 1 }' "$log")")
  done
  printf '  SmoLsp.Analyzers own time (ReportAnalyzer, s): %s; SMO warnings in the build: %s; load average now %s\n' \
    "${own[*]}" "$(grep -oE 'warning SMO[0-9]+: .*\]$' "$log" | sort -u | wc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

dotnet new mvc -o "$work/mvc" -n Mvc --no-restore >/dev/null
config "$work/mvc"
with_package "$work/mvc" "$work/mvc-smolsp"
measure "dotnet new mvc ($runs runs each, interleaved)" "$work/mvc" "$work/mvc-smolsp"

make_corpus_app "$work/corpus"
config "$work/corpus"
with_package "$work/corpus" "$work/corpus-smolsp"
measure "300 corpus templates ($runs runs each, interleaved)" "$work/corpus" "$work/corpus-smolsp"
