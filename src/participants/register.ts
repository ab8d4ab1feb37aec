import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/errors.ts';
import { FieldError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { formatIban, normalizeIban } from '../lib/iban.ts';
import { escapeRegExp, foldText, searchTerms } from '../lib/text.ts';
import { recordAudit, type Actor } from './audit.ts';
import { noteNameConsentChanged } from './consent.ts';
import { isStale, open, seal } from './crypto.ts';
import { Contribution, Participant, type ParticipantDoc } from './model.ts';
import { noteMakersChanged } from '../catalog/service.ts';

export const PARTICIPANTS_PAGE_SIZE = 50;

export interface ParticipantInput {
  displayName: string;
  code: string;
  startDate: string;
  endDate: string | null;
  consentToName: boolean;
  publicName: string;
  /** Admin only. Absent: unchanged; null: removed; text: a new account (checked by checksum). */
  iban?: string | null;
  /** Admin only. Absent: unchanged; '' removes them. */
  notes?: string;
}

/** What a page may show: the IBAN and notes only for administrators. */
export interface ParticipantView {
  id: string;
  displayName: string;
  code: string;
  startDate: string;
  endDate: string | null;
  consentToName: boolean;
  publicName: string;
  hasIban: boolean;
  ibanMasked: string | null;
  iban: string | null;
  notes: string | null;
}

const BASE_FIELDS = ['displayName', 'code', 'startDate', 'endDate', 'consentToName', 'publicName'] as const;

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

export function maskIban(iban: string): string {
  return `${iban.slice(0, 2)}•• •••• ${iban.slice(-4)}`;
}

function decrypt(p: ParticipantDoc, field: 'iban' | 'notes'): string | null {
  const sealed = p[field];
  return sealed ? open(sealed, String(p._id)) : null;
}

/** The participant as `actor` may see it; `reveal` shows the whole IBAN (admins only). */
export function present(
  p: ParticipantDoc,
  actor: Actor,
  show: { reveal?: boolean; notes?: boolean } = {},
): ParticipantView {
  const admin = isAdmin(actor);
  const iban = admin ? decrypt(p, 'iban') : null;
  return {
    id: String(p._id),
    displayName: p.displayName,
    code: p.code,
    startDate: p.startDate,
    endDate: p.endDate ?? null,
    consentToName: p.consentToName,
    publicName: p.publicName,
    hasIban: admin && iban !== null,
    ibanMasked: iban ? maskIban(iban) : null,
    iban: iban && show.reveal ? formatIban(iban) : null,
    notes: admin && show.notes ? decrypt(p, 'notes') : null,
  };
}

function checkInput(input: ParticipantInput, actor: Actor): string | null | undefined {
  if (!isAdmin(actor) && (input.iban !== undefined || input.notes !== undefined)) throw new ForbiddenError();
  if (input.endDate !== null && input.endDate < input.startDate) {
    throw new FieldError('endDate', 'participant.errors.endBeforeStart');
  }
  if (input.consentToName && input.publicName === '') {
    throw new FieldError('publicName', 'participant.errors.publicNameRequired');
  }
  if (input.iban === undefined || input.iban === null) return input.iban;
  const iban = normalizeIban(input.iban);
  if (!iban) throw new FieldError('iban', 'participant.errors.iban');
  return iban;
}

function searchText(input: Pick<ParticipantInput, 'displayName' | 'code' | 'publicName'>): string {
  return foldText([input.displayName, input.code, input.publicName].join(' '));
}

function baseFields(input: ParticipantInput) {
  return {
    displayName: input.displayName,
    code: input.code,
    codeKey: foldText(input.code),
    startDate: input.startDate,
    endDate: input.endDate,
    consentToName: input.consentToName,
    publicName: input.publicName,
    searchText: searchText(input),
  };
}

const codeTaken = () => new FieldError('code', 'participant.errors.codeTaken');

/** The unique index decides when two people save the same code at once; the check before is for the message. */
function duplicateCode(err: unknown): never {
  throw isDuplicateKeyError(err) ? codeTaken() : err;
}

export async function createParticipant(input: ParticipantInput, actor: Actor): Promise<string> {
  const iban = checkInput(input, actor);
  const _id = new mongoose.Types.ObjectId();
  const id = String(_id);
  if (await Participant.exists({ codeKey: foldText(input.code) })) throw codeTaken();
  try {
    await Participant.create({
      _id,
      ...baseFields(input),
      iban: iban ? seal(iban, id) : null,
      notes: input.notes ? seal(input.notes, id) : null,
    });
  } catch (err) {
    duplicateCode(err);
  }
  const fields = [...BASE_FIELDS, ...(iban ? ['iban'] : []), ...(input.notes ? ['notes'] : [])];
  await recordAudit({ actor, action: 'create', participantIds: [id], fields });
  return id;
}

async function load(id: string): Promise<ParticipantDoc> {
  if (!mongoose.isValidObjectId(id)) throw new NotFoundError();
  const p = await Participant.findById(id).lean<ParticipantDoc>();
  if (!p) throw new NotFoundError();
  return p;
}

/** One participant for a page, with an audit record of what was shown. */
export async function viewParticipant(id: string, actor: Actor, reveal = false): Promise<ParticipantView> {
  if (reveal && !isAdmin(actor)) throw new ForbiddenError();
  const p = await load(id);
  const view = present(p, actor, { reveal, notes: true });
  const fields = [...BASE_FIELDS, ...(isAdmin(actor) ? ['iban', 'notes'] : [])];
  await recordAudit({ actor, action: reveal ? 'ibanReveal' : 'view', participantIds: [id], fields });
  return view;
}

export async function updateParticipant(
  id: string,
  input: ParticipantInput,
  actor: Actor,
): Promise<string[]> {
  const iban = checkInput(input, actor);
  const before = await load(id);
  const next = baseFields(input);
  const changed: string[] = BASE_FIELDS.filter((f) => (before[f] ?? null) !== (next[f] ?? null));
  const set: Record<string, unknown> = { ...next };
  if (iban !== undefined && iban !== decrypt(before, 'iban')) {
    set.iban = iban === null ? null : seal(iban, id);
    changed.push('iban');
  }
  if (input.notes !== undefined && (input.notes || null) !== decrypt(before, 'notes')) {
    set.notes = input.notes ? seal(input.notes, id) : null;
    changed.push('notes');
  }
  if (changed.length === 0) return changed;
  for (const field of ['iban', 'notes'] as const) {
    const sealed = before[field];
    if (!(field in set) && sealed && isStale(sealed)) set[field] = seal(open(sealed, id), id);
  }
  if (
    changed.includes('code') &&
    (await Participant.exists({ codeKey: next.codeKey, _id: { $ne: before._id } }))
  ) {
    throw codeTaken();
  }
  try {
    await Participant.updateOne({ _id: before._id }, { $set: set });
  } catch (err) {
    duplicateCode(err);
  }
  if (changed.includes('consentToName')) await noteNameConsentChanged(id, next.consentToName, actor);
  await recordAudit({ actor, action: 'update', participantIds: [id], fields: changed });
  if (changed.includes('consentToName') || changed.includes('publicName')) {
    // A withdrawn consent or a new public name leaves (or changes on) the public pages within a second.
    await noteMakersChanged(await goodsWorkedOnBy(id));
  }
  return changed;
}

/** The goods (ids) a participant has work recorded on, in any period. */
export async function goodsWorkedOnBy(participantId: string): Promise<string[]> {
  return (await Contribution.distinct('targetId', {
    targetKind: 'product',
    participantId,
    weight: { $gt: 0 },
  })) as string[];
}

/** Ends participation on a date (not before it started). */
export async function endParticipation(id: string, endDate: string, actor: Actor): Promise<void> {
  const p = await load(id);
  if (endDate < p.startDate) throw new FieldError('endDate', 'participant.errors.endBeforeStart');
  await Participant.updateOne({ _id: p._id }, { $set: { endDate } });
  await recordAudit({ actor, action: 'end', participantIds: [id], fields: ['endDate'] });
}

export type ParticipantStatus = 'active' | 'ended' | 'all';

export interface ParticipantListQuery {
  q: string;
  status: ParticipantStatus;
  page: number;
  /** Today in Vilnius ("2026-10-31"): who has ended by then. */
  today: string;
  /** Only those without a bank account (administrators' filter). */
  ibanMissing?: boolean;
}

/** The register's filter: search words, status and, for administrators, a missing bank account. */
export function registerFilter(query: Omit<ParticipantListQuery, 'page'>): Record<string, unknown> {
  const and: Record<string, unknown>[] = searchTerms(query.q).map((t) => ({
    searchText: { $regex: escapeRegExp(t) },
  }));
  if (query.status === 'active') and.push({ $or: [{ endDate: null }, { endDate: { $gte: query.today } }] });
  if (query.status === 'ended') and.push({ endDate: { $lt: query.today } });
  if (query.ibanMissing) and.push({ iban: null });
  return and.length ? { $and: and } : {};
}

/** A page of the register, audited as a list view of the people on it. */
export async function listParticipants(
  query: ParticipantListQuery,
  actor: Actor,
): Promise<{ items: ParticipantView[]; total: number; page: number; pages: number }> {
  const filter = registerFilter({ ...query, ibanMissing: Boolean(query.ibanMissing) && isAdmin(actor) });
  const total = await Participant.countDocuments(filter);
  const pages = Math.max(1, Math.ceil(total / PARTICIPANTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const docs = await Participant.find(filter)
    .sort({ displayName: 1, _id: 1 })
    .skip((page - 1) * PARTICIPANTS_PAGE_SIZE)
    .limit(PARTICIPANTS_PAGE_SIZE)
    .lean<ParticipantDoc[]>();
  if (docs.length > 0) {
    await recordAudit({
      actor,
      action: 'list',
      participantIds: docs.map((d) => String(d._id)),
      fields: [
        'displayName',
        'code',
        'startDate',
        'endDate',
        'publicName',
        ...(isAdmin(actor) ? ['iban'] : []),
      ],
    });
  }
  return { items: docs.map((d) => present(d, actor)), total, page, pages };
}

/** Everyone in the register as "name (code)", for filters. */
export async function participantChoices(): Promise<{ id: string; label: string }[]> {
  const people = await Participant.find({}, { displayName: 1, code: 1 })
    .sort({ displayName: 1, _id: 1 })
    .lean<Pick<ParticipantDoc, '_id' | 'displayName' | 'code'>[]>();
  return people.map((p) => ({ id: String(p._id), label: `${p.displayName} (${p.code})` }));
}
