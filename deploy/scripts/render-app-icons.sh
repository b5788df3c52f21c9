#!/bin/sh
# Renders the installable web app's PNG icons from static/favicon.svg with
# headless Chromium, and rewrites the committed files under
# src/main/resources/static/ (listed in static/APP-ICONS.md).
#
# For a changed favicon only: the build never runs this. Run it, look at
# the PNGs, and commit them with the new favicon.
#
# - icon-192.png, icon-512.png: the favicon as it is (rounded square,
#   transparent corners), the manifest's "any" icons.
# - icon-maskable-512.png: the same marks on a full square of the
#   favicon's colour, scaled to 80 % around the centre so they stay inside
#   the safe circle a launcher may cut the icon to ("maskable" icon).
# - apple-touch-icon.png (180 x 180): the maskable drawing, which iOS
#   rounds itself (it would fill transparent corners with black).
#
# usage: deploy/scripts/render-app-icons.sh   (from the repository root)
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
static="$root/src/main/resources/static"
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The favicon's marks on a full square, for launchers that mask the icon.
sed -e 's|<rect width="32" height="32" rx="6" fill="\(#[0-9a-f]*\)"/>|<rect width="32" height="32" fill="\1"/><g transform="translate(16 16) scale(0.8) translate(-16 -16)">|' \
    -e 's|</svg>|</g></svg>|' "$static/favicon.svg" > "$work/maskable.svg"
if ! grep -q 'scale(0.8)' "$work/maskable.svg"; then
    echo "favicon.svg no longer starts with the rounded square this script expects; update the script" >&2
    exit 1
fi

# render SVG SIZE OUT: SVG drawn at SIZE x SIZE CSS pixels into the PNG OUT
render() {
    svg=$1 size=$2 out=$3
    cat > "$work/page.html" <<EOF
<!DOCTYPE html><html><head><style>html,body{margin:0;padding:0;background:transparent}
img{display:block;width:${size}px;height:${size}px}</style></head><body><img src="file://$svg"></body></html>
EOF
    "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --default-background-color=00000000 --window-size="$size,$size" --screenshot="$out" \
        "file://$work/page.html" 2>/dev/null
    echo "wrote $out"
}

render "$static/favicon.svg" 192 "$static/icon-192.png"
render "$static/favicon.svg" 512 "$static/icon-512.png"
render "$work/maskable.svg" 512 "$static/icon-maskable-512.png"
render "$work/maskable.svg" 180 "$static/apple-touch-icon.png"
