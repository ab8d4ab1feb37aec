import { ConflictError } from '../lib/errors.ts';
import { StipendClaim } from './model.ts';

/**
 * Whether the period's stipends were finalised, or are being finalised right now: its attendance,
 * contributions, rules and costs must not change any more.
 */
export async function isPeriodFinalised(period: string): Promise<boolean> {
  return (await StipendClaim.exists({ _id: { $in: [`${period}:closing`, `${period}:finalised`] } })) !== null;
}

export async function refuseIfFinalised(period: string): Promise<void> {
  if (await isPeriodFinalised(period)) throw new ConflictError('period.errors.finalised', { period });
}
