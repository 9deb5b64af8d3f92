/**
 * Activation functions: the non-linearities that stop a stack of layers from collapsing
 * into a single affine map.
 *
 * Every activation comes with its value f(x), its derivative f'(x), the formulas in LaTeX
 * for the "functions" view, a one-line description and whether it saturates (flat on both
 * sides, so that gradients vanish for large |x|).
 *
 * Besides the scalar f and df, each activation has matrix kernels `forward(Z, A)` and
 * `backward(Z, A, dA, dZ)` used by the network. They are plain loops over the Float64Array
 * storage (no allocation). Where it is cheaper the derivative is taken from the output A
 * (sigmoid: a(1 - a), tanh: 1 - a^2) instead of recomputing f from Z.
 */
import { Matrix } from './matrix';
import { tanh, sigmoid, softplus, normalCdf, normalPdf } from './scalarMath';
import type { ActivationName } from './types';

export { tanh, sigmoid, softplus, erf, erfc, normalCdf, normalPdf } from './scalarMath';

export type { ActivationName } from './types';

/** Every activation, in the order the UI lists them. */
export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'identity',
  'relu',
  'leaky_relu',
  'elu',
  'sigmoid',
  'tanh',
  'softplus',
  'swish',
  'gelu',
  'sin',
  'cos',
  'step',
  'softmax'
];

/** Activations allowed on the output layer: all of them (schema: outputActivation). */
export const OUTPUT_NAMES: readonly ActivationName[] = ACTIVATION_NAMES;

export interface ActivationInfo {
  name: ActivationName;
  /** Display name, e.g. "Leaky ReLU". */
  label: string;
  /** Scalar value f(x). For softmax: the two-class case, softmax([x, 0])[0] = sigmoid(x). */
  f(x: number): number;
  /** Scalar derivative f'(x) with respect to the pre-activation x. */
  df(x: number): number;
  /** LaTeX of f. */
  formula: string;
  /** LaTeX of f'. */
  derivative: string;
  description: string;
  /** True when f is flat on both sides, so that f'(x) -> 0 as |x| -> infinity. */
  saturates: boolean;
  /** False only for softmax, which mixes the entries of a row. */
  elementwise: boolean;
  /** A = f(Z), entry by entry (softmax: row by row). `a` may be `z` itself. */
  forward(z: Matrix, a: Matrix): void;
  /**
   * dZ = dL/dZ from dA = dL/dA and the forward values Z and A = f(Z).
   * Elementwise: dZ = dA * f'(Z). Softmax: the Jacobian-vector product
   * dZ_i = a_i (dA_i - sum_j dA_j a_j) per row. `dZ` may be `dA` itself (in place).
   */
  backward(z: Matrix, a: Matrix, dA: Matrix, dZ: Matrix): void;
}

/** Tunable constants of the parametric activations. */
export interface ActivationParams {
  /** Slope of leaky ReLU for x < 0 (default 0.01, as in PyTorch). */
  leakySlope?: number;
  /** ELU's alpha: the value it tends to for x -> -infinity is -alpha (default 1). */
  eluAlpha?: number;
}

export const DEFAULT_LEAKY_SLOPE = 0.01;
export const DEFAULT_ELU_ALPHA = 1;

/**
 * Row-wise softmax into `out` (may be `z` itself): out_ij = e^{z_ij - m_i} / sum_k e^{z_ik - m_i}
 * with m_i the row maximum, so that the largest exponent is e^0 = 1 and nothing overflows.
 */
export function softmaxRows(z: Matrix, out: Matrix): Matrix {
  const n = z.rows;
  const m = z.cols;
  const Z = z.data;
  const A = out.data;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let max = -Infinity;
    for (let j = 0; j < m; j++) {
      if (Z[o + j] > max) {
        max = Z[o + j];
      }
    }
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp(Z[o + j] - max);
      A[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < m; j++) {
      A[o + j] *= inv;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Matrix kernels
// ---------------------------------------------------------------------------------------

type Kernel = Pick<ActivationInfo, 'forward' | 'backward'>;

/** Generic kernels from scalar f and df (used where no faster form is worth writing). */
function scalarKernels(f: (x: number) => number, df: (x: number) => number): Kernel {
  return {
    forward(z, a) {
      const Z = z.data;
      const A = a.data;
      for (let i = 0; i < Z.length; i++) {
        A[i] = f(Z[i]);
      }
    },
    backward(z, _a, dA, dZ) {
      const Z = z.data;
      const G = dA.data;
      const D = dZ.data;
      for (let i = 0; i < Z.length; i++) {
        D[i] = G[i] * df(Z[i]);
      }
    }
  };
}

const identityKernels: Kernel = {
  forward(z, a) {
    if (a !== z) {
      a.data.set(z.data);
    }
  },
  backward(_z, _a, dA, dZ) {
    if (dZ !== dA) {
      dZ.data.set(dA.data);
    }
  }
};

const reluKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = Z[i] > 0 ? Z[i] : 0;
    }
  },
  backward(z, _a, dA, dZ) {
    const Z = z.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < Z.length; i++) {
      D[i] = Z[i] > 0 ? G[i] : 0;
    }
  }
};

function leakyKernels(slope: number): Kernel {
  return {
    forward(z, a) {
      const Z = z.data;
      const A = a.data;
      for (let i = 0; i < Z.length; i++) {
        A[i] = Z[i] > 0 ? Z[i] : slope * Z[i];
      }
    },
    backward(z, _a, dA, dZ) {
      const Z = z.data;
      const G = dA.data;
      const D = dZ.data;
      for (let i = 0; i < Z.length; i++) {
        D[i] = Z[i] > 0 ? G[i] : slope * G[i];
      }
    }
  };
}

const sigmoidKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = sigmoid(Z[i]);
    }
  },
  // sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a)
  backward(_z, a, dA, dZ) {
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < A.length; i++) {
      D[i] = G[i] * A[i] * (1 - A[i]);
    }
  }
};

const tanhKernels: Kernel = {
  forward(z, a) {
    const Z = z.data;
    const A = a.data;
    for (let i = 0; i < Z.length; i++) {
      A[i] = tanh(Z[i]);
    }
  },
  // tanh'(z) = 1 - tanh(z)^2 = 1 - a^2
  backward(_z, a, dA, dZ) {
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < A.length; i++) {
      D[i] = G[i] * (1 - A[i] * A[i]);
    }
  }
};

const softmaxKernels: Kernel = {
  forward(z, a) {
    softmaxRows(z, a);
  },
  // Jacobian-vector product of softmax: J = diag(a) - a a^T, so (J^T g)_i = a_i (g_i - a . g).
  backward(_z, a, dA, dZ) {
    const n = a.rows;
    const m = a.cols;
    const A = a.data;
    const G = dA.data;
    const D = dZ.data;
    for (let i = 0; i < n; i++) {
      const o = i * m;
      let dot = 0;
      for (let j = 0; j < m; j++) {
        dot += A[o + j] * G[o + j];
      }
      for (let j = 0; j < m; j++) {
        D[o + j] = A[o + j] * (G[o + j] - dot);
      }
    }
  }
};

// ---------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------

function build(params: ActivationParams = {}): Record<ActivationName, ActivationInfo> {
  const slope = params.leakySlope ?? DEFAULT_LEAKY_SLOPE;
  const alpha = params.eluAlpha ?? DEFAULT_ELU_ALPHA;

  const eluF = (x: number): number => (x > 0 ? x : alpha * Math.expm1(x));
  const eluDf = (x: number): number => (x > 0 ? 1 : alpha * Math.exp(x));
  // swish(x) = x sigma(x); swish'(x) = sigma(x) + x sigma(x)(1 - sigma(x))
  const swishF = (x: number): number => x * sigmoid(x);
  const swishDf = (x: number): number => {
    const s = sigmoid(x);
    return s * (1 + x * (1 - s));
  };
  // gelu(x) = x Phi(x) (exact erf form); gelu'(x) = Phi(x) + x phi(x)
  const geluF = (x: number): number => x * normalCdf(x);
  const geluDf = (x: number): number => normalCdf(x) + x * normalPdf(x);
  const sigmoidDf = (x: number): number => {
    const s = sigmoid(x);
    return s * (1 - s);
  };

  return {
    identity: {
      name: 'identity',
      label: 'Identity',
      f: x => x,
      df: () => 1,
      formula: String.raw`f(x) = x`,
      derivative: String.raw`f'(x) = 1`,
      description:
        'Passes its input through unchanged: a network of identity layers is one affine map.',
      saturates: false,
      elementwise: true,
      ...identityKernels
    },
    relu: {
      name: 'relu',
      label: 'ReLU',
      f: x => (x > 0 ? x : 0),
      // At the kink x = 0 we use 0, the convention of PyTorch.
      df: x => (x > 0 ? 1 : 0),
      formula: String.raw`f(x) = \max(0, x)`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
      description:
        'Zero for negative inputs, the identity for positive ones: piecewise linear, cheap, can die.',
      saturates: false,
      elementwise: true,
      ...reluKernels
    },
    leaky_relu: {
      name: 'leaky_relu',
      label: 'Leaky ReLU',
      f: x => (x > 0 ? x : slope * x),
      df: x => (x > 0 ? 1 : slope),
      formula: String.raw`f(x) = \begin{cases} x & x > 0 \\ ${slope} x & x \le 0 \end{cases}`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ ${slope} & x \le 0 \end{cases}`,
      description: `Like ReLU but with a small slope (${slope}) for negative inputs, so units never die completely.`,
      saturates: false,
      elementwise: true,
      ...leakyKernels(slope)
    },
    elu: {
      name: 'elu',
      label: 'ELU',
      f: eluF,
      df: eluDf,
      formula: String.raw`f(x) = \begin{cases} x & x > 0 \\ ${alpha}\,(e^{x} - 1) & x \le 0 \end{cases}`,
      derivative: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ ${alpha}\,e^{x} & x \le 0 \end{cases}`,
      description:
        'The identity for positive inputs, a smooth exponential curve down to -alpha for negative ones.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(eluF, eluDf)
    },
    sigmoid: {
      name: 'sigmoid',
      label: 'Sigmoid',
      f: sigmoid,
      df: sigmoidDf,
      formula: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`,
      derivative: String.raw`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`,
      description:
        'Squashes any number into (0, 1); flat tails make gradients vanish (at most 1/4).',
      saturates: true,
      elementwise: true,
      ...sigmoidKernels
    },
    tanh: {
      name: 'tanh',
      label: 'Tanh',
      f: tanh,
      df: x => {
        const t = tanh(x);
        return 1 - t * t;
      },
      formula: String.raw`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
      derivative: String.raw`\tanh'(x) = 1 - \tanh^2(x)`,
      description:
        'Squashes into (-1, 1), centred at zero; saturates for large |x| like the sigmoid.',
      saturates: true,
      elementwise: true,
      ...tanhKernels
    },
    softplus: {
      name: 'softplus',
      label: 'Softplus',
      f: softplus,
      df: sigmoid,
      formula: String.raw`f(x) = \log(1 + e^{x})`,
      derivative: String.raw`f'(x) = \sigma(x) = \frac{1}{1 + e^{-x}}`,
      description: 'A smooth ReLU: log(1 + e^x); its derivative is the sigmoid.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(softplus, sigmoid)
    },
    swish: {
      name: 'swish',
      label: 'Swish / SiLU',
      f: swishF,
      df: swishDf,
      formula: String.raw`f(x) = x\,\sigma(x)`,
      derivative: String.raw`f'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)`,
      description:
        'x times its sigmoid (SiLU): smooth, slightly negative dip, close to ReLU for large |x|.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(swishF, swishDf)
    },
    gelu: {
      name: 'gelu',
      label: 'GELU',
      f: geluF,
      df: geluDf,
      formula: String.raw`f(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)`,
      derivative: String.raw`f'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}`,
      description:
        "x weighted by the normal CDF (exact erf form, as PyTorch's default): a smooth ReLU used in transformers.",
      saturates: false,
      elementwise: true,
      ...scalarKernels(geluF, geluDf)
    },
    sin: {
      name: 'sin',
      label: 'Sine',
      f: Math.sin,
      df: Math.cos,
      formula: String.raw`f(x) = \sin(x)`,
      derivative: String.raw`f'(x) = \cos(x)`,
      description: 'Periodic and smooth: bends the input space in waves rather than folds.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(Math.sin, Math.cos)
    },
    cos: {
      name: 'cos',
      label: 'Cosine',
      f: Math.cos,
      df: x => -Math.sin(x),
      formula: String.raw`f(x) = \cos(x)`,
      derivative: String.raw`f'(x) = -\sin(x)`,
      description:
        'Periodic and even: cos(-x) = cos(x), so a single unit can already fold the line.',
      saturates: false,
      elementwise: true,
      ...scalarKernels(Math.cos, x => -Math.sin(x))
    },
    step: {
      name: 'step',
      label: 'Step',
      f: x => (x >= 0 ? 1 : 0),
      // Zero almost everywhere (undefined at 0): gradient descent gets no signal through it.
      df: () => 0,
      formula: String.raw`f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}`,
      derivative: String.raw`f'(x) = 0 \quad (x \ne 0)`,
      description:
        "The perceptron's threshold: 0 or 1. Its derivative is zero, so backpropagation cannot train it.",
      saturates: true,
      elementwise: true,
      ...scalarKernels(
        x => (x >= 0 ? 1 : 0),
        () => 0
      )
    },
    softmax: {
      name: 'softmax',
      label: 'Softmax',
      // Scalar view: the two-class case softmax([x, 0])_0 = sigmoid(x).
      f: sigmoid,
      df: sigmoidDf,
      formula: String.raw`\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}`,
      derivative: String.raw`\frac{\partial\,\operatorname{softmax}(z)_i}{\partial z_j} = s_i\,(\delta_{ij} - s_j)`,
      description:
        'Turns a row of scores into probabilities that sum to 1 (computed after subtracting the row max).',
      saturates: true,
      elementwise: false,
      ...softmaxKernels
    }
  };
}

/** The activations with their default constants (leaky slope 0.01, ELU alpha 1). */
export const ACTIVATIONS: Readonly<Record<ActivationName, ActivationInfo>> = build();

/**
 * One activation, with custom constants when given (leaky ReLU slope, ELU alpha).
 * Without parameters (or with the defaults) it returns the shared entry of ACTIVATIONS.
 */
export function getActivation(name: ActivationName, params: ActivationParams = {}): ActivationInfo {
  if (!(name in ACTIVATIONS)) {
    throw new Error(`Unknown activation "${name}"`);
  }
  const slope = params.leakySlope ?? DEFAULT_LEAKY_SLOPE;
  const alpha = params.eluAlpha ?? DEFAULT_ELU_ALPHA;
  if (
    (name === 'leaky_relu' && slope !== DEFAULT_LEAKY_SLOPE) ||
    (name === 'elu' && alpha !== DEFAULT_ELU_ALPHA)
  ) {
    return build(params)[name];
  }
  return ACTIVATIONS[name];
}
