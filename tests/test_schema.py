"""One schema file serves both the TypeScript renderer and the Python package."""
import json
import re
from pathlib import Path

from jupyterlab_nnlab import load_schema, schema_path
from jupyterlab_nnlab._schema import edit_distance, suggest

ROOT = Path(__file__).resolve().parent.parent
REPO_SCHEMA = ROOT / "schema" / "experiment.schema.json"


def test_python_reads_the_repository_schema_from_a_source_tree():
    assert schema_path() == REPO_SCHEMA.resolve()
    assert load_schema() == json.loads(REPO_SCHEMA.read_text(encoding="utf-8"))


def test_typescript_imports_the_same_file():
    source = (ROOT / "src" / "core" / "spec.ts").read_text(encoding="utf-8")
    match = re.search(r"import \w+ from '([^']+experiment\.schema\.json)'", source)
    assert match is not None
    imported = (ROOT / "src" / "core" / match.group(1)).resolve()
    assert imported == REPO_SCHEMA.resolve()


def test_schema_is_draft_07_and_closed():
    schema = load_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    for name in ("data", "network", "training", "variant"):
        assert schema["definitions"][name]["additionalProperties"] is False


def test_schema_records_the_caps():
    definitions = load_schema()["definitions"]
    layers = definitions["network"]["properties"]["layers"]
    assert layers["maxItems"] == 9 and layers["items"]["maximum"] == 64
    assert definitions["data"]["properties"]["n"]["maximum"] == 2000
    assert definitions["training"]["properties"]["epochs"]["maximum"] == 20000
    assert load_schema()["properties"]["grid"]["maximum"] == 100


def test_suggestions_catch_swaps_and_case_but_not_strangers():
    assert edit_distance("rleu", "relu") == 1
    assert suggest("learning_rate", ["learningRate", "epochs"]) == "learningRate"
    assert suggest("epoch", ["epochs", "seed"]) == "epochs"
    assert suggest("zzzzzz", ["epochs", "seed"]) is None


def test_every_lab_keyword_comes_from_the_schema():
    # Each flat keyword of Lab() is an x-python annotation of a schema field, and every
    # annotated field (but the section keywords) is a keyword: no second table to drift.
    from jupyterlab_nnlab import lab
    from jupyterlab_nnlab._schema import keyword_table, load_schema

    table = dict(keyword_table())
    schema = load_schema()
    for name, path in lab._KEYWORDS:
        assert table[name] == path
        fields = schema["definitions"][path[0]]["properties"] if len(path) == 2 else schema["properties"]
        assert fields[path[-1]]["x-python"] == name
    assert {n for n, _ in lab._KEYWORDS} == set(table) - {"data", "compare"}
    assert table["elu_alpha"] == ("network", "eluAlpha")
    assert table["init_scale"] == ("network", "initScale")
    assert table["beta1"] == ("training", "beta1")


def test_elu_alpha_and_leaky_slope_reach_the_spec():
    from jupyterlab_nnlab import Lab

    spec = Lab(activation="elu", elu_alpha=0.5, leaky_slope=0.2).spec
    assert spec["network"]["eluAlpha"] == 0.5
    assert spec["network"]["leakySlope"] == 0.2
