#!/usr/bin/env bash
# The diff engine's cost: block diff and unified diff of two 1 MB revisions,
# and the changes view of a 100 KB document with 10 % of its blocks edited.
# Runs net.metacircular.mcq.render.DiffBench (a plain main, no server) on the
# test classpath; each figure is the median of 11 runs after 5 warm-up runs.
# Usage: bench/diff-bench.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
./mvnw -B -q -o -DskipTests test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
machine_line
java -Xmx512m -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" net.metacircular.mcq.render.DiffBench
