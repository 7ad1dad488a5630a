#!/usr/bin/env bash
# Static folders under dist/ with everything the widgets and the pages need (wasm, JS, CSS, the
# typeset pages with their stylesheet and fonts, the MNIST digits), all by relative paths:
# servable by any static host from any sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

rm -rf dist
# Three parts, each laid out to be merged into one folder (say nndl/ beside a course page):
#   dist/widgets/    the widgets: what an author copies (the shell, its stylesheet, the MNIST
#                    worker, the wasm modules, _headers)
#   dist/mnist-data/ the digits the MNIST widget serves (data/mnist/), for pages that show it
#   dist/chapter/    the chapter pages in English and Chinese, embed.html and configure.html
#                    (the configurator), with their
#                    stylesheets and KaTeX's fonts
w=dist/widgets
mkdir -p "$w/www" dist/mnist-data/data dist/chapter/www dist/chapter/fonts
cp www/nndl-widgets.js www/nndl-widgets.css www/mnist-worker.js www/relaxed-simd.js "$w/www/"
# The wasm modules (pkg/ for every kind, pkg-<kind>/ for one, pkg-worker/ and pkg-worker-relaxed/
# for the MNIST worker), and pkg/kinds.js, the list by which the shell picks among them; never
# pkg-bench/ or pkg-test/.
for out in pkg pkg-neuron pkg-explorer pkg-network pkg-mnist pkg-worker pkg-worker-relaxed; do
  mkdir -p "$w/$out"
  cp "$out/nndl_widgets.js" "$out/nndl_widgets_bg.wasm" "$w/$out/"
done
cp pkg/kinds.js "$w/pkg/"
# The policy the pages are made to work under, for static hosts that read a _headers file; and
# CORS, which a page in a frame sandboxed without allow-same-origin (an opaque origin) needs to
# load the module and the wasm. Such hosts read it at the site's root only (see README).
cat > "$w/_headers" <<'HEADERS'
/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:
  Access-Control-Allow-Origin: *
HEADERS
cp -r data/mnist dist/mnist-data/data/
# The pages; those with equations as scripts/build.sh typeset them, with their stylesheet and fonts.
cp ./*.html dist/chapter/
cp target/pages/*.html target/pages/equations.css dist/chapter/
cp target/pages/fonts/*.woff2 dist/chapter/fonts/
cp www/page.css www/configure.js www/configure.css dist/chapter/www/
for part in widgets mnist-data chapter; do
  echo "dist/$part: $(find "dist/$part" -type f | wc -l) files, $(du -sh --apparent-size "dist/$part" | cut -f1)" >&2
done
