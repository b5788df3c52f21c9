# The platform's standard targets, mapped to Maven (through the wrapper, so
# everyone builds with the same Maven). The version reported by
# `mcq --version` comes from `git describe`.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
MVN     := ./mvnw -B -q -Dmcq.version=$(VERSION)
IMAGE   ?= mcq

.PHONY: all build test lint vet docker devserver proto clean

## all: lint, test, build (the CI pipeline)
all: lint test build

## build: the self-contained jar target/mcq.jar (run it with bin/mcq) and its start-up archive
build:
	$(MVN) package -DskipTests
	bash deploy/scripts/build-cds-archive.sh target/mcq.jar

## test: every test, including the browser tests (needs chromium + chromedriver)
test:
	./mvnw -B --no-transfer-progress -Dmcq.version=$(VERSION) verify
	@if [ -f deploy/scripts/check-all.sh ]; then bash deploy/scripts/check-all.sh; fi

## lint: compiler warnings as errors in the code and its tests, plus the Dockerfile rules
lint:
	$(MVN) test-compile -Dmaven.compiler.failOnWarning=true
	bash deploy/scripts/check-dockerfile.sh Dockerfile

vet: lint

## proto: the gRPC code is generated on every build; this regenerates only it
proto:
	$(MVN) generate-sources

## docker: the container image, tagged with the version
docker:
	docker build --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) -f Dockerfile .

## devserver: MCQ and the development identity provider, data under ./srv/
devserver: build
	bin/mcq devserver

clean:
	./mvnw -B -q clean
	rm -rf srv/
