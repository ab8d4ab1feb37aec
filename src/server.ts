import { pino } from 'pino';
import { createApp } from './app.ts';
import { configForEntryPoint } from './config.ts';
import { openDatabase } from './db/start.ts';
import { ensureCatalogueReadModel } from './catalog/read-model.ts';
import type { PublicCatalogue } from './catalog/service.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { startJobs } from './jobs/runner.ts';
import { supportedPeople } from './impact/service.ts';
import { refreshLockerLists } from './lockers/service.ts';
import { createMailer } from './mail/mailer.ts';
import { sendStaffDigests } from './notifications/service.ts';
import { LocalDiskStorage } from './media/storage.ts';
import { queueMissingConfirmations } from './orders/confirmations.ts';
import {
  cancelAbandonedCardOrders,
  cancelOverdueTransfers,
  releaseOrphanedReservations,
} from './orders/jobs.ts';
import { createCommerce } from './payments/commerce.ts';
import { attachmentRetentionJob, expireQuotes } from './services/service.ts';
import { feedbackRetentionJob } from './site/service.ts';

async function main(): Promise<void> {
  const config = configForEntryPoint();
  if (!config) process.exit(2);
  // The log (the request log included) is written asynchronously: a request never waits for stdout.
  const logger = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false }));
  const say = (msg: string) => console.log(msg);

  let db;
  try {
    db = await openDatabase(config, say);
  } catch (err) {
    logger.fatal({ err }, 'database unavailable');
    console.error(`\nCannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }

  try {
    const built = await ensureCatalogueReadModel();
    if (built && built.entries > 0) {
      say(`The public catalogue was built from the products (${built.entries} listed).`);
    }
  } catch (err) {
    logger.fatal({ err }, 'building the catalogue failed');
    console.error(`\nCannot start: building the catalogue failed: ${(err as Error).message}\n`);
    await db.close();
    process.exit(1);
  }

  const storage = new LocalDiskStorage(config.uploadsDir);
  if (config.demoData) {
    try {
      await seedDemoIfEmpty({ storage, log: say, publicUrl: config.publicUrl });
    } catch (err) {
      logger.fatal({ err }, 'demo seeding failed');
      console.error(`\nCannot start: seeding the demo data failed: ${(err as Error).message}\n`);
      await db.close();
      process.exit(1);
    }
  }

  const mailer = createMailer(config, { logger });
  const commerce = createCommerce({ config, logger, mailer });
  const app = createApp({ config, logger, storage, mediaDir: config.uploadsDir, commerce });
  try {
    // The public pages are served from memory: built before the first request (src/catalog/memory/).
    const store = await (app.locals.catalogue as PublicCatalogue).ready();
    logger.info({ catalogue: store.size }, 'public catalogue loaded into memory');
  } catch (err) {
    logger.fatal({ err }, 'loading the catalogue failed');
    console.error(`\nCannot start: loading the catalogue failed: ${(err as Error).message}\n`);
    await db.close();
    process.exit(1);
  }
  try {
    // The impact figures too (read from the whole journal on the default database), so that neither
    // /impact nor the product pages' "supports N people" line waits for them after a restart.
    await supportedPeople();
  } catch (err) {
    logger.warn({ err }, 'reading the impact figures at start failed; the first page that shows them will');
  }
  const jobs = config.jobs
    ? startJobs(
        [
          {
            name: 'cancel-overdue-transfers',
            everyMs: 10 * 60 * 1000,
            run: async () => void (await cancelOverdueTransfers(commerce.context('system'), logger)),
          },
          {
            name: 'cancel-abandoned-card-orders',
            everyMs: 10 * 60 * 1000,
            run: async () => void (await cancelAbandonedCardOrders(commerce.context('system'), logger)),
          },
          {
            name: 'release-orphaned-reservations',
            everyMs: 10 * 60 * 1000,
            run: async () => void (await releaseOrphanedReservations(logger)),
          },
          {
            name: 'send-queued-mail',
            everyMs: 60 * 1000,
            run: async () => void (await mailer.deliverQueued()),
          },
          {
            name: 'queue-missing-order-confirmations',
            everyMs: 10 * 60 * 1000,
            run: async () =>
              void (await queueMissingConfirmations(commerce.context('system').notify, logger)),
          },
          {
            name: 'expire-service-quotes',
            everyMs: 10 * 60 * 1000,
            run: async () =>
              void (await expireQuotes({
                by: 'system',
                mailer: commerce.mailer,
                publicUrl: commerce.publicUrl,
              })),
          },
          attachmentRetentionJob(config.attachmentsKeepDays, logger),
          feedbackRetentionJob(logger),
          ...(config.lockerSources.length > 0
            ? [
                {
                  // Daily: the parcel locker networks' terminal lists, from their configured addresses.
                  name: 'refresh-locker-lists',
                  everyMs: 24 * 60 * 60 * 1000,
                  run: async () => void (await refreshLockerLists(config.lockerSources, logger)),
                },
              ]
            : []),
          {
            // Hourly: once a Vilnius day has ended, each recipient's digest of it is queued (once, by key).
            name: 'send-staff-digests',
            everyMs: 60 * 60 * 1000,
            run: async () =>
              void (await sendStaffDigests({ mailer: commerce.mailer, publicUrl: commerce.publicUrl })),
          },
        ],
        logger,
      )
    : null;
  const server = app.listen(config.port, config.host, () => {
    say(`Dirbtuvės is running on ${config.publicUrl} (data: ${db.description})`);
  });
  server.on('error', async (err) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${err.message}`);
    await db.close();
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    jobs?.stop();
    // New connections are refused at once; requests in flight finish (10 s at most) before the
    // database they need is closed.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), 10_000);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
    // Messages being sent finish and record their outcome (a cut-off one would wait for the job).
    await mailer.settled();
    await db.close();
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
