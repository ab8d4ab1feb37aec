import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.ts';
import { startFerretDb, type LocalFerretDb } from '../../src/db/ferretdb.ts';
import { ensureFerretDb } from '../../src/db/tools.ts';
import { translate } from '../../src/web/i18n.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const TIMEOUT_MS = 2_000;
/** Room for a loaded machine on top of the configured timeout. */
const SLACK_MS = 1_500;

interface Timed {
  status: number;
  headers: Headers;
  text: string;
  ms: number;
}

/** A request and how long its answer took; a request that hangs fails after 30 s. */
async function timed(url: string, headers: Record<string, string> = {}): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, ms: performance.now() - started };
}

/**
 * The database freezes (its process stopped with SIGSTOP, as a stalled disk or a full server looks
 * to the app): /readyz says so within a second and pages answer "try again shortly" (503) within the
 * configured database timeout instead of hanging; once the database runs again, so does the app.
 */
describe('database stall: the app answers 503 instead of hanging', function () {
  this.timeout(120_000);
  let dir: string | undefined;
  let db: LocalFerretDb | undefined;
  let server: ServerProcess | undefined;
  const resume = () => {
    if (db) process.kill(db.pid, 'SIGCONT');
  };

  before(async function () {
    const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
    // A configured server cannot be frozen from here.
    if (config.mongodbUri) this.skip();
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-stall-'));
    const bin = await ensureFerretDb({
      explicitBin: config.ferretdbBin,
      toolsDir: config.toolsDir,
      log: () => {},
    });
    db = await startFerretDb({ bin, dataDir: path.join(dir, 'db') });
    server = await startServerProcess({
      NODE_ENV: 'test',
      MONGODB_URI: `${db.uri}stall`,
      DB_TIMEOUT_MS: String(TIMEOUT_MS),
      UPLOADS_DIR: path.join(dir, 'uploads'),
      DEMO_DATA: 'false',
      JOBS: 'false',
      LOG_LEVEL: 'silent',
    });
  });

  after(async () => {
    resume();
    await server?.stop('SIGKILL');
    await db?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers /readyz and pages with 503 while the database is frozen, and recovers after', async () => {
    expect((await timed(`${server!.url}/catalogue`)).status).to.equal(200);

    process.kill(db!.pid, 'SIGSTOP');
    try {
      const ready = await timed(`${server!.url}/readyz`);
      expect(ready.status, 'readyz').to.equal(503);
      expect(ready.ms, 'readyz answers within 1.5 s').to.be.below(1_500);

      // The public catalogue is served from memory (src/catalog/memory/): it stays up.
      expect((await timed(`${server!.url}/catalogue`)).status, 'catalogue from memory').to.equal(200);
      for (const [lang, cookie] of [
        ['lt', ''],
        ['en', 'lang=en'],
      ] as const) {
        const page = await timed(`${server!.url}/cart`, cookie ? { cookie } : {});
        expect(page.status, `${lang} page`).to.equal(503);
        expect(page.ms, `${lang} page within the database timeout`).to.be.below(TIMEOUT_MS + SLACK_MS);
        expect(Number(page.headers.get('retry-after')), 'Retry-After').to.be.above(0);
        expect(page.text, `${lang} page says to try again`).to.contain(translate(lang, 'errors.unavailable'));
        expect(page.text).to.contain('<html');
        expect(page.text, 'no details of the failure').to.not.match(/Mongo|timed out|\bat \w+ \(/);
      }
    } finally {
      resume();
    }

    const deadline = Date.now() + 30_000;
    let ready = await timed(`${server!.url}/readyz`);
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await timed(`${server!.url}/readyz`);
    }
    expect(ready.status, 'ready again after the database resumes').to.equal(200);
    expect((await timed(`${server!.url}/catalogue`)).status).to.equal(200);
  });
});
