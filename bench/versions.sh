#!/usr/bin/env bash
# Two versions of smolsp side by side: each commit published (Release, ReadyToRun) from a worktree of its own, then
# `smolsp check --format json` timed on the corpus and on a tree of copies of it, runs interleaved so load bursts hit
# both alike, on one core (DOTNET_PROCESSOR_COUNT=1) and on all. Prints medians of wall, CPU (user + sys) and peak RSS,
# and the second version's ratio to the first. What a "no slower than" claim is checked with.
# Usage: bench/versions.sh BEFORE AFTER [corpus-folder] [runs] [copies]
#   (defaults: ../shared/corpus next to the repo, 11 runs on the corpus, 20 copies in the tree, 3 runs on it)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
before="${1:?usage: bench/versions.sh BEFORE AFTER [corpus] [runs] [copies]}"
after="${2:?usage: bench/versions.sh BEFORE AFTER [corpus] [runs] [copies]}"
corpus="$(cd "${3:-$repo/../shared/corpus}" && pwd)"
runs="${4:-11}"
copies="${5:-20}"
work="$(mktemp -d)"
trap 'git -C "$repo" worktree remove --force "$work/src-before" 2>/dev/null || true; git -C "$repo" worktree remove --force "$work/src-after" 2>/dev/null || true; rm -rf "$work"' EXIT

for side in before after; do
  commit="${!side}"
  echo "== publish $side ($commit)" >&2
  git -C "$repo" worktree add -q --detach "$work/src-$side" "$commit"
  dotnet publish "$work/src-$side/server/SmoLsp.Server" -c Release -o "$work/$side" -nologo -v quiet >&2
done

echo "== tree: $copies copies of the corpus's .html files" >&2
"$repo/bench/make-tree.sh" "$corpus" "$copies" "$work/tree" >/dev/null

# One row: both versions $2 times each, interleaved, under the environment in $4.
row() {
  local label="$1" n="$2" target="$3" env="$4"
  : >"$work/before.log"; : >"$work/after.log"
  for _ in $(seq "$n"); do
    for side in before after; do
      env $env /usr/bin/time -f '%e %U %S %M' -a -o "$work/$side.log" "$work/$side/smolsp" check "$target" --format json >/dev/null 2>&1 || true
    done
  done
  awk -v label="$label" '
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((n + 1) / 2)]
    }
    # GNU time adds a "Command exited with non-zero status" line before the figures of a run with findings: skip it.
    FNR == 1 { side++ }
    $1 ~ /^[0-9.]+$/ { n[side]++; w[side, n[side]] = $1; c[side, n[side]] = $2 + $3; m[side, n[side]] = $4 }
    END {
      for (s = 1; s <= 2; s++) {
        k = 0; for (i = 1; i <= n[s]; i++) { k++; ww[k] = w[s, i]; cc[k] = c[s, i]; mm[k] = m[s, i] }
        W[s] = median(ww, k); C[s] = median(cc, k); M[s] = median(mm, k) / 1024
      }
      printf "| %s | %.2f s | %.2f s | %.2fx | %.2f s | %.2f s | %.2fx | %.0f MB | %.0f MB |\n", label, W[1], W[2], W[2] / W[1], C[1], C[2], C[2] / C[1], M[1], M[2]
    }' "$work/before.log" "$work/after.log"
}

echo
echo "Machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Before: $(git -C "$repo" log -1 --format='%h %s' "$before" | cut -c1-80)"
echo "After:  $(git -C "$repo" log -1 --format='%h %s' "$after" | cut -c1-80)"
echo "Corpus: $corpus ($runs runs each); tree: $(find "$work/tree" -type f | wc -l) files (3 runs each)"
echo
echo "| \`check --format json\` | Wall before | Wall after | Ratio | CPU before | CPU after | Ratio | RSS before | RSS after |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row "corpus, one core" "$runs" "$corpus" "DOTNET_PROCESSOR_COUNT=1"
row "corpus, all cores" "$runs" "$corpus" ""
row "tree, one core" 3 "$work/tree" "DOTNET_PROCESSOR_COUNT=1"
row "tree, all cores" 3 "$work/tree" ""
