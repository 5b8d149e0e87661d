#!/usr/bin/env bash
# Publishes smolsp (Release, ReadyToRun) and times it the way a user runs it:
#   - `smolsp check` over the corpus: wall time and peak RSS, median of several runs
#   - start-up: `smolsp check` on an empty folder
#   - the in-process harness (bench/SmoLsp.Bench): files/s, MB/s, HtmlAgilityPack alongside
# Usage: bench/run.sh [corpus-folder] [runs]     (default: ../shared/corpus next to the repo, 7 runs)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$repo/../shared/corpus}" && pwd)"
runs="${2:-7}"
out="$repo/bench/results"
pub="$out/smolsp"
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)..." >&2
  if command -v apt-get >/dev/null; then
    (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }) || true
  fi
fi

echo "== publish (Release, ReadyToRun)" >&2
dotnet publish "$repo/server/SmoLsp.Server" -c Release -o "$pub" -nologo -v quiet >&2

# Runs a command $runs times; prints median and best wall time, median CPU (user + sys: steadier than wall on a
# shared machine) and median peak RSS.
measure() {
  local label="$1"; shift
  local log; log="$(mktemp)"
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%e %U %S %M' -a -o "$log" "$@" >/dev/null 2>&1 || true
    else
      local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f 0 0 0\n", ns / 1e9 }' >>"$log"
    fi
  done
  awk -v label="$label" '
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((n + 1) / 2)]
    }
    { w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
    END {
      n = NR; best = w[1]; for (i = 2; i <= n; i++) if (w[i] < best) best = w[i];
      printf "| %s | %.2f s | %.2f s | %.2f s | %.0f MB |\n", label, median(w, n), best, median(c, n), median(m, n) / 1024
    }' "$log"
  rm -f "$log"
}

empty="$(mktemp -d)"
trap 'rm -rf "$empty"' EXIT
files=$(find "$corpus" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.cshtml' -o -name '*.razor' \) | wc -l)
size=$(du -sh "$corpus" | cut -f1)

echo
echo "Machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Corpus: $corpus ($files templates, $size on disk); $runs runs each"
echo
echo "| Command | Wall (median) | Wall (best) | CPU user+sys (median) | Peak RSS (median) |"
echo "|---|---:|---:|---:|---:|"
measure "smolsp check <corpus>" dotnet "$pub/smolsp.dll" check "$corpus"
measure "smolsp check <corpus> --format json" dotnet "$pub/smolsp.dll" check "$corpus" --format json
measure "smolsp check <empty folder> (start-up)" dotnet "$pub/smolsp.dll" check "$empty"
measure "smolsp --version (runtime start-up floor)" dotnet "$pub/smolsp.dll" --version
echo

echo "== harness (bench/SmoLsp.Bench)" >&2
dotnet run -c Release --project "$repo/bench/SmoLsp.Bench" -v quiet -- "$corpus"
