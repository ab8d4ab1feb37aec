import { Router, type Request, type Response } from 'express';
import { vilniusPeriod } from '../lib/dates.ts';
import { ConflictError, DomainError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { StipendInputError } from './engine-schemas.ts';
import { closeRoutes } from './close-routes.ts';
import { outputRoutes } from './output-routes.ts';
import { statementRoutes } from './statement-routes.ts';
import {
  echo,
  percentText,
  policyValues,
  renderPeriod,
  sepOf,
  staffActor,
  stateLabel,
  type FormState,
  type Values,
} from './period-page.ts';
import {
  costForm,
  openPeriodForm,
  finaliseForm,
  paidForm,
  periodParam,
  periodSettingsForm,
  policyForm,
} from './schemas.ts';
import {
  addCost,
  finalisePeriod,
  getPolicy,
  listPeriods,
  markPeriodPaid,
  savePeriodSettings,
  savePolicy,
} from './service.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

/** Stipend periods and their outputs (admin), mounted under /admin. */
export function stipendsRoutes(deps: ModuleRouteDeps): Router {
  const router = Router();
  router.use('/stipends', requireRole('admin'));
  closeRoutes(router);

  async function renderIndex(req: Request, res: Response, form: FormState = {}, status = 200) {
    const policy = await getPolicy();
    res.status(status).render('stipends/index', {
      titleKey: 'stipends.title',
      periods: (await listPeriods()).map((p) => ({ ...p, stateLabel: stateLabel(p.state, req.lang) })),
      policy,
      policyShare: percentText(policy.poolShareBps, req.lang),
      values: form.values ?? { period: vilniusPeriod(new Date()) },
      errors: form.errors ?? {},
    });
  }

  router.get('/stipends', async (req, res) => renderIndex(req, res));

  router.get('/stipends/open', async (req, res) => {
    const parsed = parseForm(openPeriodForm, req.query);
    if (!parsed.ok) return renderIndex(req, res, { values: echo(req.query), errors: parsed.errors }, 422);
    res.redirect(303, `/admin/stipends/${parsed.data.period}`);
  });

  async function renderPolicy(res: Response, values: Values, errors: FieldErrors = {}, status = 200) {
    res.status(status).render('stipends/policy', { titleKey: 'stipends.policy.title', values, errors });
  }

  router.get('/stipends/policy', async (req, res) => {
    await renderPolicy(res, policyValues(await getPolicy(), sepOf(req)));
  });

  router.post('/stipends/policy', async (req, res) => {
    const parsed = parseForm(policyForm, req.body);
    if (!parsed.ok) return renderPolicy(res, echo(req.body, ['deductCosts']), parsed.errors, 422);
    await savePolicy(parsed.data);
    req.log.info({ by: req.staff!.id }, 'stipend policy changed');
    flash(req, 'success', 'stipends.policy.saved');
    res.redirect(303, '/admin/stipends');
  });

  router.get('/stipends/:period', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    await renderPeriod(req, res, period);
  });

  /** A refusal from the service shown on the period page: a field error or a message at the top. */
  function refusal(err: unknown, field: string): FieldErrors | null {
    if (err instanceof DomainError && (err.status === 409 || err.status === 422)) {
      const name = 'field' in err && typeof err.field === 'string' ? err.field : field;
      return { [name]: { key: err.messageKey, params: err.params } };
    }
    return null;
  }

  router.post('/stipends/:period/settings', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const parsed = parseForm(periodSettingsForm, req.body);
    const values = echo(req.body, ['deductCosts']);
    if (!parsed.ok)
      return renderPeriod(req, res, period, { settings: { values, errors: parsed.errors }, status: 422 });
    try {
      await savePeriodSettings(period, parsed.data, req.staff!.id);
    } catch (err) {
      const errors = refusal(err, '_form');
      if (!errors) throw err;
      return renderPeriod(req, res, period, {
        settings: { values, errors },
        status: (err as DomainError).status,
      });
    }
    flash(req, 'success', 'period.settingsSaved');
    res.redirect(303, `/admin/stipends/${period}`);
  });

  router.post('/stipends/:period/costs', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const parsed = parseForm(costForm, req.body);
    const values = echo(req.body);
    if (!parsed.ok)
      return renderPeriod(req, res, period, { cost: { values, errors: parsed.errors }, status: 422 });
    const key = formKeyOf(req.body);
    if (!key)
      return renderPeriod(req, res, period, {
        cost: { values, errors: { _form: FORM_KEY_ERROR } },
        status: 422,
      });
    try {
      const page = `/admin/stipends/${period}`;
      return await answerOnce(req, res, { form: 'stipend-cost', target: period, key, page }, async () => {
        await addCost(period, { ...parsed.data, key }, req.staff!.id);
        return { key: 'period.costAdded' };
      });
    } catch (err) {
      const errors = refusal(err, '_form');
      if (!errors) throw err;
      return renderPeriod(req, res, period, {
        cost: { values, errors },
        status: (err as DomainError).status,
      });
    }
  });

  router.post('/stipends/:period/finalise', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const confirmed = parseForm(finaliseForm, req.body);
    if (!confirmed.ok) {
      return renderPeriod(req, res, period, { finalise: { errors: confirmed.errors }, status: 422 });
    }
    try {
      const { finalised } = await finalisePeriod(period, staffActor(req));
      if (finalised) req.log.info({ by: req.staff!.id, period }, 'stipend period finalised');
    } catch (err) {
      if (err instanceof StipendInputError)
        throw new ConflictError('stipend.errors.input', { field: err.field, reason: err.reason });
      // Refused (someone paid has no bank account, a month not over): the page again, with its checks.
      const errors = refusal(err, '_form');
      if (!errors) throw err;
      return renderPeriod(req, res, period, { finalise: { errors }, status: (err as DomainError).status });
    }
    flash(req, 'success', 'period.finalisedFlash', { period });
    res.redirect(303, `/admin/stipends/${period}`);
  });

  router.post('/stipends/:period/paid', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const parsed = parseForm(paidForm, req.body);
    const values = echo(req.body, ['confirm']);
    if (!parsed.ok)
      return renderPeriod(req, res, period, { paid: { values, errors: parsed.errors }, status: 422 });
    try {
      await markPeriodPaid(period, parsed.data.paidOn, req.staff!.id);
    } catch (err) {
      const errors = refusal(err, '_form');
      if (!errors) throw err;
      return renderPeriod(req, res, period, {
        paid: { values, errors },
        status: (err as DomainError).status,
      });
    }
    flash(req, 'success', 'period.paidFlash', { period });
    res.redirect(303, `/admin/stipends/${period}`);
  });

  outputRoutes(router);
  statementRoutes(router, deps.storage);

  return router;
}
