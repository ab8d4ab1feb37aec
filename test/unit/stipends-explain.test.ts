import { expect } from 'chai';
import fc from 'fast-check';
import { allocateStipends, runAllocation, type StipendInput } from '../../src/stipends/allocate.ts';
import { explainAllocation, StipendResultMismatchError } from '../../src/stipends/explain.ts';
import { StipendInputError } from '../../src/stipends/engine-schemas.ts';

type Line = StipendInput['lines'][number];

const line = (id: string, amountCents: number, ...contributions: Array<[string, number]>): Line => ({
  id,
  amountCents,
  contributions: contributions.map(([participantId, weight]) => ({ participantId, weight })),
});

const worked: StipendInput = {
  period: '2026-10',
  policy: { poolShareBps: 7000, deductCosts: false, baseAmountCents: 5000, capCents: null },
  workdays: 20,
  participants: [
    { id: 'C', attendanceDays: 0 },
    { id: 'A', attendanceDays: 20 },
    { id: 'B', attendanceDays: 10 },
  ],
  lines: [line('L1', 10000, ['A', 2], ['B', 1]), line('L2', 5000), line('L3', -1000, ['B', 1])],
  costsCents: 0,
};

/** Random valid inputs: few participants and lines, so that ties, clamps, scaling and caps all happen. */
const validInput: fc.Arbitrary<StipendInput> = fc
  .record({
    participants: fc.uniqueArray(
      fc.record({ id: fc.constantFrom('A', 'B', 'C', 'D', 'a', 'é', '😀'), attendanceDays: fc.nat(25) }),
      { maxLength: 6, selector: (p) => p.id },
    ),
    workdays: fc.integer({ min: 1, max: 23 }),
    policy: fc.record({
      poolShareBps: fc.integer({ min: 0, max: 10000 }),
      deductCosts: fc.boolean(),
      baseAmountCents: fc.nat(10000),
      capCents: fc.option(fc.nat(15000), { nil: null }),
    }),
    costsCents: fc.nat(30000),
    rawLines: fc.array(
      fc.record({
        amountCents: fc.integer({ min: -4000, max: 20000 }),
        contributions: fc.array(fc.record({ pick: fc.nat(), weight: fc.nat(5) }), { maxLength: 4 }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ participants, rawLines, ...rest }) => ({
    period: '2026-11',
    ...rest,
    participants,
    lines: rawLines.map((l, i) => ({
      id: `L${i}`,
      amountCents: l.amountCents,
      contributions: participants.length
        ? l.contributions.map((c) => ({
            participantId: participants[c.pick % participants.length]!.id,
            weight: c.weight,
          }))
        : [],
    })),
  }));

describe('stipend engine: explainAllocation', () => {
  it('explains the worked example line by line, with rules and figures', () => {
    const e = explainAllocation(worked);
    expect(e.basis).to.deep.equal({
      sumLinesCents: 14000,
      costsCents: 0,
      deductCosts: false,
      basisCents: 14000,
      poolShareBps: 7000,
      poolCents: 9800,
      reserveCents: 4200,
    });
    expect(e.lines).to.deep.equal({
      count: 3,
      byRule: { contributions: 2, attendance: 1, nobody: 0 },
      unattributed: [],
    });
    const [a, b, c] = e.participants;
    expect(e.participants.map((p) => p.id)).to.deep.equal(['A', 'B', 'C']);
    expect(a!.lines).to.deep.equal([
      {
        lineId: 'L1',
        amountCents: 10000,
        rule: 'contributions',
        weight: 2,
        totalWeight: 3,
        shareCents: 6667,
      },
      { lineId: 'L2', amountCents: 5000, rule: 'attendance', weight: 20, totalWeight: 30, shareCents: 3333 },
    ]);
    expect(b!.lines).to.deep.equal([
      {
        lineId: 'L1',
        amountCents: 10000,
        rule: 'contributions',
        weight: 1,
        totalWeight: 3,
        shareCents: 3333,
      },
      { lineId: 'L2', amountCents: 5000, rule: 'attendance', weight: 10, totalWeight: 30, shareCents: 1667 },
      {
        lineId: 'L3',
        amountCents: -1000,
        rule: 'contributions',
        weight: 1,
        totalWeight: 1,
        shareCents: -1000,
      },
    ]);
    expect(c!.lines).to.deep.equal([]);
    expect([a!.linesTotalCents, b!.linesTotalCents, c!.linesTotalCents]).to.deep.equal([10000, 4000, 0]);
    expect(a!.base).to.deep.equal({
      rule: 'days',
      attendanceDays: 20,
      countedDays: 20,
      workdays: 20,
      baseAmountCents: 5000,
      byDaysCents: 5000,
      baseCents: 5000,
    });
    expect(b!.base.byDaysCents).to.equal(2500);
    expect(b!.performance).to.deep.equal({
      rule: 'attributed_share',
      attributedCents: 4000,
      attributedTotalCents: 14000,
      performancePoolCents: 2300,
      performanceCents: 657,
    });
    expect(a!.cap).to.equal(null);
    expect(e.cap).to.equal(null);
    expect(e.base).to.deep.equal({
      rule: 'days',
      workdays: 20,
      baseAmountCents: 5000,
      byDaysTotalCents: 7500,
      poolCents: 9800,
      baseTotalCents: 7500,
    });
    expect(e.unallocated).to.deep.equal({ performanceCents: 0, capCents: 0, totalCents: 0 });
    expect(e.result).to.deep.equal(allocateStipends(worked));
    expect(a!.result.totalCents).to.equal(6643);
  });

  it('reports the clamp of a negative sum', () => {
    const e = explainAllocation({
      ...worked,
      lines: [line('L1', 1000, ['A', 1]), line('L2', -3000, ['B', 1]), line('L3', 500, ['B', 1])],
    });
    const b = e.participants.find((p) => p.id === 'B')!;
    expect(b.linesTotalCents).to.equal(-2500);
    expect(b.clamp).to.equal('negative_counts_as_zero');
    expect(b.attributedSalesCents).to.equal(0);
    expect(e.participants.find((p) => p.id === 'A')!.clamp).to.equal('none');
  });

  it('explains each round of the cap: who was cut, who received, what nobody could take', () => {
    const e = explainAllocation({
      period: '2026-10',
      policy: { poolShareBps: 10000, deductCosts: false, baseAmountCents: 0, capCents: 3500 },
      workdays: 20,
      participants: ['A', 'B', 'C', 'D'].map((id) => ({ id, attendanceDays: 20 })),
      lines: [line('L1', 7000, ['A', 1]), line('L2', 2000, ['B', 1]), line('L3', 1000, ['C', 1])],
      costsCents: 0,
    });
    expect(e.cap!.rounds).to.deep.equal([
      {
        round: 1,
        cuts: [{ id: 'A', cents: 3500 }],
        receipts: [
          { id: 'B', cents: 2333 },
          { id: 'C', cents: 1167 },
        ],
        receiversAttributedCents: 3000,
        unallocatedCents: 0,
      },
      {
        round: 2,
        cuts: [{ id: 'B', cents: 833 }],
        receipts: [{ id: 'C', cents: 833 }],
        receiversAttributedCents: 1000,
        unallocatedCents: 0,
      },
    ]);
    const [a, b, c, d] = e.participants;
    expect(a!.cap).to.deep.include({ capCents: 3500, capped: true, cutCents: 3500, receivedCents: 0 });
    expect(b!.cap).to.deep.equal({
      capCents: 3500,
      capped: true,
      cutCents: 833,
      receivedCents: 2333,
      cuts: [{ round: 2, cents: 833 }],
      receipts: [{ round: 1, cents: 2333 }],
    });
    expect(c!.cap).to.deep.include({ capped: false, cutCents: 0, receivedCents: 2000 });
    expect(d!.cap).to.deep.include({ capped: false, cutCents: 0, receivedCents: 0 });
    expect(c!.result.totalCents).to.equal(3000);
    expect(d!.performance.rule).to.equal('attributed_share');
  });

  it('names the lines attributed to nobody and the pool left when nobody has sales', () => {
    const e = explainAllocation({
      ...worked,
      participants: [{ id: 'A', attendanceDays: 0 }],
      lines: [line('L1', 1000, ['A', 0]), line('L2', 500)],
    });
    expect(e.lines.byRule).to.deep.equal({ contributions: 0, attendance: 0, nobody: 2 });
    expect(e.lines.unattributed).to.deep.equal([
      { lineId: 'L1', amountCents: 1000 },
      { lineId: 'L2', amountCents: 500 },
    ]);
    expect(e.performance).to.deep.equal({
      rule: 'no_attributed_sales',
      performancePoolCents: 1050,
      attributedTotalCents: 0,
      unallocatedCents: 1050,
    });
    expect(e.unallocated).to.deep.equal({ performanceCents: 1050, capCents: 0, totalCents: 1050 });
  });

  it('explains bases scaled down to the pool', () => {
    const e = explainAllocation({ ...worked, policy: { ...worked.policy, poolShareBps: 1000 } });
    expect(e.base).to.deep.include({ rule: 'scaled_to_pool', byDaysTotalCents: 7500, poolCents: 1400 });
    expect(e.participants.map((p) => [p.base.byDaysCents, p.base.baseCents])).to.deep.equal([
      [5000, 933],
      [2500, 467],
      [0, 0],
    ]);
    expect(e.participants[0]!.performance.performancePoolCents).to.equal(0);
  });

  it('checks a given result against its input', () => {
    const result = allocateStipends(worked);
    expect(explainAllocation(worked, result).result).to.deep.equal(result);
    const tampered = structuredClone(result);
    tampered.participants[1]!.performanceCents += 1;
    expect(() => explainAllocation(worked, tampered))
      .to.throw(StipendResultMismatchError)
      .with.property('field', 'participants[1].performanceCents');
    expect(() => explainAllocation(worked, { ...result, poolCents: 1 }))
      .to.throw(StipendResultMismatchError)
      .with.property('field', 'poolCents');
  });

  it('refuses bad input like the engine does', () => {
    expect(() => explainAllocation({ ...worked, workdays: 0 }))
      .to.throw(StipendInputError)
      .with.property('field', 'workdays');
  });

  describe('properties', () => {
    it('is consistent with the engine: line shares add up to the pre-clamp sums, figures match the result', () => {
      fc.assert(
        fc.property(validInput, (inp) => {
          const e = explainAllocation(inp);
          const work = runAllocation(inp);
          const result = allocateStipends(inp);
          expect(e.result).to.deep.equal(result);
          expect(e.participants.map((p) => p.id)).to.deep.equal(result.participants.map((p) => p.id));
          let unallocatedByCap = 0;
          for (const [i, p] of e.participants.entries()) {
            const r = result.participants[i]!;
            const sumOfShares = p.lines.reduce((s, l) => s + l.shareCents, 0);
            expect(sumOfShares).to.equal(work.preClamp.get(p.id));
            expect(p.linesTotalCents).to.equal(sumOfShares);
            expect(p.attributedSalesCents).to.equal(r.attributedSalesCents);
            expect(p.attributedSalesCents).to.equal(Math.max(0, sumOfShares));
            expect(p.clamp).to.equal(sumOfShares < 0 ? 'negative_counts_as_zero' : 'none');
            for (const l of p.lines) {
              expect(l.weight).to.be.at.most(l.totalWeight);
              expect(l.totalWeight).to.be.above(0);
            }
            expect(p.base.byDaysCents).to.equal(
              Math.floor((inp.policy.baseAmountCents * p.base.countedDays) / inp.workdays),
            );
            const cut = p.cap?.cutCents ?? 0;
            const received = p.cap?.receivedCents ?? 0;
            expect(p.base.baseCents + p.performance.performanceCents - cut + received).to.equal(r.totalCents);
            expect(p.cap === null).to.equal(inp.policy.capCents === null);
          }
          if (e.cap) unallocatedByCap = e.cap.rounds.reduce((s, r) => s + r.unallocatedCents, 0);
          expect(e.unallocated.capCents).to.equal(unallocatedByCap);
          expect(e.unallocated.performanceCents + e.unallocated.capCents).to.equal(result.unallocatedCents);
          const lineCount = e.lines.byRule.contributions + e.lines.byRule.attendance + e.lines.byRule.nobody;
          expect(lineCount).to.equal(inp.lines.length);
        }),
        { numRuns: 300 },
      );
    });
  });
});
