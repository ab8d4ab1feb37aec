import { vilniusDayStart, vilniusPeriod } from '../lib/dates.ts';

/**
 * The demo's history (orders placed last month, a quote declined and sent again, an invoice paid…)
 * is made by the modules' own service functions, which stamp everything with the current time. To
 * give each step its day, the seed runs it on a shifted clock: `Date.now()` and `new Date()` read
 * the step's moment (and time runs on from there), so orders, timelines, e-mails, invoices, ledger
 * entries and even the ids' timestamps agree with each other.
 *
 * The clock is process-wide, so it is only used while seeding, before the server takes requests
 * (or in a test's `before` hook), and the real clock is always put back.
 */
const RealDate = Date;
let offsetMs = 0;

const ShiftedDate = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    if (args.length === 0) return new RealDate(RealDate.now() + offsetMs);
    return Reflect.construct(target, args, newTarget) as object;
  },
  apply() {
    return new RealDate(RealDate.now() + offsetMs).toString();
  },
  get(target, prop, receiver) {
    if (prop === 'now') return () => RealDate.now() + offsetMs;
    return Reflect.get(target, prop, receiver) as unknown;
  },
});

export interface Step {
  at: Date;
  run: () => Promise<void>;
}

/**
 * Runs the steps in the order of their moments (steps with the same moment in the order given),
 * each with the clock set to its moment. A step must not be in the future.
 */
export async function replay(steps: Step[]): Promise<void> {
  const now = RealDate.now();
  const late = steps.find((s) => s.at.getTime() > now);
  if (late) throw new Error(`A demo step is in the future: ${late.at.toISOString()}`);
  const ordered = steps
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
  globalThis.Date = ShiftedDate;
  try {
    for (const step of ordered) {
      offsetMs = step.at.getTime() - RealDate.now();
      await step.run();
    }
  } finally {
    offsetMs = 0;
    globalThis.Date = RealDate;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A Vilnius month, split into its parts. */
function ym(period: string): [number, number] {
  return period.split('-').map(Number) as [number, number];
}

/**
 * Moments of the demo's two months, relative to `now`: the previous month (fixed days, always past)
 * and the current one (a fraction of the working hours elapsed so far, so always past too).
 */
export class Calendar {
  readonly now: Date;
  readonly current: string;
  readonly previous: string;

  constructor(now: Date) {
    this.now = now;
    this.current = vilniusPeriod(now);
    const [y, m] = ym(this.current);
    this.previous = vilniusPeriod(new RealDate(vilniusDayStart(y, m, 1).getTime() - HOUR));
  }

  /** Day `day` (1–28) of the previous month at hh:mm, Vilnius time. */
  prev(day: number, hh: number, mm = 0): Date {
    const [y, m] = ym(this.previous);
    return new RealDate(vilniusDayStart(y, m, day).getTime() + hh * HOUR + mm * MINUTE);
  }

  /** The calendar date of day `day` of the previous month. */
  prevDate(day: number): string {
    return `${this.previous}-${String(day).padStart(2, '0')}`;
  }

  /**
   * The moment `f` (0–1) of the way through this month's working hours so far (8:00–18:00 each day,
   * up to a minute ago). Increasing `f` gives later moments; early on the 1st, before any working
   * hour, the time since midnight is shared instead.
   */
  cur(f: number): Date {
    const [y, m] = ym(this.current);
    const end = this.now.getTime() - MINUTE;
    const windows: [number, number][] = [];
    for (let d = 1; ; d++) {
      const start = vilniusDayStart(y, m, d).getTime();
      if (start > end || vilniusPeriod(new RealDate(start)) !== this.current) break;
      const from = start + 8 * HOUR;
      const to = Math.min(start + 18 * HOUR, end);
      if (to > from) windows.push([from, to]);
    }
    const total = windows.reduce((s, [a, b]) => s + (b - a), 0);
    if (total < 10 * MINUTE) {
      const start = vilniusDayStart(y, m, 1).getTime();
      return new RealDate(start + f * (this.now.getTime() - start));
    }
    let left = f * total;
    for (const [a, b] of windows) {
      if (left <= b - a) return new RealDate(a + left);
      left -= b - a;
    }
    return new RealDate(windows.at(-1)![1]);
  }
}
