"""Lab(...): keywords -> spec, validation that names the argument, compare, the bundle."""
import json

import numpy as np
import pytest

from jupyterlab_nnlab import MIME_TYPE, Lab, SpecError
from jupyterlab_nnlab._schema import dataset_table


def test_keywords_land_in_their_sections():
    lab = Lab(data="xor", layers=[2, 2, 1], activation="relu", learning_rate=0.05, batch_size=0, epochs=300,
              train_fraction=1, views=["boundary", "loss"], autoplay=False, title="XOR")
    assert lab.spec == {
        "title": "XOR",
        "data": {"name": "xor", "trainFraction": 1},
        "network": {"layers": [2, 2, 1], "activation": "relu"},
        "training": {"learningRate": 0.05, "batchSize": 0, "epochs": 300},
        "views": ["boundary", "loss"],
        "autoplay": False,
    }


def test_camel_case_names_are_accepted_too():
    assert Lab(learningRate=0.1, batchSize=4).spec == Lab(learning_rate=0.1, batch_size=4).spec


def test_only_given_fields_are_written():
    assert Lab().spec == {}
    assert Lab("circle").spec == {"data": {"name": "circle"}}


def test_sections_in_spec_form():
    lab = Lab(data={"name": "spiral", "classes": 3}, network={"layers": [2, 16, 3], "output": "softmax"},
              training={"loss": "cce"})
    assert lab.spec["data"] == {"name": "spiral", "classes": 3}
    assert lab.spec["network"]["output"] == "softmax"


def test_the_same_field_twice_is_a_type_error():
    with pytest.raises(TypeError, match="twice"):
        Lab(learning_rate=0.1, learningRate=0.2)
    with pytest.raises(TypeError, match="twice"):
        Lab(layers=[2, 2, 1], network={"layers": [2, 3, 1]})


def test_unknown_keyword_is_a_type_error_with_a_suggestion():
    with pytest.raises(TypeError, match=r"'lerning_rate'; did you mean 'learning_rate'\?"):
        Lab(lerning_rate=0.1)


@pytest.mark.parametrize(
    "kwargs, argument, pattern",
    [
        ({"learning_rate": -1}, "learning_rate", r"learning_rate is -1 but must be greater than 0"),
        ({"layers": [2, 2.5, 1]}, "layers[1]", r"layers\[1\] must be a whole number, got 2.5"),
        ({"layers": [2, 65, 1]}, "layers[1]", r"at most 64 .*cap"),
        ({"epochs": 50000}, "epochs", r"epochs is 50000 but must be at most 20000"),
        ({"activation": "rleu"}, "activation", r"allowed: identity, relu.*did you mean 'relu'"),
        ({"data": "xr"}, "data", r"did you mean 'xor'"),
        ({"views": ["boundry"]}, "views[0]", r"did you mean 'boundary'"),
        ({"grid": 500}, "grid", r"at most 100"),
        ({"autoplay": "yes"}, "autoplay", r"must be True or False"),
        ({"training": {"lerningRate": 1}}, "training['lerningRate']", r"did you mean 'learningRate'"),
        ({"layers": [3, 4, 1]}, "layers[0]", r"'xor' has 2 inputs"),
        ({"layers": [2, 4, 1], "activation": ["relu", "tanh"]}, "activation", r"2 activations .* 1 hidden layer"),
    ],
)
def test_a_wrong_argument_is_named_in_the_error(kwargs, argument, pattern):
    with pytest.raises(SpecError, match=pattern) as info:
        Lab(**kwargs)
    assert info.value.argument == argument
    assert isinstance(info.value, ValueError)


def test_every_problem_is_reported():
    with pytest.raises(SpecError) as info:
        Lab(epochs=-1, grid=1)
    assert [path for path, _ in info.value.errors] == ["epochs", "grid"]
    assert "2 problems" in str(info.value)


def test_custom_numpy_data():
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    lab = Lab(x=x, y=y, layers=[2, 4, 1], epochs=np.int64(200))
    spec = lab.spec
    assert spec["data"] == {"name": "custom", "x": x.tolist(), "y": [0, 1, 1, 0]}
    assert type(spec["training"]["epochs"]) is int
    json.dumps(spec)  # plain JSON, no NumPy types left


def test_custom_data_must_be_consistent_and_finite():
    with pytest.raises(SpecError, match=r"x\[1\]\[1\] is nan") as info:
        Lab(x=np.array([[0.0, 0.0], [1.0, np.nan]]), y=[0, 1])
    assert info.value.argument == "x[1][1]"
    with pytest.raises(SpecError, match="3 targets but x has 2 rows"):
        Lab(x=[[0, 0], [1, 1]], y=[0, 1, 1])
    with pytest.raises(SpecError, match="only used with custom data"):
        Lab(data="xor", x=[[0, 0]], y=[0])
    with pytest.raises(SpecError, match="x has 3 inputs|has 3 inputs"):
        Lab(x=np.zeros((4, 3)), y=[0, 1, 1, 0], layers=[2, 4, 1])


def test_compare_keyword_accepts_names_flat_keywords_and_spec_form():
    lab = Lab(compare=["identity", {"activation": "tanh", "learning_rate": 0.1},
                       {"label": "wide", "network": {"layers": [2, 8, 1]}}])
    assert lab.spec["compare"] == [
        {"network": {"activation": "identity"}},
        {"network": {"activation": "tanh"}, "training": {"learningRate": 0.1}},
        {"label": "wide", "network": {"layers": [2, 8, 1]}},
    ]


def test_compare_method_returns_a_new_lab():
    base = Lab(data="xor", layers=[2, 4, 1])
    both = base.compare("identity").compare(activation="tanh", label="tanh")
    assert "compare" not in base.spec
    assert both.spec["compare"] == [
        {"network": {"activation": "identity"}},
        {"label": "tanh", "network": {"activation": "tanh"}},
    ]
    assert both.spec["network"] == base.spec["network"]


def test_compare_entries_are_checked():
    with pytest.raises(SpecError, match="did you mean 'activation'"):
        Lab(compare=[{"activaton": "identity"}])
    with pytest.raises(SpecError, match="data is shared"):
        Lab(compare=[{"noise": 0.1}])
    with pytest.raises(SpecError) as info:
        Lab().compare({"network": {"layers": [3, 4, 1]}})
    assert "compare[0]" in info.value.argument


def test_explicit_weights_and_biases():
    lab = Lab(layers=[2, 2, 1], weights=[[[1, 1], [1, 1]], [[1], [-2]]], biases=[[0, -1], [0]],
              output="identity", loss="mse")
    assert lab.spec["network"]["weights"][1] == [[1], [-2]]
    assert lab.spec["network"]["biases"] == [[0, -1], [0]]


def test_mimebundle():
    lab = Lab(data="xor", layers=[2, 2, 1], activation="relu", title="XOR needs a non-linearity", compare=["identity"])
    bundle = lab._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.nnlab.experiment.v1+json", "text/html", "text/plain"}
    assert MIME_TYPE == "application/vnd.nnlab.experiment.v1+json"
    assert bundle[MIME_TYPE] == lab.spec
    text = bundle["text/plain"]
    assert "XOR needs a non-linearity" in text
    assert "2-2-1" in text and "relu" in text and "identity" in text
    bundle[MIME_TYPE]["network"]["layers"][0] = 99  # a copy: the Lab is unchanged
    assert lab.spec["network"]["layers"][0] == 2


def test_summary_numbers_a_repeated_variant_name_as_the_charts_do():
    lab = Lab(data="xor", layers=[2, 4, 1], activation="relu",
              compare=[{"activation": "relu", "optimizer": "sgd"}, "tanh", "tanh"])
    text = lab._repr_mimebundle_()["text/plain"]
    assert "compare:  relu (2), tanh, tanh (4)" in text


def test_to_json_and_from_spec_round_trip():
    lab = Lab(data="moons", noise=0.2, epochs=100, compare=["identity"])
    again = Lab.from_spec(json.loads(lab.to_json()))
    assert again.spec == lab.spec


def test_from_spec_names_spec_paths():
    with pytest.raises(SpecError) as info:
        Lab.from_spec({"training": {"learningRate": 0}})
    assert info.value.argument == "training.learningRate"
    with pytest.raises(SpecError, match="belongs in network"):
        Lab.from_spec({"layers": [2, 2, 1]})


def test_features_keyword_widens_the_first_layer():
    lab = Lab("xor", features=["x1", "x2", "x1*x2"], layers=[3, 1], autoplay=False)
    assert lab.spec["data"] == {"name": "xor", "features": ["x1", "x2", "x1*x2"]}
    # Without layers, the first layer gets one unit per feature.
    # The hidden layer is the data-set table's default for the gates.
    hidden = dataset_table()["xor"]["hidden"]
    pairs = Lab("xor", features=["x1", "x1*x2"], rng="numpy").initial_weights()
    assert pairs[0][0].shape == (2, hidden[0])


def test_unknown_feature_is_an_error():
    with pytest.raises(SpecError, match="features"):
        Lab("xor", features=["x1*x3"])
