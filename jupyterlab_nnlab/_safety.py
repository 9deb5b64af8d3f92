"""Hostile input, refused early and in one line.

A spec or a ``Lab`` argument can be of any size, depth and type. Before anything recurses into
it or copies it, one iterative walk guided by the JSON Schema checks how deep it nests, how
long its lists and strings are and how many values it holds (NumPy arrays by their shape,
without converting them). Only then is it turned into plain JSON data, with every numeric
type converted to an int or a float or refused with a reason. Lists of numbers (data points,
weights) are checked here, natively, so that the JSON Schema validator only sees a short
skeleton of the spec: it is far too slow on 100,000 numbers.

The YAML and JSON readers refuse what a spec never needs: aliases (a few hundred bytes of
YAML aliases can expand to billions of values), duplicate keys, deep nesting.
"""

import decimal
import functools
import json
import math
import numbers
import sys
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar

from ._schema import _CAP_NOTE, PathParts, SpecError, _capped, load_schema, short, show
from ._validate import text_length

#: Containers nested deeper than this are refused (a valid spec nests at most 6).
MAX_DEPTH = 10
#: Lists where the schema gives no maxItems.
MAX_LIST = 2000
#: Strings where the schema gives no maxLength.
MAX_STRING = 2000
#: Fields of one dict.
MAX_FIELDS = 100
#: Values in the whole spec (the largest valid spec has about 500,000).
MAX_VALUES = 1_000_000
#: Longest %%nnlab cell read as YAML (the pure-Python YAML reader is slow) and as JSON.
MAX_YAML_CHARS = 200_000
MAX_JSON_CHARS = 20_000_000
#: Longest number written in a cell. A spec's numbers have a few digits; Python refuses to read
#: an int of more than 4300 digits (sys.int_info), with an error that names no field.
MAX_NUMBER_CHARS = 1000


def _resolve(node: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    definitions = load_schema()["definitions"]
    hops = 0
    while node is not None and "$ref" in node and hops < 8:
        node = definitions.get(node["$ref"].rsplit("/", 1)[-1])
        hops += 1
    return node


def _pick(node: Optional[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    """The schema (or the anyOf alternative) describing a value of this JSON kind."""
    node = _resolve(node)
    if node is None or "anyOf" not in node:
        return node
    for alternative in node["anyOf"]:
        alternative = _resolve(alternative)
        if alternative is not None and alternative.get("type") == kind:
            return alternative
    return None


def _is_number_schema(node: Optional[Dict[str, Any]]) -> bool:
    node = _resolve(node)
    return node is not None and node.get("type") in ("number", "integer") and "anyOf" not in node


def _name(path: PathParts, where: str) -> str:
    text = where
    for part in path:
        text += "[{}]".format(part) if isinstance(part, int) else "[{!r}]".format(short(part))
    return text


def _shown(value: Any) -> str:
    return show(value) if not isinstance(value, (list, tuple, dict)) else type(value).__name__


class _Problems:
    """The problems found in a value. The first ``KEPT`` are put into words, the rest only
    counted: a spec within every cap can hold 300,000 numbers out of range, and naming and
    showing each of them took six seconds, for a message that lists a dozen."""

    KEPT = 1000

    def __init__(self, where: str):
        self.where = where
        self.items: List[Tuple[str, str]] = []
        self.more = 0

    def counted(self) -> bool:
        """Count the next problem, without words, once ``KEPT`` are worded; True if so (the
        caller then need not word it)."""
        if len(self.items) < self.KEPT:
            return False
        self.more += 1
        return True

    def add(self, path: PathParts, text: str) -> None:
        if self.counted():
            return
        name = _name(path, self.where)
        self.items.append((name, "{} {}".format(name, text)))

    def error(self) -> SpecError:
        return SpecError(self.items, total=len(self.items) + self.more)


def _number(value: Any, path: PathParts, problems: _Problems) -> Any:
    """Any numeric type as an int or a float; anything else is returned as it is.

    bool stays bool (JSON true/false); Integral -> int; other Real (float, Fraction, Decimal,
    NumPy floats) -> float, which must be finite; complex numbers are refused. So are NumPy
    values that only look like numbers: dates and durations (``item()`` gives their count of
    nanoseconds, or a date), a masked (missing) value, a record of named fields.
    Ints are kept exact: one too large for a float is out of every range of the schema, and
    the range check says so with the usual message.
    """
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        return value
    if hasattr(value, "dtype") and hasattr(value, "item") and getattr(value, "shape", None) == ():
        refused = _refused_dtype(value, path, problems)
        if refused:
            return None
        if getattr(value, "mask", False):  # np.ma.masked, or a 0-d masked array with its mask set
            problems.add(path, "is a masked (missing) value; give a number")
            return None
        value = value.item()
        if isinstance(value, bool):
            return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        try:
            converted = float(value)
        except OverflowError:  # e.g. a Fraction beyond 1.8e308
            problems.add(path, "is {}, too large for any number of a spec".format(_shown(value)))
            return None
        except (ValueError, ArithmeticError):
            converted = math.nan
        if not math.isfinite(converted):
            if not problems.counted():
                problems.add(path, "is {}, but every number must be finite".format(_shown(value)))
            return None
        return converted
    if isinstance(value, numbers.Complex):
        problems.add(path, "is the complex number {}; only real numbers are allowed".format(_shown(value)))
        return None
    return value


def _refused_dtype(value: Any, path: PathParts, problems: "_Problems", array: bool = False) -> bool:
    """Report a NumPy array or scalar whose values are not numbers, though ``tolist()`` or
    ``item()`` would turn them into ints or tuples: dates, durations, records."""
    dtype = getattr(value, "dtype", None)
    kind = getattr(dtype, "kind", "")
    if kind in ("M", "m"):
        problems.add(path, "{} ({}); give plain numbers".format(
            "holds NumPy dates or durations" if array else "is a NumPy date or duration", dtype))
        return True
    if kind == "V":
        problems.add(path, "is a structured array or record (fields {}); give a plain array of numbers, e.g. "
                           "numpy.lib.recfunctions.structured_to_unstructured(x)".format(
                               show(tuple(dtype.names or ()))))
        return True
    return False


def plain_spec(value: Any, where: str, schema: Optional[Dict[str, Any]] = None,
               spec_path: PathParts = ()) -> Tuple[Any, Any]:
    """Check the size of ``value`` and turn it into plain JSON data.

    Returns ``(plain, skeleton)``: the full plain value, and the same with every long list of
    numbers cut to its first entry (those lists are fully checked here), for the schema
    validator. Raises SpecError (at most a dozen lines) naming ``where`` and the path inside.
    ``schema`` is the schema node of ``value`` (the root when omitted), at ``spec_path``.
    """
    problems = _Problems(where)
    root_schema = load_schema() if schema is None else schema
    # Each entry: (value, schema node, path, depth, parent container, key in parent, skeleton parent)
    result: Dict[str, Any] = {}
    skeleton: Dict[str, Any] = {}
    stack: List[Tuple[Any, Any, PathParts, int, Any, Any, Any]] = [
        (value, root_schema, (), 0, result, "v", skeleton)
    ]
    count = 0
    while stack:
        item, node, path, depth, parent, key, skel_parent = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise SpecError([(where, "{} holds more than {:,} values; no valid spec is that large".format(
                where, MAX_VALUES))])
        kind = type(item)
        if kind is int or kind is bool or item is None or (kind is float and math.isfinite(item)):
            # Plain JSON scalars, most of a large spec: nothing to convert or check here.
            parent[key] = item
            skel_parent[key] = item
            continue
        # NumPy arrays: judge by shape, before converting anything.
        shape = getattr(item, "shape", None)
        if shape is not None and hasattr(item, "tolist") and shape != ():
            if len(shape) > MAX_DEPTH:
                problems.add(path, "has {} dimensions; a spec nests at most 6 levels".format(len(shape)))
                continue
            limit = (_pick(node, "array") or {}).get("maxItems", MAX_LIST)
            size = 1
            for extent in shape:
                size *= int(extent)
            if shape[0] > limit or size > MAX_VALUES:
                problems.add(path, "has {:,} entries (shape {}) but must have at most {}".format(
                    int(shape[0]), tuple(int(s) for s in shape), limit))
                continue
            if getattr(getattr(item, "dtype", None), "kind", "") == "c":
                problems.add(path, "holds complex numbers; only real numbers are allowed")
                continue
            if _refused_dtype(item, path, problems, array=True):
                continue
            item = item.tolist()
        item = _number(item, path, problems)
        if isinstance(item, str):
            limit = (_pick(node, "string") or {}).get("maxLength", MAX_STRING)
            if len(item) > limit or text_length(item) > limit:
                problems.add(path, "is too long: {:,} characters, at most {}".format(text_length(item), limit))
                continue
            if not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError as error:
                    # A lone surrogate (half of a UTF-16 pair, e.g. from "\ud800" in JSON) would
                    # only fail later, when the notebook saves or sends the output.
                    problems.add(path, "is not valid text: character {} is {}, half of a UTF-16 pair "
                                       "(a lone surrogate), which a notebook cannot store".format(
                                           error.start, ascii(item[error.start])))
                    continue
        if isinstance(item, (list, tuple)):
            if depth >= MAX_DEPTH:
                problems.add(path, "is nested more than {} levels deep; a spec nests at most 6".format(MAX_DEPTH))
                continue
            array = _pick(node, "array")
            limit = (array or {}).get("maxItems", MAX_LIST)
            if len(item) > limit:
                problems.add(path, "has {:,} entries but must have at most {} (a cap that keeps every "
                                   "experiment small enough for a browser tab)".format(len(item), limit))
                continue
            items_schema = (array or {}).get("items")
            out: List[Any] = [None] * len(item)
            parent[key] = out
            if _is_number_schema(items_schema) and len(item) > 1:
                # A list of numbers: checked right here; the schema validator sees one entry.
                note = _CAP_NOTE if _capped(spec_path + path) else ""
                _check_numbers(item, out, _resolve(items_schema), path, problems, note)
                skel_parent[key] = out[:1]
                continue
            skel: List[Any] = [None] * len(item)
            skel_parent[key] = skel
            for i in range(len(item) - 1, -1, -1):
                stack.append((item[i], items_schema, path + (i,), depth + 1, out, i, skel))
            continue
        if isinstance(item, dict):
            if depth >= MAX_DEPTH:
                problems.add(path, "is nested more than {} levels deep; a spec nests at most 6".format(MAX_DEPTH))
                continue
            if len(item) > MAX_FIELDS:
                problems.add(path, "has {:,} fields; a spec section has at most about 20".format(len(item)))
                continue
            obj = _pick(node, "object") or {}
            out_dict: Dict[str, Any] = {}
            skel_dict: Dict[str, Any] = {}
            parent[key] = out_dict
            skel_parent[key] = skel_dict
            for field in reversed(list(item)):
                if not isinstance(field, str):
                    problems.add(path, "has the key {} ({}); keys must be field names (text)".format(
                        _shown(field), type(field).__name__))
                    continue
                if len(field) > 100:
                    problems.add(path, "has a field name of {:,} characters; field names are short words".format(
                        len(field)))
                    continue
                child = obj.get("properties", {}).get(field)
                stack.append((item[field], child, path + (field,), depth + 1, out_dict, field, skel_dict))
            continue
        if item is not None and not isinstance(item, (str, bool, int, float)):
            problems.add(path, "is a {}; a spec holds only numbers, text, True/False, lists and dicts".format(
                type(item).__name__))
            continue
        parent[key] = item
        skel_parent[key] = item
    if problems.items:
        raise problems.error()
    return result.get("v"), skeleton.get("v")


def _check_numbers(values: Sequence[Any], out: List[Any], schema: Dict[str, Any], path: PathParts,
                   problems: _Problems, cap_note: str = "") -> None:
    """A list of numbers checked against a number schema (type, minimum, maximum), in place of
    the schema validator, with its wording."""
    low, high = schema.get("minimum"), schema.get("maximum")
    whole = schema.get("type") == "integer"
    for i, raw in enumerate(values):
        kind = type(raw)
        if kind is int or (kind is float and math.isfinite(raw)):
            v = raw  # a plain number, as most are: nothing to convert
        else:
            if hasattr(raw, "tolist") and getattr(raw, "shape", None) not in (None, ()):
                raw = raw.tolist()
            v = _number(raw, path + (i,), problems)
            if v is None and raw is not None:
                out[i] = v
                continue  # already reported by _number
        out[i] = v
        number = not isinstance(v, bool) and isinstance(v, (int, float))
        if number and not (whole and isinstance(v, float) and not v.is_integer()) \
                and (low is None or v >= low) and (high is None or v <= high):
            continue
        if problems.counted():
            continue  # counted, not worded (see _Problems)
        if not number:
            problems.add(path + (i,), "must be {}, got {}".format(
                "a whole number" if whole else "a finite number", _shown(raw)))
        elif whole and isinstance(v, float) and not v.is_integer():  # ints are whole, of any size
            problems.add(path + (i,), "must be a whole number, got {}".format(_shown(raw)))
        elif low is not None and v < low:
            problems.add(path + (i,), "is {} but must be at least {}".format(_shown(v), low))
        else:
            problems.add(path + (i,), "is {} but must be at most {}{}".format(_shown(v), high, cap_note))


# ---------------------------------------------------------------------------------------
# Reading a %%nnlab cell
# ---------------------------------------------------------------------------------------


class CellError(ValueError):
    """A %%nnlab cell that cannot be read, with one line saying why."""


def _no_duplicates(pairs: List[Tuple[str, Any]]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise CellError("the key {} appears twice in one object; give each field once".format(show(key)))
        out[key] = value
    return out


def _long_number(text: str, where: str = "") -> CellError:
    return CellError("a number{} is {:,} characters long ({}); a spec's numbers have at most {:,}".format(
        where, len(text), short(text), MAX_NUMBER_CHARS))


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _long_number(text)
    return int(text)


def load_json(text: str) -> Any:
    """JSON with duplicate keys refused, over-long numbers refused and deep nesting reported in
    one line."""
    if len(text) > MAX_JSON_CHARS:
        raise CellError("the cell has {:,} characters; a spec has at most {:,}".format(len(text), MAX_JSON_CHARS))
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_json_int)
    except RecursionError:
        raise CellError("the JSON is nested too deeply; a spec nests at most 6 levels") from None


def _alias_error(event: Any) -> "CellError":
    mark = event.start_mark
    return CellError(
        "YAML aliases (*{}) are not allowed in a spec (line {}, column {}): write the values out".format(
            short(str(event.anchor)), mark.line + 1, mark.column + 1)
    )


def _shares_a_node(root: Any) -> bool:
    """Whether a composed YAML document reaches one node twice: that is what an alias makes
    (composing an alias bomb is cheap; only building its values would expand it)."""
    import yaml

    seen = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return False


def load_yaml(text: str) -> Any:
    """Safe YAML without aliases (refused before anything is expanded), merge keys, duplicate
    keys or over-long numbers. Python tags such as !!python/object stay refused, as in
    yaml.safe_load. A value PyYAML cannot build (a date such as 2001-13-14) is one line.

    Where PyYAML has libyaml (its wheels do), the text is read by libyaml's C parser and
    only the values are built in Python: a cell at the size cap reads in about a second
    instead of five to six. libyaml refuses nesting over 1000 levels itself."""
    import yaml

    if len(text) > MAX_YAML_CHARS:
        raise CellError(
            "the cell has {:,} characters, more than {:,} for YAML; write a large spec as JSON "
            "(starting with '{{')".format(len(text), MAX_YAML_CHARS)
        )

    class Checks:
        """What a spec's YAML may hold, checked as its values are built (either parser)."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    # "<<" copies another mapping in, usually one named by an alias (refused
                    # above); a spec never needs it.
                    mark = key_node.start_mark
                    raise CellError("YAML merge keys (<<) are not allowed in a spec (line {}, column {}): write "
                                    "the fields out".format(mark.line + 1, mark.column + 1))
                key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:
                    duplicate = False
                if duplicate:
                    mark = key_node.start_mark
                    raise CellError("the key {} appears twice (line {}, column {}); give each field once".format(
                        show(key), mark.line + 1, mark.column + 1))
            return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

        def construct_yaml_int(self, node: Any) -> Any:
            # Checked on the text: 0x and sexagesimal (1:59:59) ints are computed, not parsed.
            if len(node.value) > MAX_NUMBER_CHARS:
                raise _long_number(node.value, " on line {}".format(node.start_mark.line + 1))
            return super().construct_yaml_int(node)  # type: ignore[misc]

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)  # type: ignore[misc]
            except ValueError as error:
                raise CellError("{} on line {} reads as a date but is not one ({}); put it in quotes to keep it "
                                "as text".format(short(node.value), node.start_mark.line + 1, error)) from None

    class Loader(Checks, yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise _alias_error(self.peek_event())
            return super().compose_node(parent, index)

    fast = getattr(yaml, "CSafeLoader", None)
    FastLoader = type("FastLoader", (Checks, fast), {}) if fast is not None else None
    for loader_class in (Loader, FastLoader):
        if loader_class is None:
            continue
        # Registered by tag, not looked up by name: the overrides must be registered again.
        loader_class.add_constructor("tag:yaml.org,2002:int", loader_class.construct_yaml_int)
        loader_class.add_constructor("tag:yaml.org,2002:timestamp", loader_class.construct_yaml_timestamp)
    try:
        if FastLoader is None:
            return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader derives from SafeLoader
        loader = FastLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None and _shares_a_node(root):
                # Name the first alias, as the pure-Python reader does (events are cheap).
                alias = next(e for e in yaml.parse(text, Loader=fast) if isinstance(e, yaml.AliasEvent))
                raise _alias_error(alias)
            return None if root is None else loader.construct_document(root)
        finally:
            loader.dispose()
    except RecursionError:
        raise CellError("the YAML is nested too deeply; a spec nests at most 6 levels") from None
    except CellError:
        raise
    except ValueError as error:
        # Any other value PyYAML's constructors fail to build: still one line, not a traceback.
        raise CellError("the YAML has a value that cannot be read: {}".format(str(error)[:200])) from None


# ---------------------------------------------------------------------------------------
# Errors without the library's frames
# ---------------------------------------------------------------------------------------

_F = TypeVar("_F", bound=Callable[..., Any])


def user_facing(function: _F) -> _F:
    """Raise a SpecError from ``function`` with a traceback that starts and ends in the
    user's call: the frames inside this package say nothing a student can act on. IPython
    also hides this wrapper's own frame (``__tracebackhide__``)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True  # noqa: F841 - read by IPython and pytest
        try:
            return function(*args, **kwargs)
        except SpecError as error:
            raise error.with_traceback(None) from None

    return wrapper  # type: ignore[return-value]


def install_ipython_handler() -> None:
    """In IPython, show a SpecError as its message alone (as IPython shows a UsageError),
    without a traceback. Nothing is changed when another package already installed its own
    handler for custom exceptions, or outside IPython."""
    # A running IPython shell has imported IPython; elsewhere importing it would only cost
    # a plain Python script the better part of a second.
    if "IPython" not in sys.modules:
        return
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "custom_exceptions", None) not in ((), None):
        return

    def show(shell: Any, etype: Any, value: Any, tb: Any, tb_offset: Any = None) -> List[str]:
        # IPython discards what a handler returns when the error comes from a cell: show it
        # here, through the same call a kernel uses to send an error to the notebook.
        stb = ["{}: {}".format(etype.__name__, value)]
        shell._showtraceback(etype, value, stb)
        return stb

    shell.set_custom_exc((SpecError,), show)
