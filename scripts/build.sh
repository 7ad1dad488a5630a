#!/usr/bin/env bash
# The release build the page serves: target/…/nndl_widgets.wasm → pkg/ (JS bindings + wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --release --target wasm32-unknown-unknown --lib
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir pkg \
  target/wasm32-unknown-unknown/release/nndl_widgets.wasm

wasm=pkg/nndl_widgets_bg.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "build: $wasm is $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped" >&2
