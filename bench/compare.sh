#!/usr/bin/env bash
# smolsp next to the npm HTML linters, on the same files, in one run so they share the machine's load:
#   - smolsp check, native (Native AOT, scripts/publish-native.sh: what npm and the VS Code extension ship)
#   - smolsp check, .NET (published Release, ReadyToRun: the dotnet tool), every rule on
#   - htmlhint (bench/node/.htmlhintrc: the SEO-relevant rules on)
#   - html-validate (bench/node/.htmlvalidate.json: recommended + SEO rules)
# Each gets the same list of .html/.htm files from the corpus (htmlhint reads only those). Reports wall time
# (median and best), CPU (user + sys), files/s and peak RSS (GNU time), and start-up on an empty folder.
# Runs are interleaved (smolsp, htmlhint, smolsp, ...) so a burst of load hits both alike. Then, for the native build:
#   - 2 cores vs 1 (taskset -c 0), interleaved;
#   - system calls per checked file (strace -c -f): failed stat/lstat (lookups of files that are not there), all calls,
#     and the share of CPU spent in the kernel.
#
# Usage: bench/compare.sh [corpus-folder] [runs] [html-validate runs]
#        (defaults: ../shared/corpus next to the repo, 7 runs, 1 html-validate run: it takes about a minute; 0 skips it)
# SMOLSP_NATIVE=path/to/smolsp uses that native binary instead of publishing one.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$repo/../shared/corpus}" && pwd)"
runs="${2:-7}"
hv_runs="${3:-1}"
node_dir="$repo/bench/node"
out="$repo/bench/results"
pub="$out/smolsp"
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)..." >&2
  (apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }) \
    || { echo "compare.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
fi

if [ ! -x "$node_dir/node_modules/.bin/htmlhint" ] || [ ! -x "$node_dir/node_modules/.bin/html-validate" ]; then
  echo "== npm ci (bench/node: htmlhint, html-validate)" >&2
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

echo "== publish smolsp (Release, ReadyToRun)" >&2
dotnet publish "$repo/server/SmoLsp.Server" -c Release -o "$pub" -nologo -v quiet >&2
native="${SMOLSP_NATIVE:-}"
if [[ -z "$native" ]]; then
  echo "== publish smolsp (Native AOT)" >&2
  "$repo/scripts/publish-native.sh" linux-x64 "$out/native" >&2
  native="$out/native/smolsp"
fi
if ! command -v strace >/dev/null; then
  (apt-get install -y strace >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y strace >/dev/null; }) || true
fi

mapfile -d '' files < <(find "$corpus" -type f \( -name '*.html' -o -name '*.htm' \) -print0 | sort -z)
count=${#files[@]}
bytes=$(cat "${files[@]}" | wc -c)
empty="$(mktemp -d)"
logs="$(mktemp -d)"
trap 'rm -rf "$empty" "$logs"' EXIT

smolsp=("$native" check)
managed=(dotnet "$pub/smolsp.dll" check)
htmlhint=("$node_dir/node_modules/.bin/htmlhint" --config "$node_dir/.htmlhintrc")
htmlvalidate=("$node_dir/node_modules/.bin/html-validate" --config "$node_dir/.htmlvalidate.json")

# One timed run appended to a log: "wall user sys maxrss_kb". The linters exit non-zero on findings; that is expected,
# but GNU time then adds a "Command exited with non-zero status" line, which is dropped.
timed() {
  local log="$1"; shift
  local one; one="$(mktemp)"
  /usr/bin/time -f '%e %U %S %M' -o "$one" "$@" >/dev/null 2>&1 || true
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$one" >>"$log" || true
  rm -f "$one"
}

# Prints one table row from a log: median and best wall, median CPU, files/s at the median, median peak RSS.
row() {
  local label="$1" log="$2" n="$3"
  awk -v label="$label" -v n="$n" '
    function median(a, k,   i, j, t) {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((k + 1) / 2)]
    }
    { w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
    END {
      k = NR; best = w[1]; for (i = 2; i <= k; i++) if (w[i] < best) best = w[i];
      mw = median(w, k);
      rate = (n > 0 && mw > 0) ? sprintf("%.0f", n / mw) : "-";
      printf "| %s | %.2f s | %.2f s | %.2f s | %s | %.0f MB |\n", label, mw, best, median(c, k), rate, median(m, k) / 1024
    }' "$log"
}

median_of() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "== timing ($runs runs each, interleaved; html-validate $hv_runs)" >&2
for _ in $(seq "$runs"); do
  timed "$logs/smolsp" "${smolsp[@]}" "${files[@]}"
  timed "$logs/htmlhint" "${htmlhint[@]}" "${files[@]}"
  timed "$logs/managed" "${managed[@]}" "${files[@]}"
  timed "$logs/smolsp-empty" "${smolsp[@]}" "$empty"
  timed "$logs/htmlhint-empty" "${htmlhint[@]}" "$empty"
  timed "$logs/managed-empty" "${managed[@]}" "$empty"
  timed "$logs/one-core" taskset -c 0 "${smolsp[@]}" "${files[@]}"
done
for _ in $(seq 1 "$hv_runs"); do
  timed "$logs/html-validate" "${htmlvalidate[@]}" "${files[@]}"
  timed "$logs/html-validate-empty" "${htmlvalidate[@]}" --ext html "$empty"
done

echo
echo "Machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version), node $(node --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Corpus: $corpus: $count .html/.htm files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }')"
echo "Versions: smolsp $("$native" --version) (native $(du -k "$native" | cut -f1) KB), htmlhint $("${htmlhint[0]}" --version), html-validate $("${htmlvalidate[0]}" --version | sed 's/^html-validate-//')"
echo
echo "| Command | Wall (median) | Wall (best) | CPU user+sys (median) | Files/s | Peak RSS (median) |"
echo "|---|---:|---:|---:|---:|---:|"
row "smolsp check, native (every rule)" "$logs/smolsp" "$count"
row "smolsp check, .NET ReadyToRun (every rule)" "$logs/managed" "$count"
row "htmlhint" "$logs/htmlhint" "$count"
[[ -s "$logs/html-validate" ]] && row "html-validate" "$logs/html-validate" "$count"
row "smolsp native start-up (empty folder)" "$logs/smolsp-empty" 0
row "smolsp .NET start-up (empty folder)" "$logs/managed-empty" 0
row "htmlhint start-up (empty folder)" "$logs/htmlhint-empty" 0
[[ -s "$logs/html-validate-empty" ]] && row "html-validate start-up (empty folder)" "$logs/html-validate-empty" 0
row "smolsp check, native, one core (taskset -c 0)" "$logs/one-core" "$count"
echo
s=$(cut -d' ' -f1 "$logs/smolsp" | median_of)
m=$(cut -d' ' -f1 "$logs/managed" | median_of)
h=$(cut -d' ' -f1 "$logs/htmlhint" | median_of)
one=$(cut -d' ' -f1 "$logs/one-core" | median_of)
sc=$(awk '{ print $2 + $3 }' "$logs/smolsp" | median_of)
hc=$(awk '{ print $2 + $3 }' "$logs/htmlhint" | median_of)
awk -v s="$s" -v m="$m" -v h="$h" -v one="$one" -v sc="$sc" -v hc="$hc" -v bytes="$bytes" 'BEGIN {
  printf "smolsp native is %.1fx faster than htmlhint (median wall; %.1fx by CPU time); the .NET build %.1fx.\n", h / s, hc / sc, h / m
  printf "End to end (process start, walk, read, decode, every rule, report): %.1f MB/s.\n", bytes / 1048576 / s
  printf "2 cores vs 1: %.2fx (median wall %.3f s on one core, %.3f s on two).\n", one / s, one, s
}'
if [[ -s "$logs/html-validate" ]]; then
  v=$(cut -d' ' -f1 "$logs/html-validate" | median_of)
  awk -v s="$s" -v v="$v" 'BEGIN { printf "smolsp native is %.0fx faster than html-validate.\n", v / s }'
fi

if command -v strace >/dev/null; then
  echo
  echo "System calls of one native check of the $count files (strace -f -c):"
  strace -f -c -o "$logs/strace" "${smolsp[@]}" "${files[@]}" >/dev/null 2>&1 || true
  awk -v n="$count" -v sc="$sc" -v sys="$(awk '{ print $3 }' "$logs/smolsp" | median_of)" '
    $NF ~ /^(stat|lstat|newfstatat|statx|fstatat64|stat64|lstat64)$/ && NF == 6 { failed += $5 }
    $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { calls += $4 }
    END {
      printf "failed stat/lstat: %d (%.2f per checked file); system calls: %d (%.1f per file); kernel share of CPU: %.0f%%\n", failed, failed / n, calls, calls / n, 100 * sys / sc
    }' "$logs/strace"
fi
