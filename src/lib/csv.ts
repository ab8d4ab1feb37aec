import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { centsToInput } from './money.ts';

/**
 * The two shapes of every CSV the app sends:
 * - `spreadsheet` (the default): what Excel or LibreOffice set to Lithuanian opens as a table —
 *   UTF-8 with a BOM, CRLF, `;` between cells, amounts as `1234,56` (no thousands separator, so they
 *   stay numbers), times as `2026-11-30 14:05` in Europe/Vilnius, headers and codes in words.
 * - `machine`: for programs — `,` between cells, amounts as `1234.56`, codes as stored, times as UTC
 *   ISO 8601, headers in stable snake_case names; no BOM.
 * Both have the same columns in the same order.
 */
export const CSV_FORMATS = ['spreadsheet', 'machine'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

/** The `format` query parameter: the machine format only when asked for by name, else the spreadsheet one. */
const formatQuery = z.object({ format: z.enum(CSV_FORMATS).catch('spreadsheet').default('spreadsheet') });

export function csvFormatOf(query: unknown): CsvFormat {
  return formatQuery.parse(query ?? {}).format;
}

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe; plain numbers stay as they are. */
export function csvSafe(value: string): string {
  if (/^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+([.,]\d+)?$/.test(value)) return `'${value}`;
  return value;
}

/** Euros with two decimals and a dot (the machine format, the command line): 1250 → "12.50". */
export function centsToCsv(cents: number | null | undefined): string {
  return centsToInput(cents ?? 0, '.');
}

const vilniusClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vilnius',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A moment as Vilnius wall-clock time to the minute, e.g. "2026-11-01 00:30". */
export function vilniusDateTime(at: Date): string {
  const p = Object.fromEntries(vilniusClock.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** One cell, typed so each format can write it its own way. */
export type CsvCell =
  | { kind: 'text'; value: string }
  | { kind: 'code'; code: string; words: string }
  | { kind: 'money'; cents: number }
  | { kind: 'moment'; at: Date | null };

/** Free text (names, memos, numbers of documents): the same in both formats. */
export const text = (value: string | null | undefined): CsvCell => ({ kind: 'text', value: value ?? '' });
/** A stored code: as is for machines, in words for people. */
export const code = (value: string | null | undefined, words: string): CsvCell => ({
  kind: 'code',
  code: value ?? '',
  words: value ? words : '',
});
/** An amount in cents (none counts as 0). */
export const money = (cents: number | null | undefined): CsvCell => ({ kind: 'money', cents: cents ?? 0 });
/** A moment in time (none is an empty cell). */
export const moment = (at: Date | string | null | undefined): CsvCell => ({
  kind: 'moment',
  at: at ? new Date(at) : null,
});

export interface CsvColumn {
  /** The stable header of the machine format, e.g. `posted_at`. */
  name: string;
  /** The header people read, already translated. */
  label: string;
}

function cellText(cell: CsvCell, format: CsvFormat): string {
  const machine = format === 'machine';
  switch (cell.kind) {
    case 'text':
      return csvSafe(cell.value);
    case 'code':
      return csvSafe(machine ? cell.code : cell.words);
    case 'money':
      return centsToInput(cell.cents, machine ? '.' : ',');
    case 'moment':
      if (!cell.at) return '';
      return machine ? cell.at.toISOString() : vilniusDateTime(cell.at);
  }
}

/** The document: a header row, then one row per entry of `rows`, each as long as `columns`. */
export function writeCsv(format: CsvFormat, columns: CsvColumn[], rows: CsvCell[][]): string {
  const machine = format === 'machine';
  const records = [
    columns.map((c) => csvSafe(machine ? c.name : c.label)),
    ...rows.map((row) => {
      if (row.length !== columns.length)
        throw new Error(`a CSV row has ${row.length} cells, not ${columns.length}`);
      return row.map((cell) => cellText(cell, format));
    }),
  ];
  const body = stringify(records, {
    delimiter: machine ? ',' : ';',
    record_delimiter: 'windows',
    // A line break of either kind inside a cell is quoted, so no reader takes it for a new row.
    quoted_match: /[\r\n]/,
  });
  return machine ? body : `\uFEFF${body}`;
}

/** The file name of a download in a format: `ledger-2026-11.csv`, `ledger-2026-11-machine.csv`. */
export function csvFileName(base: string, format: CsvFormat): string {
  return `${base}${format === 'machine' ? '-machine' : ''}.csv`;
}
