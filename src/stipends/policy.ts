import { workdaysIn } from '../lib/workdays.ts';
import type { PeriodSettings, StipendPolicyValues } from './inputs.ts';
import { refuseIfFinalised } from './claims.ts';
import { StipendPeriod, StipendPolicy } from './model.ts';
import type { PeriodSettingsForm, PolicyForm } from './schemas.ts';

const DEFAULT_POLICY: StipendPolicyValues = {
  poolShareBps: 7000,
  deductCosts: false,
  baseAmountCents: 5000,
  capCents: null,
};

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

/** The period's settings: its own if saved, else the organisation's policy and the weekdays of the month. */
export async function periodSettings(period: string): Promise<PeriodSettings & { saved: boolean }> {
  const doc = await StipendPeriod.findById(period).lean();
  if (doc) return { ...policyOf(doc), workdays: doc.workdays, saved: true };
  return { ...(await getPolicy()), workdays: workdaysIn(period), saved: false };
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
