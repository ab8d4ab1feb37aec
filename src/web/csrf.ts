import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { randomToken } from '../lib/ids.ts';

const BROWSER_COOKIE = 'dv.bid';

/**
 * Signed double-submit CSRF tokens (csrf-csrf). A token is bound to the staff session when there is
 * one, else to a random browser id cookie, so public forms get protection without creating sessions.
 */
export function csrfProtection(opts: { secret: string; secure: boolean }) {
  const browserCookie = opts.secure ? `__Host-${BROWSER_COOKIE}` : BROWSER_COOKIE;
  const cookieOptions = { sameSite: 'lax' as const, secure: opts.secure, httpOnly: true, path: '/' };

  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => opts.secret,
    getSessionIdentifier: (req) =>
      req.session?.userId
        ? `s:${req.sessionID}`
        : `b:${(req.cookies?.[browserCookie] as string | undefined) ?? ''}`,
    cookieName: opts.secure ? '__Host-dv.csrf' : 'dv.csrf',
    cookieOptions,
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      // Multipart forms (uploads) are parsed after this check, so only they carry the token in the URL.
      const fromQuery = req.is('multipart/form-data') ? req.query?._csrf : undefined;
      const token = fromBody ?? req.headers['x-csrf-token'] ?? fromQuery;
      return typeof token === 'string' ? token : undefined;
    },
  });

  /** Puts a token in `res.locals.csrfToken` for the page's forms (setting the cookies it needs). */
  function issue(req: Request, res: Response): void {
    if (!req.session?.userId && !req.cookies?.[browserCookie]) {
      const id = randomToken();
      res.cookie(browserCookie, id, cookieOptions);
      req.cookies = { ...req.cookies, [browserCookie]: id };
    }
    res.locals.csrfToken = generateCsrfToken(req, res);
  }

  function issueToken(req: Request, res: Response, next: NextFunction): void {
    issue(req, res);
    next();
  }

  return { issue, issueToken, verify: doubleCsrfProtection };
}

/** The CSRF protection as the routers receive it. */
export type Csrf = ReturnType<typeof csrfProtection>;
