import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { expirySweeper } from '../web/rate-limit.ts';

/**
 * One document per sign-in attempt that has not succeeded: inserted before the password is checked,
 * deleted again when it turns out right or the attempt is refused, so what stays are the failures
 * (and the attempts in flight). Counting documents is exact under concurrency, unlike a counter
 * moved with `$inc` on FerretDB v1.
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
 * Attempts in the window before `now`: from unknown browsers for an account or an address, from one
 * known browser for a device, every attempt for 'all'.
 */
export async function countAttempts(scope: AttemptScope, now: Date): Promise<number> {
  const at = { $gt: new Date(now.getTime() - LOGIN_WINDOW_MS) };
  if (scope === 'all') return LoginAttempt.countDocuments({ at });
  if ('device' in scope) return LoginAttempt.countDocuments({ device: scope.device, at });
  return LoginAttempt.countDocuments({ ...scope, device: null, at });
}
