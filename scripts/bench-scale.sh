#!/usr/bin/env bash
# Corpus-scale measurements (issue: thousands of articles, every core,
# bounded memory). Prints a markdown table. Not part of the test suite:
# timings depend on the machine and its load.
#
#   scripts/bench-scale.sh [--big] [--sizes 10,40,200] [--articles-only]
#
#   --big            adds the 1 GB JSONL memory check
#   --sizes LIST     article sizes in MB for the big-article memory check
#                    (default 10,40,200; `--articles-only --sizes 10` runs
#                    in about a minute)
#   --articles-only  only the big-article rows (skips 1. and 2.)
#
# 1. tagging throughput, one core and all cores, over the TempEval-3
#    training texts repeated to 100 MB (`timeline tag --jsonl`);
# 2. end-to-end `build` over 10,000 generated articles (one timeline each,
#    and one merged timeline), with peak memory from /usr/bin/time -v;
# 3. with --big: a 1 GB JSONL stream tagged, peak memory (must stay < 200 MB);
# 4. `build` of one big article (TempEval-3 news texts run together, one
#    paragraph each, behind a date line) of each size in --sizes, and of a
#    10 MB article on one line: peak memory must stay under 5 x the article
#    plus 100 MB (the stages' fixed working set), and the build must end
#    with a timeline or with the error that it would exceed the loader's
#    limits (exit 3), never be killed.
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${TE3_GOLD:-../shared/data/te3_train.jsonl}   # TE3_GOLD overrides (e.g. from a worktree)
[ -f "$gold" ] || { echo "bench-scale: $gold not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-scale: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
big=0; sizes=10,40,200; articles_only=0
while [ $# -gt 0 ]; do
  case $1 in
    --big) big=1 ;;
    --sizes) sizes=$2; shift ;;
    --articles-only) articles_only=1 ;;
    *) echo "bench-scale: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
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
  local rc=0
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/err.txt" || rc=$?
  echo "$rc" > "$work/rc.txt"
  [ "$rc" = 0 ] || cat "$work/err.txt" >&2
  local secs peak
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
  echo "$label|$secs|$peak"
}

rows=()
if [ $articles_only = 0 ]; then
mkjsonl 100 "$work/te100.jsonl"
text_mb=$(python3 -c "import json;print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/te100.jsonl'))/1e6)")

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
rm -rf "$work/articles" "$work/d1" "$work/o1" "$work/d2" "$work/o2" "$work/te100.jsonl"
fi

big_peak=
if [ $big = 1 ]; then
  mkjsonl 1000 "$work/te1000.jsonl"
  row=$(measure "tag --jsonl, 1 GB stream (memory check)" "$bin" tag --jsonl "$work/te1000.jsonl")
  rows+=("$row|1000")
  big_peak=$(echo "$row" | cut -d'|' -f3)
fi

# 4. Big articles.
mkarticle() { # megabytes out [one-line]
  python3 - "$gold" "$1" "$2" "${3:-}" <<'PY'
import json, sys
gold, mb, out, one_line = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "one-line"
docs = [json.loads(l) for l in open(gold, encoding="utf-8") if l.strip()]
sep = " " if one_line else "\n\n"
with open(out, "w", encoding="utf-8") as f:
    f.write("date 1998-01-08" + (" " if one_line else "\n"))
    size = i = 0
    while size < mb * 1_000_000:
        t = " ".join(docs[i % len(docs)]["text"].split()) + sep
        f.write(t); size += len(t.encode()); i += 1
PY
}
mem_fail=0
check_article() { # label, file
  local label=$1 file=$2 mb row peak rc limit
  mb=$(python3 -c "import os;print(os.path.getsize('$file')/1e6)")
  row=$(measure "$label" "$bin" build "$file" --data-dir "$work/da" --output-dir "$work/oa" --quiet)
  rc=$(cat "$work/rc.txt")
  peak=$(echo "$row" | cut -d'|' -f3)
  limit=$(python3 -c "print(5*$mb+100)")
  rows+=("$(echo "$row" | sed "s/^\([^|]*\)|/\1 (exit $rc)|/")|$mb")
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    echo "big article FAILED: $label exited $rc" >&2; mem_fail=1
  fi
  if ! python3 -c "import sys; sys.exit(0 if $peak <= $limit else 1)"; then
    echo "memory check FAILED: $label peaked at $peak MB (limit 5 x $mb + 100 = $limit MB)" >&2; mem_fail=1
  fi
  rm -rf "$work/da" "$work/oa" "$file"
}
for mb in ${sizes//,/ }; do
  mkarticle "$mb" "$work/article$mb.txt"
  check_article "build, one ${mb} MB article" "$work/article$mb.txt"
done
mkarticle 10 "$work/line10.txt" one-line
check_article "build, one 10 MB article on one line" "$work/line10.txt"

echo "| run | seconds | MB/s | peak memory (MB) |"
echo "|---|---:|---:|---:|"
for r in "${rows[@]}"; do
  IFS='|' read -r label secs peak mb <<< "$r"
  mbs=$(python3 -c "print(f'{$mb/$secs:.1f}' if $secs > 0 else '–')")
  echo "| $label | $secs | $mbs | $peak |"
done

[ $mem_fail = 0 ] && echo "memory check: every big article under 5 x its size + 100 MB: ok"

# The 1 GB stream must stay under 200 MB of memory.
if [ -n "$big_peak" ]; then
  if python3 -c "import sys; sys.exit(0 if $big_peak < 200 else 1)"; then
    echo "memory check: 1 GB stream peaked at $big_peak MB (< 200 MB): ok"
  else
    echo "memory check FAILED: 1 GB stream peaked at $big_peak MB (limit 200 MB)" >&2
    exit 1
  fi
fi
[ $mem_fail = 0 ]
