import { Matrix } from '../matrix';
import { Gradients, Network } from '../network';
import { createOptimizer, OptimizerOptions, weightPenalty } from '../optimizers';
import { createRng } from '../rng';

/** A one-weight, one-bias network: y = w x + b. */
function scalarNet(w: number, b: number): Network {
  return new Network([1, 1], ['identity'], { W: [Matrix.from([[w]])], b: [Float64Array.of(b)] });
}

function grads(gw: number, gb: number): Gradients {
  return { dW: [Matrix.from([[gw]])], db: [Float64Array.of(gb)], norms: [Math.hypot(gw, gb)] };
}

/** Apply steps with the given weight gradients (bias gradient equal to the weight's) and return the weights. */
function run(options: OptimizerOptions, gs: number[], w0 = 1): number[] {
  const net = scalarNet(w0, w0);
  const opt = createOptimizer(options);
  return gs.map(g => {
    opt.step(net, grads(g, g));
    expect(net.b[0][0]).toBe(net.W[0].get(0, 0)); // no regularisation here: biases move like weights
    return net.W[0].get(0, 0);
  });
}

describe('single steps against hand-computed values', () => {
  it('sgd: w <- w - lr g', () => {
    expect(run({ name: 'sgd', learningRate: 0.1 }, [0.5, 0.2])).toEqual([
      1 - 0.05,
      1 - 0.05 - 0.02
    ]);
  });

  it('momentum: buf = g, then buf = mu buf + g; w <- w - lr buf', () => {
    const [w1, w2] = run({ name: 'momentum', learningRate: 0.1, momentum: 0.9 }, [0.5, 0.2]);
    expect(w1).toBeCloseTo(0.95, 15); // buf = 0.5
    expect(w2).toBeCloseTo(0.885, 15); // buf = 0.9 * 0.5 + 0.2 = 0.65
  });

  it('nesterov: w <- w - lr (g + mu buf)', () => {
    const [w1, w2] = run({ name: 'nesterov', learningRate: 0.1, momentum: 0.9 }, [0.5, 0.2]);
    expect(w1).toBeCloseTo(1 - 0.1 * (0.5 + 0.9 * 0.5), 15); // 0.905
    expect(w2).toBeCloseTo(0.905 - 0.1 * (0.2 + 0.9 * 0.65), 15); // 0.8265
  });

  it('adam: bias-corrected moments, PyTorch defaults', () => {
    const [w1, w2] = run({ name: 'adam', learningRate: 0.1 }, [0.5, 0.2]);
    // t = 1: mhat = g, vhat = g^2, so the step is lr g / (|g| + eps)
    expect(w1).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-8), 15);
    // t = 2: m = 0.065, v = 0.00028975, mhat = m / 0.19, vhat = v / (1 - 0.999^2)
    const mhat = 0.065 / 0.19;
    const vhat = 0.00028975 / (1 - 0.999 * 0.999);
    expect(w2).toBeCloseTo(w1 - (0.1 * mhat) / (Math.sqrt(vhat) + 1e-8), 14);
    expect(w2).toBeCloseTo(0.8101424839029282, 14);
  });

  it('adam honours beta1, beta2 and epsilon', () => {
    const [w1] = run(
      { name: 'adam', learningRate: 0.01, beta1: 0.5, beta2: 0.9, epsilon: 0.1 },
      [2]
    );
    expect(w1).toBeCloseTo(1 - (0.01 * 2) / (2 + 0.1), 15);
  });
});

describe('regularisation acts on weights only', () => {
  it('l2 adds rate w to the weight gradient and (rate/2) sum w^2 to the loss', () => {
    const net = scalarNet(1, 1);
    const opt = createOptimizer({
      name: 'sgd',
      learningRate: 0.1,
      regularization: 'l2',
      regularizationRate: 0.1
    });
    expect(opt.penalty(net)).toBeCloseTo(0.05, 15);
    const g = grads(0.5, 0.5);
    opt.step(net, g);
    expect(net.W[0].get(0, 0)).toBeCloseTo(1 - 0.1 * (0.5 + 0.1 * 1), 15);
    expect(net.b[0][0]).toBeCloseTo(0.95, 15);
    // The gradients passed in are left untouched.
    expect(g.dW[0].get(0, 0)).toBe(0.5);
  });

  it('l1 adds rate sign(w) and rate sum |w|', () => {
    const net = new Network([2, 1], ['identity'], {
      W: [Matrix.from([[-2], [0]])],
      b: [Float64Array.of(3)]
    });
    const opt = createOptimizer({
      name: 'sgd',
      learningRate: 0.1,
      regularization: 'l1',
      regularizationRate: 0.1
    });
    expect(opt.penalty(net)).toBeCloseTo(0.2, 15); // biases excluded
    opt.step(net, { dW: [Matrix.from([[0.5], [0]])], db: [Float64Array.of(0)], norms: [0.5] });
    expect(net.W[0].get(0, 0)).toBeCloseTo(-2 - 0.1 * (0.5 - 0.1), 15);
    expect(net.W[0].get(1, 0)).toBe(0); // sign(0) = 0
    expect(net.b[0][0]).toBe(3);
  });

  it('penalty is zero without regularisation', () => {
    expect(weightPenalty(scalarNet(5, 5), 'none', 1)).toBe(0);
    expect(createOptimizer({ name: 'adam', learningRate: 0.1 }).penalty(scalarNet(5, 5))).toBe(0);
  });

  it('l2 with momentum matches torch.optim.SGD(weight_decay): the decayed gradient enters the buffer', () => {
    const net = scalarNet(1, 0);
    const opt = createOptimizer({
      name: 'momentum',
      learningRate: 0.1,
      momentum: 0.9,
      regularization: 'l2',
      regularizationRate: 0.5
    });
    opt.step(net, grads(0, 0)); // g' = 0.5 * 1 -> buf 0.5 -> w 0.95
    expect(net.W[0].get(0, 0)).toBeCloseTo(0.95, 15);
    opt.step(net, grads(0, 0)); // g' = 0.475 -> buf 0.45 + 0.475 = 0.925 -> w 0.8575
    expect(net.W[0].get(0, 0)).toBeCloseTo(0.8575, 15);
  });
});

describe('learning rate and state', () => {
  it('setLearningRate changes the next step and keeps the momentum', () => {
    const net = scalarNet(1, 1);
    const opt = createOptimizer({ name: 'momentum', learningRate: 0.1, momentum: 0.9 });
    opt.step(net, grads(0.5, 0.5));
    opt.setLearningRate(1);
    expect(opt.options.learningRate).toBe(1);
    opt.step(net, grads(0.2, 0.2));
    expect(net.W[0].get(0, 0)).toBeCloseTo(0.95 - 1 * 0.65, 15);
    expect(opt.steps).toBe(2);
    opt.reset();
    expect(opt.steps).toBe(0);
    opt.step(net, grads(0.2, 0.2)); // buf = g again
    expect(net.W[0].get(0, 0)).toBeCloseTo(0.3 - 0.2, 15);
    expect(() => opt.setLearningRate(-1)).toThrow();
  });

  it('rejects unknown optimisers', () => {
    expect(() => createOptimizer({ name: 'rmsprop' as never, learningRate: 0.1 })).toThrow(
      /optimiser/
    );
  });
});

describe('training end to end', () => {
  const X = Matrix.from([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1]
  ]);
  const Y = Matrix.from([[0], [1], [1], [0]]);

  it.each(['sgd', 'momentum', 'nesterov', 'adam'] as const)(
    '%s lowers the XOR loss of a 2-4-1 tanh net',
    name => {
      const net = Network.create([2, 4, 1], ['tanh', 'sigmoid'], 'xavier', createRng(4));
      const opt = createOptimizer({ name, learningRate: name === 'adam' ? 0.05 : 0.5 });
      const first = net.lossAndGradients(X, Y, 'bce').loss;
      let loss = first;
      for (let i = 0; i < 1500; i++) {
        const r = net.lossAndGradients(X, Y, 'bce');
        loss = r.loss;
        opt.step(net, r.gradients);
      }
      expect(loss).toBeLessThan(0.5 * first);
      expect(net.isFinite()).toBe(true);
    }
  );

  it('the identity network cannot learn XOR: bce stays at log 2 at best', () => {
    const net = Network.create([2, 4, 1], ['identity', 'sigmoid'], 'xavier', createRng(4));
    const opt = createOptimizer({ name: 'adam', learningRate: 0.05 });
    let loss = Infinity;
    for (let i = 0; i < 1500; i++) {
      const r = net.lossAndGradients(X, Y, 'bce');
      loss = r.loss;
      opt.step(net, r.gradients);
    }
    expect(loss).toBeGreaterThan(Math.LN2 - 1e-3);
  });
});
