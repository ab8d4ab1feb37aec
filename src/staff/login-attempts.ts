import { createHash, randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/errors.ts';
import { expirySweeper } from '../web/rate-limit.ts';

/**
 * One document per sign-in attempt whose password was checked and found wrong (and the attempts in
 * flight): the record of failures. The limits themselves are held by slots (below).
 */
const attemptSchema = new mongoose.Schema(
  {
    /** SHA-256 of the e-mail as typed (lower-case), known account or not. */
    account: { type: String, required: true },
    address: { type: String, required: true },
    /** The known browser's device id, or null for an attempt from an unknown browser. */
    device: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
attemptSchema.index({ account: 1, at: 1 });
attemptSchema.index({ address: 1, at: 1 });
attemptSchema.index({ device: 1, at: 1 });
attemptSchema.index({ at: 1 });
export const LoginAttempt = mongoose.model('LoginAttempt', attemptSchema);

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

const sweep = expirySweeper((now) =>
  LoginAttempt.deleteMany({ at: { $lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } }),
);

export async function registerAttempt(attempt: {
  account: string;
  address: string;
  device: string | null;
  at: Date;
}): Promise<mongoose.Types.ObjectId> {
  await sweep(attempt.at);
  const doc = await LoginAttempt.create(attempt);
  return doc._id;
}

export async function forgetAttempt(id: mongoose.Types.ObjectId): Promise<void> {
  await LoginAttempt.deleteOne({ _id: id });
}

export type AttemptScope = { account: string } | { address: string } | { device: string } | 'all';

/**
 * A limit of N attempts per window is N numbered slots per scope, `_id` = `<scope>:<n>`. An attempt
 * goes ahead only after inserting one free slot in each of its scopes: the unique `_id` lets no more
 * than N attempts hold slots at once however many arrive together, where counting stored attempts
 * would let a burst either all pass or all refuse one another. A failed attempt keeps its slots until
 * the window ends; a refused or successful one gives them back.
 */
const slotSchema = new mongoose.Schema(
  {
    _id: { type: String },
    scope: { type: String, required: true },
    attempt: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'login_slots', versionKey: false },
);
slotSchema.index({ scope: 1, at: 1 });
slotSchema.index({ attempt: 1 });
slotSchema.index({ at: 1 });
export const LoginSlot = mongoose.model('LoginSlot', slotSchema);

const sweepSlots = expirySweeper((now) =>
  LoginSlot.deleteMany({ at: { $lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } }),
);

function scopeKey(scope: AttemptScope): string {
  if (scope === 'all') return 'all';
  if ('device' in scope) return `device:${scope.device}`;
  if ('account' in scope) return `account:${scope.account}`;
  return `address:${scope.address}`;
}

/** Tries a few times when another attempt takes the same free number first. */
const CLAIM_TRIES = 8;

/**
 * A free slot number picked at random, so attempts arriving together mostly try different slots
 * instead of all racing for the lowest one.
 */
function freeNumber(scope: string, limit: number, live: Set<string>): number {
  if (live.size * 2 < limit) {
    for (;;) {
      const n = randomInt(1, limit + 1);
      if (!live.has(`${scope}:${n}`)) return n;
    }
  }
  const free = Array.from({ length: limit }, (_, i) => i + 1).filter((n) => !live.has(`${scope}:${n}`));
  return free[randomInt(free.length)]!;
}

/** Inserts one free slot of the scope for the attempt; false when all `limit` slots are held. */
async function claimSlot(scope: string, limit: number, attempt: string, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (let i = 0; i < CLAIM_TRIES; i++) {
    const held = await LoginSlot.find({ scope }, { _id: 1, at: 1 }).lean();
    const live = new Set(held.filter((slot) => slot.at > windowStart).map((slot) => String(slot._id)));
    if (live.size >= limit) return false;
    const id = `${scope}:${freeNumber(scope, limit, live)}`;
    // A slot left by an attempt whose window ended is removed first, only if it is still that one.
    const stale = held.find((slot) => slot._id === id);
    if (stale) await LoginSlot.deleteOne({ _id: id, at: stale.at });
    try {
      await LoginSlot.create({ _id: id, scope, attempt, at: now });
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  return false;
}

/**
 * Claims a slot under each limit for one attempt, all or none: false (and nothing held) when any
 * scope is full.
 */
export async function claimSlots(
  limits: [AttemptScope, number][],
  attempt: string,
  now: Date,
): Promise<boolean> {
  await sweepSlots(now);
  for (const [scope, limit] of limits) {
    if (!(await claimSlot(scopeKey(scope), limit, attempt, now))) {
      await releaseSlots(attempt);
      return false;
    }
  }
  return true;
}

export async function releaseSlots(attempt: string): Promise<void> {
  await LoginSlot.deleteMany({ attempt });
}
