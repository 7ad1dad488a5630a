#!/usr/bin/env bash
# Every test: lints, native tests, browser tests of the wasm glue (Chromium and Firefox), the
# release build, and the end-to-end tests of the pages in each engine a reader uses: Chromium,
# Firefox ESR and WebKitGTK. Installs whatever is missing first.
#   E2E_ENGINES="firefox webkit" scripts/test.sh    end-to-end tests in those engines only
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

step "wasm-bindgen tests in headless Firefox"
# geckodriver starts Debian's firefox-esr (webdriver.json names it, headless).
TMPDIR=$scratch GECKODRIVER=$(command -v geckodriver) \
  cargo test --target wasm32-unknown-unknown --test web

step "release build (the one the pages serve) and dist/"
scripts/dist.sh

step "a debug build with the test hooks (pkg-test/), for the containment test"
cargo build --target wasm32-unknown-unknown --lib --features test-hooks --target-dir target/pkg-test
wasm-bindgen --target web --no-typescript --out-dir pkg-test \
  target/pkg-test/wasm32-unknown-unknown/debug/nndl_widgets.wasm
# The panic test serves /pkg/ from pkg-test/: its manifest sends every kind to this one module.
cat >pkg-test/kinds.js <<'EOF2'
// Written by scripts/test.sh: every kind from the test-hooks build, which the panic test serves
// as /pkg/.
export default [
  { kinds: ["neuron", "explorer", "network", "mnist"], bytes: 1, wasm: '../pkg/nndl_widgets_bg.wasm',
    url: () => new URL('../pkg/nndl_widgets_bg.wasm', import.meta.url),
    load: () => import('../pkg/nndl_widgets.js') }
];
EOF2

# Each journey in tests/e2e/ runs once per engine (tests/e2e/harness.mjs); a test that an
# engine's driver cannot run says so and is skipped there. Every engine runs, then the times.
failed=""
times=""
for engine in ${E2E_ENGINES:-chromium firefox webkit}; do
  step "end-to-end tests of the pages in $engine"
  start=$SECONDS
  run=(node --test tests/e2e/)
  # WebKitGTK's MiniBrowser needs an X display: a virtual one, tall enough for the tallest page
  # the tests ask for.
  [ "$engine" = webkit ] && run=(xvfb-run -a -s "-screen 0 1920x6400x24" "${run[@]}")
  if ! NNDL_ENGINE=$engine "${run[@]}"; then failed="$failed $engine"; fi
  times="$times$(printf '  %-9s %3d min %02d s' "$engine" $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60)))"$'\n'
done
step "end-to-end time per engine"
printf '%s' "$times"
if [ -n "$failed" ]; then
  echo "end-to-end tests failed in:$failed" >&2
  exit 1
fi
