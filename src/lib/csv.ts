import { centsToInput } from './money.ts';

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe; plain numbers stay as they are. */
export function csvSafe(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+([.,]\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/** Euros with two decimals and a dot, as spreadsheets and accounting programs read them: 1250 → "12.50". */
export function centsToCsv(cents: number | null | undefined): string {
  return centsToInput(cents ?? 0, '.');
}
