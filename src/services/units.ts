import { translate, type Lang } from '../web/i18n.ts';

/**
 * Units of measure a quote or invoice line is counted in: a short list staff choose from, each a
 * UN/ECE Recommendation 20 code (what EN 16931 e-invoices carry) with its printed abbreviation.
 */
export const UNITS = ['H87', 'HUR', 'DAY', 'KGM', 'MTR', 'SET'] as const;
export type UnitCode = (typeof UNITS)[number];

export const DEFAULT_UNIT: UnitCode = 'H87';

/** The longest unit code Recommendation 20 has (3 characters). */
export const UNIT_CODE_MAX = 3;

export function isUnit(code: string): code is UnitCode {
  return (UNITS as readonly string[]).includes(code);
}

/** The translation key of a unit's printed abbreviation (vnt., val., d., kg, m, kompl.), shared with the PDFs. */
export function unitKey(code: string): `pdf.unit.${UnitCode}` {
  return `pdf.unit.${isUnit(code) ? code : DEFAULT_UNIT}`;
}

/** The printed abbreviation of a unit in a language: "vnt." / "pcs". */
export function unitLabel(lang: Lang, code: string): string {
  return translate(lang, unitKey(code));
}

/** The unit choices of a line's select (the abbreviation, its full name as the title), `selected` marked. */
export function unitOptions(lang: Lang, selected: string) {
  return UNITS.map((code) => ({
    code,
    label: unitLabel(lang, code),
    name: translate(lang, `unit.${code}.name`),
    selected: code === selected,
  }));
}
