/**
 * Reads a network's published list of terminals into plain records. Accepted (see README.md):
 * - Omniva's `locations.json`: an array of objects with `ZIP` (the terminal's id), `NAME`, `TYPE`
 *   (`0` a parcel machine, `1` a post office: only machines are kept), `A0_NAME` (country), `A1_NAME`…
 *   `A3_NAME` (county, municipality, town), `A5_NAME` (street), `A7_NAME` (house number);
 * - DPD's parcel shop list, JSON (an array, or `{ "parcelshops": [...] }`) or CSV, with
 *   `parcelshop_id`, `company`, `street`, `city`, `pcode`, `country`;
 * - Unisend's (LP Express) terminal list: an array of `{ id, name, address, city, postalCode, countryCode }`;
 * - any CSV (`,`, `;` or tab, first row the column names) with `id`, `name`, `address`, `city`,
 *   `postcode`, `country` columns.
 * Only terminals in Lithuania are kept (a record without a country is taken as Lithuanian).
 */

export interface TerminalRecord {
  terminalId: string;
  name: string;
  address: string;
  city: string;
  postcode: string;
}

export interface ParsedList {
  terminals: TerminalRecord[];
  /** Records left out: not a parcel machine, not in Lithuania, or without a usable id or name. */
  skipped: number;
}

/** A list that cannot be read at all; `key` is the message for the person importing it. */
export class LockerListError extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

type Row = Record<string, unknown>;

const ARRAY_KEYS = ['parcelshops', 'terminals', 'locations', 'data', 'items'];

function jsonRows(text: string): Row[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LockerListError('lockers.errors.badJson');
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const key = ARRAY_KEYS.find((k) => Array.isArray((data as Row)[k]));
    data = key ? (data as Row)[key] : undefined;
  }
  if (!Array.isArray(data)) throw new LockerListError('lockers.errors.unknownFormat');
  return data.filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r));
}

/** RFC 4180 CSV (quoted fields with doubled quotes), the delimiter guessed from the header row. */
export function csvRows(text: string): Row[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]![0];
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rest] = records.filter((r) => r.some((f) => f.trim() !== ''));
  if (!header || header.length < 2) throw new LockerListError('lockers.errors.unknownFormat');
  const names = header.map((h) => h.trim());
  return rest.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

/** The first non-empty value among `keys` (compared without case). */
function pick(row: Row, keys: string[]): string {
  const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
  for (const key of keys) {
    const v = lower.get(key.toLowerCase());
    if (typeof v === 'string' && v.trim() !== '') return v.trim().replace(/\s+/g, ' ');
    if (typeof v === 'number') return String(v);
  }
  return '';
}

const ID = /^[A-Za-z0-9._-]{1,40}$/;

function terminalOf(row: Row): TerminalRecord | null {
  const omniva = pick(row, ['A0_NAME']) !== '' || pick(row, ['ZIP']) !== '';
  if (omniva && pick(row, ['TYPE']) !== '' && pick(row, ['TYPE']) !== '0') return null;
  const country = pick(row, ['A0_NAME', 'country', 'countryCode', 'country_code']).toUpperCase();
  if (country !== '' && country !== 'LT') return null;
  const terminalId = omniva
    ? pick(row, ['ZIP'])
    : pick(row, ['parcelshop_id', 'terminalId', 'lockerId', 'id', 'code']);
  const name = pick(row, ['NAME', 'company', 'name', 'title']);
  const address = omniva
    ? [pick(row, ['A5_NAME']), pick(row, ['A7_NAME'])].filter(Boolean).join(' ')
    : pick(row, ['street', 'address']);
  const city = omniva ? pick(row, ['A3_NAME', 'A2_NAME', 'A1_NAME']) : pick(row, ['city', 'locality']);
  const postcode = omniva ? '' : pick(row, ['pcode', 'postalCode', 'postcode', 'zip']);
  if (!ID.test(terminalId) || name === '' || name.length > 120) return null;
  return {
    terminalId,
    name,
    address: address.slice(0, 200),
    city: city.slice(0, 80),
    postcode: postcode.replace(/^LT-?/i, '').slice(0, 10),
  };
}

/** Parses a list (JSON or CSV, detected from its first character); throws LockerListError. */
export function parseTerminalList(input: string | Buffer): ParsedList {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new LockerListError('lockers.errors.empty');
  const rows = /^\s*[[{]/.test(text) ? jsonRows(text) : csvRows(text);
  const seen = new Set<string>();
  const terminals: TerminalRecord[] = [];
  let skipped = 0;
  for (const row of rows) {
    const t = terminalOf(row);
    if (!t || seen.has(t.terminalId)) {
      skipped++;
      continue;
    }
    seen.add(t.terminalId);
    terminals.push(t);
  }
  if (terminals.length === 0) throw new LockerListError('lockers.errors.noTerminals', { skipped });
  return { terminals, skipped };
}
