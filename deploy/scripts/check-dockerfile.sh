#!/usr/bin/env bash
# Static check of a Dockerfile against the platform's rules (see the
# packaging guide): fails with one line per broken rule.
#
#   - multi-stage build
#   - every FROM pins its image: a version tag (with a digit; not "latest")
#     or a digest; "scratch" and earlier stage names are fine
#   - no USER, no VOLUME, no adduser/addgroup/useradd/groupadd: MCP runs
#     containers as 0:0 under rootless Podman; a USER cannot write the host
#     volume and VOLUME breaks layer unpacking
#   - ARG VERSION declared and used (the version reported by mcq --version)
#   - the runtime (last) stage installs ca-certificates and tzdata,
#     has WORKDIR /srv/mcq, ENTRYPOINT ["mcq"] and
#     CMD ["server","--config","/srv/mcq/mcq.toml"]
#
# usage: check-dockerfile.sh [Dockerfile]
set -euo pipefail

file=${1:-Dockerfile}
if [[ ! -f $file ]]; then
    echo "check-dockerfile: FAIL: no such file: $file" >&2
    exit 1
fi

problems=()
problem() {
    problems+=("$file:$1: $2")
}

# One record per instruction: "<first line>\t<INSTRUCTION>\t<arguments>", with
# continuation lines joined and comment lines dropped, as Docker reads it.
instructions() {
    awk '
        function emit() {
            if (text == "") return
            sub(/^[ \t]+/, "", text)
            n = index(text, " "); t = index(text, "\t")
            if (n == 0 || (t > 0 && t < n)) n = t
            if (n == 0) { word = text; rest = "" } else { word = substr(text, 1, n - 1); rest = substr(text, n + 1) }
            sub(/^[ \t]+/, "", rest); sub(/[ \t]+$/, "", rest)
            printf "%d\t%s\t%s\n", start, toupper(word), rest
            text = ""
        }
        {
            line = $0
            sub(/\r$/, "", line)
            if (line ~ /^[ \t]*#/) next
            if (text == "" && line ~ /^[ \t]*$/) next
            if (text == "") start = NR
            if (line ~ /\\[ \t]*$/) {
                sub(/\\[ \t]*$/, "", line)
                text = text line " "
                next
            }
            text = text line
            emit()
        }
        END { emit() }
    ' "$file"
}

stage=0
declare -A stage_names=()
last_stage_start=0
version_declared=0
version_used=0
from_count=0

# Pass 1: rules for every line, and where the last stage starts.
while IFS=$'\t' read -r line word args; do
    case $word in
        FROM)
            from_count=$((from_count + 1))
            stage=$from_count
            last_stage_start=$line
            read -r -a parts <<<"$args"
            image=""
            name=""
            for ((i = 0; i < ${#parts[@]}; i++)); do
                part=${parts[$i]}
                if [[ $part == --* ]]; then
                    continue
                elif [[ -z $image ]]; then
                    image=$part
                elif [[ ${part,,} == as ]] && ((i + 1 < ${#parts[@]})); then
                    name=${parts[$((i + 1))],,}
                    break
                fi
            done
            if [[ -z $image ]]; then
                problem "$line" "FROM names no image"
            elif [[ $image == scratch || -n ${stage_names[${image,,}]:-} ]]; then
                :
            elif [[ $image == *'$'* ]]; then
                problem "$line" "FROM $image: the base image comes from a build argument and cannot be checked; name a pinned image"
            elif [[ $image == *@sha256:* ]]; then
                :
            else
                # The tag is what follows the last ':' after the last '/'
                # (a registry host may carry a port: host:8443/name:tag).
                last=${image##*/}
                if [[ $last != *:* ]]; then
                    problem "$line" "FROM $image has no tag: pin an explicit version (e.g. $image:1.2.3) or a digest"
                else
                    tag=${last##*:}
                    if [[ ${tag,,} == latest ]]; then
                        problem "$line" "FROM $image uses :latest: pin an explicit version or a digest"
                    elif [[ ! $tag =~ [0-9] ]]; then
                        problem "$line" "FROM $image: tag '$tag' is not a version; pin an explicit version or a digest"
                    fi
                fi
            fi
            if [[ -n $name ]]; then
                stage_names[$name]=1
            fi
            ;;
        USER)
            problem "$line" "USER is not allowed: MCP runs containers as 0:0 under rootless Podman (uid 0 maps to the unprivileged host user); another user cannot write the mounted /srv/mcq"
            ;;
        VOLUME)
            problem "$line" "VOLUME is not allowed: it breaks layer unpacking under rootless Podman; the service definition declares the volume"
            ;;
        ARG)
            if [[ $args =~ ^VERSION([[:space:]]*=|$) ]]; then
                version_declared=1
            fi
            ;;
    esac
    if [[ $word == RUN ]]; then
        if [[ $args =~ (^|[^[:alnum:]_-])(adduser|addgroup|useradd|groupadd)([^[:alnum:]_-]|$) ]]; then
            problem "$line" "${BASH_REMATCH[2]} is not allowed: containers run as 0:0 under rootless Podman; no user accounts in the image"
        fi
        if [[ $args == *'${VERSION}'* || $args =~ \$VERSION([^[:alnum:]_]|$) ]]; then
            version_used=1
        fi
    fi
done < <(instructions)

if ((from_count == 0)); then
    problem 1 "no FROM: not a Dockerfile"
elif ((from_count < 2)); then
    problem "$last_stage_start" "single stage: build in one stage and copy the result into a small runtime stage"
fi
if ((version_declared == 0)); then
    problem 1 "no ARG VERSION: the version must be a build argument (--build-arg VERSION=\$(git describe ...))"
elif ((version_used == 0)); then
    problem 1 "ARG VERSION is declared but no RUN uses \${VERSION}: pass it to the build (-Dmcq.version=\${VERSION})"
fi

# Pass 2: the runtime stage (the last FROM to the end).
installs=""
workdir=""
entrypoint=""
cmd=""
while IFS=$'\t' read -r line word args; do
    ((line >= last_stage_start)) || continue
    case $word in
        RUN) installs+=" $args" ;;
        WORKDIR) workdir=$args ;;
        ENTRYPOINT) entrypoint=$args ;;
        CMD) cmd=$args ;;
    esac
done < <(instructions)

for package in ca-certificates tzdata; do
    if [[ ! $installs =~ (^|[^[:alnum:]_.-])$package([^[:alnum:]_.-]|$) ]]; then
        problem "$last_stage_start" "the runtime stage does not install $package (needed for TLS verification and time zones)"
    fi
done
if [[ $workdir != /srv/mcq ]]; then
    problem "$last_stage_start" "the runtime stage needs WORKDIR /srv/mcq (found: ${workdir:-none}) so relative paths resolve in the mounted data directory"
fi
# Exec form, compared without white space (none of the expected words has any).
if [[ $(tr -d ' \t' <<<"$entrypoint") != '["mcq"]' ]]; then
    problem "$last_stage_start" "ENTRYPOINT must be [\"mcq\"] (found: ${entrypoint:-none})"
fi
if [[ $(tr -d ' \t' <<<"$cmd") != '["server","--config","/srv/mcq/mcq.toml"]' ]]; then
    problem "$last_stage_start" "CMD must be [\"server\", \"--config\", \"/srv/mcq/mcq.toml\"] (found: ${cmd:-none})"
fi

if ((${#problems[@]} > 0)); then
    for p in "${problems[@]}"; do
        echo "check-dockerfile: $p" >&2
    done
    echo "check-dockerfile: FAIL: $file breaks ${#problems[@]} platform rule(s)" >&2
    exit 1
fi
echo "check-dockerfile: ok: $file follows the platform rules"
