#!/usr/bin/env bash
# Vendor the dashboard's JavaScript libraries (and Swagger UI for /docs) into the package, from the npm registry.
#
# Each library is pinned to a version and to the integrity hash npm publishes for its
# tarball, so running this again yields the same files byte for byte (or fails loudly).
# The copied files are committed: the dashboard never loads anything from the network.
#
#   scripts/vendor_js.sh            # re-vendor (needs node/npm and access to the npm registry)
#   scripts/vendor_js.sh --check    # only verify that the committed files match the pins
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=src/actorgraph/serve/web/static/vendor

# name  version  integrity (npm's dist.integrity)  files to copy from the package (besides LICENSE)
PINS=(
    "cytoscape 3.34.4 sha512-msY99tMY8iWTg+sIPGfSqDcPNOt4xcj+v/K/7qUFaCUxxlqnMkUYLBjRUzn9W5CU/R2hrmtJa5+UtovrEM2ctg== dist/cytoscape.min.js"
    "uplot 1.6.32 sha512-KIMVnG68zvu5XXUbC4LQEPnhwOxBuLyW1AHtpm6IKTXImkbLgkMy+jabjLgSLMasNuGGzQm/ep3tOkyTxpiQIw== dist/uPlot.iife.min.js dist/uPlot.min.css"
    "swagger-ui-dist 5.36.0 sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A== swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css NOTICE"
)

check_only=0
[ "${1:-}" = "--check" ] && check_only=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sri() {  # the Subresource-Integrity string of a file, as npm writes it
    printf 'sha512-%s' "$(openssl dgst -sha512 -binary "$1" | base64 | tr -d '\n')"
}

manifest="$work/VERSIONS.txt"
{
    echo "# Vendored by scripts/vendor_js.sh from the npm registry; do not edit by hand."
    echo "# name version licence integrity-of-the-npm-tarball"
} >"$manifest"

for pin in "${PINS[@]}"; do
    read -r name version integrity files <<<"$pin"
    (cd "$work" && npm pack --silent "$name@$version" >/dev/null 2>"$work/npm.log") || {
        cat "$work/npm.log" >&2
        echo "error: npm pack $name@$version failed" >&2
        exit 1
    }
    tarball="$(ls "$work"/"$name"-"$version".tgz)"
    got="$(sri "$tarball")"
    if [ "$got" != "$integrity" ]; then
        echo "error: $name@$version tarball integrity $got does not match the pinned $integrity" >&2
        exit 1
    fi
    mkdir -p "$work/$name"
    tar -xzf "$tarball" -C "$work/$name"
    package="$work/$name/package"
    licence="$(node -p "require('$package/package.json').license")"
    mkdir -p "$work/out/$name"
    cp "$package/LICENSE" "$work/out/$name/LICENSE"
    for file in $files; do
        cp "$package/$file" "$work/out/$name/$(basename "$file")"
    done
    echo "$name $version $licence $integrity" >>"$manifest"
done
cp "$manifest" "$work/out/VERSIONS.txt"

if ((check_only)); then
    if diff -r "$work/out" "$DEST" >/dev/null; then
        echo "vendored files match the pins"
        exit 0
    fi
    echo "error: $DEST differs from what the pins produce; run scripts/vendor_js.sh" >&2
    diff -rq "$work/out" "$DEST" >&2 || true
    exit 1
fi

rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
cp -r "$work/out" "$DEST"
echo "vendored into $DEST:"
(cd "$DEST" && find . -type f | sort | sed 's|^\./|  |')
