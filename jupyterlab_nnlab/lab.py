"""``Lab``: an NN Lab experiment built from Python keywords and shown live in JupyterLab.

The notebook output is the experiment spec (JSON) under NN Lab's MIME type; the JupyterLab
extension validates it again, fills in the defaults and trains the networks in the browser.
This module only builds the spec from friendly keywords and checks it against the same JSON
Schema, so that a typo fails in the cell that made it, with the keyword's name in the message.
"""

import copy
import json
import math
import numbers
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ._display import LiveResults
from ._safety import _resolve, plain_spec, user_facing
from ._schema import (
    _CAP_NOTE,
    PathParts,
    dataset_table,
    keyword_table,
    SpecError,
    dotted,
    load_schema,
    schema_problems,
    section_field,
    section_fields,
    short,
    show,
    suggest,
)

MIME_TYPE = "application/vnd.nnlab.experiment.v1+json"

#: Keywords that take a whole section or list in the spec's own form (``data`` also takes a
#: data set name).
_SECTION_KEYWORDS = ("data", "network", "training", "compare")

#: Flat keywords of ``Lab(...)``: (snake_case name, spec path), from the schema's ``x-python``
#: annotations. The spec's own camelCase name is accepted as well wherever it differs
#: (``learningRate`` = ``learning_rate``).
_KEYWORDS: Sequence[Tuple[str, PathParts]] = tuple(
    (name, path) for name, path in keyword_table() if name not in _SECTION_KEYWORDS
)

#: Every accepted flat keyword (both spellings) -> its spec path.
KEYWORD_PATHS: Dict[str, PathParts] = {}
for _name, _path in _KEYWORDS:
    KEYWORD_PATHS[_name] = _path
    KEYWORD_PATHS[_path[-1]] = _path

_ORDER = ("title", "description", "data", "network", "training", "views", "compare", "grid", "autoplay")

_GATES = ("xor", "and", "or", "nand")


# ---------------------------------------------------------------------------------------
# Plain JSON values
# ---------------------------------------------------------------------------------------


def _schema_at(path: PathParts) -> Any:
    """The schema node of a spec path, e.g. ("compare", 0, "network", "layers")."""
    node: Any = load_schema()
    definitions = node["definitions"]
    for part in path:
        while node is not None and "$ref" in node:
            node = definitions.get(node["$ref"].rsplit("/", 1)[-1])
        if node is None:
            return None
        node = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
    return node


def _plain(value: Any, where: str, path: PathParts = ()) -> Any:
    """``value`` (at spec ``path``) as plain JSON data: NumPy arrays and scalars become lists
    and numbers, tuples become lists, any numeric type an int or a float. Its size and depth
    are checked first; NaN, infinity, complex numbers and other objects are errors."""
    plain, _ = plain_spec(value, where, _schema_at(path) if path else None, path)
    return plain


#: Entries of a value of the wrong kind kept for its message (which shows about 60 characters).
_SHOWN_ENTRIES = 30


def _start(value: Any, levels: int) -> Any:
    """The first entries of a list or dict, ``levels`` deep (at most 30 ** levels values)."""
    if isinstance(value, list):
        return [_start(v, levels - 1) for v in value[:_SHOWN_ENTRIES]] if levels > 0 else []
    if isinstance(value, dict):
        shown = list(value.items())[:_SHOWN_ENTRIES]
        return {k: _start(v, levels - 1) for k, v in shown} if levels > 0 else {}
    return value


def _not_of_kind(node: Dict[str, Any], kind: str) -> bool:
    """Whether a schema node (its $ref resolved) says what a value must be, and that is not a
    value of this JSON kind (array or object)."""
    alternatives = node["anyOf"] if "anyOf" in node else [node]
    for alternative in map(_resolve, alternatives):
        if isinstance(alternative, dict) and "type" not in alternative and "enum" in alternative:
            # A list of allowed names or numbers: a list or dict is none of them.
            if all(not isinstance(v, (list, dict)) for v in alternative["enum"]):
                continue
            return False
        if not isinstance(alternative, dict) or "type" not in alternative:
            return False  # something the check cannot judge: walk it as before
        types = alternative["type"] if isinstance(alternative["type"], list) else [alternative["type"]]
        if kind in types:
            return False
    return True


def _skeleton(value: Any, node: Any) -> Any:
    """The spec with each list of numbers cut to its first entry: those lists were checked
    entry by entry when the spec was built, and the schema validator is slow on long ones.
    The spec's depth is already bounded, so recursion is safe here."""
    definitions = load_schema()["definitions"]
    while isinstance(node, dict) and "$ref" in node:
        node = definitions.get(node["$ref"].rsplit("/", 1)[-1])
    kind = "array" if isinstance(value, list) else "object" if isinstance(value, dict) else None
    if kind is not None and isinstance(node, dict) and _not_of_kind(node, kind):
        # A list or dict where the field takes none: refused whole, its start is enough for the
        # message (a million values where a title belongs took seconds to walk).
        return _start(value, 3)
    if isinstance(node, dict) and "anyOf" in node:
        node = next((a for a in node["anyOf"] if a.get("type") == kind), None)
    if isinstance(value, list):
        items = (node or {}).get("items")
        while isinstance(items, dict) and "$ref" in items:
            items = definitions.get(items["$ref"].rsplit("/", 1)[-1])
        numeric = isinstance(items, dict) and items.get("type") in ("number", "integer") and "anyOf" not in items
        if numeric:
            # Lists of numbers (points, weight rows, layers): keep as many as minItems asks.
            return value[: max(1, (node or {}).get("minItems", 1))]
        return [_skeleton(v, items) for v in value]
    if isinstance(value, dict):
        properties = (node or {}).get("properties", {})
        return {k: _skeleton(v, properties.get(k)) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------------------
# Where each part of the spec came from, to name it in messages
# ---------------------------------------------------------------------------------------


class _Origins:
    """Maps spec paths to what the user typed, e.g. ("training", "learningRate") ->
    "learning_rate", so that messages name the user's own keyword."""

    def __init__(self, spec_paths: bool = False):
        self.spec_paths = spec_paths
        self.roots: Dict[PathParts, str] = {}

    def add(self, path: PathParts, name: str) -> None:
        self.roots[path] = name

    def name(self, path: PathParts) -> str:
        if self.spec_paths:
            return dotted(path) or "the spec"
        for length in range(len(path), 0, -1):
            root = self.roots.get(tuple(path[:length]))
            if root is not None:
                return root + "".join(
                    "[{}]".format(p) if isinstance(p, int) else "[{!r}]".format(short(p)) for p in path[length:]
                )
        return dotted(path) or "the spec"


# ---------------------------------------------------------------------------------------
# Checks of meaning that are cheap to do in Python (the renderer does them all)
# ---------------------------------------------------------------------------------------


def _input_width(data: Dict[str, Any]) -> Optional[int]:
    """The width of the first layer: one unit per feature when data.features is given,
    else one per input of the data set."""
    features = data.get("features")
    if isinstance(features, list) and features:
        return len(features)
    name = data.get("name", "xor")
    if name == "sine":
        return 1
    if name == "custom":
        x = data.get("x")
        return len(x[0]) if x else None
    return 2


def _plural(count: int, word: str) -> str:
    return "{} {}{}".format(count, word, "" if count == 1 else "s")


def _meaning_problems(spec: Dict[str, Any]) -> List[Tuple[PathParts, str]]:
    """Shape mistakes the schema cannot see: custom data, the input layer, activation lists."""
    problems: List[Tuple[PathParts, str]] = []
    data = spec.get("data", {})
    name = data.get("name", "xor")
    if name != "custom":
        for key in ("x", "y"):
            if key in data:
                text = "is only used with custom data, but the data set is {!r}".format(name)
                problems.append((("data", key), text))
    else:
        # Targets may be left out when nothing trains (epochs 0 for every network).
        training = spec.get("training", {})
        untrained = training.get("epochs") == 0 and all(
            v.get("training", {}).get("epochs", 0) == 0 for v in spec.get("compare", []) if isinstance(v, dict)
        )
        for key in ("x", "y"):
            if key not in data and not (key == "y" and untrained and "x" in data):
                text = "is missing: custom data needs both x (inputs) and y (targets)"
                if key == "y":
                    text += " (or epochs=0, which trains nothing)"
                problems.append((("data", key), text))
        x, y = data.get("x"), data.get("y")
        if x and y and len(x) != len(y):
            text = "has {} but x has {}: give one target per row".format(
                _plural(len(y), "target"), _plural(len(x), "row"))
            problems.append((("data", "y"), text))
        if x:
            width = len(x[0])
            for i, row in enumerate(x):
                if len(row) != width:
                    text = "has {} but row 0 has {}".format(_plural(len(row), "value"), width)
                    problems.append((("data", "x", i), text))
                    break

    width = _input_width(data)
    base = spec.get("network", {})
    networks: List[Tuple[PathParts, Dict[str, Any]]] = [(("network",), base)]
    for i, variant in enumerate(spec.get("compare", [])):
        networks.append((("compare", i, "network"), variant.get("network", {})))
    for prefix, network in networks:
        layers = network.get("layers")
        if layers and width is not None and layers[0] != width:
            text = "is {} but the data set {!r} has {}: the first layer must have {}".format(
                layers[0], name, _plural(width, "input"), _plural(width, "unit"))
            problems.append((prefix + ("layers", 0), text))
        activation = network.get("activation", base.get("activation"))
        layers = layers or base.get("layers")
        if isinstance(activation, list) and layers and len(activation) != len(layers) - 2:
            text = "lists {} but layers {} has {}: give one per hidden layer, or one name for all".format(
                _plural(len(activation), "activation"), layers, _plural(len(layers) - 2, "hidden layer"))
            problems.append((prefix + ("activation",), text))
    if problems:
        return problems
    if name == "custom":
        problems.extend(_class_count_problems(data))
    if not problems:
        problems.extend(_parameter_shape_problems(spec))
    return problems


#: The widest layer (the schema's maximum for a layer's units): also the most classes.
def _max_units() -> int:
    return int(load_schema()["definitions"]["network"]["properties"]["layers"]["items"]["maximum"])


def _class_count_problems(data: Dict[str, Any]) -> List[Tuple[PathParts, str]]:
    """Whole-number targets are class indices, one output unit each: the largest must fit."""
    shape = _data_shape(data)
    cap = _max_units()
    if shape["task"] != "classification" or shape["classes"] <= cap:
        return []
    text = ("is read as class indices (every target is a whole number >= 0), and the largest is {}: that "
            "needs {} output units but at most {} classes are allowed (0 to {}); for regression, give "
            "targets that are not all whole numbers").format(shape["classes"] - 1, shape["classes"], cap, cap - 1)
    return [(("data", "y"), text)]


def _parameter_shape_problems(spec: Dict[str, Any]) -> List[Tuple[PathParts, str]]:
    """Explicit weights and biases must fit the layers (filled in as the renderer does)."""
    problems: List[Tuple[PathParts, str]] = []
    base = _filled_network(spec)
    networks: List[Tuple[PathParts, Dict[str, Any]]] = [(("network",), base)]
    for i, variant in enumerate(spec.get("compare", [])):
        networks.append((("compare", i, "network"), _merged_network(base, variant.get("network", {}))))
    for prefix, network in networks:
        layers = network["layers"]
        for key, noun in (("weights", "matrices"), ("biases", "vectors")):
            given = network.get(key)
            if given is None:
                continue
            if len(given) != len(layers) - 1:
                text = "has {} {} but layers {} has {} weight layers: give one per weight layer".format(
                    len(given), noun, layers, len(layers) - 1)
                problems.append((prefix + (key,), text))
                continue
            for l, part in enumerate(given):
                if key == "weights":
                    rows, cols = layers[l], layers[l + 1]
                    bad_row = next((r for r, row in enumerate(part) if len(row) != cols), None)
                    if len(part) != rows or bad_row is not None:
                        got = ("row {} has {} entries".format(bad_row, len(part[bad_row])) if bad_row is not None
                               else "it has {} rows".format(len(part)))
                        text = "must be a {} x {} matrix (layers[{}] x layers[{}]), but {}".format(
                            rows, cols, l, l + 1, got)
                        problems.append((prefix + (key, l), text))
                elif len(part) != layers[l + 1]:
                    text = "has {} entries but layers[{}] is {}".format(len(part), l + 1, layers[l + 1])
                    problems.append((prefix + (key, l), text))
    return problems


def _validate(spec: Dict[str, Any], origins: _Origins) -> None:
    problems = schema_problems(_skeleton(spec, load_schema()))
    if not problems:
        problems = _meaning_problems(spec)
    if problems:
        named = [(origins.name(path), text) for path, text in problems]
        raise SpecError([(name, "{} {}".format(name, text)) for name, text in named])


# ---------------------------------------------------------------------------------------
# Building a spec from keywords
# ---------------------------------------------------------------------------------------


def _text_keys(given: Dict[Any, Any], where: str) -> None:
    """The keys of a section dict are field names."""
    bad = [k for k in given if not isinstance(k, str)]
    if bad:
        text = "{} has the key {} ({}); its keys must be field names (text), e.g. {{'name': 'xor'}}".format(
            where, show(bad[0]), type(bad[0]).__name__)
        raise SpecError([(where, text)])


def _unknown_keyword(keyword: str, accepted: Sequence[str], where: str = "Lab()") -> TypeError:
    near = suggest(keyword, accepted)
    hint = "; did you mean {!r}?".format(near) if near else ""
    return TypeError("{} got an unexpected keyword argument {!r}{}".format(where, short(keyword), hint))


def _variants(entries: Any, start: int = 0) -> List[Dict[str, Any]]:
    """The ``compare`` entries in spec form, numbered from ``start`` (the entries a Lab has
    already). Their count is checked first: building a million entries to refuse all but
    eight of them took most of a minute."""
    if isinstance(entries, (str, dict)):
        entries = [entries]
    if not isinstance(entries, (list, tuple)):
        text = "compare must be a list of variants (activation names or dicts), got {}".format(show(entries))
        raise SpecError([("compare", text)])
    limit = load_schema()["properties"]["compare"]["maxItems"]
    if start + len(entries) > limit:
        text = "compare has {:,} entries but must have at most {}{}".format(start + len(entries), limit, _CAP_NOTE)
        raise SpecError([("compare", text)])
    return [_variant(entry, start + i) for i, entry in enumerate(entries)]


def _variant(entry: Any, index: int) -> Dict[str, Any]:
    """One ``compare`` entry in spec form, from an activation name, a spec-form dict
    ({"label": ..., "network": {...}, "training": {...}}) or flat keywords
    ({"activation": "identity", "learning_rate": 0.1})."""
    where = "compare[{}]".format(index)
    if isinstance(entry, str):
        return {"network": {"activation": entry}}
    if not isinstance(entry, dict):
        text = "{} must be an activation name or a dict, got {}".format(where, show(entry))
        raise SpecError([(where, text)])
    _text_keys(entry, where)
    variant: Dict[str, Any] = {}
    for key, value in entry.items():
        name = "{}[{!r}]".format(where, short(key))
        if key in ("label", "network", "training"):
            if key in variant and isinstance(value, dict):
                variant[key].update(_plain(value, name, ("compare", index, key)))
            else:
                variant[key] = _plain(value, name, ("compare", index, key))
            continue
        path = KEYWORD_PATHS.get(key)
        if path is None or path[0] not in ("network", "training"):
            allowed = ["label", "network", "training"] + [
                k for k, p in KEYWORD_PATHS.items() if p[0] in ("network", "training")
            ]
            near = suggest(key, allowed)
            if near:
                hint = "did you mean {!r}?".format(near)
            else:
                hint = "a variant can change the network and training (the data is shared by all variants)"
            raise SpecError([(name, "{} is not something a variant can set; {}".format(name, hint))])
        section = variant.setdefault(path[0], {})
        if not isinstance(section, dict):
            # {"network": 5, "activation": "relu"}: the flat keyword has no section to go in.
            section_name = "{}[{!r}]".format(where, path[0])
            text = "{} must be a dict of {} fields, got {}".format(section_name, path[0], show(section))
            raise SpecError([(section_name, text)])
        if path[1] in section:
            raise TypeError("{} sets {} twice".format(where, path[1]))
        section[path[1]] = _plain(value, name, ("compare", index) + path)
    return variant


# ---------------------------------------------------------------------------------------
# The defaults that decide the initial weights (as the renderer fills them in)
# ---------------------------------------------------------------------------------------

#: Hidden activations for which He initialisation is the default (half of their units are off).
_RELU_FAMILY = ("relu", "leaky_relu", "elu")


def _schema_default(section: str, key: str) -> Any:
    """The schema's "default" of a field of the 'data', 'network' or 'training' section."""
    return copy.deepcopy(section_field(section, key).get("default"))


def _is_class_index(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and value >= 0


def _is_one_hot(row: Sequence[Any]) -> bool:
    return all(v in (0, 1) for v in row) and sum(1 for v in row if v == 1) == 1


def _data_shape(data: Dict[str, Any]) -> Dict[str, Any]:
    """Task, input width, classes and target width of a data set, read as the renderer reads
    them: whole numbers >= 0 as custom targets are class indices, one-hot rows are classes,
    anything else is regression with one output per target column."""
    name = data.get("name", _schema_default("data", "name"))
    facts = dataset_table()[name]
    if facts["task"] == "regression":
        return {"task": "regression", "inputs": facts["inputs"], "classes": 1, "targets": 1}
    if facts["classes"] == "data.classes":
        k = max(2, data.get("classes", _schema_default("data", "classes")))
        return {"task": "classification", "inputs": facts["inputs"], "classes": k, "targets": 1 if k == 2 else k}
    if name != "custom":
        k = facts["classes"]
        return {"task": "classification", "inputs": facts["inputs"], "classes": k, "targets": 1 if k == 2 else k}
    x = data.get("x") or []
    rows = [[v] if not isinstance(v, list) else v for v in data.get("y") or []]
    inputs = len(x[0]) if x else 0
    width = len(rows[0]) if rows else 1
    if width == 1 and rows and all(_is_class_index(r[0]) for r in rows):
        k = max(2, int(max(r[0] for r in rows)) + 1)
        return {"task": "classification", "inputs": inputs, "classes": k, "targets": 1 if k == 2 else k}
    if width >= 2 and all(_is_one_hot(r) for r in rows):
        return {"task": "classification", "inputs": inputs, "classes": width, "targets": width}
    return {"task": "regression", "inputs": inputs, "classes": 1, "targets": width}


def _default_output(shape: Dict[str, Any], loss: Optional[str]) -> str:
    """The output activation the loss needs, or the natural one for the task."""
    if loss == "cce":
        return "softmax"
    if loss == "bce":
        return "sigmoid"
    if shape["task"] == "regression":
        return "identity"
    if loss in ("mse", "l2"):
        return "sigmoid"
    return "softmax" if shape["classes"] > 2 else "sigmoid"


def _output_units(shape: Dict[str, Any], output: str) -> int:
    """The width of the output layer: one unit per target, or per class (one for two classes
    unless the output is softmax)."""
    if shape["task"] == "regression":
        return shape["targets"]
    if shape["classes"] == 2:
        return 2 if output == "softmax" else 1
    return shape["classes"]


def _hidden_activations(network: Dict[str, Any]) -> List[str]:
    """One activation per hidden layer, from a single name or a per-layer list."""
    activation = network["activation"]
    if isinstance(activation, list):
        return list(activation)
    return [activation] * max(0, len(network["layers"]) - 2)


def _filled_network(spec: Dict[str, Any]) -> Dict[str, Any]:
    """The base network with the defaults that fix its weights: the activation, the layer
    sizes (input and output width from the data, the hidden layers of the schema's data-set
    table) and the initialisation (He for the ReLU family, else Xavier)."""
    network = copy.deepcopy(spec.get("network", {}))
    network.setdefault("activation", _schema_default("network", "activation"))
    if "layers" not in network:
        data = spec.get("data", {})
        shape = _data_shape(data)
        output = network.get("output") or _default_output(shape, spec.get("training", {}).get("loss"))
        name = data.get("name", _schema_default("data", "name"))
        hidden = list(dataset_table()[name]["hidden"])
        if isinstance(network["activation"], list):
            hidden = [hidden[0]] * len(network["activation"])
        features = data.get("features")
        inputs = len(features) if isinstance(features, list) and features else shape["inputs"]
        network["layers"] = [inputs] + hidden + [_output_units(shape, output)]
    if "init" not in network:
        activations = _hidden_activations(network)
        relu_like = bool(activations) and all(a in _RELU_FAMILY for a in activations)
        network["init"] = "he" if relu_like else "xavier"
    return network


def _merged_network(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    """A variant's network: the filled base with the variant's fields on top. Explicit base
    weights and biases belong to the base's layer sizes, so new layers drop them."""
    merged = copy.deepcopy(dict(base, **override))
    if "layers" in override and override["layers"] != base["layers"]:
        for key in ("weights", "biases"):
            if key not in override:
                merged.pop(key, None)
    return merged


def _init_scale(init: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation of the normal schemes, the half-width of the uniform one."""
    if init == "uniform":
        return 1 / math.sqrt(fan_in)  # limit = 1 / sqrt(fan_in)
    if init == "xavier":
        return math.sqrt(2 / (fan_in + fan_out))  # Glorot normal: std = sqrt(2 / (fan_in + fan_out))
    if init == "he":
        return math.sqrt(2 / fan_in)  # He normal: std = sqrt(2 / fan_in)
    if init == "normal":
        return 1.0
    return 0.0  # zeros


class Lab(LiveResults):
    """An NN Lab experiment. In a notebook it shows as a live widget that trains the
    networks in the browser (with the jupyterlab-nnlab extension installed).

    Keywords follow the experiment spec's fields. Fields of the spec's sections can be given
    flat, in snake_case or in the spec's own camelCase (``learning_rate`` or ``learningRate``):

    - data: ``data`` (a data set name, or a dict in spec form), ``n``, ``noise``,
      ``train_fraction``, ``classes``, ``features`` (e.g. ``["x1", "x2", "x1*x2"]``), ``x``, ``y`` (custom data: lists or NumPy arrays;
      giving ``x`` and ``y`` without ``data`` means ``data="custom"``);
    - network: ``layers``, ``activation`` (one name, or one per hidden layer), ``output``,
      ``init``, ``init_scale``, ``weights``, ``biases``, ``leaky_slope``, ``elu_alpha``;
    - training: ``loss``, ``optimizer``, ``learning_rate``, ``momentum``, ``beta1``,
      ``beta2``, ``epsilon``, ``batch_size``, ``epochs``, ``seed``, ``rng``,
      ``regularization``, ``regularization_rate``, ``shuffle``;
    - the rest: ``title``, ``description``, ``views``, ``grid``, ``autoplay`` and
      ``compare`` (a list of variants: activation names such as ``"identity"``, dicts of
      flat keywords, or dicts in spec form ``{"label": ..., "network": {...}}``).

    ``network=`` and ``training=`` also accept whole sections in spec form.
    Anything left out gets the renderer's default (see schema/experiment.schema.json).

    A wrong value raises ``SpecError`` (a ``ValueError``) naming the keyword and what is
    allowed; an unknown keyword raises ``TypeError`` with a suggestion.

    >>> Lab(data="xor", layers=[2, 16, 1], activation="relu").compare("identity")  # doctest: +SKIP
    """

    MIME_TYPE = MIME_TYPE

    @user_facing
    def __init__(self, data: Any = None, **options: Any):
        spec: Dict[str, Any] = {}
        origins = _Origins()
        set_by: Dict[PathParts, str] = {}

        def put(path: PathParts, value: Any, keyword: str) -> None:
            if path in set_by:
                raise TypeError(
                    "Lab() got {} twice: as {!r} and as {!r}".format(dotted(path), set_by[path], keyword)
                )
            set_by[path] = keyword
            node = spec
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = _plain(value, keyword, path)
            origins.add(path, keyword)

        if data is not None:
            if isinstance(data, dict):
                origins.add(("data",), "data")
                _text_keys(data, "data")
                for key, value in data.items():
                    put(("data", key), value, "data[{!r}]".format(short(key)))
            else:
                put(("data", "name"), data, "data")
        for section in ("network", "training"):
            given = options.pop(section, None)
            if given is None:
                continue
            if not isinstance(given, dict):
                text = "{} must be a dict of {} fields, got {}".format(section, section, show(given))
                raise SpecError([(section, text)])
            origins.add((section,), section)
            _text_keys(given, section)
            for key, value in given.items():
                put((section, key), value, "{}[{!r}]".format(section, short(key)))
        compare = options.pop("compare", None)
        for keyword, value in options.items():
            path = KEYWORD_PATHS.get(keyword)
            if path is None:
                raise _unknown_keyword(keyword, list(KEYWORD_PATHS) + list(_SECTION_KEYWORDS))
            if value is None:
                continue
            put(path, value, keyword)
        if ("data", "x") in set_by or ("data", "y") in set_by:
            spec.setdefault("data", {}).setdefault("name", "custom")
            set_by.setdefault(("data", "name"), "x")
        if compare is not None:
            origins.add(("compare",), "compare")
            spec["compare"] = _variants(compare)

        self._spec = {key: spec[key] for key in _ORDER if key in spec}
        _validate(self._spec, origins)

    @classmethod
    @user_facing
    def from_spec(cls, spec: Dict[str, Any]) -> "Lab":
        """A Lab from a spec in its JSON form (as written in a ``%%nnlab`` cell). Messages
        name spec paths such as ``training.learningRate``."""
        if not isinstance(spec, dict):
            text = "an experiment spec must be a dict of named fields, got {}".format(show(spec))
            raise SpecError([("", text)])
        lab = cls.__new__(cls)
        lab._spec = _plain(spec, "spec")
        _validate(lab._spec, _Origins(spec_paths=True))
        return lab

    def _hidden_layers(self) -> Optional[int]:
        """The most hidden layers of the base network and the compared ones (the live
        set_activation's layer index counts them)."""
        counts = [len(_filled_network(self._spec)["layers"]) - 2]
        for variant in self._spec.get("compare", []):
            layers = variant.get("network", {}).get("layers")
            if isinstance(layers, list):
                counts.append(len(layers) - 2)
        return max(counts)

    @property
    def spec(self) -> Dict[str, Any]:
        """The experiment spec (a copy): only the fields that were given."""
        return copy.deepcopy(self._spec)

    def to_json(self, indent: Optional[int] = None) -> str:
        """The spec as a JSON string."""
        return json.dumps(self._spec, indent=indent)

    @user_facing
    def compare(self, *variants: Any, **keywords: Any) -> "Lab":
        """A new Lab that also trains the given variants side by side with this one.

        Each variant is an activation name (``"identity"``), a dict of flat keywords
        (``{"activation": "tanh", "learning_rate": 0.1, "label": "tanh"}``) or a dict in spec
        form. Keywords, if given, make one more variant: ``lab.compare(activation="identity")``.
        """
        entries = list(variants) + ([keywords] if keywords else [])
        existing = self._spec.get("compare", [])
        new = _variants(entries, len(existing))
        spec = copy.deepcopy(self._spec)
        spec["compare"] = existing + new
        lab = Lab.__new__(Lab)
        lab._spec = {key: spec[key] for key in _ORDER if key in spec}
        origins = _Origins()
        origins.add(("compare",), "compare")
        _validate(lab._spec, origins)
        return lab

    def initial_weights(self, variant: int = 0) -> List[Tuple[Any, Any]]:
        """The weights and biases the widget starts training from, as NumPy arrays: a list
        with one ``(W, b)`` pair per layer, ``W`` of shape (inputs, outputs) and ``b`` of
        shape (outputs,), so that a layer computes ``x @ W + b``.

        Random weights can be reproduced only with ``rng="numpy"`` (a ``ValueError`` says so
        otherwise): the widget then draws, after seeding with ``seed``, layer by layer

        - xavier, he, normal: ``np.random.randn(n_in, n_out) * std`` with
          std = sqrt(2 / (n_in + n_out)), sqrt(2 / n_in) and 1;
        - uniform: ``(np.random.rand(n_in, n_out) * 2 - 1) * limit`` with limit = 1 / sqrt(n_in);
        - zeros: zeros (nothing is drawn, so any generator will do).

        Biases start at zero. Explicit ``weights`` and ``biases`` are returned as given. The
        layers and the initialisation, when left out, are the widget's defaults (e.g. He for
        ReLU units, Xavier for tanh). The draw uses its own ``np.random.RandomState(seed)``,
        so NumPy's global generator is left as it was.

        ``variant`` picks a network of the comparison: 0 is the base, 1 the first
        ``compare`` entry, and so on. Variants whose layers are those of the base start from
        the base's weights (so that only the activation differs between the curves); a
        variant with other layers draws its own.
        """
        try:
            import numpy as np
        except ImportError as e:
            raise ImportError("Lab.initial_weights() returns NumPy arrays and needs NumPy: pip install numpy") from e

        compare = self._spec.get("compare", [])
        if isinstance(variant, bool) or not isinstance(variant, numbers.Integral) or not 0 <= variant <= len(compare):
            if not compare:
                choices = "0 (this Lab has no compare entries)"
            elif len(compare) == 1:
                choices = "0 (the base network) or 1 (the compare entry)"
            else:
                choices = "0 (the base network) or 1 to {} (the compare entries)".format(len(compare))
            raise ValueError("variant must be {}, got {}".format(choices, show(variant)))
        base_training = self._spec.get("training", {})
        base = _filled_network(self._spec)
        network, training = base, base_training
        if variant > 0:
            entry = compare[int(variant) - 1]
            network = _merged_network(base, entry.get("network", {}))
            training = dict(base_training, **entry.get("training", {}))
            if "weights" not in network and network["layers"] == base["layers"]:
                # The engine hands the base's starting point to every variant it fits.
                network, training = base, base_training

        layers = network["layers"]
        init = network["init"]
        if "weights" in network:
            weights = [np.array(w, dtype=float) for w in network["weights"]]
        elif init == "zeros":
            weights = [np.zeros((n_in, n_out)) for n_in, n_out in zip(layers[:-1], layers[1:])]
        else:
            rng = training.get("rng", _schema_default("training", "rng"))
            if rng != "numpy":
                raise ValueError(
                    "initial_weights() can only reproduce the weights drawn by the 'numpy' random "
                    "generator, but this experiment uses rng={!r}: ask for it with "
                    "Lab(..., rng=\"numpy\")".format(rng)
                )
            state = np.random.RandomState(training.get("seed", _schema_default("training", "seed")))
            factor = network.get("initScale", _schema_default("network", "initScale"))
            weights = []
            for n_in, n_out in zip(layers[:-1], layers[1:]):
                scale = _init_scale(init, n_in, n_out)
                if init == "uniform":
                    drawn = (state.rand(n_in, n_out) * 2 - 1) * scale
                else:
                    drawn = state.randn(n_in, n_out) * scale
                weights.append(drawn * factor if factor != 1 else drawn)
        if "biases" in network:
            biases = [np.array(b, dtype=float) for b in network["biases"]]
        else:
            biases = [np.zeros(n_out) for n_out in layers[1:]]
        return list(zip(weights, biases))

    def _summary(self) -> str:
        """A few lines for text-only front ends."""
        spec = self._spec
        data = spec.get("data", {})
        network = spec.get("network", {})
        training = spec.get("training", {})
        name = data.get("name", "xor")
        lines = ["NN Lab experiment: " + spec.get("title", name)]
        lines.append("  data:     " + name + "".join(
            ", {}={}".format(k, v) for k, v in data.items() if k not in ("name", "x", "y")
        ) + (" ({} points)".format(len(data["x"])) if "x" in data else ""))
        net = []
        if "layers" in network:
            net.append("-".join(str(u) for u in network["layers"]))
        activation = network.get("activation")
        if activation is not None:
            net.append(activation if isinstance(activation, str) else ", ".join(activation))
        net.extend("{} {}".format(k, v) for k, v in network.items() if k in ("output", "init"))
        lines.append("  network:  " + (", ".join(net) or "defaults"))
        settings = ", ".join("{}={}".format(k, v) for k, v in training.items())
        lines.append("  training: " + (settings or "defaults"))
        if spec.get("compare"):
            base = network.get("activation", "relu")
            taken = {base if isinstance(base, str) else ", ".join(base)}
            labels = []
            for i, variant in enumerate(spec["compare"]):
                act = variant.get("network", {}).get("activation")
                label = variant.get("label")
                if not label:
                    label = (act if isinstance(act, str) else None) or "variant"
                    if label in taken:
                        # As on the charts: a repeated name gets the variant's number.
                        n = i + 2
                        while "{} ({})".format(label, n) in taken:
                            n += 1
                        label = "{} ({})".format(label, n)
                taken.add(label)
                labels.append(label)
            lines.append("  compare:  " + ", ".join(labels))
        if "views" in spec:
            lines.append("  views:    " + ", ".join(spec["views"]))
        lines.append("(trains live in JupyterLab with the jupyterlab-nnlab extension)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return "Lab.from_spec({})".format(self.to_json())
