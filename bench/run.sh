#!/usr/bin/env bash
# Publishes smolsp (native: Native AOT; .NET: Release, ReadyToRun) and times it the way a user runs it:
#   - `smolsp check` over the corpus: wall time, CPU and peak RSS, median of several runs, native and .NET
#   - start-up: `smolsp check` on an empty folder
#   - scale: the corpus's .html files copied into a tree of 50,000+ files (every rule), time and peak RSS
#   - one big page: peak RSS above the empty-folder start-up, as a multiple of the page's size
#   - the in-process harness (bench/SmoLsp.Bench): files/s, MB/s, walk + read + decode alone, HtmlAgilityPack alongside
# Usage: bench/run.sh [corpus-folder] [runs] [copies]   (defaults: ../shared/corpus next to the repo, 7 runs, 54 copies)
# SMOLSP_NATIVE=path/to/smolsp uses that native binary instead of publishing one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$repo/../shared/corpus}" && pwd)"
runs="${2:-7}"
copies="${3:-54}"
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
native="${SMOLSP_NATIVE:-}"
if [[ -z "$native" ]]; then
  echo "== publish (Native AOT)" >&2
  "$repo/scripts/publish-native.sh" linux-x64 "$out/native" >&2
  native="$out/native/smolsp"
fi

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
    # GNU time adds a "Command exited with non-zero status" line before the figures of a run with findings: skip it.
    $1 ~ /^[0-9.]+$/ { n++; w[n] = $1; c[n] = $2 + $3; m[n] = $4 }
    END {
      best = w[1]; for (i = 2; i <= n; i++) if (w[i] < best) best = w[i];
      printf "| %s | %.2f s | %.2f s | %.2f s | %.0f MB |\n", label, median(w, n), best, median(c, n), median(m, n) / 1024
    }' "$log"
  rm -f "$log"
}

empty="$(mktemp -d)"
scratch="$(mktemp -d)"
trap 'rm -rf "$empty" "$scratch"' EXIT
files=$(find "$corpus" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.cshtml' -o -name '*.razor' \) | wc -l)
size=$(du -sh "$corpus" | cut -f1)

echo
echo "Machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Corpus: $corpus ($files templates, $size on disk); $runs runs each"
echo
echo "| Command | Wall (median) | Wall (best) | CPU user+sys (median) | Peak RSS (median) |"
echo "|---|---:|---:|---:|---:|"
measure "native: smolsp check <corpus>" "$native" check "$corpus"
measure ".NET: smolsp check <corpus>" dotnet "$pub/smolsp.dll" check "$corpus"
measure "native: smolsp check <corpus> --format json" "$native" check "$corpus" --format json
measure "native: smolsp check <empty folder> (start-up)" "$native" check "$empty"
measure ".NET: smolsp check <empty folder> (start-up)" dotnet "$pub/smolsp.dll" check "$empty"
measure ".NET: smolsp --version (runtime start-up floor)" dotnet "$pub/smolsp.dll" --version
echo

# Scale: the .html files copied $copies times (every title and description shared by $copies pages, so the cross-page
# rules report on almost every page). Three runs each: the tree is large.
tree="$scratch/tree"
"$repo/bench/make-tree.sh" "$corpus" "$copies" "$tree"
mapfile -d '' html < <(find "$corpus" -type f \( -name '*.html' -o -name '*.htm' \) -print0 | sort -z)
tree_files=$(find "$tree" -type f | wc -l)
tree_size=$(du -sh "$tree" | cut -f1)
echo "Scale: $tree_files files ($tree_size), the corpus's .html files copied $copies times; 3 runs each"
echo
echo "| Command | Wall (median) | Wall (best) | CPU user+sys (median) | Peak RSS (median) |"
echo "|---|---:|---:|---:|---:|"
saved_runs=$runs; runs=3
measure "native: smolsp check <tree> (every rule)" "$native" check "$tree"
measure "native: smolsp check <tree>, cross-page rules off" "$native" check "$tree" --rule SMO210=off --rule SMO211=off --rule SMO212=off --rule SMO411=off
measure ".NET: smolsp check <tree> (every rule)" dotnet "$pub/smolsp.dll" check "$tree"
runs=$saved_runs
rm -rf "$tree"
echo

# One big page: the corpus's largest .html file, its body repeated to about 8 MB. Memory above the empty-folder
# start-up, as a multiple of the file's size.
# (awk reads the whole list: `head` would close the pipe early, and under pipefail the SIGPIPE ended the script here.)
big="$(ls -S "${html[@]}" | awk 'NR == 1')"
page="$scratch/page/index.html"; mkdir -p "$(dirname "$page")"
while [[ ! -f "$page" || $(stat -c %s "$page") -lt $((8 * 1024 * 1024)) ]]; do cat "$big" >> "$page"; done
page_bytes=$(stat -c %s "$page")
# A page with findings exits 1: under pipefail that would end the script, so the status is not the measure's.
one() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 || true; }
base_kb=$(for _ in 1 2 3; do one "$native" check "$empty"; done | sort -n | head -1)
page_kb=$(for _ in 1 2 3; do one "$native" check "$page"; done | sort -n | head -1)
awk -v b="$base_kb" -v p="$page_kb" -v s="$page_bytes" -v name="${big#"$corpus"/}" 'BEGIN {
  printf "One page of %.1f MB (%s repeated): peak RSS %.0f MB, %.0f MB above start-up (%.0f MB): %.1fx the page size\n", s / 1048576, name, p / 1024, (p - b) / 1024, b / 1024, (p - b) * 1024 / s
}'
echo

echo "== harness (bench/SmoLsp.Bench)" >&2
dotnet run -c Release --project "$repo/bench/SmoLsp.Bench" -v quiet -- "$corpus"
