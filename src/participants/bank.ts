/**
 * Bank accounts of many participants on one page (administrators only): the rows shown, audited as a
 * look at the people on them, and a save that checks every row before it stores any.
 */
import mongoose from 'mongoose';
import { DomainError, ForbiddenError } from '../lib/errors.ts';
import { normalizeIban } from '../lib/iban.ts';
import { recordAudit, type Actor } from './audit.ts';
import { isStale, open, seal } from './crypto.ts';
import { Participant, type ParticipantDoc } from './model.ts';
import { isAdmin, maskIban, registerFilter } from './register.ts';

export interface BankRow {
  id: string;
  displayName: string;
  code: string;
  endDate: string | null;
  /** "LT•• •••• 1234", or null without an account; the whole number is never shown here. */
  ibanMasked: string | null;
}

/** Which rows the page lists: the people named (the stipend draft's link), else current participants. */
export interface BankFilter {
  ids: string[];
  /** Only those without an account, or every current participant. */
  missing: boolean;
  /** Today in Vilnius: who is still taking part. */
  today: string;
}

export type IbanProblem = 'format' | 'length' | 'checksum';

/** Why a typed account number is refused, or null when it is a valid IBAN. */
export function ibanProblem(input: string): IbanProblem | null {
  if (normalizeIban(input) !== null) return null;
  const iban = input.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return 'format';
  if (iban.startsWith('LT') && iban.length !== 20) return 'length';
  return 'checksum';
}

function refuseUnlessAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError();
}

function validIds(ids: string[]): string[] {
  return ids.filter((id) => mongoose.isValidObjectId(id));
}

function rowOf(p: ParticipantDoc): BankRow {
  const iban = p.iban ? open(p.iban, String(p._id)) : null;
  return {
    id: String(p._id),
    displayName: p.displayName,
    code: p.code,
    endDate: p.endDate ?? null,
    ibanMasked: iban ? maskIban(iban) : null,
  };
}

/**
 * The rows of the page, by name (or in the order named), with one audit record naming everyone
 * shown: their names, codes and (masked) accounts were looked at.
 */
export async function bankRows(filter: BankFilter, actor: Actor, order: 'name' | 'asked' = 'name') {
  refuseUnlessAdmin(actor);
  const query =
    filter.ids.length > 0
      ? { _id: { $in: validIds(filter.ids) } }
      : registerFilter({ q: '', status: 'active', today: filter.today, ibanMissing: filter.missing });
  const docs = await Participant.find(query).sort({ displayName: 1, _id: 1 }).lean<ParticipantDoc[]>();
  if (order === 'asked') {
    const at = new Map(filter.ids.map((id, i) => [id, i]));
    docs.sort((a, b) => (at.get(String(a._id)) ?? 0) - (at.get(String(b._id)) ?? 0));
  }
  if (docs.length > 0) {
    await recordAudit({
      actor,
      action: 'list',
      participantIds: docs.map((d) => String(d._id)),
      fields: ['displayName', 'code', 'iban'],
      context: 'bank-accounts',
    });
  }
  return docs.map(rowOf);
}

/** Rows that could not be saved, by participant id: nothing was stored. */
export class BankRowsError extends DomainError {
  readonly rows: Map<string, IbanProblem | 'unknown'>;

  constructor(rows: Map<string, IbanProblem | 'unknown'>) {
    super(422, 'bank.errors.summary', { count: rows.size });
    this.rows = rows;
  }
}

/**
 * Saves the accounts typed on the page: `entries` maps a participant id to what was typed there; a
 * blank row leaves that person's account as it is. Every row is checked before anything is stored,
 * so one wrong row stores nothing. Each account that changes gets its own `update` audit record
 * naming the field (never the value). Returns the ids whose account changed.
 */
export async function saveBankAccounts(entries: Map<string, string>, actor: Actor): Promise<string[]> {
  refuseUnlessAdmin(actor);
  const typed = [...entries].filter(([, value]) => value.trim() !== '');
  const docs = await Participant.find({ _id: { $in: validIds(typed.map(([id]) => id)) } }).lean<
    ParticipantDoc[]
  >();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const problems = new Map<string, IbanProblem | 'unknown'>();
  const next = new Map<string, string>();
  for (const [id, value] of typed) {
    const problem = byId.has(id) ? ibanProblem(value) : 'unknown';
    if (problem) problems.set(id, problem);
    else next.set(id, normalizeIban(value)!);
  }
  if (problems.size > 0) throw new BankRowsError(problems);

  const changed: string[] = [];
  for (const [id, iban] of next) {
    const before = byId.get(id)!;
    const current = before.iban ? open(before.iban, id) : null;
    if (current === iban) {
      // The same account under an old key is sealed again with the current one; nothing changed.
      if (isStale(before.iban!))
        await Participant.updateOne({ _id: before._id }, { $set: { iban: seal(iban, id) } });
      continue;
    }
    await Participant.updateOne({ _id: before._id }, { $set: { iban: seal(iban, id) } });
    await recordAudit({
      actor,
      action: 'update',
      participantIds: [id],
      fields: ['iban'],
      context: 'bank-accounts',
    });
    changed.push(id);
  }
  return changed;
}
