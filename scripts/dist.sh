#!/usr/bin/env bash
# A static folder, dist/, with everything the pages and the widgets need (wasm, JS, CSS, the typeset
# pages with their stylesheet and fonts, the MNIST digits), all by relative paths: servable by any
# static host from any sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

rm -rf dist
mkdir -p dist/www dist/data
# The pages; those with equations as scripts/build.sh typeset them, with their stylesheet and fonts.
mkdir -p dist/fonts
cp ./*.html dist/
cp target/pages/*.html target/pages/equations.css dist/
cp target/pages/fonts/*.woff2 dist/fonts/
cp www/*.js www/*.css dist/www/
# The wasm modules (pkg/ for every kind, pkg-<kind>/ for one, pkg-worker/ and pkg-worker-relaxed/
# for the MNIST worker), and pkg/kinds.js, the list by which the shell picks among them; never
# pkg-bench/ or pkg-test/.
for out in pkg pkg-neuron pkg-explorer pkg-network pkg-mnist pkg-worker pkg-worker-relaxed; do
  mkdir -p "dist/$out"
  cp "$out/nndl_widgets.js" "$out/nndl_widgets_bg.wasm" "dist/$out/"
done
cp pkg/kinds.js dist/pkg/
cp -r data/mnist dist/data/
# The policy the pages are made to work under, for static hosts that read a _headers file; and
# CORS, which a page in a frame sandboxed without allow-same-origin (an opaque origin) needs to
# load the module and the wasm.
cat > dist/_headers <<'HEADERS'
/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:
  Access-Control-Allow-Origin: *
HEADERS
echo "dist: $(find dist -type f | wc -l) files, $(du -sh dist | cut -f1) in dist/" >&2
