#!/bin/sh
# Checks that the trimmed runtime the container image ships is enough to run
# MCQ: builds it with build-runtime.sh (the same script the Dockerfile runs),
# then, on that runtime only,
#   - `mcq --version` prints the version,
#   - `mcq server` starts with an EC (P-256) certificate and serves
#     /v1/health, the sign-in page and a static asset over TLS 1.3, and
#     refuses TLS 1.2; its gRPC listener (Netty) completes a TLS 1.3
#     handshake agreeing on HTTP/2,
#   - `mcq snapshot` writes a copy of the live database (SQLite's native
#     library, VACUUM INTO),
#   - SIGTERM stops the server cleanly,
#   - nothing in the log says a class, algorithm or service was missing.
#
# usage: check-runtime-modules.sh [JAR]   (default target/mcq.jar)
# Needs a JDK 17 with jmods, as the image's build stage has: $RUNTIME_JDK,
# else Debian's /usr/lib/jvm/java-17-openjdk-amd64 (openjdk-17-jdk-headless),
# else $JAVA_HOME; and openssl (which Debian's JDK pulls in through
# ca-certificates).
set -eu

root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
jar=${1:-$root/target/mcq.jar}
if [ -n "${RUNTIME_JDK:-}" ]; then
    jdk=$RUNTIME_JDK
elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/jlink ]; then
    jdk=/usr/lib/jvm/java-17-openjdk-amd64
else
    jdk=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
fi

fail() {
    echo "check-runtime-modules: FAIL: $*" >&2
    exit 1
}

[ -f "$jar" ] || fail "no jar at $jar (build it with 'make build')"
[ -x "$jdk/bin/jlink" ] || fail "no jlink in $jdk (set JAVA_HOME to a JDK 17)"
[ -d "$jdk/jmods" ] || fail "no jmods in $jdk: jlink needs a full JDK"
command -v openssl >/dev/null || fail "openssl is needed to make a test certificate"
feature=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "$feature" = 17 ] || echo "check-runtime-modules: note: $jdk is Java $feature; the image's runtime is Java 17" >&2

# The environment must not steer the check: $PORT/$PORT_GRPC and
# MCQ_<SECTION>_<KEY> would override the test configuration.
unset PORT PORT_GRPC JAVA_OPTS
for name in $(env | sed -n 's/^\(MCQ_[A-Z0-9_]*\)=.*/\1/p'); do
    unset "$name"
done

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "check-runtime-modules: building the runtime with jlink (about half a minute)"
JAVA_HOME=$jdk sh "$root/deploy/scripts/build-runtime.sh" "$jar" "$work/runtime"

# From here on only the trimmed runtime runs MCQ, through the real launcher
# with the image's heap setting, on a copy of the jar with no class-data-
# sharing archive beside it, as in the image.
# exec: in the background the function's subshell becomes the launcher,
# which execs java, so $! is the JVM itself and SIGTERM reaches it.
cp "$jar" "$work/mcq.jar"
mcq() {
    JAVA_HOME="$work/runtime" MCQ_JAR="$work/mcq.jar" JAVA="$work/runtime/bin/java" \
        MCQ_HEAP=-XX:MaxRAMPercentage=50 exec "$root/bin/mcq" "$@"
}

version=$(mcq --version) || fail "'mcq --version' failed on the trimmed runtime"
case "$version" in
    "mcq "*) echo "check-runtime-modules: ok: --version prints '$version'" ;;
    *) fail "'mcq --version' printed '$version'" ;;
esac

# An EC key: loading it, signing the handshake and the X25519/P-256 key
# exchange all need the SunEC provider (jdk.crypto.ec).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null \
    || fail "openssl could not make a test certificate"

cat > "$work/mcq.toml" <<TOML
[server]
listen_addr = "127.0.0.1:0"
grpc_addr = "127.0.0.1:0"
tls_cert = "$work/cert.pem"
tls_key = "$work/key.pem"

[database]
path = "$work/data/mcq.db"

[mcias]
server_url = "https://127.0.0.1:1"
service_name = "mcq"

[log]
level = "info"
TOML

mcq server --config "$work/mcq.toml" > "$work/server.log" 2>&1 &
server_pid=$!

port=""
i=0
while [ $i -lt 120 ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        cat "$work/server.log" >&2
        fail "'mcq server' exited during start on the trimmed runtime"
    fi
    port=$(sed -n 's/.*HTTP listener started.*addr=[^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
    # Both listeners: gRPC starts right after HTTP.
    [ -n "$port" ] && grep -q 'gRPC listener started' "$work/server.log" && break
    sleep 0.5
    i=$((i + 1))
done
[ -n "$port" ] || { cat "$work/server.log" >&2; fail "the server did not report its port within 60 s"; }
echo "check-runtime-modules: ok: server started with TLS on 127.0.0.1:$port"

# request PATH OPENSSL-OPTIONS...: one HTTP/1.1 GET over TLS, the raw response.
request() {
    path=$1
    shift
    printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" |
        openssl s_client -connect "127.0.0.1:$port" -servername localhost "$@" \
            -CAfile "$work/cert.pem" -verify_return_error -quiet 2>"$work/s_client.err"
}

# The API, a page rendered from the precompiled templates, a static asset.
for path in /v1/health /login /static/mcq.css; do
    response=$(request "$path" -tls1_3) || { cat "$work/s_client.err" >&2; fail "TLS 1.3 request to $path failed"; }
    case "$response" in
        "HTTP/1.1 200"*) echo "check-runtime-modules: ok: GET $path over TLS 1.3 answers 200" ;;
        *) echo "$response" | head -n 20 >&2; fail "GET $path did not answer 200" ;;
    esac
done

# gRPC (Netty): a TLS 1.3 handshake that agrees on HTTP/2.
grpc_port=$(sed -n 's/.*gRPC listener started.*addr=[^ ]*:\([0-9][0-9]*\).*/\1/p' "$work/server.log" | head -n 1)
[ -n "$grpc_port" ] || { cat "$work/server.log" >&2; fail "the gRPC listener did not start"; }
handshake=$(openssl s_client -connect "127.0.0.1:$grpc_port" -servername localhost -tls1_3 -alpn h2 \
    -CAfile "$work/cert.pem" -verify_return_error </dev/null 2>&1) || true
case "$handshake" in
    *"ALPN protocol: h2"*) echo "check-runtime-modules: ok: gRPC listener on 127.0.0.1:$grpc_port completes a TLS 1.3 handshake with ALPN h2" ;;
    *) echo "$handshake" | tail -n 20 >&2; fail "the gRPC listener did not complete a TLS 1.3 handshake with ALPN h2" ;;
esac

if request /v1/health -tls1_2 >/dev/null 2>&1; then
    fail "the server accepted TLS 1.2; it must serve TLS 1.3 only"
fi
echo "check-runtime-modules: ok: TLS 1.2 is refused"

snapshot=$(mcq snapshot --config "$work/mcq.toml" --keep 2 2>"$work/snapshot.err") \
    || { cat "$work/snapshot.err" >&2; fail "'mcq snapshot' failed on the trimmed runtime"; }
[ -s "$snapshot" ] || fail "'mcq snapshot' reported $snapshot but wrote nothing"
echo "check-runtime-modules: ok: snapshot written while the server runs ($(basename "$snapshot"))"

kill -TERM "$server_pid"
i=0
while kill -0 "$server_pid" 2>/dev/null && [ $i -lt 60 ]; do
    sleep 0.5
    i=$((i + 1))
done
kill -0 "$server_pid" 2>/dev/null && fail "the server did not stop within 30 s of SIGTERM"
wait "$server_pid" 2>/dev/null || true
server_pid=""
grep -q 'msg="stopped"' "$work/server.log" || { cat "$work/server.log" >&2; fail "the server did not log a clean stop"; }
echo "check-runtime-modules: ok: SIGTERM drains and stops the server"

missing='NoClassDefFoundError|ClassNotFoundException|NoSuchAlgorithmException|NoSuchProviderException|ServiceConfigurationError|UnsatisfiedLinkError|ProviderNotFoundException'
if grep -E "$missing" "$work/server.log" "$work/snapshot.err" >/dev/null 2>&1; then
    grep -E "$missing" "$work/server.log" "$work/snapshot.err" >&2
    fail "the trimmed runtime lacks a module (see above); add it in build-runtime.sh"
fi
echo "check-runtime-modules: PASS ($(tr '\n' ' ' < "$work/runtime/release" | sed -n 's/.*MODULES="\([^"]*\)".*/\1/p' | wc -w) modules)"
