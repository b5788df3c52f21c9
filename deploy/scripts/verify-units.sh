#!/usr/bin/env bash
# Checks MCQ's systemd units (deploy/systemd/).
#
# 1. Static, always:
#    - `systemd-analyze verify` on the three units passes with no warning.
#      It insists that ExecStart= names an executable file, so the units are
#      verified inside a temporary root (--root) holding a copy of systemd's
#      own units and a stub /usr/local/bin/mcq: nothing is installed on
#      this machine.
#    - each service carries every hardening directive of the platform, and
#      not MemoryDenyWriteExecute (which breaks the JVM's JIT), and the
#      unit says why in a comment; the timer fires daily at 02:00 UTC.
#    - `systemd-analyze security --offline` exposure stays at or below 4.5.
# 2. Boot, when this machine can (root, systemd-nspawn from the
#    systemd-container package, overlayfs): a real systemd boots as PID 1
#    in a throwaway container over a copy-on-write view of this machine's
#    root; MCQ is installed there with install.sh and the units run as they
#    would on a host. Inside it checks that
#    - mcq.service, with every directive, runs the JVM and serves
#      /v1/health over TLS 1.3 with the example configuration;
#    - the directives really apply to the JVM process (no new privileges,
#      empty capability sets, seccomp on, umask 0077, read-only /, writable
#      /srv/mcq, private /tmp, user mcq) and the JIT uses writable and
#      executable memory, which is what MemoryDenyWriteExecute forbids;
#    - with MemoryDenyWriteExecute=yes the JVM does not start at all;
#    - mcq-backup.service writes a 0600 snapshot; the timer is scheduled;
#    - mcq restore is refused while the service runs and works once it is
#      stopped; the stop is clean (exit 143 counted as success).
#    Nothing of it outlives the check: the container's writes go to a tmpfs
#    in a private mount namespace.
#
# usage: verify-units.sh [--no-boot | --require-boot] [JAR]
#   --no-boot       static checks only
#   --require-boot  fail (rather than skip) when the boot check cannot run
set -euo pipefail

here=$(cd -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/../.." && pwd)
units=$root/deploy/systemd
boot=auto
case ${1:-} in
    --no-boot) boot=no; shift ;;
    --require-boot) boot=yes; shift ;;
esac
jar=${1:-$root/target/mcq.jar}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=checks.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/checks.sh"

# ---- 1. static -------------------------------------------------------------

systemd_units=/usr/lib/systemd/system
[[ -d $systemd_units ]] || systemd_units=/lib/systemd/system
vroot=$work/verify-root
mkdir -p "$vroot/usr/lib/systemd" "$vroot/etc/systemd/system" "$vroot/usr/local/bin"
cp -a "$systemd_units" "$vroot/usr/lib/systemd/system"
printf '#!/bin/sh\nexit 0\n' >"$vroot/usr/local/bin/mcq"
chmod 0755 "$vroot/usr/local/bin/mcq"
cp "$units/mcq.service" "$units/mcq-backup.service" "$units/mcq-backup.timer" "$vroot/etc/systemd/system/"

if output=$(systemd-analyze verify --root="$vroot" /etc/systemd/system/mcq.service \
    /etc/systemd/system/mcq-backup.service /etc/systemd/system/mcq-backup.timer 2>&1) && [[ -z $output ]]; then
    ok "systemd-analyze verify: mcq.service, mcq-backup.service, mcq-backup.timer"
else
    not_ok "systemd-analyze verify: ${output:-exit status non-zero}"
fi

hardening=(
    NoNewPrivileges=yes ProtectSystem=strict ReadWritePaths=/srv/mcq ProtectHome=yes PrivateTmp=yes
    PrivateDevices=yes ProtectKernelTunables=yes ProtectKernelModules=yes ProtectKernelLogs=yes
    ProtectControlGroups=yes RestrictNamespaces=yes RestrictRealtime=yes RestrictSUIDSGID=yes
    LockPersonality=yes SystemCallArchitectures=native CapabilityBoundingSet= AmbientCapabilities=
    UMask=0077 User=mcq
)
has_line() { # FILE LINE
    grep -qxF -- "$2" "$1"
}
for service in mcq.service mcq-backup.service; do
    missing=()
    for line in "${hardening[@]}"; do
        has_line "$units/$service" "$line" || missing+=("$line")
    done
    if ((${#missing[@]} == 0)); then
        ok "$service has all ${#hardening[@]} hardening settings"
    else
        not_ok "$service lacks: ${missing[*]}"
    fi
    if grep -E '^[[:space:]]*MemoryDenyWriteExecute[[:space:]]*=' "$units/$service" >/dev/null; then
        not_ok "$service sets MemoryDenyWriteExecute: the JVM cannot run with it"
    elif grep -E '^#.*MemoryDenyWriteExecute' "$units/$service" >/dev/null && grep -E '^#.*JIT' "$units/$service" >/dev/null; then
        ok "$service leaves MemoryDenyWriteExecute out and says why"
    else
        not_ok "$service should explain in a comment why MemoryDenyWriteExecute is left out (the JIT)"
    fi
done
for line in "ExecStart=/usr/local/bin/mcq server --config /srv/mcq/mcq.toml" "Restart=on-failure" "SuccessExitStatus=143"; do
    has_line "$units/mcq.service" "$line" && ok "mcq.service: $line" || not_ok "mcq.service lacks $line"
done
if grep -qxE 'Type=(simple|exec)' "$units/mcq.service"; then ok "mcq.service: Type=simple or exec"; else not_ok "mcq.service: Type must be simple or exec"; fi
for line in "Type=oneshot" "ExecStart=/usr/local/bin/mcq snapshot --config /srv/mcq/mcq.toml --keep 14"; do
    has_line "$units/mcq-backup.service" "$line" && ok "mcq-backup.service: $line" || not_ok "mcq-backup.service lacks $line"
done
for line in "OnCalendar=*-*-* 02:00:00 UTC" "RandomizedDelaySec=5min" "Persistent=true"; do
    has_line "$units/mcq-backup.timer" "$line" && ok "mcq-backup.timer: $line" || not_ok "mcq-backup.timer lacks $line"
done
if calendar=$(systemd-analyze calendar '*-*-* 02:00:00 UTC' 2>&1) && grep -q "02:00:00 UTC" <<<"$calendar"; then
    ok "the timer's calendar expression parses: $(grep 'Next elapse' <<<"$calendar" | sed 's/^ *//')"
else
    not_ok "systemd-analyze calendar: $calendar"
fi

for service in mcq.service mcq-backup.service; do
    security=$(systemd-analyze security --offline=yes --root="$vroot" "/etc/systemd/system/$service" 2>&1 || true)
    score=$(sed -n "s/.*Overall exposure level for $service: \([0-9.]*\).*/\1/p" <<<"$security")
    if [[ -z $score ]]; then
        not_ok "systemd-analyze security gave no score for $service: $(tail -3 <<<"$security")"
    elif awk -v s="$score" 'BEGIN { exit !(s <= 4.5) }'; then
        ok "$service exposure $score (systemd-analyze security; at most 4.5)"
    else
        not_ok "$service exposure $score is above 4.5: a hardening setting was lost"
    fi
done

# ---- 2. boot ---------------------------------------------------------------

boot_skip_reason() {
    [[ $(id -u) == 0 ]] || { echo "not root"; return; }
    command -v systemd-nspawn >/dev/null || { echo "systemd-nspawn is not installed (apt-get install systemd-container)"; return; }
    command -v unshare >/dev/null || { echo "unshare is not installed"; return; }
    command -v openssl >/dev/null || { echo "openssl is not installed"; return; }
    command -v java >/dev/null || { echo "no java on PATH for the container's MCQ"; return; }
    [[ -f $jar ]] || { echo "no jar at $jar (make build)"; return; }
    grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
    grep -qw overlay /proc/filesystems || { echo "the kernel has no overlayfs"; return; }
}

run_boot_check() {
    local out=$work/out
    mkdir -p "$out"
    chmod 0777 "$out"
    cat >"$work/inside.sh" <<'INSIDE'
#!/bin/sh
# Runs inside the container as mcq-verify.service; results go to /out/results.
r=/out/results
log=/out/inside.log
ok() { echo "ok   - $*" >>"$r"; }
no() { echo "FAIL - $*" >>"$r"; }
health() {
    printf 'GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' |
        openssl s_client -connect 127.0.0.1:8443 -servername localhost -tls1_3 -quiet \
            -CAfile /srv/mcq/certs/cert.pem -verify_return_error 2>>"$log" | head -n 1
}

[ "$(systemctl is-enabled mcq.service mcq-backup.timer | tr '\n' ' ')" = "enabled enabled " ] \
    && ok "install.sh's units enable: mcq.service, mcq-backup.timer" || no "units not enabled"
systemctl start mcq.service mcq-backup.timer >>"$log" 2>&1
status=""
i=0
while [ $i -lt 120 ]; do
    status=$(health)
    case $status in "HTTP/1.1 200"*) break ;; esac
    [ "$(systemctl is-failed mcq.service)" = failed ] && break
    sleep 0.5
    i=$((i + 1))
done
case $status in
    "HTTP/1.1 200"*) ok "mcq.service with every hardening directive serves /v1/health over TLS 1.3" ;;
    *) no "mcq.service did not become healthy: $(systemctl status mcq.service --no-pager 2>&1 | tail -5 | tr '\n' ' ')" ;;
esac

pid=$(systemctl show -p MainPID --value mcq.service)
st=/proc/$pid/status
if [ -r "$st" ]; then
    field() { sed -n "s/^$1:[[:space:]]*//p" "$st" | awk '{print $1}'; }
    [ "$(cat /proc/$pid/comm)" = java ] && ok "the main process is the JVM (the launcher execs java)" || no "main process is $(cat /proc/$pid/comm)"
    [ "$(field Uid)" = "$(id -u mcq)" ] && ok "runs as user mcq" || no "runs as uid $(field Uid)"
    [ "$(field NoNewPrivs)" = 1 ] && ok "NoNewPrivileges applies (NoNewPrivs: 1)" || no "NoNewPrivs is $(field NoNewPrivs)"
    [ "$(field CapBnd)" = 0000000000000000 ] && ok "CapabilityBoundingSet= applies (CapBnd: 0)" || no "CapBnd is $(field CapBnd)"
    [ "$(field CapAmb)" = 0000000000000000 ] && ok "AmbientCapabilities= applies (CapAmb: 0)" || no "CapAmb is $(field CapAmb)"
    [ "$(field Seccomp)" = 2 ] && ok "seccomp filters apply (SystemCallArchitectures, RestrictNamespaces, ...)" || no "Seccomp is $(field Seccomp)"
    [ "$(field Umask)" = 0077 ] && ok "UMask=0077 applies" || no "Umask is $(field Umask)"
    mounts=/proc/$pid/mountinfo
    opts() { awk -v mp="$1" '$5 == mp { o = $6 } END { print o }' "$mounts"; }
    case ",$(opts /)," in *,ro,*) ok "ProtectSystem=strict: / is read-only for the JVM" ;; *) no "/ is mounted $(opts /)" ;; esac
    case ",$(opts /srv/mcq)," in *,rw,*) ok "ReadWritePaths=/srv/mcq: writable" ;; *) no "/srv/mcq is mounted '$(opts /srv/mcq)'" ;; esac
    [ -n "$(opts /tmp)" ] && ok "PrivateTmp: /tmp is the service's own mount" || no "no private /tmp"
    [ -n "$(opts /home)" ] && ok "ProtectHome: /home is masked" || no "/home is not masked"
    [ -n "$(opts /dev)" ] && ok "PrivateDevices: /dev is the service's own" || no "no private /dev"
    wx=$(grep -c ' rwxp ' /proc/$pid/maps || true)
    [ "$wx" -gt 0 ] && ok "the JIT's code cache is writable and executable memory ($wx rwx mappings): MemoryDenyWriteExecute would forbid it" \
        || no "no rwx mapping found in the JVM"
else
    no "no main process for mcq.service"
fi

if systemctl start mcq-backup.service >>"$log" 2>&1; then
    snap=$(ls -1 /srv/mcq/backups/mcq-*.db 2>/dev/null | tail -n 1)
    if [ -n "$snap" ] && [ "$(stat -c '%U %a' "$snap")" = "mcq 600" ]; then
        ok "mcq-backup.service wrote $(basename "$snap") (mcq, 0600) while MCQ runs"
    else
        no "mcq-backup.service ran but no 0600 snapshot owned by mcq: $(ls -l /srv/mcq/backups 2>&1 | tr '\n' ' ')"
    fi
else
    no "mcq-backup.service failed: $(journalctl -u mcq-backup.service --no-pager 2>&1 | tail -5 | tr '\n' ' ')"
fi
next=$(systemctl show -p NextElapseUSecRealtime --value mcq-backup.timer)
[ -n "$next" ] && ok "mcq-backup.timer is scheduled: next $next" || no "mcq-backup.timer has no next elapse"

refused=$(runuser -u mcq -- /usr/local/bin/mcq restore --config /srv/mcq/mcq.toml "$snap" 2>&1)
case $? in
    1) case $refused in *"in use by server"*) ok "mcq restore is refused while mcq.service runs" ;; *) no "restore refused oddly: $refused" ;; esac ;;
    *) no "mcq restore was not refused while the server ran: $refused" ;;
esac

with_mdwe=$(systemd-run --quiet --wait --pipe -p User=mcq -p MemoryDenyWriteExecute=yes /usr/local/bin/mcq --version 2>&1)
mdwe_status=$?
without=$(systemd-run --quiet --wait --pipe -p User=mcq /usr/local/bin/mcq --version 2>&1)
without_status=$?
if [ $mdwe_status -ne 0 ] && [ $without_status -eq 0 ]; then
    ok "MemoryDenyWriteExecute=yes stops the JVM from starting ($(echo "$with_mdwe" | grep -v '^$' | head -n 2 | tr '\n' ' ')); without it: $without"
else
    no "MemoryDenyWriteExecute check: with it exit $mdwe_status ($with_mdwe), without it exit $without_status ($without)"
fi

systemctl stop mcq.service
result=$(systemctl show -p Result --value mcq.service)
if [ "$result" = success ] && journalctl -u mcq.service --no-pager 2>/dev/null | grep -q 'msg="stopped"'; then
    ok "systemctl stop drains and stops MCQ cleanly (Result=success)"
else
    no "stop: Result=$result; $(journalctl -u mcq.service --no-pager 2>&1 | tail -5 | tr '\n' ' ')"
fi
if restored=$(runuser -u mcq -- /usr/local/bin/mcq restore --config /srv/mcq/mcq.toml "$snap" 2>&1); then
    ok "mcq restore works once the service is stopped"
else
    no "mcq restore after stop failed: $restored"
fi
echo done >>"$r"
systemctl poweroff --no-block
INSIDE

    cat >"$work/boot.sh" <<'BOOT'
set -eu
work=$1 root=$2 jar=$3
nsp=$work/nsp
mkdir -p "$nsp"
# A private mount namespace (unshare -m): these mounts vanish with it.
mount -t tmpfs tmpfs "$nsp"
mount -t tmpfs tmpfs /run
mkdir -p "$nsp/upper" "$nsp/work" "$nsp/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$nsp/upper,workdir=$nsp/work" "$nsp/root"
m=$nsp/root
systemd-id128 new >"$m/etc/machine-id"

# Install as an operator would, into the container's root.
DESTDIR=$m bash "$root/deploy/scripts/install.sh" "$jar" >"$work/out/install.log"
useradd --root "$m" --system --user-group --home-dir /srv/mcq --no-create-home --shell /usr/sbin/nologin mcq
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -keyout "$m/srv/mcq/certs/key.pem" -out "$m/srv/mcq/certs/cert.pem" \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
uid=$(awk -F: '$1 == "mcq" { print $3 }' "$m/etc/passwd")
gid=$(awk -F: '$1 == "mcq" { print $3 }' "$m/etc/group")
chown -R "$uid:$gid" "$m/srv/mcq"
chmod 0600 "$m/srv/mcq/certs/key.pem"
systemctl --root="$m" enable mcq.service mcq-backup.timer >/dev/null 2>&1

cp "$work/inside.sh" "$m/usr/local/bin/mcq-verify-inside"
chmod 0755 "$m/usr/local/bin/mcq-verify-inside"
cat >"$m/etc/systemd/system/mcq-verify.service" <<UNIT
[Unit]
Description=MCQ unit checks
After=basic.target
[Service]
Type=oneshot
ExecStart=/usr/local/bin/mcq-verify-inside
UNIT
cat >"$m/etc/systemd/system/mcq-verify.target" <<UNIT
[Unit]
Description=MCQ unit checks
Requires=basic.target mcq-verify.service
After=basic.target mcq-verify.service
AllowIsolate=yes
UNIT

timeout 300 systemd-nspawn --quiet --register=no --keep-unit --link-journal=no --private-network \
    -D "$m" --bind="$work/out:/out" -b -- --unit=mcq-verify.target
BOOT

    echo "verify-units: booting systemd in a throwaway container to run the units (about a minute)"
    if ! unshare -m --propagation private bash "$work/boot.sh" "$work" "$root" "$jar" >"$work/boot.log" 2>&1; then
        if [[ ! -s $out/results ]]; then
            not_ok "the container did not boot: $(tail -15 "$work/boot.log")"
            return
        fi
    fi
    if [[ ! -s $out/results ]]; then
        not_ok "the checks in the container did not run: $(tail -15 "$work/boot.log")"
        return
    fi
    while IFS= read -r line; do
        case $line in
            "ok   - "*) ok "[systemd] ${line#ok   - }" ;;
            "FAIL - "*) not_ok "[systemd] ${line#FAIL - }" ;;
        esac
    done <"$out/results"
    if ! grep -qx done "$out/results"; then
        not_ok "[systemd] the checks stopped early: $(tail -20 "$out/inside.log" 2>/dev/null)"
    fi
}

if [[ $boot == no ]]; then
    echo "verify-units: boot check not requested (--no-boot)"
else
    reason=$(boot_skip_reason)
    if [[ -n $reason ]]; then
        if [[ $boot == yes ]]; then
            not_ok "the boot check cannot run: $reason"
        else
            echo "verify-units: SKIPPED the boot check: $reason"
        fi
    else
        run_boot_check
    fi
fi

finish_checks
