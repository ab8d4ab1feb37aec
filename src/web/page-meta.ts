import type { NextFunction, Request, Response } from 'express';
import { translate } from './i18n.ts';

/** The query parameters that make a different page of the catalogue (the rest are views of one). */
const CANONICAL_QUERY: Record<string, readonly string[]> = { '/catalogue': ['category', 'page'] };

/** The page's address as search engines should list it: the public base URL, the path, few parameters. */
export function canonicalUrl(publicUrl: string, req: Pick<Request, 'path' | 'query'>): string {
  const keep = CANONICAL_QUERY[req.path] ?? [];
  const params = new URLSearchParams();
  for (const name of keep) {
    const value = req.query[name];
    if (typeof value !== 'string' || value === '' || (name === 'page' && value === '1')) continue;
    params.set(name, value);
  }
  const qs = params.toString();
  return `${publicUrl}${req.path}${qs ? `?${qs}` : ''}`;
}

/** A meta description: the text on one line, cut at a word to about 160 characters. */
export function metaDescription(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/**
 * What every page's head needs: the public base URL (absolute links in tags and structured data),
 * the canonical URL and a default meta description; a page's own render options replace them.
 */
export function pageMeta(publicUrl: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.locals.publicUrl = publicUrl;
    res.locals.canonicalUrl = canonicalUrl(publicUrl, req);
    res.locals.metaDescription = translate(req.lang, 'meta.description');
    res.locals.ogLocale = req.lang === 'en' ? 'en_IE' : 'lt_LT';
    next();
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` is escaped so no text in it (a product's
 * title, say) can close the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
