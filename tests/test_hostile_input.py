"""Hostile input to Lab and %%nnlab: every bad input is one clear SpecError (or UsageError),
huge inputs are refused quickly, YAML alias bombs and duplicate keys are refused, any numeric
type is converted or refused, and the traceback does not run through the library."""
import re
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


def test_a_recursive_alias_is_refused_by_either_reader(monkeypatch):
    import yaml

    text = "title: x\nnetwork: &n {layers: [2, *n, 1]}\n"
    with pytest.raises(CellError, match=r"YAML aliases \(\*n\) are not allowed .*line 2"):
        load_yaml(text)
    # The same without libyaml (PyYAML built without it): the pure-Python reader.
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    with pytest.raises(CellError, match=r"YAML aliases \(\*n\) are not allowed .*line 2"):
        load_yaml(text)


YAML_SPECS = [
    "data: xor\nnetwork: {layers: [2, 4, 1], activation: relu}",
    "title: 'a: b'\ntraining:\n  epochs: 300\n  learning_rate: 0.05\n  seed: 0x1f\n"
    "compare:\n  - activation: tanh\n  - {label: 'no hidden', network: {layers: [2, 1]}}\n",
    "data:\n  name: custom\n  x:\n" + "".join("    - [{}, {}]\n".format(i / 10, -i) for i in range(50))
    + "  y: [" + ", ".join(str(i % 2) for i in range(50)) + "]\n",
]


@pytest.mark.parametrize("text", YAML_SPECS)
def test_either_yaml_reader_reads_a_spec_as_pyyaml_does(text, monkeypatch):
    import yaml

    expected = yaml.safe_load(text)
    assert load_yaml(text) == expected
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert load_yaml(text) == expected


def test_a_yaml_cell_at_the_size_cap_is_read_with_libyaml():
    import yaml

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    text = "title: [" + ",".join(["0"] * 99_990) + "]"
    assert len(text) < 200_000
    start = time.perf_counter()
    assert load_yaml(text) == {"title": [0] * 99_990}
    # The pure-Python reader took 5-6 s for this text on a 2-core machine.
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


# ---------------------------------------------------------------------------------------
# Values that cannot be shown: huge integers, failing reprs, huge keys
# ---------------------------------------------------------------------------------------


class BadRepr:
    def __repr__(self):
        raise RuntimeError("boom")


def short(error: BaseException) -> str:
    """A message of a few bounded lines (a dozen problems at most)."""
    text = str(error)
    assert len(text) < 2000 and text.count("\n") <= 13, text[:500]
    return text


# Python refuses to turn an int of more than 4300 digits into text (sys.int_info).
HUGE = 10**5000


@pytest.mark.parametrize("call, words", [
    (lambda: Lab(epochs=HUGE), "epochs is an integer of 5,001 digits but must be at most 20000"),
    (lambda: Lab(epochs=-HUGE), "epochs is a negative integer of 5,001 digits but must be at least 0"),
    (lambda: Lab(title=HUGE), "title must be a text string, got an integer of 5,001 digits"),
    (lambda: Lab(views=["loss", HUGE]), "an integer of 5,001 digits"),
    (lambda: Lab(x=[[HUGE, 0]], y=[0]), "x[0][0] is an integer of 5,001 digits but must be at most"),
    (lambda: Lab(learning_rate=Fraction(HUGE)), "learning_rate is Fraction(an integer of 5,001 digits, 1)"),
    (lambda: Lab.from_spec({HUGE: 1}), "has the key an integer of 5,001 digits (int)"),
    (lambda: Lab(data={HUGE: 1}), "data has the key an integer of 5,001 digits (int)"),
])
def test_huge_integers_are_shown_by_their_number_of_digits(call, words):
    error, seconds = timed(call)
    assert words in short(error)
    assert seconds < QUICK


def test_initial_weights_names_a_huge_variant_by_its_digits():
    with pytest.raises(ValueError, match="got an integer of 5,001 digits"):
        Lab().initial_weights(HUGE)


@pytest.mark.parametrize("call", [lambda: Lab(network=BadRepr()), lambda: Lab.from_spec(BadRepr())])
def test_an_object_whose_repr_fails_is_named_by_its_type(call):
    with pytest.raises(SpecError) as info:
        call()
    assert "BadRepr" in one_line(info.value)


def test_show_is_short_and_quick_for_anything():
    from jupyterlab_nnlab._schema import show

    start = time.perf_counter()
    for value in [tuple(range(10**6)), [[0] * 10**6], "a" * 10**7, {i: i for i in range(10**5)}, BadRepr(),
                  [BadRepr()], 2**100000, -(10**4000)]:
        assert len(show(value)) <= 60
    assert time.perf_counter() - start < QUICK
    # Short values read exactly as Python writes them.
    assert show([1, "a", None, 2.5, (True,)]) == "[1, 'a', None, 2.5, (True,)]"
    assert show({"a": [1, 2]}) == "{'a': [1, 2]}"
    assert show(12345678901234567890) == "12345678901234567890"
    assert show(list(range(100))) == repr(list(range(100)))[:57] + "..."


def test_a_huge_non_text_key_gives_a_short_message():
    error, seconds = timed(lambda: Lab(data={tuple(range(10**6)): 1}))
    assert "data has the key (0, 1, 2" in one_line(error)
    assert seconds < QUICK


# ---------------------------------------------------------------------------------------
# Huge numbers: out of range, in every way they can come in
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: Lab(layers=[2, 10**400, 1]), "layers[1]"),
    (lambda: Lab(layers=[2, 2**1024, 1]), "layers[1]"),
    (lambda: Lab(layers=[2, -(2**1024), 1]), "layers[1]"),
    (lambda: Lab(layers=np.array([2, 10**400, 1], dtype=object)), "layers[1]"),
    (lambda: Lab(compare=[{"layers": [2, 10**400, 1]}]), "compare[0]['layers'][1]"),
    (lambda: Lab.from_spec({"network": {"layers": [2, 10**400, 1]}}), "spec['network']['layers'][1]"),
    (lambda: Lab(x=[[0, 0]] * 4, y=[0, 10**400, 1, 0]), "y[1]"),
])
def test_integers_beyond_the_float_range_are_out_of_range(call, name):
    with pytest.raises(SpecError) as info:
        call()
    text = one_line(info.value)
    assert text.startswith(name + " is ")
    assert "integer of" in text and ("must be at most" in text or "must be at least" in text)


# ---------------------------------------------------------------------------------------
# compare: shape and length checked before anything is built
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry, name", [
    ({"network": 5, "activation": "relu"}, "compare[0]['network']"),
    ({"network": "x", "activation": "relu"}, "compare[0]['network']"),
    ({"network": [1], "activation": "relu"}, "compare[0]['network']"),
    ({"training": 5, "epochs": 3}, "compare[0]['training']"),
])
def test_a_compare_section_that_is_not_a_dict_is_named(entry, name):
    with pytest.raises(SpecError) as info:
        Lab(compare=[entry])
    assert one_line(info.value).startswith(name + " must be a dict of")


@pytest.mark.parametrize("value", [5, object(), 2.5, None.__class__])
def test_compare_that_is_not_a_list_is_a_spec_error(value):
    with pytest.raises(SpecError) as info:
        Lab(compare=value)
    assert one_line(info.value).startswith("compare must be a list of variants")


@pytest.mark.parametrize("call, count", [
    (lambda: Lab(compare=["relu"] * 10**6), "1,000,000"),
    (lambda: Lab(compare=[{"label": "a"}] * 10**6), "1,000,000"),
    (lambda: Lab().compare(*["relu"] * 10**6), "1,000,000"),
    (lambda: Lab(compare=["relu"] * 5).compare(*["relu"] * 4), "9"),
])
def test_a_long_compare_list_is_refused_from_its_length(call, count):
    error, seconds = timed(call)
    assert "compare has {} entries but must have at most 8".format(count) in one_line(error)
    assert seconds < QUICK


# ---------------------------------------------------------------------------------------
# Unknown names: long ones are shortened and not matched against the known ones
# ---------------------------------------------------------------------------------------

LONG = "a" * 10**5


@pytest.mark.parametrize("call", [
    lambda: Lab(**{LONG: 1}),
    lambda: Lab(compare=[{LONG: 1}]),
    lambda: Lab().compare(**{LONG: 1}),
    lambda: Lab(network={LONG: 1}),
    lambda: Lab(training={LONG: 1}),
    lambda: Lab(data={LONG: 1}),
    lambda: Lab(data={"a" * 10**6: object()}),
    lambda: Lab.from_spec({"data": {LONG[:100]: 1}}),
])
def test_a_long_unknown_name_gives_a_short_message_at_once(call):
    start = time.perf_counter()
    with pytest.raises((SpecError, TypeError)) as info:
        call()
    assert time.perf_counter() - start < QUICK
    text = one_line(info.value)
    assert "aaaa…" in text


def test_many_unknown_fields_in_every_section_are_reported_quickly():
    fields = {("k%03d" % i) + "x" * 96: 0 for i in range(100)}
    spec = {"data": dict(fields), "network": dict(fields), "training": dict(fields),
            "compare": [{"network": dict(fields), "training": dict(fields)} for _ in range(8)]}
    error, seconds = timed(lambda: Lab.from_spec(spec))
    assert "1,900 problems" in short(error)
    assert seconds < QUICK


def test_a_typo_still_gets_a_suggestion():
    with pytest.raises(SpecError, match="did you mean 'learningRate'"):
        Lab.from_spec({"training": {"learningrate": 0.1}})
    with pytest.raises(TypeError, match="did you mean 'epochs'"):
        Lab(epoch=3)


def test_unique_items_is_checked_in_linear_time():
    from jupyterlab_nnlab._validate import Validator

    # 300 equal-looking lists that differ only at the end: a pairwise check compares 45,000
    # pairs of 1,000 numbers.
    lists = [[0] * 999 + [i] for i in range(300)]
    start = time.perf_counter()
    assert Validator({"uniqueItems": True}).is_valid(lists)
    assert not Validator({"uniqueItems": True}).is_valid(lists + [[0] * 999 + [5.0]])
    assert not Validator({"uniqueItems": True}).is_valid([{"a": [1, True]}, {"a": [1.0, True]}])
    assert Validator({"uniqueItems": True}).is_valid([{"a": [1, True]}, {"a": [True, 1]}, [1], [True]])
    assert time.perf_counter() - start < QUICK


def test_live_commands_give_short_messages():
    lab = Lab()
    start = time.perf_counter()
    with pytest.raises(ValueError) as info:
        lab.set_activation("a" * 10**5)
    assert time.perf_counter() - start < QUICK
    one_line(info.value)
    with pytest.raises(ValueError) as info:
        lab.initial_weights([0] * 10**6)
    one_line(info.value)
    with pytest.raises(ValueError) as info:
        lab.set_activation(np.array(["relu", "tanh"]))
    one_line(info.value)


# ---------------------------------------------------------------------------------------
# Accepted before, but not a spec: lone surrogates, NumPy dates, masked and structured data
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, name", [
    (lambda: Lab(title="\ud800"), "title"),
    (lambda: Lab(compare=[{"label": "a\udcff"}]), "compare[0]['label']"),
    (lambda: Lab.from_spec({"title": "x\ud83d"}), "spec['title']"),
])
def test_text_that_is_not_valid_unicode_is_refused(call, name):
    with pytest.raises(SpecError) as info:
        call()
    text = one_line(info.value)
    assert text.startswith(name + " is not valid text")
    text.encode("utf-8")  # the message itself can be shown


@pytest.mark.parametrize("call, name", [
    (lambda: Lab(epochs=np.timedelta64(30, "ns")), "epochs"),
    (lambda: Lab(epochs=np.datetime64("2020-01-01")), "epochs"),
    (lambda: Lab(x=np.zeros((4, 2), "datetime64[ns]"), y=[0, 1, 1, 0]), "x"),
    (lambda: Lab(x=np.zeros((4, 2), "timedelta64[ns]"), y=[0, 1, 1, 0]), "x"),
    (lambda: Lab(x=[[0, 0]] * 4, y=[np.datetime64("2020-01-01", "ns")] * 4), "y[0]"),
])
def test_numpy_dates_and_durations_are_refused(call, name):
    with pytest.raises(SpecError) as info:
        call()
    text = short(info.value)
    assert name + " is a NumPy date or duration" in text or name + " holds NumPy dates or durations" in text


def test_a_masked_value_is_refused():
    with pytest.raises(SpecError) as info:
        Lab(epochs=np.ma.masked)
    assert "epochs is a masked (missing) value" in one_line(info.value)
    with pytest.raises(SpecError) as info:
        Lab(epochs=np.ma.array(5, mask=True))
    assert "epochs is a masked (missing) value" in one_line(info.value)
    assert Lab(epochs=np.ma.array(5)).spec["training"]["epochs"] == 5


@pytest.mark.parametrize("x", [
    np.zeros(4, dtype=[("a", "f8"), ("b", "f8")]),
    np.rec.array([(0.0, 0.0)] * 4),
])
def test_structured_arrays_are_refused(x):
    with pytest.raises(SpecError) as info:
        Lab(x=x, y=[0, 1, 1, 0])
    assert one_line(info.value).startswith("x is a structured array")


# ---------------------------------------------------------------------------------------
# Cells: numbers too long to read, YAML merge keys, impossible dates
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("loader, text", [
    (load_json, '{"grid": 1' + "0" * 5000 + "}"),
    (load_json, '{"grid": -1' + "0" * 5000 + "}"),
    (load_yaml, "grid: 1" + "0" * 5000),
    (load_yaml, "grid: 0x" + "f" * 5000),
    (load_yaml, "grid: 0b" + "1" * 20000),
    (load_yaml, "grid: 1" + ":59" * 3000),
])
def test_a_number_too_long_to_read_is_one_line(loader, text):
    start = time.perf_counter()
    with pytest.raises(CellError) as info:
        loader(text)
    assert time.perf_counter() - start < QUICK
    assert "characters long" in one_line(info.value)


@pytest.mark.parametrize("text", [
    '{"network": {"layers": [2, 1' + "0" * 400 + ", 1]}}",
    "network: {layers: [2, 1" + "0" * 400 + ", 1]}",
])
def test_a_long_number_in_a_cell_is_out_of_range(text):
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError

    from jupyterlab_nnlab.magic import nnlab_from_cell

    with pytest.raises(UsageError) as info:
        nnlab_from_cell(text)
    assert "spec['network']['layers'][1] is an integer of 401 digits but must be at most 64" in one_line(info.value)


def test_yaml_merge_keys_are_refused_in_one_line():
    with pytest.raises(CellError) as info:
        load_yaml("training:\n  <<: {epochs: 1}\n  epochs: 2")
    assert "merge keys (<<) are not allowed" in one_line(info.value)
    assert "line 2" in str(info.value)


def test_an_impossible_yaml_date_is_one_line():
    with pytest.raises(CellError) as info:
        load_yaml("title: 2001-13-14")
    assert "2001-13-14" in one_line(info.value)


@pytest.mark.parametrize("text", ['{"title": "\\ud800"}', 'title: "\\ud800"'])
def test_a_lone_surrogate_in_a_cell_is_refused(text):
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError

    from jupyterlab_nnlab.magic import nnlab_from_cell

    with pytest.raises(UsageError) as info:
        nnlab_from_cell(text)
    # libyaml refuses the escape itself; Python's JSON and YAML readers accept it, and the
    # spec's check refuses the text.
    assert re.search(r"spec\['title'\] is not valid text|not valid YAML: found invalid Unicode",
                     one_line(info.value))


def test_a_long_duplicate_key_or_variable_name_gives_a_short_message():
    key = "k" * 10**6
    with pytest.raises(CellError) as info:
        load_json('{"%s": 1, "%s": 2}' % (key, key))
    assert "appears twice" in one_line(info.value)
    with pytest.raises(CellError) as info:
        load_yaml("? %s\n: 1\n? %s\n: 2" % (key[:50000], key[:50000]))  # explicit keys: no 1024 limit
    assert "appears twice" in one_line(info.value)
    pytest.importorskip("IPython")
    from IPython.core.error import UsageError
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyterlab_nnlab")
    # The magic's own function: IPython's expansion of $variables in the line is itself slow
    # on a line this long.
    nnlab = shell.magics_manager.magics["cell"]["nnlab"]
    with pytest.raises(UsageError) as info:
        nnlab("-" * 10**5, "data: xor")
    assert "optional variable name" in one_line(info.value)


@pytest.mark.parametrize("make", [
    lambda: Lab(title=[[0] * 2000] * 499),
    lambda: Lab(views=[[[0] * 2000 for _ in range(50)] for _ in range(9)]),
    lambda: Lab(features=[[[0] * 2000 for _ in range(70)] for _ in range(7)]),
], ids=["title", "views", "features"])
def test_a_huge_value_of_the_wrong_kind_is_refused_from_its_start(make):
    # Each holds close to the million-value cap; walking all of it for the schema check took
    # 2.5-3.6 s. It is refused from its first entries, and its message shows them.
    start = time.perf_counter()
    with pytest.raises(SpecError) as info:
        make()
    seconds = time.perf_counter() - start
    text = str(info.value)
    assert "[[0, 0, 0" in text and "..." in text
    assert len(text) < 3000
    assert seconds < QUICK


def test_the_schema_check_reads_only_the_start_of_a_value_of_the_wrong_kind():
    from jupyterlab_nnlab._schema import load_schema
    from jupyterlab_nnlab.lab import _skeleton

    spec = {"title": [[0] * 2000] * 499, "views": [["loss"] * 100, "loss"], "data": {"features": [{"a": 1}]}}
    seen = _skeleton(spec, load_schema())
    # A title takes text, a view and a feature a name: their lists are cut to their start.
    assert len(seen["title"]) == 30 and all(len(row) == 30 for row in seen["title"])
    assert seen["views"] == [["loss"] * 30, "loss"]
    assert seen["data"]["features"] == [{"a": 1}]
    # Where a list belongs it is kept whole (the schema check reads every entry).
    layers = {"network": {"layers": [2] + [4] * 7 + [1]}}
    # (A list of numbers is kept to its schema's minItems: its entries were checked one by one.)
    assert _skeleton(layers, load_schema()) == {"network": {"layers": [2, 4]}}
    compare = {"compare": [{"label": str(i)} for i in range(8)]}
    assert _skeleton(compare, load_schema()) == compare


@pytest.mark.parametrize("bad", [1e308, float("nan"), "a"], ids=["huge", "nan", "text"])
def test_a_spec_full_of_bad_numbers_words_only_the_first_of_them(bad):
    # Within every size cap: nine networks of 8 x 64 x 64 weights, all out of range. Naming
    # and showing each of the 294,912 problems took six seconds; the message lists twelve.
    weights = [[[bad] * 64] * 64] * 8
    start = time.perf_counter()
    with pytest.raises(SpecError) as info:
        Lab.from_spec({"network": {"weights": weights}, "compare": [{"network": {"weights": weights}}] * 8})
    seconds = time.perf_counter() - start
    error = info.value
    assert error.total == 9 * 8 * 64 * 64
    assert len(error.errors) <= 1000
    text = str(error)
    assert text.startswith("the experiment spec has 294,912 problems:")
    assert text.endswith("- and 294,900 more problems")
    assert "spec['network']['weights'][0][0][0]" in text
    assert seconds < QUICK


def test_text_is_measured_as_the_page_measures_it():
    # The page counts UTF-16 code units (JavaScript's length): an emoji is two. A title the
    # Python side accepted used to be refused by the page.
    face = "\U0001F600"
    assert Lab(title=face * 100).spec["title"] == face * 100
    with pytest.raises(SpecError, match=r"title is too long: 202 characters, at most 200"):
        Lab(title=face * 101)
    with pytest.raises(SpecError, match=r"label'\] is too long: 82 characters, at most 80"):
        Lab(compare=[{"label": face * 41}])
    # Accented letters are one unit in both.
    assert Lab(title="é" * 200).spec["title"] == "é" * 200
