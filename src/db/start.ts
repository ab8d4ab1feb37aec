import path from 'node:path';
import type { Config } from '../config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from './connection.ts';
import { startFerretDb, type LocalFerretDb } from './ferretdb.ts';
import { ensureFerretDb } from './tools.ts';

export const LOCAL_DB_NAME = 'dirbtuves';

export interface OpenDatabase {
  /** Where the data is, for the start-up message (password hidden). */
  description: string;
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or starts the local FerretDB with its files in DATA_DIR/ferretdb,
 * then creates the indexes. The caller closes it on shutdown.
 */
export async function openDatabase(config: Config, log: (msg: string) => void): Promise<OpenDatabase> {
  let local: LocalFerretDb | undefined;
  let uri = config.mongodbUri;
  let dbName: string | undefined;
  if (!uri) {
    const bin = await ensureFerretDb({ explicitBin: config.ferretdbBin, toolsDir: config.toolsDir, log });
    local = await startFerretDb({ bin, dataDir: path.join(config.dataDir, 'ferretdb') });
    uri = local.uri;
    dbName = LOCAL_DB_NAME;
  }
  try {
    await connectDatabase(uri, dbName, config.database);
    await ensureIndexes();
  } catch (err) {
    await disconnectDatabase().catch(() => undefined);
    await local?.stop();
    throw err;
  }
  return {
    description: local ? `local FerretDB (${path.join(config.dataDir, 'ferretdb')})` : 'MONGODB_URI',
    async close() {
      await disconnectDatabase();
      await local?.stop();
    },
  };
}
