import { productsByIds } from '../catalog/service.ts';
import { shiftPeriod, vilniusPeriod } from '../lib/dates.ts';
import type { FileStorage } from '../media/storage.ts';
import { getJobSummary } from '../services/service.ts';
import { getFinalised, monthInWords, statementsOf } from '../stipends/service.ts';
import { localized, type Lang } from '../web/i18n.ts';
import { currentConsents, type ConsentState } from './consent.ts';
import { Attendance, Contribution, type ConsentKind, type ParticipantDoc } from './model.ts';

/** How many months back the page lists (the current one included). */
export const OWN_MONTHS = 12;

export interface OwnItem {
  label: string;
  photoUrl: string | null;
  job: boolean;
}

export interface OwnMonthView {
  period: string;
  label: string;
  days: number;
  items: OwnItem[];
  /** "And 3 more things." on a finalised month with more than its statement shows. */
  more: string | null;
  /** A finalised month where nothing the person made was sold: the statement's sentence for it. */
  nothingSold: string | null;
  /** The stipend, once the month is finalised; null while it is not counted yet. */
  amount: string | null;
  counted: boolean;
  paidOn: string | null;
}

export interface OwnPage {
  name: string;
  months: { period: string; label: string; current: boolean }[];
  month: OwnMonthView;
  consents: Record<ConsentKind, ConsentState>;
}

/** The months the page offers: from the person's start (at most a year back) to now or their end. */
export function ownMonths(p: Pick<ParticipantDoc, 'startDate' | 'endDate'>, now = new Date()): string[] {
  const last = [vilniusPeriod(now), p.endDate?.slice(0, 7) ?? '9999-12'].sort()[0]!;
  const first = [p.startDate.slice(0, 7), shiftPeriod(last, -(OWN_MONTHS - 1))].sort().at(-1)!;
  const months: string[] = [];
  for (let m = last; m >= first; m = shiftPeriod(m, -1)) months.push(m);
  return months;
}

async function draftItems(
  participantId: string,
  period: string,
  lang: Lang,
  storage: FileStorage,
): Promise<OwnItem[]> {
  const work = await Contribution.find({ period, participantId, weight: { $gt: 0 } }).lean();
  const productIds = work.filter((w) => w.targetKind === 'product').map((w) => w.targetId);
  const products = await productsByIds(productIds);
  const items: OwnItem[] = products.map((prod) => ({
    label: localized(prod.title, lang),
    photoUrl: prod.images[0] ? storage.publicUrl(prod.images[0].thumbKey) : null,
    job: false,
  }));
  for (const w of work.filter((x) => x.targetKind === 'job')) {
    const job = await getJobSummary(w.targetId);
    if (job) items.push({ label: job.title, photoUrl: null, job: true });
  }
  return items;
}

/**
 * One month of the person's own page: the days they came, what they worked on (with the goods'
 * photos), and their stipend once the month is finalised — the same amount and things as their
 * statement, since both are read from the frozen month.
 */
export async function ownMonth(
  p: ParticipantDoc,
  period: string,
  lang: Lang,
  ctx: { storage: FileStorage; organisationName: string },
): Promise<OwnMonthView> {
  const id = String(p._id);
  const [attendance, fin] = await Promise.all([
    Attendance.findOne({ period, participantId: id }).lean(),
    getFinalised(period),
  ]);
  const base = { period, label: monthInWords(period, lang), days: attendance?.days ?? 0 };
  const statement = fin ? (await statementsOf(fin, lang, ctx.organisationName, id))[0] : undefined;
  if (fin && statement) {
    return {
      ...base,
      items: statement.items.map((i) => ({
        label: i.label,
        photoUrl: i.photoKey ? ctx.storage.publicUrl(i.photoKey) : null,
        job: i.kind === 'job',
      })),
      more: statement.more,
      nothingSold: statement.nothingSold,
      amount: statement.amount,
      counted: true,
      paidOn: fin.paid?.paidOn ?? null,
    };
  }
  return {
    ...base,
    items: await draftItems(id, period, lang, ctx.storage),
    more: null,
    nothingSold: null,
    amount: null,
    counted: Boolean(fin),
    paidOn: null,
  };
}

export async function ownPage(
  p: ParticipantDoc,
  period: string,
  lang: Lang,
  ctx: { storage: FileStorage; organisationName: string },
  now = new Date(),
): Promise<OwnPage> {
  const [month, consents] = await Promise.all([ownMonth(p, period, lang, ctx), currentConsents(p)]);
  return {
    name: p.displayName,
    months: ownMonths(p, now).map((m) => ({
      period: m,
      label: monthInWords(m, lang),
      current: m === period,
    })),
    month,
    consents,
  };
}
