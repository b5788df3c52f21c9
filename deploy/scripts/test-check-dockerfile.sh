#!/usr/bin/env bash
# Tests check-dockerfile.sh: the real Dockerfile must pass; each copy with one
# platform rule broken must fail, with a message about that rule; copies
# that keep the rules in another spelling (digest pin, registry port) must pass.
#
# usage: test-check-dockerfile.sh [Dockerfile]
set -euo pipefail

here=$(cd -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
dockerfile=${1:-$root/Dockerfile}
checker=$here/check-dockerfile.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=checks.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/checks.sh"

# The real Dockerfile passes.
if out=$(bash "$checker" "$dockerfile" 2>&1); then
    ok "the real Dockerfile passes"
else
    not_ok "the real Dockerfile fails: $out"
fi

# variant PREFIX NAME SED-SCRIPT...: writes an edited copy of the Dockerfile
# and prints its path; fails when the edit changed nothing (a stale test).
# (It runs in a command substitution, so the caller records the failure.)
variant() {
    local prefix=$1 name=$2
    shift 2
    local copy="$work/$prefix$(tr -c 'a-zA-Z0-9\n' '-' <<<"$name").Dockerfile"
    sed "$@" "$dockerfile" >"$copy"
    cmp -s "$copy" "$dockerfile" && return 1
    echo "$copy"
}

unchanged() {
    not_ok "$1: the edit did not change the Dockerfile (update the test)"
}

# mutant NAME EXPECTED-MESSAGE-FRAGMENT SED-SCRIPT...: the checker must fail
# on the edited copy, saying EXPECTED.
mutant() {
    local name=$1 expected=$2
    shift 2
    local copy out
    copy=$(variant "" "$name" "$@") || { unchanged "$name"; return 0; }
    if out=$(bash "$checker" "$copy" 2>&1); then
        not_ok "$name: the checker accepted it"
    elif [[ $out != *"$expected"* ]]; then
        not_ok "$name: failed, but without '$expected': $out"
    else
        ok "$name fails: $(grep -F -m1 -- "$expected" <<<"$out" | sed "s|$work/||")"
    fi
}

# accepted NAME SED-SCRIPT...: a copy that still follows the rules passes.
accepted() {
    local name=$1
    shift
    local copy out
    copy=$(variant ok- "$name" "$@") || { unchanged "$name"; return 0; }
    if out=$(bash "$checker" "$copy" 2>&1); then
        ok "$name passes"
    else
        not_ok "$name was rejected: $out"
    fi
}

runtime_from='/^FROM debian/'

mutant "USER directive" "USER is not allowed" -e "\$a USER nobody"
mutant "lower-case user directive" "USER is not allowed" -e "\$a user 1000:1000"
mutant "VOLUME directive" "VOLUME is not allowed" -e "\$a VOLUME /srv/mcq"
mutant "adduser" "adduser is not allowed" -e "\$a RUN adduser --system mcq"
mutant "addgroup" "addgroup is not allowed" -e "\$a RUN addgroup --system mcq"
mutant "useradd in a continued line" "useradd is not allowed" \
    -e "s/^    && rm -rf \/var\/lib\/apt\/lists\/\*/    \&\& useradd -r mcq \\\\\n    \&\& rm -rf \/var\/lib\/apt\/lists\/*/"
mutant "no ca-certificates" "does not install ca-certificates" -e "s/ ca-certificates / /"
mutant "no tzdata" "does not install tzdata" -e "s/ tzdata / /"
mutant "ca-certificates only in the build stage" "does not install ca-certificates" \
    -e "s/ ca-certificates / /" -e "/^FROM maven/a RUN apt-get install -y ca-certificates"
mutant "runtime image without a tag" "has no tag" -e "s/^FROM debian:[^ ]*/FROM debian/"
mutant "runtime image :latest" "uses :latest" -e "s/^FROM debian:[^ ]*/FROM debian:latest/"
mutant "build image :latest" "uses :latest" -e "s/^FROM maven:[^ ]*/FROM maven:latest/"
mutant "codename tag" "is not a version" -e "s/^FROM debian:[^ ]*/FROM debian:bookworm-slim/"
mutant "untagged image with --platform" "has no tag" -e "s/^FROM debian:[^ ]*/FROM --platform=linux\/amd64 debian/"
mutant "registry port mistaken for a tag" "has no tag" \
    -e "s/^FROM debian:[^ ]*/FROM mcr.svc.mcp.metacircular.net:8443\/debian/"
mutant "base image from a build argument" "cannot be checked" \
    -e "1i ARG BASE=debian:12.11-slim" -e "s/^FROM debian:[^ ]*/FROM \${BASE}/"
mutant "no ARG VERSION" "no ARG VERSION" -e "/^ARG VERSION/d"
mutant "ARG VERSION unused" "no RUN uses" -e "s/ -Dmcq.version=\${VERSION}//"
mutant "wrong WORKDIR" "WORKDIR /srv/mcq" -e "s/^WORKDIR \/srv\/mcq/WORKDIR \/app/"
mutant "no WORKDIR in the runtime" "WORKDIR /srv/mcq" -e "/^WORKDIR \/srv\/mcq/d"
mutant "shell-form ENTRYPOINT" "ENTRYPOINT must be" -e 's/^ENTRYPOINT .*/ENTRYPOINT mcq/'
mutant "ENTRYPOINT java -jar" "ENTRYPOINT must be" \
    -e 's/^ENTRYPOINT .*/ENTRYPOINT ["java", "-jar", "\/usr\/local\/lib\/mcq\/mcq.jar"]/'
mutant "CMD with another config" "CMD must be" -e 's/^CMD .*/CMD ["server", "--config", "\/etc\/mcq.toml"]/'
mutant "no CMD" "CMD must be" -e '/^CMD /d'
mutant "single stage" "single stage" -e "1,/^COPY --from=build \/build\/bin\/mcq/{/^FROM debian/!{/^ARG VERSION/!{/-Dmcq.version/!d}}}" \
    -e "s/^FROM debian:\([^ ]*\)/FROM debian:\1\nARG VERSION=dev\nRUN echo \${VERSION} > \/version/"

accepted "runtime image pinned by digest" \
    -e "s/^FROM debian:[^ ]*/FROM debian@sha256:0000000000000000000000000000000000000000000000000000000000000000/"
accepted "registry with a port and a version tag" \
    -e "s/^FROM debian:[^ ]*/FROM mcr.svc.mcp.metacircular.net:8443\/debian:12.11-slim/"
accepted "JSON arrays spelled without spaces" \
    -e 's/^CMD .*/CMD ["server","--config","\/srv\/mcq\/mcq.toml"]/'

finish_checks
