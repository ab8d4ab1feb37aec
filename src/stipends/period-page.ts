import type { Request, Response } from 'express';
import { channelIncomeTable } from '../ledger/service.ts';
import { vilniusDate, vilniusPeriod } from '../lib/dates.ts';
import { centsToInput } from '../lib/money.ts';
import { newFormKey } from '../web/form-once.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import type { Actor } from '../participants/service.ts';
import { draftChecks, type DraftChecks } from './checks.ts';
import { StipendInputError } from './engine-schemas.ts';
import { explainAllocation } from './explain.ts';
import { explainFrozen } from './outputs.ts';
import { presentComputation } from './present.ts';
import { sepaPanel } from './sepa-page.ts';
import { computeDraft, getFinalised, listCosts, periodSettings, type PeriodState } from './service.ts';

export type Values = Record<string, string | boolean>;

export interface FormState {
  values?: Values;
  errors?: FieldErrors;
}

export interface PeriodForms {
  settings?: FormState;
  cost?: FormState;
  paid?: FormState;
  finalise?: FormState;
  reissue?: FormState;
  status?: number;
}

export function percentText(bps: number, lang: Lang): string {
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

export function stateLabel(state: PeriodState, lang: Lang): string {
  return translate(lang, `period.state.${state}`);
}

/** The signed-in administrator as the participants' audit log records them. */
export function staffActor(req: Request): Actor {
  return { id: req.staff!.id, role: req.staff!.role, name: req.staff!.name };
}

export function sepOf(req: Request): ',' | '.' {
  return req.lang === 'lt' ? ',' : '.';
}

export function policyValues(
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
export function echo(body: unknown, checkboxes: string[] = []): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  for (const k of checkboxes) out[k] = Boolean(out[k]);
  return out;
}

export function defaultCostDate(period: string): string {
  const today = vilniusDate(new Date());
  if (today.startsWith(period)) return today;
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The month page: its summary and next step first, then the allocation, explanations and details. */
export async function renderPeriod(req: Request, res: Response, period: string, forms: PeriodForms = {}) {
  const sep = sepOf(req);
  const [fin, settings, costs, channelIncome] = await Promise.all([
    getFinalised(period),
    periodSettings(period),
    listCosts(period),
    channelIncomeTable([period]),
  ]);
  let computation = null;
  let engineError = null;
  let frozenDiffers = false;
  let checks: DraftChecks | null = null;
  if (fin) {
    const { explanation, matches } = explainFrozen(fin.input, fin.result);
    frozenDiffers = !matches;
    computation = presentComputation(explanation, fin.input, fin.lineLabels, fin.names, req.lang);
  } else {
    try {
      const draft = await computeDraft(period);
      checks = await draftChecks(period, draft, settings, req.lang, staffActor(req));
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
    summary: computation
      ? {
          poolCents: computation.result.poolCents,
          allocatedCents: computation.result.allocatedCents,
          participants: computation.participants.length,
        }
      : null,
    engineError,
    frozenDiffers,
    checks,
    // Where the month's sales came from: web, phone, at the workshop, fairs, business services.
    channelIncome,
    blocked: Boolean(engineError) || (checks?.blocking.length ?? 0) > 0,
    sepa: fin ? await sepaPanel(fin, forms.reissue) : null,
  });
}
