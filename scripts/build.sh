#!/usr/bin/env bash
# The release builds the pages serve: target/…/nndl_widgets.wasm → pkg/ (JS bindings + wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Two modules from the one crate: pkg/ for the page (every widget), pkg-worker/ for the MNIST
# widget's Web Worker (the training job; --features worker).
# The worker's module is built with WebAssembly SIMD (simd128), which the training loop's
# kernels vectorise with; every current browser runs it.
for out in pkg pkg-worker; do
  features=""
  flags=""
  if [ "$out" = pkg-worker ]; then
    features="--features worker"
    flags="-C target-feature=+simd128"
  fi
  # shellcheck disable=SC2086
  RUSTFLAGS="$flags" cargo build --release --target wasm32-unknown-unknown --lib $features \
    --target-dir "target/$out"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$out" "target/$out/wasm32-unknown-unknown/release/nndl_widgets.wasm"
  wasm=$out/nndl_widgets_bg.wasm
  raw=$(wc -c < "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  echo "build: $wasm is $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped" >&2
done
