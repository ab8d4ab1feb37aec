import mongoose, { type ConnectOptions } from 'mongoose';
import { DATABASE_DEFAULTS, type Config } from '../config.ts';

export type DatabaseLimits = Config['database'];

export class DatabaseUnreachableError extends Error {}

/** Hides a password in a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

/** The driver's options for the app's connection (and for anything that must behave like it). */
export function connectionOptions(
  dbName?: string,
  limits: DatabaseLimits = DATABASE_DEFAULTS,
): ConnectOptions {
  return {
    dbName,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 8000,
    // FerretDB v1 locks up when more updates run at once than its own pool can serve (each holds one
    // backend connection and waits for a second), so the driver never opens more than this.
    maxPoolSize: limits.poolSize,
  };
}

export async function connectDatabase(
  uri: string,
  dbName?: string,
  limits: DatabaseLimits = DATABASE_DEFAULTS,
): Promise<void> {
  mongoose.set('strictQuery', true);
  try {
    await mongoose.connect(uri, connectionOptions(dbName, limits));
  } catch (err) {
    throw new DatabaseUnreachableError(
      `The database at ${redactUri(uri)} is not reachable: ${(err as Error).message}`,
    );
  }
}

/** Creates every registered model's indexes; run on start, never dropping anything. */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}

export async function databaseReady(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
