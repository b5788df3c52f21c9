#!/usr/bin/env bash
# The review loop: feedback of a document with 200 comments re-anchored on
# the next revision, and the wake-up latency of a wait after a verdict.
# Runs net.metacircular.mcq.reviews.ReviewBench (a real server and SQLite file) on the
# test classpath; each figure is the median of 51 runs after 20 warm-up runs.
# Usage: bench/review-bench.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
./mvnw -B -q -o -DskipTests test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
machine_line
java -Xmx512m -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" net.metacircular.mcq.reviews.ReviewBench
