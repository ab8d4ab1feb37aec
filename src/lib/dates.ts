const TIME_ZONE = 'Europe/Vilnius';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parts(date: Date): { year: string; month: string; day: string } {
  const p = Object.fromEntries(partsFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: p.year!, month: p.month!, day: p.day! };
}

/** The period (month) a moment belongs to in Vilnius, e.g. "2026-10". */
export function vilniusPeriod(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}`;
}

export function vilniusYear(date: Date): number {
  return Number(parts(date).year);
}

/** The calendar date in Vilnius, e.g. "2026-10-31". */
export function vilniusDate(date: Date): string {
  const p = parts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
