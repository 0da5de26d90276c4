#!/usr/bin/env bash
# Corpus-scale measurements (issue: thousands of articles, every core,
# bounded memory). Prints a markdown table. Not part of the test suite:
# timings depend on the machine and its load.
#
#   scripts/bench-scale.sh [--big]     --big adds the 1 GB JSONL memory check
#
# 1. tagging throughput, one core and all cores, over the TempEval-3
#    training texts repeated to 100 MB (`timeline tag --jsonl`);
# 2. end-to-end `build` over 10,000 generated articles (one timeline each,
#    and one merged timeline), with peak memory from /usr/bin/time -v;
# 3. with --big: a 1 GB JSONL stream tagged, peak memory (must stay < 200 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/data/te3_train.jsonl
[ -f "$gold" ] || { echo "bench-scale: $gold not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-scale: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
big=0; [ "${1:-}" = --big ] && big=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=$PWD/target/release/timeline

mkjsonl() { # megabytes out
  python3 - "$gold" "$1" "$2" <<'PY'
import json, sys
gold, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
with open(out, "w") as f:
    size = i = 0
    while size < mb * 1_000_000:
        d = docs[i % len(docs)]
        f.write(json.dumps({"id": f"{d['id']}#{i}", "dct": d["dct"], "text": d["text"]}) + "\n")
        size += len(d["text"].encode()); i += 1
PY
}

measure() { # label, then the command; prints "label|seconds|peak MB"
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/err.txt" || { cat "$work/err.txt" >&2; }
  local secs peak
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
  echo "$label|$secs|$peak"
}

mkjsonl 100 "$work/te100.jsonl"
text_mb=$(python3 -c "import json;print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/te100.jsonl'))/1e6)")

rows=()
rows+=("$(measure "tag --jsonl, 1 core, ${text_mb%.*} MB of text" "$bin" tag --jsonl --jobs 1 "$work/te100.jsonl")|$text_mb")
rows+=("$(measure "tag --jsonl, $(nproc) cores, ${text_mb%.*} MB of text" "$bin" tag --jsonl "$work/te100.jsonl")|$text_mb")

# 10,000 generated articles: TempEval texts with their date line.
python3 - "$gold" "$work/articles" <<'PY'
import json, os, sys
gold, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
docs = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
for i in range(10_000):
    d = docs[i % len(docs)]
    with open(os.path.join(out, f"a{i:05}.txt"), "w") as f:
        f.write(f"date {d['dct']}\n{d['text']}")
PY
art_mb=$(du -sb "$work/articles" | awk '{print $1/1e6}')
rows+=("$(measure "build, 10,000 articles, one timeline each" "$bin" build "$work/articles" --data-dir "$work/d1" --output-dir "$work/o1" --quiet)|$art_mb")
rows+=("$(measure "build -o all, 10,000 articles, one merged timeline" "$bin" build "$work/articles" -o all --data-dir "$work/d2" --output-dir "$work/o2" --quiet)|$art_mb")

big_peak=
if [ $big = 1 ]; then
  mkjsonl 1000 "$work/te1000.jsonl"
  row=$(measure "tag --jsonl, 1 GB stream (memory check)" "$bin" tag --jsonl "$work/te1000.jsonl")
  rows+=("$row|1000")
  big_peak=$(echo "$row" | cut -d'|' -f3)
fi

echo "| run | seconds | MB/s | peak memory (MB) |"
echo "|---|---:|---:|---:|"
for r in "${rows[@]}"; do
  IFS='|' read -r label secs peak mb <<< "$r"
  mbs=$(python3 -c "print(f'{$mb/$secs:.1f}' if $secs > 0 else '–')")
  echo "| $label | $secs | $mbs | $peak |"
done

# The 1 GB stream must stay under 200 MB of memory.
if [ -n "$big_peak" ]; then
  if python3 -c "import sys; sys.exit(0 if $big_peak < 200 else 1)"; then
    echo "memory check: 1 GB stream peaked at $big_peak MB (< 200 MB): ok"
  else
    echo "memory check FAILED: 1 GB stream peaked at $big_peak MB (limit 200 MB)" >&2
    exit 1
  fi
fi
