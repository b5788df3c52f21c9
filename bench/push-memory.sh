#!/usr/bin/env bash
# Concurrent pushes, memory: MCQ started with the launcher (bin/mcq: 128 MiB
# heap, serial GC, exit on OutOfMemoryError) takes 20 concurrent pushes of a
# maximum-size document and 20 concurrent 24 MiB logins (half with
# Content-Length, half chunked; the load is the test class UploadLoad). Prints
# how each request was answered, whether the process survived, and its peak
# resident memory (VmHWM).
#
# Needs: curl, python3. Usage: bench/push-memory.sh [mcq.jar]
# The jar defaults to this tree's target/mcq.jar; pass another build (e.g. of
# an older commit) to compare. The load always runs from this tree's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-target/mcq.jar}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
[ -d target/test-classes/net/metacircular/mcq/server ] || ./mvnw -B -q test-compile

source bench/lib.sh
machine_line
echo "jar: $JAR"
port=$(free_port)
MCQ_JAR=$JAR bin/mcq devserver --port "$port" --grpc-port "$(free_port)" --data "$work/srv" > "$work/devserver.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1; do
    kill -0 "$server_pid" 2>/dev/null || { echo "MCQ exited at start"; cat "$work/devserver.log"; exit 1; }
    sleep 0.1
done
until [ -s "$work/srv/ci-bot.token" ]; do sleep 0.1; done
# bin/mcq execs java, so the launcher's pid is the JVM's.
echo "resident before the load: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$server_pid/status)"

# Peak resident memory, sampled while the load runs (a JVM that exits takes its VmHWM with it).
( while [ -r /proc/$server_pid/status ]; do
      awk '/VmHWM/ {print int($2/1024)}' /proc/$server_pid/status > "$work/peak.tmp" 2>/dev/null && mv "$work/peak.tmp" "$work/peak"
      sleep 0.1
  done ) &
start=$SECONDS
java -cp target/test-classes net.metacircular.mcq.server.UploadLoad "$port" "$work/srv/ci-bot.token"
echo "load took $((SECONDS - start)) s"

if kill -0 "$server_pid" 2>/dev/null && curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null; then
    echo "survived: yes; peak resident memory (VmHWM): $(cat "$work/peak") MiB"
else
    echo "survived: no; peak resident memory before it exited (VmHWM): $(cat "$work/peak" 2>/dev/null || echo '?') MiB"
    grep -m3 -i "OutOfMemory\|Terminating" "$work/devserver.log" || true
fi
