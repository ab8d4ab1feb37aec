import { configForEntryPoint } from '../src/config.ts';
import { ensureFerretDb, ensureStripeMock } from '../src/db/tools.ts';

/**
 * Installs the local tools ahead of time (CI, first run), so no test or start waits for them:
 * the database server (FerretDB) and the Stripe API mock the tests run against (stripe-mock).
 */
const config = configForEntryPoint();
if (!config) process.exit(2);
try {
  if (config.mongodbUri) {
    console.log('MONGODB_URI is set: the local FerretDB is not needed.');
  } else {
    const bin = await ensureFerretDb({
      explicitBin: config.ferretdbBin,
      toolsDir: config.toolsDir,
      log: console.log,
    });
    console.log(`FerretDB ready: ${bin}`);
  }
  const stripeMock = await ensureStripeMock({ toolsDir: config.toolsDir, log: console.log });
  console.log(`stripe-mock ready (for the tests): ${stripeMock}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
