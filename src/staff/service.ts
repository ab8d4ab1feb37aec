import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../db/errors.ts';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../lib/password.ts';
import { knownDevice, rememberDevice } from './device-cookie.ts';
import {
  accountKey,
  claimSlots,
  forgetAttempt,
  registerAttempt,
  releaseSlots,
  type AttemptScope,
} from './login-attempts.ts';
import { StaffUser, type Role, type StaffUserDoc } from './model.ts';

export type { Role, StaffUserDoc };
export { getStaff, recordStaffAction, staffHistory, updateStaff, type StaffChange } from './edit.ts';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
}

function toSessionUser(u: StaffUserDoc): SessionUser {
  return {
    id: String(u._id),
    name: u.name,
    email: u.email,
    role: u.role,
    mustChangePassword: u.mustChangePassword,
  };
}

/** Checks an e-mail and password; unknown e-mails cost the same hashing work as known ones. */
export async function authenticate(email: string, password: string): Promise<SessionUser | null> {
  const user = await StaffUser.findOne({ email: email.trim().toLowerCase() }).lean<StaffUserDoc>();
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabledAt) return null;
  await StaffUser.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  return toSessionUser(user);
}

/** Failed sign-ins allowed per 15 minutes. */
export interface LoginLimits {
  /** From unknown browsers at one address (an office behind one NAT address shares it). */
  perAddress: number;
  /** From unknown browsers for one e-mail, from any address; also from each known browser. */
  perAccount: number;
  /** From unknown browsers across the app (every failure counts towards it). */
  global: number;
}

export type SignInResult =
  | { outcome: 'signed-in'; user: SessionUser; deviceCookie: string }
  | { outcome: 'failed' }
  | { outcome: 'limited' };

/**
 * A sign-in attempt under the limits. A browser where this account signed in before (its device
 * cookie) is limited by its own failures only, so neither an attacker at the same address nor one
 * locking the account keeps the owner out. Any other browser is refused past the account's, the
 * address's or the global limit. Unknown e-mails are counted and refused like known ones.
 *
 * Before the password is checked the attempt takes one of the limit's numbered slots in each scope
 * (login-attempts.ts), so a burst of simultaneous attempts gets exactly as many checks as the limit
 * leaves; the slots are given back when the password is right, and a failure keeps them (and its
 * record) until the window ends.
 */
export async function signIn(
  input: { email: string; password: string; address: string; deviceCookie: string | undefined },
  opts: { limits: LoginLimits; secret: string; now?: Date },
): Promise<SignInResult> {
  const now = opts.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const account = accountKey(email);
  const device = knownDevice(input.deviceCookie, email, opts.secret, now);
  const checks: [AttemptScope, number][] = device
    ? [[{ device }, opts.limits.perAccount]]
    : [
        [{ account }, opts.limits.perAccount],
        [{ address: input.address }, opts.limits.perAddress],
        ['all', opts.limits.global],
      ];
  const claim = randomUUID();
  if (!(await claimSlots(checks, claim, now))) return { outcome: 'limited' };
  const id = await registerAttempt({ account, address: input.address, device, at: now });
  const user = await authenticate(email, input.password);
  if (!user) return { outcome: 'failed' };
  await Promise.all([forgetAttempt(id), releaseSlots(claim)]);
  return {
    outcome: 'signed-in',
    user,
    deviceCookie: rememberDevice(input.deviceCookie, email, opts.secret, now),
  };
}

/**
 * The signed-in user for a session, or null when the account was disabled or its password changed
 * after the session signed in (so a reset or a disable ends every other session at once).
 */
export async function sessionUser(id: string, authAt: number): Promise<SessionUser | null> {
  const user = await StaffUser.findById(id).lean<StaffUserDoc>();
  if (!user || user.disabledAt) return null;
  if (user.passwordChangedAt && user.passwordChangedAt.getTime() > authAt) return null;
  if (user.sessionsEndedAt && user.sessionsEndedAt.getTime() > authAt) return null;
  return toSessionUser(user);
}

export async function listStaff(): Promise<StaffUserDoc[]> {
  return StaffUser.find().sort({ disabledAt: 1, name: 1 }).lean<StaffUserDoc[]>();
}

/** Creates an account with a one-time password that must be changed at first sign-in. */
export async function createStaff(input: {
  email: string;
  name: string;
  role: Role;
  password?: string;
}): Promise<{ user: StaffUserDoc; password: string }> {
  const password = input.password ?? generatePassword();
  const email = input.email.trim().toLowerCase();
  if (await StaffUser.exists({ email })) throw new FieldError('email', 'staff.errors.emailTaken');
  try {
    const user = await StaffUser.create({
      email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(password),
      mustChangePassword: input.password === undefined,
    });
    return { user: user.toObject(), password };
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new FieldError('email', 'staff.errors.emailTaken');
    throw err;
  }
}

/**
 * Disables an account. For an admin the check runs after the change: if no active admin is left
 * (also when two admins disable each other at once), the change is undone and refused.
 */
export async function disableStaff(id: string, actorId: string): Promise<void> {
  if (id === actorId) throw new ConflictError('staff.errors.disableSelf');
  const user = await StaffUser.findById(id).lean<StaffUserDoc>();
  if (!user) throw new NotFoundError();
  if (user.disabledAt) return;
  const disabledAt = new Date();
  await StaffUser.updateOne({ _id: id, disabledAt: null }, { $set: { disabledAt } });
  if (user.role !== 'admin') return;
  if ((await StaffUser.countDocuments({ role: 'admin', disabledAt: null })) === 0) {
    await StaffUser.updateOne({ _id: id, disabledAt }, { $set: { disabledAt: null } });
    throw new ConflictError('staff.errors.lastAdmin');
  }
}

export async function enableStaff(id: string): Promise<void> {
  const res = await StaffUser.updateOne({ _id: id }, { $set: { disabledAt: null } });
  if (res.matchedCount === 0) throw new NotFoundError();
}

/** Sets a new one-time password (returned once, to be handed over) and ends the user's sessions. */
export async function resetPassword(id: string): Promise<{ user: StaffUserDoc; password: string }> {
  const password = generatePassword();
  const user = await StaffUser.findByIdAndUpdate(
    id,
    {
      $set: {
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      },
    },
    { returnDocument: 'after' },
  ).lean<StaffUserDoc>();
  if (!user) throw new NotFoundError();
  return { user, password };
}

export async function changeOwnPassword(id: string, current: string, next: string): Promise<Date> {
  const user = await StaffUser.findById(id).lean<StaffUserDoc>();
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(current, user.passwordHash)))
    throw new FieldError('current', 'staff.errors.wrongPassword');
  if (current === next) throw new FieldError('password', 'staff.errors.samePassword');
  const changedAt = new Date();
  await StaffUser.updateOne(
    { _id: id },
    {
      $set: {
        passwordHash: await hashPassword(next),
        mustChangePassword: false,
        passwordChangedAt: changedAt,
      },
    },
  );
  return changedAt;
}

export async function countStaff(): Promise<number> {
  return StaffUser.countDocuments();
}
