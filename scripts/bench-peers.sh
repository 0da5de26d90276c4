#!/usr/bin/env bash
# Side-by-side tagging throughput: timeline vs chrono-node (npm) vs Python's
# dateparser (search_dates) and datefinder, on the same news text (the
# TempEval-3 training texts). The peers are installed into a temporary
# folder; nothing is installed globally. Prints a markdown table.
#
#   scripts/bench-peers.sh [GOLD.jsonl]     (default ../shared/data/te3_train.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:-../shared/data/te3_train.jsonl}
[ -f "$gold" ] || { echo "bench-peers: $gold not found" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
python3 - "$gold" "$work" <<'PY'
import json, sys
gold, work = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
texts = [d["text"] for d in docs]
# Peers get the texts once (0.5 MB); timeline gets them repeated to ~20 MB.
open(f"{work}/texts.json", "w").write(json.dumps(texts))
with open(f"{work}/big.jsonl", "w") as f:
    size, i = 0, 0
    while size < 20_000_000:
        d = docs[i % len(docs)]
        line = json.dumps({"id": f"{d['id']}#{i}", "dct": d["dct"], "text": d["text"]})
        f.write(line + "\n"); size += len(d["text"].encode()); i += 1
PY

(cd "$work" && npm install --silent --no-audit --no-fund chrono-node@2 >/dev/null 2>&1) || echo "chrono-node: install failed" >&2
python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q dateparser datefinder >/dev/null 2>&1 || echo "dateparser: install failed" >&2

cat > "$work/chrono.js" <<'JS'
const chrono = require("chrono-node");
const texts = require(process.argv[2]);
let bytes = 0, n = 0; const t0 = process.hrtime.bigint();
for (const t of texts) { n += chrono.parse(t, new Date(Date.UTC(1998, 0, 1))).length; bytes += Buffer.byteLength(t); }
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({bytes, seconds: s, found: n}));
JS
cat > "$work/py.py" <<'PY'
import json, sys, time
which, path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = json.load(open(path))[:limit]
if which == "dateparser":
    from dateparser.search import search_dates
    f = lambda t: search_dates(t, languages=["en"]) or []
else:
    import datefinder
    f = lambda t: list(datefinder.find_dates(t))
b = n = 0; t0 = time.perf_counter()
for t in texts:
    n += len(f(t)); b += len(t.encode())
print(json.dumps({"bytes": b, "seconds": time.perf_counter() - t0, "found": n}))
PY

run_timeline() { # jobs
  local t0 t1 bytes
  bytes=$(python3 -c "import json;print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/big.jsonl')))")
  t0=$(date +%s.%N)
  ./target/release/timeline tag --jsonl --jobs "$1" "$work/big.jsonl" > "$work/out.jsonl"
  t1=$(date +%s.%N)
  found=$(python3 -c "import json;print(sum(len(json.loads(l)['timexes']) for l in open('$work/out.jsonl')))")
  python3 -c "print('{\"bytes\": $bytes, \"seconds\": ' + str($t1 - $t0) + ', \"found\": $found}')"
}

declare -A res
res[timeline1]=$(run_timeline 1)
res[timelineN]=$(run_timeline "$(nproc)")
res[chrono]=$(node "$work/chrono.js" "$work/texts.json" 2>/dev/null || echo '{}')
res[dateparser]=$("$work/venv/bin/python" "$work/py.py" dateparser "$work/texts.json" 40 2>/dev/null || echo '{}')
res[datefinder]=$("$work/venv/bin/python" "$work/py.py" datefinder "$work/texts.json" 256 2>/dev/null || echo '{}')

python3 - "${res[timeline1]}" "${res[timelineN]}" "${res[chrono]}" "${res[dateparser]}" "${res[datefinder]}" "$(nproc)" <<'PY'
import json, sys
names = ["timeline (1 core)", f"timeline ({sys.argv[6]} cores)", "chrono-node 2", "dateparser search_dates", "datefinder"]
rows = []
for name, raw in zip(names, sys.argv[1:6]):
    r = json.loads(raw or "{}")
    mbs = r["bytes"] / 1e6 / r["seconds"] if r.get("seconds") else None
    rows.append((name, r.get("bytes"), r.get("seconds"), mbs, r.get("found", "–")))
base = rows[2][3]
print("| tagger | input MB | seconds | MB/s | × chrono-node | expressions found |")
print("|---|---:|---:|---:|---:|---:|")
for name, b, s, m, found in rows:
    if m is None:
        print(f"| {name} | – | – | not run | – | – |"); continue
    ratio = f"{m / base:.1f}" if base else "–"
    print(f"| {name} | {b/1e6:.2f} | {s:.3f} | {m:.2f} | {ratio} | {found} |")
PY
