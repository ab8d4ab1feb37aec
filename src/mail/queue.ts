import mongoose from 'mongoose';
import { claimOnce } from '../db/once.ts';
import {
  OutboxAttempt,
  OutboxMessage,
  PENDING_STATUSES,
  type OutboxDoc,
  type OutboxStatus,
} from './model.ts';

/** Attempts per message; after the last failed one it stays `failed`. */
export const MAX_ATTEMPTS = 6;
/** The wait after the first failed attempt; it doubles after each further one (1, 2, 4, 8, 16 minutes). */
export const RETRY_BASE_MS = 60_000;
/**
 * An attempt claimed this long ago that recorded no outcome was cut off (the process died while
 * sending). Far beyond the SMTP timeouts, so an attempt still running is never taken for one.
 */
export const ATTEMPT_STALE_MS = 15 * 60_000;

export const INTERRUPTED_ERROR = 'interrupted: the attempt did not finish (the app stopped while sending)';

/** How long to wait after failed attempt `attempt` (1-based) before the next. */
export function retryDelayMs(attempt: number): number {
  return RETRY_BASE_MS * 2 ** (attempt - 1);
}

export interface QueuedMessage {
  /** Once-only key of the event, e.g. `order.received:<order id>`; none: every call queues a message. */
  key?: string;
  to: string;
  from: string;
  sender?: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  kind: string;
  lang: 'lt' | 'en';
  reference: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * Stores a message as `queued`, due at once. The unique key is the once-only decision: a message
 * whose key is already in the outbox is not stored again (`queued: false`, the existing id).
 */
export async function enqueue(
  message: QueuedMessage,
  now = new Date(),
): Promise<{ id: mongoose.Types.ObjectId; queued: boolean }> {
  const _id = new mongoose.Types.ObjectId();
  const key = message.key ?? `${message.kind}:${message.reference}:${String(_id)}`;
  const queued = await claimOnce(OutboxMessage, {
    ...message,
    _id,
    key,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  if (queued) return { id: _id, queued: true };
  const existing = await OutboxMessage.findOne({ key }, { _id: 1 }).lean();
  if (!existing) throw new Error(`outbox: the key ${key} clashed but no message holds it`);
  return { id: existing._id, queued: false };
}

/** Which of `references` already have a message of `kind` (queued or not, keyed or from before keys). */
export async function referencesWithMessage(kind: string, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const found = await OutboxMessage.find({ kind, reference: { $in: references } }, { reference: 1 }).lean();
  return new Set(found.map((m) => m.reference));
}

/** Hands one message to the transport; resolves with its message id, throws when it was not taken. */
export type Deliver = (message: OutboxDoc) => Promise<string>;

export interface Delivery {
  deliver: Deliver;
  /** Whether a delivery reaches the world (SMTP): then a cut-off attempt is never repeated. */
  smtp: boolean;
  errorText(err: unknown): string;
}

export type AttemptOutcome = Extract<OutboxStatus, 'sent' | 'stored' | 'retrying' | 'failed'> | 'skipped';

function insertClaim(id: string, messageId: mongoose.Types.ObjectId, attempt: number): Promise<boolean> {
  return claimOnce(OutboxAttempt, { _id: id, messageId, attempt, at: new Date() });
}

function failedAttempt(attempt: number, error: string, now: Date, retry = true) {
  const last = !retry || attempt >= MAX_ATTEMPTS;
  return {
    attempts: attempt,
    status: last ? 'failed' : 'retrying',
    nextAttemptAt: last ? null : new Date(now.getTime() + retryDelayMs(attempt)),
    error,
  } as const;
}

/**
 * Attempt `attempt` was claimed but is not recorded. Once it is over `ATTEMPT_STALE_MS` old its
 * sender died: it counts as a failed attempt. Over SMTP the message may have gone out before the
 * crash, so it is marked `failed` and never sent again (each e-mail at most once); without SMTP
 * nothing left the app and it is tried again.
 */
async function settleInterrupted(
  message: OutboxDoc,
  attempt: number,
  delivery: Delivery,
  now: Date,
): Promise<void> {
  const claimId = `${String(message._id)}:attempt:${attempt}`;
  const claim = await OutboxAttempt.findById(claimId).lean();
  if (!claim || claim.at.getTime() > now.getTime() - ATTEMPT_STALE_MS) return;
  if (!(await insertClaim(`${claimId}:interrupted`, message._id, attempt))) return;
  const current = await OutboxMessage.findById(message._id, { status: 1, attempts: 1 }).lean();
  if (!current || current.attempts !== attempt - 1) return;
  if (!(PENDING_STATUSES as readonly string[]).includes(current.status)) return;
  await OutboxMessage.updateOne(
    { _id: message._id },
    { $set: failedAttempt(attempt, INTERRUPTED_ERROR, now, !delivery.smtp) },
  );
}

/**
 * Makes the next attempt at a queued or retrying message that is due. The attempt is claimed by
 * inserting `<id>:attempt:<n>`; only the inserter sends and records the outcome, so a message is
 * never handed to the transport twice for one attempt, whoever else tries at the same moment.
 */
export async function attemptDelivery(
  id: mongoose.Types.ObjectId,
  delivery: Delivery,
  now = new Date(),
): Promise<AttemptOutcome> {
  const message = await OutboxMessage.findById(id).lean<OutboxDoc>();
  if (!message || !(PENDING_STATUSES as readonly string[]).includes(message.status)) return 'skipped';
  if (message.nextAttemptAt && message.nextAttemptAt.getTime() > now.getTime()) return 'skipped';
  const attempt = (message.attempts ?? 0) + 1;
  if (!(await insertClaim(`${String(id)}:attempt:${attempt}`, id, attempt))) {
    await settleInterrupted(message, attempt, delivery, now);
    return 'skipped';
  }
  let outcome: { status: Exclude<AttemptOutcome, 'skipped'> } & Record<string, unknown>;
  try {
    const messageId = await delivery.deliver(message);
    const done = { attempts: attempt, nextAttemptAt: null, error: '', messageId };
    outcome = delivery.smtp ? { ...done, status: 'sent', sentAt: new Date() } : { ...done, status: 'stored' };
  } catch (err) {
    outcome = failedAttempt(attempt, delivery.errorText(err), now);
  }
  await OutboxMessage.updateOne({ _id: id }, { $set: outcome });
  return outcome.status;
}

export interface DeliveryCounts {
  sent: number;
  stored: number;
  retrying: number;
  failed: number;
}

/** Attempts every message due by `now`, oldest due first, at most `limit` in a run. */
export async function deliverDue(delivery: Delivery, now = new Date(), limit = 200): Promise<DeliveryCounts> {
  const due = await OutboxMessage.find(
    { status: { $in: PENDING_STATUSES }, nextAttemptAt: { $lte: now } },
    { _id: 1 },
  )
    .sort({ nextAttemptAt: 1, _id: 1 })
    .limit(limit)
    .lean();
  const counts: DeliveryCounts = { sent: 0, stored: 0, retrying: 0, failed: 0 };
  for (const { _id } of due) {
    const outcome = await attemptDelivery(_id, delivery, now);
    if (outcome !== 'skipped') counts[outcome] += 1;
  }
  return counts;
}
