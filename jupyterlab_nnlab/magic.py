"""The ``%%nnlab`` cell magic: an experiment spec written as YAML or JSON.

    %load_ext jupyterlab_nnlab

    %%nnlab
    title: XOR needs a non-linearity
    data: xor
    network: {layers: [2, 4, 1], activation: relu}
    compare:
      - network: {activation: identity}

The fields are the spec's own (camelCase, in sections); ``data: xor`` is short for
``data: {name: xor}``. The cell shows the live experiment; ``%%nnlab lab`` also stores the
``Lab`` in the variable ``lab``. A spec that does not parse or is not valid prints one clear
message (a UsageError, which IPython shows without a traceback).
"""

import json
import keyword
import unicodedata
from typing import Any, Dict

from ._safety import CellError, load_json, load_yaml
from ._schema import SpecError, show
from .lab import Lab

_EXAMPLE = "data: xor\nnetwork: {layers: [2, 4, 1], activation: relu}"


def _usage_error(message: str) -> Exception:
    from IPython.core.error import UsageError

    return UsageError(message)


def parse_spec_text(text: str) -> Dict[str, Any]:
    """The spec written in a cell: JSON when it starts with '{', YAML otherwise."""
    stripped = text.strip()
    if not stripped:
        raise _usage_error("the %%nnlab cell is empty: write an experiment spec in YAML or JSON, e.g.\n" + _EXAMPLE)
    if stripped.startswith("{"):
        try:
            spec = load_json(stripped)
        except CellError as e:
            raise _usage_error("the %%nnlab cell is not a usable spec: {}".format(e)) from None
        except json.JSONDecodeError as e:
            raise _usage_error(
                "the %%nnlab cell is not valid JSON: {} (line {}, column {})".format(e.msg, e.lineno, e.colno)
            ) from None
    else:
        try:
            import yaml
        except ImportError:  # pragma: no cover - PyYAML comes with JupyterLab
            raise _usage_error(
                "reading a YAML spec needs the 'pyyaml' package (pip install pyyaml); JSON works without it"
            ) from None
        try:
            # Safe YAML without aliases or duplicate keys, read only up to a size limit.
            spec = load_yaml(stripped)
        except CellError as e:
            raise _usage_error("the %%nnlab cell is not a usable spec: {}".format(e)) from None
        except yaml.YAMLError as e:
            where = ""
            mark = getattr(e, "problem_mark", None)
            if mark is not None:
                where = " (line {}, column {})".format(mark.line + 1, mark.column + 1)
            problem = getattr(e, "problem", None) or str(e)
            raise _usage_error("the %%nnlab cell is not valid YAML: {}{}".format(problem, where)) from None
    if not isinstance(spec, dict):
        raise _usage_error(
            "the %%nnlab cell must hold an experiment spec with named fields (data, network, training, ...), "
            "got {}".format(type(spec).__name__)
        )
    return spec


def nnlab_from_cell(text: str) -> Lab:
    """Parse and validate a cell's spec; every problem becomes a UsageError."""
    spec = parse_spec_text(text)
    if isinstance(spec.get("data"), str):
        # Shorthand as in Lab(data="xor"): a data set name alone.
        spec["data"] = {"name": spec["data"]}
    try:
        return Lab.from_spec(spec)
    except SpecError as e:
        prefix = "the experiment spec is not valid: " if len(e.errors) == 1 else ""
        raise _usage_error(prefix + str(e)) from None


#: Names the shell itself needs: binding one to a Lab breaks every later cell (or magic).
_SHELL_NAMES = ("get_ipython", "exit", "quit", "In", "Out", "display")


def variable_name_problem(name: str) -> str:
    """Why ``name`` cannot take the Lab of a ``%%nnlab NAME`` cell, or "" when it can."""
    if len(name) > 100 or not name.isidentifier():
        return "%%nnlab takes an optional variable name, got {}".format(show(name))
    if keyword.iskeyword(name):
        return "%%nnlab {}: {} is a Python keyword, not a variable name".format(name, name)
    if name.startswith("__") and name.endswith("__") or name in _SHELL_NAMES:
        return "%%nnlab {}: that name belongs to Python or IPython; choose another, e.g. lab".format(name)
    if unicodedata.normalize("NFKC", name) != name:
        # Python reads the name in code as its NFKC form: the Lab would be out of reach.
        return "%%nnlab {}: Python reads this name as {}; write it so".format(
            name, unicodedata.normalize("NFKC", name))
    return ""


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%nnlab`` (called by ``%load_ext jupyterlab_nnlab``)."""

    def nnlab(line: str, cell: str) -> None:
        name = line.strip()
        problem = variable_name_problem(name) if name else ""
        if problem:
            raise _usage_error(problem)
        lab = nnlab_from_cell(cell)
        if name:
            ipython.user_ns[name] = lab
        from IPython.display import display

        display(lab)

    from IPython.core.magic import MAGIC_NO_VAR_EXPAND_ATTR

    nnlab.__doc__ = __doc__
    # The line is a variable name, not text for IPython to expand ($x, {x}): expanding a long
    # line took seconds before the magic saw it.
    setattr(nnlab, MAGIC_NO_VAR_EXPAND_ATTR, True)
    ipython.register_magic_function(nnlab, magic_kind="cell", magic_name="nnlab")
