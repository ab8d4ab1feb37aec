import { Router, type Request, type Response } from 'express';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { notificationsForm } from './schemas.ts';
import {
  EVENT_GROUPS,
  GROUPS_FOR_ROLE,
  NotificationSettingsError,
  saveNotificationSettings,
  staffNotificationSettings,
} from './service.ts';

/** Who of the staff is e-mailed about what, for administrators (a page of the settings). */
export function notificationRoutes(): Router {
  const router = Router();
  const path = '/settings/notifications';
  router.use(path, requireRole('admin'));

  async function render(_req: Request, res: Response, errors: FieldErrors = {}, status = 200) {
    const staff = await staffNotificationSettings();
    res.status(status).render('settings/notifications', {
      titleKey: 'notifications.title',
      errors,
      groups: EVENT_GROUPS.map((g) => ({ name: g, labelKey: `notifications.group.${g}` })),
      staff: staff.map((s) => ({
        ...s,
        roleKey: `roles.${s.role}`,
        groups: EVENT_GROUPS.map((g) => ({
          name: g,
          labelKey: `notifications.group.${g}`,
          allowed: GROUPS_FOR_ROLE[s.role].includes(g),
          checked: s.prefs.groups.includes(g),
        })),
        noAccess: GROUPS_FOR_ROLE[s.role].length === 0,
        english: s.prefs.lang === 'en',
      })),
    });
  }

  router.get(path, (req, res) => render(req, res));

  router.post(path, async (req, res) => {
    const parsed = parseForm(notificationsForm, req.body);
    if (!parsed.ok) {
      const first = Object.values(parsed.errors)[0]!;
      return render(req, res, { _form: first }, 422);
    }
    try {
      await saveNotificationSettings(parsed.data);
    } catch (err) {
      if (err instanceof NotificationSettingsError)
        return render(req, res, { _form: { key: err.messageKey, params: {} } }, 422);
      throw err;
    }
    req.log.info({ by: req.staff!.id }, 'staff notification settings changed');
    flash(req, 'success', 'notifications.saved');
    res.redirect(303, `/admin${path}`);
  });

  return router;
}
