"""Independent recomputation of the neuron demos, written from the book's equations.

Writes neuron.csv, which tests/neuron.rs compares the Rust trainer against. Run it again
(`python3 tests/reference/neuron_reference.py`) only if the cases below change.

It uses the textbook forms directly, in 50-digit decimal arithmetic so that the reference is
exact to far beyond float64 and the comparison measures only the trainer's own rounding:
a = 1/(1 + e^-z), C = (y-a)^2/2 (54), C = -[y ln a + (1-y) ln(1-a)] (57), gradients (55, 56) and
(61, 62), and the book site's published rule: both w and b step by eta*dC/dz (quadratic) or
eta*dC/da = eta*(a-y)/(a(1-a)) (cross-entropy). Values are rounded to the nearest float64 at output.
"""
import csv
import os
from decimal import Decimal as D, getcontext

getcontext().prec = 50
EPOCHS_KEPT = [0, 1, 2, 10, 100, 150, 299, 300]
FLOAT64_MAX = D("1.7976931348623157e308")

# name, cost, rule, x, y, w0, b0, eta
CASES = [
    ("saturation1", "quadratic", "gradient", 1.0, 0.0, 0.6, 0.9, 0.15),
    ("saturation2", "quadratic", "gradient", 1.0, 0.0, 2.0, 2.0, 0.15),
    ("saturation3", "cross-entropy", "published", 1.0, 0.0, 0.6, 0.9, 0.005),
    ("saturation4", "cross-entropy", "published", 1.0, 0.0, 2.0, 2.0, 0.005),
    ("saturation1-published", "quadratic", "published", 1.0, 0.0, 0.6, 0.9, 0.15),
    ("saturation4-gradient", "cross-entropy", "gradient", 1.0, 0.0, 2.0, 2.0, 0.005),
    ("saturation4-gradient-eta0.15", "cross-entropy", "gradient", 1.0, 0.0, 2.0, 2.0, 0.15),
]
for cost in ["quadratic", "cross-entropy"]:
    for rule in ["gradient", "published"]:
        CASES += [
            (f"custom-a-{cost}-{rule}", cost, rule, -1.5, 0.3, 0.4, -0.7, 0.3),
            (f"custom-b-{cost}-{rule}", cost, rule, 2.0, 1.0, -3.0, 1.0, 0.05),
            (f"custom-c-{cost}-{rule}", cost, rule, 0.5, 0.8, 1.2, 0.4, 0.2),
        ]


def run(cost, rule, x, y, w, b, eta):
    """Yields (epoch, w, b, a, C, dC/dw, dC/db) at the kept epochs, or (epoch, None) when the
    state leaves the float64 range (the run has diverged)."""
    x, y, w, b, eta = (D(repr(v)) for v in (x, y, w, b, eta))
    one = D(1)
    for epoch in range(max(EPOCHS_KEPT) + 1):
        z = w * x + b
        if abs(w) > FLOAT64_MAX or abs(b) > FLOAT64_MAX or abs(z) > FLOAT64_MAX:
            yield epoch, None
            return
        a = one / (one + (-z).exp())
        if cost == "quadratic":
            c = (y - a) ** 2 / 2
            dz = (a - y) * a * (one - a)
            dw, db = dz * x, dz
            step_w, step_b = (dz, dz) if rule == "published" else (dw, db)
        else:
            c = -(y * a.ln() if y > 0 else 0) - ((one - y) * (one - a).ln() if y < 1 else 0)
            dw, db = x * (a - y), a - y
            if rule == "published":
                da = (a - y) / (a * (one - a))
                step_w, step_b = da, da
            else:
                step_w, step_b = dw, db
        if epoch in EPOCHS_KEPT:
            yield epoch, (w, b, a, c, dw, db)
        w -= eta * step_w
        b -= eta * step_b


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "neuron.csv")
    with open(out, "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["case", "cost", "rule", "x", "y", "w0", "b0", "eta", "epoch", "w", "b", "a", "cost_value", "dw", "db"])
        for name, cost, rule, x, y, w0, b0, eta in CASES:
            head = [name, cost, rule, x, y, w0, b0, eta]
            for epoch, values in run(cost, rule, x, y, w0, b0, eta):
                if values is None:
                    # One last row: the run has left the float64 range by this epoch.
                    wr.writerow(head + ["diverged"] + [""] * 6)
                else:
                    wr.writerow(head + [epoch] + [repr(float(v)) for v in values])


if __name__ == "__main__":
    main()
