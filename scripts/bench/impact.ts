/**
 * The public impact page at three years of data: 36 finalised stipend months (8–12 people paid each)
 * and a few hundred journal entries a month (sales on every channel, stipends, materials), inserted
 * straight into a database of its own. Then GET /impact is timed on an app process: the first request
 * after it started and many more, with the server's own time per request read from its request log
 * (pino-http's responseTime). Run alone with
 * `node scripts/bench/impact.ts` (it starts its own FerretDB), or as part of `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { shiftPeriod, vilniusPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { startServerProcess } from '../../test/support/server-process.ts';

export const IMPACT_LIMIT_MS = 50;
const MONTHS = 36;

export interface ImpactPhase {
  name: string;
  /** Requests timed, one at a time (the page and each year's page in turn). */
  requests: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
}

export interface ImpactBenchResult {
  months: number;
  entries: number;
  claims: number;
  seedMs: number;
  /** Server time of the first GET /impact after the app started. */
  firstMs: number;
  /** The latest month finalised but not yet locked, then every month locked. */
  phases: [ImpactPhase, ImpactPhase];
  /** The latest month's sales on the page equal the sum of the seeded sales lines. */
  figuresMatch: boolean;
  ok: boolean;
}

/** mulberry32: small, fast, seeded, so every run inserts the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNEL_MIX = ['web', 'web', 'web', 'phone', 'walk_in', 'walk_in', 'fair', 'fair', 'services'] as const;

/**
 * Inserts the three years into the connected database: the months before the running one, all but
 * the latest locked (as months are once their stipends are paid). Returns the latest month's period
 * and its sales in cents, for the check.
 */
export async function seedImpactYears(seed = 17): Promise<{
  entries: number;
  claims: number;
  ms: number;
  latest: { period: string; salesCents: number };
}> {
  const started = performance.now();
  const rand = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const db = mongoose.connection;
  const people = Array.from({ length: 24 }, () => randomBytes(12).toString('hex'));
  const current = vilniusPeriod(new Date());
  let entries = 0;
  let claims = 0;
  let latest = { period: '', salesCents: 0 };
  for (let back = MONTHS; back >= 1; back--) {
    const period = shiftPeriod(current, -back);
    const [year, month] = period.split('-').map(Number) as [number, number];
    const day = (d: number) => new Date(Date.UTC(year, month - 1, d, 10));
    const docs: Record<string, unknown>[] = [];
    let salesCents = 0;
    const sales = int(240, 360);
    for (let i = 0; i < sales; i++) {
      const channel = CHANNEL_MIX[int(0, CHANNEL_MIX.length - 1)]!;
      const cents = int(300, 12_000);
      salesCents += cents;
      const account = channel === 'services' ? 'income:services' : 'income:products';
      docs.push({
        idempotencyKey: `bench:${period}:sale:${i}`,
        postedAt: day(int(1, 28)),
        period,
        kind: 'sale',
        reference: { type: channel === 'services' ? 'invoice' : 'order', id: `${period}-${i}`, label: '' },
        memo: '',
        channel,
        lines: [
          { account: 'assets:bank', debitCents: cents, creditCents: 0, attribution: null },
          { account, debitCents: 0, creditCents: cents, attribution: null },
        ],
        totalCents: cents,
      });
    }
    for (let i = 0; i < int(8, 20); i++) {
      const cents = int(1_000, 20_000);
      docs.push({
        idempotencyKey: `bench:${period}:materials:${i}`,
        postedAt: day(int(1, 28)),
        period,
        kind: 'expense',
        reference: { type: 'stipend_cost', id: `${period}-m${i}`, label: '' },
        memo: '',
        channel: null,
        lines: [
          { account: 'expenses:materials', debitCents: cents, creditCents: 0, attribution: null },
          { account: 'assets:bank', debitCents: 0, creditCents: cents, attribution: null },
        ],
        totalCents: cents,
      });
    }
    const paid = [...people].sort(() => rand() - 0.5).slice(0, int(8, 12));
    const shares = paid.map((id) => ({ id, totalCents: int(2_000, 15_000) }));
    const allocatedCents = shares.reduce((s, p) => s + p.totalCents, 0);
    docs.push({
      idempotencyKey: `bench:${period}:stipends`,
      postedAt: day(28),
      period,
      kind: 'stipends',
      reference: { type: 'stipends', id: period, label: '' },
      memo: '',
      channel: null,
      lines: [
        { account: 'expenses:stipends', debitCents: allocatedCents, creditCents: 0, attribution: null },
        { account: 'liabilities:stipends', debitCents: 0, creditCents: allocatedCents, attribution: null },
      ],
      totalCents: allocatedCents,
    });
    const inserted = await db.collection('journal_entries').insertMany(docs);
    entries += docs.length;
    await db.collection('stipend_claims').insertMany([
      {
        _id: `${period}:closing` as unknown as mongoose.Types.ObjectId,
        period,
        step: 'closing',
        at: day(28),
        by: 'bench',
      },
      {
        _id: `${period}:finalised` as unknown as mongoose.Types.ObjectId,
        period,
        step: 'finalised',
        at: day(28),
        by: 'bench',
        input: null,
        result: { allocatedCents, participants: shares },
        lineLabels: null,
        names: null,
        paidOn: null,
      },
    ]);
    claims += 2;
    if (back > 1) {
      await db.collection('ledger_locks').insertOne({
        _id: period as unknown as mongoose.Types.ObjectId,
        at: day(28),
        by: 'bench',
        byName: 'Bench',
        entryIds: Object.values(inserted.insertedIds).map(String),
        debitCents: docs.reduce((s, d) => s + (d.totalCents as number), 0),
      });
    }
    latest = { period, salesCents };
  }
  return { entries, claims, ms: performance.now() - started, latest };
}

interface LogLine {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** The server times (ms) of the GET /impact requests in a pino request log, in order. */
function impactTimes(log: string): number[] {
  const times: number[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"responseTime"') || !line.includes('/impact')) continue;
    const entry = JSON.parse(line) as LogLine;
    if (
      entry.req?.method === 'GET' &&
      entry.req.url?.startsWith('/impact') &&
      entry.responseTime !== undefined
    )
      times.push(entry.responseTime);
  }
  return times;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Times `count` requests, one at a time, from the app's request log (lines after `skip`). */
async function timePhase(
  name: string,
  appUrl: string,
  paths: string[],
  count: number,
  logFile: string,
): Promise<ImpactPhase> {
  const skip = impactTimes(await readFile(logFile, 'utf8')).length;
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${appUrl}${paths[i % paths.length]}`);
    await res.arrayBuffer();
    if (res.status !== 200) failures++;
  }
  // The log is written asynchronously: give it a moment to hold every request.
  let times: number[] = [];
  for (let i = 0; i < 20; i++) {
    times = impactTimes(await readFile(logFile, 'utf8')).slice(skip);
    if (times.length >= count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const sorted = times.sort((a, b) => a - b);
  return {
    name,
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    failures: failures + Math.max(0, count - sorted.length),
  };
}

/**
 * Seeds the connected database (`uri`, already connected through mongoose), starts an app process
 * on it and times the page: first with the latest month finalised but not locked, then with it
 * locked too (as an administrator does once the month is paid).
 * `env` is the app's environment (the bench's production settings).
 */
export async function benchImpact(opts: {
  uri: string;
  env: Record<string, string>;
  logFile: string;
  unlockedRequests?: number;
  lockedRequests?: number;
}): Promise<ImpactBenchResult> {
  const seeded = await seedImpactYears();
  const app = await startServerProcess({ ...opts.env, MONGODB_URI: opts.uri }, { logFile: opts.logFile });
  try {
    const first = await fetch(`${app.url}/impact`);
    const html = await first.text();
    const row =
      new RegExp(`<tr data-period="${seeded.latest.period}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    const sales = /data-cell="sales">([^<]*)</.exec(row)?.[1]?.trim() ?? '';
    const spaces = (t: string) => t.replace(/&#160;|&nbsp;|\s/g, ' ');
    const figuresMatch =
      first.status === 200 && spaces(sales) === spaces(formatCents(seeded.latest.salesCents, 'lt-LT'));
    const firstMs = impactTimes(await readFile(opts.logFile, 'utf8'))[0] ?? NaN;
    const years = [...new Set([...html.matchAll(/href="\/impact\?year=(\d{4})"/g)].map((m) => m[1]!))];
    const paths = ['/impact', ...years.map((y) => `/impact?year=${y}`)];
    const unlocked = await timePhase(
      'latest month not locked',
      app.url,
      paths,
      opts.unlockedRequests ?? 30,
      opts.logFile,
    );
    await mongoose.connection.collection('ledger_locks').insertOne({
      _id: seeded.latest.period as unknown as mongoose.Types.ObjectId,
      at: new Date(),
      by: 'bench',
      byName: 'Bench',
      entryIds: [],
      debitCents: 0,
    });
    const locked = await timePhase(
      'every month locked',
      app.url,
      paths,
      opts.lockedRequests ?? 300,
      opts.logFile,
    );
    return {
      months: MONTHS,
      entries: seeded.entries,
      claims: seeded.claims,
      seedMs: seeded.ms,
      firstMs,
      phases: [unlocked, locked],
      figuresMatch,
      ok: figuresMatch && unlocked.failures === 0 && locked.failures === 0,
    };
  } finally {
    await app.stop();
  }
}

async function standalone(): Promise<number> {
  const os = await import('node:os');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { loadConfig } = await import('../../src/config.ts');
  const { connectDatabase, disconnectDatabase, ensureIndexes } = await import('../../src/db/connection.ts');
  const { startFerretDb } = await import('../../src/db/ferretdb.ts');
  const { ensureFerretDb } = await import('../../src/db/tools.ts');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dirbtuves-bench-impact-'));
  const loadBefore = os.loadavg()[0]!;
  const bin = await ensureFerretDb({
    explicitBin: config.ferretdbBin,
    toolsDir: config.toolsDir,
    log: console.log,
  });
  const db = await startFerretDb({ bin, dataDir: path.join(dir, 'ferretdb') });
  try {
    const uri = `${db.uri}bench_impact`;
    await connectDatabase(uri);
    await ensureIndexes();
    const r = await benchImpact({
      uri,
      env: impactAppEnv(path.join(dir, 'uploads')),
      logFile: path.join(dir, 'app.log'),
    });
    console.log(JSON.stringify({ ...r, load: [loadBefore, os.loadavg()[0]!] }, null, 2));
    return r.ok ? 0 : 1;
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The app's production settings for a standalone run (the full bench passes its own). */
export function impactAppEnv(uploadsDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PARTICIPANT_DATA_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    JOBS: 'false',
    DEMO_DATA: 'false',
    TRUST_PROXY: '1',
    UPLOADS_DIR: uploadsDir,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await standalone();
}
