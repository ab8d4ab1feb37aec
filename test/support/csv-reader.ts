/**
 * A small RFC 4180 reader for the tests, written apart from the app's writer (src/lib/csv.ts) so the
 * tests read the files the way a spreadsheet does, not the way the app meant to write them. It reads
 * quoted cells (with doubled quotes, separators and line breaks inside), CRLF or LF records, and
 * reports a leading BOM instead of keeping it in the first header.
 */
export interface CsvDocument {
  bom: boolean;
  header: string[];
  rows: string[][];
}

export function readCsv(text: string, delimiter: ';' | ','): CsvDocument {
  const bom = text.startsWith('\uFEFF');
  const src = bom ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push(record);
    record = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === '\r' && src[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (ch === '\n') endRecord();
    else cell += ch;
    i++;
  }
  if (quoted) throw new Error('CSV ends inside a quoted cell');
  if (cell !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  for (const [n, row] of rows.entries())
    if (row.length !== header.length)
      throw new Error(`CSV row ${n + 1} has ${row.length} cells, the header ${header.length}`);
  return { bom, header, rows };
}

/**
 * A cell as a spreadsheet set to Lithuanian takes a number: digits, an optional minus and a decimal
 * comma. Anything else (a decimal point, a thousands separator, a currency sign) would be read as
 * text and left out of a sum, so it fails the test. Returns cents.
 */
export function lithuanianCents(cell: string): number {
  const m = /^(-?)(\d+)(?:,(\d{1,2}))?$/.exec(cell);
  if (!m) throw new Error(`"${cell}" is not a number to a spreadsheet set to Lithuanian`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** A cell of the machine format: digits, an optional minus and a decimal point, in cents. */
export function machineCents(cell: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{2}))?$/.exec(cell);
  if (!m) throw new Error(`"${cell}" is not a machine-format amount`);
  const cents = Number(m[2]) * 100 + Number(m[3] ?? '0');
  return m[1] ? -cents : cents;
}

/** The total of a column, found by its header, each cell read by `read`. */
export function columnTotal(doc: CsvDocument, header: string, read: (cell: string) => number): number {
  const at = doc.header.indexOf(header);
  if (at < 0) throw new Error(`no column "${header}" in ${JSON.stringify(doc.header)}`);
  return doc.rows.reduce((sum, row) => sum + read(row[at]!), 0);
}

/** One column's cells, found by its header. */
export function column(doc: CsvDocument, header: string): string[] {
  const at = doc.header.indexOf(header);
  if (at < 0) throw new Error(`no column "${header}" in ${JSON.stringify(doc.header)}`);
  return doc.rows.map((row) => row[at]!);
}

/**
 * An amount as a page shows it ("1 234,56 €", "−12,50 €", "€1,234.56"), in cents: what the
 * person comparing the file with the screen reads.
 */
export function screenCents(shown: string): number {
  const s = shown.replace(/[\s\u00a0\u202f€]/g, '').replace('\u2212', '-');
  const m = /^(-?)([\d.,]+)$/.exec(s);
  if (!m) throw new Error(`"${shown}" is not an amount`);
  const digits = m[2]!;
  // The last separator followed by exactly two digits is the decimal one; the others group thousands.
  const dm = /^(.*)[.,](\d{2})$/.exec(digits);
  const whole = (dm ? dm[1]! : digits).replace(/[.,]/g, '');
  const cents = Number(whole) * 100 + Number(dm ? dm[2] : '0');
  return m[1] ? -cents : cents;
}
