/**
 * Benchmark of the stipend engine: 100,000 random income lines (seeded, so every run sees the same
 * period) for 60 participants. Each measurement runs in a fresh child process, so its peak memory is
 * the engine's plus the input's and nothing else's. `npx node scripts/bench/stipends.ts` prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allocateStipends, type StipendInput, type StipendLine } from '../../src/stipends/allocate.ts';
import { explainAllocation } from '../../src/stipends/explain.ts';

export interface StipendBenchOptions {
  lines?: number;
  participants?: number;
  seed?: number;
  /** Also time explainAllocation, in a child of its own (default true). */
  explain?: boolean;
}

export interface StipendBenchResult {
  lines: number;
  participants: number;
  /** allocateStipends, validation included, first call: wall-clock time. */
  ms: number;
  /** CPU time of that call (user + system), which a busy machine inflates less than `ms`. */
  cpuMs: number;
  /** Peak resident set size of the child process (maxRSS), input included. */
  peakRssMb: number;
  /** V8 heap in use right after the call, result and input still alive. */
  heapUsedMb: number;
  /** Resident set size of the child once the input was built, before the engine ran. */
  inputRssMb: number;
  explainMs?: number;
  explainCpuMs?: number;
  explainPeakRssMb?: number;
}

type Mode = 'allocate' | 'explain';
interface ChildReport {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  heapUsedMb: number;
  inputRssMb: number;
}

const SELF = fileURLToPath(import.meta.url);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** mulberry32: small, fast, seeded. */
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

/** A month of a busy workshop: mostly 1–3 contributors per line, some lines without any, some refunds. */
export function benchInput(lineCount: number, participantCount: number, seed = 20261): StipendInput {
  const rnd = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const participants = Array.from({ length: participantCount }, (_, i) => ({
    id: `P${String(i + 1).padStart(3, '0')}`,
    attendanceDays: rnd() < 0.1 ? 0 : int(1, 23),
  }));
  const lines: StipendLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const r = rnd();
    const amountCents = r < 0.04 ? -int(100, 20000) : r < 0.06 ? int(1, 99) : int(100, 50000);
    const c = rnd();
    const count = c < 0.1 ? 0 : c < 0.6 ? 1 : c < 0.9 ? 2 : 3;
    const contributions = Array.from({ length: count }, () => ({
      participantId: participants[int(0, participantCount - 1)]!.id,
      weight: rnd() < 0.03 ? 0 : int(25, 800),
    }));
    lines.push({ id: `L${i + 1}`, amountCents, contributions });
  }
  return {
    period: '2026-10',
    policy: { poolShareBps: 7000, deductCosts: true, baseAmountCents: 15000, capCents: 3_500_000 },
    workdays: 21,
    participants,
    lines,
    costsCents: 12_345_678,
  };
}

function measure(mode: Mode, opts: Required<StipendBenchOptions>): ChildReport {
  const input = benchInput(opts.lines, opts.participants, opts.seed);
  const inputRss = process.memoryUsage().rss;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const out = mode === 'allocate' ? allocateStipends(input) : explainAllocation(input);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const heapUsed = process.memoryUsage().heapUsed;
  // Keep the output alive until the heap was read.
  if (!out) throw new Error('no output');
  return {
    ms: Math.round(ms * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    peakRssMb: mb(Math.max(process.resourceUsage().maxRSS * 1024, process.memoryUsage().rss)),
    heapUsedMb: mb(heapUsed),
    inputRssMb: mb(inputRss),
  };
}

function inChild(mode: Mode, opts: Required<StipendBenchOptions>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SELF, '--child', mode, JSON.stringify(opts)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`stipend bench child (${mode}) exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** Times allocateStipends (and explainAllocation) on a generated period, each in a fresh process. */
export async function benchStipends(options: StipendBenchOptions = {}): Promise<StipendBenchResult> {
  const opts: Required<StipendBenchOptions> = {
    lines: options.lines ?? 100_000,
    participants: options.participants ?? 60,
    seed: options.seed ?? 20261,
    explain: options.explain ?? true,
  };
  const allocate = await inChild('allocate', opts);
  const result: StipendBenchResult = { lines: opts.lines, participants: opts.participants, ...allocate };
  if (opts.explain) {
    const explain = await inChild('explain', opts);
    result.explainMs = explain.ms;
    result.explainCpuMs = explain.cpuMs;
    result.explainPeakRssMb = explain.peakRssMb;
  }
  return result;
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === '--child') {
    const mode = process.argv[3] as Mode;
    console.log(JSON.stringify(measure(mode, JSON.parse(process.argv[4]!) as Required<StipendBenchOptions>)));
  } else {
    console.log(JSON.stringify(await benchStipends()));
  }
}
