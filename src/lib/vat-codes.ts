/**
 * VAT identification numbers of the EU member states: the country prefix and the shape of the
 * number as the Commission's VIES service describes it (digits and letters only, no check digits
 * verified). Greece uses the prefix EL; Northern Ireland (XI) is accepted as under the Windsor
 * Framework. Used by the checkout's VAT invoice request and by invoicing.
 */
export const VAT_CODE_FORMATS: Readonly<Record<string, RegExp>> = {
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

/** The prefixes in use; a code with any other prefix is not an EU VAT code. */
export const VAT_PREFIXES = Object.keys(VAT_CODE_FORMATS);

/** Upper case, spaces, dots and dashes removed: "lt 100 001 234 567" → "LT100001234567". */
export function normalizeVatCode(value: string): string {
  return value.toUpperCase().replace(/[\s.-]/g, '');
}

export type VatCodeProblem = 'prefix' | 'format';

/** Why a VAT code is not in its member state's format, or null when it is (after normalising). */
export function vatCodeProblem(value: string): VatCodeProblem | null {
  const code = normalizeVatCode(value);
  const prefix = code.slice(0, 2);
  const format = VAT_CODE_FORMATS[prefix];
  if (!format) return 'prefix';
  return format.test(code.slice(2)) ? null : 'format';
}

export function isVatCode(value: string): boolean {
  return vatCodeProblem(value) === null;
}

/** The VAT prefix of a country (ISO 3166-1 alpha-2): Greece's is EL, every other is the same code. */
export function vatPrefixOf(country: string): string {
  const c = country.toUpperCase();
  return c === 'GR' ? 'EL' : c;
}

/** The ISO 3166-1 country a VAT code's prefix belongs to (EL is Greece, GR; XI is Northern Ireland, GB). */
export function vatCountry(code: string): string {
  const prefix = normalizeVatCode(code).slice(0, 2);
  return prefix === 'EL' ? 'GR' : prefix === 'XI' ? 'GB' : prefix;
}

/** A Lithuanian company code (juridinio asmens kodas): 9 digits. */
export function isLithuanianCompanyCode(value: string): boolean {
  return /^\d{9}$/.test(value.replace(/\s/g, ''));
}
