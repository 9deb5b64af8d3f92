"""Hostile input to Lab and %%nnlab: every bad input is one clear SpecError (or UsageError),
huge inputs are refused quickly, YAML alias bombs and duplicate keys are refused, any numeric
type is converted or refused, and the traceback does not run through the library."""
import time
import traceback
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from jupyterlab_nnlab import Lab, SpecError
from jupyterlab_nnlab._safety import CellError, load_json, load_yaml

# Generous bounds that only a quadratic or unbounded reading would exceed on any machine; the
# inputs below took 3 to 45 seconds before they were refused early.
QUICK = 5.0


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text, text[:500]
    assert len(text) < 400, text[:500]
    return text


def timed(call):
    start = time.perf_counter()
    with pytest.raises(SpecError) as info:
        call()
    return info.value, time.perf_counter() - start


# ---------------------------------------------------------------------------------------
# Large inputs
# ---------------------------------------------------------------------------------------


def test_a_million_rows_are_refused_from_their_length():
    error, seconds = timed(lambda: Lab(x=[[0.0, 0.0]] * 10**6, y=[0] * 10**6))
    text = str(error)
    assert "x has 1,000,000 entries but must have at most 2000" in text
    assert text.count("\n") <= 3
    assert seconds < QUICK


@pytest.mark.parametrize("n", [10**5, 10**6])
def test_a_long_flat_x_is_one_line(n):
    error, seconds = timed(lambda: Lab(x=[0.0] * n, y=[0] * 4))
    assert "x has {:,} entries".format(n) in one_line(error)
    assert seconds < QUICK


def test_a_huge_numpy_array_is_judged_by_its_shape():
    error, seconds = timed(lambda: Lab(x=np.zeros((10**6, 2)), y=np.zeros(10**6)))
    assert "shape (1000000, 2)" in str(error)
    assert seconds < QUICK


def test_a_boolean_array_gives_a_short_message():
    error, seconds = timed(lambda: Lab(x=np.zeros((2000, 16), dtype=bool), y=[0] * 2000))
    text = str(error)
    assert "32,000 problems" in text
    assert "x[0][0] must be a finite number, got False" in text
    assert "and 31,988 more problems" in text
    assert text.count("\n") == 13
    assert seconds < QUICK


def test_the_largest_valid_custom_data_is_accepted_quickly():
    rng = np.random.default_rng(0)
    lab = Lab(x=rng.random((2000, 16)), y=rng.random((2000, 64)), layers=[16, 8, 64], epochs=5)
    assert len(lab.spec["data"]["x"]) == 2000 and len(lab.spec["data"]["y"][1999]) == 64


def test_deep_nesting_is_refused_without_recursion_error():
    deep = 0.0
    for _ in range(900):
        deep = [deep]
    error, seconds = timed(lambda: Lab(x=deep, y=[0]))
    assert "nested more than 10 levels deep" in str(error)
    assert seconds < QUICK


# ---------------------------------------------------------------------------------------
# Numbers of any type
# ---------------------------------------------------------------------------------------


def test_decimal_and_fraction_become_floats():
    lab = Lab(learning_rate=Decimal("0.05"), noise=Fraction(1, 4), epochs=np.int64(30))
    assert lab.spec["training"] == {"learningRate": 0.05, "epochs": 30}
    assert type(lab.spec["training"]["learningRate"]) is float
    assert type(lab.spec["training"]["epochs"]) is int
    assert lab.spec["data"]["noise"] == 0.25
    assert lab.to_json()  # displayable: plain JSON numbers only


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), float("inf")])
def test_non_finite_numbers_of_any_type_are_refused(value):
    with pytest.raises(SpecError) as info:
        Lab(learning_rate=value)
    assert "learning_rate is" in one_line(info.value)
    assert "must be finite" in str(info.value)


def test_complex_numbers_are_refused():
    with pytest.raises(SpecError) as info:
        Lab(learning_rate=1 + 2j)
    assert "complex" in one_line(info.value)
    with pytest.raises(SpecError) as info:
        Lab(x=np.zeros((4, 2), dtype=complex), y=[0, 1, 1, 0])
    assert "x holds complex numbers" in one_line(info.value)


def test_other_objects_are_refused_by_name():
    with pytest.raises(SpecError) as info:
        Lab(title=object())
    assert "title is a object" in one_line(info.value)


# ---------------------------------------------------------------------------------------
# Shapes and keys
# ---------------------------------------------------------------------------------------


def test_a_dict_with_non_text_keys_is_a_spec_error():
    with pytest.raises(SpecError) as info:
        Lab(data={1: 2})
    assert "data has the key 1 (int)" in one_line(info.value)


def test_wrongly_shaped_weights_are_refused_by_lab():
    with pytest.raises(SpecError) as info:
        Lab(layers=[2, 2, 1], weights=[[[1, 1], [1, 1]], [[1, 2]]])
    assert "weights[1] must be a 2 x 1 matrix" in one_line(info.value)
    with pytest.raises(SpecError) as info:
        Lab(layers=[2, 2, 1], biases=[[0, 0]])
    assert "biases has 1 vectors but layers [2, 2, 1] has 2 weight layers" in one_line(info.value)
    with pytest.raises(SpecError) as info:
        Lab(layers=[2, 2, 1]).compare({"layers": [2, 3, 1], "weights": [[[1, 1], [1, 1]], [[1], [2]]]})
    assert "compare[0]" in str(info.value)


def test_a_huge_class_index_names_y():
    with pytest.raises(SpecError) as info:
        Lab(x=[[0, 0], [1, 1], [0, 1], [1, 0]], y=[0, 1, 0, 999999])
    text = one_line(info.value)
    assert text.startswith("y is read as class indices")
    assert "at most 64 classes" in text


# ---------------------------------------------------------------------------------------
# No traceback through the library
# ---------------------------------------------------------------------------------------


def test_the_traceback_holds_only_the_callers_frame_and_a_hidden_wrapper():
    with pytest.raises(SpecError) as info:
        Lab(learning_rate=-1)
    error = info.value
    frames = traceback.extract_tb(error.__traceback__)
    library = [f for f in frames if "jupyterlab_nnlab" in f.filename]
    # One frame: the wrapper (marked __tracebackhide__ for debuggers and pytest).
    assert len(library) == 1
    assert library[0].name == "wrapper"
    assert error.__suppress_context__


def test_ipython_shows_the_message_without_a_traceback():
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    from jupyterlab_nnlab._safety import install_ipython_handler

    shell = InteractiveShell.instance()
    install_ipython_handler()
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        result = shell.run_cell("from jupyterlab_nnlab import Lab\nLab(learning_rate=-1)")
    assert isinstance(result.error_in_exec, SpecError)
    shown = captured.stdout + captured.stderr
    assert "learning_rate is -1 but must be greater than 0" in shown
    assert "lab.py" not in shown and "_safety.py" not in shown and "Traceback" not in shown


# ---------------------------------------------------------------------------------------
# Reading cells: YAML aliases, duplicate keys, size and depth
# ---------------------------------------------------------------------------------------

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    "{}: &{} [{}]\n".format(chr(98 + i), chr(98 + i), ", ".join(["*" + chr(97 + i)] * 9)) for i in range(8)
)


def test_a_yaml_alias_bomb_is_refused_at_once():
    assert len(ALIAS_BOMB) < 600  # 9^9 leaves when expanded
    start = time.perf_counter()
    with pytest.raises(CellError, match=r"YAML aliases \(\*a\) are not allowed .*line 2"):
        load_yaml(ALIAS_BOMB)
    assert time.perf_counter() - start < QUICK


def test_the_alias_bomb_through_the_magic_is_one_usage_error():
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError

    from jupyterlab_nnlab.magic import nnlab_from_cell

    start = time.perf_counter()
    with pytest.raises(UsageError) as info:
        nnlab_from_cell(ALIAS_BOMB)
    assert time.perf_counter() - start < QUICK
    assert "aliases" in one_line(info.value)


def test_python_tags_stay_refused():
    import yaml

    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_duplicate_keys_are_refused_in_yaml_and_json():
    with pytest.raises(CellError, match=r"'epochs' appears twice \(line 3"):
        load_yaml("training:\n  epochs: 10\n  epochs: 20\n")
    with pytest.raises(CellError, match=r"'epochs' appears twice"):
        load_json('{"training": {"epochs": 10, "epochs": 20}}')


@pytest.mark.parametrize("loader, text", [
    (load_json, "[" * 100000 + "]" * 100000),
    (load_yaml, "[" * 900 + "]" * 900),
])
def test_deep_cells_are_one_line_not_a_recursion_error(loader, text):
    try:
        value = loader(text)
    except CellError as error:
        assert "nested too deeply" in one_line(error)
        return
    # A reader that copes with the depth hands it on, and the spec check refuses it.
    with pytest.raises(SpecError, match="nested more than 10 levels"):
        Lab.from_spec({"title": value})


def test_a_huge_yaml_cell_is_refused_before_parsing():
    start = time.perf_counter()
    with pytest.raises(CellError, match="write a large spec as JSON"):
        load_yaml("title: x\n" + "# padding\n" * 100000)
    assert time.perf_counter() - start < QUICK


def test_a_huge_broken_json_spec_is_refused_quickly():
    text = '{"compare": [' + ",".join(['{"network": {"activation": "nope"}}'] * 100000) + "]}"
    start = time.perf_counter()
    with pytest.raises(SpecError) as info:
        Lab.from_spec(load_json(text))
    assert time.perf_counter() - start < QUICK
    assert "spec['compare'] has 100,000 entries but must have at most 8" in one_line(info.value)
