/**
 * What other modules read from the participants module (stipends, catalogue). Ids are the
 * participants' ObjectId hex strings, as in the ledger accounts `liabilities:stipends:<id>`.
 */
import mongoose from 'mongoose';
import { ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { recordAudit, type Actor } from './audit.ts';
import { open } from './crypto.ts';
import { Attendance, Contribution, Participant, type ParticipantDoc, type TargetKind } from './model.ts';
import { activeInPeriodFilter, isPeriod } from './periods.ts';
import { registerFilter } from './register.ts';

/** A stored contribution weight (hundredths of an hour) as the hours people typed: 150 → "1,5". */
export { formatHours } from './hours.ts';
export { registerReport, type RegisterReport, type ReportMonth, type ReportPerson } from './report.ts';
export { recordAudit, type Actor, type AuditAction, type AuditInput } from './audit.ts';

export interface PeriodParticipant {
  id: string;
  displayName: string;
  code: string;
  attendanceDays: number;
}

export interface PeriodContribution {
  participantId: string;
  target: { kind: TargetKind; id: string };
  weight: number;
}

function checkPeriod(period: string): void {
  if (!isPeriod(period)) throw new RangeError(`not a period (YYYY-MM): ${period}`);
}

/**
 * The inputs of a stipend period: participants whose participation overlaps the Vilnius month, plus
 * anyone with attendance or contributions recorded in it (so every contribution names a listed
 * participant even if dates were edited later), sorted by id; attendance 0 where none was recorded.
 * Contributions: one entry per (participant, target) — the store keeps one weight per pair and
 * period, so nothing is listed twice. Zero weights are not stored.
 */
export async function periodInputs(
  period: string,
): Promise<{ participants: PeriodParticipant[]; contributions: PeriodContribution[] }> {
  checkPeriod(period);
  const [attendance, contributions] = await Promise.all([
    Attendance.find({ period }).lean(),
    Contribution.find({ period }).sort({ participantId: 1, targetKind: 1, targetId: 1 }).lean(),
  ]);
  const recordedIds = new Set([...attendance, ...contributions].map((r) => r.participantId));
  const extraIds = [...recordedIds].filter((id) => mongoose.isValidObjectId(id));
  const people = await Participant.find({
    $or: [activeInPeriodFilter(period), { _id: { $in: extraIds } }],
  }).lean<ParticipantDoc[]>();
  const days = new Map(attendance.map((a) => [a.participantId, a.days]));
  const participants = people
    .map((p) => ({
      id: String(p._id),
      displayName: p.displayName,
      code: p.code,
      attendanceDays: days.get(String(p._id)) ?? 0,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    participants,
    contributions: contributions
      .filter((c) => c.weight > 0)
      .map((c) => ({
        participantId: c.participantId,
        target: { kind: c.targetKind, id: c.targetId },
        weight: c.weight,
      })),
  };
}

/** Every contribution recorded against a service job, in all periods. */
export async function contributionsForJob(
  jobId: string,
): Promise<{ participantId: string; weight: number; period: string }[]> {
  const rows = await Contribution.find({ targetKind: 'job', targetId: jobId, weight: { $gt: 0 } })
    .sort({ period: 1, participantId: 1 })
    .lean();
  return rows.map((r) => ({ participantId: r.participantId, weight: r.weight, period: r.period }));
}

async function participantsByIds(ids: string[]): Promise<Map<string, ParticipantDoc>> {
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  const docs = await Participant.find({ _id: { $in: valid } }).lean<ParticipantDoc[]>();
  return new Map(docs.map((d) => [String(d._id), d]));
}

/**
 * Names and codes for statements, in the order asked; unknown ids are left out. No bank details.
 */
export async function getParticipantNames(
  ids: string[],
): Promise<{ id: string; displayName: string; code: string }[]> {
  const found = await participantsByIds(ids);
  return ids.flatMap((id) => {
    const p = found.get(id);
    return p ? [{ id, displayName: p.displayName, code: p.code }] : [];
  });
}

/**
 * Decrypted bank accounts for a payment file (admin only), in the order asked; `iban` is null for
 * someone without one. Writes one audit record naming everyone whose account was read. An unknown
 * id is a NotFoundError (a payment file must not silently skip a person).
 */
export async function paymentDetails(
  ids: string[],
  actor: Actor,
  context = '',
): Promise<{ id: string; displayName: string; code: string; iban: string | null }[]> {
  if (actor.role !== 'admin') throw new ForbiddenError();
  const found = await participantsByIds(ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new NotFoundError();
  const result = ids.map((id) => {
    const p = found.get(id)!;
    return { id, displayName: p.displayName, code: p.code, iban: p.iban ? open(p.iban, id) : null };
  });
  await recordAudit({ actor, action: 'paymentDetails', participantIds: ids, fields: ['iban'], context });
  return result;
}

/**
 * Public names of the people who worked on a product (any period) and consented to be named with
 * it; sorted, without duplicates. Nothing else about them leaves this module for public pages.
 */
export async function consentedMakers(productId: string): Promise<string[]> {
  return (await makersByProduct([productId])).get(productId) ?? [];
}

/**
 * The public names (as `consentedMakers`) of the goods named, or of every good with any recorded
 * work when `productIds` is left out: goods with no consenting maker are left out of the map. The
 * public catalogue keeps these in memory (built once, then patched per change-log entry).
 */
export async function makersByProduct(productIds?: string[]): Promise<Map<string, string[]>> {
  const filter: Record<string, unknown> = { targetKind: 'product', weight: { $gt: 0 } };
  if (productIds) {
    if (productIds.length === 0) return new Map();
    filter.targetId = productIds.length === 1 ? productIds[0] : { $in: productIds };
  }
  const rows = await Contribution.find(filter, { participantId: 1, targetId: 1 }).lean();
  if (rows.length === 0) return new Map();
  const people = await participantsByIds([...new Set(rows.map((r) => r.participantId))]);
  const byProduct = new Map<string, Set<string>>();
  for (const r of rows) {
    const p = people.get(r.participantId);
    const name = p?.consentToName ? p.publicName.trim() : '';
    if (name === '') continue;
    const names = byProduct.get(r.targetId) ?? new Set<string>();
    names.add(name);
    byProduct.set(r.targetId, names);
  }
  return new Map(
    [...byProduct].map(([id, names]) => [id, [...names].sort((a, b) => a.localeCompare(b, 'lt'))]),
  );
}

// ---- Dashboard queues: the same filters as the register and the attendance page ----

/** Current participants without a bank account: the register filtered by `?iban=missing`. */
export async function countWithoutIban(today: string): Promise<number> {
  return Participant.countDocuments(registerFilter({ q: '', status: 'active', today, ibanMissing: true }));
}

/**
 * The participants active in the period with no attendance recorded for it: the rows of the
 * attendance page with `?missing=1`.
 */
export async function withoutAttendance<T extends { _id: unknown }>(
  period: string,
  people: T[],
): Promise<T[]> {
  checkPeriod(period);
  const recorded = new Set(
    (await Attendance.find({ period }, { participantId: 1 }).lean()).map((a) => a.participantId),
  );
  return people.filter((p) => !recorded.has(String(p._id)));
}

export async function countWithoutAttendance(period: string): Promise<number> {
  return (
    await withoutAttendance(period, await Participant.find(activeInPeriodFilter(period), { _id: 1 }).lean())
  ).length;
}

// ---- The stipend draft's checks ----

/**
 * Which of these participants have no bank account, by name and code (administrators only). Only
 * whether the encrypted field is set is read: nothing is decrypted. One audit record names everyone
 * checked, as a look at their `iban` field.
 */
export async function withoutIban(
  ids: string[],
  actor: Actor,
  context = '',
): Promise<{ id: string; displayName: string; code: string }[]> {
  if (actor.role !== 'admin') throw new ForbiddenError();
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  if (valid.length === 0) return [];
  const missing = await Participant.find({ _id: { $in: valid }, iban: null }, { displayName: 1, code: 1 })
    .sort({ displayName: 1, _id: 1 })
    .lean<Pick<ParticipantDoc, '_id' | 'displayName' | 'code'>[]>();
  await recordAudit({ actor, action: 'list', participantIds: valid, fields: ['iban'], context });
  return missing.map((p) => ({ id: String(p._id), displayName: p.displayName, code: p.code }));
}

/** The participants active in the period with no attendance recorded for it, by name. */
export async function periodWithoutAttendance(
  period: string,
): Promise<{ id: string; displayName: string; code: string }[]> {
  const people = await Participant.find(activeInPeriodFilter(period), { displayName: 1, code: 1 })
    .sort({ displayName: 1, _id: 1 })
    .lean<Pick<ParticipantDoc, '_id' | 'displayName' | 'code'>[]>();
  return (await withoutAttendance(period, people)).map((p) => ({
    id: String(p._id),
    displayName: p.displayName,
    code: p.code,
  }));
}
