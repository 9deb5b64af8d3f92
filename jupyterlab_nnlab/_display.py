"""How a ``Lab`` shows itself, and what comes back from the browser.

Two front-ends show an experiment:

- ``"mime"``: the spec under NN Lab's MIME type, drawn by the JupyterLab extension. It
  renders without a kernel (saved notebooks, JupyterLite) and keeps a picture in the
  output, but nothing comes back to Python.
- ``"widget"``: an anywidget (jupyterlab_nnlab.widget) that runs where the extension is not
  loaded (VS Code, Colab, marimo) and reports its history and weights back to Python.

``jupyterlab_nnlab.renderer`` picks one: ``"auto"`` (the default, also read from the
``NNLAB_RENDERER`` environment variable), ``"mime"`` or ``"widget"``, in the manner of
plotly.py's ``pio.renderers.default``. Every bundle also carries ``text/html`` (what the
experiment is and how to see it live) and ``text/plain``.
"""

import decimal
import html
import math
import numbers
import os
import sys
from typing import Any, Dict, List, Optional, Tuple

from ._schema import section_field, show

RENDERERS = ("auto", "mime", "widget")


def chosen_renderer() -> str:
    """The renderer in force: ``jupyterlab_nnlab.renderer``, checked."""
    package = sys.modules.get("jupyterlab_nnlab")
    value = getattr(package, "renderer", None) or os.environ.get("NNLAB_RENDERER") or "auto"
    if value not in RENDERERS:
        raise ValueError(
            "jupyterlab_nnlab.renderer must be one of {}, got {!r}".format(", ".join(map(repr, RENDERERS)), value)
        )
    return value


def anywidget_available() -> bool:
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return False
    return True


def detect_frontend() -> str:
    """A best guess at the front-end from the kernel's side: 'marimo', 'colab', 'vscode',
    'jupyterlite' or 'jupyter' (JupyterLab, Notebook 7 and anything else)."""
    if "marimo" in sys.modules and _in_marimo():
        return "marimo"
    if "google.colab" in sys.modules:
        return "colab"
    if sys.platform == "emscripten":
        return "jupyterlite"
    if "VSCODE_PID" in os.environ or "VSCODE_CWD" in os.environ:
        return "vscode"
    return "jupyter"


def _in_marimo() -> bool:
    try:
        import marimo

        return bool(marimo.running_in_notebook())
    except Exception:  # pragma: no cover - older marimo or not running
        return False


def resolve_renderer() -> str:
    """'mime' or 'widget' for the next display."""
    choice = chosen_renderer()
    if choice == "widget":
        if not anywidget_available():
            raise ImportError(
                "jupyterlab_nnlab.renderer = 'widget' needs anywidget: pip install anywidget "
                "(or pip install 'jupyterlab-nnlab[widget]')"
            )
        return "widget"
    if choice == "mime":
        return "mime"
    # auto: the extension's renderer where it is loaded (JupyterLab, Notebook 7, the
    # JupyterLite site), the widget where it cannot be.
    if detect_frontend() in ("marimo", "colab", "vscode") and anywidget_available():
        return "widget"
    return "mime"


def fallback_html(lab: Any) -> str:
    """A short description of the experiment for front-ends that draw neither the MIME
    output nor the widget (exports, viewers, a front-end without either)."""
    lines = lab._summary().splitlines()
    title = lines[0] if lines else "NN Lab experiment"
    details = [line.strip() for line in lines[1:] if not line.startswith("(")]
    items = "".join("<li>{}</li>".format(html.escape(line)) for line in details)
    return (
        '<div class="nnlab-fallback" style="border:1px solid #ccc;border-radius:4px;padding:6px 10px">'
        "<strong>{}</strong><ul style=\"margin:4px 0\">{}</ul>"
        "<small>This experiment trains live in the browser. See it in JupyterLab or Notebook 7 "
        "with <code>pip install jupyterlab-nnlab</code>; in VS Code, Colab or marimo with "
        "<code>pip install \"jupyterlab-nnlab[widget]\"</code>.</small></div>"
    ).format(html.escape(title), items)


class LiveResults:
    """The part of ``Lab`` that talks to a live widget: display, results, commands."""

    _widget: Any = None
    _shown_as: Optional[str] = None

    # -- display ---------------------------------------------------------------------------

    @property
    def widget(self) -> Any:
        """The anywidget showing this experiment (made on first use; one per Lab, so that
        displaying it twice shows the same model twice)."""
        if self._widget is None:
            from .widget import NNLabWidget

            self._widget = NNLabWidget(self.spec, fallback_html=fallback_html(self))
        return self._widget

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        renderer = resolve_renderer()
        if renderer == "widget":
            self._shown_as = "widget"
            return self.widget._repr_mimebundle_(include=include, exclude=exclude)
        if self._shown_as is None:
            self._shown_as = "mime"
        return {
            self.MIME_TYPE: self.spec,
            "text/html": fallback_html(self),
            "text/plain": self._summary(),
        }

    def _display_(self) -> Any:
        """marimo's display protocol: show the widget (marimo wraps anywidgets itself)."""
        if anywidget_available():
            self._shown_as = "widget"
            return self.widget
        return _Html(fallback_html(self))

    # -- results ---------------------------------------------------------------------------

    def _live(self) -> Any:
        if self._widget is None:
            if self._shown_as == "mime":
                raise RuntimeError(
                    "This Lab is shown by the JupyterLab extension, which trains in the browser "
                    "without reporting back to Python. To read results, show it as a widget: "
                    "set jupyterlab_nnlab.renderer = \"widget\" before displaying it, or display "
                    "lab.widget."
                )
            raise RuntimeError(
                "This Lab has not been shown yet: display it (as the last line of a cell) and "
                "let it train, then read its results."
            )
        return self._widget

    @property
    def state(self) -> Dict[str, Any]:
        """Where training stands: ``epoch``, ``running``, ``done``, ``error`` (a message or
        None) and ``engine`` ('worker' or 'page'), as last reported by the browser."""
        status = dict(self._live().status or {})
        return {
            "epoch": int(status.get("epoch", 0) or 0),
            "running": bool(status.get("running", False)),
            "done": bool(status.get("done", False)),
            "error": status.get("error"),
            "engine": status.get("engine") or None,
        }

    @property
    def history(self) -> Any:
        """Loss and accuracy per epoch and variant, as last reported by the browser: a pandas
        DataFrame when pandas is installed, else a dict of equal-length lists. Columns:
        variant (0 = the base network), label, epoch, train_loss, test_loss,
        train_accuracy, test_accuracy (NaN where a value does not apply). Losses are per
        point, as in the loss chart: l2 (half the sum of squared errors) divided by the
        number of points of its split, the other losses being means already."""
        columns: Dict[str, List[Any]] = {
            "variant": [],
            "label": [],
            "epoch": [],
            "train_loss": [],
            "test_loss": [],
            "train_accuracy": [],
            "test_accuracy": [],
        }
        sources = (
            ("train_loss", "trainLoss"),
            ("test_loss", "testLoss"),
            ("train_accuracy", "trainAccuracy"),
            ("test_accuracy", "testAccuracy"),
        )
        for index, record in enumerate(self._live().history or []):
            epochs = list(record.get("epoch", []))
            columns["variant"].extend([record.get("variant", index)] * len(epochs))
            columns["label"].extend([record.get("label", "")] * len(epochs))
            columns["epoch"].extend(int(e) for e in epochs)
            for name, key in sources:
                values = list(record.get(key, []))
                values += [None] * (len(epochs) - len(values))
                columns[name].extend(_number(v) for v in values[: len(epochs)])
        try:
            import pandas
        except ImportError:
            return columns
        return pandas.DataFrame(columns)

    def weights(self, variant: int = 0) -> List[Tuple[Any, Any]]:
        """The current weights and biases of a network, as last reported by the browser: the
        layout of ``initial_weights()`` (one ``(W, b)`` NumPy pair per layer, ``W`` of shape
        (inputs, outputs)), so that a layer computes ``x @ W + b``."""
        import numpy as np

        reported = self._live().weights or []
        if isinstance(variant, bool) or not isinstance(variant, numbers.Integral) or not 0 <= variant < max(
            len(reported), 1 + len(self.spec.get("compare", []))
        ):
            raise ValueError(
                "variant must be 0 (the base network) to {} (the compare entries), got {}".format(
                    len(self.spec.get("compare", [])), show(variant)
                )
            )
        if variant >= len(reported) or not reported[variant]:
            raise RuntimeError("no weights have come back from the browser yet: display the Lab first")
        return [
            (np.array(layer["W"], dtype=float).reshape(len(layer["W"]), -1), np.array(layer["b"], dtype=float))
            for layer in reported[variant]
        ]

    # -- commands --------------------------------------------------------------------------

    def play(self) -> None:
        """Start (or go on) training in every display of this Lab."""
        self._live().command("play")

    def pause(self) -> None:
        """Pause training."""
        self._live().command("pause")

    def step(self, epochs: int = 1) -> None:
        """Train ``epochs`` more epochs (at most the spec's cap on epochs), then pause."""
        most = section_field("training", "epochs")["maximum"]
        if (
            isinstance(epochs, bool)
            or not isinstance(epochs, numbers.Integral)
            or not 1 <= epochs <= most
        ):
            raise ValueError("epochs must be a whole number from 1 to {}, got {}".format(most, show(epochs)))
        self._live().command("step", epochs=int(epochs))

    def reset(self) -> None:
        """Start again from the initial weights."""
        self._live().command("reset")

    def set_learning_rate(self, learning_rate: float) -> None:
        """Change the learning rate of the running experiment."""
        most = section_field("training", "learningRate")["maximum"]
        value = math.nan
        if not isinstance(learning_rate, bool) and isinstance(learning_rate, (numbers.Real, decimal.Decimal)):
            try:
                value = float(learning_rate)
            except (OverflowError, ValueError, ArithmeticError):  # 10**400, Fraction(10**5000)
                pass
        # Compared after the conversion: Fraction(1, 10**5000) is > 0 but becomes 0.0.
        if not (math.isfinite(value) and 0 < value <= most):
            raise ValueError("learning_rate must be a number > 0 and at most {}, got {}".format(
                most, show(learning_rate)))
        self._live().command("setLearningRate", value=value)

    def set_activation(self, activation: str, layer: Any = "all") -> None:
        """Change the activation of every hidden layer (``layer="all"``) or of one (0 = the
        first hidden layer) while training."""
        from ._schema import load_schema, suggest

        names = load_schema().get("definitions", {}).get("hiddenActivation", {}).get("enum", [])
        # Types first: `in` and `!=` on a NumPy array compare element by element.
        if not isinstance(activation, str) or activation not in names:
            hint = suggest(activation, names) if isinstance(activation, str) else None
            raise ValueError(
                "activation must be one of {}, got {}{}".format(
                    ", ".join(names), show(activation), "; did you mean {!r}?".format(hint) if hint else ""
                )
            )
        every = isinstance(layer, str) and layer == "all"
        hidden = self._hidden_layers()
        if not every and (
            isinstance(layer, bool)
            or not isinstance(layer, numbers.Integral)
            or layer < 0
            or (hidden is not None and layer >= hidden)
        ):
            which = "a hidden layer index >= 0" if hidden is None else (
                "0 (the only hidden layer)" if hidden == 1 else "a hidden layer from 0 to {}".format(hidden - 1))
            raise ValueError("layer must be 'all' or {}, got {}".format(which, show(layer)))
        self._live().command("setActivation", name=activation, layer=layer if every else int(layer))

    def _hidden_layers(self) -> Optional[int]:
        """The most hidden layers any of the networks has, where known (see Lab)."""
        return None


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


class _Html:
    """An object that marimo (and IPython) show as HTML."""

    def __init__(self, text: str):
        self._text = text

    def _repr_html_(self) -> str:
        return self._text

    def _mime_(self) -> Tuple[str, str]:
        return ("text/html", self._text)
