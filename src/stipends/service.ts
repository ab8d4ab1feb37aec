import { isDuplicateKeyError } from '../db/errors.ts';
import { postEntry } from '../ledger/service.ts';
import { parseCalendarDate, vilniusDate, vilniusDayStart, vilniusPeriod } from '../lib/dates.ts';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { allocateStipends } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { StipendResult } from './allocate.ts';
import {
  buildPeriodInput,
  type LineLabel,
  type PeriodData,
  type PeriodSettings,
  type PersonLabel,
  type StipendPolicyValues,
} from './inputs.ts';
import { StipendClaim, StipendCost, StipendPeriod, StipendPolicy, type StipendCostDoc } from './model.ts';
import type { CostForm, PeriodSettingsForm, PolicyForm } from './schemas.ts';

export type PeriodState = 'draft' | 'finalised' | 'paid';

export const DEFAULT_POLICY: StipendPolicyValues = {
  poolShareBps: 7000,
  deductCosts: false,
  baseAmountCents: 5000,
  capCents: null,
};

/** Monday to Friday in the month: the default number of workdays of a period. */
export function weekdaysIn(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  let count = 0;
  for (let d = 1; d <= days; d++) {
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}

function policyOf(doc: Partial<StipendPolicyValues> | null | undefined): StipendPolicyValues {
  if (!doc) return { ...DEFAULT_POLICY };
  return {
    poolShareBps: doc.poolShareBps ?? DEFAULT_POLICY.poolShareBps,
    deductCosts: Boolean(doc.deductCosts),
    baseAmountCents: doc.baseAmountCents ?? DEFAULT_POLICY.baseAmountCents,
    capCents: typeof doc.capCents === 'number' ? doc.capCents : null,
  };
}

/** The organisation's default policy. */
export async function getPolicy(): Promise<StipendPolicyValues> {
  return policyOf(await StipendPolicy.findById('policy').lean());
}

export async function savePolicy(input: PolicyForm): Promise<void> {
  await StipendPolicy.updateOne(
    { _id: 'policy' },
    {
      $set: {
        poolShareBps: input.poolShare,
        deductCosts: input.deductCosts,
        baseAmountCents: input.baseAmount,
        capCents: input.cap,
      },
    },
    { upsert: true, runValidators: true },
  );
}

/**
 * Whether the period's stipends were finalised, or are being finalised right now: its attendance,
 * contributions, rules and costs must not change any more.
 */
export async function isPeriodFinalised(period: string): Promise<boolean> {
  return (await StipendClaim.exists({ _id: { $in: [`${period}:closing`, `${period}:finalised`] } })) !== null;
}

async function refuseIfFinalised(period: string): Promise<void> {
  if (await isPeriodFinalised(period)) throw new ConflictError('period.errors.finalised', { period });
}

/** The period's settings: its own if saved, else the organisation's policy and the weekdays of the month. */
export async function periodSettings(period: string): Promise<PeriodSettings & { saved: boolean }> {
  const doc = await StipendPeriod.findById(period).lean();
  if (doc) return { ...policyOf(doc), workdays: doc.workdays, saved: true };
  return { ...(await getPolicy()), workdays: weekdaysIn(period), saved: false };
}

export async function savePeriodSettings(period: string, input: PeriodSettingsForm, by: string) {
  await refuseIfFinalised(period);
  await StipendPeriod.updateOne(
    { _id: period },
    {
      $set: {
        poolShareBps: input.poolShare,
        deductCosts: input.deductCosts,
        baseAmountCents: input.baseAmount,
        capCents: input.cap,
        workdays: input.workdays,
        updatedBy: by,
      },
    },
    { upsert: true, runValidators: true },
  );
}

export async function listCosts(period: string): Promise<StipendCostDoc[]> {
  return StipendCost.find({ period }).sort({ at: 1 }).lean<StipendCostDoc[]>();
}

const costKey = (id: string) => `stipends:cost:${id}`;

/**
 * A material cost of a draft period, posted Dr expenses:materials / Cr assets:bank on the day it was
 * paid (which must be in the period). The form's one-time key makes a repeated submit one cost.
 */
export async function addCost(period: string, input: CostForm, by: string): Promise<{ added: boolean }> {
  const day = parseCalendarDate(input.paidOn)!;
  if (!input.paidOn.startsWith(`${period}-`) || input.paidOn > vilniusDate(new Date()))
    throw new FieldError('paidOn', 'period.errors.costDate', { period });
  await refuseIfFinalised(period);
  let added = true;
  try {
    await StipendCost.create({
      _id: input.key,
      period,
      amountCents: input.amount,
      description: input.description,
      paidOn: input.paidOn,
      by,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    added = false;
  }
  const cost = await StipendCost.findById(input.key).lean<StipendCostDoc>();
  if (!cost || cost.period !== period) throw new ConflictError('period.errors.costKey');
  if (cost.reversed) throw new ConflictError('period.errors.finalised', { period });
  const postedAt = new Date(vilniusDayStart(...day).getTime() + 12 * 3600_000);
  await postEntry({
    idempotencyKey: costKey(cost._id),
    kind: 'material_cost',
    reference: { type: 'stipend_period', id: period, label: cost.description },
    memo: cost.description,
    postedAt,
    lines: [
      { account: 'expenses:materials', debitCents: cost.amountCents },
      { account: 'assets:bank', creditCents: cost.amountCents },
    ],
  });
  if (await keptOutOfFreeze(period, costKey(cost._id))) {
    // Finalising began while this cost was being posted and read the journal before it: the freeze
    // does not count it, so the journal must not either.
    await postEntry({
      idempotencyKey: `${costKey(cost._id)}:reversed`,
      kind: 'material_cost_reversed',
      reference: { type: 'stipend_period', id: period, label: cost.description },
      memo: cost.description,
      postedAt,
      lines: [
        { account: 'assets:bank', debitCents: cost.amountCents },
        { account: 'expenses:materials', creditCents: cost.amountCents },
      ],
    });
    await StipendCost.updateOne({ _id: cost._id }, { $set: { reversed: true } });
    throw new ConflictError('period.errors.finalised', { period });
  }
  return { added };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a cost was posted: false while nobody is finalising; once finalising has begun, waits for
 * the freeze and says whether it left this entry out. (The finalisation takes its `closing` claim
 * before reading the journal, so a cost posted before that claim is always read.)
 */
async function keptOutOfFreeze(period: string, key: string): Promise<boolean> {
  if (!(await StipendClaim.exists({ _id: `${period}:closing` }))) return false;
  for (let i = 0; i < 50; i++) {
    const fin = await StipendClaim.findById(`${period}:finalised`, { costKeys: 1 }).lean();
    if (fin) return !(fin.costKeys ?? []).includes(key);
    await sleep(100);
  }
  return true;
}

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

function stipendAccount(participantId: string): string {
  return `liabilities:stipends:${participantId.toLowerCase()}`;
}

function finalisedEntry(fin: Finalised) {
  const payees = fin.result.participants.filter((p) => p.totalCents > 0);
  return {
    idempotencyKey: `stipends:${fin.period}:finalised`,
    kind: 'stipends_finalised',
    reference: { type: 'stipend_period', id: fin.period, label: fin.period },
    postedAt: fin.at,
    lines: [
      { account: 'expenses:stipends', debitCents: fin.result.allocatedCents },
      ...payees.map((p) => ({
        account: stipendAccount(p.id),
        creditCents: p.totalCents,
        attribution: { participantId: p.id },
      })),
    ],
  };
}

/**
 * Freezes the period. First the `closing` claim: from then on rules, costs, attendance and
 * contributions of the period are refused, so the data cannot move under the computation. Then the
 * exact input and result go into the finalisation record, whose insert is the once-only decision,
 * and the ledger entry is posted by its key. A second request (a double-click, a retry after a crash
 * between the steps) finds the record and only completes the posting: finalised once, posted once.
 * If the computation fails (data that breaks the engine's contract), the period is opened again so
 * the data can be corrected.
 */
export async function finalisePeriod(period: string, by: string): Promise<{ finalised: boolean }> {
  if (period > vilniusPeriod(new Date())) throw new ConflictError('period.errors.future', { period });
  let finalised = false;
  if (!(await StipendClaim.exists({ _id: `${period}:finalised` }))) {
    try {
      await StipendClaim.create({ _id: `${period}:closing`, period, step: 'closing', by });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    let draft: Draft;
    try {
      draft = await computeDraft(period);
    } catch (err) {
      if (!(await StipendClaim.exists({ _id: `${period}:finalised` })))
        await StipendClaim.deleteOne({ _id: `${period}:closing` });
      throw err;
    }
    try {
      await StipendClaim.create({
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
      finalised = true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
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
  let paid = false;
  try {
    await StipendClaim.create({ _id: `${period}:paid`, period, step: 'paid', by, paidOn });
    paid = true;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const claim = await StipendClaim.findById(`${period}:paid`).lean();
  const payees = fin.result.participants.filter((p) => p.totalCents > 0);
  if (payees.length > 0) {
    const on = parseCalendarDate(claim?.paidOn ?? paidOn) ?? day;
    await postEntry({
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
