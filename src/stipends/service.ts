import { claimOnce } from '../db/once.ts';
import { postEntry, refuseIfLocked } from '../ledger/service.ts';
import { parseCalendarDate, shiftPeriod, vilniusDate, vilniusDayStart, vilniusPeriod } from '../lib/dates.ts';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { allocateStipends, type StipendResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import {
  buildPeriodInput,
  type LineLabel,
  type PeriodData,
  type PeriodSettings,
  type PersonLabel,
} from './inputs.ts';
import type { Actor } from '../participants/service.ts';
import { namesOf, payeesWithoutIban } from './checks.ts';
import { StipendClaim, StipendCost, StipendPeriod } from './model.ts';
import { periodSettings } from './policy.ts';

import { isPeriodFinalised } from './claims.ts';
import { finalisedEntry, lockMonth as lockFinalisedMonth, stipendAccount } from './close.ts';

/** Stipend periods: their draft computation, the once-only finalise and payment, the frozen records. */
export { isPeriodFinalised };
export { addCost, listCosts } from './costs.ts';
export { finalisedSummaries, type FinalisedSummary } from './summaries.ts';
export { monthInWords, statementsOf, type Statement } from './statements.ts';
export { getPolicy, periodSettings, savePeriodSettings, savePolicy } from './policy.ts';
export { closeState, lateChanges, monthEndMoment, noteLateChange, type LateChange } from './close.ts';

/** Locks the ledger period of a finalised month that has ended (see `close.ts`). */
export async function lockMonth(period: string, by: { id: string; name: string }, now = new Date()) {
  return lockFinalisedMonth(period, by, getFinalised, now);
}

export type PeriodState = 'draft' | 'finalised' | 'paid';

export interface Draft extends PeriodData {
  settings: PeriodSettings;
  result: StipendResult;
}

/** Builds the input from the database and runs the engine (nothing is stored). */
export async function computeDraft(period: string): Promise<Draft> {
  const settings = await periodSettings(period);
  const data = await buildPeriodInput(period, settings);
  return { ...data, settings, result: allocateStipends(data.input) };
}

export interface Finalised {
  period: string;
  at: Date;
  by: string;
  input: StipendInput;
  result: StipendResult;
  lineLabels: Record<string, LineLabel>;
  names: Record<string, PersonLabel>;
  paid: { at: Date; by: string; paidOn: string } | null;
}

/** The frozen record of a finalised period, or null while it is a draft. */
export async function getFinalised(period: string): Promise<Finalised | null> {
  const claims = await StipendClaim.find({ period }).lean();
  const fin = claims.find((c) => c.step === 'finalised');
  if (!fin) return null;
  const paid = claims.find((c) => c.step === 'paid');
  return {
    period,
    at: fin.at,
    by: fin.by ?? '',
    input: fin.input as StipendInput,
    result: fin.result as StipendResult,
    lineLabels: (fin.lineLabels ?? {}) as Record<string, LineLabel>,
    names: (fin.names ?? {}) as Record<string, PersonLabel>,
    paid: paid ? { at: paid.at, by: paid.by ?? '', paidOn: paid.paidOn ?? '' } : null,
  };
}

export async function requireFinalised(period: string): Promise<Finalised> {
  const fin = await getFinalised(period);
  if (!fin) throw new NotFoundError('period.errors.notFinalised', { period });
  return fin;
}

/**
 * Freezes the period. First the `closing` claim: from then on rules, costs, attendance and
 * contributions of the period are refused, so the data cannot move under the computation. Then the
 * exact input and result go into the finalisation record, whose insert is the once-only decision,
 * and the ledger entry is posted by its key. A second request (a double-click, a retry after a crash
 * between the steps) finds the record and only completes the posting: finalised once, posted once.
 * If the computation fails (data that breaks the engine's contract), or someone the draft pays has no
 * bank account (the SEPA payment file needs every one), the period is opened again so the data can
 * be corrected.
 */
export async function finalisePeriod(period: string, actor: Actor): Promise<{ finalised: boolean }> {
  if (period > vilniusPeriod(new Date())) throw new ConflictError('period.errors.future', { period });
  const by = actor.id;
  let finalised = false;
  if (!(await StipendClaim.exists({ _id: `${period}:finalised` }))) {
    await claimOnce(StipendClaim, { _id: `${period}:closing`, period, step: 'closing', by });
    let draft: Draft;
    try {
      draft = await computeDraft(period);
      const missing = await payeesWithoutIban(period, draft.result, actor);
      if (missing.length > 0) throw new ConflictError('checks.errors.noIban', { names: namesOf(missing) });
    } catch (err) {
      if (!(await StipendClaim.exists({ _id: `${period}:finalised` })))
        await StipendClaim.deleteOne({ _id: `${period}:closing` });
      throw err;
    }
    finalised = await claimOnce(StipendClaim, {
      _id: `${period}:finalised`,
      period,
      step: 'finalised',
      by,
      input: draft.input,
      result: draft.result,
      lineLabels: draft.lineLabels,
      names: draft.names,
      costKeys: draft.costKeys,
    });
  }
  const fin = await requireFinalised(period);
  if (fin.result.allocatedCents > 0) await postEntry(finalisedEntry(fin));
  return { finalised };
}

/**
 * Records that the stipends were paid (on `paidOn`) and posts Dr liabilities:stipends:<id> /
 * Cr assets:bank once, by its key, dated that day.
 */
export async function markPeriodPaid(period: string, paidOn: string, by: string): Promise<{ paid: boolean }> {
  const fin = await requireFinalised(period);
  const day = parseCalendarDate(paidOn)!;
  if (paidOn > vilniusDate(new Date()) || paidOn < `${period}-01`)
    throw new FieldError('paidOn', 'period.errors.paidOnRange', { period });
  const postedAt = new Date(vilniusDayStart(...day).getTime() + 12 * 3600_000);
  if (!(await StipendClaim.exists({ _id: `${period}:paid` }))) await refuseIfLocked(postedAt, 'paidOn');
  const paid = await claimOnce(StipendClaim, { _id: `${period}:paid`, period, step: 'paid', by, paidOn });
  const claim = await StipendClaim.findById(`${period}:paid`).lean();
  const payees = fin.result.participants.filter((p) => p.totalCents > 0);
  if (payees.length > 0) {
    const on = parseCalendarDate(claim?.paidOn ?? paidOn) ?? day;
    // A lock taken between the check above and here: the payment is posted today, with its date kept.
    await postEntry({
      whenLocked: 'postNow',
      idempotencyKey: `stipends:${period}:paid`,
      kind: 'stipends_paid',
      reference: { type: 'stipend_period', id: period, label: period },
      postedAt: new Date(vilniusDayStart(...on).getTime() + 12 * 3600_000),
      lines: [
        ...payees.map((p) => ({
          account: stipendAccount(p.id),
          debitCents: p.totalCents,
          attribution: { participantId: p.id },
        })),
        { account: 'assets:bank', creditCents: fin.result.allocatedCents },
      ],
    });
  }
  return { paid };
}

/** Periods that have settings, costs or records, with their states, newest first. */
export async function listPeriods(): Promise<{ period: string; state: PeriodState }[]> {
  const [settings, costs, claims] = await Promise.all([
    StipendPeriod.distinct('_id'),
    StipendCost.distinct('period'),
    StipendClaim.find({}, { period: 1, step: 1 }).lean(),
  ]);
  const periods = new Set<string>([...(settings as string[]), ...(costs as string[])]);
  for (const c of claims) periods.add(c.period);
  const now = vilniusPeriod(new Date());
  periods.add(now);
  return [...periods]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((period) => {
      const steps = claims.filter((c) => c.period === period).map((c) => c.step);
      const state: PeriodState = steps.includes('paid')
        ? 'paid'
        : steps.includes('finalised')
          ? 'finalised'
          : 'draft';
      return { period, state };
    });
}

// ---- Dashboard queue: last month's stipends still to finalise ----

/** Day of the month from which last month's stipends are expected to be finalised. */
export const FINALISE_AFTER_DAY = 5;

/**
 * Last month's period when today (Vilnius) is past the 5th and its stipends are not finalised; null
 * otherwise (before the 6th it is not due yet).
 */
export async function periodToFinalise(now = new Date()): Promise<string | null> {
  const today = vilniusDate(now);
  if (Number(today.slice(8, 10)) <= FINALISE_AFTER_DAY) return null;
  const last = shiftPeriod(vilniusPeriod(now), -1);
  return (await isPeriodFinalised(last)) ? null : last;
}
