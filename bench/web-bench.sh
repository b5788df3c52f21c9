#!/usr/bin/env bash
# Web UI benchmark: the queue page with 10,000 documents, and the reader of
# a 1 MB document on first view (rendered) and cached view. Times are the
# server's response time as the client on loopback sees it (curl's
# time_total), median of many requests, plus wrk throughput.
#
# Needs: curl, python3, wrk. Usage: bench/web-bench.sh [documents]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-10000}
JAR=target/mcq.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
[ -f "${JAR%.jar}.jsa" ] || bash deploy/scripts/build-cds-archive.sh "$JAR" >/dev/null

source bench/lib.sh
machine_line
port=$(free_port)
bin/mcq devserver --port "$port" --grpc-port "$(free_port)" --data "$work/srv" > "$work/devserver.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/v1/health" >/dev/null 2>&1; do sleep 0.1; done
until [ -s "$work/srv/ci-bot.token" ]; do sleep 0.1; done
token=$(cat "$work/srv/ci-bot.token")

echo "pushing $DOCS documents…"
python3 - "$base" "$token" "$DOCS" <<'PY'
import json, sys, urllib.request, concurrent.futures
base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def push(i):
    body = json.dumps({"title": f"Document number {i}", "body": f"# Document {i}\n\nSome text."}).encode()
    req = urllib.request.Request(f"{base}/v1/documents/doc-{i:05d}", data=body, method="PUT",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(push, range(n)))
PY

# A 1 MB document with headings, lists, tables and code, in several variants
# (different content, so each first view is a real render).
python3 bench/big-document.py "$work" 6

cookie="Cookie: mcq_session=$token"
median_ms() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m*1000}'; }
time_get() { curl -s -o /dev/null -w '%{time_total}\n' -H "$cookie" "$1"; }

status=$(curl -s -o "$work/queue.html" -w '%{http_code}' -H "$cookie" "$base/")
echo "queue page 1: HTTP $status, $(stat -c %s "$work/queue.html") bytes, $(grep -o 'href="/d/' "$work/queue.html" | wc -l) documents listed, $(grep -o "Page 1 of [0-9]*" "$work/queue.html")"
for _ in 1 2 3 4 5; do time_get "$base/" >/dev/null; done
queue=$(for _ in $(seq 1 30); do time_get "$base/"; done | median_ms)
echo "queue page with $DOCS documents: median $queue ms (target < 100 ms)"

first=()
for variant in 0 1 2 3 4 5; do
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @"$work/big-$variant.json" "$base/v1/documents/big-$variant"
    first+=("$(time_get "$base/d/big-$variant")")
done
first_ms=$(printf '%s\n' "${first[@]:1}" | median_ms)
cached_ms=$(for _ in $(seq 1 30); do time_get "$base/d/big-0"; done | median_ms)
size=$(curl -s -H "$cookie" "$base/d/big-0" | wc -c)
echo "reader of a 1 MB document: page $size bytes; first view median $first_ms ms, cached view median $cached_ms ms (target < 20 ms)"
if command -v wrk >/dev/null; then
    wrk -t2 -c8 -d5s -H "$cookie" "$base/" | awk '/Requests\/sec/ {print "queue page throughput: " $2 " req/s (wrk, 8 connections)"}'
    wrk -t2 -c8 -d5s -H "$cookie" "$base/d/big-0" | awk '/Requests\/sec/ {print "cached reader throughput: " $2 " req/s (wrk, 8 connections)"}'
fi
pid=$(pgrep -f -n "mcq.jar devserver --port $port" || echo "$server_pid")
echo "resident memory: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status")"
