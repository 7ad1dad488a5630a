"""Two Python baselines for `make bench`, written here from the book's algorithm: seconds per
epoch of [784, 30, 10] over 50,000 MNIST images, mini-batches of 10, cross-entropy, eta = 0.5.

  network2: per-example backpropagation, as network2.py's update_mini_batch does it (float64);
  numpy:    whole mini-batches as matrices (float32), the vectorised way.

python3 scripts/baselines.py MNIST_DIR   prints JSON. Each is timed on part of an epoch (the
per-example one is slow) and scaled to 50,000 images.
"""
import json
import sys
import time

import numpy as np


def load(directory):
    with open(f"{directory}/train-images-idx3-ubyte", "rb") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:50000] / 256.0
    with open(f"{directory}/train-labels-idx1-ubyte", "rb") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:50000]
    y = np.zeros((len(labels), 10))
    y[np.arange(len(labels)), labels] = 1.0
    return x, y


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def network2_epoch(x, y, n, eta=0.5, m=10):
    """network2.py's SGD and update_mini_batch/backprop, per example, on the first n images."""
    rng = np.random.default_rng(1)
    sizes = [784, 30, 10]
    w = [rng.standard_normal((j, k)) for k, j in zip(sizes[:-1], sizes[1:])]
    b = [rng.standard_normal((j, 1)) for j in sizes[1:]]
    for start in range(0, n, m):
        nabla_w = [np.zeros(wl.shape) for wl in w]
        nabla_b = [np.zeros(bl.shape) for bl in b]
        for i in range(start, start + m):
            a = x[i].reshape(784, 1)
            activations, zs = [a], []
            for wl, bl in zip(w, b):
                z = wl @ a + bl
                zs.append(z)
                a = sigmoid(z)
                activations.append(a)
            delta = activations[-1] - y[i].reshape(10, 1)  # cross-entropy, eq. (66)
            nabla_b[-1] += delta
            nabla_w[-1] += delta @ activations[-2].T
            sp = sigmoid(zs[-2]) * (1 - sigmoid(zs[-2]))
            delta = (w[-1].T @ delta) * sp
            nabla_b[-2] += delta
            nabla_w[-2] += delta @ activations[-3].T
        w = [wl - (eta / m) * nw for wl, nw in zip(w, nabla_w)]
        b = [bl - (eta / m) * nb for bl, nb in zip(b, nabla_b)]


def numpy_epoch(x, y, eta=0.5, m=10):
    """The same epoch with each mini-batch as a matrix, in float32."""
    rng = np.random.default_rng(1)
    x = x.astype(np.float32)
    y = y.astype(np.float32)
    w1 = rng.standard_normal((784, 30)).astype(np.float32)
    b1 = rng.standard_normal(30).astype(np.float32)
    w2 = rng.standard_normal((30, 10)).astype(np.float32)
    b2 = rng.standard_normal(10).astype(np.float32)
    order = rng.permutation(len(x))
    for start in range(0, len(x), m):
        idx = order[start : start + m]
        xb, yb = x[idx], y[idx]
        a1 = sigmoid(xb @ w1 + b1)
        a2 = sigmoid(a1 @ w2 + b2)
        d2 = a2 - yb
        d1 = (d2 @ w2.T) * a1 * (1 - a1)
        w2 -= (eta / m) * (a1.T @ d2)
        b2 -= (eta / m) * d2.sum(0)
        w1 -= (eta / m) * (xb.T @ d1)
        b1 -= (eta / m) * d1.sum(0)


def main():
    x, y = load(sys.argv[1])
    part = 5000
    t = time.perf_counter()
    network2_epoch(x, y, part)
    per_example = (time.perf_counter() - t) * len(x) / part
    times = []
    for _ in range(3):
        t = time.perf_counter()
        numpy_epoch(x, y)
        times.append(time.perf_counter() - t)
    print(json.dumps({"network2": per_example, "numpy": sorted(times)[1], "numpy_version": np.__version__}))


if __name__ == "__main__":
    main()
