/**
 * The demo gallery: the lesson "why neural networks need non-linear activation functions",
 * one experiment per idea.
 *
 * Each demo is a markdown cell that states the point, the Python a student would run, and the
 * spec that Python displays. The spec is stored next to the code so that a demo can be
 * inserted with its widget already showing, before any kernel has started; tests check that
 * the code is valid Python and that its `Lab(...)` call carries exactly this spec.
 */
import type { SpecJSON } from './cells';

export interface Demo {
  /** Stable identifier: used in command ids and cell ids. */
  id: string;
  title: string;
  /** One sentence for the gallery. */
  summary: string;
  /** The explanation shown above the code. */
  markdown: string;
  /** A plain Python cell run before the experiment (e.g. NumPy), with no output of its own. */
  setup?: string;
  /** Python whose last expression is a `Lab(...)` call displaying `spec`. */
  code: string;
  /** The experiment spec `code` displays (before validation fills in defaults). */
  spec: SpecJSON;
}

const activationFunctions: Demo = {
  id: 'activation-functions',
  title: 'Activation functions and their derivatives',
  summary: 'Plot the common non-linearities next to their slopes.',
  markdown: `## 1. Activation functions and their derivatives

A neuron computes a weighted sum $z = x \\cdot w + b$ and then applies an **activation function** $f(z)$.
Backpropagation multiplies by the derivative $f'(z)$ at every layer, so the shape of $f'$ matters as
much as the shape of $f$.

* **Sigmoid** $\\sigma(z) = 1 / (1 + e^{-z})$ squeezes every input into $(0, 1)$; $\\sigma(0) = 0.5$,
  $\\sigma(3) \\approx 0.95$ and $\\sigma(10) \\approx 0.99995$. Its slope $\\sigma(z)(1 - \\sigma(z))$ is at
  most $0.25$ and almost zero once $|z|$ is large: the function **saturates**.
* **tanh** is a sigmoid stretched to $(-1, 1)$ and centred on 0; it saturates too.
* **ReLU** $\\max(0, z)$ has slope exactly 1 for $z > 0$ and 0 for $z < 0$: it never saturates on the
  right, but a unit whose input is always negative stops learning (a *dead* unit).
* **Leaky ReLU** keeps a small slope on the left so that units cannot die; **GELU** is a smooth ReLU.

The chart draws each function (solid) and its derivative (dashed). Nothing needs training here.`,
  code: `from jupyterlab_nnlab import Lab

# One network per activation; autoplay off: here we only look at the functions.
Lab(
    title="Activation functions and their derivatives",
    data="xor",
    layers=[2, 4, 1],
    activation="sigmoid",
    views=["functions"],
    compare=[
        {"label": "tanh", "network": {"activation": "tanh"}},
        {"label": "relu", "network": {"activation": "relu"}},
        {"label": "leaky_relu", "network": {"activation": "leaky_relu"}},
        {"label": "gelu", "network": {"activation": "gelu"}},
    ],
    autoplay=False,
)`,
  spec: {
    title: 'Activation functions and their derivatives',
    data: { name: 'xor' },
    network: { layers: [2, 4, 1], activation: 'sigmoid' },
    views: ['functions'],
    compare: [
      { label: 'tanh', network: { activation: 'tanh' } },
      { label: 'relu', network: { activation: 'relu' } },
      { label: 'leaky_relu', network: { activation: 'leaky_relu' } },
      { label: 'gelu', network: { activation: 'gelu' } }
    ],
    autoplay: false
  }
};

/** Four rows of three inputs; the target is the XOR of the first two columns. */
const COLLAPSE_X = [
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1]
];
const COLLAPSE_Y = [[0], [1], [1], [0]];

const linearCollapse: Demo = {
  id: 'linear-collapse',
  title: 'Stacked linear layers collapse into one',
  summary: 'A 3-4-10-1 network with identity activations is just x K + c.',
  markdown: `## 2. Without a non-linearity, depth buys nothing

Take a network with layers of 3, 4, 10 and 1 units and the **identity** as activation everywhere, and
train it by ordinary backpropagation on four input rows with the cost $\\tfrac12 \\sum (\\hat y - y)^2$.

Each layer computes $h_{l} = h_{l-1} W_l + b_l$. Substituting one layer into the next gives

$$\\hat y = ((x W_1 + b_1) W_2 + b_2) W_3 + b_3 = x \\underbrace{W_1 W_2 W_3}_{K} + \\underbrace{b_1 W_2 W_3 + b_2 W_3 + b_3}_{c},$$

a single affine map. However many linear layers we stack, the network can only ever represent
$x K + c$: its 14 hidden units add nothing that a single layer could not do.

The **collapse** view multiplies the trained weights out into $K$ and $c$ and plots $x K + c$
against the network's own output: the points lie on the diagonal, equal up to rounding error.`,
  code: `from jupyterlab_nnlab import Lab

x = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
y = [[0], [1], [1], [0]]

Lab(
    title="A deep linear network is one affine map",
    data="custom",
    train_fraction=1,
    x=x,
    y=y,
    layers=[3, 4, 10, 1],
    activation="identity",
    output="identity",
    loss="l2",
    optimizer="sgd",
    learning_rate=0.01,
    batch_size=0,
    epochs=300,
    views=["collapse", "loss"],
)`,
  spec: {
    title: 'A deep linear network is one affine map',
    data: { name: 'custom', trainFraction: 1, x: COLLAPSE_X, y: COLLAPSE_Y },
    network: { layers: [3, 4, 10, 1], activation: 'identity', output: 'identity' },
    training: { loss: 'l2', optimizer: 'sgd', learningRate: 0.01, batchSize: 0, epochs: 300 },
    views: ['collapse', 'loss']
  }
};

const xorLinearVsRelu: Demo = {
  id: 'xor-linear-vs-relu',
  title: 'XOR: a linear network fails, ReLU succeeds',
  summary: 'The same network trained with and without a non-linearity.',
  markdown: `## 3. XOR is not linearly separable

XOR outputs 1 when exactly one of its two inputs is 1. Put the four points on the plane: (0, 1) and
(1, 0) belong to class 1, (0, 0) and (1, 1) to class 0. **No straight line** separates the two
classes, so no linear model can classify them; the best least-squares line through the data
predicts 0.5 for every point.

Below, the same 2-16-1 network, from the same initial weights, is trained twice: once with ReLU
units and once with identity units. Watch the decision boundary: the linear network can only draw
a straight line and its loss stalls, the ReLU network bends the boundary and classifies all four
points. The **hidden** view shows the four points as the hidden layer sees them.

Try \`layers=[2, 2, 1]\`: two ReLU units are enough in principle (the next demo sets them by hand),
but trained from random starts they solve XOR from only about 1 seed in 5. A unit whose weighted
sum is negative for every input is *dead*: its gradient is zero and it never recovers. With 16
units enough of them stay alive, and the network solves XOR from 99 seeds in 100.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="XOR: identity vs ReLU",
    data="xor",
    train_fraction=1,
    layers=[2, 16, 1],
    activation="relu",
    learning_rate=0.05,
    batch_size=0,
    views=["boundary", "loss", "hidden"],
    compare=[{"label": "identity", "network": {"activation": "identity"}}],
)`,
  spec: {
    title: 'XOR: identity vs ReLU',
    data: { name: 'xor', trainFraction: 1 },
    network: { layers: [2, 16, 1], activation: 'relu' },
    training: { learningRate: 0.05, batchSize: 0 },
    views: ['boundary', 'loss', 'hidden'],
    compare: [{ label: 'identity', network: { activation: 'identity' } }]
  }
};

const handMadeXor: Demo = {
  id: 'hand-made-xor',
  title: 'A hand-made network that computes XOR exactly',
  summary: 'Two ReLU units with chosen weights solve XOR; no training needed.',
  markdown: `## 4. Two ReLU units are enough

Here nothing is learned: we set the weights by hand. With
$W = \\begin{pmatrix}1 & 1\\\\ 1 & 1\\end{pmatrix}$, $c = (0, -1)$, $w = (1, -2)^T$ and $b = 0$,
the network computes $\\hat y = \\max(0, xW + c)\\, w + b$:

| $x$ | $xW + c$ | $h = \\max(0, \\cdot)$ | $\\hat y = h w$ |
| --- | --- | --- | --- |
| (0, 0) | (0, -1) | (0, 0) | 0 |
| (0, 1) | (1, 0) | (1, 0) | 1 |
| (1, 0) | (1, 0) | (1, 0) | 1 |
| (1, 1) | (2, 1) | (2, 1) | 0 |

exactly XOR. The trick is in the hidden layer: ReLU folds (0, 1) and (1, 0) onto the same point
(1, 0), and the four inputs become three points that a **straight line can separate**. The
**hidden** view shows that space; the output layer is linear and only has to draw that line.

The widget does not start training by itself. Press play anyway: the squared error is exactly 0,
so every gradient is 0 and the weights do not move. An exact solution is a resting point.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="Hand-made XOR network",
    data="xor",
    train_fraction=1,
    layers=[2, 2, 1],
    activation="relu",
    output="identity",
    weights=[[[1, 1], [1, 1]], [[1], [-2]]],
    biases=[[0, -1], [0]],
    loss="mse",
    epochs=1,
    views=["boundary", "hidden"],
    autoplay=False,
)`,
  spec: {
    title: 'Hand-made XOR network',
    data: { name: 'xor', trainFraction: 1 },
    network: {
      layers: [2, 2, 1],
      activation: 'relu',
      output: 'identity',
      weights: [
        [
          [1, 1],
          [1, 1]
        ],
        [[1], [-2]]
      ],
      biases: [[0, -1], [0]]
    },
    training: { loss: 'mse', epochs: 1 },
    views: ['boundary', 'hidden'],
    autoplay: false
  }
};

const vanishingGradients: Demo = {
  id: 'vanishing-gradients',
  title: 'Vanishing gradients in a deep sigmoid network',
  summary: 'Gradients shrink layer by layer through saturating units; ReLU keeps them alive.',
  markdown: `## 5. Vanishing gradients

Backpropagation multiplies, layer after layer, by the derivative of the activation. The sigmoid's
derivative is at most $0.25$, and near zero wherever a unit saturates, so in a deep sigmoid network
the gradient that reaches the first layers is a product of many small numbers: those layers
barely learn.

Two networks with five hidden layers of 8 units are trained with plain gradient descent on the
circle data set, one with sigmoid units and one with ReLU. The **gradients** view plots the size
(norm) of each layer's gradient: for the sigmoid network it falls by orders of magnitude from the
output back to the input, for ReLU it stays comparable, because ReLU's slope is exactly 1 wherever
a unit is active.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="Vanishing gradients: sigmoid vs ReLU",
    data="circle",
    noise=0.1,
    layers=[2, 8, 8, 8, 8, 8, 1],
    activation="sigmoid",
    init="xavier",
    optimizer="sgd",
    learning_rate=0.1,
    epochs=300,
    views=["gradients", "loss"],
    compare=[{"label": "relu", "network": {"activation": "relu"}}],
)`,
  spec: {
    title: 'Vanishing gradients: sigmoid vs ReLU',
    data: { name: 'circle', noise: 0.1 },
    network: { layers: [2, 8, 8, 8, 8, 8, 1], activation: 'sigmoid', init: 'xavier' },
    training: { optimizer: 'sgd', learningRate: 0.1, epochs: 300 },
    views: ['gradients', 'loss'],
    compare: [{ label: 'relu', network: { activation: 'relu' } }]
  }
};

const softmaxSpiral: Demo = {
  id: 'softmax-spiral',
  title: 'Softmax and cross-entropy on a three-class spiral',
  summary: 'Three interleaved arms: a linear softmax classifier against a ReLU network.',
  markdown: `## 6. More than two classes: softmax and cross-entropy

With $k$ classes the output layer has $k$ units and **softmax** turns their values $z$ into a
probability distribution, $p_i = e^{z_i} / \\sum_j e^{z_j}$: positive and summing to 1. (In practice
each row's largest $z$ is subtracted first; the result is the same and $e^{z}$ cannot overflow.)
The loss is the **cross-entropy** $-\\log p_{\\text{true class}}$, which is small when the network is
confident and right.

The three arms of a spiral wind around each other. Without hidden non-linearities the network is a
linear softmax classifier: it can only cut the plane into three wedges with straight borders. With
ReLU hidden layers the borders curve along the arms.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="Three-class spiral: softmax + cross-entropy",
    data="spiral",
    n=300,
    noise=0.1,
    classes=3,
    layers=[2, 16, 16, 3],
    activation="relu",
    output="softmax",
    loss="cce",
    learning_rate=0.05,
    batch_size=0,
    epochs=300,
    views=["boundary", "loss"],
    compare=[{"label": "identity", "network": {"activation": "identity"}}],
)`,
  spec: {
    title: 'Three-class spiral: softmax + cross-entropy',
    data: { name: 'spiral', n: 300, noise: 0.1, classes: 3 },
    network: { layers: [2, 16, 16, 3], activation: 'relu', output: 'softmax' },
    training: { loss: 'cce', learningRate: 0.05, batchSize: 0, epochs: 300 },
    views: ['boundary', 'loss'],
    compare: [{ label: 'identity', network: { activation: 'identity' } }]
  }
};

const reluSine: Demo = {
  id: 'relu-sine',
  title: 'A few ReLU units fit a sine wave',
  summary: 'Regression: ReLU units bend the fit, identity units stay a straight line.',
  markdown: `## 7. Non-linear units bend the function

Now the target is a curve: $y = \\sin(x)$ plus a little noise, a regression problem with one input.
Each ReLU unit contributes a "hinge", a function that is flat and then rises; adding a handful of
hinges with different positions and slopes gives a **piecewise-linear** curve that can follow the
sine wave. With identity units every sum of lines is a line, so the fit can never bend.

The boundary view of a 1-D problem shows the data and the fitted curve.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="Fitting a sine wave: ReLU vs identity",
    data="sine",
    n=100,
    noise=0.05,
    layers=[1, 8, 1],
    activation="relu",
    output="identity",
    loss="mse",
    learning_rate=0.02,
    epochs=1000,
    views=["boundary", "loss"],
    compare=[{"label": "identity", "network": {"activation": "identity"}}],
)`,
  spec: {
    title: 'Fitting a sine wave: ReLU vs identity',
    data: { name: 'sine', n: 100, noise: 0.05 },
    network: { layers: [1, 8, 1], activation: 'relu', output: 'identity' },
    training: { loss: 'mse', learningRate: 0.02, epochs: 1000 },
    views: ['boundary', 'loss'],
    compare: [{ label: 'identity', network: { activation: 'identity' } }]
  }
};

const numpyBridge: Demo = {
  id: 'numpy-bridge',
  title: 'The NumPy bridge: the same initial weights in NumPy and NN Lab',
  summary: 'With rng="numpy" the widget draws the same weights as np.random.randn.',
  markdown: `## 8. Reproducible randomness: NumPy and NN Lab agree

Every network starts from random weights, and where it starts can decide where it ends up. With
**He initialisation** a layer with $n_{\\text{in}}$ inputs gets weights drawn from a standard normal
distribution and multiplied by $\\sqrt{2 / n_{\\text{in}}}$: just large enough for the signal to keep
its size through ReLU layers, which switch off about half of their units.

The first cell draws such weights by hand with NumPy's legacy generator. The second builds the same
network in NN Lab with \`rng="numpy"\` and the same seed, and asks it for its starting point with
\`lab.initial_weights()\` (one pair \`(W, b)\` per layer). The matrices are equal to the last digit,
so the cell prints \`True\`. Below them the widget's **weights** view shows the same numbers at
epoch 0 (training waits for the play button). Anything you compute in NumPy from these weights,
such as a forward pass by hand, can be checked number for number against the widget.`,
  setup: `import numpy as np

np.random.seed(0)
# He initialisation: standard normal scaled by sqrt(2 / inputs of the layer)
W1 = np.random.randn(2, 4) * np.sqrt(2 / 2)
W2 = np.random.randn(4, 1) * np.sqrt(2 / 4)
print("W1 =", W1.round(4))
print("W2 =", W2.round(4))`,
  code: `from jupyterlab_nnlab import Lab

lab = Lab(
    title="Initial weights drawn like NumPy",
    data="xor",
    train_fraction=1,
    layers=[2, 4, 1],
    activation="relu",
    init="he",
    seed=0,
    rng="numpy",
    views=["weights"],
    autoplay=False,
)
# The weights the widget starts from, as NumPy arrays: one (W, b) pair per layer
(lab_W1, lab_b1), (lab_W2, lab_b2) = lab.initial_weights()
print("NN Lab's W1:", lab_W1.round(4))
print("NN Lab's W2:", lab_W2.round(4))
print("Equal to NumPy's:", np.array_equal(lab_W1, W1) and np.array_equal(lab_W2, W2))
lab`,
  spec: {
    title: 'Initial weights drawn like NumPy',
    data: { name: 'xor', trainFraction: 1 },
    network: { layers: [2, 4, 1], activation: 'relu', init: 'he' },
    training: { seed: 0, rng: 'numpy' },
    views: ['weights'],
    autoplay: false
  }
};

const featuresXor: Demo = {
  id: 'features-xor',
  title: 'XOR without hidden units: a product feature',
  summary: 'With x1*x2 as an input, a single output unit separates XOR.',
  markdown: `## 9. The bend can come from the features

The hidden layer is not the only way to bend a boundary. Give the network a third input, the
**product** $x_1 x_2$, and XOR becomes linearly separable in the inputs themselves:
$x_1 + x_2 - 2 x_1 x_2$ is 0 at (0, 0) and (1, 1) and 1 at (0, 1) and (1, 0). A network with
**no hidden layer**, one sigmoid unit on $(x_1, x_2, x_1 x_2)$, learns weights close to that and
classifies all four points; on $(x_1, x_2)$ alone it cannot get past three of four.

The non-linearity has to come from somewhere: from the features we compute by hand, or from the
activations a network learns to use. The **network** view shows each input's map, the weights
as coloured links (hover for the value, click to set one), and the output's map: a straight line
in $(x_1, x_2, x_1 x_2)$ is a curved boundary in the plane.`,
  code: `from jupyterlab_nnlab import Lab

Lab(
    title="XOR with a product feature, no hidden layer",
    data="xor",
    features=["x1", "x2", "x1*x2"],
    layers=[3, 1],
    learning_rate=0.1,
    epochs=600,
    views=["network", "boundary", "loss"],
)`,
  spec: {
    title: 'XOR with a product feature, no hidden layer',
    data: { name: 'xor', features: ['x1', 'x2', 'x1*x2'] },
    network: { layers: [3, 1] },
    training: { learningRate: 0.1, epochs: 600 },
    views: ['network', 'boundary', 'loss']
  }
};

/** Every demo, in the order the lesson tells the story. */
export const DEMOS: readonly Demo[] = [
  activationFunctions,
  linearCollapse,
  xorLinearVsRelu,
  handMadeXor,
  vanishingGradients,
  softmaxSpiral,
  reluSine,
  numpyBridge,
  featuresXor
];

/** The demo with this id, if any. */
export function findDemo(id: string): Demo | undefined {
  return DEMOS.find(demo => demo.id === id);
}
