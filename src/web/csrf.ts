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
      // A multipart form whose route does not check the token itself carries it in the URL.
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

  /**
   * Multipart posts to these paths are checked by their route once its parser has read the body, so
   * their forms carry the token as a field: a refused form shown again at its action's address then
   * shows no token in the address bar (where it would also reach logs and Referer headers).
   */
  const checkedAfterParsing: (string | RegExp)[] = [];

  function verify(req: Request, res: Response, next: NextFunction): void {
    const deferred =
      req.method === 'POST' &&
      req.is('multipart/form-data') &&
      checkedAfterParsing.some((p) => (typeof p === 'string' ? p === req.path : p.test(req.path))) &&
      req.query?._csrf === undefined;
    if (deferred) return next();
    doubleCsrfProtection(req, res, next);
  }

  /**
   * The check for the multipart route at `path` (its full address, or a pattern anchored at both
   * ends), to run right after its parser. Any other route, or another spelling of the address, still
   * gets the check before its body is read.
   */
  function verifyParsed(path: string | RegExp) {
    checkedAfterParsing.push(path);
    return doubleCsrfProtection;
  }

  return { issue, issueToken, verify, verifyParsed };
}

/** The CSRF protection as the routers receive it. */
export type Csrf = ReturnType<typeof csrfProtection>;
