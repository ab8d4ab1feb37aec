import { Router, type Response } from 'express';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { WEEKDAYS, pickupForm, pickupFormValues } from './pickup.ts';
import { getSettings, savePickup } from './service.ts';

/** Pickup hours and instructions, for administrators (mounted under `/settings`, which checks the role). */
export function pickupSettingsRoutes(): Router {
  const router = Router();

  function render(res: Response, values: Record<string, string>, errors: FieldErrors = {}, status = 200) {
    res.status(status).render('settings/pickup', {
      titleKey: 'pickup.settingsTitle',
      values,
      errors,
      days: WEEKDAYS.map((day) => ({
        day,
        name: `hours${day}`,
        value: values[`hours${day}`] ?? '',
        error: errors[`hours${day}`],
      })),
    });
  }

  router.get('/settings/pickup', async (_req, res) => {
    render(res, pickupFormValues(await getSettings()));
  });

  router.post('/settings/pickup', async (req, res) => {
    const parsed = parseForm(pickupForm, req.body);
    if (!parsed.ok) return render(res, req.body as Record<string, string>, parsed.errors, 422);
    await savePickup(parsed.data);
    req.log.info({ by: req.staff!.id }, 'pickup settings changed');
    flash(req, 'success', 'pickup.saved');
    res.redirect(303, '/admin/settings/pickup');
  });

  return router;
}
