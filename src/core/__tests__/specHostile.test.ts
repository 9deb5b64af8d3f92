/**
 * validateSpec against hostile input: it never throws, finishes on inputs of any size or
 * depth, keeps its error list short, and checks values filled in from the data against the
 * same caps as written ones.
 */
import fc from 'fast-check';
import { MAX_DEPTH, MAX_ERRORS, boundsErrors, capErrors, preview } from '../bounds';
import { EXPERIMENT_SCHEMA, suggestName, validateSpec } from '../spec';
import { SpecError } from '../types';
import { BASE_SPECS, hostileSpec, mutate, nested } from './specArbitraries';

/** The property every result must have, whatever the input. */
function checkResult(input: unknown): void {
  const result = validateSpec(input);
  if (result.ok) {
    expect(typeof result.spec).toBe('object');
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
  for (const error of result.errors) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    // One clear line each, of a readable length.
    expect(error.message).not.toMatch(/\n/);
    expect(error.message.length).toBeLessThan(600);
  }
}

describe('validateSpec on hostile input (property-based)', () => {
  it('every base spec of the generator is valid, so mutations start from real specs', () => {
    for (const spec of BASE_SPECS) {
      expect(validateSpec(spec)).toMatchObject({ ok: true });
    }
  });

  it('never throws, and every error has a path and one short line, for mutated specs', () => {
    fc.assert(
      fc.property(hostileSpec, input => {
        checkResult(input);
      }),
      { numRuns: 3000 }
    );
  });

  it('never throws for arbitrary values of any kind', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), input => {
        checkResult(input);
      }),
      { numRuns: 500 }
    );
  });
});

describe('bounds before work', () => {
  it('refuses a title nested 5,000 arrays deep at the depth cap, with its path', () => {
    const result = validateSpec({ title: nested(5000) });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: SpecError[] }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toMatch(/^title(\[0\])+$/);
    expect(errors[0].message).toContain(`more than ${MAX_DEPTH} levels deep`);
  });

  it('refuses a 100,000-entry compare list from its length alone, in one line', () => {
    const compare = new Array(100_000).fill({ network: { activation: 'nope' } });
    const result = validateSpec({ compare });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'compare',
          message: expect.stringContaining('has 100,000 entries but must have at most 8')
        }
      ]
    });
  });

  it('refuses a very long string and a huge list in an unknown field without walking them', () => {
    const errors = boundsErrors(
      { title: 'x'.repeat(1e6), junk: new Array(1e6).fill(0) },
      EXPERIMENT_SCHEMA
    );
    expect(errors.map(e => e.path).sort()).toEqual(['junk', 'title']);
  });

  it('refuses a cycle instead of walking it forever', () => {
    const spec: Record<string, unknown> = { data: { name: 'xor' } };
    (spec.data as Record<string, unknown>).self = spec;
    const result = validateSpec(spec);
    expect(result.ok).toBe(false);
  });

  it('reports a getter that throws as an error result', () => {
    const spec = {};
    Object.defineProperty(spec, 'title', {
      enumerable: true,
      get() {
        throw new Error('boom');
      }
    });
    const result = validateSpec(spec);
    expect(result.ok).toBe(false);
    expect((result as { errors: SpecError[] }).errors[0].message).toContain('boom');
  });

  it('never throws, whatever is thrown while it reads a field', () => {
    const revoked = () => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      return r.proxy;
    };
    const badMessage = new Error();
    Object.defineProperty(badMessage, 'message', {
      get() {
        throw 1;
      }
    });
    const objectMessage = new Error();
    (objectMessage as unknown as { message: unknown }).message = {};
    const thrown: unknown[] = [
      Object.create(null),
      revoked(),
      {
        toString() {
          throw new Error('x');
        }
      },
      badMessage,
      objectMessage,
      new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new Error('prototype');
          }
        }
      )
    ];
    for (const value of thrown) {
      const spec = {};
      Object.defineProperty(spec, 'title', {
        enumerable: true,
        get() {
          throw value;
        }
      });
      checkResult(spec);
      expect(validateSpec(spec)).toEqual({
        ok: false,
        errors: [
          { path: '', message: 'this spec could not be checked: reading one of its fields failed' }
        ]
      });
    }
    const keysThrow = new Proxy(
      {},
      {
        ownKeys() {
          throw Object.create(null);
        }
      }
    );
    checkResult(keysThrow);
    checkResult(revoked());
  });

  it('refuses objects that are not JSON data, naming their kind, before reading into them', () => {
    const cases: Array<[unknown, string, string]> = [
      [{ data: { name: 'custom', x: new Float64Array(1e7), y: [0] } }, 'data.x', 'a Float64Array'],
      [new Float64Array(1e7), '', 'a Float64Array'],
      [{ network: { layers: new Int32Array([2, 4, 1]) } }, 'network.layers', 'an Int32Array'],
      [{ data: new Map([['name', 'xor']]) }, 'data', 'a Map'],
      [{ title: new Date(0) }, 'title', 'a Date']
    ];
    for (const [spec, path, kind] of cases) {
      const result = validateSpec(spec);
      expect(result).toEqual({
        ok: false,
        errors: [
          {
            path,
            message: `${path || 'the spec'} must be JSON data (objects, lists, text, numbers), not ${kind}`
          }
        ]
      });
    }
  });

  it('sees a field as the copy it read once: no inherited fields, no second answer', () => {
    // Inherited fields: the bounds walk reads own fields only, and the schema check would
    // have read the inherited ones (a million rows of data.x here).
    const inherited = Object.create({
      data: { name: 'custom', x: new Array(1e6).fill(['a']), y: new Array(1e6).fill('a') }
    });
    expect(validateSpec(inherited)).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringContaining('not an Object') }]
    });
    // A proxy that lists no fields but answers one when asked: the checks see no data.
    const hidden = new Proxy(
      {},
      {
        get: (_target, key) => (key === 'data' ? { name: 'spiral', n: 1e9 } : undefined)
      }
    );
    const seen = validateSpec(hidden);
    expect(seen.ok).toBe(true);
    expect((seen as { spec: { data: { name: string } } }).spec.data.name).not.toBe('spiral');
    // A getter answers small the first time and huge after: the first answer is the one
    // checked and kept.
    let reads = 0;
    const changing = {};
    Object.defineProperty(changing, 'network', {
      enumerable: true,
      get: () => (reads++ === 0 ? { layers: [2, 4, 1] } : { layers: [2, 1e9, 1] })
    });
    const result = validateSpec(changing);
    expect(result.ok).toBe(true);
    expect((result as { spec: { network: { layers: number[] } } }).spec.network.layers).toEqual([
      2, 4, 1
    ]);
    expect(reads).toBe(1);
    // "__proto__" from JSON stays an own field, and an unknown one.
    const proto = validateSpec(JSON.parse('{"__proto__": {"title": 5}}'));
    expect(proto).toMatchObject({
      ok: false,
      errors: [{ path: '__proto__', message: expect.stringContaining("unknown field '__proto__'") }]
    });
  });

  it('caps long error lists: the first few, then "and N more"', () => {
    const x = Array.from({ length: 500 }, () => [0, 'a']);
    const result = validateSpec({ data: { name: 'custom', x, y: new Array(500).fill(0) } });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: SpecError[] }).errors;
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[MAX_ERRORS].message).toBe(`and ${500 - MAX_ERRORS} more problems`);
  });

  it('puts into words only the first of 300,000 numbers out of range, and says how many there are', () => {
    // Within every size cap: nine networks of 8 x 64 x 64 weights, each 1e308.
    const weights = Array.from({ length: 8 }, () =>
      Array.from({ length: 64 }, () => new Array(64).fill(1e308))
    );
    const spec = { network: { weights }, compare: new Array(8).fill({ network: { weights } }) };
    const result = validateSpec(spec);
    expect(result.ok).toBe(false);
    const errors = (result as { errors: SpecError[] }).errors;
    checkResult(spec);
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors[0].path).toBe('network.weights[0][0][0]');
    expect(errors[0].message).toContain('1e+308');
    expect(errors[MAX_ERRORS]).toEqual({
      path: '',
      message: `and more problems: the schema check found ${(9 * 8 * 64 * 64).toLocaleString('en')} in all`
    });
    // A capped list stays as it is when capped again.
    expect(capErrors(errors)).toBe(errors);
  });

  it('measures text in UTF-16 units, as the Python side does: an emoji is two', () => {
    const face = '\u{1F600}';
    expect(validateSpec({ title: face.repeat(100) }).ok).toBe(true);
    expect(validateSpec({ title: face.repeat(101) })).toMatchObject({
      ok: false,
      errors: [{ path: 'title', message: 'title is too long: 202 characters, at most 200' }]
    });
  });

  it('capErrors leaves short lists alone', () => {
    const one = [{ path: 'a', message: 'b' }];
    expect(capErrors(one)).toBe(one);
  });

  it('preview shortens huge and deep values without serialising all of them', () => {
    expect(preview(new Array(1e6).fill(1), 20)).toBe('[1,1,1,1,1,1,1,1,...');
    expect(preview(nested(100000), 12)).toBe('[[[[[[[[[...');
    expect(preview({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
  });
});

describe('filled-in values obey the caps', () => {
  it('refuses a custom class index that would need a million output units, naming data.y', () => {
    const result = validateSpec({
      data: {
        name: 'custom',
        x: [
          [0, 0],
          [1, 1],
          [0, 1],
          [1, 0]
        ],
        y: [0, 1, 0, 999999]
      }
    });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: SpecError[] }).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('data.y');
    expect(errors[0].message).toContain('the largest is 999999');
    expect(errors[0].message).toContain('at most 64 classes');
  });

  it('names data.y (not the work budget) for whole-number targets such as i * 1e4', () => {
    const x = Array.from({ length: 100 }, (_, i) => [i / 100]);
    const y = Array.from({ length: 100 }, (_, i) => i * 1e4);
    const result = validateSpec({ data: { name: 'custom', x, y } });
    expect(result.ok).toBe(false);
    const errors = (result as { errors: SpecError[] }).errors;
    expect(errors.map(e => e.path)).toEqual(['data.y']);
  });

  it('still accepts 64 classes, the cap', () => {
    const x = Array.from({ length: 64 }, (_, i) => [i, 0]);
    const y = Array.from({ length: 64 }, (_, i) => i);
    const result = validateSpec({ data: { name: 'custom', x, y } });
    expect(result.ok).toBe(true);
  });
});

describe('suggestions', () => {
  it('an empty field name gets no suggestion', () => {
    expect(suggestName('', ['n', 'noise'])).toBeUndefined();
    const result = validateSpec({ data: { '': 1 } });
    const message = (result as { errors: SpecError[] }).errors[0].message;
    expect(message).not.toContain("'n' belongs");
    expect(message).toContain('allowed:');
  });

  it('mutating a valid spec does not change the original', () => {
    const base = BASE_SPECS[2];
    const before = JSON.stringify(base);
    mutate(base, [{ path: ['data', 'n'], op: 'set', value: -1 }]);
    expect(JSON.stringify(base)).toBe(before);
  });
});
