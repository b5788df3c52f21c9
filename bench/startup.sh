#!/usr/bin/env bash
# Start-up benchmark: how long `mcq --version`, `mcq list` (against a running
# MCQ) and `mcq server` (process start to the first 200 from /v1/health)
# take, each as a multiple of `java -version` measured in the same run. The
# subjects are alternated round by round with the baseline, after a warm-up
# round, so the machine's noise hits all of them alike; medians are reported.
#
# Needs: python3. Usage: [ROUNDS=15] bench/startup.sh [path/to/bin/mcq]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MCQ=${1:-bin/mcq}
ROUNDS=${ROUNDS:-15}
JAR=target/mcq.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
[ -f "${JAR%.jar}.jsa" ] || bash deploy/scripts/build-cds-archive.sh "$JAR" >/dev/null

machine_line
echo "subject: $("$MCQ" --version) through $MCQ"

# A development server for `mcq list` to talk to, with a few documents.
http_port=$(free_port)
grpc_port=$(free_port)
"$MCQ" devserver --data "$work/srv" --port "$http_port" --grpc-port "$grpc_port" >"$work/devserver.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    [ -s "$work/srv/ci-bot.token" ] && curl -sf "http://127.0.0.1:$http_port/v1/health" >/dev/null 2>&1 && break
    sleep 0.05
done
export MCQ_SERVER_URL="http://127.0.0.1:$http_port" MCQ_TOKEN_FILE="$work/srv/ci-bot.token"
for i in 1 2 3 4 5; do
    printf '# Document %s\n\nSome text.\n' "$i" | "$MCQ" push "doc-$i" >/dev/null
done

cat > "$work/server.toml" <<TOML
[server]
listen_addr = "127.0.0.1:PORT"
[database]
path = "DB"
[mcias]
server_url = "http://127.0.0.1:9"
service_name = "mcq"
[log]
level = "warn"
TOML

python3 - "$MCQ" "$ROUNDS" "$work" <<'PY'
import os, socket, statistics, subprocess, sys, time

mcq, rounds, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def run(argv):
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, **quiet)
    return time.perf_counter() - t0

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def healthy(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def server(n):
    # A fresh database each time: the first start of an empty one is the
    # common case for a new deployment and includes the migrations.
    port = free_port()
    config = os.path.join(work, f"server-{n}.toml")
    with open(os.path.join(work, "server.toml")) as f:
        text = f.read().replace("PORT", str(port)).replace("DB", os.path.join(work, f"server-{n}.db"))
    with open(config, "w") as f:
        f.write(text)
    t0 = time.perf_counter()
    process = subprocess.Popen([mcq, "server", "--config", config], **quiet)
    try:
        while not healthy(port):
            if process.poll() is not None or time.perf_counter() - t0 > 60:
                raise SystemExit(f"bench: mcq server did not become healthy (exit {process.poll()})")
            time.sleep(0.002)
        return time.perf_counter() - t0
    finally:
        process.terminate()
        process.wait(30)

subjects = {
    "java -version": lambda n: run(["java", "-version"]),
    "mcq --version": lambda n: run([mcq, "--version"]),
    "mcq list": lambda n: run([mcq, "list"]),
    "mcq server to first healthy /v1/health": server,
}
times = {name: [] for name in subjects}
for n in range(rounds + 1):
    for name, measure in subjects.items():
        t = measure(n)
        if n > 0:  # round 0 warms the file cache and the CDS archive's pages
            times[name].append(t)

base = statistics.median(times["java -version"])
print(f"rounds: {rounds}, alternated; median (min-max) in ms, ratio to java -version's median")
for name, values in times.items():
    m = statistics.median(values)
    print(f"  {name:40s} {m*1000:7.0f}  ({min(values)*1000:.0f}-{max(values)*1000:.0f})  {m/base:5.1f}x")
PY
