"""%%nnlab: a spec in YAML or JSON shows the experiment; a bad one gives one clear message."""
import re
import time

import pytest

IPython = pytest.importorskip("IPython")
from IPython.core.error import UsageError  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

from jupyterlab_nnlab import MIME_TYPE, Lab  # noqa: E402

YAML_CELL = """\
title: XOR needs a non-linearity
data: {name: xor}
network:
  layers: [2, 4, 1]
  activation: relu
training: {learningRate: 0.05, epochs: 300}
compare:
  - label: identity
    network: {activation: identity}
autoplay: no
"""

JSON_CELL = '{"data": {"name": "sine"}, "network": {"layers": [1, 8, 1]}, "views": ["boundary", "loss"]}'


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "jupyterlab_nnlab")
    yield ip


def run(shell, body, line=""):
    with capture_output() as captured:
        result = shell.run_cell("%%nnlab " + line + "\n" + body)
    return result, captured


def test_yaml_cell_displays_the_experiment(shell):
    result, captured = run(shell, YAML_CELL)
    assert result.error_in_exec is None
    assert len(captured.outputs) == 1
    spec = captured.outputs[0].data[MIME_TYPE]
    assert spec["network"] == {"layers": [2, 4, 1], "activation": "relu"}
    assert spec["training"] == {"learningRate": 0.05, "epochs": 300}
    assert spec["compare"] == [{"label": "identity", "network": {"activation": "identity"}}]
    assert spec["autoplay"] is False
    assert "XOR needs a non-linearity" in captured.outputs[0].data["text/plain"]


def test_json_cell_displays_the_experiment(shell):
    result, captured = run(shell, JSON_CELL)
    assert result.error_in_exec is None
    assert captured.outputs[0].data[MIME_TYPE] == {
        "data": {"name": "sine"},
        "network": {"layers": [1, 8, 1]},
        "views": ["boundary", "loss"],
    }


def test_data_set_name_shorthand(shell):
    result, captured = run(shell, "data: moons\n")
    assert result.error_in_exec is None
    assert captured.outputs[0].data[MIME_TYPE] == {"data": {"name": "moons"}}


def test_several_problems_are_listed_together(shell):
    result, _ = run(shell, "training: {lerningRate: 0.1, epochs: -1}\n")
    message = str(result.error_in_exec)
    assert "2 problems" in message
    assert "training.lerningRate" in message and "training.epochs is -1" in message


def test_cell_can_store_the_lab_in_a_variable(shell):
    run(shell, JSON_CELL, line="sine_lab")
    assert isinstance(shell.user_ns["sine_lab"], Lab)
    assert shell.user_ns["sine_lab"].spec["data"]["name"] == "sine"


@pytest.mark.parametrize(
    "body, pattern",
    [
        ("training:\n  lerningRate: 0.1\n", r"training\.lerningRate is not a field of training; did you mean 'learningRate'"),
        ("network: {layers: [3, 4, 1]}\n", r"network\.layers\[0\] is 3 but the data set 'xor' has 2 inputs"),
        ('{"training": {"epochs": 100000}}', r"training\.epochs is 100000 but must be at most 20000"),
        ('{"data": ', r"not valid JSON"),
        ("data: [unclosed\n", r"not valid YAML"),
        ("- 1\n- 2\n", r"named fields"),
        ("   \n", r"empty"),
    ],
)
def test_invalid_cell_gives_one_message_without_a_traceback(shell, capsys, body, pattern):
    result, captured = run(shell, body)
    assert isinstance(result.error_in_exec, UsageError)
    assert captured.outputs == []
    import re

    assert re.search(pattern, str(result.error_in_exec))
    assert "Traceback" not in captured.stdout + captured.stderr


@pytest.mark.parametrize("name, message", [
    ("if", r"if is a Python keyword"),
    ("None", r"None is a Python keyword"),
    # Binding these broke every later cell, or every later magic.
    ("get_ipython", r"that name belongs to Python or IPython"),
    ("__builtins__", r"that name belongs to Python or IPython"),
    # Python reads ℌ in code as H: the Lab would be stored where no code can reach it.
    ("\u210c", r"Python reads this name as H"),
    ("x" * 101, r"takes an optional variable name"),
])
def test_a_name_that_cannot_hold_the_lab_is_refused_before_anything_runs(shell, name, message):
    before = dict(shell.user_ns)
    result, _ = run(shell, YAML_CELL, name)
    assert isinstance(result.error_in_exec, UsageError)
    assert re.search(message, str(result.error_in_exec))
    assert shell.user_ns.get(name) is before.get(name)


def test_the_name_line_is_not_expanded_by_ipython(shell):
    # IPython expands $x and {x} in a magic's line unless told not to; a long line took
    # seconds there before the magic saw it.
    shell.user_ns["x"] = "lab"
    result, _ = run(shell, YAML_CELL, "$x")
    assert isinstance(result.error_in_exec, UsageError)
    assert "got '$x'" in str(result.error_in_exec)
    start = time.perf_counter()
    result, _ = run(shell, YAML_CELL, "x" * 100_000)
    assert isinstance(result.error_in_exec, UsageError)
    assert time.perf_counter() - start < 5.0
