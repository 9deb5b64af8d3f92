"""The experiment spec's JSON Schema, and its errors in plain words.

The schema file is the one the TypeScript renderer validates with, so a spec that passes
here passes the schema there too. In an installed wheel it sits next to this module
(``jupyterlab_nnlab/schema/experiment.schema.json``); in a source checkout it is the
repository's ``schema/experiment.schema.json``.
"""

import functools
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ._validate import Validator, fingerprint

SCHEMA_FILENAME = "experiment.schema.json"

#: A path into a spec: field names and list indices, e.g. ("network", "layers", 1).
PathParts = Tuple[Union[str, int], ...]


#: A SpecError's message lists at most this many problems, then "and N more".
MAX_LISTED = 12


class SpecError(ValueError):
    """An experiment spec (or an argument of ``Lab``) is not valid.

    ``errors`` holds the problems found as ``(path, message)`` pairs, where ``path`` is
    what the user wrote (a keyword such as ``learning_rate`` or a spec path such as
    ``training.learningRate``). ``argument`` is the path of the first problem. ``total`` is
    how many problems there are: more than ``errors`` holds when only the first of very many
    were put into words.
    """

    def __init__(self, errors: Sequence[Tuple[str, str]], total: Optional[int] = None):
        self.errors: List[Tuple[str, str]] = list(errors)
        self.total: int = max(total or 0, len(self.errors))
        self.argument: str = self.errors[0][0] if self.errors else ""
        if self.total == 1 and self.errors:
            text = self.errors[0][1]
        else:
            # The first few problems, then how many more: a huge bad input gives a short message.
            shown = self.errors[:MAX_LISTED]
            text = "the experiment spec has {:,} problems:\n".format(self.total)
            text += "\n".join("- " + message for _, message in shown)
            if self.total > len(shown):
                more = self.total - len(shown)
                text += "\n- and {:,} more problem{}".format(more, "" if more == 1 else "s")
        super().__init__(text)


def schema_path() -> Path:
    """Where the schema file is: inside the package when installed, else the source tree."""
    here = Path(__file__).resolve().parent
    candidates = [here / "schema" / SCHEMA_FILENAME, here.parent / "schema" / SCHEMA_FILENAME]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "The NN Lab experiment schema was not found; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


@functools.lru_cache(maxsize=None)
def load_schema() -> Dict[str, Any]:
    """The experiment schema as a dict (read once)."""
    with schema_path().open(encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=None)
def _validator() -> Any:
    """The schema's validator: a small draft 7 validator of our own (``_validate.py``), which
    agrees with jsonschema's and imports in a millisecond instead of a second."""
    return Validator(load_schema())


def dataset_table() -> Dict[str, Dict[str, Any]]:
    """The schema's data-set table (``x-datasets``): task, inputs, classes and default hidden
    layers of each data set."""
    return load_schema()["definitions"]["datasetName"]["x-datasets"]


def keyword_table() -> List[Tuple[str, PathParts]]:
    """Every ``Lab(...)`` keyword with the spec path it sets, from the schema's ``x-python``
    annotations, in the schema's order (the fields of a section in place of the section)."""
    schema = load_schema()
    table: List[Tuple[str, PathParts]] = []
    for key, node in schema["properties"].items():
        if "x-python" in node:
            table.append((node["x-python"], (key,)))
            continue
        ref = node.get("$ref", "")
        section = schema["definitions"].get(ref.rsplit("/", 1)[-1], {}) if ref else node
        for field, child in section.get("properties", {}).items():
            if "x-python" in child:
                table.append((child["x-python"], (key, field)))
    return table


def section_field(section: str, key: str) -> Dict[str, Any]:
    """The schema of a field of the 'data', 'network' or 'training' section."""
    return load_schema()["definitions"][section]["properties"][key]


def section_fields(section: str) -> List[str]:
    """Field names of the 'data', 'network' or 'training' section."""
    return list(load_schema()["definitions"][section]["properties"])


def top_level_fields() -> List[str]:
    return list(load_schema()["properties"])


# ---------------------------------------------------------------------------------------
# Suggestions for misspelt names
# ---------------------------------------------------------------------------------------


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insert, delete, substitute or swap neighbours."""
    d = [[i if j == 0 else (j if i == 0 else 0) for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _loose(word: str) -> str:
    return word.lower().replace("_", "").replace("-", "").replace(" ", "")


def suggest(word: str, candidates: Iterable[str]) -> Optional[str]:
    """The candidate closest to ``word`` if it is a likely typo of it, else None.

    A name longer than any field (``MAX_NAME``) is no typo of one, and the edit distance costs
    its length times each candidate's: such names get no suggestion. Nor do candidates whose
    length alone differs by more than a typo can (the distance is at least that difference)."""
    if len(word) > MAX_NAME:
        return None
    candidates = list(candidates)
    loose = _loose(word)
    for c in candidates:
        if _loose(c) == loose:
            return c
    allowed = max(1, len(loose) // 3)
    best, best_distance = None, math.inf
    for c in candidates:
        other = _loose(c)
        if abs(len(other) - len(loose)) > allowed:
            continue
        distance = edit_distance(loose, other)
        if distance < best_distance:
            best, best_distance = c, distance
    return best if best_distance <= allowed else None


# ---------------------------------------------------------------------------------------
# Schema errors in plain words
# ---------------------------------------------------------------------------------------

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a finite number",
    "string": "a text string",
    "boolean": "True or False",
    "array": "a list",
    "object": "a dict of named fields",
    "null": "None",
}

#: Fields whose maximum is a cap protecting the browser tab.
_CAPPED = {"n", "epochs", "grid", "batchSize", "layers"}
_CAP_NOTE = " (a cap that keeps every experiment small enough for a browser tab)"


#: How many characters of a value ``show`` writes.
SHOWN_CHARS = 60
#: Names longer than this are cut in messages (``short``) and never matched against the known
#: ones (``suggest``): no field or keyword of the spec is half as long.
MAX_NAME = 40


def show(value: Any) -> str:
    """A value as the user would write it in Python, shortened when long.

    Any value at all ends up in a message, so this never fails and its work is bounded:
    containers are written only as far as they show, an int too long for Python to write
    out (more than 4300 digits) or too long to be worth reading is given by its number of
    digits, and an object whose ``repr`` fails is named by its type."""
    text = _written(value, SHOWN_CHARS + 1)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def _digits(value: int) -> str:
    """An int as Python writes it, or "an integer of 5,001 digits" when that is too long to
    read; counted from its bits, since ``str()`` refuses ints of more than 4300 digits."""
    bits = abs(value).bit_length()
    if bits <= 160:  # at most 49 digits
        return repr(value)
    sign = "a negative" if value < 0 else "an"
    count = int((bits - 1) * math.log10(2)) + 1  # the digits of 2 ** (bits - 1)
    if bits > 1_000_000:
        # Checking the count exactly would cost a power of ten as large as the value itself.
        return "{} integer of about {:,} digits".format(sign, count)
    if abs(value) >= 10**count:
        count += 1
    return "{} integer of {:,} digits".format(sign, count)


def _written(value: Any, budget: int) -> str:
    """``repr(value)``, exact for at least its first ``budget`` characters, then cut anywhere.
    Each level of nesting costs a character of the budget, so the walk is short."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if type(value) is int:  # a subclass (an IntEnum) keeps its own repr, below
        return _digits(value)
    if isinstance(value, (str, bytes)):
        return repr(value[: budget + 1])
    if isinstance(value, Fraction):
        return "Fraction({}, {})".format(_digits(value.numerator), _digits(value.denominator))
    if type(value) in (list, tuple, dict):
        if budget <= 0:
            return "..."
        if type(value) is list:
            opening, closing = "[", "]"
        elif type(value) is tuple:
            opening, closing = "(", ",)" if len(value) == 1 else ")"
        else:
            opening, closing = "{", "}"
        text = opening
        for i, item in enumerate(value):
            if len(text) > budget:
                return text + "..."
            part = _written(item, budget - len(text))
            if isinstance(value, dict):
                part += ": " + _written(value[item], budget - len(text) - len(part))
            text += (", " if i else "") + part
        return text + closing
    try:
        text = repr(value)
    except Exception:  # a broken __repr__, or a value Python cannot write out
        return "<{} object>".format(type(value).__name__)
    return text if isinstance(text, str) else "<{} object>".format(type(value).__name__)


def short(name: str) -> str:
    """A name as far as a message needs it: its start, then "…" when it is long."""
    return name if len(name) <= MAX_NAME else name[:MAX_NAME] + "…"


def _type_words(types: Any) -> str:
    types = types if isinstance(types, list) else [types]
    return " or ".join(_TYPE_WORDS.get(t, str(t)) for t in types)


def _json_type_matches(value: Any, allowed: Sequence[Any]) -> bool:
    """Whether an enum could hold a value of this Python type at all."""
    return any(type(value) is type(a) for a in allowed)


def _is_type_mismatch(error: Any) -> bool:
    if error.validator == "type":
        return True
    if error.validator == "enum":
        return not _json_type_matches(error.instance, error.validator_value)
    return False


def _capped(path: PathParts) -> bool:
    names = [p for p in path if isinstance(p, str)]
    return bool(names) and names[-1] in _CAPPED


def _home_section(field: str) -> Optional[str]:
    for name in ("data", "network", "training"):
        if field in section_fields(name):
            return name
    return None


def _describe(error: Any, path: PathParts, hints: int = MAX_LISTED) -> List[Tuple[PathParts, str]]:
    """One schema error (``_validate.SchemaViolation``, or jsonschema's ``ValidationError``,
    which has the same attributes) as (path, predicate) pairs; the predicate follows the
    subject. Only the first ``hints`` unknown fields get a suggestion: a message lists no more
    than ``MAX_LISTED`` problems, and a hundred unknown fields in every section would cost
    seconds of edit distances that nobody reads."""
    keyword = error.validator
    value = error.instance
    limit = error.validator_value
    if keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        where = ".".join(str(p) for p in path if isinstance(p, str)) or "the spec"
        out = []
        for field in value:
            if field in allowed:
                continue
            text = "is not a field of {}".format(where)
            if len(out) >= hints:
                out.append((path + (field,), text))
                continue
            near = suggest(field, allowed)
            elsewhere = suggest(field, [f for s in ("data", "network", "training") for f in section_fields(s)])
            home = _home_section(elsewhere) if elsewhere else None
            here = next((p for p in reversed(path) if isinstance(p, str)), "")
            if near is not None:
                text += "; did you mean '{}'?".format(near)
            elif home is not None and home != here:
                text += "; '{}' belongs in {}".format(elsewhere, home)
            else:
                text += "; allowed: " + ", ".join(allowed)
            out.append((path + (field,), text))
        return out
    if keyword == "type":
        return [(path, "must be {}, got {}".format(_type_words(limit), show(value)))]
    if keyword == "enum":
        names = [str(v) for v in limit]
        if value == "softmax" and "softmax" not in names:
            return [(path, "is 'softmax', which is only for the output layer (the 'output' field); "
                     "pick a hidden activation from " + ", ".join(names))]
        text = "is {}; allowed: {}".format(show(value), ", ".join(names))
        near = suggest(value, names) if isinstance(value, str) else None
        if near is not None:
            text += "; did you mean '{}'?".format(near)
        return [(path, text)]
    if keyword == "minimum":
        return [(path, "is {} but must be at least {}".format(show(value), limit))]
    if keyword == "exclusiveMinimum":
        return [(path, "is {} but must be greater than {}".format(show(value), limit))]
    if keyword == "exclusiveMaximum":
        return [(path, "is {} but must be less than {}".format(show(value), limit))]
    if keyword == "maximum":
        note = _CAP_NOTE if _capped(path) else ""
        return [(path, "is {} but must be at most {}{}".format(show(value), limit, note))]
    if keyword in ("minItems", "maxItems"):
        bound = "at least" if keyword == "minItems" else "at most"
        note = _CAP_NOTE if keyword == "maxItems" else ""
        return [(path, "has {} entries but must have {} {}{}".format(len(value), bound, limit, note))]
    if keyword == "uniqueItems":
        seen = set()
        try:
            for item in value:
                key = fingerprint(item)
                if key in seen:
                    return [(path, "lists {} twice".format(show(item)))]
                seen.add(key)
        except TypeError:  # a value that is not JSON data
            pass
        return [(path, "has repeated entries")]
    if keyword == "maxLength":
        return [(path, "is too long: at most {} characters".format(limit))]
    if keyword == "anyOf":
        branches = list(error.context or [])
        wrong = [e for e in branches if not e.relative_path and _is_type_mismatch(e)]
        rest = [e for e in branches if e not in wrong]
        if rest:
            out = []
            for e in rest:
                out.extend(_describe(e, path + tuple(e.relative_path), max(0, hints - len(out))))
            return out
        words = []
        for e in wrong:
            words.append("one of " + ", ".join(map(str, e.validator_value)) if e.validator == "enum"
                         else _type_words(e.validator_value))
        return [(path, "must be {}; got {}".format(", or ".join(words), show(value)))]
    return [(path, error.message)]


def schema_problems(spec: Any) -> List[Tuple[PathParts, str]]:
    """Every schema problem of a spec as (path, predicate) pairs, in document order."""
    problems: List[Tuple[PathParts, str]] = []
    seen = set()
    order = {name: i for i, name in enumerate(top_level_fields())}

    def position(error: Any) -> Tuple[int, List[str]]:
        path = list(error.absolute_path)
        return (order.get(path[0], -1) if path else -1, [str(p) for p in path[1:]])

    errors = sorted(_validator().iter_errors(spec), key=position)
    for error in errors:
        for path, text in _describe(error, tuple(error.absolute_path), max(0, MAX_LISTED - len(problems))):
            key = (path, text)
            if key not in seen:
                seen.add(key)
                problems.append(key)
    return problems


def dotted(path: PathParts) -> str:
    """("network", "layers", 1) -> "network.layers[1]", long names cut (``short``)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[{}]".format(part)
        else:
            out += short(part) if not out else "." + short(part)
    return out
