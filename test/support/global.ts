import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startFerretDb, type LocalFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';
import { startStripeMock, stopStripeMock } from './stripe.ts';

let local: LocalFerretDb | undefined;
let dataDir: string | undefined;
let uri: string | undefined;

/** The server every test file makes its own throw-away database on. */
export function testDatabaseUri(): string {
  if (!uri) throw new Error('the test database server is not running (mochaGlobalSetup did not run)');
  return uri;
}

async function startDatabase(config: ReturnType<typeof loadConfig>): Promise<void> {
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

/**
 * Servers shared by the whole run, started side by side: the database (MONGODB_URI when set, else a
 * local FerretDB in a temp dir) and stripe-mock, the Stripe API mock (see ./stripe.ts).
 */
export async function mochaGlobalSetup(): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const started = await Promise.allSettled([
    startDatabase(config),
    startStripeMock({ toolsDir: config.toolsDir, log: console.log }),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await mochaGlobalTeardown();
    throw failed.reason;
  }
}

export async function mochaGlobalTeardown(): Promise<void> {
  await Promise.all([local?.stop(), stopStripeMock()]);
  local = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}
