import { expect } from 'chai';
import fc from 'fast-check';
import {
  cashRounding,
  deliveryAmounts,
  lineAmounts,
  refundParts,
  remainingComponents,
  type Component,
} from '../../src/orders/pricing.ts';

/** n/d rounded half-up (n ≥ 0, d > 0), in BigInt so the check shares no arithmetic with the code. */
function halfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}

const price = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200 }));
const quantity = fc.integer({ min: 1, max: 1000 });
const rate = fc.oneof(fc.constantFrom(0, 500, 900, 2100, 10000), fc.integer({ min: 0, max: 10000 }));

describe('order pricing', () => {
  describe('lineAmounts', () => {
    it('keeps a gross-entered line exact: 12,10 € at 21 % × 2 → gross 24,20, VAT 4,20, net 20,00', () => {
      expect(lineAmounts(1210, 2, 2100, true)).to.deep.equal({
        unitNetCents: 1000,
        netCents: 2000,
        vatCents: 420,
        grossCents: 2420,
      });
    });

    it('keeps a net-entered line exact: 10,00 € net at 21 % × 3 → net 30,00, VAT 6,30, gross 36,30', () => {
      expect(lineAmounts(1000, 3, 2100, false)).to.deep.equal({
        unitNetCents: 1000,
        netCents: 3000,
        vatCents: 630,
        grossCents: 3630,
      });
    });

    it('rounds VAT on the line, not per unit', () => {
      // 0,05 € gross at 21 % × 7: line VAT 6,07 ct → 6 ct (rounding per unit would give 7 × 1 = 7).
      expect(lineAmounts(5, 7, 2100, true).vatCents).to.equal(6);
      expect(lineAmounts(5, 7, 2100, true).grossCents).to.equal(35);
      // net-entered: 0,03 € at 21 % = 0,63 ct per unit; 10 units → 6,3 ct → 6 ct (per unit: 10 × 1 = 10).
      expect(lineAmounts(3, 10, 2100, false).vatCents).to.equal(6);
    });

    it('rounds an exact half cent up', () => {
      // net 50 ct at 1 %: VAT 0,5 ct → 1 ct
      expect(lineAmounts(50, 1, 100, false)).to.include({ netCents: 50, vatCents: 1, grossCents: 51 });
      // gross 1 ct at 100 %: VAT 0,5 ct → 1 ct
      expect(lineAmounts(1, 1, 10000, true)).to.include({ grossCents: 1, vatCents: 1, netCents: 0 });
      // net 149 ct at 1 %: 1,49 ct → 1 ct; 150 ct: 1,5 → 2
      expect(lineAmounts(149, 1, 100, false).vatCents).to.equal(1);
      expect(lineAmounts(150, 1, 100, false).vatCents).to.equal(2);
    });

    it('has no VAT at a 0 % rate', () => {
      expect(lineAmounts(999, 3, 0, true)).to.deep.equal({
        unitNetCents: 999,
        netCents: 2997,
        vatCents: 0,
        grossCents: 2997,
      });
      expect(lineAmounts(999, 3, 0, false)).to.deep.equal({
        unitNetCents: 999,
        netCents: 2997,
        vatCents: 0,
        grossCents: 2997,
      });
    });

    it('net + VAT = gross and VAT ≥ 0, whichever way the price was entered', () => {
      fc.assert(
        fc.property(price, quantity, rate, fc.boolean(), (p, q, r, gross) => {
          const a = lineAmounts(p, q, r, gross);
          expect(a.netCents + a.vatCents).to.equal(a.grossCents);
          expect(a.vatCents).to.be.at.least(0);
          expect(a.netCents).to.be.at.least(0);
          for (const v of Object.values(a)) expect(Number.isSafeInteger(v)).to.equal(true);
        }),
      );
    });

    it('a gross-entered line: gross = price × quantity and VAT = half-up(gross·r / (10000 + r))', () => {
      fc.assert(
        fc.property(price, quantity, rate, (p, q, r) => {
          const a = lineAmounts(p, q, r, true);
          const gross = BigInt(p) * BigInt(q);
          expect(a.grossCents).to.equal(Number(gross));
          expect(a.vatCents).to.equal(halfUp(gross * BigInt(r), 10000n + BigInt(r)));
          expect(a.unitNetCents).to.equal(halfUp(BigInt(p) * 10000n, 10000n + BigInt(r)));
        }),
      );
    });

    it('a net-entered line: net = price × quantity and VAT = half-up(net·r / 10000)', () => {
      fc.assert(
        fc.property(price, quantity, rate, (p, q, r) => {
          const a = lineAmounts(p, q, r, false);
          const net = BigInt(p) * BigInt(q);
          expect(a.netCents).to.equal(Number(net));
          expect(a.unitNetCents).to.equal(p);
          expect(a.vatCents).to.equal(halfUp(net * BigInt(r), 10000n));
        }),
      );
    });
  });

  describe('deliveryAmounts', () => {
    it('takes VAT out of a gross fee', () => {
      expect(deliveryAmounts(363, 2100)).to.deep.equal({ netCents: 300, vatCents: 63, grossCents: 363 });
      expect(deliveryAmounts(0, 2100)).to.deep.equal({ netCents: 0, vatCents: 0, grossCents: 0 });
      expect(deliveryAmounts(500, 0)).to.deep.equal({ netCents: 500, vatCents: 0, grossCents: 500 });
    });

    it('net + VAT = gross, gross is the fee, VAT is half-up(fee·r / (10000 + r))', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 10_000_000 }), rate, (fee, r) => {
          const d = deliveryAmounts(fee, r);
          expect(d.grossCents).to.equal(fee);
          expect(d.netCents + d.vatCents).to.equal(d.grossCents);
          expect(d.vatCents).to.be.at.least(0);
          expect(d.vatCents).to.equal(halfUp(BigInt(fee) * BigInt(r), 10000n + BigInt(r)));
        }),
      );
    });
  });

  describe('refunds', () => {
    const order = (): Component[] => [
      { component: 'line-1', grossCents: 2420, vatCents: 420 },
      { component: 'line-2', grossCents: 1000, vatCents: 174 },
      { component: 'delivery', grossCents: 363, vatCents: 63 },
    ];

    it('refunding everything takes back each component exactly', () => {
      const parts = refundParts(order(), 3783);
      expect(parts).to.have.deep.members(order());
    });

    it('spreads a partial refund by remaining gross, VAT in proportion', () => {
      const parts = refundParts(order(), 1000);
      expect(parts.reduce((s, p) => s + p.grossCents, 0)).to.equal(1000);
      // 1000·2420/3783 = 639,7…, 1000·1000/3783 = 264,3…, 1000·363/3783 = 95,9…: floors 639 + 264 + 95 = 998;
      // the two cents go to the largest remainders (delivery ,95 and line-1 ,70).
      expect(parts).to.deep.equal([
        { component: 'line-1', grossCents: 640, vatCents: 111 }, // 640·420/2420 = 111,07
        { component: 'line-2', grossCents: 264, vatCents: 46 }, // 264·174/1000 = 45,94
        { component: 'delivery', grossCents: 96, vatCents: 17 }, // 96·63/363 = 16,66
      ]);
    });

    it('leaves out components a refund does not touch', () => {
      const parts = refundParts(
        [
          { component: 'line-1', grossCents: 0, vatCents: 0 },
          { component: 'line-2', grossCents: 500, vatCents: 87 },
        ],
        100,
      );
      expect(parts).to.deep.equal([{ component: 'line-2', grossCents: 100, vatCents: 17 }]);
    });

    it('refuses to refund more than remains, nothing, a negative or a fractional amount', () => {
      for (const amount of [3784, 0, -1, -3783, 0.5, 10.25, Number.NaN, Infinity]) {
        expect(() => refundParts(order(), amount), String(amount)).to.throw(RangeError);
      }
      const none = remainingComponents(order(), order());
      expect(() => refundParts(none, 1)).to.throw(RangeError);
    });

    it('remainingComponents subtracts every earlier refund part of a component', () => {
      const refunded: Component[] = [
        { component: 'line-1', grossCents: 100, vatCents: 17 },
        { component: 'delivery', grossCents: 63, vatCents: 11 },
        { component: 'line-1', grossCents: 20, vatCents: 3 },
      ];
      expect(remainingComponents(order(), refunded)).to.deep.equal([
        { component: 'line-1', grossCents: 2300, vatCents: 400 },
        { component: 'line-2', grossCents: 1000, vatCents: 174 },
        { component: 'delivery', grossCents: 300, vatCents: 52 },
      ]);
      expect(remainingComponents(order(), [])).to.deep.equal(order());
    });

    /** An order: 1–6 lines (gross 0..10^6, VAT ≤ gross) and a delivery, with something to refund. */
    const component = (name: string) =>
      fc
        .tuple(
          fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 20 })),
          fc.integer({ min: 0, max: 10000 }),
        )
        .map(
          ([gross, share]): Component => ({
            component: name,
            grossCents: gross,
            vatCents: Math.floor((gross * share) / 10000),
          }),
        );
    const randomOrder = fc
      .tuple(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => component(`line-${i}`)))),
        component('delivery'),
      )
      .map(([lines, delivery]) => [...lines, delivery])
      .filter((cs) => cs.some((c) => c.grossCents > 0));
    /** Each step asks for a few cents or a share (‰) of what remains; the last step always refunds the rest. */
    const steps = fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 3 }).map((cents) => ({ cents })),
        fc.integer({ min: 1, max: 999 }).map((permille) => ({ permille })),
      ),
      { maxLength: 12 },
    );

    const sum = (cs: Component[], f: 'grossCents' | 'vatCents') => cs.reduce((s, c) => s + c[f], 0);

    it('partial refunds then the rest: parts sum to each amount, nothing goes below zero, all ends at 0', () => {
      fc.assert(
        fc.property(randomOrder, steps, (original, plan) => {
          const refunded: Component[] = [];
          let remaining = remainingComponents(original, refunded);
          const refund = (amount: number) => {
            const parts = refundParts(remaining, amount);
            expect(sum(parts, 'grossCents'), 'parts sum to the refund').to.equal(amount);
            const names = parts.map((p) => p.component);
            expect(new Set(names).size, 'one part per component').to.equal(names.length);
            for (const p of parts) {
              const before = remaining.find((c) => c.component === p.component);
              expect(before, `part for an unknown component ${p.component}`).to.not.equal(undefined);
              expect(p.grossCents).to.be.greaterThan(0);
              expect(p.vatCents).to.be.at.least(0);
              expect(p.grossCents).to.be.at.most(before!.grossCents);
              expect(p.vatCents).to.be.at.most(before!.vatCents);
            }
            refunded.push(...parts);
            remaining = remainingComponents(original, refunded);
            for (const c of remaining) {
              expect(c.grossCents, `${c.component} gross`).to.be.at.least(0);
              expect(c.vatCents, `${c.component} VAT`).to.be.at.least(0);
              expect(c.vatCents, `${c.component} VAT ≤ gross`).to.be.at.most(c.grossCents);
            }
          };
          for (const step of plan) {
            const left = sum(remaining, 'grossCents');
            if (left <= 1) break;
            const wanted = 'cents' in step ? step.cents : Math.floor((left * step.permille) / 1000);
            refund(Math.min(Math.max(wanted, 1), left - 1));
          }
          const rest = sum(remaining, 'grossCents');
          expect(() => refundParts(remaining, rest + 1)).to.throw(RangeError);
          refund(rest);
          for (const c of remaining) {
            expect(c, 'fully refunded').to.deep.equal({ component: c.component, grossCents: 0, vatCents: 0 });
          }
          expect(sum(refunded, 'grossCents')).to.equal(sum(original, 'grossCents'));
          expect(sum(refunded, 'vatCents')).to.equal(sum(original, 'vatCents'));
          expect(() => refundParts(remaining, 1)).to.throw(RangeError);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('cash rounding to 5 cents', () => {
  it('rounds 1–2 cents down and 3–4 up, as Lithuanian cash payments are', () => {
    const cases: [number, number][] = [
      [3450, 0],
      [3451, -1],
      [3452, -2],
      [3453, 2],
      [3454, 1],
      [3455, 0],
      [3457, -2],
      [3458, 2],
      [1, -1],
      [3, 2],
    ];
    for (const [total, rounding] of cases) expect(cashRounding(total), String(total)).to.equal(rounding);
  });

  it('always gives a multiple of 5 within 2 cents of the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (total) => {
        const r = cashRounding(total);
        expect((total + r) % 5).to.equal(0);
        expect(Math.abs(r)).to.be.at.most(2);
      }),
    );
  });
});
