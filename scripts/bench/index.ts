/**
 * `npm run bench`: the measurements quality.md asks for, in one run on this machine. Starts its own
 * FerretDB and stripe-mock, seeds 10,000 products, runs the app and the bare comparison server as
 * processes, writes docs/benchmarks.md and prints a summary. Exits 1 when a correctness check fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { z } from 'zod';
import { ROOT } from '../../src/app.ts';
import { DATABASE_DEFAULTS, loadConfig } from '../../src/config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { startFerretDb, type LocalFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';
import { Product } from '../../src/catalog/model.ts';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.ts';
import { startStripeMock, stopStripeMock, testStripeEnv } from '../../test/support/stripe.ts';
import { runContention } from './contention.ts';
import { measureSearch } from './search.ts';
import { appResidentMb, measureCatalogueMemory, measurePropagation, type AppMemory } from './memory.ts';
import { runThroughput } from './load.ts';
import { correctnessOk, markdown, summary, type BenchResults } from './report.ts';
import { seedCatalogue } from './seed.ts';
import { benchStipends } from './stipends.ts';
import { benchFairSync } from './fair.ts';
import { benchImpact } from './impact.ts';
import { runWebhookStorm } from './webhooks.ts';

const PRODUCTS = 10_000;
const SMALL_PRODUCTS = 240;
const DB_NAME = 'bench';
/** The benchmark's own connection (seeding, counts): patient on a loaded machine. */
const BENCH_DB = { ...DATABASE_DEFAULTS, timeoutMs: 120_000 };
/** How long a server may take to start (loading 10,000 goods into memory on a loaded machine). */
const READY_MS = 300_000;

const options = z
  .object({ BENCH_DURATION: z.coerce.number().int().min(1).max(120).default(10) })
  .parse(process.env);
const log = (msg: string) => console.log(msg);

async function main(): Promise<number> {
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-bench-'));
  let db: LocalFerretDb | undefined;
  const servers: ServerProcess[] = [];
  try {
    log('Starting FerretDB and stripe-mock…');
    const bin = await ensureFerretDb({ explicitBin: config.ferretdbBin, toolsDir: config.toolsDir, log });
    [db] = await Promise.all([
      startFerretDb({ bin, dataDir: path.join(dir, 'ferretdb') }),
      startStripeMock({ toolsDir: config.toolsDir, log }),
    ]);
    const ferret = db;

    const appEnv = {
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PARTICIPANT_DATA_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
      JOBS: 'false',
      DEMO_DATA: 'false',
      TRUST_PROXY: '1',
      // A shared, loaded machine: the app waits up to a minute for a database answer (instead of
      // answering 503 after 10 s), so that a stall of the machine does not read as a wrong result.
      DB_TIMEOUT_MS: '60000',
      UPLOADS_DIR: path.join(dir, 'uploads'),
      ...testStripeEnv(),
    };

    /** The pages an app's resident memory is measured after (each built from memory). */
    const warmPaths = (slug: string | undefined) => [
      '/',
      '/catalogue',
      '/catalogue?q=puodelis',
      '/catalogue?sort=price-asc',
      '/services',
      ...(slug ? [`/products/${slug}`] : []),
    ];

    // The app's idle footprint: the same app process on an empty database, warmed the same way.
    log('Resident memory of the app on an empty catalogue…');
    let emptyRssMb: number;
    {
      const uri = `${ferret.uri}${DB_NAME}_empty`;
      await disconnectDatabase();
      await connectDatabase(uri, undefined, BENCH_DB);
      await ensureIndexes();
      const idle = await startServerProcess(
        { ...appEnv, MONGODB_URI: uri },
        { logFile: path.join(dir, 'empty.log'), readyTimeoutMs: READY_MS },
      );
      try {
        emptyRssMb = await appResidentMb(idle, warmPaths(undefined));
      } finally {
        await idle.stop();
      }
    }

    /** A database with `count` products, the app and the bare server on it, and the load runs. */
    async function catalogue(count: number, dbName: string) {
      const uri = `${ferret.uri}${dbName}`;
      await disconnectDatabase();
      await connectDatabase(uri, undefined, BENCH_DB);
      await ensureIndexes();
      log(`Seeding ${count.toLocaleString('en-US')} products…`);
      const seeded = await seedCatalogue(count);
      const picks = await Product.find({}, { slug: 1 }).lean();
      const started = await Promise.allSettled([
        startServerProcess(
          { ...appEnv, MONGODB_URI: uri },
          { logFile: path.join(dir, `${dbName}.log`), readyTimeoutMs: READY_MS },
        ),
        startServerProcess(
          { MONGODB_URI: uri },
          { entry: 'scripts/bench/bare-server.ts', readyTimeoutMs: READY_MS },
        ),
      ]);
      for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      const [app, bare] = started.map((s) => (s as PromiseFulfilledResult<ServerProcess>).value) as [
        ServerProcess,
        ServerProcess,
      ];
      // Before any load: the app's resident memory with this catalogue, warmed as the empty one was.
      const rssMb = await appResidentMb(app, warmPaths(picks[0]?.slug));
      log(`Throughput on ${count.toLocaleString('en-US')} products (${options.BENCH_DURATION} s per run)…`);
      const throughput = await runThroughput({
        label: `${count.toLocaleString('en-US')} products`,
        appUrl: app.url,
        bareUrl: bare.url,
        slugs: picks.map((p) => p.slug),
        cartProduct: { id: String(picks[0]!._id), slug: picks[0]!.slug },
        searchQuery: 'puodelis',
        durationSec: options.BENCH_DURATION,
        log,
      });
      await bare.stop();
      const product = { id: String(picks[1]!._id), slug: picks[1]!.slug };
      return { app, seedMs: seeded.ms, throughput, product, rssMb };
    }

    const large = await catalogue(PRODUCTS, DB_NAME);
    await large.app.stop();
    log('Memory of the in-memory catalogue…');
    const memory = await measureCatalogueMemory();
    log('Catalogue search in memory…');
    const search = await measureSearch();
    const appMemory: AppMemory = {
      goods: memory.goods,
      emptyRssMb,
      fullRssMb: large.rssMb,
      overIdleMb: large.rssMb - emptyRssMb,
    };
    // The same runs on a small catalogue, where the database no longer hides the app's own layers;
    // its app server then takes the order scenarios (see docs/benchmarks.md for why).
    const small = await catalogue(SMALL_PRODUCTS, `${DB_NAME}_small`);
    log('Checkout under contention…');
    const contention = await runContention({ appUrl: small.app.url, shoppers: 200, stock: 20 });
    log('Webhook storm…');
    const webhooks = await runWebhookStorm({
      appUrl: small.app.url,
      orders: 100,
      deliveriesPerOrder: 10,
      concurrency: 50,
    });
    // Last on the small catalogue: its 200 stock movements would lengthen the contention's stock reads.
    log('Changes seen by another instance…');
    const propagation = await measurePropagation({
      appUrl: small.app.url,
      product: small.product,
      changes: 200,
    });

    log('Fair sync burst…');
    const fair = await benchFairSync();
    await small.app.stop();

    log('Stipend engine…');
    const stipends = await benchStipends();

    log('Public impact page at three years of data…');
    const impactUri = `${ferret.uri}${DB_NAME}_impact`;
    await disconnectDatabase();
    await connectDatabase(impactUri);
    await ensureIndexes();
    const impact = await benchImpact({ uri: impactUri, env: appEnv, logFile: path.join(dir, 'impact.log') });

    const results: BenchResults = {
      date: new Date(startedAt),
      products: PRODUCTS,
      seedMs: large.seedMs,
      durationSec: options.BENCH_DURATION,
      throughput: [large.throughput, small.throughput],
      contention,
      webhooks,
      stipends,
      fair,
      impact,
      memory,
      search,
      appMemory,
      propagation,
      totalSec: (Date.now() - startedAt) / 1000,
      load: [loadAtStart, os.loadavg()[0]!],
    };
    await mkdir(path.join(ROOT, 'docs'), { recursive: true });
    const file = path.join(ROOT, 'docs', 'benchmarks.md');
    // Formatted as `npm run lint` expects (tables aligned).
    const style = await prettier.resolveConfig(file);
    await writeFile(file, await prettier.format(markdown(results), { ...style, filepath: file }));
    log(`\n${summary(results)}\n\nWritten to docs/benchmarks.md`);
    return correctnessOk(results) ? 0 : 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await disconnectDatabase().catch(() => undefined);
    await Promise.all([db?.stop(), stopStripeMock()]);
    await rm(dir, { recursive: true, force: true });
  }
}

// Interrupted: exit through the 'exit' handlers, which stop the servers and FerretDB.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

process.exitCode = await main().catch((err: unknown) => {
  console.error(err);
  return 1;
});
