import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startFerretDb, type LocalFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';

let local: LocalFerretDb | undefined;
let dataDir: string | undefined;
let uri: string | undefined;

/** The server every test file makes its own throw-away database on. */
export function testDatabaseUri(): string {
  if (!uri) throw new Error('the test database server is not running (mochaGlobalSetup did not run)');
  return uri;
}

/** One database server for the whole run: MONGODB_URI when set, else a local FerretDB in a temp dir. */
export async function mochaGlobalSetup(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  if (config.mongodbUri) {
    uri = config.mongodbUri;
    return;
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-test-db-'));
  const bin = await ensureFerretDb({
    explicitBin: config.ferretdbBin,
    toolsDir: config.toolsDir,
    log: console.log,
  });
  local = await startFerretDb({ bin, dataDir });
  uri = local.uri;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await local?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
