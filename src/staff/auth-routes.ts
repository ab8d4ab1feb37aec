import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Csrf } from '../web/csrf.ts';
import type { Config } from '../config.ts';
import { FieldError } from '../lib/errors.ts';
import { requireStaff } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { safeNext } from '../web/prefs.ts';
import { pruneExpiredSessions, sessionCookieName } from '../web/sessions.ts';
import { changePasswordForm, loginForm } from './schemas.ts';
import { DEVICE_COOKIE_MAX_AGE_MS } from './device-cookie.ts';
import { LOGIN_WINDOW_MS } from './login-attempts.ts';
import { changeOwnPassword, signIn } from './service.ts';

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/** Sign-in, sign-out and the signed-in user's own password. */
export function authRoutes({ csrf, config }: { csrf: Csrf; config: Config }): Router {
  const router = Router();

  function renderLogin(res: Response, values: Record<string, string>, errors: FieldErrors, status = 200) {
    res.status(status).render('staff/login', { titleKey: 'login.title', values, errors });
  }

  const deviceCookie = config.secureCookies ? '__Host-dv.device' : 'dv.device';
  const limits = {
    perAddress: config.loginRateLimit,
    perAccount: config.loginAccountLimit,
    global: config.loginGlobalLimit,
  };

  router.get('/login', csrf.issueToken, (req, res) => {
    if (req.staff) return res.redirect(303, '/admin');
    renderLogin(res, { next: safeNext(req.query.next, '') }, {});
  });

  router.post('/login', csrf.issueToken, async (req, res) => {
    const parsed = parseForm(loginForm, req.body);
    const values = { email: String(req.body?.email ?? ''), next: safeNext(req.body?.next, '') };
    if (!parsed.ok) return renderLogin(res, values, parsed.errors, 422);
    const result = await signIn(
      {
        email: parsed.data.email,
        password: parsed.data.password,
        // IPv6 by its /56 network, as express-rate-limit does: one home or office gets a whole block.
        address: ipKeyGenerator(req.ip ?? ''),
        deviceCookie: req.cookies?.[deviceCookie] as string | undefined,
      },
      { limits, secret: config.sessionSecret },
    );
    if (result.outcome === 'limited') {
      res.set('Retry-After', String(LOGIN_WINDOW_MS / 1000));
      return renderLogin(res, values, { _form: { key: 'login.tooMany', params: {} } }, 429);
    }
    if (result.outcome === 'failed') {
      return renderLogin(res, values, { _form: { key: 'login.failed', params: {} } }, 401);
    }
    const { user } = result;
    res.cookie(deviceCookie, result.deviceCookie, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: DEVICE_COOKIE_MAX_AGE_MS,
    });
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
