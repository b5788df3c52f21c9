# MCQ container image. Build: make docker (or: docker build --build-arg
# VERSION=$(git describe --tags --always --dirty) -t mcq .).
#
# Platform rules (checked by deploy/scripts/check-dockerfile.sh): pinned base
# images, ca-certificates and tzdata in the runtime, no USER, no VOLUME, no
# adduser (MCP runs containers as 0:0 under rootless Podman, which maps to the
# unprivileged mcp user on the host), WORKDIR /srv/mcq, version as a build arg.
#
# Base images are pinned by version tag. They are not pinned by digest: a
# digest can only be taken from the registry, and this repository records
# none it has not seen. Pin one with `docker buildx imagetools inspect
# <image>` when the registry is at hand.

# ---- build: the fat jar and a jlink-trimmed Java runtime -------------------
FROM maven:3.9.11-eclipse-temurin-17 AS build

WORKDIR /build
# The Maven wrapper and the dependencies first: this layer is reused until
# pom.xml changes. (The wrapper fetches the Maven version the project pins.)
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline

COPY src/ src/
ARG VERSION=dev
RUN ./mvnw -B -q package -DskipTests -Dmcq.version=${VERSION}

# The runtime holds only the JDK modules the jar needs (jdeps, plus the
# providers it loads as services); see the script for the list and why.
COPY deploy/scripts/build-runtime.sh deploy/scripts/build-runtime.sh
RUN sh deploy/scripts/build-runtime.sh target/mcq.jar /build/runtime

COPY bin/mcq /build/bin/mcq
RUN chmod 0755 /build/bin/mcq

# ---- runtime ---------------------------------------------------------------
FROM debian:12.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*

# C.UTF-8 makes UTF-8 the JVM's default charset (log lines, file names);
# the POSIX locale would turn every non-ASCII character into '?'.
# MCQ_HEAP: the launcher's heap flag. In a container the heap is a share of
# the container's memory limit (half: the rest is metaspace, code cache,
# thread stacks, SQLite's and Netty's native memory). Without a limit that is
# half the host's memory as a ceiling; set MCQ_HEAP=-Xmx256m in the service
# definition's env to bound it then. JAVA_OPTS adds any other flag.
ENV LANG=C.UTF-8 \
    MCQ_HEAP=-XX:MaxRAMPercentage=50 \
    JAVA_HOME=/opt/mcq/java \
    PATH=/opt/mcq/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

COPY --from=build /build/runtime /opt/mcq/java
COPY --from=build /build/target/mcq.jar /usr/local/lib/mcq/mcq.jar
# The launcher: the JVM flags (serial collector, bounded metaspace and code
# cache, exit on out-of-memory) and $MCQ_HEAP. No class-data-sharing
# archive is shipped: it would have to be made with this very runtime and
# it only shortens a start that happens once per deploy.
COPY --from=build /build/bin/mcq /usr/local/bin/mcq

WORKDIR /srv/mcq
# 8443: REST API, web UI and MCP; 9443: gRPC. Under MCP the listeners bind
# $PORT and $PORT_GRPC instead, on every interface.
EXPOSE 8443 9443

ENTRYPOINT ["mcq"]
CMD ["server", "--config", "/srv/mcq/mcq.toml"]
