import { Router, type Request, type Response } from 'express';
import { vilniusDate, vilniusPeriod } from '../lib/dates.ts';
import { ConflictError, DomainError } from '../lib/errors.ts';
import { centsToInput } from '../lib/money.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf, newFormKey } from '../web/form-once.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { StipendInputError } from './engine-schemas.ts';
import { explainAllocation } from './explain.ts';
import { outputRoutes } from './output-routes.ts';
import { explainFrozen } from './outputs.ts';
import { presentComputation } from './present.ts';
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
  computeDraft,
  finalisePeriod,
  getFinalised,
  getPolicy,
  listCosts,
  listPeriods,
  markPeriodPaid,
  periodSettings,
  savePeriodSettings,
  savePolicy,
  type PeriodState,
} from './service.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

type Values = Record<string, string | boolean>;

interface FormState {
  values?: Values;
  errors?: FieldErrors;
}

interface PeriodForms {
  settings?: FormState;
  cost?: FormState;
  paid?: FormState;
  finalise?: FormState;
  status?: number;
}

function percentText(bps: number, lang: Lang): string {
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

function stateLabel(state: PeriodState, lang: Lang): string {
  return translate(lang, `period.state.${state}`);
}

function sepOf(req: Request): ',' | '.' {
  return req.lang === 'lt' ? ',' : '.';
}

function policyValues(
  p: { poolShareBps: number; deductCosts: boolean; baseAmountCents: number; capCents: number | null },
  sep: ',' | '.',
): Values {
  return {
    poolShare: String(p.poolShareBps / 100).replace('.', sep),
    deductCosts: p.deductCosts,
    baseAmount: centsToInput(p.baseAmountCents, sep),
    cap: p.capCents === null ? '' : centsToInput(p.capCents, sep),
  };
}

/** The body as the form shows it again after a refusal (checkboxes as booleans). */
function echo(body: unknown, checkboxes: string[] = []): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  for (const k of checkboxes) out[k] = Boolean(out[k]);
  return out;
}

function defaultCostDate(period: string): string {
  const today = vilniusDate(new Date());
  if (today.startsWith(period)) return today;
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Stipend periods and their outputs (admin), mounted under /admin. */
export function stipendsRoutes(_deps: ModuleRouteDeps): Router {
  const router = Router();
  router.use('/stipends', requireRole('admin'));

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

  async function renderPeriod(req: Request, res: Response, period: string, forms: PeriodForms = {}) {
    const sep = sepOf(req);
    const [fin, settings, costs] = await Promise.all([
      getFinalised(period),
      periodSettings(period),
      listCosts(period),
    ]);
    let computation = null;
    let engineError = null;
    let frozenDiffers = false;
    if (fin) {
      const { explanation, matches } = explainFrozen(fin.input, fin.result);
      frozenDiffers = !matches;
      computation = presentComputation(explanation, fin.input, fin.lineLabels, fin.names, req.lang);
    } else {
      try {
        const draft = await computeDraft(period);
        computation = presentComputation(
          explainAllocation(draft.input),
          draft.input,
          draft.lineLabels,
          draft.names,
          req.lang,
        );
      } catch (err) {
        if (!(err instanceof StipendInputError)) throw err;
        engineError = { field: err.field, reason: err.reason };
      }
    }
    const frozen = fin ? { ...fin.input.policy, workdays: fin.input.workdays } : null;
    const shown = frozen ?? settings;
    const state: PeriodState = fin?.paid ? 'paid' : fin ? 'finalised' : 'draft';
    res.status(forms.status ?? 200).render('stipends/period', {
      title: translate(req.lang, 'period.title', { period }),
      period,
      state,
      stateLabel: stateLabel(state, req.lang),
      running: period === vilniusPeriod(new Date()),
      draft: !fin,
      finalised: fin,
      paid: fin?.paid ?? null,
      shown,
      shownShare: percentText(shown.poolShareBps, req.lang),
      costsCents: fin ? fin.input.costsCents : null,
      settingsValues: forms.settings?.values ?? {
        ...policyValues(settings, sep),
        workdays: String(settings.workdays),
      },
      settingsErrors: forms.settings?.errors ?? {},
      costs,
      costsTotalCents: costs.reduce((s, c) => s + (c.reversed ? 0 : c.amountCents), 0),
      formKey: newFormKey(),
      costValues: forms.cost?.values ?? {
        amount: '',
        description: '',
        paidOn: defaultCostDate(period),
      },
      costErrors: forms.cost?.errors ?? {},
      paidValues: forms.paid?.values ?? { paidOn: vilniusDate(new Date()) },
      paidErrors: forms.paid?.errors ?? {},
      finaliseErrors: forms.finalise?.errors ?? {},
      computation,
      engineError,
      frozenDiffers,
    });
  }

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
      const { finalised } = await finalisePeriod(period, req.staff!.id);
      if (finalised) req.log.info({ by: req.staff!.id, period }, 'stipend period finalised');
    } catch (err) {
      if (!(err instanceof StipendInputError)) throw err;
      throw new ConflictError('stipend.errors.input', { field: err.field, reason: err.reason });
    }
    flash(req, 'success', 'period.finalisedFlash', { period });
    res.redirect(303, `/admin/stipends/${period}`);
  });

  router.post('/stipends/:period/paid', async (req, res) => {
    const { period } = parseParams(periodParam, req.params);
    const parsed = parseForm(paidForm, req.body);
    const values = echo(req.body);
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

  return router;
}
