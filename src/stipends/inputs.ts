import { getProduct } from '../catalog/service.ts';
import { entriesTouching } from '../ledger/service.ts';
import { contributionsForJob, getParticipantNames, periodInputs } from '../participants/service.ts';
import { getJobSummary } from '../services/jobs.ts';
import type { StipendInput } from './engine-schemas.ts';

/** The income accounts whose lines make the stipend basis (delivery income is not part of it). */
export const INCOME_ACCOUNTS = ['income:products', 'income:services'] as const;
export const COSTS_ACCOUNT = 'expenses:materials';

export interface StipendPolicyValues {
  poolShareBps: number;
  deductCosts: boolean;
  baseAmountCents: number;
  capCents: number | null;
}

export interface PeriodSettings extends StipendPolicyValues {
  workdays: number;
}

/** What an income line was, for the explanation and the statements (frozen with the input). */
export interface LineLabel {
  kind: 'product' | 'job';
  /** The product or the service job (request) the line is attributed to. */
  targetId: string;
  /** Product title in both languages, or the job's title (the same in both). */
  title: { lt: string; en: string };
  /** The order number or invoice the ledger entry refers to. */
  reference: string;
  refund: boolean;
}

export interface PersonLabel {
  displayName: string;
  code: string;
}

export interface PeriodData {
  input: StipendInput;
  /** The journal entries the costs were read from. */
  costKeys: string[];
  lineLabels: Record<string, LineLabel>;
  names: Record<string, PersonLabel>;
}

interface RawContribution {
  participantId: string;
  weight: number;
}

/** Income lines of one period straight from the journal: `<entryId>:<lineIndex>`, credit − debit. */
export async function incomeLines(period: string) {
  const entries = await entriesTouching([period], [...INCOME_ACCOUNTS]);
  const lines: {
    id: string;
    amountCents: number;
    account: string;
    productId: string | null;
    jobId: string | null;
    reference: string;
  }[] = [];
  for (const entry of entries) {
    entry.lines.forEach((line, index) => {
      if (!(INCOME_ACCOUNTS as readonly string[]).includes(line.account)) return;
      lines.push({
        id: `${String(entry._id)}:${index}`,
        amountCents: (line.creditCents ?? 0) - (line.debitCents ?? 0),
        account: line.account,
        productId: line.attribution?.productId ?? null,
        jobId: line.attribution?.jobId ?? null,
        reference: entry.reference?.label || entry.reference?.id || '',
      });
    });
  }
  return lines;
}

/**
 * Material costs of the period as the journal has them (debits − credits on `expenses:materials`),
 * and the keys of the entries that make them (the finalisation keeps them, see service.addCost).
 */
export async function periodCosts(period: string): Promise<{ cents: number; keys: string[] }> {
  const entries = await entriesTouching([period], [COSTS_ACCOUNT]);
  let cents = 0;
  for (const e of entries)
    for (const l of e.lines)
      if (l.account === COSTS_ACCOUNT) cents += (l.debitCents ?? 0) - (l.creditCents ?? 0);
  return { cents, keys: entries.map((e) => e.idempotencyKey).sort() };
}

/** Adds weights per participant (the engine adds them too; this keeps the frozen input small). */
function merge(contributions: RawContribution[]) {
  const byId = new Map<string, number>();
  for (const c of contributions) byId.set(c.participantId, (byId.get(c.participantId) ?? 0) + c.weight);
  return [...byId].map(([participantId, weight]) => ({ participantId, weight }));
}

async function productTitle(id: string): Promise<{ lt: string; en: string }> {
  try {
    const p = await getProduct(id);
    return { lt: p.title?.lt ?? '', en: p.title?.en ?? '' };
  } catch {
    return { lt: '', en: '' };
  }
}

/**
 * The engine input of a period, from the database:
 * - lines: every `income:products` / `income:services` journal line posted in the period;
 * - a product line takes the contributions recorded in this period against its product;
 * - a service line takes the contributions against its job from any period, because a job is often
 *   done in one month and paid in a later one, and it is the payment that brings the income;
 * - participants and attendance of the period; someone who only contributed to a job paid now is
 *   added with 0 attendance days, so the share of their work reaches them;
 * - costs from `expenses:materials` of the period.
 */
export async function buildPeriodInput(period: string, settings: PeriodSettings): Promise<PeriodData> {
  const [raw, inputs, costs] = await Promise.all([
    incomeLines(period),
    periodInputs(period),
    periodCosts(period),
  ]);

  const byProduct = new Map<string, RawContribution[]>();
  for (const c of inputs.contributions) {
    if (c.target.kind !== 'product') continue;
    const list = byProduct.get(c.target.id) ?? [];
    list.push({ participantId: c.participantId, weight: c.weight });
    byProduct.set(c.target.id, list);
  }
  const byJob = new Map<string, RawContribution[]>();
  const jobTitles = new Map<string, string>();
  for (const jobId of new Set(raw.map((l) => l.jobId).filter((j): j is string => Boolean(j)))) {
    jobTitles.set(jobId, (await getJobSummary(jobId))?.title ?? '');
    const list = await contributionsForJob(jobId);
    byJob.set(
      jobId,
      list.map((c) => ({ participantId: c.participantId, weight: c.weight })),
    );
  }

  const titles = new Map<string, { lt: string; en: string }>();
  for (const productId of new Set(raw.map((l) => l.productId).filter((p): p is string => Boolean(p))))
    titles.set(productId, await productTitle(productId));

  const lineLabels: Record<string, LineLabel> = {};
  const lines = raw.map((l) => {
    const isJob = l.account === 'income:services';
    const targetId = (isJob ? l.jobId : l.productId) ?? '';
    const contributions = targetId ? ((isJob ? byJob : byProduct).get(targetId) ?? []) : [];
    lineLabels[l.id] = {
      kind: isJob ? 'job' : 'product',
      targetId,
      title: isJob
        ? { lt: jobTitles.get(targetId) ?? '', en: jobTitles.get(targetId) ?? '' }
        : (titles.get(targetId) ?? { lt: '', en: '' }),
      reference: l.reference,
      refund: l.amountCents < 0,
    };
    return { id: l.id, amountCents: l.amountCents, contributions: merge(contributions) };
  });

  const names: Record<string, PersonLabel> = {};
  const participants = inputs.participants.map((p) => {
    names[p.id] = { displayName: p.displayName, code: p.code };
    return { id: p.id, attendanceDays: p.attendanceDays };
  });
  const missing = [
    ...new Set(lines.flatMap((l) => l.contributions.map((c) => c.participantId)).filter((id) => !names[id])),
  ];
  if (missing.length > 0) {
    for (const p of await getParticipantNames(missing)) {
      names[p.id] = { displayName: p.displayName, code: p.code ?? '' };
      participants.push({ id: p.id, attendanceDays: 0 });
    }
  }

  return {
    input: {
      period,
      policy: {
        poolShareBps: settings.poolShareBps,
        deductCosts: settings.deductCosts,
        baseAmountCents: settings.baseAmountCents,
        capCents: settings.capCents,
      },
      workdays: settings.workdays,
      participants,
      lines,
      costsCents: costs.cents,
    },
    costKeys: costs.keys,
    lineLabels,
    names,
  };
}
