#!/usr/bin/env bash
# Every test: lints, native tests, browser tests of the wasm glue, the release build, and the
# end-to-end tests of the pages in headless Chromium. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
# setup.sh has prepared the MNIST data: a test that finds it missing fails here, not skips.
export NNDL_REQUIRE_DATA=1

step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --features worker,test-hooks -- -D warnings

step "native tests"
cargo test

step "wasm-bindgen tests in headless Chromium"
# Each ChromeDriver run leaves a profile under $TMPDIR: keep them in a scratch folder.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
TMPDIR=$scratch CHROMEDRIVER=$(command -v chromedriver) \
  cargo test --target wasm32-unknown-unknown --test web

step "release build (the one the pages serve) and dist/"
scripts/dist.sh

step "a debug build with the test hooks (pkg-test/), for the containment test"
cargo build --target wasm32-unknown-unknown --lib --features test-hooks --target-dir target/pkg-test
wasm-bindgen --target web --no-typescript --out-dir pkg-test \
  target/pkg-test/wasm32-unknown-unknown/debug/nndl_widgets.wasm

step "end-to-end tests of the pages in headless Chromium"
node --test tests/e2e/
