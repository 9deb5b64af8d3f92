/**
 * Spec -> Python: literals, the order and selection of keyword arguments, line breaking, and
 * dropping arguments that a validator would fill in anyway.
 */
import { labArguments, labCall, pythonLiteral, withoutDefaults } from '../panelPython';
import { checkSyntax, labKeywords } from '../../demos/__tests__/python';

describe('pythonLiteral', () => {
  it('writes JSON values as Python literals', () => {
    expect(pythonLiteral(true)).toBe('True');
    expect(pythonLiteral(null)).toBe('None');
    expect(pythonLiteral(0.5)).toBe('0.5');
    expect(pythonLiteral('a "b"')).toBe('"a \\"b\\""');
    expect(pythonLiteral([1, [2, false]])).toBe('[1, [2, False]]');
    expect(pythonLiteral({ a: 1, b: undefined })).toBe('{"a": 1}');
  });
});

describe('labCall', () => {
  const spec = {
    title: 'Quote " and backslash \\',
    data: { name: 'xor', noise: 0 },
    network: { layers: [2, 3, 1], activation: 'tanh' },
    training: { learningRate: 0.1, shuffle: false },
    compare: [{ network: { activation: 'identity' } }],
    autoplay: false
  };

  it('maps nested spec fields to flat keywords in a fixed order', () => {
    expect(labArguments(spec).map(a => a.keyword)).toEqual([
      'title',
      'data',
      'noise',
      'layers',
      'activation',
      'learning_rate',
      'shuffle',
      'compare',
      'autoplay'
    ]);
  });

  it('skips values equal to the given defaults but keeps data and layers', () => {
    const keywords = labArguments(spec, {
      data: { name: 'xor', noise: 0 },
      network: { layers: [2, 3, 1] }
    }).map(a => a.keyword);
    expect(keywords).toContain('data');
    expect(keywords).toContain('layers');
    expect(keywords).not.toContain('noise');
  });

  it('is one line when short and one argument per line when long, valid either way', () => {
    const short = labCall({ data: { name: 'xor' }, network: { layers: [2, 2, 1] } });
    expect(short).toBe('Lab(data="xor", layers=[2, 2, 1])');
    const long = labCall(spec);
    expect(long.split('\n').length).toBe(labArguments(spec).length + 2);
    expect(checkSyntax([short, long])).toEqual([null, null]);
    const [kwargs] = labKeywords([`from jupyterlab_nnlab import Lab\n${long}`]);
    expect(kwargs.title).toBe(spec.title);
    expect(kwargs.shuffle).toBe(false);
    expect(kwargs.compare).toEqual(spec.compare);
  });
});

describe('withoutDefaults', () => {
  /** A toy validator: fills output from the data set, like the real one does. */
  const validate = (json: any) => {
    if (json.network?.layers === undefined) {
      return { ok: false };
    }
    const regression = json.data?.name === 'sine';
    return {
      ok: true,
      spec: {
        data: { name: json.data?.name ?? 'xor', noise: json.data?.noise ?? 0 },
        network: {
          layers: json.network.layers,
          output: json.network.output ?? (regression ? 'identity' : 'sigmoid')
        }
      }
    };
  };

  it('drops exactly the fields the validator would fill in the same way', () => {
    const reduced = withoutDefaults(
      { data: { name: 'sine', noise: 0 }, network: { layers: [1, 4, 1], output: 'identity' } },
      validate
    );
    expect(reduced).toEqual({ data: { name: 'sine' }, network: { layers: [1, 4, 1] } });
    const kept = withoutDefaults(
      { data: { name: 'xor', noise: 0.2 }, network: { layers: [2, 1], output: 'identity' } },
      validate
    );
    expect(kept).toEqual({
      data: { name: 'xor', noise: 0.2 },
      network: { layers: [2, 1], output: 'identity' }
    });
  });
});
