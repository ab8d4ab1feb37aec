import { divRoundHalfUp } from '../lib/money.ts';
import { split } from '../lib/split.ts';

export interface LineInput {
  description: string;
  quantity: number;
  /** UN/ECE Recommendation 20 code (units.ts); a piece when not given. */
  unit?: string;
  unitNetCents: number;
  /** Cents off the line's quantity × unit price; none when not given. */
  discountCents?: number;
  vatRateBps: number;
}

export interface PricedLine extends LineInput {
  lineId: string;
  unit: string;
  discountCents: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface VatRow {
  vatRateBps: number;
  netCents: number;
  vatCents: number;
}

export interface Totals {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** Quantity × unit net price less the line's discount; VAT rounded half-up on each line. */
export function priceLine(line: LineInput, index: number): PricedLine {
  const discountCents = line.discountCents ?? 0;
  const netCents = line.quantity * line.unitNetCents - discountCents;
  const vatCents = divRoundHalfUp(netCents * line.vatRateBps, 10000);
  return {
    ...line,
    unit: line.unit ?? 'H87',
    discountCents,
    lineId: `L${index + 1}`,
    netCents,
    vatCents,
    grossCents: netCents + vatCents,
  };
}

/** Net and VAT per rate, highest rate first (what the documents print under the lines). */
export function vatBreakdown(lines: Pick<PricedLine, 'vatRateBps' | 'netCents' | 'vatCents'>[]): VatRow[] {
  const rows = new Map<number, VatRow>();
  for (const l of lines) {
    const row = rows.get(l.vatRateBps) ?? { vatRateBps: l.vatRateBps, netCents: 0, vatCents: 0 };
    row.netCents += l.netCents;
    row.vatCents += l.vatCents;
    rows.set(l.vatRateBps, row);
  }
  return [...rows.values()].sort((a, b) => b.vatRateBps - a.vatRateBps);
}

export function totalsOf(lines: Pick<PricedLine, 'netCents' | 'vatCents' | 'grossCents'>[]): Totals {
  return {
    netCents: lines.reduce((s, l) => s + l.netCents, 0),
    vatCents: lines.reduce((s, l) => s + l.vatCents, 0),
    grossCents: lines.reduce((s, l) => s + l.grossCents, 0),
  };
}

export function priceLines(input: LineInput[]) {
  const lines = input.map(priceLine);
  return { lines, vatBreakdown: vatBreakdown(lines), totals: totalsOf(lines) };
}

/**
 * The lines of a credit note taking back `amountCents` (gross) of an invoice: the amount is spread
 * over the invoice lines by their gross (largest remainder), each part's VAT in proportion to the
 * line's VAT. Amounts are negative, as printed on a credit note. Taking back the whole invoice gives
 * exactly the negated invoice lines.
 */
export function creditLines(invoiceLines: PricedLine[], amountCents: number): PricedLine[] {
  const gross = invoiceLines.reduce((s, l) => s + l.grossCents, 0);
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > gross) {
    throw new RangeError(`credit ${amountCents} outside 1..${gross}`);
  }
  if (amountCents === gross) {
    return invoiceLines.map((l) => ({
      ...l,
      quantity: -l.quantity,
      discountCents: -l.discountCents,
      netCents: -l.netCents,
      vatCents: -l.vatCents,
      grossCents: -l.grossCents,
    }));
  }
  const shares = split(amountCents, new Map(invoiceLines.map((l) => [l.lineId, l.grossCents])));
  return invoiceLines
    .map((l) => {
      const part = shares.get(l.lineId) ?? 0;
      const vat = l.grossCents === 0 ? 0 : divRoundHalfUp(part * l.vatCents, l.grossCents);
      return {
        ...l,
        quantity: -1,
        unitNetCents: -(part - vat),
        discountCents: 0,
        netCents: -(part - vat),
        vatCents: -vat,
        grossCents: -part,
      };
    })
    .filter((l) => l.grossCents !== 0);
}
