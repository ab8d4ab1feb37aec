import { Types } from 'mongoose';
import { isDuplicateKeyError, onlyClashes } from '../db/errors.ts';
import { vilniusPeriod } from '../lib/dates.ts';
import { isPeriodLocked, PeriodLockedError } from './locks.ts';
import { JournalEntry, type JournalEntryDoc } from './model.ts';

export {
  getLock,
  isPeriodLocked,
  lateEntries,
  lockedAmong,
  lockPeriod,
  PeriodLockedError,
  refuseIfLocked,
  type LedgerLock,
} from './locks.ts';

export const ACCOUNT_RE = /^(assets|income|liabilities|expenses|equity)(:[a-z0-9_-]+)+$/;

export interface EntryLine {
  account: string;
  debitCents?: number;
  creditCents?: number;
  attribution?: {
    productId?: string;
    orderId?: string;
    lineId?: string;
    jobId?: string;
    invoiceId?: string;
    participantId?: string;
  };
}

import type { Channel } from './channels.ts';

export {
  CHANNELS,
  channelIncomeTable,
  channelOf,
  incomeByChannel,
  type Channel,
  type ChannelIncome,
  type ChannelTable,
} from './channels.ts';
export { monthFigures, type MonthFigures } from './impact.ts';

export interface EntryInput {
  idempotencyKey: string;
  /** Where the sale came from, on entries that carry income (and their refunds). */
  channel?: Channel;
  kind: string;
  reference: { type: string; id: string; label?: string };
  memo?: string;
  lines: EntryLine[];
  postedAt?: Date;
  /** A refund or reversal: the idempotency key of the entry it corrects (kept with a link to it). */
  corrects?: string;
  /**
   * When `postedAt` falls in a locked period: `refuse` (the default; the caller dated it) throws
   * `PeriodLockedError`; `postNow` posts it now, in the open period, keeping the date it had — for
   * money a provider reports late (a card payment or refund), which happened whatever the books say.
   */
  whenLocked?: 'refuse' | 'postNow';
}

export class UnbalancedEntryError extends Error {}

/** Checks an entry before it is stored: known account shape, one side per line, whole cents, balance. */
export function validateEntry(input: EntryInput): number {
  if (!input.idempotencyKey) throw new UnbalancedEntryError('an entry needs an idempotency key');
  // Zero lines (e.g. no delivery fee) are left out of the entry.
  const lines = input.lines.filter((l) => (l.debitCents ?? 0) !== 0 || (l.creditCents ?? 0) !== 0);
  if (lines.length < 2) throw new UnbalancedEntryError('an entry needs at least two non-zero lines');
  let debits = 0;
  let credits = 0;
  for (const line of lines) {
    const d = line.debitCents ?? 0;
    const c = line.creditCents ?? 0;
    if (!ACCOUNT_RE.test(line.account))
      throw new UnbalancedEntryError(`unknown account shape: ${line.account}`);
    if (!Number.isSafeInteger(d) || !Number.isSafeInteger(c) || d < 0 || c < 0) {
      throw new UnbalancedEntryError(`amounts must be whole non-negative cents (${line.account})`);
    }
    if (d > 0 === c > 0)
      throw new UnbalancedEntryError(`a line is either a debit or a credit (${line.account})`);
    debits += d;
    credits += c;
    if (!Number.isSafeInteger(debits) || !Number.isSafeInteger(credits)) {
      throw new UnbalancedEntryError('the entry total is too large to add up exactly');
    }
  }
  if (debits !== credits) throw new UnbalancedEntryError(`debits ${debits} ≠ credits ${credits}`);
  return debits;
}

/** An entry's lines as stored: the zero ones left out, the attribution's missing fields null. */
function storedLines(lines: EntryLine[]) {
  return lines
    .filter((l) => (l.debitCents ?? 0) > 0 || (l.creditCents ?? 0) > 0)
    .map((l) => ({
      account: l.account,
      debitCents: l.debitCents ?? 0,
      creditCents: l.creditCents ?? 0,
      attribution: l.attribution
        ? {
            productId: l.attribution.productId ?? null,
            orderId: l.attribution.orderId ?? null,
            lineId: l.attribution.lineId ?? null,
            jobId: l.attribution.jobId ?? null,
            invoiceId: l.attribution.invoiceId ?? null,
            participantId: l.attribution.participantId ?? null,
          }
        : null,
    }));
}

/**
 * Posts an entry once. A second post with the same idempotency key returns the first entry
 * (`posted: false`), which is what makes replayed webhooks and retried requests harmless. An entry
 * dated in a locked period is refused (or, with `whenLocked: 'postNow'`, posted now); one that checked
 * the lock a moment before the lock was inserted still lands, and the lock's own list of entries shows
 * it as arrived after locking (`lateEntries`).
 */
export async function postEntry(input: EntryInput): Promise<{ entry: JournalEntryDoc; posted: boolean }> {
  const totalCents = validateEntry(input);
  let postedAt = input.postedAt ?? new Date();
  let movedFrom: { postedAt: Date; period: string } | null = null;
  if (await isPeriodLocked(vilniusPeriod(postedAt))) {
    const existing = await JournalEntry.findOne({
      idempotencyKey: input.idempotencyKey,
    }).lean<JournalEntryDoc>();
    if (existing) return { entry: existing, posted: false };
    const period = vilniusPeriod(postedAt);
    if (input.whenLocked !== 'postNow') throw new PeriodLockedError(period);
    movedFrom = { postedAt, period };
    postedAt = new Date();
    if (await isPeriodLocked(vilniusPeriod(postedAt))) throw new PeriodLockedError(vilniusPeriod(postedAt));
  }
  const corrects = input.corrects ? await correctedEntry(input.corrects) : null;
  const lines = storedLines(input.lines);
  try {
    const doc = await JournalEntry.create({
      idempotencyKey: input.idempotencyKey,
      postedAt,
      period: vilniusPeriod(postedAt),
      kind: input.kind,
      reference: { type: input.reference.type, id: input.reference.id, label: input.reference.label ?? '' },
      memo: input.memo ?? '',
      channel: input.channel ?? null,
      lines,
      totalCents,
      corrects,
      movedFrom,
    });
    return { entry: doc.toObject() as JournalEntryDoc, posted: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await JournalEntry.findOne({
      idempotencyKey: input.idempotencyKey,
    }).lean<JournalEntryDoc>();
    if (!existing) throw err;
    return { entry: existing, posted: false };
  }
}

/**
 * Posts many entries at once, each exactly as `postEntry` would: validated the same way (a bad one
 * throws before anything is stored), dated in a locked period refused (`PeriodLockedError`, before
 * anything is stored) or with `whenLocked: 'postNow'` posted now, and each once per idempotency key:
 * one unordered insert of them all, a key already stored is answered with the stored entry
 * (`posted: false`). The answers are in the order of `inputs`.
 */
export async function postEntries(
  inputs: EntryInput[],
): Promise<{ entry: JournalEntryDoc; posted: boolean }[]> {
  if (inputs.length === 0) return [];
  const totals = inputs.map(validateEntry);
  const keys = inputs.map((i) => i.idempotencyKey);
  if (new Set(keys).size !== keys.length) throw new UnbalancedEntryError('the same idempotency key twice');
  const now = new Date();
  const locked = new Map<string, boolean>();
  const isLocked = async (period: string) => {
    if (!locked.has(period)) locked.set(period, await isPeriodLocked(period));
    return locked.get(period)!;
  };
  const stored = async (only: string[]) =>
    new Map(
      (await JournalEntry.find({ idempotencyKey: { $in: only } }).lean<JournalEntryDoc[]>()).map((e) => [
        e.idempotencyKey,
        e,
      ]),
    );
  const dated: { postedAt: Date; movedFrom: { postedAt: Date; period: string } | null }[] = [];
  let already = new Map<string, JournalEntryDoc>();
  const lockedKeys: string[] = [];
  for (const input of inputs) {
    const postedAt = input.postedAt ?? now;
    if (await isLocked(vilniusPeriod(postedAt))) lockedKeys.push(input.idempotencyKey);
    dated.push({ postedAt, movedFrom: null });
  }
  if (lockedKeys.length > 0) already = await stored(lockedKeys);
  for (const [i, input] of inputs.entries()) {
    const d = dated[i]!;
    const period = vilniusPeriod(d.postedAt);
    if (already.has(input.idempotencyKey) || !(await isLocked(period))) continue;
    if (input.whenLocked !== 'postNow') throw new PeriodLockedError(period);
    if (await isLocked(vilniusPeriod(now))) throw new PeriodLockedError(vilniusPeriod(now));
    dated[i] = { postedAt: now, movedFrom: { postedAt: d.postedAt, period } };
  }
  const docs = [];
  for (const [i, input] of inputs.entries()) {
    if (already.has(input.idempotencyKey)) continue;
    const { postedAt, movedFrom } = dated[i]!;
    docs.push({
      _id: new Types.ObjectId(),
      idempotencyKey: input.idempotencyKey,
      postedAt,
      period: vilniusPeriod(postedAt),
      kind: input.kind,
      reference: { type: input.reference.type, id: input.reference.id, label: input.reference.label ?? '' },
      memo: input.memo ?? '',
      channel: input.channel ?? null,
      lines: storedLines(input.lines),
      totalCents: totals[i]!,
      corrects: input.corrects ? await correctedEntry(input.corrects) : null,
      movedFrom,
    });
  }
  let inserted: JournalEntryDoc[] | null = [];
  if (docs.length > 0) {
    try {
      inserted = (await JournalEntry.insertMany(docs, { ordered: false })).map(
        (d) => d.toObject() as JournalEntryDoc,
      );
    } catch (err) {
      // Keys another call stored first: answered with its entries below. Anything else is thrown.
      if (!onlyClashes(err)) throw err;
      inserted = null;
    }
  }
  const mine = new Set(docs.map((d) => String(d._id)));
  const found =
    inserted && already.size + inserted.length === inputs.length
      ? new Map([...already, ...inserted.map((e) => [e.idempotencyKey, e] as const)])
      : await stored(keys);
  return inputs.map((input) => {
    const entry = found.get(input.idempotencyKey);
    if (!entry) throw new Error(`entry ${input.idempotencyKey} was neither stored nor found`);
    return { entry, posted: mine.has(String(entry._id)) };
  });
}

async function correctedEntry(
  key: string,
): Promise<{ key: string; entryId: string | null; period: string | null }> {
  const original = await JournalEntry.findOne({ idempotencyKey: key }, { period: 1 }).lean<
    Pick<JournalEntryDoc, '_id' | 'period'>
  >();
  return { key, entryId: original ? String(original._id) : null, period: original?.period ?? null };
}

export type { JournalEntryDoc };
export type { JournalLine } from './model.ts';

/** Entries of the periods with a line on any of the accounts, in posting order. */
export async function entriesTouching(periods: string[], accounts: string[]): Promise<JournalEntryDoc[]> {
  return JournalEntry.find({ period: { $in: periods }, 'lines.account': { $in: accounts } })
    .sort({ postedAt: 1, _id: 1 })
    .lean<JournalEntryDoc[]>();
}

/** The same entries' periods and lines, read one by one (for figures over many months). */
export async function* eachEntryTouching(
  periods: string[],
  accounts: string[],
): AsyncGenerator<Pick<JournalEntryDoc, 'period' | 'lines'>> {
  const cursor = JournalEntry.find({ period: { $in: periods }, 'lines.account': { $in: accounts } })
    .select({ period: 1, lines: 1 })
    .lean<Pick<JournalEntryDoc, 'period' | 'lines'>[]>()
    .cursor();
  for await (const entry of cursor) yield entry as Pick<JournalEntryDoc, 'period' | 'lines'>;
}
