#!/usr/bin/env bash
# Live updates: what open event streams (GET /events, one per open page of
# the web UI) cost a running MCQ, in one process and one run:
#  1. heap: live bytes after a full GC (jcmd GC.class_histogram, which runs
#     one) with no stream open and with STREAMS streams open;
#  2. REST GET: wrk on GET /v1/documents/{slug} of a 100 KB document (as in
#     bench/rest-bench.sh) with no stream open and with STREAMS open;
# alternated A B A B ... for ROUNDS rounds after a warm-up, medians quoted
# (targets for 500 streams: < 32 MB of heap, GET at most 10 % slower). No
# push happens while wrk runs; afterwards one push is sent and the script
# counts the streams it reached and how long the last one took.
#
# MCQ runs with the launcher's flags (bin/mcq: 128 MiB heap, serial GC;
# MCQ_HEAP overrides) as the development server, with the stream and
# connection bounds raised by environment ([limits] max_live_streams_per_account,
# max_live_streams, max_connections_per_address). The streams are held by a
# Python asyncio client on loopback, signed in as alice with her session
# cookie; a stream counts as open once its first event (retry:) arrived. A
# client that closes its stream is noticed by MCQ at the next write, so after
# closing them the script pushes a throwaway document until the histogram
# shows no stream left.
#
# Needs: wrk, curl, python3, jcmd (the JDK's).
# Usage: [ROUNDS=5] [WARMUP=2] bench/live-streams-bench.sh [streams] [wrk-seconds] [wrk-connections]
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS=${1:-500}
DURATION=${2:-10}
CONNECTIONS=${3:-32}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-2}
JAR=target/mcq.jar
for tool in wrk curl python3 jcmd; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk curl; jcmd is in the JDK)" >&2; exit 1; }
done
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
source bench/lib.sh
machine_line
echo "subject: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + local changes')"

port=$(free_port)
# Every stream and every wrk connection comes from 127.0.0.1; the bounds sit above what the run opens.
MCQ_LIMITS_MAX_LIVE_STREAMS_PER_ACCOUNT=$((STREAMS + 100)) \
MCQ_LIMITS_MAX_LIVE_STREAMS=$((STREAMS + 100)) \
MCQ_LIMITS_MAX_CONNECTIONS_PER_ADDRESS=$((STREAMS + CONNECTIONS + 256)) \
MCQ_JAR=$JAR bin/mcq devserver --port "$port" --grpc-port "$(free_port)" --data "$work/srv" \
    > "$work/devserver.log" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 90))
until curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && [ -s "$work/srv/ci-bot.token" ]; do
    kill -0 "$server_pid" 2>/dev/null || { echo "bench: MCQ exited at start" >&2; cat "$work/devserver.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "bench: MCQ never became healthy" >&2; cat "$work/devserver.log" >&2; exit 1; }
    sleep 0.1
done
# bin/mcq execs java, so the launcher's pid is the JVM's.
echo "server: bin/mcq devserver, $(tr '\0' ' ' < "/proc/$server_pid/cmdline" | grep -o -- '-Xmx[^ ]*') heap," \
    "streams allowed $((STREAMS + 100)), connections per address $((STREAMS + CONNECTIONS + 256))"

python3 - "$server_pid" "$port" "$work/srv/ci-bot.token" "$STREAMS" "$DURATION" "$CONNECTIONS" "$ROUNDS" "$WARMUP" <<'PY'
import asyncio, json, os, random, re, resource, statistics, string, subprocess, sys, threading, time
import http.client

pid, port, token_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
streams_wanted, duration, connections, rounds, warmup = map(int, sys.argv[4:9])
token = open(token_file).read().strip()
STREAM_CLASS = "net.metacircular.mcq.webserver.EventStream"
# Each stream is a socket here as well as in the server.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, streams_wanted + 256)), hard))

def rest(method, path, bearer, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if bearer:
        headers["Authorization"] = f"Bearer {bearer}"
    c.request(method, path, None if body is None else json.dumps(body), headers)
    r = c.getresponse(); data = r.read(); c.close()
    assert 200 <= r.status < 300, (method, path, r.status, data[:200])
    return data

# The document wrk reads: 100 KB of Markdown, as bench/rest-bench.sh pushes.
random.seed(1)
para = lambda: " ".join("".join(random.choices(string.ascii_lowercase, k=random.randint(2, 10))) for _ in range(80))
body = "# Benchmark document\n\n"
while len(body.encode()) < 100 * 1024:
    body += "## Section\n\n" + para() + "\n\n```python\nprint('hello')\n```\n\n"
rest("PUT", "/v1/documents/big", token, {"title": "Big document", "body": body[:100 * 1024]})
# The web session: the cookie carries the token of a sign-in.
session = json.loads(rest("POST", "/v1/auth/login", None,
                          {"username": "alice", "password": "alice-dev-password"}))["token"]
pushes = 0
def push(slug):
    global pushes
    pushes += 1
    rest("PUT", f"/v1/documents/{slug}", token, {"title": "Live", "body": f"# Live\n\npush {pushes}\n"})

def histogram():
    """Live bytes after the full GC the histogram runs, per class, and the total."""
    out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, check=True).stdout
    classes, total = {}, None
    for line in out.splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        elif line.startswith("Total"):
            total = int(line.split()[2])
    return total, classes

def open_in_server():
    return histogram()[1].get(STREAM_CLASS, (0, 0))[0]

def rss_kb():
    return int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1))

# --- The streams, held by an asyncio loop on its own thread.
loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()
def run(coro, timeout=120):
    return asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)

class Stream:
    def __init__(self):
        self.reader = self.writer = self.task = None
        self.events = {}  # slug of an event: document -> when it arrived

async def open_one(stream):
    stream.reader, stream.writer = await asyncio.open_connection("127.0.0.1", port)
    stream.writer.write((f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
                         f"Cookie: mcq_session={session}\r\n\r\n").encode())
    status = await stream.reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"GET /events answered {status.decode().strip()}")
    while not (await stream.reader.readline()).startswith(b"retry:"):
        pass
    stream.task = asyncio.get_running_loop().create_task(listen(stream))

async def listen(stream):
    event = None
    while line := await stream.reader.readline():
        if line.startswith(b"event:"):
            event = line[6:].strip()
        elif line.startswith(b"data:") and event == b"document":
            stream.events[json.loads(line[5:])["slug"]] = time.perf_counter()

async def open_all(n):
    streams = [Stream() for _ in range(n)]
    # In batches, as pages open over a moment, not as one burst of n connections.
    for i in range(0, n, 50):
        await asyncio.wait_for(asyncio.gather(*(open_one(s) for s in streams[i:i + 50])), 60)
    return streams

async def close_all(streams):
    for s in streams:
        s.task.cancel()
        s.writer.close()

def open_streams():
    t = time.perf_counter()
    streams = run(open_all(streams_wanted))
    return streams, time.perf_counter() - t

def close_streams(streams):
    run(close_all(streams))
    # MCQ notices a closed stream when it next writes to it: push until it has (bounded).
    for _ in range(60):
        if open_in_server() == 0:
            return
        push("bench-live-drain")
        time.sleep(0.25)
    raise SystemExit(f"bench: MCQ still holds {open_in_server()} streams after they were closed")

# --- wrk and an idle server between runs.
hz = os.sysconf("SC_CLK_TCK")
def cpu_ticks():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])
def wait_idle():
    """Until the server used < 5 % of a core over a second, at most 30 s."""
    for _ in range(30):
        a = cpu_ticks(); time.sleep(1)
        if (cpu_ticks() - a) * 100 < hz * 5:
            return
    print("bench: the server never went idle; measuring anyway", file=sys.stderr)

def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]

def wrk(label):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency",
                          "-H", f"Authorization: Bearer {token}", f"http://127.0.0.1:{port}/v1/documents/big"],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = " ".join(l.strip() for l in out.splitlines() if "Non-2xx" in l or "Socket errors" in l)
    print(f"  {label:34s} {rps:9.0f} req/s   p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   {errors}")
    return rps, p50, p99

print(f"wrk: 2 threads, {connections} connections, {duration} s per run, GET /v1/documents/big (100 KB)")
for i in range(warmup):
    wrk(f"warm-up GET ({i + 1})")
# One warm-up cycle of the streams too: the code that opens and ends them gets compiled.
streams, _ = open_streams()
close_streams(streams)

heap_a, heap_b, rss_a, rss_b, runs_a, runs_b = [], [], [], [], [], []
classes_a = classes_b = None
for r in range(1, rounds + 1):
    print(f"round {r}")
    wait_idle()
    total, classes_a = histogram()
    assert classes_a.get(STREAM_CLASS, (0, 0))[0] == 0
    heap_a.append(total); rss_a.append(rss_kb())
    print(f"  A: no stream open:     live heap {total / 2**20:6.1f} MiB, resident {rss_a[-1] / 1024:6.1f} MiB")
    wait_idle()
    runs_a.append(wrk(f"A GET, no stream open"))

    streams, took = open_streams()
    total, classes_b = histogram()
    in_server = classes_b.get(STREAM_CLASS, (0, 0))[0]
    if in_server != streams_wanted:
        raise SystemExit(f"bench: {streams_wanted} streams opened, MCQ holds {in_server}")
    heap_b.append(total); rss_b.append(rss_kb())
    print(f"  B: {streams_wanted} streams open (in {took:.1f} s): live heap {total / 2**20:6.1f} MiB, "
          f"resident {rss_b[-1] / 1024:6.1f} MiB")
    wait_idle()
    runs_b.append(wrk(f"B GET, {streams_wanted} streams open"))
    if r < rounds:
        close_streams(streams)

# One push with every stream open: how many hear it, and when.
wait_idle()
sent = time.perf_counter()
push("bench-live-check")
answered = time.perf_counter()
deadline = time.time() + 15
while time.time() < deadline and sum("bench-live-check" in s.events for s in streams) < len(streams):
    time.sleep(0.05)
heard = [s.events["bench-live-check"] for s in streams if "bench-live-check" in s.events]
last = (max(heard) - sent) * 1000 if heard else float("nan")
print(f"one push with {len(streams)} streams open: {len(heard)} of {len(streams)} streams got its event; "
      f"PUT answered in {(answered - sent) * 1000:.0f} ms, the last event arrived {last:.0f} ms after the PUT was sent")
close_streams(streams)

med = statistics.median
diff = [b - a for a, b in zip(heap_a, heap_b)]
print(f"\nheap per round (MiB): A {' '.join(f'{x / 2**20:.1f}' for x in heap_a)} | "
      f"B {' '.join(f'{x / 2**20:.1f}' for x in heap_b)}")
print(f"heap cost of {streams_wanted} streams, per round (MiB): {' '.join(f'{d / 2**20:.2f}' for d in diff)} -> "
      f"median {med(diff) / 2**20:.2f} MiB ({med(diff) / streams_wanted / 1024:.1f} KiB a stream; target < 32 MB for 500)")
print(f"resident memory cost, per round (MiB): {' '.join(f'{(b - a) / 1024:.1f}' for a, b in zip(rss_a, rss_b))}")
shares = [b[0] / a[0] * 100 for a, b in zip(runs_a, runs_b)]
print(f"GET req/s: A {' '.join(f'{a[0]:.0f}' for a in runs_a)} | B {' '.join(f'{b[0]:.0f}' for b in runs_b)}")
print(f"GET with {streams_wanted} streams as a share of without, per round (%): {' '.join(f'{s:.0f}' for s in shares)}"
      f" -> median {med(shares):.0f} % (target >= 90 %)")
print(f"GET medians: A {med(a[0] for a in runs_a):.0f} req/s, p50 {med(a[1] for a in runs_a):.2f} ms, "
      f"p99 {med(a[2] for a in runs_a):.2f} ms | B {med(b[0] for b in runs_b):.0f} req/s, "
      f"p50 {med(b[1] for b in runs_b):.2f} ms, p99 {med(b[2] for b in runs_b):.2f} ms")
# Where the streams' heap goes: the classes that grew most in the last round.
grown = sorted(((classes_b.get(k, (0, 0))[1] - classes_a.get(k, (0, 0))[1], k) for k in set(classes_a) | set(classes_b)),
               reverse=True)[:10]
print(f"classes that grew most with {streams_wanted} streams (last round, KiB):")
for size, name in grown:
    print(f"  {size / 1024:9.1f}  {name}")
PY
