#!/bin/sh
# Re-fetches the browser libraries the reader page uses (Mermaid for
# diagrams, KaTeX for math) at their pinned versions, checks each tarball
# against its pinned npm integrity (sha512), and rewrites the committed
# files under src/main/resources/static/vendor/ with VENDORED.md.
#
# For upgrades only: the build never runs this, and MCQ never downloads
# anything at run time. To upgrade, change a version and its integrity
# below (from `npm view PACKAGE@VERSION dist.integrity`), run the script,
# read the diff, and run VendoredFilesTest.
#
# usage: deploy/scripts/vendor-browser-libs.sh   (from the repository root)
set -eu

MERMAID_VERSION=12.3.0
MERMAID_INTEGRITY=sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw==
KATEX_VERSION=0.19.1
KATEX_INTEGRITY=sha512-jG8uKntjSEcm2EpQOh0XturpPuuC9r3Sq5HLHdsFdWZT27E672SF19QEi+of0/YeOy15lDgRhKvr5614uRrEfA==

root=$(cd "$(dirname "$0")/../.." && pwd)
vendor="$root/src/main/resources/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fetch NAME VERSION INTEGRITY: leaves the checked tarball's contents in $work/NAME/package
fetch() {
    name=$1 version=$2 integrity=$3
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
    tarball="$work/$name-$version.tgz"
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 | tr -d '\n')"
    if [ "$actual" != "$integrity" ]; then
        echo "integrity mismatch for $name@$version: got $actual, pinned $integrity" >&2
        exit 1
    fi
    mkdir -p "$work/$name"
    tar -xzf "$tarball" -C "$work/$name"
}

fetch mermaid "$MERMAID_VERSION" "$MERMAID_INTEGRITY"
fetch katex "$KATEX_VERSION" "$KATEX_INTEGRITY"

mkdir -p "$vendor"
rm -f "$vendor"/mermaid-*.min.js "$vendor"/katex-*.min.js
# Mermaid's single-file bundle (defines window.mermaid); KaTeX's browser build (defines window.katex).
cp "$work/mermaid/package/dist/mermaid.min.js" "$vendor/mermaid-$MERMAID_VERSION.min.js"
cp "$work/katex/package/dist/katex.min.js" "$vendor/katex-$KATEX_VERSION.min.js"
cp "$work/mermaid/package/LICENSE" "$vendor/LICENSE-mermaid.txt"
cp "$work/katex/package/LICENSE" "$vendor/LICENSE-katex.txt"

sum() {
    sha256sum "$vendor/$1" | cut -d' ' -f1
}

cat > "$vendor/VENDORED.md" <<MD
# Vendored browser libraries

Written by \`deploy/scripts/vendor-browser-libs.sh\`; do not edit by hand.
The files are committed as npm published them, only renamed; the build
never downloads them and MCQ serves them from the jar. \`VendoredFilesTest\`
recomputes each file's SHA-256 and fails when it differs from this table.

| package | version | licence | tarball | npm integrity |
|---|---|---|---|---|
| mermaid | $MERMAID_VERSION | MIT (LICENSE-mermaid.txt) | https://registry.npmjs.org/mermaid/-/mermaid-$MERMAID_VERSION.tgz | \`$MERMAID_INTEGRITY\` |
| katex | $KATEX_VERSION | MIT (LICENSE-katex.txt) | https://registry.npmjs.org/katex/-/katex-$KATEX_VERSION.tgz | \`$KATEX_INTEGRITY\` |

| file | from | sha256 |
|---|---|---|
| \`mermaid-$MERMAID_VERSION.min.js\` | mermaid \`dist/mermaid.min.js\` | \`$(sum "mermaid-$MERMAID_VERSION.min.js")\` |
| \`katex-$KATEX_VERSION.min.js\` | katex \`dist/katex.min.js\` | \`$(sum "katex-$KATEX_VERSION.min.js")\` |
| \`LICENSE-mermaid.txt\` | mermaid \`LICENSE\` | \`$(sum LICENSE-mermaid.txt)\` |
| \`LICENSE-katex.txt\` | katex \`LICENSE\` | \`$(sum LICENSE-katex.txt)\` |
MD
echo "vendored mermaid $MERMAID_VERSION and katex $KATEX_VERSION into $vendor"
