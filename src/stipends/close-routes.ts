import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { PERIOD_RE, vilniusPeriod } from '../lib/dates.ts';
import { DomainError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { translate } from '../web/i18n.ts';
import { renderPeriod } from './period-page.ts';
import { periodParam } from './schemas.ts';
import { closeState, isPeriodFinalised, lockMonth } from './service.ts';

/** Locking cannot be undone, so the administrator ticks that they understand. */
const lockForm = z.object({
  confirm: z.preprocess((v) => v === 'on', z.literal(true, { error: 'period.close.errors.confirm' })),
});

/**
 * What `views/partials/stipends-period-close.hbs` shows on the month page: the lock (or the form to
 * take it), entries that arrived after it, and attendance or contributions saved after finalising
 * began. Put into `res.locals`, so the month page's own rendering is left as it is.
 */
async function exposeClose(req: Request, res: Response, errors: FieldErrors = {}): Promise<void> {
  const period = req.params.period;
  if (typeof period !== 'string' || !PERIOD_RE.test(period)) return;
  const [state, finalised] = await Promise.all([closeState(period), isPeriodFinalised(period)]);
  res.locals.periodClose = {
    ...state,
    lateEntries: state.lateEntries.map((e) => ({
      ...e,
      kindLabel: translate(req.lang, `ledger.kind.${e.kind}`),
    })),
    lateChanges: state.lateChanges.map((c) => ({
      ...c,
      whatLabel: translate(req.lang, `period.late.what.${c.what}`),
    })),
    lockable: finalised && !state.lock && period < vilniusPeriod(new Date()),
    errors,
  };
}

/** The month's ledger lock (admin; the router is guarded by the stipends routes). */
export function closeRoutes(router: Router): void {
  router.use('/stipends/:period', async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' || req.path === '/') await exposeClose(req, res);
    next();
  });

  router.post('/stipends/:period/lock', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const confirmed = parseForm(lockForm, req.body);
    if (!confirmed.ok) {
      await exposeClose(req, res, confirmed.errors);
      return renderPeriod(req, res, period, { status: 422 });
    }
    try {
      const { locked } = await lockMonth(period, { id: req.staff!.id, name: req.staff!.name });
      if (locked) req.log.info({ by: req.staff!.id, period }, 'ledger period locked');
    } catch (err) {
      if (!(err instanceof DomainError) || err.status !== 409) throw err;
      await exposeClose(req, res, { lock: { key: err.messageKey, params: err.params } });
      return renderPeriod(req, res, period, { status: 409 });
    }
    flash(req, 'success', 'period.close.lockedFlash', { period });
    res.redirect(303, `/admin/stipends/${period}`);
  });
}
