#!/usr/bin/env bash
# What revisions cost a push: PUT of a 100 KB document whose body changes on
# every request (so each push stores a revision and prunes beyond
# max_revisions), against the same build from just before revisions came in,
# in the same run. Baseline and subject alternate (A B A B ...) after a
# warm-up of each, each measured once the other server is idle; medians.
#
# Needs: wrk, curl, python3, git. Usage: [ROUNDS=3] [EDIT=tail|middle] [WARMUP=seconds] bench/revisions-bench.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-8}
ROUNDS=${ROUNDS:-3}
source bench/lib.sh

# The baseline: the commit before the revisions migration was added.
added=$(git log --diff-filter=A --format=%H -- src/main/resources/db/migrations/V002__revisions.sql | tail -1)
baseline_ref=${BASELINE_REF:-$added^}
build_baseline "$baseline_ref"

machine_line
echo "baseline: $(git rev-parse --short "$baseline_ref") (before revisions); subject: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + local changes')"

start_server baseline "$work/baseline/target/mcq.jar"
start_server subject target/mcq.jar

python3 - "$work" <<'PY'
import json, sys, random, string
work = sys.argv[1]
random.seed(1)
para = lambda: " ".join("".join(random.choices(string.ascii_lowercase, k=random.randint(2, 10))) for _ in range(80))
body = "# Benchmark document\n\n"
while len(body.encode()) < 100 * 1024:
    body += "## Section\n\n" + para() + "\n\n"
body = body.encode()[:100 * 1024 - 32].decode("ascii")
open(f"{work}/big.json", "w").write(json.dumps({"title": "Big document", "body": body}))
PY
# Each request changes the body: EDIT=tail (default) appends the thread and
# sequence number; EDIT=middle inserts a marker of varying length at a
# varying place in the middle, as an author's revision would.
EDIT=${EDIT:-tail}
cat > "$work/put.lua" <<LUA
local f = io.open("$work/big.json", "rb")
local template = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
local n = 0
function request()
    n = n + 1
    local body
    if "$EDIT" == "middle" then
        -- At a space, never inside the JSON text's escapes.
        local at = string.find(template, " ", 20000 + (n * 7919) % 60000, true)
        body = string.sub(template, 1, at) .. " edit " .. id .. "-" .. n .. string.rep("x", n % 40) .. " "
            .. string.sub(template, at + 1)
    else
        body = string.sub(template, 1, -3) .. " " .. id .. "-" .. n .. '"}'
    end
    -- No header table: wrk then sends wrk.headers, which holds -H's Authorization too.
    return wrk.format("PUT", nil, nil, body)
end
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_idle() { # pid: until it used < 5 % of a core over a second, at most 30 s
    local hz; hz=$(getconf CLK_TCK)
    for _ in $(seq 1 30); do
        local a b; a=$(cpu_ticks "$1"); sleep 1; b=$(cpu_ticks "$1")
        [ $(( (b - a) * 100 )) -lt $(( hz * 5 )) ] && return 0
    done
}
run_put() { # label, base, token[, seconds]
    local out rps
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${4:-$DURATION}s" --latency -s "$work/put.lua" -H "Authorization: Bearer $3" \
        "$2/v1/documents/bench-put")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    grep -q "Non-2xx" <<<"$out" && { echo "bench: $1 got error responses" >&2; exit 1; }
    printf '%-28s %10s req/s   p50 %-9s p99 %-9s %s\n' "$1" "$rps" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
        "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)" >&2
    echo "$rps"
}
echo "wrk: 2 threads, $CONNECTIONS connections, ${DURATION}s per run; PUT 100 KB, changed body every request (EDIT=$EDIT)" >&2
# The JIT keeps speeding both up for a while: warm each for WARMUP seconds.
WARMUP=${WARMUP:-30}
run_put "warm-up baseline" "$base_baseline" "$token_baseline" "$WARMUP" >/dev/null
run_put "warm-up subject" "$base_subject" "$token_subject" "$WARMUP" >/dev/null
a=(); b=()
for round in $(seq 1 "$ROUNDS"); do
    wait_idle "$pid_subject"; wait_idle "$pid_baseline"
    a+=("$(run_put "baseline PUT ($round)" "$base_baseline" "$token_baseline")")
    wait_idle "$pid_baseline"; wait_idle "$pid_subject"
    b+=("$(run_put "with revisions PUT ($round)" "$base_subject" "$token_subject")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
revisions=$(curl -sf -H "Authorization: Bearer $token_subject" "$base_subject/v1/documents/bench-put/revisions" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["revisions"]; print(len(r), "kept, newest", r[0]["number"])')
python3 - "$(median "${a[@]}")" "$(median "${b[@]}")" "$revisions" "${a[*]}" "${b[*]}" <<'PY'
import statistics, sys
base, subject, revisions, rounds_a, rounds_b = sys.argv[1:]
print(f"medians over the rounds: baseline {float(base):.0f} req/s, with revisions {float(subject):.0f} req/s"
      f" = {float(subject) / float(base) * 100:.0f} % of the baseline (target >= 80 %)")
# Each subject run against the baseline run just before it: a drift in the
# machine's speed over the run (other tenants) cancels out in the pair.
ratios = [float(b) / float(a) * 100 for a, b in zip(rounds_a.split(), rounds_b.split())]
print("per round: " + ", ".join(f"{r:.0f} %" for r in ratios)
      + f"; median of the paired ratios {statistics.median(ratios):.0f} %")
print(f"revisions of the benchmark document: {revisions}")
PY
