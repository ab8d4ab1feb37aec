import { Router, type Request, type Response } from 'express';
import { FieldError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { ROLES, createStaffForm, staffIdParam } from './schemas.ts';
import * as staff from './service.ts';

/** Staff accounts, for administrators: create, disable/enable, reset a password. */
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

  router.post('/staff/:id/disable', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    await staff.disableStaff(id, req.staff!.id);
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff account disabled');
    flash(req, 'success', 'staff.disabled');
    res.redirect(303, '/admin/staff');
  });

  router.post('/staff/:id/enable', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    await staff.enableStaff(id);
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff account enabled');
    flash(req, 'success', 'staff.enabled');
    res.redirect(303, '/admin/staff');
  });

  router.post('/staff/:id/reset-password', async (req, res) => {
    const { id } = parseParams(staffIdParam, req.params);
    const { user, password } = await staff.resetPassword(id);
    req.log.info({ staffId: id, by: req.staff!.id }, 'staff password reset');
    await renderList(req, res, { issued: { name: user.name, email: user.email, password } });
  });

  return router;
}
