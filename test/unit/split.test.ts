import { expect } from 'chai';
import fc from 'fast-check';
import { split } from '../../src/lib/split.ts';

type Weight = number | bigint;

const weightsOf = (entries: Array<[string, Weight]>) => new Map<string, Weight>(entries);
const asObject = (m: Map<string, number>) => Object.fromEntries(m);

/** Ascending code-unit order, written out by hand so the test does not share `<` with the code under test. */
function codeUnitCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The spec's Hamilton method, computed independently with BigInt. */
function referenceSplit(total: number, entries: Array<[string, Weight]>): Map<string, number> {
  const W = entries.reduce((s, [, w]) => s + BigInt(w), 0n);
  const out = new Map<string, number>();
  if (W === 0n) {
    for (const [k] of entries) out.set(k, 0);
    return out;
  }
  const T = BigInt(total < 0 ? -total : total);
  const floors = new Map<string, bigint>();
  const rems: Array<{ key: string; rem: bigint }> = [];
  let given = 0n;
  for (const [k, w] of entries) {
    const q = (T * BigInt(w)) / W;
    floors.set(k, q);
    given += q;
    rems.push({ key: k, rem: (T * BigInt(w)) % W });
  }
  rems.sort((a, b) => (a.rem === b.rem ? codeUnitCompare(a.key, b.key) : a.rem > b.rem ? -1 : 1));
  const R = Number(T - given);
  for (let i = 0; i < R; i++) floors.set(rems[i]!.key, floors.get(rems[i]!.key)! + 1n);
  for (const [k, v] of floors) out.set(k, total < 0 ? (v === 0n ? 0 : -Number(v)) : Number(v));
  return out;
}

const key = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  fc.constantFrom('a', 'b', 'A', 'B', 'Z', 'é', '\uffff', '😀', 'ab', 'a '),
);
const total = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
const smallTotal = fc.integer({ min: -50, max: 50 });
const weight = fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 3 }));

/** 1–60 distinct keys with weights 0..10^9 and W > 0 (small weights make ties and remainders common). */
const entries = fc
  .uniqueArray(fc.tuple(key, weight), { minLength: 1, maxLength: 60, selector: ([k]) => k })
  .filter((es) => es.some(([, w]) => w > 0));

const sumParts = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

describe('split (largest remainder)', () => {
  describe('examples', () => {
    it('splits 10000 by A:2, B:1 into 6667 and 3333', () => {
      const r = split(
        10000,
        weightsOf([
          ['A', 2],
          ['B', 1],
        ]),
      );
      expect(asObject(r)).to.deep.equal({ A: 6667, B: 3333 });
    });

    it('splits 5000 by A:20, B:10, C:0 into 3333, 1667, 0', () => {
      const r = split(
        5000,
        weightsOf([
          ['A', 20],
          ['B', 10],
          ['C', 0],
        ]),
      );
      expect(asObject(r)).to.deep.equal({ A: 3333, B: 1667, C: 0 });
    });

    it('gives a single key the whole negative total', () => {
      expect(asObject(split(-1000, weightsOf([['B', 1]])))).to.deep.equal({ B: -1000 });
    });

    it('splits a negative total as its absolute value, negated', () => {
      const w = weightsOf([
        ['A', 2],
        ['B', 1],
      ]);
      expect(asObject(split(-10000, w))).to.deep.equal({ A: -6667, B: -3333 });
      expect(asObject(split(-1, w))).to.deep.equal({ A: -1, B: 0 });
      expect(Object.is(split(-1, w).get('B'), 0), 'no negative zero').to.equal(true);
    });

    it('breaks a tie by key in ascending code-unit order, not by insertion order', () => {
      const r = split(
        1,
        weightsOf([
          ['b', 1],
          ['a', 1],
        ]),
      );
      expect(asObject(r)).to.deep.equal({ a: 1, b: 0 });
    });

    it('uses code-unit order, not locale order: "B" and "Z" come before "a"', () => {
      expect(
        asObject(
          split(
            1,
            weightsOf([
              ['a', 1],
              ['B', 1],
            ]),
          ),
        ),
      ).to.deep.equal({ a: 0, B: 1 });
      expect(
        asObject(
          split(
            1,
            weightsOf([
              ['a', 1],
              ['Z', 1],
            ]),
          ),
        ),
      ).to.deep.equal({ a: 0, Z: 1 });
      expect(
        asObject(
          split(
            2,
            weightsOf([
              ['a', 1],
              ['b', 1],
              ['Z', 1],
            ]),
          ),
        ),
      ).to.deep.equal({ Z: 1, a: 1, b: 0 });
    });

    it('uses code units, not code points: a surrogate pair sorts before U+FFFF', () => {
      const r = split(
        1,
        weightsOf([
          ['\uffff', 1],
          ['😀', 1],
        ]),
      );
      expect(r.get('😀')).to.equal(1);
      expect(r.get('\uffff')).to.equal(0);
    });

    it('gives the left-over cents to the largest remainders before looking at keys', () => {
      // 10·w/6: a → 1 rem 4, b → 3 rem 2, c → 5 rem 0; one cent left, goes to a (largest remainder).
      const r = split(
        10,
        weightsOf([
          ['c', 3],
          ['b', 2],
          ['a', 1],
        ]),
      );
      expect(asObject(r)).to.deep.equal({ a: 2, b: 3, c: 5 });
    });

    it('gives every key 0 when all weights are 0', () => {
      const w = weightsOf([
        ['A', 0],
        ['B', 0n],
      ]);
      expect(asObject(split(1234, w))).to.deep.equal({ A: 0, B: 0 });
      expect(asObject(split(-1234, w))).to.deep.equal({ A: 0, B: 0 });
      expect(split(0, new Map()).size).to.equal(0);
    });

    it('splits a zero total into zeros', () => {
      expect(
        asObject(
          split(
            0,
            weightsOf([
              ['A', 5],
              ['B', 7],
            ]),
          ),
        ),
      ).to.deep.equal({ A: 0, B: 0 });
    });

    it('accepts bigint weights beyond 2^53 exactly', () => {
      const big = 2n ** 60n;
      const r = split(
        3,
        weightsOf([
          ['A', big + 1n],
          ['B', big],
          ['C', big],
        ]),
      );
      // W = 3·2^60 + 1: A gets ⌊3·A/W⌋ = 1 (remainder 2), B and C get 0 with remainder 3·2^60 each, so the
      // two cents left go to B and C.
      expect(asObject(r)).to.deep.equal({ A: 1, B: 1, C: 1 });
      const r2 = split(
        1,
        weightsOf([
          ['B', big + 1n],
          ['A', big],
        ]),
      );
      // Remainders differ only by one unit in 2^61: a float product would call it a tie and pick A.
      expect(asObject(r2)).to.deep.equal({ A: 0, B: 1 });
    });

    it('refuses a negative weight', () => {
      expect(() =>
        split(
          100,
          weightsOf([
            ['A', 1],
            ['B', -1],
          ]),
        ),
      ).to.throw();
      expect(() =>
        split(
          100,
          weightsOf([
            ['A', 5n],
            ['B', -1n],
          ]),
        ),
      ).to.throw();
    });

    it('refuses a total that is not a safe integer', () => {
      const w = weightsOf([['A', 1]]);
      for (const t of [1.5, -0.01, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
        expect(() => split(t, w), String(t)).to.throw();
      }
    });
  });

  describe('properties', () => {
    it('parts always add up to the total', () => {
      fc.assert(
        fc.property(total, entries, (t, es) => {
          expect(sumParts(split(t, weightsOf(es)))).to.equal(t);
        }),
      );
    });

    it('returns exactly the given keys', () => {
      fc.assert(
        fc.property(total, entries, (t, es) => {
          expect([...split(t, weightsOf(es)).keys()].sort()).to.deep.equal(es.map(([k]) => k).sort());
        }),
      );
    });

    it('each part is within one cent of the exact proportion total·w/W', () => {
      fc.assert(
        fc.property(total, entries, (t, es) => {
          const W = es.reduce((s, [, w]) => s + BigInt(w), 0n);
          const r = split(t, weightsOf(es));
          for (const [k, w] of es) {
            // |part − t·w/W| < 1  ⇔  |part·W − t·w| < W
            const diff = BigInt(r.get(k)!) * W - BigInt(t) * BigInt(w);
            expect(diff < W && -diff < W, `${k}: ${r.get(k)} vs ${t}·${w}/${W}`).to.equal(true);
          }
        }),
      );
    });

    it('parts have the sign of the total (or are 0), and zero weights get 0', () => {
      fc.assert(
        fc.property(fc.oneof(total, smallTotal), entries, (t, es) => {
          const r = split(t, weightsOf(es));
          for (const [k, w] of es) {
            const part = r.get(k)!;
            expect(Number.isSafeInteger(part)).to.equal(true);
            if (t >= 0) expect(part).to.be.at.least(0);
            else expect(part).to.be.at.most(0);
            if (w === 0) expect(Object.is(part, 0), `${k} has weight 0 but got ${part}`).to.equal(true);
          }
        }),
      );
    });

    it('negating the total negates every part', () => {
      fc.assert(
        fc.property(fc.oneof(total, smallTotal), entries, (t, es) => {
          const pos = split(t, weightsOf(es));
          const neg = split(-t, weightsOf(es));
          for (const [k] of es) expect(neg.get(k)).to.equal(-pos.get(k)! || 0);
        }),
      );
    });

    it('is deterministic and does not depend on Map insertion order', () => {
      fc.assert(
        fc.property(
          fc.oneof(total, smallTotal),
          entries,
          fc.array(fc.integer(), { minLength: 60, maxLength: 60 }),
          (t, es, order) => {
            const first = asObject(split(t, weightsOf(es)));
            expect(asObject(split(t, weightsOf(es)))).to.deep.equal(first);
            const shuffled = es
              .map((e, i) => ({ e, o: order[i]! }))
              .sort((a, b) => a.o - b.o)
              .map(({ e }) => e);
            expect(asObject(split(t, weightsOf(shuffled)))).to.deep.equal(first);
            expect(asObject(split(t, weightsOf([...es].reverse())))).to.deep.equal(first);
          },
        ),
      );
    });

    it('agrees with a BigInt reference implementation', () => {
      fc.assert(
        fc.property(fc.oneof(total, smallTotal), entries, (t, es) => {
          expect(asObject(split(t, weightsOf(es)))).to.deep.equal(asObject(referenceSplit(t, es)));
        }),
        { numRuns: 500 },
      );
    });

    it('stays exact with huge bigint weights (beyond 2^53)', () => {
      const bigWeight = fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 100n }),
        fc.bigInt({ min: 2n ** 60n - 3n, max: 2n ** 60n + 3n }),
        fc.constant(0n),
      );
      const bigEntries = fc
        .uniqueArray(fc.tuple(key, bigWeight), { minLength: 1, maxLength: 20, selector: ([k]) => k })
        .filter((es) => es.some(([, w]) => w > 0n));
      fc.assert(
        fc.property(fc.oneof(total, smallTotal), bigEntries, (t, es) => {
          const r = split(t, weightsOf(es));
          expect(sumParts(r)).to.equal(t);
          expect(asObject(r)).to.deep.equal(asObject(referenceSplit(t, es)));
        }),
      );
    });

    it('gives every key 0 whenever W = 0', () => {
      const zeroEntries = fc.uniqueArray(fc.tuple(key, fc.constantFrom<Weight>(0, 0n, -0)), {
        minLength: 0,
        maxLength: 20,
        selector: ([k]) => k,
      });
      fc.assert(
        fc.property(total, zeroEntries, (t, es) => {
          const r = split(t, weightsOf(es));
          expect(r.size).to.equal(es.length);
          for (const v of r.values()) expect(Object.is(v, 0)).to.equal(true);
        }),
      );
    });
  });
});
