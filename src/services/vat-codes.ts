/**
 * VAT identification numbers of the EU member states (and Northern Ireland, `XI`), checked by format
 * as the European Commission's VIES describes them. A format check, not a registration check: VIES
 * itself is not asked (it is often unreachable and the app must work offline).
 */

/** The country prefix (Greece is `EL` in VAT codes) and the characters after it. */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export const VAT_PREFIXES = Object.keys(FORMATS);

/** Spaces, dots and dashes people type are dropped; letters upper-cased. */
export function normalizeVatCode(input: string): string {
  return input.replace(/[\s.-]/g, '').toUpperCase();
}

export type VatCodeProblem = 'country' | 'format';

/**
 * Why a (normalized) VAT code is not one of an EU member state's, or null when it has the format of
 * its country. `country`: the code does not start with a member state's prefix.
 */
export function vatCodeProblem(code: string): VatCodeProblem | null {
  const format = FORMATS[code.slice(0, 2)];
  if (!format) return 'country';
  return format.test(code.slice(2)) ? null : 'format';
}

/** The ISO 3166-1 country a VAT prefix belongs to (EL is Greece, GR; XI is the United Kingdom's Northern Ireland). */
export function vatCountry(code: string): string {
  const prefix = code.slice(0, 2);
  return prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix;
}
