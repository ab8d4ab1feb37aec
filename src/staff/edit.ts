import { isDuplicateKeyError } from '../db/errors.ts';
import { FieldError, NotFoundError } from '../lib/errors.ts';
import { deleteSessionsOf } from '../web/sessions.ts';
import { StaffAudit, StaffUser, type Role, type StaffAuditDoc, type StaffUserDoc } from './model.ts';

export interface StaffChange {
  field: 'name' | 'email' | 'role';
  from: string;
  to: string;
}

export interface Actor {
  id: string;
  name: string;
}

export async function getStaff(id: string): Promise<StaffUserDoc> {
  const user = await StaffUser.findById(id).lean<StaffUserDoc>();
  if (!user) throw new NotFoundError();
  return user;
}

/** The account's changes, newest first. */
export async function staffHistory(id: string): Promise<StaffAuditDoc[]> {
  return StaffAudit.find({ staffId: id }).sort({ at: -1, _id: -1 }).limit(200).lean<StaffAuditDoc[]>();
}

/** Notes a disable, enable or password reset on the account's history. */
export async function recordStaffAction(
  id: string,
  action: 'disabled' | 'enabled' | 'password-reset',
  actor: Actor,
): Promise<void> {
  await StaffAudit.create({ staffId: id, action, by: actor.id, byName: actor.name });
}

const activeAdmins = (exceptId?: string) =>
  StaffUser.countDocuments({
    role: 'admin',
    disabledAt: null,
    ...(exceptId ? { _id: { $ne: exceptId } } : {}),
  });

/**
 * Changes an account's name, e-mail and role, and logs what changed (who, when, from, to).
 *
 * The last active administrator keeps the role: refused before any write when no other active admin
 * exists, and checked again after the write (two admins demoting each other at once), when the
 * change is undone and refused. A role change ends the person's sessions: `sessionsEndedAt` first
 * (every session signed in before it is refused from the next request on, even one a request in
 * flight saves again), then the stored sessions are deleted. Each is a single-document write or a
 * delete; no transaction is needed.
 */
export async function updateStaff(
  id: string,
  input: { name: string; email: string; role: Role },
  actor: Actor,
): Promise<{ changes: StaffChange[]; sessionsEnded: number }> {
  const user = await getStaff(id);
  const changes: StaffChange[] = (['name', 'email', 'role'] as const)
    .filter((field) => user[field] !== input[field])
    .map((field) => ({ field, from: user[field], to: input[field] }));
  if (changes.length === 0) return { changes, sessionsEnded: 0 };
  const roleChanged = user.role !== input.role;
  const demotesActiveAdmin = roleChanged && user.role === 'admin' && !user.disabledAt;
  if (demotesActiveAdmin && (await activeAdmins(id)) === 0)
    throw new FieldError('role', 'staff.errors.lastAdminRole');
  if (input.email !== user.email && (await StaffUser.exists({ email: input.email, _id: { $ne: id } })))
    throw new FieldError('email', 'staff.errors.emailTaken');

  const set: Record<string, unknown> = { name: input.name, email: input.email, role: input.role };
  if (roleChanged) set.sessionsEndedAt = new Date();
  try {
    await StaffUser.updateOne({ _id: id }, { $set: set });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new FieldError('email', 'staff.errors.emailTaken');
    throw err;
  }
  if (demotesActiveAdmin && (await activeAdmins()) === 0) {
    await StaffUser.updateOne(
      { _id: id },
      {
        $set: {
          name: user.name,
          email: user.email,
          role: user.role,
          sessionsEndedAt: user.sessionsEndedAt ?? null,
        },
      },
    );
    throw new FieldError('role', 'staff.errors.lastAdminRole');
  }
  const sessionsEnded = roleChanged ? await deleteSessionsOf(id) : 0;
  await StaffAudit.create({
    staffId: id,
    action: 'updated',
    by: actor.id,
    byName: actor.name,
    changes,
    sessionsEnded,
  });
  return { changes, sessionsEnded };
}
