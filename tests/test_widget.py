"""The renderer choice, the text/html fallback and the results a widget reports back.

The browser side (training, the throttled sync) is tested by jest (src/widget) and in
Chromium (ui-tests/tests/widget.spec.ts, ui-tests/widget/); here the widget's synced values
are set by hand, as the front-end would set them, to check what Python makes of them.
"""
import math
import re
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import jupyterlab_nnlab
from jupyterlab_nnlab import MIME_TYPE, Lab
from jupyterlab_nnlab import _display

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def renderer(monkeypatch):
    """Every test starts from the default renderer, whatever the environment says."""
    monkeypatch.setattr(jupyterlab_nnlab, "renderer", "auto")
    monkeypatch.delenv("NNLAB_RENDERER", raising=False)
    for name in ("VSCODE_PID", "VSCODE_CWD"):
        monkeypatch.delenv(name, raising=False)
    yield


def xor_lab(**kw):
    return Lab(data="xor", layers=[2, 3, 1], activation="relu", rng="numpy", seed=3, **kw)


def bundle_data(bundle):
    return bundle[0] if isinstance(bundle, tuple) else bundle


def test_auto_is_the_mime_output_in_jupyter():
    data = bundle_data(xor_lab()._repr_mimebundle_())
    assert MIME_TYPE in data and WIDGET_VIEW not in data
    assert "text/html" in data and "text/plain" in data


def test_forcing_the_widget_shows_the_widget_with_a_fallback(monkeypatch):
    monkeypatch.setattr(jupyterlab_nnlab, "renderer", "widget")
    lab = xor_lab()
    data = bundle_data(lab._repr_mimebundle_())
    assert WIDGET_VIEW in data and MIME_TYPE not in data
    assert data[WIDGET_VIEW]["model_id"] == lab.widget.model_id
    assert "NN Lab experiment" in data["text/html"]
    # Displayed twice: one model, two views of it.
    again = bundle_data(lab._repr_mimebundle_())
    assert again[WIDGET_VIEW]["model_id"] == data[WIDGET_VIEW]["model_id"]


def test_the_environment_variable_forces_a_renderer(monkeypatch):
    monkeypatch.setattr(jupyterlab_nnlab, "renderer", None)
    monkeypatch.setenv("NNLAB_RENDERER", "widget")
    assert WIDGET_VIEW in bundle_data(xor_lab()._repr_mimebundle_())


def test_auto_picks_the_widget_where_the_extension_cannot_load(monkeypatch):
    monkeypatch.setenv("VSCODE_PID", "1")
    assert _display.resolve_renderer() == "widget"
    monkeypatch.delenv("VSCODE_PID")
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert _display.resolve_renderer() == "widget"


def test_auto_without_anywidget_stays_with_the_mime_output(monkeypatch):
    monkeypatch.setenv("VSCODE_PID", "1")
    monkeypatch.setitem(sys.modules, "anywidget", None)
    assert _display.resolve_renderer() == "mime"
    monkeypatch.setattr(jupyterlab_nnlab, "renderer", "widget")
    with pytest.raises(ImportError, match="pip install anywidget"):
        _display.resolve_renderer()


def test_a_wrong_renderer_name_says_what_is_allowed(monkeypatch):
    monkeypatch.setattr(jupyterlab_nnlab, "renderer", "widgets")
    with pytest.raises(ValueError, match="'auto', 'mime', 'widget'"):
        xor_lab()._repr_mimebundle_()


def test_fallback_html_escapes_the_title():
    lab = xor_lab(title="<script>alert(1)</script> & co")
    html = _display.fallback_html(lab)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp; co" in html
    assert "pip install" in html


def test_marimo_display_protocol_returns_the_widget():
    lab = xor_lab()
    shown = lab._display_()
    assert shown is lab.widget
    assert shown.spec == lab.spec


def test_results_before_display_say_what_to_do(monkeypatch):
    lab = xor_lab()
    with pytest.raises(RuntimeError, match="not been shown"):
        lab.history
    lab._repr_mimebundle_()  # shown by the JupyterLab extension
    with pytest.raises(RuntimeError, match='renderer = "widget"'):
        lab.weights()
    with pytest.raises(RuntimeError, match='renderer = "widget"'):
        lab.play()


def reported(lab, epochs=3):
    """What the front-end sets after `epochs` epochs of a two-variant run."""
    w = lab.widget
    w.status = {"epoch": epochs, "state": "paused", "running": False, "done": False, "error": None,
                "engine": "worker"}
    hist = []
    for v, label in enumerate(["relu", "identity"]):
        e = list(range(epochs + 1))
        hist.append({"variant": v, "label": label, "epoch": e,
                     "trainLoss": [0.7 - 0.1 * i - v * 0.01 for i in e],
                     "testLoss": [0.8 - 0.1 * i for i in e],
                     "trainAccuracy": [0.5 + 0.1 * i for i in e],
                     "testAccuracy": [None] * len(e)})
    w.history = hist
    init = lab.initial_weights()
    w.weights = [[{"W": (W + 1).tolist(), "b": (b + 2).tolist()} for W, b in init]] * 2
    return init


def test_history_is_a_dataframe_with_one_row_per_variant_and_epoch():
    lab = xor_lab().compare("identity")
    reported(lab)
    df = lab.history
    assert list(df.columns) == ["variant", "label", "epoch", "train_loss", "test_loss",
                                "train_accuracy", "test_accuracy"]
    assert len(df) == 8
    last = df[df.variant == 0].iloc[-1]
    assert last.epoch == 3 and math.isclose(last.train_loss, 0.4)
    assert df.test_accuracy.isna().all()
    assert set(df.label) == {"relu", "identity"}


def test_history_without_pandas_is_plain_lists(monkeypatch):
    lab = xor_lab().compare("identity")
    reported(lab)
    monkeypatch.setitem(sys.modules, "pandas", None)
    h = lab.history
    assert isinstance(h, dict) and h["epoch"] == [0, 1, 2, 3] * 2
    assert len(h["train_loss"]) == 8 and math.isnan(h["test_accuracy"][0])


def test_weights_have_the_layout_of_initial_weights():
    lab = xor_lab().compare("identity")
    init = reported(lab)
    got = lab.weights()
    assert len(got) == len(init)
    for (W, b), (W0, b0) in zip(got, init):
        assert W.shape == W0.shape and b.shape == b0.shape
        np.testing.assert_allclose(W, W0 + 1)
        np.testing.assert_allclose(b, b0 + 2)
    assert len(lab.weights(1)) == len(init)
    with pytest.raises(ValueError, match="variant"):
        lab.weights(2)


def test_state_reads_the_status():
    lab = xor_lab()
    reported(lab, epochs=5)
    assert lab.state == {"epoch": 5, "running": False, "done": False, "error": None, "engine": "worker"}


def test_commands_go_to_the_front_end(monkeypatch):
    lab = xor_lab()
    sent = []
    monkeypatch.setattr(lab.widget, "send", lambda message, buffers=None: sent.append(message))
    lab.play()
    lab.pause()
    lab.step(5)
    lab.reset()
    lab.set_learning_rate(0.1)
    lab.set_activation("identity")
    lab.set_activation("tanh", layer=0)
    assert sent == [
        {"type": "play"},
        {"type": "pause"},
        {"type": "step", "epochs": 5},
        {"type": "reset"},
        {"type": "setLearningRate", "value": 0.1},
        {"type": "setActivation", "name": "identity", "layer": "all"},
        {"type": "setActivation", "name": "tanh", "layer": 0},
    ]


def test_bad_commands_fail_in_python_with_a_clear_message():
    lab = xor_lab()
    lab.widget  # noqa: B018 - shown as a widget
    with pytest.raises(ValueError, match="did you mean 'relu'"):
        lab.set_activation("rellu")
    with pytest.raises(ValueError, match="learning_rate"):
        lab.set_learning_rate(-1)
    with pytest.raises(ValueError, match="learning_rate"):
        lab.set_learning_rate(float("nan"))
    with pytest.raises(ValueError, match="epochs"):
        lab.step(0)


@pytest.mark.parametrize("command, argument, message", [
    # A step of 10**100 epochs trained without end; one of 10**5000 could not be sent at all.
    ("step", 10**100, r"epochs must be a whole number from 1 to 20000, got an integer of 101 digits"),
    ("step", 10**5000, r"epochs must be a whole number from 1 to 20000, got an integer of 5,001 digits"),
    # Out of the spec's range, or only a number before the conversion (overflow, or 0.0).
    ("set_learning_rate", 1e308, r"learning_rate must be a number > 0 and at most 10, got 1e\+308"),
    ("set_learning_rate", 10**400, r"at most 10, got an integer of 401 digits"),
    ("set_learning_rate", Fraction(10**5000), r"at most 10, got Fraction\(an integer of 5,001 digits, 1\)"),
    ("set_learning_rate", Fraction(1, 10**5000), r"at most 10, got Fraction\(1, an integer of 5,001 digits\)"),
    # xor_lab() has one hidden layer.
    ("set_activation_layer", 1, r"layer must be 'all' or 0 \(the only hidden layer\), got 1"),
    ("set_activation_layer", 10**100, r"got an integer of 101 digits"),
], ids=["step-1e100", "step-1e5000", "rate-1e308", "rate-int-1e400", "rate-fraction-huge", "rate-fraction-tiny",
        "layer-1", "layer-1e100"])
def test_live_commands_refuse_what_the_spec_would_refuse(monkeypatch, command, argument, message):
    lab = xor_lab()
    sent = []
    monkeypatch.setattr(lab.widget, "send", lambda m, buffers=None: sent.append(m))
    with pytest.raises(ValueError, match=message):
        if command == "set_activation_layer":
            lab.set_activation("tanh", layer=argument)
        else:
            getattr(lab, command)(argument)
    assert sent == []


def test_live_commands_take_numbers_of_any_type(monkeypatch):
    lab = xor_lab()
    sent = []
    monkeypatch.setattr(lab.widget, "send", lambda m, buffers=None: sent.append(m))
    lab.step(np.int64(3))
    lab.set_learning_rate(Decimal("0.5"))
    lab.set_learning_rate(Fraction(1, 4))
    lab.set_learning_rate(np.float32(10))
    assert sent == [
        {"type": "step", "epochs": 3},
        {"type": "setLearningRate", "value": 0.5},
        {"type": "setLearningRate", "value": 0.25},
        {"type": "setLearningRate", "value": 10.0},
    ]


def test_the_bundle_is_one_module_with_the_worker_and_plotly_inside():
    from jupyterlab_nnlab.widget import CSS, ESM

    text = ESM.read_text(encoding="utf-8")
    # One self-contained module: an ES export of render, nothing imported or fetched.
    assert re.search(r"export\s*\{[^}]*\bas render\b", text) or re.search(r"export\s*\{[^}]*\brender\b", text)
    assert not re.search(r"\bimport\s*\(", text)
    assert not re.search(r"\bfrom\s*[\"']", text)
    assert "createObjectURL" in text  # the training worker starts from a Blob URL
    assert "plotly" in text.lower()
    assert "jp-NNLab-standalone" in CSS.read_text(encoding="utf-8")
