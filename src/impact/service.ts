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

/** The years with shown months, newest first, each with its months oldest first. */
export async function impactYears(): Promise<ImpactYear[]> {
  const summaries = (await finalisedSummaries()).filter((s) => s.people >= MIN_PEOPLE);
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

let supported: { at: number; people: number | null; pending?: Promise<void> } | null = null;
const SUPPORTED_TTL_MS = 5 * 60 * 1000;

/**
 * How many people the latest shown month paid a stipend to (null when no month is shown), for the
 * "your purchase supports N people" line. Kept in memory for a few minutes and refreshed in the
 * background, so the public pages that show it never wait for the database after the first time.
 */
export async function supportedPeople(now = Date.now()): Promise<number | null> {
  const refresh = async () => {
    const years = await impactYears();
    const latest = years[0]?.months.at(-1);
    supported = { at: Date.now(), people: latest ? latest.people : null };
  };
  if (!supported) {
    await refresh();
    return supported!.people;
  }
  if (now - supported.at > SUPPORTED_TTL_MS && !supported.pending) {
    supported.pending = refresh().catch(() => {
      if (supported) supported.pending = undefined;
    });
  }
  return supported.people;
}

/** Forgets what is kept in memory (a month was just finalised, or a test starts afresh). */
export function forgetImpactCache(): void {
  supported = null;
  lockedFigures.clear();
  openFigures.clear();
}

export async function getImpactText(): Promise<{ lt: string; en: string }> {
  const doc = await ImpactText.findById('impact').lean();
  return { lt: doc?.text?.lt ?? '', en: doc?.text?.en ?? '' };
}

export async function saveImpactText(text: { lt: string; en: string }, by: string): Promise<void> {
  await ImpactText.updateOne(
    { _id: 'impact' },
    { $set: { 'text.lt': text.lt, 'text.en': text.en, updatedBy: by } },
    { upsert: true },
  );
}
