#!/usr/bin/env bash
# The review loop's two figures (spec §19), against a baseline in the same run:
#  1. GET /v1/documents/{slug}/feedback of a document with 200 comments made on
#     revision 1 and re-anchored on revision 2 (target < 20 ms median),
#     alternating with GET of the same document (the baseline: what a read
#     costs without the review) after a warm-up of both; and the first read
#     of each new revision, when all 200 are re-anchored afresh;
#  2. wake-up latency of a long-poll waiter after a verdict (target < 100 ms
#     median): a waiter on GET feedback?wait=60 for a fresh revision, then a
#     verdict; the time from sending the verdict to the waiter's answer,
#     next to the verdict request's own round trip.
#
# Needs: curl, python3. Usage: bench/feedback-bench.sh [requests per figure]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-200}
source bench/lib.sh
[ -f target/mcq.jar ] || ./mvnw -B -q package -DskipTests >/dev/null

port=$(free_port); grpc=$(free_port)
java -Xmx512m -jar target/mcq.jar devserver --port "$port" --grpc-port "$grpc" --data "$work/srv" > "$work/server.log" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 90))
until curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && [ -s "$work/srv/ci-bot.token" ]; do
    [ $SECONDS -lt $deadline ] || { echo "bench: server never became healthy" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
done
machine_line
echo "subject: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + local changes')"

python3 - "http://127.0.0.1:$port" "$(cat "$work/srv/ci-bot.token")" "$REQUESTS" <<'PY'
import json, statistics, sys, threading, time, urllib.request

base, agent, n = sys.argv[1], sys.argv[2], int(sys.argv[3])

def call(method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read() or b"null")

alice = call("POST", "/v1/auth/login", "", {"username": "alice", "password": "alice-dev-password"})["token"]

lines = [f"Step {i}: the agent will change component {i} and test it with care." for i in range(400)]
body = "# Plan\n\n" + "\n\n".join(lines) + "\n"
call("PUT", "/v1/documents/bench-review", agent, {"title": "Plan", "body": body})
for i in range(200):
    quote = f"component {i} and test it"
    line = 3 + 2 * i
    call("POST", "/v1/documents/bench-review/comments", alice,
         {"kind": ["comment", "replacement", "deletion"][i % 3], "text": f"Point {i}: please reconsider this.",
          "quote": quote, "prefix": "will change ", "suffix": " with care.", "start_line": line, "end_line": line,
          **({"replacement": f"module {i}"} if i % 3 == 1 else {})})
# Revision 2 moves every passage down a line: the 200 comments are re-anchored onto it.
body = "# Plan\n\nA new opening line.\n\n" + "\n\n".join(lines) + "\n"
call("PUT", "/v1/documents/bench-review", agent, {"title": "Plan", "body": body})
feedback = call("GET", "/v1/documents/bench-review/feedback", alice)
assert feedback["revision"] == 2 and len(feedback["comments"]) == 200, (feedback["revision"], len(feedback["comments"]))
assert not any(c["outdated"] for c in feedback["comments"])

def timed(path):
    start = time.perf_counter()
    call("GET", path, alice)
    return (time.perf_counter() - start) * 1000

feedback_path, document_path = "/v1/documents/bench-review/feedback", "/v1/documents/bench-review"
for _ in range(50):
    timed(document_path); timed(feedback_path)
document_ms, feedback_ms = [], []
for _ in range(n):
    document_ms.append(timed(document_path))
    feedback_ms.append(timed(feedback_path))

def summary(values):
    values = sorted(values)
    return f"median {statistics.median(values):6.2f} ms  p90 {values[int(len(values) * 0.9)]:6.2f} ms"

print(f"GET document (baseline), {n} requests:            {summary(document_ms)}")
print(f"GET feedback, 200 comments re-anchored on the next revision, {n} requests: {summary(feedback_ms)}  (target: median < 20 ms)")

# Wake-up latency: each round pushes a new revision, starts a waiter on it,
# gives the waiter time to be parked, then sends the verdict.
wake_ms, verdict_ms, first_ms = [], [], []
rounds = max(11, n // 10)
for r in range(rounds + 3):
    call("PUT", "/v1/documents/bench-review", agent, {"title": "Plan", "body": body + f"\nRound {r}.\n"})
    revision = call("GET", "/v1/documents/bench-review", agent)["revision"]
    started = time.perf_counter()
    call("GET", "/v1/documents/bench-review/feedback", alice)  # the first read re-anchors all 200 comments
    if r >= 3:
        first_ms.append((time.perf_counter() - started) * 1000)
    done = {}
    def wait():
        call("GET", f"/v1/documents/bench-review/feedback?revision={revision}&wait=60", agent)
        done["at"] = time.perf_counter()
    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.3)
    sent = time.perf_counter()
    call("POST", "/v1/documents/bench-review/review", alice,
         {"verdict": "request_changes", "summary": "again", "revision": revision})
    answered = time.perf_counter()
    waiter.join(70)
    if r >= 3:  # the first rounds warm up
        wake_ms.append((done["at"] - sent) * 1000)
        verdict_ms.append((answered - sent) * 1000)
print(f"GET feedback, first read of a new revision (200 comments re-anchored), {rounds} rounds: {summary(first_ms)}")
print(f"verdict request round trip (baseline), {rounds} rounds: {summary(verdict_ms)}")
print(f"waiter answered after the verdict was sent, {rounds} rounds: {summary(wake_ms)}  (target: median < 100 ms)")
PY
