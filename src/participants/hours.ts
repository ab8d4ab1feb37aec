/**
 * Work hours as the contributions grid takes them: typed as hours ("1,5", "1.5", "2"), stored as
 * today's whole-number weight, hundredths of an hour (150), so the stipend engine is unchanged.
 */

/** Hundredths of an hour per hour: the stored weight of one hour. */
export const WEIGHT_PER_HOUR = 100;

/** No one works more than this in a day: a cell above 24 h × the days of the month is a typing slip. */
export const MAX_HOURS_PER_DAY = 24;

export type HoursError =
  | { key: 'contributions.errors.hoursNumber' }
  | { key: 'contributions.errors.hoursNegative' }
  | { key: 'contributions.errors.hoursDecimals' }
  | { key: 'contributions.errors.hoursTooMany'; params: { max: number; days: number } };

export type ParsedHours = { ok: true; weight: number } | { ok: false; error: HoursError };

/**
 * Reads a cell: blank is 0; a decimal comma or point, at most two decimals, with no sign, exponent or
 * thousands separator; at most `MAX_HOURS_PER_DAY × daysInMonth` hours.
 */
export function parseHours(raw: string, daysInMonth: number): ParsedHours {
  const text = raw.trim();
  if (text === '') return { ok: true, weight: 0 };
  if (/^-/.test(text) && /^-\d*(?:[.,]\d*)?$/.test(text) && /\d/.test(text))
    return { ok: false, error: { key: 'contributions.errors.hoursNegative' } };
  const m = /^(\d{1,6})(?:[.,](\d*))?$/.exec(text) ?? /^()[.,](\d+)$/.exec(text);
  if (!m) return { ok: false, error: { key: 'contributions.errors.hoursNumber' } };
  const whole = m[1] === '' ? 0 : Number(m[1]);
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: { key: 'contributions.errors.hoursDecimals' } };
  const weight = whole * WEIGHT_PER_HOUR + Number(fraction.padEnd(2, '0'));
  const max = MAX_HOURS_PER_DAY * daysInMonth;
  if (weight > max * WEIGHT_PER_HOUR)
    return {
      ok: false,
      error: { key: 'contributions.errors.hoursTooMany', params: { max, days: daysInMonth } },
    };
  return { ok: true, weight };
}

/** A stored weight as hours, with the language's decimal mark: 150 → "1,5" (lt) or "1.5" (en); 0 → "". */
export function formatHours(weight: number, lang: 'lt' | 'en'): string {
  if (!weight) return '';
  const whole = Math.floor(weight / WEIGHT_PER_HOUR);
  const fraction = String(weight % WEIGHT_PER_HOUR)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}${lang === 'en' ? '.' : ','}${fraction}` : String(whole);
}
