"""The arithmetic floor and two Python baselines for `make bench`, written here from the book's
algorithm: seconds per epoch of [784, 30, 10] over 50,000 MNIST images, mini-batches of 10,
cross-entropy, eta = 0.5.

  floor:    EPOCH_FLOP at the speed of a large single-core sgemm through NumPy's BLAS, the
            fastest this machine multiplies float32 matrices: no epoch can take less;
  network2: per-example backpropagation, as network2.py's update_mini_batch does it (float64);
  numpy:    whole mini-batches as matrices (float32), the vectorised way.

python3 scripts/baselines.py floor       prints the floor as JSON (a few seconds);
python3 scripts/baselines.py MNIST_DIR   the floor and both baselines. Each baseline is timed on
part of an epoch (the per-example one is slow) and scaled to 50,000 images.

Run it with OPENBLAS_NUM_THREADS=1 (one core) and without this machine's OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE overrides, as scripts/bench.mjs does: the JSON names the kernel OpenBLAS chose.
"""
import json
import sys
import time

import numpy as np


SIZES = [784, 30, 10]
IMAGES = 50_000
BATCH = 10


def epoch_flop(sizes=SIZES, images=IMAGES, batch=BATCH):
    """Floating-point operations of one epoch, counting what a BLAS would be asked for: each
    matrix product of an m-by-k by a k-by-n matrix as 2mkn (a multiply and an add per term), and
    the update w <- w - (eta/m) nabla as 2 per weight and bias per mini-batch. Per image and
    layer l (n_in inputs, n outputs): the forward product z = w a (2 n n_in), the weight gradient
    delta a^T (2 n n_in), and for l > 1 the transposed product w^T delta of backpropagation
    (2 n n_in; the inputs need no delta). Element-wise work (biases, sigmoids, the output error,
    sigma') is left out: about 200 operations an image, 0.2% of the total.
    For [784, 30, 10], 50,000 images, batches of 10: 4,794,000,000 in the products and
    238,600,000 in the updates, 5,032,600,000 in all."""
    layers = list(zip(sizes[:-1], sizes[1:]))
    per_image = sum(2 * n * n_in * (3 if l > 0 else 2) for l, (n_in, n) in enumerate(layers))
    params = sum((n_in + 1) * n for n_in, n in layers)
    batches = -(-images // batch)
    return per_image * images + 2 * params * batches


def floor():
    """Single-core sgemm speed (median of repeated 1024x1024 products) and the epoch's floor."""
    from threadpoolctl import threadpool_info

    n = 1024
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = a @ b
    times = []
    for _ in range(15):
        t = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - t)
    gflops = 2 * n**3 / sorted(times)[len(times) // 2] / 1e9
    blas = [
        {k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    flop = epoch_flop()
    return {
        "sgemm_gflops": gflops,
        "epoch_flop": flop,
        "floor_seconds": flop / (gflops * 1e9),
        "blas": blas,
        "numpy_version": np.__version__,
    }


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
    if sys.argv[1] == "floor":
        print(json.dumps(floor()))
        return
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
    print(json.dumps({"network2": per_example, "numpy": sorted(times)[1], **floor()}))


if __name__ == "__main__":
    main()
