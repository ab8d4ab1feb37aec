import path from 'node:path';
import { engine } from 'express-handlebars';
import type { HelperOptions } from 'handlebars';
import { formatCents } from '../lib/money.ts';
import { jsonForScript } from './page-meta.ts';
import { nameErrorFields } from './error-labels.ts';
import { isLang, localeOf, localized, translate, translatePlural, type Lang, type Params } from './i18n.ts';

type Root = { lang?: Lang; easyRead?: boolean };

function rootOf(options: HelperOptions): Root {
  return (options.data?.root ?? {}) as Root;
}

function langOf(options: HelperOptions): Lang {
  const lang = rootOf(options).lang;
  return isLang(lang) ? lang : 'lt';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDate(value: Date, lang: Lang, withTime: boolean): string {
  const id = `${lang}:${withTime}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), {
      timeZone: 'Europe/Vilnius',
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    dateFormats.set(id, f);
  }
  return f.format(value);
}

/** Helpers read the page's language from the render root, so no per-request helper objects are built. */
export const helpers = {
  t(key: string, options: HelperOptions): string {
    const root = rootOf(options);
    return translate(langOf(options), key, options.hash as Params, root.easyRead === true);
  },
  /** Translates a field error `{ key, params }` produced by form validation (easy-read when chosen). */
  terr(err: { key: string; params?: Params } | undefined, options: HelperOptions): string {
    return err
      ? translate(langOf(options), err.key, err.params ?? {}, rootOf(options).easyRead === true)
      : '';
  },
  /** Translates with a params object (for messages whose params come from code, not the template). */
  tp(key: string, params: Params | undefined, options: HelperOptions): string {
    return translate(langOf(options), key, params ?? {}, rootOf(options).easyRead === true);
  },
  tn(key: string, count: number, options: HelperOptions): string {
    const easyRead = rootOf(options).easyRead === true;
    return translatePlural(langOf(options), key, Number(count), options.hash as Params, easyRead);
  },
  money(cents: number, options: HelperOptions): string {
    return typeof cents === 'number' ? formatCents(cents, localeOf(langOf(options))) : '';
  },
  date(value: Date | string | null | undefined, options: HelperOptions): string {
    if (!value) return '';
    return formatDate(new Date(value), langOf(options), options.hash.time === true);
  },
  loc(value: { lt?: string; en?: string } | undefined, options: HelperOptions): string {
    return localized(value, langOf(options));
  },
  eq(a: unknown, b: unknown): boolean {
    return String(a) === String(b);
  },
  or(...args: unknown[]): boolean {
    return args.slice(0, -1).some(Boolean);
  },
  and(...args: unknown[]): boolean {
    return args.slice(0, -1).every(Boolean);
  },
  not(a: unknown): boolean {
    return !a;
  },
  add(a: number, b: number): number {
    return Number(a) + Number(b);
  },
  /** The current page's URL with some query parameters replaced, for pagination and sort links. */
  withQuery(base: string, current: Record<string, unknown>, options: HelperOptions): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...current, ...options.hash })) {
      if (v !== undefined && v !== null && v !== '' && !(k === 'page' && Number(v) === 1))
        params.set(k, String(v));
    }
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  },
  concat(...args: unknown[]): string {
    return args.slice(0, -1).map(String).join('');
  },
  /** Structured data (JSON-LD) safe inside a script element; print with triple braces. */
  ldJson(value: unknown): string {
    return jsonForScript(value);
  },
  encode(value: string): string {
    return encodeURIComponent(value ?? '');
  },
};

type Render = (path: string, options: object, callback: (err: Error | null, html?: string) => void) => void;

export function viewEngine(root: string): Render {
  const render = engine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(root, 'views', 'layouts'),
    partialsDir: path.join(root, 'views', 'partials'),
    helpers,
    // A partial on its own line would otherwise indent every line it prints, textarea contents included.
    compilerOptions: { preventIndent: true },
  }) as unknown as Render;
  // Error summaries name their fields once the page (and so every field's label) is rendered.
  return (path, options, callback) =>
    render(path, options, (err, html) => callback(err, html === undefined ? html : nameErrorFields(html)));
}
