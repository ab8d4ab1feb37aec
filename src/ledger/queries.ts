import type { QueryFilter } from 'mongoose';
import { escapeRegExp } from '../lib/text.ts';
import { JournalEntry, type JournalEntryDoc } from './model.ts';
import type { LedgerFilters, LedgerQuery } from './schemas.ts';

export const LEDGER_PAGE_SIZE = 50;

/** Top-level account types in the order a balance sheet lists them. */
export const ACCOUNT_TYPES = ['assets', 'liabilities', 'equity', 'income', 'expenses'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** Matches an account and everything under it: `income` → `income`, `income:products`, … (not `incomes`). */
export function accountPattern(prefix: string): RegExp {
  return new RegExp(`^${escapeRegExp(prefix)}(:|$)`);
}

export function accountMatches(account: string, prefix: string | undefined): boolean {
  return prefix === undefined || accountPattern(prefix).test(account);
}

/** The filter for entries: an entry matches the account filter when one of its lines does. */
export function ledgerFilter(query: LedgerFilters): QueryFilter<JournalEntryDoc> {
  const filter: QueryFilter<JournalEntryDoc> = {};
  if (query.period) filter.period = query.period;
  if (query.kind) filter.kind = query.kind;
  if (query.channel) {
    // Entries posted before channels were recorded are read by their reference (see channelOf).
    const before =
      query.channel === 'web'
        ? { channel: null, 'reference.type': 'order' }
        : query.channel === 'services'
          ? { channel: null, 'reference.type': { $in: ['invoice', 'credit_note'] } }
          : null;
    if (before) filter.$and = [{ $or: [{ channel: query.channel }, before] }];
    else filter.channel = query.channel;
  }
  if (query.account) filter['lines.account'] = { $regex: accountPattern(query.account).source };
  const q = query.q.trim();
  if (q) {
    const pattern = { $regex: escapeRegExp(q), $options: 'i' };
    filter.$or = [{ 'reference.label': pattern }, { 'reference.id': pattern }];
  }
  return filter;
}

/** One page of entries, newest first. */
export async function listEntries(query: LedgerQuery): Promise<Page<JournalEntryDoc>> {
  const filter = ledgerFilter(query);
  const [items, total] = await Promise.all([
    JournalEntry.find(filter)
      .sort({ postedAt: -1, _id: -1 })
      .skip((query.page - 1) * LEDGER_PAGE_SIZE)
      .limit(LEDGER_PAGE_SIZE)
      .lean<JournalEntryDoc[]>(),
    JournalEntry.countDocuments(filter),
  ]);
  return { items, total, page: query.page, pages: Math.max(1, Math.ceil(total / LEDGER_PAGE_SIZE)) };
}

/** Every matching entry in posting order (oldest first), for the export. */
export async function entriesForExport(query: LedgerFilters): Promise<JournalEntryDoc[]> {
  return JournalEntry.find(ledgerFilter(query)).sort({ postedAt: 1, _id: 1 }).lean<JournalEntryDoc[]>();
}

/** The periods that have entries, newest first. */
export async function ledgerPeriods(): Promise<string[]> {
  const periods = (await JournalEntry.distinct('period')) as string[];
  return periods.filter((p) => typeof p === 'string').sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/** The kinds of entry that have been posted, alphabetically. */
export async function ledgerKinds(): Promise<string[]> {
  const kinds = (await JournalEntry.distinct('kind')) as string[];
  return kinds.filter((k) => typeof k === 'string').sort();
}

export interface AccountBalance {
  account: string;
  debitCents: number;
  creditCents: number;
  /** Debits minus credits. */
  balanceCents: number;
}

export interface BalanceGroup extends Omit<AccountBalance, 'account'> {
  type: AccountType | string;
  accounts: AccountBalance[];
}

export interface TrialBalance {
  groups: BalanceGroup[];
  debitCents: number;
  creditCents: number;
  balanced: boolean;
  entryCount: number;
}

/** What the balances need of an entry (a lean document or a plain object). */
export interface EntryLines {
  lines?: ReadonlyArray<{ account: string; debitCents?: number | null; creditCents?: number | null }> | null;
}
type Lines = EntryLines;

function typeRank(type: string): number {
  const i = (ACCOUNT_TYPES as readonly string[]).indexOf(type);
  return i === -1 ? ACCOUNT_TYPES.length : i;
}

/** Adds up entries one at a time, so a long journal can be streamed from the database. */
class BalanceTally {
  private readonly byAccount = new Map<string, AccountBalance>();
  private entryCount = 0;

  add(entry: Lines): void {
    this.entryCount += 1;
    for (const line of entry.lines ?? []) {
      let acc = this.byAccount.get(line.account);
      if (!acc) {
        acc = { account: line.account, debitCents: 0, creditCents: 0, balanceCents: 0 };
        this.byAccount.set(line.account, acc);
      }
      acc.debitCents += line.debitCents ?? 0;
      acc.creditCents += line.creditCents ?? 0;
      acc.balanceCents = acc.debitCents - acc.creditCents;
    }
  }

  result(): TrialBalance {
    const groups = new Map<string, BalanceGroup>();
    const accounts = [...this.byAccount.values()].sort((a, b) => (a.account < b.account ? -1 : 1));
    for (const acc of accounts) {
      const type = acc.account.split(':')[0]!;
      let group = groups.get(type);
      if (!group) {
        group = { type, accounts: [], debitCents: 0, creditCents: 0, balanceCents: 0 };
        groups.set(type, group);
      }
      group.accounts.push(acc);
      group.debitCents += acc.debitCents;
      group.creditCents += acc.creditCents;
      group.balanceCents = group.debitCents - group.creditCents;
    }
    const sorted = [...groups.values()].sort(
      (a, b) => typeRank(a.type) - typeRank(b.type) || (a.type < b.type ? -1 : 1),
    );
    const debitCents = sorted.reduce((s, g) => s + g.debitCents, 0);
    const creditCents = sorted.reduce((s, g) => s + g.creditCents, 0);
    return {
      groups: sorted,
      debitCents,
      creditCents,
      balanced: debitCents === creditCents,
      entryCount: this.entryCount,
    };
  }
}

/** Totals per account, grouped by the account's top-level type; pure, so the figures are easy to check. */
export function computeBalances(entries: Iterable<Lines>): TrialBalance {
  const tally = new BalanceTally();
  for (const entry of entries) tally.add(entry);
  return tally.result();
}

/** Account balances of one period, or of all periods together (trial balance) when `period` is null. */
export async function accountBalances(period: string | null): Promise<TrialBalance> {
  const tally = new BalanceTally();
  const cursor = JournalEntry.find(period ? { period } : {})
    .select({ lines: 1 })
    .lean<Lines[]>()
    .cursor();
  for await (const entry of cursor) tally.add(entry as Lines);
  return tally.result();
}
