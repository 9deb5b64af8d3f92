"""Write the NumPy random-stream fixtures that src/core/__tests__/rng.test.ts checks.

NN Lab's `rng: "numpy"` generator must reproduce NumPy's legacy global stream
(`np.random.seed`, `rand`, `randn`, `randint`, `shuffle`) exactly, so that a notebook
cell and the widget draw the same initial weights. This script records what NumPy
itself draws for a few seeds.

Run from the repository root:  python3 scripts/make_numpy_fixtures.py
"""
import json
import os

import numpy as np

SEEDS = [0, 1, 42, 1234, 2**31 - 1, 2**32 - 1]
OUT = os.path.join("src", "core", "__tests__", "fixtures", "numpy_rng.json")


def floats(a):
    # repr() of a Python float round-trips exactly, and json writes that repr.
    return [float(v) for v in np.asarray(a).ravel()]


def case(seed):
    np.random.seed(seed)
    rand = floats(np.random.rand(10))

    np.random.seed(seed)
    randn = floats(np.random.randn(11))  # odd count: the last value leaves a cached Gaussian

    # Interleaved: rand does not clear the cached second Gaussian.
    np.random.seed(seed)
    interleaved = []
    for kind in ["randn", "rand", "randn", "randn", "rand", "rand", "randn"]:
        value = np.random.randn() if kind == "randn" else np.random.rand()
        interleaved.append({"kind": kind, "value": float(value)})

    np.random.seed(seed)
    weights = (np.random.randn(3, 4) * 0.5).tolist()

    np.random.seed(seed)
    randint = [int(v) for v in np.random.randint(10, size=12)]

    np.random.seed(seed)
    perm = np.arange(10)
    np.random.shuffle(perm)

    # A 2-3-1 network initialised like NN Lab's "xavier" and "uniform" schemes with rng "numpy".
    np.random.seed(seed)
    xavier = [
        (np.random.randn(2, 3) * np.sqrt(2.0 / (2 + 3))).tolist(),
        (np.random.randn(3, 1) * np.sqrt(2.0 / (3 + 1))).tolist(),
    ]
    np.random.seed(seed)
    uniform = [
        ((np.random.rand(2, 3) * 2 - 1) * (1 / np.sqrt(2))).tolist(),
        ((np.random.rand(3, 1) * 2 - 1) * (1 / np.sqrt(3))).tolist(),
    ]

    return {
        "seed": seed,
        "rand": rand,
        "randn": randn,
        "interleaved": interleaved,
        "weights_randn_3x4_times_0_5": weights,
        "randint_10": randint,
        "shuffle_arange_10": [int(v) for v in perm],
        "xavier_2_3_1": xavier,
        "uniform_2_3_1": uniform,
    }


def main():
    data = {"numpy_version": np.__version__, "cases": [case(s) for s in SEEDS]}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
