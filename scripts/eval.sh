#!/usr/bin/env bash
# Tags the TempEval-3 training set (or GOLD) with the library and scores it.
#   scripts/eval.sh [GOLD.jsonl] [scorer options, e.g. --errors --types DATE]
# PROFILE=dev uses a debug build (faster to rebuild while iterating on rules);
# SCORER=path overrides the scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD=${1:-/work/shared/data/te3_train.jsonl}
shift || true
SCORER=${SCORER:-/work/shared/eval/timex_score.py}
if [ ! -f "$GOLD" ]; then
    echo "eval.sh: no gold file at $GOLD; nothing to score" >&2
    exit 0
fi
PROFILE=${PROFILE:-release}
DIR=$([ "$PROFILE" = release ] && echo release || echo debug)
if [ "$DIR" = release ]; then
    cargo build --release --quiet --example tag_jsonl
else
    cargo build --quiet --example tag_jsonl
fi
OUT=$(mktemp -t tagger-eval.XXXXXX.jsonl)
trap 'rm -f "$OUT"' EXIT
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        d = json.loads(line)
        print(json.dumps({"id": d["id"], "dct": d.get("dct"), "text": d["text"]}))
' "$GOLD" | target/"$DIR"/examples/tag_jsonl > "$OUT"
python3 "$SCORER" "$GOLD" "$OUT" "$@"
