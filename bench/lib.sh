# Shared by the bench scripts that run one MCQ server: a scratch folder that
# is removed at exit, with the server whose pid is in $server_pid stopped
# first; free loopback ports; the machine line every result starts with.
work=$(mktemp -d)
server_pid=""
pids=()
cleanup() {
    for p in $server_pid "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
machine_line() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
}

# For scripts that compare a baseline build with this one, each its own
# development server: a worktree of the baseline commit, built; servers
# stopped and the worktree removed at exit.
build_baseline() { # commit -> $work/baseline/target/mcq.jar, and this build's jar
    trap 'git worktree remove --force "$work/baseline" 2>/dev/null || true; cleanup' EXIT
    git worktree add -q --detach "$work/baseline" "$1"
    (cd "$work/baseline" && ./mvnw -B -q package -DskipTests >/dev/null)
    [ -f target/mcq.jar ] || ./mvnw -B -q package -DskipTests >/dev/null
}
start_server() { # name, jar -> a development server; sets base_<name>, token_<name>, pid_<name>
    local name=$1 jar=$2 port grpc
    port=$(free_port); grpc=$(free_port)
    java -Xmx512m -jar "$jar" devserver --port "$port" --grpc-port "$grpc" --data "$work/$name-srv" \
        > "$work/$name.log" 2>&1 &
    pids+=($!)
    eval "pid_$name=$!"
    local deadline=$((SECONDS + 90))
    until curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && [ -s "$work/$name-srv/ci-bot.token" ]; do
        [ $SECONDS -lt $deadline ] || { echo "bench: $name never became healthy" >&2; cat "$work/$name.log" >&2; exit 1; }
        sleep 0.1
    done
    eval "base_$name=http://127.0.0.1:$port"
    eval "token_$name=$(cat "$work/$name-srv/ci-bot.token")"
}
