#!/usr/bin/env bash
# Byte-for-byte check of the tagger between two builds: dumps what each
# binary says about the same texts and diffs the dumps.
#   scripts/tag-identity.sh OLD_BINARY [NEW_BINARY]
# NEW_BINARY defaults to target/release/timeline (built first). The texts:
# TempEval-3 training and WikiWars dev from DATA (default ../shared/data,
# read in place, skipped when absent), the sentences of every rule
# example file, and the fuzz corpora. Per text: `tag --jsonl`, `tag
# --explain` with the corpus DCT and without one (the DCT read from the
# text), and `extract --jsonl`. Exit 0 when identical, 1 with the first
# differences otherwise; the dumps stay in the printed directory.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OLD_BINARY [NEW_BINARY]" >&2; exit 2; }
OLD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ $# -ge 2 ]; then
    NEW=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
else
    (cd "$ROOT" && cargo build --release --quiet)
    NEW=$ROOT/target/release/timeline
fi
DATA=${DATA:-$ROOT/../shared/data}
WORK=$(mktemp -d -t tag-identity.XXXXXX)

# One text file per document, with its DCT, for the --explain runs.
split() { # corpus.jsonl outdir
    python3 - "$1" "$2" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "index.tsv"), "w", encoding="utf-8") as idx:
    for n, line in enumerate(open(src, encoding="utf-8")):
        if line.strip():
            d = json.loads(line)
            p = os.path.join(out, f"{n:04d}.txt")
            open(p, "w", encoding="utf-8").write(d["text"])
            idx.write(f"{p}\t{d.get('dct') or ''}\n")
EOF
}

CORPORA=()
for f in "$DATA/te3_train.jsonl" "$DATA/wikiwars_dev.jsonl"; do
    if [ -f "$f" ]; then
        CORPORA+=("$f")
        split "$f" "$WORK/docs/$(basename "$f" .jsonl)"
    else
        echo "tag-identity: $f not found; skipped" >&2
    fi
done
grep -h '^[+-] ' "$ROOT"/src/tagger/rules/*.examples \
    | sed 's/^[+-] //; s/ => .*//; s/[][]//g' > "$WORK/examples.txt"

dump() { # binary outdir
    local bin=$1 out=$2
    mkdir -p "$out"
    for f in "${CORPORA[@]}"; do
        local n
        n=$(basename "$f" .jsonl)
        "$bin" tag --jsonl --jobs 1 "$f" > "$out/$n.tag.jsonl" 2>&1 || true
        "$bin" extract --jsonl --jobs 1 "$f" > "$out/$n.extract.jsonl" 2>&1 || true
        while IFS=$'\t' read -r p d; do
            echo "== $(basename "$p") dct=$d"
            [ -z "$d" ] || "$bin" tag --explain --dct "$d" "$p" 2>&1 || true
            echo "-- no dct"
            "$bin" tag --explain "$p" 2>&1 || true
        done < "$WORK/docs/$n/index.tsv" > "$out/$n.explain.txt"
    done
    while IFS= read -r l; do
        echo "== $l"
        printf '%s\n' "$l" | "$bin" tag --explain --dct 2023-11-02 2>&1 || true
        printf '%s\n' "$l" | "$bin" tag --explain 2>&1 || true
    done < "$WORK/examples.txt" > "$out/examples.explain.txt"
    for p in "$ROOT"/fuzz/corpus/tagger/* "$ROOT"/fuzz/corpus/events/*; do
        [ -f "$p" ] || continue
        echo "== $(basename "$p")"
        "$bin" tag --explain --dct 2023-11-02 "$p" 2>&1 || true
        "$bin" tag --explain "$p" 2>&1 || true
    done > "$out/fuzz.explain.txt"
}

dump "$OLD" "$WORK/old"
dump "$NEW" "$WORK/new"
if diff -r "$WORK/old" "$WORK/new" > "$WORK/diff.txt"; then
    echo "identical: $(cat "$WORK"/new/* | wc -l) lines of output ($WORK)"
else
    echo "DIFFERENT: $(wc -l < "$WORK/diff.txt") diff lines in $WORK/diff.txt; the first:"
    head -40 "$WORK/diff.txt"
    exit 1
fi
