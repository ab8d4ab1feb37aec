import { AuditEntry, type AuditDoc } from './model.ts';

/** Who acts: the signed-in staff member (name is kept in the log as it was at the time). */
export interface Actor {
  id: string;
  role: string;
  name?: string;
}

export const AUDIT_ACTIONS = [
  'list',
  'view',
  'create',
  'update',
  'end',
  'ibanReveal',
  'paymentDetails',
  /** The participant opened their own page (the actor is the participant, role `participant`). */
  'selfView',
  /** An own-page link was issued or renewed, or switched off. */
  'link',
  'linkOff',
  /** A consent given or withdrawn was recorded. */
  'consent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actor: Actor;
  action: AuditAction;
  participantIds: string[];
  /** Names of the fields looked at or changed; never their values. */
  fields?: string[];
  /** A short, non-personal note, e.g. "stipends:2026-10" for an export. */
  context?: string;
}

/** Appends one audit record (the log is never edited). */
export async function recordAudit(input: AuditInput): Promise<void> {
  await AuditEntry.create({
    at: new Date(),
    actorId: input.actor.id,
    actorName: input.actor.name ?? '',
    actorRole: input.actor.role,
    action: input.action,
    participantIds: input.participantIds,
    fields: input.fields ?? [],
    context: input.context ?? '',
  });
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  participantId?: string;
  actorId?: string;
  page: number;
}

export async function listAudit(
  query: AuditQuery,
): Promise<{ items: AuditDoc[]; total: number; page: number; pages: number }> {
  const filter: Record<string, string> = {};
  if (query.participantId) filter.participantIds = query.participantId;
  if (query.actorId) filter.actorId = query.actorId;
  const total = await AuditEntry.countDocuments(filter);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const items = await AuditEntry.find(filter)
    .sort({ at: -1, _id: -1 })
    .skip((page - 1) * AUDIT_PAGE_SIZE)
    .limit(AUDIT_PAGE_SIZE)
    .lean<AuditDoc[]>();
  return { items, total, page, pages };
}

/** Staff who appear in the log, for the actor filter. */
export async function auditActors(): Promise<{ id: string; name: string; role: string }[]> {
  const ids = (await AuditEntry.distinct('actorId')) as string[];
  const actors = await Promise.all(
    ids.map(async (id) => {
      const last = await AuditEntry.findOne({ actorId: id }).sort({ at: -1 }).lean<AuditDoc>();
      return { id, name: last?.actorName ?? '', role: last?.actorRole ?? '' };
    }),
  );
  return actors.sort((a, b) => a.name.localeCompare(b.name));
}
