#!/usr/bin/env bash
# Builds MCQ's class-data-sharing archives, one per kind of use, since an
# archive of classes a command never uses only slows its start:
#   <jar>.jsa         the server: a training run starts it, answers a few
#                     requests and stops; the JVM records what it loaded.
#   <jar>-client.jsa  the client commands (push, list, mcp, --version): each
#                     runs once against the training server, and their
#                     class lists are dumped into one static archive.
# Starting with an archive (bin/mcq picks one by command) skips most class
# loading and verification: about 40 % of the server's cold start. An
# archive is tied to the exact jar and JVM: build it with the Java that will
# run MCQ. A stale archive is ignored, never harmful.
#
# Usage: build-cds-archive.sh [path/to/mcq.jar]
set -euo pipefail
jar=$(realpath "${1:-target/mcq.jar}")
[ -f "$jar" ] || { echo "build-cds-archive: $jar does not exist (run ./mvnw package first)" >&2; exit 1; }
archive="${jar%.jar}.jsa"
client_archive="${jar%.jar}-client.jsa"
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
rm -f "$archive" "$client_archive"
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

# The client commands, each recording its class list. The training server
# refuses their token (its MCIAS is unreachable), which is the error path;
# the success path loads the same classes when the readers are built.
client() { # name, args...; failures are expected, only the class list matters
    local name=$1
    shift
    MCQ_SERVER_URL="http://127.0.0.1:$port" MCQ_TOKEN_FILE="$work/token" \
        timeout 60 "$java" -Xshare:off -XX:DumpLoadedClassList="$work/$name.classes" -jar "$jar" "$@" \
        >/dev/null 2>&1 </dev/null || true
}
echo training > "$work/token"
printf '# Training\n\nA document.\n' > "$work/doc.md"
client version --version
client help --help
client list list
client push push training "$work/doc.md"
client mcp mcp
kill -TERM "$pid"
wait "$pid" || true
[ -s "$archive" ] || { echo "build-cds-archive: no archive written; see the log:" >&2; cat "$work/log" >&2; exit 1; }
# One list of every class any client command loaded, then the static archive.
awk '!/^#/ && !seen[$0]++' "$work"/*.classes > "$work/client.classes"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/client.classes" -XX:SharedArchiveFile="$client_archive" \
    -cp "$jar" >"$work/client-dump.log" 2>&1 \
    || { echo "build-cds-archive: no client archive written; see the log:" >&2; cat "$work/client-dump.log" >&2; exit 1; }
echo "$archive"
echo "$client_archive"
