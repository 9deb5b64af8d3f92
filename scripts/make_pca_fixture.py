"""Write the PCA fixture that src/core/__tests__/pca.test.ts checks NN Lab's PCA against.

The reference is NumPy's SVD of the centred points, the route scikit-learn's PCA takes:
the principal directions are the right singular vectors, the variances S**2 / (n - 1)
(scikit-learn's ``explained_variance_``), and the share kept their sum over the total.
Each direction's sign is fixed as NN Lab fixes it: its largest entry positive.

Run from the repository root:  python3 scripts/make_pca_fixture.py
"""
import json
import os

import numpy as np

OUT = os.path.join("src", "core", "__tests__", "fixtures", "numpy_pca.json")
K = 2


def reference(points):
    X = np.asarray(points, dtype=float)
    centred = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(centred, full_matrices=False)
    variances = S**2 / max(1, len(X) - 1)
    components = Vt[:K].copy()
    for row in components:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    total = (centred**2).sum() / max(1, len(X) - 1)
    return {
        "points": X.tolist(),
        "components": components.tolist(),
        "variances": variances[:K].tolist(),
        "projected": (centred @ components.T).tolist(),
        "explained": float(variances[:K].sum() / total),
    }


def cases():
    rng = np.random.RandomState(7)
    # A stretched cloud in 6 dimensions: distinct variances along random directions.
    Q, _ = np.linalg.qr(rng.randn(6, 6))
    stretched = (rng.randn(50, 6) * [5, 3, 1.5, 0.7, 0.3, 0.1]) @ Q.T + 2
    # What a ReLU layer of 8 units makes of 40 points: non-negative, one unit dead.
    W = rng.randn(2, 8)
    W[:, 3] = -np.abs(W[:, 3])
    relu = np.maximum(0, np.abs(rng.randn(40, 2)) @ W + 0.1 * rng.randn(8))
    # Four points in 5 dimensions (fewer points than dimensions, as for the logic gates).
    few = rng.randn(4, 5) * [3, 2, 1, 0.5, 0.2]
    return {"stretched": stretched, "relu": relu, "few": few}


def main():
    fixture = {name: reference(points) for name, points in cases().items()}
    with open(OUT, "w") as f:
        json.dump(fixture, f)
        f.write("\n")
    print(f"wrote {OUT}: {', '.join(fixture)}")


if __name__ == "__main__":
    main()
