"""A small JSON Schema (draft 7) validator for the keywords the experiment schema uses.

Why not jsonschema: importing it costs about a second (its format checker compiles an IRI
grammar at import), and that second is paid by the first cell of every fresh kernel that
shows an experiment. The experiment schema needs only a dozen keywords, checked here in
the same order and with the same meaning as ``jsonschema.Draft7Validator``; the tests run
both on many specs and require the same errors (tests/test_validate.py).

Errors carry the attributes of jsonschema's ``ValidationError`` that ``_schema._describe``
reads (``validator``, ``validator_value``, ``instance``, ``schema``, ``context``,
``relative_path``, ``absolute_path``, ``message``), so the plain-words messages are built
the same way from either.

A keyword the validator does not know raises ``NotImplementedError`` instead of being
skipped: a schema change that needs a new keyword must come with its check here.
"""

import numbers
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterator, List, Mapping, Optional, Sequence, Union

#: Keywords that annotate and never fail a value.
ANNOTATIONS = frozenset(
    ["$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions"]
)

PathPart = Union[str, int]


class SchemaViolation:
    """One failed keyword: what jsonschema's ValidationError says about it."""

    def __init__(
        self,
        validator: str,
        validator_value: Any,
        instance: Any,
        schema: Mapping[str, Any],
        message: str,
        context: Optional[List["SchemaViolation"]] = None,
    ):
        self.validator = validator
        self.validator_value = validator_value
        self.instance = instance
        self.schema = schema
        self.message = message
        self.context: List[SchemaViolation] = context or []
        self.parent: Optional[SchemaViolation] = None
        #: Path from the value the enclosing keyword checked (the root, or an anyOf's value).
        self.relative_path: Deque[PathPart] = deque()
        for child in self.context:
            child.parent = self

    @property
    def absolute_path(self) -> Deque[PathPart]:
        """Path from the root of the spec."""
        if self.parent is None:
            return deque(self.relative_path)
        return self.parent.absolute_path + self.relative_path

    def __repr__(self) -> str:
        return "<SchemaViolation {} at {}: {}>".format(self.validator, list(self.absolute_path), self.message)


# ---------------------------------------------------------------------------------------
# Types and equality, as JSON Schema sees Python values
# ---------------------------------------------------------------------------------------


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    # Draft 6 and later: 2.0 is an integer too.
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


_TYPES: Dict[str, Callable[[Any], bool]] = {
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": _is_integer,
    "null": lambda v: v is None,
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
}


def is_type(value: Any, name: str) -> bool:
    return _TYPES[name](value)


def _unbool(value: Any) -> Any:
    """True and 1 are different values in JSON: tell them apart where Python would not."""
    if value is True:
        return ("bool", True)
    if value is False:
        return ("bool", False)
    return value


def equal(one: Any, two: Any) -> bool:
    """JSON equality: recursive, and a boolean never equals a number."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(k in two and equal(v, two[k]) for k, v in one.items())
    return bool(_unbool(one) == _unbool(two))


def fingerprint(value: Any) -> Any:
    """A hashable value equal for two values exactly when ``equal`` says they are equal: a
    set of fingerprints finds repeated entries in one pass, where comparing every pair takes
    seconds on a few long lists. Raises TypeError for a value with no fingerprint.

    Numbers, text and None stand for themselves (1 and 1.0 are equal and hash alike, as in
    JSON); booleans are tagged, so that True is not 1, and so are lists and dicts."""
    kind = type(value)
    # The exact JSON types first: the isinstance checks against the ABCs below are slow.
    if kind is bool:
        return ("bool", value)
    if kind is int or kind is float or kind is str or value is None:
        return value
    if kind is list or kind is tuple:
        return ("list", tuple(map(fingerprint, value)))
    if kind is dict:
        return ("dict", frozenset((k, fingerprint(v)) for k, v in value.items()))
    if isinstance(value, str):
        return value
    if isinstance(value, Sequence):
        return ("list", tuple(map(fingerprint, value)))
    if isinstance(value, Mapping):
        return ("dict", frozenset((k, fingerprint(v)) for k, v in value.items()))
    if isinstance(value, numbers.Number):
        return value
    raise TypeError("no fingerprint for a {}".format(type(value).__name__))


def _unique(items: Sequence[Any]) -> bool:
    try:
        prints = [fingerprint(item) for item in items]
        return len(set(prints)) == len(prints)
    except TypeError:  # an unhashable value of some other type: compare every pair
        pass
    seen: List[Any] = []
    for item in items:
        if any(equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def text_length(text: str) -> int:
    """A string's length as the browser counts it (JavaScript's ``length``: UTF-16 code
    units), so that a title the Python side accepts is one the page accepts: an emoji is one
    character in Python and two in the page."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _repr(value: Any) -> str:
    """``repr`` for a message, which must not fail (Python will not write out an int of more
    than 4300 digits, and a user's object may have a broken ``__repr__``)."""
    try:
        return repr(value)
    except Exception:
        return "<{} object>".format(type(value).__name__)


# ---------------------------------------------------------------------------------------
# The keywords
# ---------------------------------------------------------------------------------------

Errors = Iterator[SchemaViolation]


class Validator:
    """Checks values against ``schema`` (a draft 7 schema whose ``$ref``s point into it)."""

    def __init__(self, schema: Mapping[str, Any]):
        self.schema = schema
        self._keywords: Dict[str, Callable[[Any, Any, Mapping[str, Any]], Errors]] = {
            "$ref": self._ref,
            "type": self._type,
            "enum": self._enum,
            "minimum": self._bound("minimum", lambda v, b: v < b, "less than the minimum of"),
            "maximum": self._bound("maximum", lambda v, b: v > b, "greater than the maximum of"),
            "exclusiveMinimum": self._bound(
                "exclusiveMinimum", lambda v, b: v <= b, "less than or equal to the minimum of"
            ),
            "exclusiveMaximum": self._bound(
                "exclusiveMaximum", lambda v, b: v >= b, "greater than or equal to the maximum of"
            ),
            "minItems": self._min_items,
            "maxItems": self._max_items,
            "uniqueItems": self._unique_items,
            "maxLength": self._max_length,
            "items": self._items,
            "properties": self._properties,
            "additionalProperties": self._additional_properties,
            "anyOf": self._any_of,
        }

    def iter_errors(self, instance: Any, schema: Optional[Mapping[str, Any]] = None) -> Errors:
        """Every failed keyword, in the order jsonschema's Draft7Validator reports them."""
        schema = self.schema if schema is None else schema
        if schema is True:
            return
        if schema is False:
            yield SchemaViolation("false", False, instance, {},
                                  "False schema does not allow {}".format(_repr(instance)))
            return
        # Draft 7: beside "$ref" every other keyword is ignored.
        pairs = [("$ref", schema["$ref"])] if "$ref" in schema else list(schema.items())
        for keyword, value in pairs:
            check = self._keywords.get(keyword)
            if check is None:
                if keyword in ANNOTATIONS or keyword.startswith("x-"):
                    continue
                raise NotImplementedError(
                    "the schema uses the keyword {!r}, which jupyterlab_nnlab._validate does not check".format(keyword)
                )
            yield from check(instance, value, schema)

    def is_valid(self, instance: Any) -> bool:
        return next(self.iter_errors(instance), None) is None

    def _descend(self, instance: Any, schema: Any, part: Optional[PathPart] = None) -> Errors:
        for error in self.iter_errors(instance, schema):
            if part is not None:
                error.relative_path.appendleft(part)
            yield error

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise NotImplementedError("only references into the schema itself are supported, got {!r}".format(ref))
        node: Any = self.schema
        for token in [t for t in ref[1:].split("/") if t]:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    # -- keywords, each a generator of errors -----------------------------------------------

    def _ref(self, instance: Any, ref: str, schema: Mapping[str, Any]) -> Errors:
        yield from self.iter_errors(instance, self._resolve(ref))

    def _type(self, instance: Any, types: Any, schema: Mapping[str, Any]) -> Errors:
        names = types if isinstance(types, list) else [types]
        if not any(is_type(instance, name) for name in names):
            yield SchemaViolation("type", types, instance, schema, "{} is not of type {}".format(
                _repr(instance), ", ".join(repr(n) for n in names)))

    def _enum(self, instance: Any, allowed: Sequence[Any], schema: Mapping[str, Any]) -> Errors:
        if not any(equal(each, instance) for each in allowed):
            yield SchemaViolation("enum", allowed, instance, schema,
                                  "{} is not one of {!r}".format(_repr(instance), allowed))

    def _bound(self, keyword: str, fails: Callable[[Any, Any], bool], words: str) -> Callable[..., Errors]:
        def check(instance: Any, bound: Any, schema: Mapping[str, Any]) -> Errors:
            if is_type(instance, "number") and fails(instance, bound):
                yield SchemaViolation(keyword, bound, instance, schema,
                                      "{} is {} {!r}".format(_repr(instance), words, bound))

        return check

    def _min_items(self, instance: Any, least: int, schema: Mapping[str, Any]) -> Errors:
        if is_type(instance, "array") and len(instance) < least:
            yield SchemaViolation("minItems", least, instance, schema, "{} is too short".format(_repr(instance)))

    def _max_items(self, instance: Any, most: int, schema: Mapping[str, Any]) -> Errors:
        if is_type(instance, "array") and len(instance) > most:
            yield SchemaViolation("maxItems", most, instance, schema, "{} is too long".format(_repr(instance)))

    def _unique_items(self, instance: Any, unique: bool, schema: Mapping[str, Any]) -> Errors:
        if unique and is_type(instance, "array") and not _unique(instance):
            yield SchemaViolation("uniqueItems", unique, instance, schema,
                                  "{} has non-unique elements".format(_repr(instance)))

    def _max_length(self, instance: Any, most: int, schema: Mapping[str, Any]) -> Errors:
        if is_type(instance, "string") and text_length(instance) > most:
            yield SchemaViolation("maxLength", most, instance, schema, "{} is too long".format(_repr(instance)))

    def _items(self, instance: Any, items: Any, schema: Mapping[str, Any]) -> Errors:
        if not is_type(instance, "array"):
            return
        if isinstance(items, list):
            for index, (item, subschema) in enumerate(zip(instance, items)):
                yield from self._descend(item, subschema, index)
            return
        for index, item in enumerate(instance):
            yield from self._descend(item, items, index)

    def _properties(self, instance: Any, properties: Mapping[str, Any], schema: Mapping[str, Any]) -> Errors:
        if not is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name in instance:
                yield from self._descend(instance[name], subschema, name)

    def _additional_properties(self, instance: Any, extra: Any, schema: Mapping[str, Any]) -> Errors:
        if not is_type(instance, "object"):
            return
        if "patternProperties" in schema:
            raise NotImplementedError("patternProperties is not supported")
        known = schema.get("properties", {})
        extras = [name for name in instance if name not in known]
        if isinstance(extra, dict):
            for name in extras:
                yield from self._descend(instance[name], extra, name)
        elif not extra and extras:
            verb = "was" if len(extras) == 1 else "were"
            yield SchemaViolation("additionalProperties", extra, instance, schema,
                                  "Additional properties are not allowed ({} {} unexpected)".format(
                                      ", ".join(repr(e) for e in sorted(extras, key=str)), verb))

    def _any_of(self, instance: Any, branches: Sequence[Any], schema: Mapping[str, Any]) -> Errors:
        failures: List[SchemaViolation] = []
        for branch in branches:
            errors = list(self._descend(instance, branch))
            if not errors:
                return
            failures.extend(errors)
        yield SchemaViolation("anyOf", branches, instance, schema,
                              "{} is not valid under any of the given schemas".format(_repr(instance)),
                              context=failures)
