#!/usr/bin/env bash
# Sharded checking at scale: a tree of 50,000+ templates (the corpus's .html files copied N times) checked once, and
# as 4 shards (`check --shard I/4 --site-facts FILE`) plus `smolsp merge`; the merged SARIF must hold exactly the
# results of the single run (rule, place, message, level, suppression, fingerprint, related locations). Prints the
# time and peak memory of each step. Exits 1 when the findings differ. CI runs it (.ci/run); the everyday test is
# tests/SmoLsp.Server.Tests/Cli/ShardMergeTests.cs on a small tree.
# Usage: bench/shards.sh [corpus-folder] [copies] [shards]   (defaults: ../shared/corpus, 54 copies, 4 shards)
# SMOLSP_NATIVE=path/to/smolsp (default artifacts/native/linux-x64/smolsp, published when missing).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$(cd "${1:-$repo/../shared/corpus}" && pwd)"
copies="${2:-54}"
shards="${3:-4}"
smolsp="${SMOLSP_NATIVE:-$repo/artifacts/native/linux-x64/smolsp}"
[[ -x "$smolsp" ]] || "$repo/scripts/publish-native.sh" linux-x64 >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$repo/bench/make-tree.sh" "$corpus" "$copies" "$work/tree"
cd "$work"
echo "Tree: $(find tree -type f | wc -l) files ($(du -sh tree | cut -f1)); $shards shards; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

step() { # label, command...: runs it, prints wall / CPU / peak RSS
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" > /dev/null 2> stderr.txt || true
  awk -v label="$label" '{ printf "| %s | %.2f s | %.2f s | %.0f MB |\n", label, $1, $2 + $3, $4 / 1024 }' <(grep -E '^[0-9.]+ ' time.txt)
}
echo
echo "| Step | Wall | CPU | Peak RSS |"
echo "|---|---:|---:|---:|"
step "one run, every rule" "$smolsp" check tree --format sarif=whole.sarif
for i in $(seq "$shards"); do
  step "shard $i/$shards (--site-facts)" "$smolsp" check tree --shard "$i/$shards" --site-facts "facts/$i.json" --format "sarif=shard-$i.sarif"
done
step "merge" "$smolsp" merge facts/*.json --sarif shard-*.sarif --output merged.sarif
cat stderr.txt >&2

# Python, not node: a 50,000-page SARIF is larger than the longest string node can read (512 MB).
python3 - whole.sarif merged.sarif <<'PY'
import gc, hashlib, json, re, sys

def results(path):
    """Each result as one digest of what must match, sorted; the parsed file is dropped before the next is read."""
    with open(path, 'rb') as f:
        run = json.load(f)['runs'][0]
    rules = [r['id'] for r in run['tool']['driver']['rules']]
    out = []
    for r in run['results']:
        if rules[r['ruleIndex']] != r['ruleId']:
            sys.exit(f"{path}: ruleIndex of a {r['ruleId']} result points at {rules[r['ruleIndex']]}")
        loc = r['locations'][0]['physicalLocation']
        key = json.dumps([r['ruleId'], loc['artifactLocation']['uri'], loc['region'], r['message']['text'], r['level'],
                          bool(r.get('suppressions')), r.get('partialFingerprints'), r.get('relatedLocations')], sort_keys=True)
        out.append((r['ruleId'] in ('SMO210', 'SMO211', 'SMO212'), hashlib.sha1(key.encode()).digest()))
    del run
    gc.collect()
    out.sort()
    return out

whole, merged = (results(p) for p in sys.argv[1:3])
differ = whole != merged
cross = sum(1 for c, _ in whole if c)
print(f"\n{'DIFFERENT' if differ else 'same'} findings: {len(whole)} results in one run ({cross} cross-page), {len(merged)} after the merge")
sys.exit(1 if differ else 0)
PY
