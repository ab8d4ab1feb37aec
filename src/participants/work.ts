import { isDuplicateKeyError } from '../db/errors.ts';
import { getProduct, noteMakersChanged } from '../catalog/service.ts';
import { DomainError } from '../lib/errors.ts';
import { entriesForExport } from '../ledger/queries.ts';
import { getJobSummary, listJobsForPeriod } from '../services/jobs.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { recordAudit, type Actor } from './audit.ts';
import { Attendance, Contribution, Participant, type ParticipantDoc, type TargetKind } from './model.ts';
import { parseHours } from './hours.ts';
import { noticeLateSave, refuseIfFinalised } from './late-save.ts';
import { activeInPeriodFilter, daysInPeriod } from './periods.ts';

/** A column of the grid: a good or a service job. */
export interface Target {
  kind: TargetKind;
  id: string;
  key: string;
  title: string;
  detail: string;
}

export const targetKey = (kind: TargetKind, id: string): string => `${kind}:${id}`;

/** Many fields failed at once: every one of them is shown on the form, nothing was stored. */
export class FieldsError extends DomainError {
  readonly errors: FieldErrors;

  constructor(errors: FieldErrors) {
    super(422, 'contributions.errors.form');
    this.errors = errors;
  }
}

export async function activeParticipants(period: string): Promise<ParticipantDoc[]> {
  return Participant.find(activeInPeriodFilter(period))
    .sort({ displayName: 1, _id: 1 })
    .lean<ParticipantDoc[]>();
}

export async function attendanceFor(period: string): Promise<Map<string, number>> {
  const rows = await Attendance.find({ period }).lean();
  return new Map(rows.map((r) => [r.participantId, r.days]));
}

/** Replaces one document by its unique key; a concurrent first insert of the same key is retried once. */
async function replaceByKey<T extends object>(
  model: { replaceOne: (f: object, d: object, o: object) => PromiseLike<unknown> },
  key: object,
  doc: T,
): Promise<void> {
  try {
    await model.replaceOne(key, { ...key, ...doc }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    await model.replaceOne(key, { ...key, ...doc }, { upsert: true });
  }
}

/**
 * Saves attendance days of the period (participant id → days; 0 removes the record). Every value is
 * checked first; one bad value refuses the whole form. Days are refused above the days of the month
 * but kept above its workdays: the attendance page warns, and the stipend counts at most the workdays.
 */
export async function saveAttendance(
  period: string,
  days: Map<string, string>,
  actor: Actor,
): Promise<number> {
  await refuseIfFinalised(period);
  const active = new Set((await activeParticipants(period)).map((p) => String(p._id)));
  const max = daysInPeriod(period);
  const errors: FieldErrors = {};
  const values = new Map<string, number>();
  for (const [id, raw] of days) {
    const field = `days_${id}`;
    const text = raw.trim();
    if (!active.has(id)) errors[field] = { key: 'attendance.errors.unknownParticipant', params: {} };
    else if (text !== '' && !/^\d{1,2}$/.test(text))
      errors[field] = { key: 'errors.wholeNumber', params: {} };
    else if (Number(text) > max) errors[field] = { key: 'attendance.errors.tooManyDays', params: { max } };
    else values.set(id, Number(text));
  }
  if (Object.keys(errors).length > 0) throw new FieldsError(errors);
  const before = await attendanceFor(period);
  const changed: string[] = [];
  for (const [participantId, value] of values) {
    if ((before.get(participantId) ?? 0) === value) continue;
    changed.push(participantId);
    if (value === 0) await Attendance.deleteOne({ period, participantId });
    else await replaceByKey(Attendance, { period, participantId }, { days: value });
  }
  if (changed.length > 0) {
    const context = `attendance:${period}`;
    await recordAudit({
      actor,
      action: 'update',
      participantIds: changed,
      fields: ['attendanceDays'],
      context,
    });
  }
  await noticeLateSave(period, 'attendance', actor, changed);
  return changed.length;
}

/** Contributions of a period as `participantId` → target key → weight. */
export async function contributionsFor(period: string): Promise<Map<string, Map<string, number>>> {
  const rows = await Contribution.find({ period }).lean();
  const grid = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const row = grid.get(r.participantId) ?? new Map<string, number>();
    row.set(targetKey(r.targetKind, r.targetId), r.weight);
    grid.set(r.participantId, row);
  }
  return grid;
}

function productTarget(p: Awaited<ReturnType<typeof getProduct>>): Target {
  const id = String(p._id);
  return { kind: 'product', id, key: targetKey('product', id), title: p.title?.lt ?? p.sku, detail: p.sku };
}

/** A known good (products of kind "good"), or null. */
export async function goodTarget(id: string): Promise<Target | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  const product = await getProduct(id).catch(() => null);
  return product && product.kind === 'good' ? productTarget(product) : null;
}

export async function jobTarget(id: string): Promise<Target | null> {
  const job = await getJobSummary(id);
  if (!job) return null;
  return {
    kind: 'job',
    id: job.id,
    key: targetKey('job', job.id),
    title: job.title,
    detail: [job.reference, job.company].filter(Boolean).join(' · '),
  };
}

/** Goods with income in the period (the ledger's `income:products` attribution). */
async function goodsSoldIn(period: string): Promise<string[]> {
  const entries = await entriesForExport({ period, account: 'income:products', kind: undefined, q: '' });
  const ids = new Set<string>();
  for (const e of entries) {
    for (const line of e.lines) {
      if (line.account === 'income:products' && line.attribution?.productId)
        ids.add(line.attribution.productId);
    }
  }
  return [...ids];
}

/**
 * The grid's columns for a period: goods sold in it, goods and jobs that already have contributions
 * in it, jobs of the period, and the goods the user added. Unknown ids are dropped.
 */
export async function gridTargets(period: string, extraGoods: string[]): Promise<Target[]> {
  const recorded = await Contribution.find({ period }, { targetKind: 1, targetId: 1 }).lean();
  const goodIds = new Set([
    ...(await goodsSoldIn(period)),
    ...recorded.filter((r) => r.targetKind === 'product').map((r) => r.targetId),
    ...extraGoods,
  ]);
  const jobs = await listJobsForPeriod(period);
  const jobIds = new Set(recorded.filter((r) => r.targetKind === 'job').map((r) => r.targetId));
  for (const j of jobs) jobIds.delete(j.id);
  const goods = (await Promise.all([...goodIds].map(goodTarget))).filter((t): t is Target => t !== null);
  const extraJobs = (await Promise.all([...jobIds].map(jobTarget))).filter((t): t is Target => t !== null);
  const listedJobs = (await Promise.all(jobs.map((j) => jobTarget(j.id)))).filter(
    (t): t is Target => t !== null,
  );
  goods.sort((a, b) => a.title.localeCompare(b.title, 'lt'));
  return [...goods, ...listedJobs, ...extraJobs];
}

export interface CellInput {
  field: string;
  participantId: string;
  kind: string;
  targetId: string;
  value: string;
}

/**
 * Saves grid cells, each typed as hours ("1,5" or "1.5"; blank or 0 removes a contribution) and stored
 * as a whole-number weight in hundredths of an hour (see `hours.ts`). Every cell is checked first —
 * hours (not negative, at most two decimals, at most 24 h × the days of the month), participant
 * active in the period, known good or job — and one bad cell refuses the whole grid. Cells are written one by one: two people saving the same cell at once both
 * succeed and the later write wins (FerretDB has no multi-document transactions).
 */
export async function saveContributions(period: string, cells: CellInput[], actor: Actor): Promise<number> {
  await refuseIfFinalised(period);
  const active = new Set((await activeParticipants(period)).map((p) => String(p._id)));
  const days = daysInPeriod(period);
  const targets = new Map<string, Target | null>();
  const errors: FieldErrors = {};
  const values: { participantId: string; kind: TargetKind; targetId: string; weight: number }[] = [];
  for (const cell of cells) {
    const text = cell.value.trim();
    const key = `${cell.kind}:${cell.targetId}`;
    if (!targets.has(key)) {
      const target =
        cell.kind === 'product'
          ? await goodTarget(cell.targetId)
          : cell.kind === 'job'
            ? await jobTarget(cell.targetId)
            : null;
      targets.set(key, target);
    }
    const target = targets.get(key);
    if (!active.has(cell.participantId)) {
      errors[cell.field] = { key: 'contributions.errors.unknownParticipant', params: {} };
    } else if (!target) {
      errors[cell.field] = { key: 'contributions.errors.unknownTarget', params: {} };
    } else {
      const hours = parseHours(text, days);
      if (!hours.ok) {
        errors[cell.field] = {
          key: hours.error.key,
          params: 'params' in hours.error ? hours.error.params : {},
        };
      } else {
        values.push({
          participantId: cell.participantId,
          kind: target.kind,
          targetId: target.id,
          weight: hours.weight,
        });
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new FieldsError(errors);
  const before = await contributionsFor(period);
  const changed = new Set<string>();
  const goods = new Set<string>();
  for (const v of values) {
    if ((before.get(v.participantId)?.get(targetKey(v.kind, v.targetId)) ?? 0) === v.weight) continue;
    changed.add(v.participantId);
    if (v.kind === 'product') goods.add(v.targetId);
    const key = { period, participantId: v.participantId, targetKind: v.kind, targetId: v.targetId };
    if (v.weight === 0) await Contribution.deleteOne(key);
    else await replaceByKey(Contribution, key, { weight: v.weight });
  }
  if (changed.size > 0) {
    const context = `contributions:${period}`;
    await recordAudit({
      actor,
      action: 'update',
      participantIds: [...changed],
      fields: ['contributions'],
      context,
    });
  }
  // The goods' public pages name their consenting makers (from each instance's memory).
  await noteMakersChanged([...goods]);
  await noticeLateSave(period, 'contributions', actor, [...changed]);
  return changed.size;
}
