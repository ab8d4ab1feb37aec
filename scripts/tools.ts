import { configForEntryPoint } from '../src/config.ts';
import { ensureFerretDb, ensureStripeMock } from '../src/db/tools.ts';
import { ensureUblValidators } from './ubl-validators.ts';
import { ensureSepaXsd } from './validators.ts';

/**
 * Installs the local tools ahead of time (CI, first run), so no test or start waits for them:
 * the database server (FerretDB), the Stripe API mock the tests run against (stripe-mock), and the
 * validators the tests check the app's files with (the SEPA pain.001.001.03 XSD, from PyPI; the UBL
 * 2.1 schemas, the EN 16931 and Peppol rules and Saxon-HE to run them, from Maven Central).
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
  const xsd = await ensureSepaXsd({ toolsDir: config.toolsDir, log: console.log });
  console.log(`pain.001.001.03 XSD ready (for the tests): ${xsd}`);
  const ubl = await ensureUblValidators({ toolsDir: config.toolsDir, log: console.log });
  console.log(
    `UBL 2.1 schemas, EN 16931 and Peppol rules, Saxon-HE ready (for the tests): ${ubl.en16931Xslt}`,
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
