"""Reference numbers for NN Lab's NumPy-exact normal draws, from this machine's NumPy and C library.

NumPy's legacy Gaussian (np.random.randn) computes its polar-method factor with the C
library's log; Python's math.log calls the same function. This script writes:

- draws.f64: np.random.seed(s); np.random.randn(COUNT) for seeds 0 .. SEEDS-1, as
  little-endian float64 (10^6 draws by default);
- logs.f64: pairs (x, math.log(x)) in four groups (sizes in machine.json "log_groups"): x
  drawn as the polar method draws r2 = x1^2 + x2^2 in (0, 1); x uniform in (0, 1) as
  random_sample draws it; x with uniformly random bit patterns in (0, 1) (so every binary
  exponent below 0 is equally likely); x spread over every binary exponent;
- with --fixture: src/core/__tests__/fixtures/numpy_randn.json, a few thousand draws and the
  log inputs where the C library and JavaScript's Math.log are known to differ, for jest.

Run from the repository root: python3 scripts/numpy-normal/generate.py [--out DIR] [--fixture]
(scripts/numpy-normal/run.sh runs it and the comparison).
"""
import argparse
import json
import math
import os
import platform
import struct

import numpy as np

SEEDS = 10
COUNT = 100_000


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
            f.seek(0)
            fma = " fma " in f.read().replace("\n", " ")
    except OSError:
        fma = None
    libc = " ".join(platform.libc_ver())
    return {"cpu": cpu, "fma": fma, "libc": libc, "numpy": np.__version__}


def polar_r2(rng, n):
    """r2 = x1^2 + x2^2 as the polar method forms it, for uniform x1, x2 in (-1, 1), kept in (0, 1)."""
    x1 = 2.0 * rng.random_sample(2 * n) - 1.0
    x2 = 2.0 * rng.random_sample(2 * n) - 1.0
    r2 = x1 * x1 + x2 * x2
    return r2[(r2 > 0) & (r2 < 1)][:n]


def spread(rng, n):
    """Doubles with random significands over every binary exponent of the normal range and below."""
    exponents = rng.randint(-1074, 1024, size=n)
    return np.ldexp(1.0 + rng.random_sample(n), exponents - 1)


def uniform_bits(rng, n):
    """Doubles in (0, 1) whose 64-bit patterns are uniform between those of 2^-1074 and 1."""
    one = np.float64(1.0).view(np.uint64)
    bits = rng.randint(1, int(one), size=n, dtype=np.uint64)
    return bits.view(np.float64)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/nnlab-numpy-normal")
    parser.add_argument("--fixture", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.out, "draws.f64"), "wb") as f:
        for seed in range(SEEDS):
            np.random.seed(seed)
            f.write(np.random.randn(COUNT).astype("<f8").tobytes())

    rng = np.random.RandomState(12345)
    groups = {
        "polar r2": polar_r2(rng, 1_000_000),
        "uniform (0, 1)": rng.random_sample(500_000),
        "random bits in (0, 1)": uniform_bits(rng, 500_000),
        "every exponent": spread(rng, 200_000),
    }
    groups = {name: x[np.isfinite(x) & (x > 0)] for name, x in groups.items()}
    xs = np.concatenate(list(groups.values()))
    with open(os.path.join(args.out, "logs.f64"), "wb") as f:
        for x in xs.tolist():
            f.write(struct.pack("<dd", x, math.log(x)))

    with open(os.path.join(args.out, "machine.json"), "w") as f:
        log_groups = [[name, len(x)] for name, x in groups.items()]
        json.dump(dict(machine(), seeds=SEEDS, count=COUNT, logs=len(xs), log_groups=log_groups), f)

    if args.fixture:
        fixture = {"machine": machine(), "randn": {}, "log": []}
        for seed in range(4):
            np.random.seed(seed)
            fixture["randn"][str(seed)] = [float(v) for v in np.random.randn(1000)]
        # Inputs whose log JavaScript's Math.log rounds the other way (found by compare.ts,
        # listed in mathlog_differs.json of the output directory), with the C library's answer.
        differs = os.path.join(args.out, "mathlog_differs.json")
        if os.path.exists(differs):
            with open(differs) as f:
                inputs = json.load(f)[:500]
            fixture["log"] = [[x, math.log(x)] for x in inputs]
        path = os.path.join("src", "core", "__tests__", "fixtures", "numpy_randn.json")
        with open(path, "w") as f:
            json.dump(fixture, f)
        print("wrote", path)


if __name__ == "__main__":
    main()
