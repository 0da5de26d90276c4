#!/usr/bin/env bash
# Tags the TempEval-3 training set (or GOLD) with `timeline tag --jsonl` and
# scores it with the TempEval-3 scorer.
#   scripts/eval.sh [GOLD.jsonl] [scorer options, e.g. --errors --types DATE]
#   scripts/eval.sh --errors          (default gold, scorer options only)
# PROFILE=dev uses a debug build (faster to rebuild while iterating on rules);
# SCORER=path overrides the scorer; HALF=even|odd scores only the documents on
# even (0, 2, 4, ...) or odd lines, to check that a rule change helps both.
# GOLD may be relative to the caller's directory; a first argument starting
# with `--` is a scorer option (the default gold is then used). A missing
# default gold file is not an error (machines without the data); a missing
# gold file named on the command line is.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEFAULT_GOLD=$ROOT/../shared/data/te3_train.jsonl
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
    GOLD=$1
    shift
    if [ ! -f "$GOLD" ]; then
        echo "eval.sh: no gold file at $GOLD" >&2
        exit 2
    fi
    GOLD=$(cd "$(dirname "$GOLD")" && pwd)/$(basename "$GOLD")
else
    GOLD=$DEFAULT_GOLD
    if [ ! -f "$GOLD" ]; then
        echo "eval.sh: no gold file at $GOLD; nothing to score" >&2
        exit 0
    fi
fi
cd "$(dirname "$0")/.."
SCORER=${SCORER:-$ROOT/../shared/eval/timex_score.py}
PROFILE=${PROFILE:-release}
DIR=$([ "$PROFILE" = release ] && echo release || echo debug)
if [ "$DIR" = release ]; then
    cargo build --release --quiet
else
    cargo build --quiet
fi
OUT=$(mktemp -t tagger-eval.XXXXXX.jsonl)
case "${HALF:-}" in
    "") SUBSET=$GOLD ;;
    even | odd)
        SUBSET=$(mktemp -t tagger-gold.XXXXXX.jsonl)
        trap 'rm -f "$OUT" "$SUBSET"' EXIT
        awk -v r="$([ "$HALF" = even ] && echo 1 || echo 0)" 'NR % 2 == r' "$GOLD" > "$SUBSET"
        ;;
    *) echo "eval.sh: HALF must be even or odd, not $HALF" >&2; exit 2 ;;
esac
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        d = json.loads(line)
        print(json.dumps({"id": d["id"], "dct": d.get("dct"), "text": d["text"]}))
' "$SUBSET" | target/"$DIR"/timeline tag --jsonl > "$OUT"
python3 "$SCORER" "$SUBSET" "$OUT" "$@"
