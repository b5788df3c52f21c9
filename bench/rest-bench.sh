#!/usr/bin/env bash
# REST API benchmark: cold start, GET of a 100 KB document, GET of the list
# with 1,000 documents, PUT of a 100 KB document, resident memory after the
# run — with nginx serving the same 100 KB JSON in the same run as the
# baseline, since shared machines are noisy.
#
# Needs: wrk, nginx, curl, python3 (apt-get install wrk nginx curl).
# Usage: [ROUNDS=3] bench/rest-bench.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
JAR=target/mcq.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
[ -f "${JAR%.jar}.jsa" ] || bash deploy/scripts/build-cds-archive.sh "$JAR" >/dev/null
for tool in wrk nginx curl python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk nginx curl)" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_healthy() { # url, max seconds
    local deadline=$((SECONDS + $2))
    until curl -sf "$1" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { echo "bench: $1 never became healthy" >&2; exit 1; }
        sleep 0.01
    done
}
now_ms() { date +%s%3N; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"

# --- Cold start: process start to the first healthy /v1/health (median of 5).
cat > "$work/cold.toml" <<TOML
[server]
listen_addr = "127.0.0.1:PORT_PLACEHOLDER"
[database]
path = "$work/cold.db"
[mcias]
server_url = "http://127.0.0.1:9"
service_name = "mcq"
TOML
starts=()
for i in 1 2 3 4 5; do
    port=$(free_port)
    sed "s/PORT_PLACEHOLDER/$port/" "$work/cold.toml" > "$work/cold-$i.toml"
    t0=$(now_ms)
    bin/mcq server --config "$work/cold-$i.toml" > "$work/cold-$i.log" 2>&1 &
    pid=$!
    wait_healthy "http://127.0.0.1:$port/v1/health" 30
    t1=$(now_ms)
    starts+=($((t1 - t0)))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
cold=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
echo "cold start to healthy (ms): ${starts[*]} -> median $cold"

# --- The server under test, with the development identity provider as MCIAS.
port=$(free_port)
grpc=$(free_port)
bin/mcq devserver --port "$port" --grpc-port "$grpc" --data "$work/srv" > "$work/devserver.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
wait_healthy "http://127.0.0.1:$port/v1/health" 60
until [ -s "$work/srv/ci-bot.token" ]; do sleep 0.1; done
token=$(cat "$work/srv/ci-bot.token")
java_pid=$(pgrep -f -n "mcq.jar devserver --port $port") || java_pid=$server_pid
base="http://127.0.0.1:$port"

python3 - "$work" <<'PY'
import json, sys, random, string
work = sys.argv[1]
random.seed(1)
para = lambda: " ".join("".join(random.choices(string.ascii_lowercase, k=random.randint(2, 10))) for _ in range(80))
body = "# Benchmark document\n\n"
while len(body.encode()) < 100 * 1024:
    body += "## Section\n\n" + para() + "\n\n```python\nprint('hello')\n```\n\n"
body = body.encode()[:100 * 1024].decode("ascii")
open(f"{work}/big.json", "w").write(json.dumps({"title": "Big document", "body": body}))
open(f"{work}/small.json", "w").write(json.dumps({"title": "Small document", "body": "# Small\n\nA few words."}))
PY
curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$work/big.json" "$base/v1/documents/big" >/dev/null
seq 1 999 | xargs -P 8 -I{} curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @"$work/small.json" "$base/v1/documents/doc-{}"
count=$(curl -sf -H "Authorization: Bearer $token" "$base/v1/documents" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["documents"]))')
echo "documents in the queue: $count"
curl -sf -H "Authorization: Bearer $token" "$base/v1/documents/big" > "$work/big-response.json"
echo "GET /v1/documents/big response: $(stat -c %s "$work/big-response.json") bytes"

# --- nginx baseline serving the same bytes.
nport=$(free_port)
mkdir -p "$work/nginx/html"
cp "$work/big-response.json" "$work/nginx/html/big.json"
# nginx workers drop root privileges: let them read the files.
chmod 755 "$work" "$work/nginx" "$work/nginx/html"; chmod 644 "$work/nginx/html/big.json"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server { listen 127.0.0.1:$nport; root $work/nginx/html; }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_healthy "http://127.0.0.1:$nport/big.json" 10
# Same bytes for both: body and header sizes of one response each, keep-alive
# (HTTP/1.1), plain HTTP on loopback for both.
response_sizes() { curl -sf -o /dev/null -w 'body %{size_download} B, headers %{size_header} B, HTTP/%{http_version}' "$@"; }
echo "MCQ response:   $(response_sizes -H "Authorization: Bearer $token" "$base/v1/documents/big")"
echo "nginx response: $(response_sizes "http://127.0.0.1:$nport/big.json")"

cat > "$work/put.lua" <<LUA
local f = io.open("$work/big.json", "rb")
wrk.method = "PUT"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

run_wrk() { # label, extra args...
    local label=$1; shift
    local out
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@")
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
    printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$label" "$rps" "$p50" "$p99" "$errors" >&2
    echo "$rps"
}
auth=(-H "Authorization: Bearer $token")
echo "wrk: 2 threads, $CONNECTIONS connections, ${DURATION}s each" >&2
# The JIT needs a while to compile the hot path; measure after it has, and
# only once the JVM is idle again (compiler threads done), or its leftover
# work would be charged to nginx's baseline.
run_wrk "warm-up GET document" "${auth[@]}" "$base/v1/documents/big" >/dev/null
run_wrk "warm-up GET document" "${auth[@]}" "$base/v1/documents/big" >/dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$java_pid/stat"; }
wait_idle() { # until the server used < 5 % of a core over a second, at most 30 s
    local hz; hz=$(getconf CLK_TCK)
    for _ in $(seq 1 30); do
        local a b; a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
        [ $(( (b - a) * 100 )) -lt $(( hz * 5 )) ] && return 0
    done
    echo "bench: the server never went idle; measuring anyway" >&2
}
# Baseline and subject alternate (A B A B ...), ROUNDS times; medians are quoted.
ROUNDS=${ROUNDS:-3}
nginx_runs=(); doc_runs=()
for round in $(seq 1 "$ROUNDS"); do
    wait_idle
    before=$(cpu_ticks)
    nginx_runs+=("$(run_wrk "nginx GET same 100 KB JSON ($round)" "http://127.0.0.1:$nport/big.json")")
    # The server must stay idle while nginx is measured, or nginx pays for it.
    echo "  MCQ's CPU during the nginx run: $(( ($(cpu_ticks) - before) * 1000 / $(getconf CLK_TCK) )) ms" >&2
    wait_idle
    doc_runs+=("$(run_wrk "MCQ GET 100 KB document ($round)" "${auth[@]}" "$base/v1/documents/big")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
nginx_rps=$(median "${nginx_runs[@]}")
doc_rps=$(median "${doc_runs[@]}")
echo "medians over $ROUNDS alternating rounds: nginx $nginx_rps req/s, MCQ $doc_rps req/s" >&2
# Each round pairs two neighbouring runs, so its ratio is less exposed to
# load that comes and goes on a shared machine than the ratio of medians.
round_ratios=()
for i in "${!doc_runs[@]}"; do
    round_ratios+=("$(awk -v m="${doc_runs[$i]}" -v n="${nginx_runs[$i]}" 'BEGIN {printf "%.0f", m / n * 100}')")
done
share=$(median "${round_ratios[@]}")
echo "MCQ as a share of nginx per round (%): ${round_ratios[*]} -> median $share" >&2
list_rps=$(run_wrk "MCQ GET list of 1,000" "${auth[@]}" "$base/v1/documents")
put_rps=$(run_wrk "MCQ PUT 100 KB document" "${auth[@]}" -s "$work/put.lua" "$base/v1/documents/bench-put")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$java_pid/status")
echo "memory of the server: $(grep -E 'VmRSS|RssAnon|RssFile' "/proc/$java_pid/status" | tr -s ' \t' ' ' | tr '\n' ';')"
# Only when started with JAVA_OPTS=-XX:NativeMemoryTracking=summary.
if command -v jcmd >/dev/null && jcmd "$java_pid" VM.native_memory summary >"$work/nmt.txt" 2>/dev/null \
        && grep -q '^Total' "$work/nmt.txt"; then
    echo "native memory tracking (committed):"
    grep -E '^-|^Total' "$work/nmt.txt" | sed -E 's/\(reserved=[0-9]+KB, committed=([0-9]+)KB\)/\1 KB/' | sed 's/^/  /'
fi

python3 - "$nginx_rps" "$doc_rps" "$cold" "$rss_kb" "$hwm_kb" "$list_rps" "$put_rps" "$share" <<'PY'
import sys
nginx, doc, cold, rss, hwm, lst, put, share = sys.argv[1:]
ratio = float(doc) / float(nginx) * 100
print(f"GET document vs nginx: {float(share):.0f} % of nginx's rate, median of the rounds' shares "
      f"(ratio of the medians {ratio:.0f} %; target >= 30 %)")
print(f"GET list: {float(lst):.0f} req/s, PUT 100 KB: {float(put):.0f} req/s")
print(f"cold start: {cold} ms (target < 1500 ms)")
print(f"resident memory after the run: {int(rss)/1024:.0f} MB (peak {int(hwm)/1024:.0f} MB; target < 256 MB)")
PY
