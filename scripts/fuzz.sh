#!/usr/bin/env bash
# `make fuzz`: runs the fuzz targets (fuzz/fuzz_targets/) for FUZZ_SECONDS each (default 60).
# cargo-fuzz needs a nightly toolchain; this installs it and cargo-fuzz if they are missing
# (from the Rust toolchain's dist server and crates.io).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain (cargo-fuzz needs it)" >&2
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
for target in options idx; do
  echo "fuzz: $target for $seconds s" >&2
  cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=4096
done
