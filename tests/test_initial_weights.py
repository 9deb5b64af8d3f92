"""Lab(...).initial_weights(): the widget's starting weights, checked against plain NumPy.

The agreement with the browser's own draw is checked on the TypeScript side
(src/core/__tests__/numpyBridge.test.ts); here the method is compared with the NumPy
expressions a student would write by hand.
"""
import math

import numpy as np
import pytest

from jupyterlab_nnlab import Lab


def shapes(pairs):
    return [(W.shape, b.shape) for W, b in pairs]


def test_he_weights_are_numpys_randn_scaled_by_sqrt_2_over_fan_in():
    pairs = Lab(layers=[2, 8, 1], activation="relu", seed=0, rng="numpy").initial_weights()
    np.random.seed(0)
    W1 = np.random.randn(2, 8) * np.sqrt(2 / 2)
    W2 = np.random.randn(8, 1) * np.sqrt(2 / 8)
    assert shapes(pairs) == [((2, 8), (8,)), ((8, 1), (1,))]
    assert np.array_equal(pairs[0][0], W1)
    assert np.array_equal(pairs[1][0], W2)
    assert not pairs[0][1].any() and not pairs[1][1].any()


def test_xavier_is_the_default_for_tanh():
    pairs = Lab(data="moons", layers=[2, 6, 3, 1], activation="tanh", seed=42, rng="numpy").initial_weights()
    np.random.seed(42)
    expected = [np.random.randn(a, b) * math.sqrt(2 / (a + b)) for a, b in [(2, 6), (6, 3), (3, 1)]]
    for (W, _), E in zip(pairs, expected):
        assert np.array_equal(W, E)


def test_uniform_normal_and_zeros():
    uniform = Lab(layers=[2, 5, 1], init="uniform", seed=42, rng="numpy").initial_weights()
    np.random.seed(42)
    assert np.array_equal(uniform[0][0], (np.random.rand(2, 5) * 2 - 1) * (1 / math.sqrt(2)))
    assert np.array_equal(uniform[1][0], (np.random.rand(5, 1) * 2 - 1) * (1 / math.sqrt(5)))

    normal = Lab(layers=[2, 3, 1], init="normal", seed=5, rng="numpy").initial_weights()
    np.random.seed(5)
    assert np.array_equal(normal[0][0], np.random.randn(2, 3))

    zeros = Lab(layers=[2, 3, 1], init="zeros").initial_weights()
    assert shapes(zeros) == [((2, 3), (3,)), ((3, 1), (1,))]
    assert not any(W.any() for W, _ in zeros)


def test_defaults_fill_the_layers_and_the_init():
    # xor: 2 inputs, 16 ReLU units (the schema's data-set table), one sigmoid output, He.
    pairs = Lab(seed=1, rng="numpy").initial_weights()
    np.random.seed(1)
    assert shapes(pairs) == [((2, 16), (16,)), ((16, 1), (1,))]
    assert np.array_equal(pairs[0][0], np.random.randn(2, 16) * math.sqrt(2 / 2))
    # spiral with 3 classes: two hidden layers of 16 and a softmax output of 3.
    assert [W.shape for W, _ in Lab("spiral", classes=3, rng="numpy").initial_weights()] == [(2, 16), (16, 16), (16, 3)]
    # sine: one input, one output; sigmoid hidden units get Xavier.
    pairs = Lab("sine", activation="sigmoid", rng="numpy").initial_weights()
    np.random.seed(0)
    assert np.array_equal(pairs[0][0], np.random.randn(1, 8) * math.sqrt(2 / 9))


def test_explicit_weights_come_back_as_given_whatever_the_generator():
    weights = [[[1, 1], [1, 1]], [[1], [-2]]]
    biases = [[0, -1], [0]]
    pairs = Lab(layers=[2, 2, 1], weights=weights, biases=biases).initial_weights()
    assert [W.tolist() for W, _ in pairs] == weights
    assert [b.tolist() for _, b in pairs] == biases


def test_the_global_numpy_generator_is_left_alone():
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    Lab(layers=[2, 4, 1], rng="numpy").initial_weights()
    assert np.array_equal(np.random.rand(3), expected)


def test_the_default_generator_cannot_be_reproduced():
    with pytest.raises(ValueError, match='rng="numpy"'):
        Lab(layers=[2, 4, 1]).initial_weights()
    with pytest.raises(ValueError, match="'default'"):
        Lab(layers=[2, 4, 1], rng="default").initial_weights()


def test_variants_share_the_base_weights_when_the_layers_agree():
    lab = Lab(layers=[2, 8, 1], seed=42, rng="numpy").compare(
        "identity", {"layers": [2, 5, 1], "seed": 3}, {"layers": [2, 4, 4, 1], "init": "uniform"}
    )
    base = lab.initial_weights()
    same = lab.initial_weights(variant=1)
    assert all(np.array_equal(W, V) for (W, _), (V, _) in zip(base, same))
    own = lab.initial_weights(variant=2)
    np.random.seed(3)
    assert np.array_equal(own[0][0], np.random.randn(2, 5) * math.sqrt(2 / 2))
    uniform = lab.initial_weights(variant=3)
    np.random.seed(42)
    assert np.array_equal(uniform[0][0], (np.random.rand(2, 4) * 2 - 1) * (1 / math.sqrt(2)))
    with pytest.raises(ValueError, match="variant"):
        lab.initial_weights(variant=4)


def test_a_variant_that_does_not_exist_is_named():
    with pytest.raises(ValueError, match="no compare entries"):
        Lab(rng="numpy").initial_weights(variant=1)
    with pytest.raises(ValueError, match="variant"):
        Lab(rng="numpy").compare("tanh").initial_weights(variant=-1)


def test_init_scale_multiplies_the_draw_as_numpy_does():
    # The first network of many courses: W = 0.01 * np.random.randn(n_in, n_out).
    rows = dict(x=[[1, 2, 3], [0, 1, 0]], y=[[0.5, 1.5], [1.0, 0.0]])
    pairs = Lab(layers=[3, 4, 2], init="normal", init_scale=0.01, seed=7, rng="numpy", **rows).initial_weights()
    np.random.seed(7)
    assert np.array_equal(pairs[0][0], 0.01 * np.random.randn(3, 4))
    assert np.array_equal(pairs[1][0], 0.01 * np.random.randn(4, 2))
    # With a scheme's own scale the factor comes after it: randn * std * init_scale.
    he = Lab(layers=[2, 3, 1], init="he", init_scale=0.5, seed=2, rng="numpy").initial_weights()
    np.random.seed(2)
    assert np.array_equal(he[0][0], np.random.randn(2, 3) * math.sqrt(2 / 2) * 0.5)


def test_a_forward_pass_alone_needs_no_targets():
    # epochs=0 trains nothing: custom inputs without y, a ReLU output layer, 0.1 * randn weights.
    X = [[1.0, 2.0, 3.0], [-1.5, 2.7, 0.3]]
    lab = Lab(x=X, layers=[3, 4], output="relu", init="normal", init_scale=0.1, epochs=0, rng="numpy", views=["values"])
    assert "y" not in lab.spec["data"]
    (W, b), = lab.initial_weights()
    np.random.seed(0)
    assert np.array_equal(W, 0.1 * np.random.randn(3, 4))
    with pytest.raises(ValueError, match="epochs=0"):
        Lab(x=X, layers=[3, 4], output="relu")
