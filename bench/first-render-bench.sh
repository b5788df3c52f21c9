#!/usr/bin/env bash
# First view of the 1 MB benchmark document (the web bench's: headings,
# lists, tables, highlighted Java), i.e. a real render, through the reader
# page of two servers in the same run: a baseline build (by default the one
# before the renderer gained alerts, emoji, autolinks, math and diagrams) and
# this build. Each round pushes one fresh variant to both servers and times
# the first GET of its page on each, baseline then subject (A B A B ...),
# after a warm-up of each; medians, and the median of the per-round ratios.
#
# Needs: curl, python3, git. Usage: [ROUNDS=9] [WARMUP=5] bench/first-render-bench.sh [baseline-commit]
set -euo pipefail
cd "$(dirname "$0")/.."
BASELINE_REF=${1:-a2cde87}
ROUNDS=${ROUNDS:-9}
WARMUP=${WARMUP:-5}
source bench/lib.sh

build_baseline "$BASELINE_REF"

machine_line
echo "baseline: $(git rev-parse --short "$BASELINE_REF"); subject: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + local changes')"

start_server baseline "$work/baseline/target/mcq.jar"
start_server subject target/mcq.jar

# The web bench's 1 MB document, one variant per push (different content, so
# every first view is a real render and not the render cache).
python3 bench/big-document.py "$work" $((WARMUP + ROUNDS))

first_view() { # name, variant -> seconds of the first GET of the page
    local name=$1 variant=$2 base token
    base=$(eval echo "\$base_$name"); token=$(eval echo "\$token_$name")
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @"$work/big-$variant.json" "$base/v1/documents/big-$variant"
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Cookie: mcq_session=$token" "$base/d/big-$variant"
}

for variant in $(seq 0 $((WARMUP - 1))); do
    first_view baseline "$variant" >/dev/null; first_view subject "$variant" >/dev/null
done
: > "$work/a"; : > "$work/b"; : > "$work/ratios"
printf '%-6s %14s %14s %8s\n' round "baseline ms" "subject ms" ratio
for round in $(seq 1 "$ROUNDS"); do
    variant=$((WARMUP + round - 1))
    a=$(first_view baseline "$variant"); b=$(first_view subject "$variant")
    echo "$a" >> "$work/a"; echo "$b" >> "$work/b"
    ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.0f", 100 * b / a}')
    echo "$ratio" >> "$work/ratios"
    printf '%-6s %14.1f %14.1f %7s%%\n' "$round" "$(awk -v s="$a" 'BEGIN{print s*1000}')" \
        "$(awk -v s="$b" 'BEGIN{print s*1000}')" "$ratio"
done
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
ma=$(median < "$work/a"); mb=$(median < "$work/b"); mr=$(median < "$work/ratios")
echo "first view of a 1 MB document, median of $ROUNDS rounds: baseline $(awk -v s="$ma" 'BEGIN{printf "%.1f", s*1000}') ms," \
    "subject $(awk -v s="$mb" 'BEGIN{printf "%.1f", s*1000}') ms; ratio of the medians $(awk -v a="$ma" -v b="$mb" 'BEGIN{printf "%.0f", 100*b/a}') %," \
    "median of the per-round ratios $mr % (target: at most 110 %)"
