/** Money is integer euro cents everywhere; these helpers never touch floating point. */

/** Whole euros either plain or grouped by thousands with a (narrow) space: "1234", "1 234". */
const AMOUNT_RE = /^(-)?(\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,2}|\d{1,9})(?:[.,](\d{1,2}))?$/;

/** Parses "12", "12,5", "12.50", "1 234,50" into cents; returns null when the text is not an amount. */
export function parseAmountToCents(input: string): number | null {
  const m = AMOUNT_RE.exec(input.trim().replace(/[\s\u00a0\u202f]*€$/, ''));
  if (!m?.[2]) return null;
  const whole = Number(m[2].replace(/\D/g, ''));
  const fraction = Number((m[3] ?? '0').padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return m[1] && cents !== 0 ? -cents : cents;
}

/** Integer division rounding half away from zero: the "half-up" rule used per invoice line. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divRoundHalfUp needs safe integers and a positive denominator');
  }
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  return sign * (2 * r >= denominator ? q + 1 : q);
}

export interface PriceBreakdown {
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** Splits a price into net, VAT and gross; `includesVat` says whether `priceCents` was entered gross. */
export function priceBreakdown(priceCents: number, vatRateBps: number, includesVat: boolean): PriceBreakdown {
  if (includesVat) {
    const vatCents = divRoundHalfUp(priceCents * vatRateBps, 10000 + vatRateBps);
    return { netCents: priceCents - vatCents, vatCents, grossCents: priceCents };
  }
  const vatCents = divRoundHalfUp(priceCents * vatRateBps, 10000);
  return { netCents: priceCents, vatCents, grossCents: priceCents + vatCents };
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatCents(cents: number, locale: string): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    formatters.set(locale, f);
  }
  return f.format(cents / 100);
}

/** Cents as an editable form value, e.g. 1250 → "12,50" (LT) or "12.50" (EN). */
export function centsToInput(cents: number, decimalSeparator: ',' | '.'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, '0')}`;
}

/** VAT rate in basis points from a percentage text such as "21" or "9,5"; null when invalid. */
export function parsePercentToBps(input: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(input.trim().replace(/%$/, '').trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bps <= 10000 ? bps : null;
}
