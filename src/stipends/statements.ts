import { productsByIds } from '../catalog/service.ts';
import { formatCents } from '../lib/money.ts';
import { printableThumb } from '../media/images.ts';
import type { FileStorage } from '../media/storage.ts';
import type { StatementPage } from '../pdf/types.ts';
import { localeOf, localized, translate, translatePlural, type Lang } from '../web/i18n.ts';
import type { ParticipantResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { ParticipantExplanation } from './explain.ts';
import type { LineLabel, PersonLabel } from './inputs.ts';
import { explainFrozen } from './outputs.ts';
import type { Finalised } from './service.ts';

/**
 * A participant's easy-read statement, the same words on the page and in the PDF: the one amount
 * they get, the days they came, what they helped make (with the product photos) and one sentence
 * on how it was counted. Short enough to print on one A4 sheet: at most SHOWN_ITEMS things are
 * listed, the rest counted in words.
 */

export const SHOWN_ITEMS = 4;

export interface StatementItem {
  kind: 'product' | 'job';
  label: string;
  /** The product's main photo (its thumbnail's storage key); jobs have none. */
  photoKey: string | null;
}

export interface Statement {
  id: string;
  participantName: string;
  code: string;
  totalCents: number;
  heading: string;
  month: string;
  youGet: string;
  amount: string;
  days: string;
  /** The heading over the things bought, or null when nothing the person made was sold. */
  madeHeading: string | null;
  items: StatementItem[];
  /** "And 3 more things.", or null. */
  more: string | null;
  nothingSold: string | null;
  howHeading: string;
  how: string;
  questions: string;
  from: string;
}

/** Everything a statement says, in reading order (the page and the PDF print exactly these). */
export function statementTexts(s: Statement): string[] {
  return [
    s.heading,
    s.month,
    s.youGet,
    s.amount,
    s.days,
    ...(s.madeHeading ? [s.madeHeading] : []),
    ...s.items.map((i) => i.label),
    ...(s.more ? [s.more] : []),
    ...(s.nothingSold ? [s.nothingSold] : []),
    s.howHeading,
    s.how,
    s.questions,
    s.from,
  ];
}

/** "2026 metų spalis", "October 2026": the month in words (no "m." abbreviation). */
export function monthInWords(period: string, lang: Lang): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const name = new Intl.DateTimeFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
  return translate(lang, 'statement.month', { year, month: name });
}

/** Which one sentence says how the amount was counted. */
function howKey(p: ParticipantResult, days: number, poolCents: number): string {
  if (p.totalCents === 0) {
    if (poolCents === 0) return 'statement.how.nothingSold';
    return days === 0 ? 'statement.how.noDays' : 'statement.how.none';
  }
  if (p.capped) return 'statement.how.capped';
  if (p.baseCents > 0 && p.performanceCents > 0) return 'statement.how.both';
  return p.baseCents > 0 ? 'statement.how.days' : 'statement.how.sales';
}

function itemLabel(label: LineLabel, lang: Lang): string {
  const title = localized(label.title, lang);
  if (label.kind === 'job')
    return title
      ? translate(lang, 'statement.item.job', { title })
      : translate(lang, 'statement.item.jobUntitled');
  return title || translate(lang, 'statement.item.product');
}

/**
 * The things a person helped make that were sold: lines their contributions named (not lines
 * shared out by attendance), grouped by product or job, refunds netted; the largest share first.
 */
function madeItems(
  explained: ParticipantExplanation | undefined,
  labels: Record<string, LineLabel>,
  covers: ReadonlyMap<string, string>,
  lang: Lang,
): StatementItem[] {
  const groups = new Map<string, StatementItem & { shareCents: number }>();
  for (const line of explained?.lines ?? []) {
    const label = labels[line.lineId];
    if (!label || line.rule !== 'contributions' || line.weight <= 0) continue;
    const key = `${label.kind}:${label.targetId}`;
    const group = groups.get(key) ?? {
      kind: label.kind,
      label: itemLabel(label, lang),
      photoKey: label.kind === 'product' ? (covers.get(label.targetId) ?? null) : null,
      shareCents: 0,
    };
    group.shareCents += line.shareCents;
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.shareCents > 0)
    .sort((a, b) => b.shareCents - a.shareCents || a.label.localeCompare(b.label, localeOf(lang)))
    .map(({ kind, label, photoKey }) => ({ kind, label, photoKey }));
}

export interface StatementFacts {
  period: string;
  input: StipendInput;
  poolCents: number;
  participant: ParticipantResult;
  explained: ParticipantExplanation | undefined;
  lineLabels: Record<string, LineLabel>;
  person: PersonLabel | undefined;
  /** Product id → its main photo's thumbnail key. */
  covers: ReadonlyMap<string, string>;
  organisationName: string;
}

/** One statement from the frozen figures (pure: the tests render every case through it). */
export function composeStatement(f: StatementFacts, lang: Lang): Statement {
  const p = f.participant;
  const days = f.input.participants.find((x) => x.id === p.id)?.attendanceDays ?? 0;
  const name = f.person?.displayName ?? p.id;
  const made = madeItems(f.explained, f.lineLabels, f.covers, lang);
  const hidden = made.length - SHOWN_ITEMS;
  return {
    id: p.id,
    participantName: name,
    code: f.person?.code ?? '',
    totalCents: p.totalCents,
    heading: translate(lang, 'statement.heading', { name }),
    month: monthInWords(f.period, lang),
    youGet: translate(lang, 'statement.youGet'),
    amount: formatCents(p.totalCents, localeOf(lang)),
    days: translatePlural(lang, 'statement.days', days, { workdays: f.input.workdays }),
    madeHeading: made.length > 0 ? translate(lang, 'statement.made') : null,
    items: made.slice(0, SHOWN_ITEMS),
    more: hidden > 0 ? translatePlural(lang, 'statement.more', hidden) : null,
    nothingSold: made.length === 0 ? translate(lang, 'statement.nothingSold') : null,
    howHeading: translate(lang, 'statement.how'),
    how: translate(lang, howKey(p, days, f.poolCents)),
    questions: translate(lang, 'statement.questions'),
    from: translate(lang, 'statement.from', { organisation: f.organisationName }),
  };
}

/** The statements of a finalised month, all of them or one participant's (none for an unknown id). */
export async function statementsOf(
  fin: Finalised,
  lang: Lang,
  organisationName: string,
  participantId?: string,
): Promise<Statement[]> {
  const participants = fin.result.participants.filter((p) => !participantId || p.id === participantId);
  if (participants.length === 0) return [];
  const { explanation } = explainFrozen(fin.input, fin.result);
  const productIds = [
    ...new Set(
      Object.values(fin.lineLabels)
        .filter((l) => l.kind === 'product')
        .map((l) => l.targetId),
    ),
  ];
  const covers = new Map<string, string>();
  for (const product of await productsByIds(productIds)) {
    const cover = product.images[0];
    if (cover) covers.set(String(product._id), cover.thumbKey);
  }
  return participants.map((participant) =>
    composeStatement(
      {
        period: fin.period,
        input: fin.input,
        poolCents: fin.result.poolCents,
        participant,
        explained: explanation.participants.find((x) => x.id === participant.id),
        lineLabels: fin.lineLabels,
        person: fin.names[participant.id],
        covers,
        organisationName,
      },
      lang,
    ),
  );
}

/** The statements as the PDF prints them: the same texts, each product photo read once as a JPEG. */
export async function statementPages(
  statements: Statement[],
  storage: FileStorage,
): Promise<StatementPage[]> {
  const photos = new Map<string, Promise<Buffer | null>>();
  const photo = (key: string) => {
    let p = photos.get(key);
    if (!p) {
      p = printableThumb(storage, key);
      photos.set(key, p);
    }
    return p;
  };
  return Promise.all(
    statements.map(async (s) => ({
      heading: s.heading,
      month: s.month,
      youGet: s.youGet,
      amount: s.amount,
      days: s.days,
      madeHeading: s.madeHeading,
      items: await Promise.all(
        s.items.map(async (i) => ({
          kind: i.kind,
          label: i.label,
          photo: i.photoKey ? await photo(i.photoKey) : null,
        })),
      ),
      more: s.more,
      nothingSold: s.nothingSold,
      howHeading: s.howHeading,
      how: s.how,
      questions: s.questions,
      from: s.from,
    })),
  );
}
