import { divRoundHalfUp } from '../lib/money.ts';
import { split } from '../lib/split.ts';

export interface LineAmounts {
  unitNetCents: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/**
 * One order line: quantity × unit price, VAT rounded half-up on the line. A gross-entered price keeps
 * the line's gross exact (what the buyer saw); a net-entered one keeps the net exact.
 */
export function lineAmounts(
  priceCents: number,
  quantity: number,
  vatRateBps: number,
  includesVat: boolean,
): LineAmounts {
  if (includesVat) {
    const grossCents = priceCents * quantity;
    const vatCents = divRoundHalfUp(grossCents * vatRateBps, 10000 + vatRateBps);
    return {
      unitNetCents: divRoundHalfUp(priceCents * 10000, 10000 + vatRateBps),
      netCents: grossCents - vatCents,
      vatCents,
      grossCents,
    };
  }
  const netCents = priceCents * quantity;
  const vatCents = divRoundHalfUp(netCents * vatRateBps, 10000);
  return { unitNetCents: priceCents, netCents, vatCents, grossCents: netCents + vatCents };
}

/**
 * What rounding a cash total to the nearest 5 cents adds (negative: taken off), as Lithuanian cash
 * payments are (1–2 cents down, 3–4 up): 34,52 € → −2, 34,53 € → +2.
 */
export function cashRounding(totalCents: number): number {
  return Math.round(totalCents / 5) * 5 - totalCents;
}

/** A delivery fee is entered with VAT; its VAT is at the organisation's rate when it pays VAT. */
export function deliveryAmounts(feeGrossCents: number, vatRateBps: number) {
  const vatCents = divRoundHalfUp(feeGrossCents * vatRateBps, 10000 + vatRateBps);
  return { netCents: feeGrossCents - vatCents, vatCents, grossCents: feeGrossCents };
}

/** A part of an order a refund can take back: a line, or the delivery (`component: 'delivery'`). */
export interface Component {
  component: string;
  grossCents: number;
  vatCents: number;
}

/**
 * How a refund of `amountCents` is spread over what is still unrefunded: gross by largest remainder
 * in proportion to each component's remaining gross, VAT in proportion to its remaining VAT. Refunding
 * everything that remains therefore takes back exactly the remaining gross and VAT of each component.
 */
export function refundParts(remaining: Component[], amountCents: number): Component[] {
  const total = remaining.reduce((s, c) => s + c.grossCents, 0);
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > total) {
    throw new RangeError(`refund ${amountCents} outside 1..${total}`);
  }
  const shares = split(amountCents, new Map(remaining.map((c) => [c.component, c.grossCents])));
  return remaining
    .map((c) => {
      const grossCents = shares.get(c.component) ?? 0;
      const vatCents = c.grossCents === 0 ? 0 : divRoundHalfUp(grossCents * c.vatCents, c.grossCents);
      return { component: c.component, grossCents, vatCents };
    })
    .filter((p) => p.grossCents > 0);
}

/** What is left to refund per component, given the original components and earlier refunds' parts. */
export function remainingComponents(original: Component[], refunded: Component[]): Component[] {
  return original.map((c) => {
    const done = refunded.filter((r) => r.component === c.component);
    return {
      component: c.component,
      grossCents: c.grossCents - done.reduce((s, r) => s + r.grossCents, 0),
      vatCents: c.vatCents - done.reduce((s, r) => s + r.vatCents, 0),
    };
  });
}
