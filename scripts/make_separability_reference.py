"""Reference verdicts for the separability test, from SciPy's linear programming.

Writes src/core/__tests__/fixtures/separability_scipy.json: labelled point sets made with
NumPy (XOR and AND corners with noise, moons, Gaussian blobs, random sets in 3 to 8
dimensions, and XOR carried into a 64-unit layer by a random linear map and by a random
ReLU layer) and, for each, SciPy's answer to "is there a hyperplane with every point
strictly on its own side?". src/core/__tests__/separation.test.ts checks the core's verdicts
against these answers; tests/test_separability_reference.py checks that the file still says
what SciPy says.

Strict separability of finite sets is the feasibility of
    s_i (w . x_i + b) >= 1 for every point i   (s_i = +1 for the positive class, -1 else),
which `scipy.optimize.linprog` decides (HiGHS): status 0 feasible, status 2 infeasible.
Several classes get one question per class: that class against all the others.

Run from the repository root:  python scripts/make_separability_reference.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

OUT = Path(__file__).resolve().parent.parent / "src" / "core" / "__tests__" / "fixtures" / "separability_scipy.json"


def scipy_separable(points: np.ndarray, positive: np.ndarray) -> bool:
    """True when a hyperplane puts every positive point on one side and the rest on the other."""
    n, d = points.shape
    if positive.all() or not positive.any():
        return True
    signs = np.where(positive, 1.0, -1.0)
    A = -signs[:, None] * np.hstack([points, np.ones((n, 1))])
    result = linprog(np.zeros(d + 1), A_ub=A, b_ub=-np.ones(n), bounds=[(None, None)] * (d + 1), method="highs")
    if result.status not in (0, 2):
        raise RuntimeError(f"linprog could not decide: {result.message}")
    return result.status == 0


def verdicts(points: np.ndarray, labels: np.ndarray, n_classes: int) -> list[bool]:
    if n_classes == 2:
        return [scipy_separable(points, labels > 0)]
    return [scipy_separable(points, labels == k) for k in range(n_classes)]


def corners(rng, gate, n, noise):
    base = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    idx = rng.integers(0, 4, n)
    return base[idx] + noise * rng.standard_normal((n, 2)), np.array(gate)[idx]


def moons(rng, n, noise):
    half = n // 2
    t = rng.uniform(0, np.pi, n)
    outer = np.c_[np.cos(t[:half]), np.sin(t[:half])]
    inner = np.c_[1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])]
    x = np.vstack([outer, inner]) + noise * rng.standard_normal((n, 2))
    return x, np.r_[np.zeros(half, int), np.ones(n - half, int)]


def blobs(rng, centres, n, spread):
    centres = np.asarray(centres, dtype=float)
    idx = rng.integers(0, len(centres), n)
    return centres[idx] + spread * rng.standard_normal((n, centres.shape[1])), idx


def main() -> None:
    rng = np.random.default_rng(2024)
    cases = []

    def add(name, x, y, n_classes):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=int)
        cases.append(
            {
                "name": name,
                "points": np.round(x, 6).tolist(),
                "labels": y.tolist(),
                "nClasses": n_classes,
                "separable": verdicts(np.round(x, 6), y, n_classes),
            }
        )

    x, y = corners(rng, [0, 1, 1, 0], 200, 0.1)
    add("xor, 200 points, noise 0.1", x, y, 2)
    x, y = corners(rng, [0, 0, 0, 1], 200, 0.1)
    add("and, 200 points, noise 0.1", x, y, 2)
    x, y = corners(rng, [0, 0, 0, 1], 400, 0.3)
    add("and, 400 points, noise 0.3 (classes overlap)", x, y, 2)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 3, dtype=float)
    add("xor, the four corners three times each", x, [0, 1, 1, 0] * 3, 2)
    x, y = moons(rng, 300, 0.05)
    add("moons, 300 points", x, y, 2)
    x, y = moons(rng, 300, 0.05)
    add("moons shifted apart, 300 points", x + np.where(y[:, None] == 1, [[3.0, 0.0]], [[0.0, 0.0]]), y, 2)
    x, y = blobs(rng, [[-2, 0], [2, 0]], 300, 0.6)
    add("two blobs far apart", x, y, 2)
    x, y = blobs(rng, [[-0.5, 0], [0.5, 0]], 300, 0.6)
    add("two blobs overlapping", x, y, 2)
    x, y = blobs(rng, [[0, 3], [-3, -2], [3, -2]], 300, 0.5)
    add("three blobs apart", x, y, 3)
    x, y = blobs(rng, [[-3, 0], [0, 0], [3, 0]], 300, 0.4)
    add("three blobs in a row (the middle one has no line of its own)", x, y, 3)
    for d in (3, 5, 8):
        pts = rng.standard_normal((250, d))
        normal = rng.standard_normal(d)
        score = pts @ normal + 0.2
        keep = np.abs(score) > 0.1
        add(f"random, {d}-D, separable", pts[keep], (score[keep] > 0).astype(int), 2)
        flip = rng.random(keep.sum()) < 0.03
        add(f"random, {d}-D, 3% of labels flipped", pts[keep], ((score[keep] > 0) ^ flip).astype(int), 2)
    # XOR in a 64-unit layer: a linear map keeps it inseparable; a random ReLU layer bends it.
    # (Noise in steps of 1/64 and integer weights: the 64-D points are exact in binary and in
    # six decimals, so they lie exactly in a plane, as an identity layer's points do.)
    x, y = corners(rng, [0, 1, 1, 0], 200, 0.05)
    x = np.round(x * 64) / 64
    W = rng.integers(-3, 4, (2, 64)).astype(float)
    c = rng.integers(-3, 4, 64).astype(float)
    add("xor through a random 64-unit identity layer", x @ W + c, y, 2)
    W = rng.standard_normal((2, 64))
    c = rng.standard_normal(64)
    add("xor through a random 64-unit ReLU layer", np.maximum(0, x @ W + c), y, 2)
    W8 = rng.standard_normal((2, 8))
    add("xor through a random 8-unit ReLU layer", np.maximum(0, x @ W8 + rng.standard_normal(8)), y, 2)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"cases": cases}, separators=(",", ":")) + "\n")
    for case in cases:
        print(f"{case['name']}: {case['separable']}")


if __name__ == "__main__":
    main()
