import { Router, type Request, type Response } from 'express';
import { FieldError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { translate } from '../web/i18n.ts';
import { ROLES, createStaffForm, editStaffForm, staffIdParam } from './schemas.ts';
import * as staff from './service.ts';

/** Staff accounts, for administrators: create, edit, disable/enable, reset a password. */
export function staffRoutes(): Router {
  const router = Router();
  router.use('/staff', requireRole('admin'));

  async function renderList(
    req: Request,
    res: Response,
    extra: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      issued?: { name: string; email: string; password: string };
    } = {},
    status = 200,
  ) {
    const users = await staff.listStaff();
    res.status(status).render('staff/list', {
      titleKey: 'staff.title',
      users: users.map((u) => ({
        id: String(u._id),
        name: u.name,
        email: u.email,
        role: u.role,
        disabled: Boolean(u.disabledAt),
        lastLoginAt: u.lastLoginAt,
        isSelf: String(u._id) === req.staff!.id,
      })),
      roles: ROLES,
      values: extra.values ?? { role: 'marketing' },
      errors: extra.errors ?? {},
      issued: extra.issued,
    });
  }

  router.get('/staff', (req, res) => renderList(req, res));

  router.post('/staff', async (req, res) => {
    const parsed = parseForm(createStaffForm, req.body);
    const values = req.body as Record<string, string>;
    if (!parsed.ok) return renderList(req, res, { values, errors: parsed.errors }, 422);
    try {
      const { user, password } = await staff.createStaff(parsed.data);
      req.log.info({ staffId: String(user._id), by: req.staff!.id }, 'staff account created');
      // The one-time password is shown once on this response and never stored in clear.
      return renderList(req, res, { issued: { name: user.name, email: user.email, password } }, 201);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderList(
          req,
          res,
          { values, errors: { [err.field]: { key: err.messageKey, params: err.params } } },
          422,
        );
      }
      throw err;
    }
  });

  const actorOf = (req: Request) => ({ id: req.staff!.id, name: req.staff!.name });

  async function renderAccount(
    req: Request,
    res: Response,
    id: string,
    form: { values?: Record<string, string>; errors?: FieldErrors } = {},
    status = 200,
  ) {
    const [user, history] = await Promise.all([staff.getStaff(id), staff.staffHistory(id)]);
    res.status(status).render('staff/edit', {
      title: translate(req.lang, 'staff.editTitle', { name: user.name }),
      id,
      user: { name: user.name, email: user.email, disabled: Boolean(user.disabledAt) },
      isSelf: id === req.staff!.id,
      roles: ROLES,
      values: form.values ?? { name: user.name, email: user.email, role: user.role },
      errors: form.errors ?? {},
      history: history.map((h) => ({
        at: h.at,
        byName: h.byName,
        action: h.action,
        changes: h.changes,
        sessionsEnded: h.sessionsEnded,
      })),
    });
  }

  router.get('/staff/:id', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    await renderAccount(req, res, id);
  });

  router.post('/staff/:id', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    const parsed = parseForm(editStaffForm, req.body);
    const values = Object.fromEntries(
      ['name', 'email', 'role'].map((k) => [k, String((req.body as Record<string, unknown>)?.[k] ?? '')]),
    );
    if (!parsed.ok) return renderAccount(req, res, id, { values, errors: parsed.errors }, 422);
    let result;
    try {
      result = await staff.updateStaff(id, parsed.data, actorOf(req));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      const errors = { [err.field]: { key: err.messageKey, params: err.params } };
      return renderAccount(req, res, id, { values, errors }, 422);
    }
    if (result.changes.length === 0) {
      flash(req, 'info', 'staff.unchanged');
      return res.redirect(303, `/admin/staff/${id}`);
    }
    req.log.info(
      { staffId: id, by: req.staff!.id, fields: result.changes.map((c) => c.field) },
      'staff account changed',
    );
    const roleChanged = result.changes.some((c) => c.field === 'role');
    // Changing one's own role signs oneself out as well.
    if (roleChanged && id === req.staff!.id) return res.redirect(303, '/login');
    flash(req, 'success', roleChanged ? 'staff.savedSessionsEnded' : 'staff.saved');
    res.redirect(303, `/admin/staff/${id}`);
  });

  router.post('/staff/:id/disable', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    await staff.disableStaff(id, req.staff!.id);
    await staff.recordStaffAction(id, 'disabled', actorOf(req));
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff account disabled');
    flash(req, 'success', 'staff.disabled');
    res.redirect(303, '/admin/staff');
  });

  router.post('/staff/:id/enable', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    await staff.enableStaff(id);
    await staff.recordStaffAction(id, 'enabled', actorOf(req));
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff account enabled');
    flash(req, 'success', 'staff.enabled');
    res.redirect(303, '/admin/staff');
  });

  router.post('/staff/:id/reset-password', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    const { user, password } = await staff.resetPassword(id);
    await staff.recordStaffAction(id, 'password-reset', actorOf(req));
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff password reset');
    await renderList(req, res, { issued: { name: user.name, email: user.email, password } });
  });

  return router;
}
