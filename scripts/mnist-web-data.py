"""Prepares MNIST for the browser widget, from the four IDX files scripts/mnist-data.sh fetched.

python3 scripts/mnist-web-data.py SOURCE_DIR OUT_DIR

Writes gzipped IDX files under OUT_DIR (the page fetches them from data/mnist/):
  full/   the four files whole: 60,000 training images (the widget splits them as the book does,
          0-49,999 to train on and 50,000-59,999 to validate with) and the 10,000 test images;
  small/  a set that loads fast: the first 5,000 training images and the first 1,000 test images.
Skips what is already there. MNIST: LeCun, Cortes, Burges; CC BY-SA 3.0.
"""
import gzip
import os
import struct
import sys

FILES = {
    "train-images-idx3-ubyte": 5000,
    "train-labels-idx1-ubyte": 5000,
    "t10k-images-idx3-ubyte": 1000,
    "t10k-labels-idx1-ubyte": 1000,
}


def first(data, n):
    """The IDX file `data` cut to its first n items."""
    dims = data[3]
    shape = list(struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims]))
    item = 1
    for d in shape[1:]:
        item *= d
    header = data[:4] + struct.pack(">" + "I" * dims, n, *shape[1:])
    start = 4 + 4 * dims
    return header + data[start : start + n * item]


def write(path, data):
    if os.path.exists(path):
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with gzip.open(tmp, "wb", compresslevel=6) as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    source, out = sys.argv[1], sys.argv[2]
    for name, small in FILES.items():
        full = os.path.join(out, "full", name + ".gz")
        cut = os.path.join(out, "small", name + ".gz")
        if os.path.exists(full) and os.path.exists(cut):
            continue
        with open(os.path.join(source, name), "rb") as f:
            data = f.read()
        write(full, data)
        write(cut, first(data, small))


if __name__ == "__main__":
    main()
