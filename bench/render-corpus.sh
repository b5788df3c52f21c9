#!/usr/bin/env bash
# Rendering hostile documents: times the reader's render path (first view, and
# cached view) for every document of the hostile corpus
# (src/test/java/net/metacircular/mcq/render/HostileDocuments.java), each in a
# fresh JVM with the launcher's 128 MiB heap and a time cap, for this build and
# for a base commit; then, for the slowest document of each build, alternates
# base and this build (A B A B ...) after a warm-up and prints medians.
#
# Usage: bench/render-corpus.sh [base-commit] [cap-seconds] [rounds]
#   DOCS="name ..." limits the run to some documents (the whole corpus takes
#   about half a minute per document on two cores, most of it the base build
#   running out of memory).
# Needs: git, a JDK 17, the Maven wrapper (offline is fine).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-3bbe086}
CAP=${2:-30}
ROUNDS=${3:-5}
work=$(mktemp -d)
base_tree="$work/base"
trap 'git worktree remove --force "$base_tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

./mvnw -B -q -o -DskipTests test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp-after" >/dev/null
after_cp="target/test-classes:target/classes:$(cat "$work/cp-after")"

git worktree add -q --detach "$base_tree" "$BASE"
(cd "$base_tree" && ./mvnw -B -q -o -DskipTests compile \
    && ./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp-base" >/dev/null)
# The corpus and the bench class come from this build; everything else from the base.
mkdir -p "$work/bench-classes/net/metacircular/mcq/render"
cp target/test-classes/net/metacircular/mcq/render/{HostileDocuments,RenderCorpusBench}*.class \
    "$work/bench-classes/net/metacircular/mcq/render/"
base_cp="$work/bench-classes:$base_tree/target/classes:$(cat "$work/cp-base")"

view() { # classpath document [suffix] -> "name first_ms cached_ms outcome" or a capped line
    local out
    if out=$(timeout "$CAP" java -Xmx128m -cp "$1" net.metacircular.mcq.render.RenderCorpusBench "$2" "${3:-}" 2>&1); then
        echo "$out" | tail -1
    elif [ $? -eq 124 ]; then
        echo "$2 >${CAP}000 - killed-after-${CAP}s"
    else
        echo "$2 - - died:$(echo "$out" | grep -o 'OutOfMemoryError\|StackOverflowError' | head -1)"
    fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1)"
docs=${DOCS:-$(java -cp "$after_cp" net.metacircular.mcq.render.RenderCorpusBench)}
printf '%-28s %12s %12s   %s\n' document "base first" "after first" "base → after outcome"
slowest_base="" slowest_base_ms=-1 slowest_after="" slowest_after_ms=-1
for doc in $docs; do
    b=$(view "$base_cp" "$doc"); a=$(view "$after_cp" "$doc")
    read -r _ bf _ bo <<<"$b"; read -r _ af _ ao <<<"$a"
    printf '%-28s %12s %12s   %s → %s\n' "$doc" "$bf" "$af" "$bo" "$ao"
    bms=${bf//[^0-9.]/}; ams=${af//[^0-9.]/}
    [ -z "$bms" ] && bms=$((CAP * 1000 + 1))
    if awk "BEGIN{exit !($bms > $slowest_base_ms)}"; then slowest_base=$doc; slowest_base_ms=$bms; fi
    if awk "BEGIN{exit !($ams > $slowest_after_ms)}"; then slowest_after=$doc; slowest_after_ms=$ams; fi
done
echo "slowest first view: base $slowest_base ($slowest_base_ms ms, capped at ${CAP}s), after $slowest_after ($slowest_after_ms ms)"

median() { grep . | sort -n | awk '{a[NR]=$1} END {if (NR == 0) {print "- (died or capped every time)"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m}'; }
for doc in $(printf '%s\n' "$slowest_base" "$slowest_after" | sort -u); do
    view "$base_cp" "$doc" warm >/dev/null; view "$after_cp" "$doc" warm >/dev/null
    : >"$work/a-first"; : >"$work/a-cached"; : >"$work/b-first"; : >"$work/b-cached"
    for round in $(seq 1 "$ROUNDS"); do
        read -r _ f c _ <<<"$(view "$base_cp" "$doc" "r$round")"; echo "${f//[^0-9.]/}" >>"$work/a-first"; echo "${c//[^0-9.]/}" >>"$work/a-cached"
        read -r _ f c _ <<<"$(view "$after_cp" "$doc" "r$round")"; echo "${f//[^0-9.]/}" >>"$work/b-first"; echo "${c//[^0-9.]/}" >>"$work/b-cached"
    done
    echo "$doc, median of $ROUNDS (A B alternating): base first $(median <"$work/a-first") ms, cached $(median <"$work/a-cached") ms; after first $(median <"$work/b-first") ms, cached $(median <"$work/b-cached") ms"
done
