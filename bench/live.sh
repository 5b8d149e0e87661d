#!/usr/bin/env bash
# Live checks at scale: a 1,000-page site (real pages from the corpus, a home page linking them all and a sitemap)
# served on loopback by Python's http.server, crawled with `smolsp check --crawl`, and the same folder checked as
# files, interleaved (live, files, live, files, ...) because the machine is shared and timings drift. Prints wall
# time, CPU time (user + system), peak RSS and pages per second for each run, and the load average.
# Usage: bench/live.sh [corpus-folder] [pages] [rounds]   (defaults: ../shared/corpus, 1000, 3)
# SMOLSP="dotnet path/to/smolsp.dll" to measure another build (default: the Release build, built when missing).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$repo/../shared/corpus}" && pwd)"
pages="${2:-1000}"
rounds="${3:-3}"
dll="$repo/server/SmoLsp.Server/bin/Release/net10.0/smolsp.dll"
[[ -n "${SMOLSP:-}" || -f "$dll" ]] || dotnet build "$repo/server/SmoLsp.Server" -c Release >&2
read -r -a smolsp <<< "${SMOLSP:-dotnet $dll}"

work="$(mktemp -d)"
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The site: N corpus pages as p/NNNN.html, linked from the home page and listed in sitemap.xml.
mkdir -p "$work/site/p"
i=0
while IFS= read -r -d '' file; do
  i=$((i + 1)); cp "$file" "$work/site/p/$(printf '%04d' "$i").html"
  [[ $i -ge $pages ]] && break
done < <(find "$corpus" -type f -name '*.html' -size -512k -print0 | sort -z)
{
  echo '<!doctype html><html><head><title>Bench site home: every page one link away</title></head><body>'
  for f in "$work"/site/p/*.html; do n="$(basename "$f")"; echo "<a href=\"/p/$n\">$n</a>"; done
  echo '</body></html>'
} > "$work/site/index.html"
port=$((20000 + RANDOM % 20000))
{
  echo '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
  for f in "$work"/site/p/*.html; do echo "<url><loc>http://127.0.0.1:$port/p/$(basename "$f")</loc></url>"; done
  echo '</urlset>'
} > "$work/site/sitemap.xml"
(cd "$work/site" && exec python3 -m http.server "$port" --bind 127.0.0.1 > "$work/http.log" 2>&1) &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" > /dev/null && break; sleep 0.1; done

echo "Site: $((i + 1)) pages ($(du -sh "$work/site" | cut -f1)), served by python3 http.server on 127.0.0.1:$port; $(nproc) cores"
echo
echo "| Run | Wall | CPU | Peak RSS | Pages checked | Pages/s | Load (1 min) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
run() { # label, command...
  local label="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" --format "json=$work/out.json" > /dev/null 2> "$work/stderr.txt" || true
  local checked; checked="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/out.json")"
  awk -v label="$label" -v checked="$checked" -v load="$load" \
    '{ printf "| %s | %.2f s | %.2f s | %.0f MB | %d | %.0f | %s |\n", label, $1, $2 + $3, $4 / 1024, checked, checked / $1, load }' \
    <(grep -E '^[0-9.]+ ' "$work/time.txt")
}
for r in $(seq "$rounds"); do
  run "live --crawl ($r)" "${smolsp[@]}" check --crawl --same-origin-only --max-pages $((pages + 1)) "http://127.0.0.1:$port/"
  run "files ($r)" "${smolsp[@]}" check "$work/site"
done
echo
echo "Requests served: $(grep -c '"GET ' "$work/http.log")"
grep -v '^http' "$work/stderr.txt" | head -5 >&2 || true
