import { z } from 'zod';
import { configForEntryPoint } from '../src/config.ts';
import { openDatabase } from '../src/db/start.ts';
import { seedDemo, seedDemoIfEmpty } from '../src/demo/seed.ts';
import { LocalDiskStorage } from '../src/media/storage.ts';

const USAGE =
  'Usage: npm run seed            seed the demo data into an empty database\n' +
  '       npm run seed -- --reset  delete ALL data and uploaded product images, then seed';
const argsSchema = z.array(z.enum(['--reset']));

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = argsSchema.safeParse(argv);
  if (!args.success) {
    const unknown = argv.filter((a) => a !== '--reset');
    console.error(`Unknown option: ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const reset = args.data.includes('--reset');

  const config = configForEntryPoint();
  if (!config) return 2;
  if (config.env === 'production') {
    console.error(
      'Refusing to load demo data with NODE_ENV=production: the demo accounts have published passwords.',
    );
    return 2;
  }

  const log = (msg: string) => console.log(msg);
  const db = await openDatabase(config, log);
  try {
    log(`Database: ${db.description}`);
    const storage = new LocalDiskStorage(config.uploadsDir);
    if (reset) {
      await seedDemo({ storage, log, reset: true, publicUrl: config.publicUrl });
      log('The database was reset and the demo data seeded.');
    } else if (await seedDemoIfEmpty({ storage, log, publicUrl: config.publicUrl })) {
      log('The empty database was seeded with demo data.');
    } else {
      log('The database already has data: nothing was seeded. Use "npm run seed -- --reset" to start over.');
    }
  } finally {
    await db.close();
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`Seeding failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
