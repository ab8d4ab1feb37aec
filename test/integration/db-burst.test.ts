import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { loadConfig, type Config } from '../../src/config.ts';
import { connectionOptions } from '../../src/db/connection.ts';
import { startFerretDb, type LocalFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';

const INSTANCES = 3;
const BURST = 300;

/** `work`, or a failure naming `what` when it has not settled within `ms` (the work is not waited for). */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Connections the driver holds open to the server, counted from its pool events. */
function openConnections(conn: Connection): () => number {
  let open = 0;
  const client = conn.getClient();
  client.on('connectionCreated', () => (open += 1));
  client.on('connectionClosed', () => (open -= 1));
  return () => open;
}

/**
 * FerretDB v1 holds one backend connection for an update's read and waits for another for its write,
 * so enough updates at once take every connection of its pool (100 for SQLite) and wait for each other
 * for ever. The app's connections cap the driver's pool so that several instances stay below that.
 * Here three instances, their pools grown to the cap, fire a burst of updates at a FerretDB of their
 * own: it finishes and the server answers afterwards.
 */
describe('database: a burst of updates from several instances does not lock up FerretDB', function () {
  this.timeout(180_000);
  let dir: string | undefined;
  let server: LocalFerretDb | undefined;
  let config: Config;
  const instances: Connection[] = [];

  before(async function () {
    config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    // The test freezes nothing but needs a FerretDB it may wedge; a configured server is not ours to risk.
    if (config.mongodbUri) this.skip();
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-burst-'));
    const bin = await ensureFerretDb({
      explicitBin: config.ferretdbBin,
      toolsDir: config.toolsDir,
      log: () => {},
    });
    server = await startFerretDb({ bin, dataDir: dir });
  });

  after(async () => {
    await Promise.all(instances.map((c) => c.close(true).catch(() => undefined)));
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finishes 300 concurrent updates and answers a ping and a find right after', async () => {
    const options = connectionOptions('burst', config.database);
    const counters: (() => number)[] = [];
    for (let i = 0; i < INSTANCES; i++) {
      const conn = mongoose.createConnection(server!.uri, options);
      counters.push(openConnections(conn));
      instances.push(await conn.asPromise());
    }
    const docs = instances.map((c) => c.db!.collection<{ _id: number; n: number }>('docs'));
    await docs[0]!.insertMany(Array.from({ length: BURST }, (_, i) => ({ _id: i, n: 0 })));

    // A long-running instance has grown its pool to the cap after earlier busy moments.
    const cap = options.maxPoolSize!;
    for (let round = 0; round < 30 && counters.some((open) => open() < cap); round++) {
      await Promise.all(
        instances.flatMap((_c, i) =>
          Array.from({ length: cap * 3 }, (_v, k) => docs[i]!.findOne({ _id: k % BURST })),
        ),
      );
    }
    expect(
      counters.map((open) => open()),
      'pools grown to the cap',
    ).to.deep.equal(instances.map(() => cap));

    // Half of the updates go to one document, the rest each to its own.
    const burst = Array.from({ length: BURST }, (_, i) =>
      docs[i % INSTANCES]!.updateOne({ _id: i % 2 ? i : 0 }, { $inc: { n: 1 } }),
    );
    const results = await within(90_000, 'the burst of updates', Promise.all(burst));
    expect(results.every((r) => r.matchedCount === 1)).to.equal(true);

    const after = await within(
      10_000,
      'a ping and a find after the burst',
      Promise.all([instances[0]!.db!.admin().command({ ping: 1 }), docs[1]!.findOne({ _id: 1 })]),
    );
    expect(after[1]).to.deep.equal({ _id: 1, n: 1 });
  });
});
