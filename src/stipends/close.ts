import { getLock, lateEntries, lockPeriod, postEntry, type LedgerLock } from '../ledger/service.ts';
import { vilniusDayStart, vilniusPeriod } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { StipendClaim, StipendLateChange } from './model.ts';
import type { Finalised } from './service.ts';

/**
 * The month's close: the stipend expense dated on the month's last day, the ledger lock of a
 * finalised month, and the attendance or contributions saved after finalising began.
 */

/**
 * The moment the month's stipend expense is dated: 23:59:59 Vilnius time on its last day. The
 * expense belongs to the month whose work and sales it pays for, whatever day it is finalised; the
 * last second of the month (not noon, as for a payment day) lists it after everything the month
 * earned, and it is still the same day in UTC (20:59:59 or 21:59:59), so the CSV's UTC times do not
 * move it into the next month either.
 */
export function monthEndMoment(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(vilniusDayStart(y, m + 1, 1).getTime() - 1000);
}

export function stipendAccount(participantId: string): string {
  return `liabilities:stipends:${participantId.toLowerCase()}`;
}

export function finalisedEntry(fin: Finalised) {
  const payees = fin.result.participants.filter((p) => p.totalCents > 0);
  return {
    idempotencyKey: `stipends:${fin.period}:finalised`,
    kind: 'stipends_finalised',
    reference: { type: 'stipend_period', id: fin.period, label: fin.period },
    postedAt: monthEndMoment(fin.period),
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
 * Locks the ledger period of a finalised month that has ended (admin). The finalisation entry is
 * completed first (an interrupted finalise may have left it unposted), so the locked month holds
 * its stipend expense. From then on nothing can be posted in the month.
 */
export async function lockMonth(
  period: string,
  by: { id: string; name: string },
  getFinalised: (period: string) => Promise<Finalised | null>,
  now = new Date(),
): Promise<{ locked: boolean }> {
  const fin = await getFinalised(period);
  if (!fin) throw new ConflictError('period.errors.lockNotFinalised', { period });
  if (period >= vilniusPeriod(now)) throw new ConflictError('ledger.errors.lockNotEnded', { period });
  if (fin.result.allocatedCents > 0) await postEntry(finalisedEntry(fin));
  return lockPeriod(period, by, now);
}

export interface LateChange {
  what: 'attendance' | 'contributions';
  at: Date;
  by: string;
  byName: string;
  participants: number;
}

/**
 * Called by the participants module after it wrote a month's attendance or contributions: when the
 * month's finalising had begun by then, the change is recorded (it may be missing from the frozen
 * figures) and true is returned, so the person who saved is told.
 */
export async function noteLateChange(
  period: string,
  change: { what: 'attendance' | 'contributions'; by: string; byName: string; participantIds: string[] },
): Promise<boolean> {
  const closing = await StipendClaim.exists({ _id: { $in: [`${period}:closing`, `${period}:finalised`] } });
  if (!closing) return false;
  await StipendLateChange.create({ period, ...change });
  return true;
}

export async function lateChanges(period: string): Promise<LateChange[]> {
  const rows = await StipendLateChange.find({ period }).sort({ at: 1, _id: 1 }).lean();
  return rows.map((r) => ({
    what: r.what as LateChange['what'],
    at: r.at,
    by: r.by ?? '',
    byName: r.byName ?? '',
    participants: (r.participantIds ?? []).length,
  }));
}

/** What the month page shows of the close: the lock, entries after it, late saves. */
export async function closeState(period: string): Promise<{
  lock: LedgerLock | null;
  lateEntries: { id: string; kind: string; postedAt: Date; totalCents: number }[];
  lateChanges: LateChange[];
}> {
  const [lock, late, changes] = await Promise.all([
    getLock(period),
    lateEntries(period),
    lateChanges(period),
  ]);
  return {
    lock,
    lateEntries: late.map((e) => ({
      id: String(e._id),
      kind: e.kind,
      postedAt: e.postedAt,
      totalCents: e.totalCents,
    })),
    lateChanges: changes,
  };
}
