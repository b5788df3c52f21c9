#!/usr/bin/env bash
# Tests install.sh: installs into a temporary DESTDIR twice; both runs must
# succeed and leave identical trees (paths, modes, content hashes); the
# tree has the expected files and modes; an operator's edited mcq.toml
# survives a third run; the installed launcher finds the installed jar.
#
# usage: test-install.sh [JAR]   (default target/mcq.jar, built if missing)
set -euo pipefail

here=$(cd -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
jar=${1:-$root/target/mcq.jar}
if [[ ! -f $jar ]]; then
    echo "test-install: building $jar"
    (cd "$root" && ./mvnw -B -q package -DskipTests)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/root

# shellcheck source=checks.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/checks.sh"

# Every path under the tree with its type and mode, and a hash for files.
manifest() {
    (cd "$1" && find . -mindepth 1 -printf '%p %y %m\n' | LC_ALL=C sort | while read -r path type mode; do
        if [[ $type == f ]]; then
            echo "$path $type $mode $(sha256sum "$path" | cut -d' ' -f1)"
        else
            echo "$path $type $mode"
        fi
    done)
}

install_into() {
    DESTDIR=$dest bash "$root/deploy/scripts/install.sh" "$jar" >"$work/install-$1.log" 2>&1
}

if install_into 1; then ok "first install exits 0"; else not_ok "first install failed: $(cat "$work/install-1.log")"; fi
manifest "$dest" >"$work/first.txt"
if install_into 2; then ok "second install exits 0"; else not_ok "second install failed: $(cat "$work/install-2.log")"; fi
manifest "$dest" >"$work/second.txt"
if diff -u "$work/first.txt" "$work/second.txt" >"$work/diff.txt"; then
    ok "the second install leaves the tree identical ($(wc -l <"$work/first.txt") paths, modes and hashes)"
else
    not_ok "the second install changed the tree: $(cat "$work/diff.txt")"
fi
if grep -q "installed\|created" "$work/install-2.log"; then
    not_ok "the second install says it changed something: $(grep "installed\|created" "$work/install-2.log")"
else
    ok "the second install reports no changes"
fi
grep -q "not creating the system user mcq" "$work/install-1.log" \
    && ok "under DESTDIR the system user is skipped with a note" \
    || not_ok "no note about skipping the system user under DESTDIR"

expect() { # PATH TYPE MODE [SOURCE]
    local path=$dest/$1
    if [[ $2 == d && ! -d $path ]] || [[ $2 == f && ! -f $path ]]; then
        not_ok "$1 is missing"
        return
    fi
    local mode
    mode=$(stat -c %a "$path")
    if [[ $mode != "$3" ]]; then
        not_ok "$1 has mode $mode, expected $3"
    elif [[ -n ${4:-} ]] && ! cmp -s "$path" "$4"; then
        not_ok "$1 differs from $4"
    else
        ok "$1 ($3)"
    fi
}
expect usr/local/lib/mcq/mcq.jar f 644 "$jar"
for suffix in .jsa -client.jsa; do
    if [[ -f ${jar%.jar}$suffix ]]; then
        expect "usr/local/lib/mcq/mcq$suffix" f 644 "${jar%.jar}$suffix"
    fi
done
expect usr/local/bin/mcq f 755 "$root/bin/mcq"
expect srv/mcq d 700
expect srv/mcq/certs d 700
expect srv/mcq/backups d 700
expect srv/mcq/mcq.toml f 600 "$root/deploy/examples/mcq.toml"
for unit in mcq.service mcq-backup.service mcq-backup.timer; do
    expect "etc/systemd/system/$unit" f 644 "$root/deploy/systemd/$unit"
done
if find "$dest" -name '*.installing.*' | grep -q .; then
    not_ok "temporary files left behind: $(find "$dest" -name '*.installing.*')"
else
    ok "no temporary files left behind"
fi

# An operator's configuration is never replaced.
printf '# edited by the operator\n' >>"$dest/srv/mcq/mcq.toml"
edited=$(sha256sum <"$dest/srv/mcq/mcq.toml")
if install_into 3 && [[ $(sha256sum <"$dest/srv/mcq/mcq.toml") == "$edited" ]] \
    && grep -q "keeping the existing" "$work/install-3.log"; then
    ok "an edited mcq.toml is kept"
else
    not_ok "an edited mcq.toml was replaced or the run failed: $(cat "$work/install-3.log")"
fi

# The installed launcher finds the installed jar (../lib/mcq/mcq.jar).
if version=$(env -u MCQ_JAR "$dest/usr/local/bin/mcq" --version 2>&1) && [[ $version == "mcq "* ]]; then
    ok "the installed launcher runs the installed jar: $version"
else
    not_ok "the installed launcher failed: $version"
fi

finish_checks
