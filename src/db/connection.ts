import mongoose from 'mongoose';

export class DatabaseUnreachableError extends Error {}

/** Hides a password in a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//***@');
}

export async function connectDatabase(uri: string, dbName?: string): Promise<void> {
  mongoose.set('strictQuery', true);
  try {
    await mongoose.connect(uri, {
      dbName,
      autoIndex: false,
      autoCreate: true,
      serverSelectionTimeoutMS: 8000,
    });
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
