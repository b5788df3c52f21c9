#!/usr/bin/env bash
# The packaging checks, for CI after the Maven tests (which build
# target/mcq.jar): each must pass on a Debian 12 machine with JDK 17 and
# the systemd package.
#
#   check-dockerfile       the Dockerfile follows the platform rules
#   test-check-dockerfile  the rule check rejects each broken rule
#   verify-units           systemd units: verify, hardening, and a boot under a
#                          real systemd when systemd-nspawn is installed
#   test-install           install.sh is idempotent
#   check-runtime-modules  the image's jlink runtime runs MCQ
#
# usage: check-all.sh [JAR]   (default target/mcq.jar; built if missing)
set -uo pipefail

here=$(cd -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
jar=${1:-$root/target/mcq.jar}
if [[ ! -f $jar ]]; then
    echo "check-all: building $jar"
    (cd "$root" && ./mvnw -B -q package -DskipTests) || { echo "check-all: build failed" >&2; exit 1; }
fi

passed=0
failed=0
failures=()
step() {
    local name=$1
    shift
    echo "== $name"
    local started=$SECONDS
    if "$@"; then
        passed=$((passed + 1))
        echo "== $name: ok ($((SECONDS - started)) s)"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "== $name: FAILED ($((SECONDS - started)) s)" >&2
    fi
}

step check-dockerfile bash "$here/check-dockerfile.sh" "$root/Dockerfile"
step test-check-dockerfile bash "$here/test-check-dockerfile.sh" "$root/Dockerfile"
step verify-units bash "$here/verify-units.sh" "$jar"
step test-install bash "$here/test-install.sh" "$jar"
step check-runtime-modules bash "$here/check-runtime-modules.sh" "$jar"

if ((failed > 0)); then
    echo "check-all: failed: ${failures[*]}" >&2
fi
echo "packaging checks: $passed passed, $failed failed"
((failed == 0))
