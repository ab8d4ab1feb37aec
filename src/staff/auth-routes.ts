import { Router, type Request, type Response } from 'express';
import type { Csrf } from '../web/csrf.ts';
import type { Config } from '../config.ts';
import { FieldError } from '../lib/errors.ts';
import { requireStaff } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { safeNext } from '../web/prefs.ts';
import { limiter } from '../web/rate-limit.ts';
import { pruneExpiredSessions, sessionCookieName } from '../web/sessions.ts';
import { changePasswordForm, loginForm } from './schemas.ts';
import { authenticate, changeOwnPassword } from './service.ts';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/** Sign-in, sign-out and the signed-in user's own password. */
export function authRoutes({ csrf, config }: { csrf: Csrf; config: Config }): Router {
  const router = Router();

  function renderLogin(res: Response, values: Record<string, string>, errors: FieldErrors, status = 200) {
    res.status(status).render('staff/login', { titleKey: 'login.title', values, errors });
  }

  const loginLimiter = limiter({
    prefix: 'login',
    windowMs: 15 * 60 * 1000,
    limit: config.loginRateLimit,
    skipSuccessfulRequests: true,
    handler: (req, res) => {
      csrf.issueToken(req, res, () =>
        renderLogin(
          res,
          { email: String(req.body?.email ?? '') },
          { _form: { key: 'login.tooMany', params: {} } },
          429,
        ),
      );
    },
  });

  router.get('/login', csrf.issueToken, (req, res) => {
    if (req.staff) return res.redirect(303, '/admin');
    renderLogin(res, { next: safeNext(req.query.next, '') }, {});
  });

  router.post('/login', loginLimiter, csrf.issueToken, async (req, res) => {
    const parsed = parseForm(loginForm, req.body);
    const values = { email: String(req.body?.email ?? ''), next: safeNext(req.body?.next, '') };
    if (!parsed.ok) return renderLogin(res, values, parsed.errors, 422);
    const user = await authenticate(parsed.data.email, parsed.data.password);
    if (!user) return renderLogin(res, values, { _form: { key: 'login.failed', params: {} } }, 401);
    await regenerate(req);
    req.session.userId = user.id;
    req.session.authAt = Date.now();
    req.log.info({ staffId: user.id }, 'staff signed in');
    pruneExpiredSessions().catch((err: unknown) => req.log.warn({ err }, 'session pruning failed'));
    res.redirect(303, user.mustChangePassword ? '/account/password' : safeNext(parsed.data.next, '/admin'));
  });

  router.post('/logout', (req, res) => {
    req.session.destroy(() => {
      res.clearCookie(sessionCookieName(config.secureCookies), { path: '/' });
      res.redirect(303, '/');
    });
  });

  function renderPassword(req: Request, res: Response, errors: FieldErrors = {}, status = 200) {
    res.status(status).render('staff/password', {
      titleKey: 'account.passwordTitle',
      mustChange: req.staff?.mustChangePassword,
      errors,
    });
  }

  router.get('/account/password', requireStaff, (req, res) => renderPassword(req, res));

  router.post('/account/password', requireStaff, async (req, res) => {
    const parsed = parseForm(changePasswordForm, req.body);
    if (!parsed.ok) return renderPassword(req, res, parsed.errors, 422);
    try {
      const changedAt = await changeOwnPassword(req.staff!.id, parsed.data.current, parsed.data.password);
      await regenerate(req);
      req.session.userId = req.staff!.id;
      req.session.authAt = changedAt.getTime() + 1;
    } catch (err) {
      if (err instanceof FieldError) {
        return renderPassword(req, res, { [err.field]: { key: err.messageKey, params: err.params } }, 422);
      }
      throw err;
    }
    flash(req, 'success', 'account.passwordChanged');
    res.redirect(303, '/admin');
  });

  return router;
}
