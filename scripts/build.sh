#!/usr/bin/env bash
# The release builds the pages serve: a wasm module per widget kind from the one crate (cargo
# features), each optimised by wasm-opt, and pkg/kinds.js, the manifest by which the shell finds
# the module of a kind.
#   scripts/build.sh          the page modules and the MNIST worker's
#   scripts/build.sh --bench  also pkg-bench/ (the neuron's module with bench_neuron), for
#                             `make bench` only: the pages never load it
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# out dir | cargo features | simd or not | wasm-opt level
# pkg/ holds every widget kind, as it always has: a page that shows several kinds fetches it,
# since each one-kind module repeats what they share (plotters, the options, the words). A page
# of one kind fetches that kind's module, pkg-<kind>/.
# The worker's module is built with WebAssembly SIMD (simd128), which the training loop's
# kernels vectorise with; every current browser runs it. A second build adds relaxed SIMD, whose
# fused multiply-add (f32x4.relaxed_madd) the kernels use where the engine has it (Chrome 114 and
# Firefox 146 on; WebKit not yet): the worker picks it when WebAssembly.validate accepts a tiny
# relaxed-SIMD module, and the simd128 build otherwise. Its speed is the point, so it is
# optimised for speed; the page modules draw a few hundred points a frame, and are optimised
# for size, which is what a reader waits for (`make bench` measures both).
modules=(
  "pkg-neuron|neuron||-Oz"
  "pkg-explorer|explorer||-Oz"
  "pkg-network|network||-Oz"
  "pkg-mnist|mnist||-Oz"
  "pkg|all-kinds||-Oz"
  "pkg-worker|worker|simd|-O3"
  "pkg-worker-relaxed|worker|relaxed|-O3"
)
[ "${1:-}" = "--bench" ] && modules+=("pkg-bench|neuron,bench||-Oz")

# What wasm-opt may assume: the features rustc's wasm32 target enables by default (and the
# worker's SIMD). wasm-opt would read them from the module's target_features section, which a
# stripped build (`strip = true`) lacks; then it rejects the module.
wasm_features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-multivalue --enable-reference-types)

manifest=""
for module in "${modules[@]}"; do
  IFS='|' read -r out features simd level <<<"$module"
  opt_features=("${wasm_features[@]}")
  target_dir=target/pkg
  flags=""
  # Other rustc flags than the page modules': a target dir of its own, so that neither
  # rebuilds the other's dependencies.
  if [ "$simd" = simd ]; then
    flags="-C target-feature=+simd128"
    opt_features+=(--enable-simd)
    target_dir=target/pkg-worker
  elif [ "$simd" = relaxed ]; then
    flags="-C target-feature=+simd128,+relaxed-simd"
    opt_features+=(--enable-simd --enable-relaxed-simd)
    target_dir=target/pkg-worker-relaxed
  fi
  # The page modules share a target dir: cargo keeps each feature set's build apart in it, so a
  # second run rebuilds nothing. They are compiled at opt-level 2, which inlines less than 3:
  # after wasm-opt, 1.6 KiB gzipped less of the neuron module, which is held under 80 KiB (s and
  # z come out larger); what they run each frame is drawing, not training (`make bench`).
  opt_level=3
  [ "$level" = -Oz ] && opt_level=2
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt_level RUSTFLAGS="$flags" \
    cargo build --release --target wasm32-unknown-unknown --lib \
    --no-default-features --features "$features" --target-dir "$target_dir"
  built=$target_dir/wasm32-unknown-unknown/release/nndl_widgets.wasm
  # wasm-bindgen and wasm-opt only when cargo's output (or how it is optimised) changed: a
  # copy of what they were last run on, and the flags and wasm-opt's version, sit beside it.
  stamp=target/$out.built
  # The page modules, optimised for size, also let wasm-opt fold pointer arithmetic into load and
  # store offsets (--low-memory-unused: nothing lives below address 1024; rustc's wasm32 layout
  # puts the 1 MiB stack first, growing down from 1 MiB, and the data above it): 0.35 KiB gzip
  # of the neuron module.
  [ "$level" = -Oz ] && opt_features+=(--low-memory-unused)
  # And they run -Oz's passes twice over, until they shrink no more (--converge): some 250 bytes
  # gzipped of the neuron module, 200 of them from the second -Oz; it is held under 80 KiB.
  [ "$level" = -Oz ] && opt_features+=(-Oz --converge)
  how="$level ${opt_features[*]} $(wasm-opt --version)"
  if ! cmp -s "$built" "$stamp.wasm" 2>/dev/null || [ "$(cat "$stamp.flags" 2>/dev/null)" != "$how" ] \
    || ! [ -f "$out/nndl_widgets_bg.wasm" ]; then
    wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
      --out-dir "$out" "$built"
    wasm-opt "$level" "${opt_features[@]}" --strip-debug --strip-producers \
      -o "$out/nndl_widgets_bg.wasm" "$out/nndl_widgets_bg.wasm"
    cp "$built" "$stamp.wasm"
    echo "$how" >"$stamp.flags"
  fi
  wasm=$out/nndl_widgets_bg.wasm
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  echo "build: $wasm ($features) is $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped" >&2
  # The page modules (those with a widget kind) go into the manifest.
  if [ -z "$simd" ] && [[ "$features" != *bench* ]]; then
    # (all-kinds is the four, with the option table for the configurator page.)
    listed=${features/all-kinds/neuron,explorer,network,mnist}
    kinds="\"${listed//,/\", \"}\""
    manifest+="
  { kinds: [$kinds], bytes: $gz, wasm: '../$out/nndl_widgets_bg.wasm',
    url: () => new URL('../$out/nndl_widgets_bg.wasm', import.meta.url),
    load: () => import('../$out/nndl_widgets.js') },"
  fi
done

# The manifest, relative to itself (bytes: gzipped, what a reader fetches); the shell knows no
# kind by name. Each module's files are also named in literal URLs and imports, which bundlers
# (Vite, Rollup, webpack) follow to carry them into an author's build.
cat >pkg/kinds.js <<JS
// Written by scripts/build.sh: the wasm modules of the widget kinds, relative to this file.
// wasm: its path; url(): the same as a URL; load(): its JavaScript bindings.
export default [${manifest%,}
];
JS

# The pages with equations (data-tex), typeset by KaTeX, which scripts/serve.py sends (and
# scripts/dist.sh copies) in place of the pages as written.
mapfile -t pages < <(grep -l 'data-tex=' ./*.html)
node scripts/typeset.mjs target/pages "${pages[@]}"
