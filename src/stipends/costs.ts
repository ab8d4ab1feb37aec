import { claimOnce } from '../db/once.ts';
import { postEntry } from '../ledger/service.ts';
import { parseCalendarDate, vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { ConflictError, FieldError } from '../lib/errors.ts';
import { refuseIfFinalised } from './claims.ts';
import { StipendClaim, StipendCost, type StipendCostDoc } from './model.ts';
import type { CostForm } from './schemas.ts';

export async function listCosts(period: string): Promise<StipendCostDoc[]> {
  return StipendCost.find({ period }).sort({ at: 1 }).lean<StipendCostDoc[]>();
}

const costKey = (id: string) => `stipends:cost:${id}`;

/**
 * A material cost of a draft period, posted Dr expenses:materials / Cr assets:bank on the day it was
 * paid (which must be in the period). The form's one-time key is the cost's id, so a repeated submit
 * is one cost.
 */
export async function addCost(
  period: string,
  input: CostForm & { key: string },
  by: string,
): Promise<{ added: boolean }> {
  const day = parseCalendarDate(input.paidOn)!;
  if (!input.paidOn.startsWith(`${period}-`) || input.paidOn > vilniusDate(new Date()))
    throw new FieldError('paidOn', 'period.errors.costDate', { period });
  await refuseIfFinalised(period);
  const added = await claimOnce(StipendCost, {
    _id: input.key,
    period,
    amountCents: input.amount,
    description: input.description,
    paidOn: input.paidOn,
    by,
  });
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
      corrects: costKey(cost._id),
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
