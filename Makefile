# The two commands of README.md, and the pieces they are made of.
.PHONY: serve test build setup dist bench fuzz

# Set up what is missing, build the release wasm, serve the chapter page on 127.0.0.1.
serve:
	scripts/setup.sh
	scripts/build.sh
	python3 scripts/serve.py

# Set up what is missing (Chromium and ChromeDriver included), then run every test.
test:
	scripts/test.sh

build:
	scripts/setup.sh
	scripts/build.sh

setup:
	scripts/setup.sh --test

# A static folder with everything the pages need, for any static host.
dist:
	scripts/dist.sh

# Figures from this machine: load size and time, native against wasm speed (neuron and MNIST),
# frame budget; the browser's memory with a reader's large files.
bench:
	scripts/setup.sh --test
	python3 -c 'import numpy, threadpoolctl' 2>/dev/null || python3 -m pip install --quiet numpy threadpoolctl \
	  || python3 -m pip install --quiet --break-system-packages numpy threadpoolctl
	scripts/build.sh --bench
	node scripts/bench.mjs
	node scripts/memory.mjs

# The fuzz targets, FUZZ_SECONDS each (installs nightly and cargo-fuzz when missing).
fuzz:
	scripts/fuzz.sh
