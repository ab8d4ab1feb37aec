import { expect } from 'chai';
import fc from 'fast-check';
import { split } from '../../src/lib/split.ts';
import {
  allocateStipends,
  splitLine,
  StipendInputError,
  type StipendInput,
  type StipendResult,
} from '../../src/stipends/allocate.ts';

type Line = StipendInput['lines'][number];

function input(
  over: Omit<Partial<StipendInput>, 'policy'> & { policy?: Partial<StipendInput['policy']> } = {},
): StipendInput {
  return {
    period: '2026-10',
    workdays: 20,
    participants: [],
    lines: [],
    costsCents: 0,
    ...over,
    policy: { poolShareBps: 7000, deductCosts: false, baseAmountCents: 5000, capCents: null, ...over.policy },
  };
}

const line = (id: string, amountCents: number, ...contributions: Array<[string, number]>): Line => ({
  id,
  amountCents,
  contributions: contributions.map(([participantId, weight]) => ({ participantId, weight })),
});
const people = (...ps: Array<[string, number]>) => ps.map(([id, attendanceDays]) => ({ id, attendanceDays }));

/** id → [attributed, base, perf, total, capped] */
function byId(r: StipendResult): Record<string, [number, number, number, number, boolean]> {
  return Object.fromEntries(
    r.participants.map((p) => [
      p.id,
      [p.attributedSalesCents, p.baseCents, p.performanceCents, p.totalCents, p.capped],
    ]),
  );
}
const totals = (r: StipendResult) => [
  r.basisCents,
  r.poolCents,
  r.reserveCents,
  r.allocatedCents,
  r.unallocatedCents,
];

// ---- An independent BigInt reference of the contract, written straight from docs/domain.md. ----

function codeUnitCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function refSplit(total: bigint, weights: Map<string, bigint>): Map<string, bigint> {
  const W = [...weights.values()].reduce((s, w) => s + w, 0n);
  const out = new Map<string, bigint>();
  for (const k of weights.keys()) out.set(k, 0n);
  if (W === 0n) return out;
  const T = total < 0n ? -total : total;
  const rems: Array<[string, bigint]> = [];
  let given = 0n;
  for (const [k, w] of weights) {
    out.set(k, (T * w) / W);
    given += (T * w) / W;
    rems.push([k, (T * w) % W]);
  }
  rems.sort((a, b) => (a[1] === b[1] ? codeUnitCompare(a[0], b[0]) : a[1] > b[1] ? -1 : 1));
  for (let i = 0n; i < T - given; i++) {
    const k = rems[Number(i)]![0];
    out.set(k, out.get(k)! + 1n);
  }
  if (total < 0n) for (const [k, v] of out) out.set(k, -v);
  return out;
}

function reference(inp: StipendInput): StipendResult {
  const B = BigInt;
  const ids = inp.participants.map((p) => p.id).sort(codeUnitCompare);
  const days = new Map(inp.participants.map((p) => [p.id, B(p.attendanceDays)]));
  const sumLines = inp.lines.reduce((s, l) => s + B(l.amountCents), 0n);
  let basis = sumLines - (inp.policy.deductCosts ? B(inp.costsCents) : 0n);
  if (basis < 0n) basis = 0n;
  const pool = (basis * B(inp.policy.poolShareBps)) / 10000n;
  const sums = new Map(ids.map((id) => [id, 0n]));
  for (const l of inp.lines) {
    const w = new Map<string, bigint>();
    for (const c of l.contributions) w.set(c.participantId, (w.get(c.participantId) ?? 0n) + B(c.weight));
    const byWeights = [...w.values()].some((x) => x > 0n);
    for (const [id, v] of refSplit(B(l.amountCents), byWeights ? w : days)) sums.set(id, sums.get(id)! + v);
  }
  const attr = new Map(ids.map((id) => [id, sums.get(id)! < 0n ? 0n : sums.get(id)!]));
  const wd = B(inp.workdays);
  let base = new Map(
    ids.map((id) => [id, (B(inp.policy.baseAmountCents) * (days.get(id)! < wd ? days.get(id)! : wd)) / wd]),
  );
  const sumBase = [...base.values()].reduce((s, v) => s + v, 0n);
  let P = pool - sumBase;
  if (sumBase > pool) {
    base = refSplit(pool, base);
    P = 0n;
  }
  const perf = refSplit(P, attr);
  const capped = new Set<string>();
  if (inp.policy.capCents !== null) {
    const cap = B(inp.policy.capCents);
    for (;;) {
      let cut = 0n;
      for (const id of ids) {
        const t = base.get(id)! + perf.get(id)!;
        if (t <= cap) continue;
        cut += t - cap;
        const b = base.get(id)! < cap ? base.get(id)! : cap;
        base.set(id, b);
        perf.set(id, cap - b);
        capped.add(id);
      }
      if (cut === 0n) break;
      const receivers = new Map([...attr].filter(([id, a]) => a > 0n && !capped.has(id)));
      if (receivers.size === 0) break;
      for (const [id, v] of refSplit(cut, receivers)) perf.set(id, perf.get(id)! + v);
    }
  }
  const participants = ids.map((id) => ({
    id,
    attributedSalesCents: Number(attr.get(id)!),
    baseCents: Number(base.get(id)!),
    performanceCents: Number(perf.get(id)!),
    totalCents: Number(base.get(id)! + perf.get(id)!),
    capped: capped.has(id),
  }));
  const allocated = participants.reduce((s, p) => s + B(p.totalCents), 0n);
  return {
    period: inp.period,
    basisCents: Number(basis),
    poolCents: Number(pool),
    reserveCents: Number(basis - pool),
    allocatedCents: Number(allocated),
    unallocatedCents: Number(pool - allocated),
    participants,
  };
}

// ---- Random valid inputs. ----

const idArb = fc.oneof(
  fc.constantFrom('A', 'B', 'C', 'a', 'b', 'Z', 'é', '\uffff', '😀', 'p-10', 'p-9'),
  fc.string({ minLength: 1, maxLength: 4 }),
);

const validInput: fc.Arbitrary<StipendInput> = fc
  .record({
    participants: fc.uniqueArray(fc.record({ id: idArb, attendanceDays: fc.integer({ min: 0, max: 25 }) }), {
      maxLength: 8,
      selector: (p) => p.id,
    }),
    workdays: fc.integer({ min: 1, max: 23 }),
    policy: fc.record({
      poolShareBps: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(0, 7000, 10000)),
      deductCosts: fc.boolean(),
      baseAmountCents: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constant(0)),
      capCents: fc.option(fc.integer({ min: 0, max: 15000 }), { nil: null }),
    }),
    costsCents: fc.integer({ min: 0, max: 50000 }),
    rawLines: fc.array(
      fc.record({
        amountCents: fc.oneof(fc.integer({ min: -3000, max: 20000 }), fc.integer({ min: -5, max: 5 })),
        contributions: fc.array(
          fc.record({ pick: fc.nat(), weight: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.nat(1_000_000)) }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ participants, rawLines, ...rest }) => ({
    period: '2026-10',
    ...rest,
    participants,
    lines: rawLines.map((l, i) => ({
      id: `L${i}`,
      amountCents: l.amountCents,
      contributions:
        participants.length === 0
          ? []
          : l.contributions.map((c) => ({
              participantId: participants[c.pick % participants.length]!.id,
              weight: c.weight,
            })),
    })),
  }));

function shuffled<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)]! * 1000 + i }))
    .sort((a, b) => a.k - b.k)
    .map(({ x }) => x);
}

describe('stipend engine: allocateStipends', () => {
  describe('the worked example of docs/domain.md', () => {
    const worked = input({
      participants: people(['A', 20], ['B', 10], ['C', 0]),
      lines: [line('L1', 10000, ['A', 2], ['B', 1]), line('L2', 5000), line('L3', -1000, ['B', 1])],
    });

    it('gives exactly the figures of the contract', () => {
      const r = allocateStipends(worked);
      expect(r.period).to.equal('2026-10');
      expect(totals(r)).to.deep.equal([14000, 9800, 4200, 9800, 0]);
      expect(byId(r)).to.deep.equal({
        A: [10000, 5000, 1643, 6643, false],
        B: [4000, 2500, 657, 3157, false],
        C: [0, 0, 0, 0, false],
      });
      expect(r.participants.map((p) => Object.keys(p))).to.deep.equal(
        Array(3).fill([
          'id',
          'attributedSalesCents',
          'baseCents',
          'performanceCents',
          'totalCents',
          'capped',
        ]),
      );
    });

    it('gives the figures of the capped variant (cap 4000: two rounds, 1800 left unallocated)', () => {
      const r = allocateStipends({ ...worked, policy: { ...worked.policy, capCents: 4000 } });
      expect(totals(r)).to.deep.equal([14000, 9800, 4200, 8000, 1800]);
      expect(byId(r)).to.deep.equal({
        A: [10000, 4000, 0, 4000, true],
        B: [4000, 2500, 1500, 4000, true],
        C: [0, 0, 0, 0, false],
      });
    });

    it('sorts participants by id in code-unit order, whatever the input order', () => {
      const r = allocateStipends({
        ...worked,
        participants: people(['a', 1], ['C', 0], ['B', 10], ['A', 20]),
      });
      expect(r.participants.map((p) => p.id)).to.deep.equal(['A', 'B', 'C', 'a']);
    });
  });

  describe('the cap', () => {
    const capped = (capCents: number, lines: Line[], ps = people(['A', 20], ['B', 20], ['C', 20])) =>
      allocateStipends(
        input({ policy: { poolShareBps: 10000, baseAmountCents: 0, capCents }, participants: ps, lines }),
      );

    it('cuts a participant to the cap and gives the cut to the others by attributed sales', () => {
      const r = capped(5000, [line('L1', 8000, ['A', 1]), line('L2', 2000, ['B', 1])]);
      expect(byId(r)).to.deep.equal({
        A: [8000, 0, 5000, 5000, true],
        B: [2000, 0, 5000, 5000, false],
        C: [0, 0, 0, 0, false],
      });
      expect(totals(r)).to.deep.equal([10000, 10000, 0, 10000, 0]);
    });

    it('repeats when the redistribution pushes another participant over the cap', () => {
      // Round 1: A 7000 → cut 3500; split(3500, B 2000 : C 1000) = B 2333, C 1167 (C has the larger
      // remainder). B is now 4333 > 3500. Round 2: B cut 833, all of it to C: 2167 + 833 = 3000.
      const r = capped(3500, [
        line('L1', 7000, ['A', 1]),
        line('L2', 2000, ['B', 1]),
        line('L3', 1000, ['C', 1]),
      ]);
      expect(byId(r)).to.deep.equal({
        A: [7000, 0, 3500, 3500, true],
        B: [2000, 0, 3500, 3500, true],
        C: [1000, 0, 3000, 3000, false],
      });
      expect(totals(r)).to.deep.equal([10000, 10000, 0, 10000, 0]);
    });

    it('leaves the cut unallocated when nobody is left to receive it', () => {
      // Round 1: A cut 3000 → B (the only one with sales) 6000. Round 2: B cut 2000; C has no sales.
      const r = capped(4000, [line('L1', 7000, ['A', 1]), line('L2', 3000, ['B', 1])]);
      expect(byId(r)).to.deep.equal({
        A: [7000, 0, 4000, 4000, true],
        B: [3000, 0, 4000, 4000, true],
        C: [0, 0, 0, 0, false],
      });
      expect(totals(r)).to.deep.equal([10000, 10000, 0, 8000, 2000]);
    });

    it('keeps the base first and cuts the base too when the base alone exceeds the cap', () => {
      // Bases A 5000, B 2500; P = 20000 − 7500 = 12500 → 6250 each. A 11250 → base 3000, perf 0;
      // B 8750 → base 2500, perf 500. Both capped, nobody left: 14000 unallocated.
      const r = allocateStipends(
        input({
          policy: { poolShareBps: 10000, baseAmountCents: 5000, capCents: 3000 },
          participants: people(['A', 20], ['B', 10]),
          lines: [line('L1', 20000, ['A', 1], ['B', 1])],
        }),
      );
      expect(byId(r)).to.deep.equal({ A: [10000, 3000, 0, 3000, true], B: [10000, 2500, 500, 3000, true] });
      expect(totals(r)).to.deep.equal([20000, 20000, 0, 6000, 14000]);
    });

    it('a cap of 0 leaves the whole pool unallocated; a cap nobody reaches changes nothing', () => {
      const lines = [line('L1', 8000, ['A', 1]), line('L2', 2000, ['B', 1])];
      const zero = capped(0, lines);
      // Only who exceeds the cap is capped: C, at 0, is not.
      expect(byId(zero)).to.deep.equal({
        A: [8000, 0, 0, 0, true],
        B: [2000, 0, 0, 0, true],
        C: [0, 0, 0, 0, false],
      });
      expect(totals(zero)).to.deep.equal([10000, 10000, 0, 0, 10000]);
      const high = capped(8000, lines);
      expect(byId(high)).to.deep.equal({
        A: [8000, 0, 8000, 8000, false],
        B: [2000, 0, 2000, 2000, false],
        C: [0, 0, 0, 0, false],
      });
    });
  });

  describe('base, basis and attribution', () => {
    it('splits the pool by the bases when they exceed it, and leaves no performance pool', () => {
      // Bases 5000, 2500, 1250 (Σ 8750) > pool 1000: split(1000) = 571 r3750, 285 r6250, 142 r7500 → +1 C, +1 B.
      const r = allocateStipends(
        input({
          policy: { poolShareBps: 1000 },
          participants: people(['A', 20], ['B', 10], ['C', 5]),
          lines: [line('L1', 10000, ['A', 1])],
        }),
      );
      expect(byId(r)).to.deep.equal({
        A: [10000, 571, 0, 571, false],
        B: [0, 286, 0, 286, false],
        C: [0, 143, 0, 143, false],
      });
      expect(totals(r)).to.deep.equal([10000, 1000, 9000, 1000, 0]);
    });

    it('counts attendance beyond the workdays as the workdays and floors the base', () => {
      const r = allocateStipends(
        input({
          workdays: 21,
          policy: { poolShareBps: 10000, baseAmountCents: 1000 },
          participants: people(['A', 30], ['B', 10]),
          lines: [line('L1', 100000, ['A', 1])],
        }),
      );
      // B: ⌊1000·10/21⌋ = 476.
      expect(r.participants.map((p) => p.baseCents)).to.deep.equal([1000, 476]);
    });

    it('deducts costs only when the policy says so, and never below a zero basis', () => {
      const lines = [line('L1', 10000, ['A', 1])];
      const ps = people(['A', 0]);
      expect(totals(allocateStipends(input({ participants: ps, lines, costsCents: 3000 })))).to.deep.equal([
        10000, 7000, 3000, 7000, 0,
      ]);
      const deducted = allocateStipends(
        input({ participants: ps, lines, costsCents: 3000, policy: { deductCosts: true } }),
      );
      expect(totals(deducted)).to.deep.equal([7000, 4900, 2100, 4900, 0]);
      const wiped = allocateStipends(
        input({ participants: ps, lines, costsCents: 12000, policy: { deductCosts: true } }),
      );
      expect(totals(wiped)).to.deep.equal([0, 0, 0, 0, 0]);
      expect(byId(wiped)).to.deep.equal({ A: [10000, 0, 0, 0, false] });
    });

    it('leaves the performance pool unallocated when nobody has attributed sales', () => {
      // Zero weights → attendance; attendance all zero too → the line is attributed to nobody.
      const r = allocateStipends(
        input({ participants: people(['A', 0], ['B', 0]), lines: [line('L1', 10000, ['A', 0], ['B', 0])] }),
      );
      expect(byId(r)).to.deep.equal({ A: [0, 0, 0, 0, false], B: [0, 0, 0, 0, false] });
      expect(totals(r)).to.deep.equal([10000, 7000, 3000, 0, 7000]);
      const none = allocateStipends(input({ lines: [line('L1', 500)] }));
      expect(totals(none)).to.deep.equal([500, 350, 150, 0, 350]);
      expect(none.participants).to.deep.equal([]);
    });

    it('splits a line whose weights are all 0 by attendance days, and adds up weights named twice', () => {
      const r = allocateStipends(
        input({
          policy: { poolShareBps: 10000, baseAmountCents: 0 },
          participants: people(['A', 3], ['B', 1]),
          lines: [line('L1', 1000, ['A', 0]), line('L2', 9000, ['A', 1], ['B', 1], ['A', 1])],
        }),
      );
      expect(r.participants.map((p) => p.attributedSalesCents)).to.deep.equal([750 + 6000, 250 + 3000]);
    });

    it('counts a negative sum as 0 and splits a negative line as its absolute value, negated', () => {
      const r = allocateStipends(
        input({
          policy: { poolShareBps: 10000, baseAmountCents: 0 },
          participants: people(['A', 0], ['B', 0]),
          lines: [
            line('L1', 10001, ['A', 1], ['B', 1]),
            line('L2', -7001, ['B', 1]),
            line('L3', -1, ['A', 1], ['B', 1]),
          ],
        }),
      );
      // L1: A 5001, B 5000 (tie → A); L3: −1 → A −1 (tie → A), B 0. A 5000; B −2001 → 0.
      expect(byId(r)).to.deep.equal({ A: [5000, 0, 2999, 2999, false], B: [0, 0, 0, 0, false] });
      expect(totals(r)).to.deep.equal([2999, 2999, 0, 2999, 0]);
      const negative = allocateStipends(
        input({ participants: people(['A', 5]), lines: [line('L1', -500, ['A', 1])] }),
      );
      expect(totals(negative)).to.deep.equal([0, 0, 0, 0, 0]);
      expect(byId(negative)).to.deep.equal({ A: [0, 0, 0, 0, false] });
    });

    it('stays exact when products exceed 2^53 (checked against a BigInt reference)', () => {
      const big = 3_000_000_000_000_001;
      const inp = input({
        policy: { poolShareBps: 9999, baseAmountCents: 123_456_789_012, capCents: 1_000_000_000_000_003 },
        workdays: 7,
        participants: people(['A', 3], ['B', 7], ['C', 5]),
        lines: [
          line('L1', big, ['A', 999_999_937], ['B', 1_000_000_007], ['C', 3]),
          line('L2', -(big - 7), ['C', 2_147_483_647], ['A', 1]),
          line('L3', 2_000_000_000_000_011),
          line('L4', 1_000_000_000_000_000, ['B', 9_007_199_254_740_991 - 1], ['A', 1]),
        ],
      });
      const r = allocateStipends(inp);
      expect(r).to.deep.equal(reference(inp));
      // A float product would lose these last digits.
      expect(r.participants.map((p) => p.attributedSalesCents)).to.deep.equal(
        reference(inp).participants.map((p) => p.attributedSalesCents),
      );
      expect(r.poolCents).to.equal(Number((BigInt(r.basisCents) * 9999n) / 10000n));
      expect(r.allocatedCents + r.unallocatedCents).to.equal(r.poolCents);
    });
  });

  describe('refuses input that breaks the contract, naming the field', () => {
    const ok = () =>
      input({
        participants: people(['A', 20], ['B', 10]),
        lines: [line('L0', 100, ['A', 1]), line('L1', 100), line('L2', 100), line('L3', 100, ['B', 1])],
      });
    const cases: Array<[string, (i: StipendInput) => unknown, string, RegExp?]> = [
      [
        'a contribution naming an unknown participant',
        (i) => (i.lines[3]!.contributions[0]!.participantId = 'X'),
        'lines[3].contributions[0].participantId',
        /unknown participant "X"/,
      ],
      ['a share above 10000', (i) => (i.policy.poolShareBps = 10001), 'policy.poolShareBps'],
      ['a negative share', (i) => (i.policy.poolShareBps = -1), 'policy.poolShareBps'],
      ['a fractional share', (i) => (i.policy.poolShareBps = 70.5), 'policy.poolShareBps'],
      ['workdays 0', (i) => (i.workdays = 0), 'workdays'],
      ['negative workdays', (i) => (i.workdays = -3), 'workdays'],
      ['fractional workdays', (i) => (i.workdays = 20.5), 'workdays'],
      [
        'negative attendance',
        (i) => (i.participants[1]!.attendanceDays = -1),
        'participants[1].attendanceDays',
      ],
      [
        'fractional attendance',
        (i) => (i.participants[0]!.attendanceDays = 0.5),
        'participants[0].attendanceDays',
      ],
      [
        'a negative weight',
        (i) => (i.lines[0]!.contributions[0]!.weight = -1),
        'lines[0].contributions[0].weight',
      ],
      [
        'a fractional weight',
        (i) => (i.lines[3]!.contributions[0]!.weight = 0.5),
        'lines[3].contributions[0].weight',
      ],
      ['a fractional amount', (i) => (i.lines[2]!.amountCents = 10.5), 'lines[2].amountCents'],
      [
        'an amount beyond the exact range',
        (i) => (i.lines[1]!.amountCents = 2 ** 53),
        'lines[1].amountCents',
      ],
      ['an amount that is NaN', (i) => (i.lines[1]!.amountCents = NaN), 'lines[1].amountCents'],
      [
        'an amount given as text',
        (i) => ((i.lines[1] as { amountCents: unknown }).amountCents = '100'),
        'lines[1].amountCents',
      ],
      [
        'amounts that add up beyond the exact range',
        (i) => ((i.lines[0]!.amountCents = 2 ** 52), (i.lines[1]!.amountCents = -(2 ** 52))),
        'lines',
        /exact range/,
      ],
      [
        'weights of a line that add up beyond the exact range',
        (i) => i.lines[0]!.contributions.push({ participantId: 'B', weight: Number.MAX_SAFE_INTEGER }),
        'lines[0].contributions',
      ],
      [
        'a duplicate participant id',
        (i) => (i.participants[1]!.id = 'A'),
        'participants[1].id',
        /duplicate participant "A"/,
      ],
      ['a duplicate line id', (i) => (i.lines[2]!.id = 'L0'), 'lines[2].id', /duplicate line "L0"/],
      ['an empty participant id', (i) => (i.participants[0]!.id = ''), 'participants[0].id'],
      ['negative costs', (i) => (i.costsCents = -1), 'costsCents'],
      ['a negative cap', (i) => (i.policy.capCents = -1), 'policy.capCents'],
      [
        'a missing cap (null means no cap)',
        (i) => delete (i.policy as Partial<StipendInput['policy']>).capCents,
        'policy.capCents',
        /required/,
      ],
      ['a negative base', (i) => (i.policy.baseAmountCents = -5000), 'policy.baseAmountCents'],
      [
        'deductCosts that is not a boolean',
        (i) => ((i.policy as { deductCosts: unknown }).deductCosts = 'yes'),
        'policy.deductCosts',
      ],
      ['a period that is not a month', (i) => (i.period = '2026-13'), 'period'],
      ['lines that are not a list', (i) => ((i as { lines: unknown }).lines = {}), 'lines'],
      [
        'a line without contributions',
        (i) => delete (i.lines[1] as Partial<Line>).contributions,
        'lines[1].contributions',
      ],
      [
        'a field outside the contract',
        (i) => ((i.lines[0] as Line & { note?: string }).note = 'x'),
        'lines[0].note',
      ],
    ];
    for (const [what, breakIt, field, reason] of cases) {
      it(`${what} → ${field}`, () => {
        const bad = structuredClone(ok());
        breakIt(bad);
        let thrown: unknown;
        try {
          allocateStipends(bad);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).to.be.instanceOf(StipendInputError);
        const err = thrown as StipendInputError;
        expect(err.field).to.equal(field);
        expect(err.message.startsWith(`${field}: `), err.message).to.equal(true);
        if (reason) expect(err.message).to.match(reason);
      });
    }

    it('accepts the unbroken input (so the cases above fail for their own reason)', () => {
      expect(allocateStipends(ok()).poolCents).to.equal(280);
    });

    it('refuses something that is not an object at all', () => {
      expect(() => allocateStipends(null as unknown as StipendInput)).to.throw(StipendInputError);
    });
  });

  describe('splitLine (the per-line split in doubles)', () => {
    const keys = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'Z', 'a', 'b', 'é', '\uffff', '😀'), {
      minLength: 1,
      maxLength: 10,
    });
    const check = (total: number, ids: string[], weights: number[]) => {
      const sorted = ids.map((id, k) => ({ id, w: weights[k]! })).sort((x, y) => codeUnitCompare(x.id, y.id));
      const W = sorted.reduce((s, x) => s + x.w, 0);
      fc.pre(W > 0 && Number.isSafeInteger(W));
      const lib = split(total, new Map(sorted.map((x) => [x.id, x.w])));
      const fast = splitLine(
        total,
        sorted.map((x) => x.id),
        sorted.map((x) => x.w),
        W,
      );
      expect(fast).to.deep.equal(sorted.map((x) => lib.get(x.id)));
      for (const v of fast) expect(Object.is(v, -0)).to.equal(false);
    };

    it('gives exactly what split() gives, with ties, zero weights and negative totals', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -100_000, max: 100_000 }),
          keys,
          fc.array(fc.oneof(fc.nat(4), fc.nat(100_000)), { minLength: 10, maxLength: 10 }),
          (total, ids, ws) => check(total, ids, ws.slice(0, ids.length)),
        ),
        { numRuns: 1000 },
      );
    });

    it('stays exact on both sides of |total|·W = 2^53 − 1', () => {
      const near = fc.constantFrom(2 ** 26, 2 ** 27 - 1, 94906265, 94906266, 2 ** 30 + 7);
      fc.assert(
        fc.property(
          fc.oneof(near, fc.integer({ min: -(2 ** 31), max: 2 ** 31 })),
          keys,
          fc.array(fc.oneof(near, fc.nat(2 ** 31)), { minLength: 10, maxLength: 10 }),
          fc.boolean(),
          (total, ids, ws, negate) => check(negate ? -total : total, ids, ws.slice(0, ids.length)),
        ),
        { numRuns: 1000 },
      );
      // 94906265² < 2^53 < 94906266²: one just inside the double path, one just beyond it.
      check(94906265, ['A', 'B'], [94906264, 1]);
      check(94906266, ['A', 'B'], [94906265, 1]);
      check(-(2 ** 53 - 1), ['A', 'B', 'C'], [1, 1, 1]);
    });
  });

  describe('properties on random valid inputs', () => {
    it('agrees with the BigInt reference of the contract', () => {
      fc.assert(
        fc.property(validInput, (inp) => {
          expect(allocateStipends(inp)).to.deep.equal(reference(inp));
        }),
        { numRuns: 400 },
      );
    });

    it('agrees with the reference when amounts, weights, base and cap are huge (products beyond 2^53)', () => {
      const huge = validInput.map((inp) => ({
        ...inp,
        costsCents: inp.costsCents * 1_000_003_001,
        policy: {
          ...inp.policy,
          baseAmountCents: inp.policy.baseAmountCents * 999_999_937,
          capCents: inp.policy.capCents === null ? null : inp.policy.capCents * 1_000_000_007,
        },
        lines: inp.lines.map((l) => ({
          ...l,
          amountCents: l.amountCents * 1_000_000_007 + (l.amountCents % 7),
          contributions: l.contributions.map((c) => ({
            ...c,
            weight: c.weight * 1_000_003 + (c.weight % 3),
          })),
        })),
      }));
      fc.assert(
        fc.property(huge, (inp) => {
          expect(allocateStipends(inp)).to.deep.equal(reference(inp));
        }),
        { numRuns: 300 },
      );
    });

    it('keeps the invariants: pool, allocated + unallocated, totals within 0..cap, base + perf', () => {
      fc.assert(
        fc.property(validInput, (inp) => {
          const r = allocateStipends(inp);
          expect(r.poolCents).to.equal(Math.floor((r.basisCents * inp.policy.poolShareBps) / 10000));
          expect(r.reserveCents).to.equal(r.basisCents - r.poolCents);
          expect(r.allocatedCents + r.unallocatedCents).to.equal(r.poolCents);
          expect(r.unallocatedCents).to.be.at.least(0);
          expect(r.allocatedCents).to.equal(r.participants.reduce((s, p) => s + p.totalCents, 0));
          const ids = r.participants.map((p) => p.id);
          expect(ids).to.deep.equal([...ids].sort(codeUnitCompare));
          for (const p of r.participants) {
            expect(p.baseCents + p.performanceCents).to.equal(p.totalCents);
            expect(p.baseCents).to.be.at.least(0);
            expect(p.performanceCents).to.be.at.least(0);
            expect(p.attributedSalesCents).to.be.at.least(0);
            if (inp.policy.capCents !== null) {
              expect(p.totalCents).to.be.at.most(inp.policy.capCents);
              if (p.capped) expect(p.totalCents).to.equal(inp.policy.capCents);
            } else expect(p.capped).to.equal(false);
          }
        }),
        { numRuns: 400 },
      );
    });

    it('is deterministic and does not depend on the order of participants, lines or contributions', () => {
      fc.assert(
        fc.property(validInput, fc.array(fc.integer(), { minLength: 1, maxLength: 30 }), (inp, keys) => {
          const first = allocateStipends(inp);
          expect(allocateStipends(structuredClone(inp))).to.deep.equal(first);
          const reordered: StipendInput = {
            ...inp,
            participants: shuffled(inp.participants, keys),
            lines: shuffled(
              inp.lines.map((l) => ({ ...l, contributions: shuffled(l.contributions, [...keys].reverse()) })),
              keys,
            ),
          };
          expect(allocateStipends(reordered)).to.deep.equal(first);
        }),
        { numRuns: 300 },
      );
    });

    it('does not change its input', () => {
      fc.assert(
        fc.property(validInput, (inp) => {
          const copy = structuredClone(inp);
          allocateStipends(inp);
          expect(inp).to.deep.equal(copy);
        }),
        { numRuns: 100 },
      );
    });
  });
});
