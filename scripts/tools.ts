import { configForEntryPoint } from '../src/config.ts';
import { ensureFerretDb } from '../src/db/tools.ts';

/** Installs the local database server ahead of time (CI, first run), so no test or start waits for it. */
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
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
