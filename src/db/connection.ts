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
  const timeout = limits.timeoutMs;
  const options: ConnectOptions & { bufferTimeoutMS: number } = {
    dbName,
    autoIndex: false,
    autoCreate: true,
    // FerretDB v1 locks up when more updates run at once than its own pool can serve (each holds one
    // backend connection and waits for a second), so the driver never opens more than this.
    maxPoolSize: limits.poolSize,
    // A stalled database fails an operation after `timeout` instead of holding the request for as
    // long as the stall lasts: finding the server, opening a connection, waiting for a free one,
    // waiting for an answer, and (Mongoose) waiting for a lost connection to come back.
    serverSelectionTimeoutMS: timeout,
    connectTimeoutMS: timeout,
    waitQueueTimeoutMS: timeout,
    // The driver tries a read again once after a network error, so each wait gets half the time.
    socketTimeoutMS: Math.ceil(timeout / 2),
    bufferTimeoutMS: timeout,
  };
  return options;
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

/** How long /readyz waits for the database's answer. */
export const READY_TIMEOUT_MS = 1000;

/** Whether the database answers a ping within a second (a stalled one must not hold the probe). */
export async function databaseReady(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  const ping = db
    .admin()
    .command({ ping: 1 })
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}
