import { keptInMemory } from '../lib/kept.ts';
import { lockedAmong, monthFigures, type MonthFigures } from '../ledger/service.ts';
import { finalisedSummaries, type FinalisedSummary } from '../stipends/service.ts';
import { ImpactText } from './model.ts';

/**
 * The workshop's public impact, from the journal and the finalised stipend months. Only finalised
 * months count, and only those where at least MIN_PEOPLE people got a stipend, so nobody's amount
 * can be worked out from the figures.
 */
export const MIN_PEOPLE = 5;

export interface ImpactFigures {
  goodsCents: number;
  fairCents: number;
  servicesCents: number;
  salesCents: number;
  stipendsCents: number;
  materialsCents: number;
  /** Stipends as a share of sales, in basis points (null when there were no sales). */
  shareBps: number | null;
  people: number;
}

export interface ImpactMonth extends ImpactFigures {
  period: string;
}

export interface ImpactYear extends ImpactFigures {
  year: string;
  months: ImpactMonth[];
}

function shareOf(stipends: number, sales: number): number | null {
  return sales > 0 ? Math.round((stipends * 10_000) / sales) : null;
}

function monthOf(f: MonthFigures, s: FinalisedSummary): ImpactMonth {
  const goods = f.byChannel.web + f.byChannel.phone + f.byChannel.walk_in;
  return {
    period: f.period,
    goodsCents: goods,
    fairCents: f.byChannel.fair,
    servicesCents: f.byChannel.services,
    salesCents: f.salesCents,
    stipendsCents: f.stipendsCents,
    materialsCents: f.materialsCents,
    shareBps: shareOf(f.stipendsCents, f.salesCents),
    people: s.people,
  };
}

/** A locked month's journal cannot change any more: its figures are read once per process. */
const lockedFigures = new Map<string, MonthFigures>();

/**
 * A finalised month not yet locked can still change (a late entry dated in it), and reading it means,
 * on the default database, reading the whole journal: its figures are kept for a minute and then
 * refreshed in the background, so only the first view after a month is finalised waits for them.
 */
const OPEN_TTL_MS = 60 * 1000;
const openFigures = new Map<string, { at: number; figures: MonthFigures; refreshing: boolean }>();

async function readFigures(periods: string[]): Promise<MonthFigures[]> {
  if (periods.length === 0) return [];
  const [locked, read] = await Promise.all([lockedAmong(periods), monthFigures(periods)]);
  const now = Date.now();
  for (const f of read) {
    if (locked.has(f.period)) {
      lockedFigures.set(f.period, f);
      openFigures.delete(f.period);
    } else openFigures.set(f.period, { at: now, figures: f, refreshing: false });
  }
  return read;
}

async function figuresOf(periods: string[], now = Date.now()): Promise<Map<string, MonthFigures>> {
  const missing = periods.filter((p) => !lockedFigures.has(p) && !openFigures.has(p));
  await readFigures(missing);
  const stale = periods.filter((p) => {
    const kept = openFigures.get(p);
    return kept && !kept.refreshing && now - kept.at > OPEN_TTL_MS;
  });
  if (stale.length > 0) {
    for (const p of stale) openFigures.get(p)!.refreshing = true;
    readFigures(stale).catch(() => {
      for (const p of stale) {
        const kept = openFigures.get(p);
        if (kept) kept.refreshing = false;
      }
    });
  }
  const out = new Map<string, MonthFigures>();
  for (const p of periods) out.set(p, lockedFigures.get(p) ?? openFigures.get(p)!.figures);
  return out;
}

/**
 * The finalised months with at least MIN_PEOPLE people paid. Reading them means reading every stipend
 * claim, so they are kept for half a minute: a month just finalised shows within that time.
 */
const shownMonths = keptInMemory(30 * 1000, async () =>
  (await finalisedSummaries()).filter((s) => s.people >= MIN_PEOPLE),
);

/** The years with shown months, newest first, each with its months oldest first. */
export async function impactYears(): Promise<ImpactYear[]> {
  const summaries = await shownMonths.get();
  const figures = await figuresOf(summaries.map((s) => s.period));
  const years = new Map<string, { months: ImpactMonth[]; people: Set<string> }>();
  for (const s of summaries) {
    const year = s.period.slice(0, 4);
    const entry = years.get(year) ?? { months: [], people: new Set<string>() };
    entry.months.push(monthOf(figures.get(s.period)!, s));
    for (const id of s.peopleIds) entry.people.add(id);
    years.set(year, entry);
  }
  return [...years.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, { months, people }]) => {
      const sum = (k: keyof ImpactFigures) => months.reduce((t, m) => t + (m[k] ?? 0), 0);
      const salesCents = sum('salesCents');
      const stipendsCents = sum('stipendsCents');
      return {
        year,
        months,
        goodsCents: sum('goodsCents'),
        fairCents: sum('fairCents'),
        servicesCents: sum('servicesCents'),
        salesCents,
        stipendsCents,
        materialsCents: sum('materialsCents'),
        shareBps: shareOf(stipendsCents, salesCents),
        people: people.size,
      };
    });
}

/**
 * How many people the latest shown month paid a stipend to (null when no month is shown), for the
 * "your purchase supports N people" line on product and order pages, which never wait for the
 * database after the first time: kept for a few minutes and refreshed in the background.
 */
const supported = keptInMemory(5 * 60 * 1000, async () => {
  const latest = (await impactYears())[0]?.months.at(-1);
  return latest ? latest.people : null;
});

export function supportedPeople(): Promise<number | null> {
  return supported.get();
}

/** The workshop's own text as stored: what the staff form edits. */
export async function storedImpactText(): Promise<{ lt: string; en: string }> {
  const doc = await ImpactText.findById('impact').lean();
  return { lt: doc?.text?.lt ?? '', en: doc?.text?.en ?? '' };
}

/** The text the public page shows, kept for half a minute (a save on this instance shows at once). */
const impactText = keptInMemory(30 * 1000, storedImpactText);

/** Forgets what is kept in memory (a month was just finalised, or a test starts afresh). */
export function forgetImpactCache(): void {
  supported.forget();
  shownMonths.forget();
  impactText.forget();
  lockedFigures.clear();
  openFigures.clear();
}

export function getImpactText(): Promise<{ lt: string; en: string }> {
  return impactText.get();
}

export async function saveImpactText(text: { lt: string; en: string }, by: string): Promise<void> {
  await ImpactText.updateOne(
    { _id: 'impact' },
    { $set: { 'text.lt': text.lt, 'text.en': text.en, updatedBy: by } },
    { upsert: true },
  );
  impactText.forget();
}
