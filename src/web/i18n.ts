import { en } from './i18n/en.ts';
import { lt } from './i18n/lt.ts';

export const LANGS = ['lt', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof lt;
export type Params = Record<string, string | number>;

const DICTS: Record<Lang, Record<string, string>> = { lt, en };
const LOCALES: Record<Lang, string> = { lt: 'lt-LT', en: 'en-IE' };

export function isLang(value: unknown): value is Lang {
  return value === 'lt' || value === 'en';
}

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

function interpolate(message: string, params: Params): string {
  // Own keys only: a text shown through its key (a staff name, say) may contain "{constructor}".
  return message.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : m,
  );
}

/**
 * The message for a key in a language. In easy-read mode a `key.easy` variant (plain words) wins when
 * there is one. A missing key shows itself, which the i18n test catches before it reaches anyone.
 */
export function translate(lang: Lang, key: string, params: Params = {}, easyRead = false): string {
  const dict = DICTS[lang];
  const message = (easyRead ? dict[`${key}.easy`] : undefined) ?? dict[key] ?? lt[key as MessageKey] ?? key;
  return interpolate(message, params);
}

/** The message for a key, or `fallback` when there is none (a code added later, say). */
export function translateOr(lang: Lang, key: string, fallback: string): string {
  const label = translate(lang, key);
  return label === key ? fallback : label;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * Picks `key.one|few|many|other` by the language's plural rules (Lithuanian has three forms); in
 * easy-read mode the chosen form's `.easy` variant wins when there is one.
 */
export function translatePlural(
  lang: Lang,
  key: string,
  count: number,
  params: Params = {},
  easyRead = false,
): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[lang]);
    pluralRules.set(lang, rules);
  }
  const form = rules.select(count);
  const dict = DICTS[lang];
  const chosen = dict[`${key}.${form}`] !== undefined ? `${key}.${form}` : `${key}.other`;
  return translate(lang, chosen, { count, ...params }, easyRead);
}

/** A localized field such as `{ lt, en }`: the user's language, else Lithuanian. */
export function localized(
  value: { lt?: string | null; en?: string | null } | null | undefined,
  lang: Lang,
): string {
  if (!value) return '';
  return (lang === 'en' ? value.en : value.lt) || value.lt || '';
}

export function messageKeys(lang: Lang): string[] {
  return Object.keys(DICTS[lang]);
}
