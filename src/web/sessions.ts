import MongoStore from 'connect-mongo';
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
  return MongoStore.create({
    client: mongoose.connection.getClient(),
    dbName: mongoose.connection.db?.databaseName,
    collectionName: COLLECTION,
    ttl: SESSION_TTL_SECONDS,
    autoRemove: 'disabled',
    stringify: false,
  });
}

export async function pruneExpiredSessions(): Promise<number> {
  const res = await mongoose.connection.collection(COLLECTION).deleteMany({ expires: { $lt: new Date() } });
  return res.deletedCount;
}
