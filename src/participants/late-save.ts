import { ConflictError } from '../lib/errors.ts';
import { isPeriodFinalised, noteLateChange } from '../stipends/service.ts';
import type { Actor } from './audit.ts';

/**
 * The "not finalised" check of attendance and contributions saves, before and after they write.
 * Finalising inserts its `closing` claim and then reads the month's inputs, so a save that passed the
 * check just before the claim may write after the read: the check after the writes catches exactly
 * that, records it for the month page and tells the person who saved.
 */

/** Runs between the check and the writes when set: lets a test put a finalise exactly there. */
export const lateSaveProbe: { afterCheck: (() => Promise<void>) | null } = { afterCheck: null };

export async function refuseIfFinalised(period: string): Promise<void> {
  if (await isPeriodFinalised(period)) throw new ConflictError('contributions.errors.finalised', { period });
  if (lateSaveProbe.afterCheck) await lateSaveProbe.afterCheck();
}

/** After the writes: a month whose finalising began meanwhile gets the change recorded, and the save says so. */
export async function noticeLateSave(
  period: string,
  what: 'attendance' | 'contributions',
  actor: Actor,
  participantIds: string[],
): Promise<void> {
  if (participantIds.length === 0) return;
  const late = await noteLateChange(period, { what, by: actor.id, byName: actor.name ?? '', participantIds });
  if (late) throw new ConflictError('contributions.errors.lateSave', { period });
}
