"""Reference training trajectories from PyTorch for the NN Lab core.

Each case is a small multilayer perceptron trained in float64 by PyTorch from explicit data
and explicit initial weights. The script records everything the TypeScript core needs to
replay the same run (data, sizes, activations, loss, optimiser, regularisation, mini-batch
order, initial weights) and what PyTorch obtained (the data loss before every step and the
final weights). src/core/__tests__/reference.test.ts replays each case with the core and
compares the two trajectories number for number.

Conventions mirrored from the core (see src/core/losses.ts and docs/ARCHITECTURE.md):

* Weights W[l] are n_in x n_out and the layer computes Z = A W + b, so torch's Linear
  weight is W.T.
* l2  = 0.5 * sum over batch and outputs of (yHat - y)^2;  mse = mean over all entries;
  bce = BCEWithLogitsLoss on the sigmoid output's logits (mean);
  cce = CrossEntropyLoss on the softmax output's logits with class indices (mean over rows).
* Optimisers are torch.optim.SGD (plain, momentum, nesterov; dampening 0) and torch.optim.Adam.
* L2 regularisation: weight_decay on a parameter group that holds only the weights.
  L1 regularisation: rate * sum |W| added to the loss (the recorded loss leaves it out).
* The recorded loss of step t is the data loss of the batch used by step t, evaluated with
  the parameters before the update.

Run from the repository root:  python scripts/make_reference.py
It rewrites src/core/__tests__/fixtures/torch_*.json; the output is deterministic.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "src" / "core" / "__tests__" / "fixtures"

DEFAULT_LEAKY_SLOPE = 0.01
DEFAULT_ELU_ALPHA = 1.0


# --------------------------------------------------------------------------------------
# Activations, by the core's names
# --------------------------------------------------------------------------------------


def activation(name: str, z: torch.Tensor, leaky_slope: float, elu_alpha: float) -> torch.Tensor:
    """Apply the hidden or output activation `name` (softmax is handled by the loss)."""
    if name == "identity":
        return z
    if name == "relu":
        return F.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, negative_slope=leaky_slope)
    if name == "elu":
        return F.elu(z, alpha=elu_alpha)
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "softplus":
        return F.softplus(z)
    if name == "swish":
        return F.silu(z)
    if name == "gelu":
        return F.gelu(z, approximate="none")
    if name == "sin":
        return torch.sin(z)
    if name == "cos":
        return torch.cos(z)
    if name == "step":
        # Heaviside step with step(0) = 1; a comparison carries no gradient, which is the
        # point of the lesson: the layers below a step unit never learn.
        return (z >= 0).to(z.dtype)
    if name == "softmax":
        return torch.softmax(z, dim=1)
    raise ValueError(f"unknown activation {name}")


# --------------------------------------------------------------------------------------
# One case
# --------------------------------------------------------------------------------------


def make_data(rng: np.random.RandomState, n: int, n_in: int, n_out: int, loss: str, output: str):
    """Inputs from N(0, 1); targets that suit the loss and output activation."""
    x = rng.randn(n, n_in)
    if loss == "bce":
        y = (rng.rand(n, n_out) < 0.5).astype(np.float64)
    elif loss == "cce":
        labels = rng.randint(0, n_out, size=n)
        y = np.eye(n_out)[labels]
    elif output == "sigmoid":
        y = rng.rand(n, n_out)
    elif output == "tanh":
        y = rng.uniform(-0.9, 0.9, size=(n, n_out))
    else:
        y = rng.randn(n, n_out)
    return x, y


def make_params(rng: np.random.RandomState, sizes: list[int], scale: float):
    """W[l] ~ N(0, 1) * scale / sqrt(n_in), b[l] ~ N(0, 0.1^2): non-zero biases exercise db."""
    W = [rng.randn(sizes[l], sizes[l + 1]) * scale / math.sqrt(sizes[l]) for l in range(len(sizes) - 1)]
    b = [rng.randn(sizes[l + 1]) * 0.1 for l in range(len(sizes) - 1)]
    return W, b


def data_loss(loss: str, output: str, z_out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The data loss by the core's conventions, computed from the output logits where fused."""
    if loss == "bce":
        if output != "sigmoid":
            raise ValueError("bce cases use a sigmoid output")
        return F.binary_cross_entropy_with_logits(z_out, y)
    if loss == "cce":
        if output != "softmax":
            raise ValueError("cce cases use a softmax output")
        return F.cross_entropy(z_out, y.argmax(dim=1))
    y_hat = activation(output, z_out, DEFAULT_LEAKY_SLOPE, DEFAULT_ELU_ALPHA)
    if loss == "l2":
        return 0.5 * ((y_hat - y) ** 2).sum()
    if loss == "mse":
        return F.mse_loss(y_hat, y)
    raise ValueError(f"unknown loss {loss}")


def make_optimizer(opt: dict, weights: list[torch.Tensor], biases: list[torch.Tensor], reg: dict):
    """torch.optim with one group for the weights (carrying weight_decay for L2) and one for the biases."""
    decay = reg["rate"] if reg["name"] == "l2" else 0.0
    groups = [{"params": weights, "weight_decay": decay}, {"params": biases, "weight_decay": 0.0}]
    name = opt["name"]
    lr = opt["learningRate"]
    if name == "sgd":
        return torch.optim.SGD(groups, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(groups, lr=lr, momentum=opt["momentum"], dampening=0.0)
    if name == "nesterov":
        return torch.optim.SGD(groups, lr=lr, momentum=opt["momentum"], dampening=0.0, nesterov=True)
    if name == "adam":
        return torch.optim.Adam(groups, lr=lr, betas=(opt["beta1"], opt["beta2"]), eps=opt["epsilon"])
    raise ValueError(f"unknown optimiser {name}")


OPTIMIZER_DEFAULTS = {
    "sgd": {"learningRate": 0.1},
    "momentum": {"learningRate": 0.05, "momentum": 0.9},
    "nesterov": {"learningRate": 0.05, "momentum": 0.9},
    "adam": {"learningRate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}


def run_case(
    name: str,
    *,
    seed: int,
    sizes: list[int],
    hidden: list[str] | str,
    output: str,
    loss: str,
    optimizer: str,
    steps: int = 30,
    n: int = 12,
    batch_size: int = 0,
    regularization: tuple[str, float] = ("none", 0.0),
    optimizer_overrides: dict | None = None,
    leaky_slope: float = DEFAULT_LEAKY_SLOPE,
    elu_alpha: float = DEFAULT_ELU_ALPHA,
    weight_scale: float = 1.0,
) -> dict:
    rng = np.random.RandomState(seed)
    n_layers = len(sizes) - 1
    hidden_list = [hidden] * (n_layers - 1) if isinstance(hidden, str) else list(hidden)
    activations = hidden_list + [output]
    assert len(activations) == n_layers

    x_np, y_np = make_data(rng, n, sizes[0], sizes[-1], loss, output)
    W0, b0 = make_params(rng, sizes, weight_scale)

    # Mini-batches: a fixed permutation per epoch, cut into consecutive batches (the last may
    # be short). Full batch: one batch holding every row in order.
    if batch_size and batch_size < n:
        batches: list[list[int]] = []
        while len(batches) < steps:
            perm = rng.permutation(n)
            for start in range(0, n, batch_size):
                batches.append([int(i) for i in perm[start : start + batch_size]])
        batches = batches[:steps]
    else:
        batches = [list(range(n))] * steps

    opt = dict(OPTIMIZER_DEFAULTS[optimizer])
    opt.update(optimizer_overrides or {})
    opt["name"] = optimizer
    reg = {"name": regularization[0], "rate": regularization[1]}

    weights = [torch.tensor(w, requires_grad=True) for w in W0]
    biases = [torch.tensor(b, requires_grad=True) for b in b0]
    # torch.nn.Linear holds weight = W.T and computes x @ weight.T + b = x @ W + b; we keep W
    # itself as the parameter, which is the same computation without the double transpose.
    optim = make_optimizer(opt, weights, biases, reg)
    x_all = torch.tensor(x_np)
    y_all = torch.tensor(y_np)

    losses = []
    for t in range(steps):
        idx = torch.tensor(batches[t])
        a = x_all[idx]
        y = y_all[idx]
        for l in range(n_layers):
            z = a @ weights[l] + biases[l]
            a = activation(activations[l], z, leaky_slope, elu_alpha) if l < n_layers - 1 else z
        value = data_loss(loss, output, a, y)
        losses.append(value.item())
        total = value
        if reg["name"] == "l1":
            total = total + reg["rate"] * sum(w.abs().sum() for w in weights)
        optim.zero_grad()
        total.backward()
        optim.step()

    full_batch = all(len(bt) == n for bt in batches)
    case = {
        "name": name,
        "sizes": sizes,
        "activations": activations,
        "leakySlope": leaky_slope,
        "eluAlpha": elu_alpha,
        "loss": loss,
        "optimizer": opt,
        "regularization": reg,
        "steps": steps,
        "x": x_np.tolist(),
        "y": y_np.tolist(),
        # null = every step uses all rows in order
        "batches": None if full_batch else batches,
        "W0": [w.tolist() for w in W0],
        "b0": [b.tolist() for b in b0],
        "losses": losses,
        "W": [w.detach().numpy().tolist() for w in weights],
        "b": [b.detach().numpy().tolist() for b in biases],
    }
    return case


# --------------------------------------------------------------------------------------
# The cases: a sensible slice of the cross product
# --------------------------------------------------------------------------------------

HIDDEN_ACTIVATIONS = [
    "identity",
    "relu",
    "leaky_relu",
    "elu",
    "sigmoid",
    "tanh",
    "softplus",
    "swish",
    "gelu",
    "sin",
    "cos",
    "step",
]


def activation_cases() -> list[dict]:
    """Every hidden activation with Adam and mse (identity output)."""
    # Only the activation, its constants, the seed and the weight scale vary in this family.
    adam_mse = functools.partial(
        run_case, sizes=[3, 6, 2], output="identity", loss="mse", optimizer="adam", steps=40
    )
    cases = [
        adam_mse(f"adam-mse-{act}", seed=100 + i, hidden=act, weight_scale=1.5)
        for i, act in enumerate(HIDDEN_ACTIVATIONS)
    ]
    # Non-default constants of the parametric activations.
    cases.append(adam_mse("adam-mse-leaky_relu-slope0.2", seed=150, hidden="leaky_relu", leaky_slope=0.2))
    cases.append(adam_mse("adam-mse-elu-alpha0.7", seed=151, hidden="elu", elu_alpha=0.7))
    return cases


def optimizer_cases() -> list[dict]:
    """Every optimiser with tanh hidden units, sigmoid output and bce; full batch and mini-batch."""
    # Only the optimiser, its hyper-parameters, the seed and the batching vary in this family.
    tanh_bce = functools.partial(
        run_case, sizes=[2, 5, 1], hidden="tanh", output="sigmoid", loss="bce", steps=40
    )
    cases = []
    for i, opt in enumerate(["sgd", "momentum", "nesterov", "adam"]):
        cases.append(
            tanh_bce(
                f"{opt}-bce-tanh",
                seed=200 + i,
                optimizer=opt,
                optimizer_overrides={"learningRate": 0.5} if opt == "sgd" else None,
            )
        )
        cases.append(tanh_bce(f"{opt}-bce-tanh-batch5", seed=210 + i, optimizer=opt, n=16, batch_size=5))
    # Non-default hyper-parameters, so that a constant hard-wired on either side shows up.
    cases.append(
        tanh_bce(
            "adam-bce-tanh-betas",
            seed=220,
            optimizer="adam",
            optimizer_overrides={"learningRate": 0.03, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6},
        )
    )
    cases.append(
        tanh_bce(
            "momentum-bce-tanh-mu0.5",
            seed=221,
            optimizer="momentum",
            optimizer_overrides={"learningRate": 0.2, "momentum": 0.5},
        )
    )
    return cases


def loss_cases() -> list[dict]:
    """Every loss with ReLU hidden units and SGD, plus the non-fused output pairings."""
    specs = [
        ("l2", "identity", 3, 0.02),
        ("mse", "identity", 2, 0.1),
        ("bce", "sigmoid", 2, 0.5),
        ("cce", "softmax", 3, 0.5),
        # chain-rule paths: squared errors through a squashing output
        ("mse", "sigmoid", 2, 0.5),
        ("l2", "tanh", 2, 0.02),
        ("mse", "tanh", 1, 0.2),
    ]
    cases = []
    for i, (loss, output, n_out, lr) in enumerate(specs):
        cases.append(
            run_case(
                f"sgd-{loss}-relu-{output}",
                seed=300 + i,
                sizes=[3, 7, n_out],
                hidden="relu",
                output=output,
                loss=loss,
                optimizer="sgd",
                steps=30,
                optimizer_overrides={"learningRate": lr},
            )
        )
    return cases


def regularization_cases() -> list[dict]:
    """L1 and L2 penalties on the weights (never the biases) with each optimiser family."""
    specs = [
        ("sgd", ("l2", 0.05), "mse", "identity", 2),
        ("adam", ("l2", 0.01), "mse", "identity", 2),
        ("nesterov", ("l2", 0.02), "bce", "sigmoid", 1),
        ("sgd", ("l1", 0.01), "mse", "identity", 2),
        ("momentum", ("l1", 0.005), "cce", "softmax", 3),
        ("adam", ("l1", 0.001), "bce", "sigmoid", 1),
    ]
    cases = []
    for i, (opt, reg, loss, output, n_out) in enumerate(specs):
        cases.append(
            run_case(
                f"{opt}-{loss}-tanh-{reg[0]}",
                seed=400 + i,
                sizes=[3, 6, n_out],
                hidden="tanh",
                output=output,
                loss=loss,
                optimizer=opt,
                steps=30,
                regularization=reg,
            )
        )
    return cases


def deep_cases() -> list[dict]:
    """Three hidden layers, with one activation for all and with a different one per layer."""
    return [
        run_case(
            "adam-cce-3hidden-mixed",
            seed=500,
            sizes=[4, 8, 6, 5, 3],
            hidden=["tanh", "relu", "gelu"],
            output="softmax",
            loss="cce",
            optimizer="adam",
            steps=50,
            n=20,
            batch_size=6,
        ),
        run_case(
            "momentum-l2-3hidden-sigmoid",
            seed=501,
            sizes=[3, 4, 10, 4, 1],
            hidden="sigmoid",
            output="identity",
            loss="l2",
            optimizer="momentum",
            steps=50,
            optimizer_overrides={"learningRate": 0.02},
        ),
        run_case(
            "sgd-l2-3hidden-identity",
            seed=502,
            sizes=[3, 4, 10, 1],
            hidden="identity",
            output="identity",
            loss="l2",
            optimizer="sgd",
            steps=50,
            n=4,
            optimizer_overrides={"learningRate": 0.01},
        ),
    ]


GROUPS = {
    "torch_activations.json": activation_cases,
    "torch_optimizers.json": optimizer_cases,
    "torch_losses.json": loss_cases,
    "torch_regularization.json": regularization_cases,
    "torch_deep.json": deep_cases,
}


def main() -> None:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    total = 0
    for file_name, make in GROUPS.items():
        cases = make()
        for case in cases:
            if not all(math.isfinite(v) for v in case["losses"]):
                raise RuntimeError(f"{case['name']}: non-finite loss")
        doc = {
            "generator": "scripts/make_reference.py",
            "torch": torch.__version__.split("+")[0],
            "numpy": np.__version__,
            "dtype": "float64",
            "cases": cases,
        }
        path = FIXTURE_DIR / file_name
        # json writes floats with repr(), which round-trips float64 exactly.
        text = json.dumps(doc, separators=(",", ":"))
        path.write_text(text + "\n")
        total += len(text)
        print(f"{path.name}: {len(cases)} cases, {len(text) / 1024:.0f} KiB")
        for case in cases:
            first, last = case["losses"][0], case["losses"][-1]
            print(f"  {case['name']:<34} loss {first:.4g} -> {last:.4g}")
    print(f"total {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
