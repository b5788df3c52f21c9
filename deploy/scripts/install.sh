#!/bin/sh
# Installs MCQ on a host run by systemd (the container deployment under MCP
# needs none of this). Safe to run again: it changes only what differs, and
# never overwrites an existing /srv/mcq/mcq.toml.
#
#   sudo deploy/scripts/install.sh [JAR]         install on this machine
#   DESTDIR=/tmp/stage deploy/scripts/install.sh  stage into a tree
#
# JAR defaults to target/mcq.jar (make build). Installs:
#   /usr/local/lib/mcq/mcq.jar (and mcq.jsa, its start-up archive, when
#   built), /usr/local/bin/mcq (the launcher; it needs a Java 17+ runtime:
#   apt-get install openjdk-17-jre-headless)
#   /srv/mcq/{certs,backups}/ (0700), /srv/mcq/mcq.toml (0600, from
#   deploy/examples/mcq.toml, only if absent)
#   /etc/systemd/system/mcq.service, mcq-backup.service, mcq-backup.timer
# On the real root (no DESTDIR) it also creates the system user mcq, gives
# it /srv/mcq and reloads systemd. It enables nothing: see the last lines.
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH= cd -- "$here/../.." && pwd)
jar=${1:-$root/target/mcq.jar}
dest=${DESTDIR:-}
dest=${dest%/}

say() {
    echo "install: $*"
}
fail() {
    echo "install: error: $*" >&2
    exit 1
}

[ -f "$jar" ] || fail "no jar at $jar: build it first with 'make build'"
on_real_root=false
if [ -z "$dest" ]; then
    on_real_root=true
    [ "$(id -u)" = 0 ] || fail "run as root to install on this machine, or set DESTDIR to stage into a tree"
fi

# put SOURCE TARGET MODE: copy when the content differs (through a temporary
# file and a rename, so a running MCQ keeps reading the old jar), then set
# the mode.
put() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then
        chmod "$3" "$2"
        return
    fi
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.installing.$$"
    chmod "$3" "$2.installing.$$"
    mv -f "$2.installing.$$" "$2"
    say "installed $2"
}

# dir PATH MODE
dir() {
    if [ ! -d "$1" ]; then
        mkdir -p "$1"
        say "created $1"
    fi
    chmod "$2" "$1"
}

if $on_real_root; then
    if getent passwd mcq >/dev/null; then
        say "system user mcq exists"
    else
        useradd --system --user-group --home-dir /srv/mcq --no-create-home \
            --shell /usr/sbin/nologin --comment "MCQ document review queue" mcq
        say "created system user mcq"
    fi
else
    say "note: DESTDIR is set: not creating the system user mcq; on the target run"
    say "      useradd --system --user-group --home-dir /srv/mcq --shell /usr/sbin/nologin mcq"
    say "      chown -R mcq:mcq /srv/mcq"
fi

put "$jar" "$dest/usr/local/lib/mcq/mcq.jar" 0644
# The class-data-sharing archives `make build` writes beside the jar (faster
# start; one for the server, one for the client commands); they belong to
# that jar, so an old one goes when none comes along.
for suffix in .jsa -client.jsa; do
    if [ -f "${jar%.jar}$suffix" ]; then
        put "${jar%.jar}$suffix" "$dest/usr/local/lib/mcq/mcq$suffix" 0644
    elif [ -e "$dest/usr/local/lib/mcq/mcq$suffix" ]; then
        rm -f "$dest/usr/local/lib/mcq/mcq$suffix"
        say "removed $dest/usr/local/lib/mcq/mcq$suffix (made for another jar)"
    fi
done
put "$root/bin/mcq" "$dest/usr/local/bin/mcq" 0755

dir "$dest/srv/mcq" 0700
dir "$dest/srv/mcq/certs" 0700
dir "$dest/srv/mcq/backups" 0700
config="$dest/srv/mcq/mcq.toml"
config_created=false
if [ -e "$config" ]; then
    say "keeping the existing $config"
else
    cp "$root/deploy/examples/mcq.toml" "$config.installing.$$"
    chmod 0600 "$config.installing.$$"
    mv "$config.installing.$$" "$config"
    config_created=true
    say "installed $config from deploy/examples/mcq.toml: edit it before starting MCQ"
fi

for unit in mcq.service mcq-backup.service mcq-backup.timer; do
    put "$root/deploy/systemd/$unit" "$dest/etc/systemd/system/$unit" 0644
done

if $on_real_root; then
    # An existing configuration keeps the owner and mode the operator gave it.
    chown mcq:mcq /srv/mcq /srv/mcq/certs /srv/mcq/backups
    if $config_created; then
        chown mcq:mcq "$config"
    fi
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        say "systemd reloaded"
    else
        say "systemd is not running here: no daemon-reload"
    fi
    command -v java >/dev/null || say "warning: no java on PATH: install a Java 17+ runtime (openjdk-17-jre-headless)"
fi

say "done. Next: put the TLS certificate and key in /srv/mcq/certs/ (owned by mcq),"
say "      check /srv/mcq/mcq.toml, then: systemctl enable --now mcq.service mcq-backup.timer"
