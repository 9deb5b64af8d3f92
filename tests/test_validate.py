"""The package's own schema validator (jupyterlab_nnlab/_validate.py) agrees with jsonschema's
Draft7Validator: the same errors, in the same order, with the same paths, values and
sub-errors, on valid specs and on thousands of randomly broken ones; and so the same
plain-words messages. jsonschema is a test dependency only."""
import copy
import json
import random
import subprocess
import sys

import pytest

jsonschema = pytest.importorskip("jsonschema")

from jupyterlab_nnlab import Lab, load_schema  # noqa: E402
from jupyterlab_nnlab import _schema  # noqa: E402
from jupyterlab_nnlab._validate import ANNOTATIONS, Validator, equal  # noqa: E402

SCHEMA = load_schema()
OURS = Validator(SCHEMA)
THEIRS = jsonschema.Draft7Validator(SCHEMA)


def summary(error):
    """What an error says, comparable between the two validators."""
    return (
        error.validator,
        tuple(error.relative_path),
        tuple(error.absolute_path),
        json.dumps(error.validator_value, sort_keys=True, default=repr),
        json.dumps(error.instance, sort_keys=True, default=repr),
        [summary(e) for e in error.context or []],
    )


def both(instance):
    ours = [summary(e) for e in OURS.iter_errors(instance)]
    theirs = [summary(e) for e in THEIRS.iter_errors(instance)]
    return ours, theirs


def base_specs():
    """Valid specs of many shapes, as Lab builds them."""
    specs = [
        Lab(data="xor").spec,
        Lab(data="spiral", layers=[2, 8, 8, 1], activation="tanh", epochs=200).spec,
        Lab(data="xor", compare=["identity", "sigmoid"]).spec,
        Lab(data="xor", layers=[2, 2, 1], weights=[[[1, 1], [1, 1]], [[1], [-2]]], biases=[[0, -1], [0]]).spec,
        Lab(x=[[0, 0], [0, 1], [1, 0], [1, 1]], y=[0, 1, 1, 0], views=["boundary", "loss"]).spec,
        Lab(data="xor", features=["x1", "x2", "x1*x2"], layers=[3, 1]).spec,
    ]
    for name in _schema.dataset_table():
        if name == "custom":
            continue
        specs.append(Lab(data=name).spec)
    return specs


def nodes(value, path=()):
    """Every (path, value) inside a spec."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, path + (index,))


def enum_words():
    words = []
    for _, node in nodes(SCHEMA):
        if isinstance(node, dict) and "enum" in node:
            words.extend(v for v in node["enum"] if isinstance(v, str))
    return sorted(set(words))


WORDS = enum_words()
FIELDS = sorted({k for _, n in nodes(SCHEMA) if isinstance(n, dict) for k in n.get("properties", {})})


def odd_value(rng):
    """A value of any JSON type, often at or near a boundary the schema cares about."""
    pick = rng.randrange(16)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, 1, -1, 2, 3, 64, 65, 100, 101, 2000, 2001, 20000, 20001, 10**9])
    if pick == 3:
        return rng.choice([0.0, 1.0, 2.0, 0.5, -0.5, 1e-9, 1e9, 0.999, 1.5, float("inf"), -float("inf")])
    if pick == 4:
        return rng.choice(WORDS)
    if pick == 5:
        word = rng.choice(WORDS)
        return word[::-1] if rng.random() < 0.5 else word.upper()
    if pick == 6:
        return "x" * rng.choice([0, 1, 80, 200, 1000])
    if pick == 7:
        return []
    if pick == 8:
        return [odd_value(rng) for _ in range(rng.randrange(1, 5))]
    if pick == 9:
        return [rng.choice(WORDS)] * 2
    if pick == 10:
        return [[rng.random(), rng.random()] for _ in range(rng.randrange(1, 4))]
    if pick == 11:
        return {rng.choice(FIELDS): odd_value(rng)}
    if pick == 12:
        return {"nonsense": 1}
    if pick == 13:
        return [2, rng.randrange(0, 80), 1]
    if pick == 14:
        return [True, 1]
    return {}


def mutate(spec, rng):
    """The spec with one to three random changes: a value replaced, a field removed or added."""
    spec = copy.deepcopy(spec)
    for _ in range(rng.randrange(1, 4)):
        places = [(p, v) for p, v in nodes(spec) if p]
        if not places:
            break
        path, _ = rng.choice(places)
        parent = spec
        for part in path[:-1]:
            parent = parent[part]
        action = rng.random()
        if action < 0.7:
            parent[path[-1]] = odd_value(rng)
        elif action < 0.85 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(FIELDS + ["bogus", "learning_rate"])] = odd_value(rng)
        else:
            parent.append(odd_value(rng))
    return spec


def test_every_keyword_of_the_schema_is_one_the_validator_checks():
    checked = set(OURS._keywords) | ANNOTATIONS

    def walk(node):
        if isinstance(node, dict):
            for key, child in node.items():
                assert key in checked or key.startswith("x-"), key
                if key in ("properties", "definitions"):
                    for sub in child.values():
                        walk(sub)
                elif key not in ("enum", "default", "examples", "const") and not key.startswith("x-"):
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(SCHEMA)


def test_an_unknown_keyword_is_refused_not_skipped():
    with pytest.raises(NotImplementedError, match="pattern"):
        list(Validator({"type": "string", "pattern": "^a"}).iter_errors("b"))


@pytest.mark.parametrize("spec", base_specs())
def test_valid_specs_are_valid_for_both(spec):
    assert both(spec) == ([], [])


def test_thousands_of_broken_specs_give_the_same_errors_in_the_same_order():
    rng = random.Random(20261130)
    bases = base_specs()
    failing = 0
    for _ in range(3000):
        spec = mutate(rng.choice(bases), rng)
        ours, theirs = both(spec)
        assert ours == theirs, json.dumps(spec, default=repr)[:2000]
        failing += bool(theirs)
    # The generator does break specs, in many ways (otherwise the test proves little).
    assert failing > 2000


def test_the_plain_words_messages_are_the_same_from_either_validator(monkeypatch):
    rng = random.Random(7)
    bases = base_specs()
    specs = [mutate(rng.choice(bases), rng) for _ in range(600)]
    ours = [_schema.schema_problems(s) for s in specs]
    monkeypatch.setattr(_schema, "_validator", lambda: THEIRS)
    theirs = [_schema.schema_problems(s) for s in specs]
    assert ours == theirs
    assert sum(bool(p) for p in ours) > 400


@pytest.mark.parametrize(
    "value, schema",
    [
        (1, {"type": "integer"}),
        (1.0, {"type": "integer"}),
        (1.5, {"type": "integer"}),
        (True, {"type": "integer"}),
        (True, {"type": "number"}),
        (None, {"type": ["number", "null"]}),
        (True, {"enum": [1, 0]}),
        (1, {"enum": [True]}),
        (1.0, {"enum": [1]}),
        ([1, True], {"uniqueItems": True}),
        ([1, 1.0], {"uniqueItems": True}),
        ([[1], [1]], {"uniqueItems": True}),
        ({"a": 1}, {"enum": [{"a": True}]}),
        (float("nan"), {"minimum": 0}),
        (float("inf"), {"maximum": 10}),
        ("ab", {"maxLength": 1}),
        ((1, 2), {"type": "array"}),
        ([1, "a"], {"items": [{"type": "integer"}, {"type": "integer"}]}),
        ({"a": 1, "b": 2}, {"properties": {"a": {}}, "additionalProperties": {"type": "string"}}),
        ({"a": 1, "b": 2, "c": 3}, {"properties": {"a": {}}, "additionalProperties": False}),
        ("s", {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}}]}),
        ([1, "s"], {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}}]}),
    ],
)
def test_edge_cases_of_json_types_agree(value, schema):
    ours = [summary(e) for e in Validator(schema).iter_errors(value)]
    theirs = [summary(e) for e in jsonschema.Draft7Validator(schema).iter_errors(value)]
    assert ours == theirs


def test_equality_tells_booleans_from_numbers():
    assert equal(1, 1.0) and not equal(True, 1) and not equal([False], [0])
    assert equal({"a": [1, 2]}, {"a": [1.0, 2]})


def test_importing_the_package_and_building_a_spec_does_not_import_jsonschema():
    code = (
        "import sys, jupyterlab_nnlab\n"
        "jupyterlab_nnlab.Lab(data='xor')\n"
        "try:\n"
        "    jupyterlab_nnlab.Lab(data='xor', epochs=-1)\n"
        "except jupyterlab_nnlab.SpecError:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'numpy')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(_schema.Path(__file__).resolve().parent.parent))
    assert out.stdout.strip() == "[]"
