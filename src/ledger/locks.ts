import { claimOnce } from '../db/once.ts';
import { PERIOD_RE, shiftPeriod, vilniusPeriod } from '../lib/dates.ts';
import { ConflictError } from '../lib/errors.ts';
import { JournalEntry, LedgerLock, type JournalEntryDoc, type LedgerLockDoc } from './model.ts';

/**
 * A posting dated in a locked period (a conflict with the lock, so every page that shows refusals
 * shows it). `field` names the form field whose date put it there (the day money was received, say),
 * so forms that know it show the message next to it.
 */
export class PeriodLockedError extends ConflictError {
  readonly field: string;

  constructor(period: string, field = '_form') {
    super('ledger.errors.periodLocked', { period, open: `${shiftPeriod(period, 1)}-01` });
    this.field = field;
  }
}

export async function isPeriodLocked(period: string): Promise<boolean> {
  return (await LedgerLock.exists({ _id: period })) !== null;
}

/** Refuses a user-chosen moment in a locked period before anything is changed for it. */
export async function refuseIfLocked(at: Date, field = '_form'): Promise<void> {
  const period = vilniusPeriod(at);
  if (await isPeriodLocked(period)) throw new PeriodLockedError(period, field);
}

export interface LedgerLock {
  period: string;
  at: Date;
  by: string;
  byName: string;
  entryCount: number;
  debitCents: number;
}

function present(doc: LedgerLockDoc): LedgerLock {
  return {
    period: doc._id,
    at: doc.at,
    by: doc.by ?? '',
    byName: doc.byName ?? '',
    entryCount: (doc.entryIds ?? []).length,
    debitCents: doc.debitCents,
  };
}

export async function getLock(period: string): Promise<LedgerLock | null> {
  const doc = await LedgerLock.findById(period).lean<LedgerLockDoc>();
  return doc ? present(doc) : null;
}

/** Which of these periods are locked. */
export async function lockedAmong(periods: string[]): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const docs = await LedgerLock.find({ _id: { $in: periods } }, { _id: 1 }).lean<{ _id: string }[]>();
  return new Set(docs.map((d) => d._id));
}

/**
 * Locks a period once. The callers decide whether it may be locked (the stipends module: a finalised
 * month that has ended); this only refuses the running month and later ones. The period's entries
 * are read first and their ids kept with the lock, so anything posted by a request that checked the
 * lock just before it was inserted is told apart afterwards (`lateEntries`).
 */
export async function lockPeriod(
  period: string,
  by: { id: string; name: string },
  now = new Date(),
): Promise<{ locked: boolean }> {
  if (!PERIOD_RE.test(period)) throw new RangeError(`not a period: ${period}`);
  if (period >= vilniusPeriod(now)) throw new ConflictError('ledger.errors.lockNotEnded', { period });
  const entries = await JournalEntry.find({ period }, { _id: 1, totalCents: 1 }).lean<
    Pick<JournalEntryDoc, '_id' | 'totalCents'>[]
  >();
  const locked = await claimOnce(LedgerLock, {
    _id: period,
    at: now,
    by: by.id,
    byName: by.name,
    entryIds: entries.map((e) => String(e._id)),
    debitCents: entries.reduce((s, e) => s + e.totalCents, 0),
  });
  return { locked };
}

/** Entries of a locked period that were not among its entries when it was locked, oldest first. */
export async function lateEntries(period: string): Promise<JournalEntryDoc[]> {
  const lock = await LedgerLock.findById(period, { entryIds: 1 }).lean<LedgerLockDoc>();
  if (!lock) return [];
  const known = new Set(lock.entryIds ?? []);
  const entries = await JournalEntry.find({ period }).sort({ postedAt: 1, _id: 1 }).lean<JournalEntryDoc[]>();
  return entries.filter((e) => !known.has(String(e._id)));
}

/** Which of these entries arrived in their period after it was locked (one query for the locks). */
export async function lateAmong(entries: Pick<JournalEntryDoc, '_id' | 'period'>[]): Promise<Set<string>> {
  const periods = [...new Set(entries.map((e) => e.period))];
  if (periods.length === 0) return new Set();
  const locks = await LedgerLock.find({ _id: { $in: periods } }, { entryIds: 1 }).lean<LedgerLockDoc[]>();
  const known = new Map(locks.map((l) => [l._id, new Set(l.entryIds ?? [])]));
  return new Set(
    entries
      .filter((e) => known.has(e.period) && !known.get(e.period)!.has(String(e._id)))
      .map((e) => String(e._id)),
  );
}
