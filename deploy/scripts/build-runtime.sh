#!/bin/sh
# Builds the trimmed Java runtime MCQ runs on: jlink with the modules the
# fat jar needs. The Dockerfile and check-runtime-modules.sh both call this
# script, so the runtime checked in CI is the one shipped in the image.
#
# usage: build-runtime.sh JAR OUTPUT_DIR
# The JDK is $JAVA_HOME, else the one whose jlink is on PATH.
set -eu

jar=${1:?usage: build-runtime.sh JAR OUTPUT_DIR}
output=${2:?usage: build-runtime.sh JAR OUTPUT_DIR}

if [ -n "${JAVA_HOME:-}" ]; then
    bin="$JAVA_HOME/bin/"
else
    bin=""
fi

# What the classes in the jar refer to, as found by jdeps.
found=$("${bin}jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")

# Modules jdeps cannot see because nothing names them in byte code: they are
# found at run time through the service loader.
#   jdk.crypto.ec  the SunEC provider: EC and Ed25519 keys and signatures,
#                  and the X25519/P-256 key exchange TLS 1.3 uses (server
#                  listeners and the HTTPS client that calls MCIAS)
#   jdk.zipfs      the zip file system, which Jetty's resource handling
#                  uses for resources inside a jar; MCQ serves its own assets
#                  through the class loader, so this guards Jetty paths the
#                  checks do not reach (about 100 KB)
extra=jdk.crypto.ec,jdk.zipfs

# --strip-java-debug-attributes rather than --strip-debug: the latter also
# strips native symbols and needs binutils' objcopy in the build image.
# No --generate-cds-archive: it adds ~20 MB to shave a fraction of a second
# off the start of a long-running server.
"${bin}jlink" \
    --add-modules "$found,$extra" \
    --strip-java-debug-attributes \
    --no-header-files \
    --no-man-pages \
    --compress=2 \
    --output "$output"

echo "runtime with $found,$extra in $output" >&2
