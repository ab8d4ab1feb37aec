import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../lib/errors.ts';
import { sessionUser, type Role } from '../staff/service.ts';

/** Loads the signed-in staff member (if any) and ends sessions whose account was disabled or reset. */
export async function loadStaff(req: Request, res: Response, next: NextFunction): Promise<void> {
  const { userId, authAt } = req.session ?? {};
  if (!userId || !authAt) return next();
  const user = await sessionUser(userId, authAt);
  if (!user) {
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    return next();
  }
  req.staff = user;
  res.locals.staff = user;
  res.locals.isAdmin = user.role === 'admin';
  res.locals.canManageCatalog = user.role === 'admin' || user.role === 'marketing';
  res.locals.canManageParticipants = user.role === 'admin' || user.role === 'master';
  next();
}

const PASSWORD_PAGE = '/account/password';

/**
 * Guards staff pages: anonymous visitors go to the login page (and come back after), a signed-in
 * user without one of `roles` gets 403, and a user with a one-time password must change it first.
 */
export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.staff) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(303, `/login${next}`);
    }
    if (req.staff.mustChangePassword && req.originalUrl !== PASSWORD_PAGE) {
      return res.redirect(303, PASSWORD_PAGE);
    }
    if (roles.length > 0 && !roles.includes(req.staff.role)) return next(new ForbiddenError());
    next();
  };
}

export const requireStaff = requireRole();
