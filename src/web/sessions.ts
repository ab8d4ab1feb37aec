import MongoStore from 'connect-mongo';
import type { NextFunction, Request, Response } from 'express';
import mongoose from 'mongoose';

const COLLECTION = 'sessions';

/** Behind TLS the `__Host-` prefix pins the cookie to this host, path / and Secure. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-dv.sid' : 'dv.sid';
}
export const SESSION_TTL_SECONDS = 8 * 3600;

/**
 * Staff sessions in the database (no app state in memory). Expired sessions are never served
 * (the store checks `expires`); FerretDB has no TTL indexes, so they are swept at each sign-in.
 */
export function sessionStore(): MongoStore {
  const store = MongoStore.create({
    client: mongoose.connection.getClient(),
    dbName: mongoose.connection.db?.databaseName,
    collectionName: COLLECTION,
    ttl: SESSION_TTL_SECONDS,
    autoRemove: 'disabled',
    stringify: false,
  });
  // A session saved during the request (saveSessionBeforeRedirect) has its new expiry already: the
  // touch express-session sends at the end would be a second write of the same request.
  const touch = store.touch.bind(store);
  store.touch = (sid, session, callback) => {
    if ((session as unknown as Record<symbol, unknown>)[SAVED]) return callback?.(null);
    return touch(sid, session, callback);
  };
  return store;
}

/** Marks a session written during this request (a symbol: not stored, not in express-session's hash). */
const SAVED = Symbol('session saved in this request');

export async function pruneExpiredSessions(): Promise<number> {
  const res = await mongoose.connection.collection(COLLECTION).deleteMany({ expires: { $lt: new Date() } });
  return res.deletedCount;
}

/** Deletes every stored session signed in as this staff member (their browsers are signed out). */
export async function deleteSessionsOf(staffId: string): Promise<number> {
  const res = await mongoose.connection.collection(COLLECTION).deleteMany({ 'session.userId': staffId });
  return res.deletedCount;
}

/**
 * Browsers follow a redirect as soon as its headers arrive, and express-session sends the headers
 * before the store has the session (expressjs/session#360): the next page would miss the cart, the
 * sign-in or the flash message. So a session with data is saved first (its only write in the
 * request: the store then skips the touch); an empty one stays unsaved.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const data = req.session as unknown as Record<string, unknown> | undefined;
    if (!data || Object.keys(data).every((k) => k === 'cookie')) return redirect(...args);
    req.session.save((err) => {
      if (err) return next(err);
      (req.session as unknown as Record<symbol, unknown>)[SAVED] = true;
      redirect(...args);
    });
  }) as Response['redirect'];
  next();
}
