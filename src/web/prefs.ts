import { Router, type CookieOptions, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { isLang, localeOf } from './i18n.ts';

export const LANG_COOKIE = 'lang';
export const EASY_COOKIE = 'easy';
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Only a local path may follow a redirect (no `//host`, no scheme): closes open redirects. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return /[\r\n]/.test(next) ? fallback : next;
}

/** Language and easy-read come from cookies, not the session, so browsing creates no session. */
export function preferences(req: Request, res: Response, next: NextFunction): void {
  const cookieLang: unknown = req.cookies?.[LANG_COOKIE];
  req.lang = isLang(cookieLang) ? cookieLang : 'lt';
  req.easyRead = req.cookies?.[EASY_COOKIE] === '1';
  res.locals.lang = req.lang;
  res.locals.locale = localeOf(req.lang);
  res.locals.otherLang = req.lang === 'lt' ? 'en' : 'lt';
  res.locals.easyRead = req.easyRead;
  res.locals.currentPath = req.originalUrl;
  next();
}

const prefQuery = z.object({ next: z.string().max(2000).optional().catch(undefined) });

export function preferenceRoutes(secure: boolean): Router {
  const router = Router();
  const cookie: CookieOptions = { maxAge: YEAR_MS, httpOnly: true, sameSite: 'lax', secure, path: '/' };

  router.get('/lang/:lang', (req, res) => {
    const { next } = prefQuery.parse(req.query);
    const lang = req.params.lang;
    if (!isLang(lang)) throw new NotFoundError();
    res.cookie(LANG_COOKIE, lang, cookie);
    res.redirect(303, safeNext(next));
  });

  router.get('/easy-read/:state', (req, res) => {
    const { next } = prefQuery.parse(req.query);
    const state = req.params.state;
    if (state !== 'on' && state !== 'off') throw new NotFoundError();
    if (state === 'on') res.cookie(EASY_COOKIE, '1', cookie);
    else res.clearCookie(EASY_COOKIE, { path: '/' });
    res.redirect(303, safeNext(next));
  });

  return router;
}
