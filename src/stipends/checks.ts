/**
 * What would block or distort the payment of a draft month, listed on its page before the finalise
 * button: blocking problems (finalising is refused while any remain) and warnings (the month can be
 * finalised, but the amounts may not be what was meant). Each comes with a sentence and a link to fix it.
 */
import { formatCents } from '../lib/money.ts';
import { workdaysIn } from '../lib/workdays.ts';
import { periodWithoutAttendance, withoutIban, type Actor } from '../participants/service.ts';
import { localeOf, localized, translate, type Lang } from '../web/i18n.ts';
import type { StipendResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { LineLabel, PeriodSettings, PersonLabel } from './inputs.ts';

export type ProblemKind =
  | 'noIban'
  | 'overWorkdays'
  | 'noContributions'
  | 'noAttendance'
  | 'workdaysDiffer'
  | 'unallocated';

export interface ProblemLink {
  href: string;
  text: string;
}

export interface Problem {
  kind: ProblemKind;
  /** The participant, product or job it is about (for tests and anchors); '' for the month. */
  subject: string;
  text: string;
  links: ProblemLink[];
}

export interface DraftChecks {
  blocking: Problem[];
  warnings: Problem[];
  /** One link for every missing bank account at once (the bulk page, filtered to those people). */
  ibanPage: ProblemLink | null;
}

/** What the checks read: the draft's input and result, as `computeDraft` gives them. */
export interface DraftView {
  input: StipendInput;
  result: StipendResult;
  lineLabels: Record<string, LineLabel>;
  names: Record<string, PersonLabel>;
}

export interface MissingIban {
  id: string;
  displayName: string;
  code: string;
  totalCents: number;
}

/**
 * Participants the draft gives an amount to who have no bank account: the SEPA payment file needs
 * every one, so finalising is refused while any remain. Reads only whether an account is stored
 * (nothing is decrypted), and the participants module records the look.
 */
export async function payeesWithoutIban(
  period: string,
  result: StipendResult,
  actor: Actor,
): Promise<MissingIban[]> {
  const totals = new Map(
    result.participants.filter((p) => p.totalCents > 0).map((p) => [p.id, p.totalCents]),
  );
  if (totals.size === 0) return [];
  const missing = await withoutIban([...totals.keys()], actor, `stipends:${period}:checks`);
  return missing.map((p) => ({ ...p, totalCents: totals.get(p.id)! }));
}

function nameOf(p: { displayName: string; code: string }): string {
  return p.code ? `${p.displayName} (${p.code})` : p.displayName;
}

/** The names for the refusal message: "Ona (A-1), Jonas (B-2)". */
export function namesOf(people: { displayName: string; code: string }[]): string {
  return people.map(nameOf).join(', ');
}

interface TargetGroup {
  kind: 'product' | 'job';
  targetId: string;
  title: { lt: string; en: string };
  amountCents: number;
}

/** Income lines nobody is recorded as contributing to, added up per good or job. */
function linesWithoutContributions(draft: DraftView): TargetGroup[] {
  const groups = new Map<string, TargetGroup>();
  for (const line of draft.input.lines) {
    if (line.contributions.some((c) => c.weight > 0)) continue;
    const label = draft.lineLabels[line.id];
    const kind = label?.kind ?? 'product';
    const targetId = label?.targetId ?? '';
    const key = `${kind}:${targetId}`;
    const group = groups.get(key) ?? {
      kind,
      targetId,
      title: label?.title ?? { lt: '', en: '' },
      amountCents: 0,
    };
    group.amountCents += line.amountCents;
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.amountCents !== 0);
}

/** Every problem of a draft month, in the page's language. */
export async function draftChecks(
  period: string,
  draft: DraftView,
  settings: PeriodSettings & { saved: boolean },
  lang: Lang,
  actor: Actor,
): Promise<DraftChecks> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  const attendance = `/admin/attendance?period=${period}`;
  const grid = `/admin/contributions?period=${period}`;
  const workdays = draft.input.workdays;

  const missing = await payeesWithoutIban(period, draft.result, actor);
  const blocking: Problem[] = missing.map((p) => ({
    kind: 'noIban',
    subject: p.id,
    text: t('checks.noIban', { name: nameOf(p), amount: money(p.totalCents) }),
    links: [
      { href: `/admin/participants/${p.id}/edit`, text: t('checks.noIban.fix', { name: p.displayName }) },
    ],
  }));
  const ibanPage =
    missing.length > 0
      ? {
          href: `/admin/participants/ibans?ids=${missing.map((p) => p.id).join(',')}&period=${period}`,
          text: t('checks.noIban.bulk', { count: missing.length }),
        }
      : null;

  const warnings: Problem[] = [];
  for (const p of draft.input.participants) {
    if (p.attendanceDays <= workdays) continue;
    const person = draft.names[p.id] ?? { displayName: p.id, code: '' };
    warnings.push({
      kind: 'overWorkdays',
      subject: p.id,
      text: t('checks.overWorkdays', { name: nameOf(person), days: p.attendanceDays, workdays }),
      links: [
        { href: attendance, text: t('checks.overWorkdays.fix', { period }) },
        { href: '#settings-heading', text: t('checks.overWorkdays.rules') },
      ],
    });
  }

  const anyDays = draft.input.participants.some((p) => p.attendanceDays > 0);
  for (const g of linesWithoutContributions(draft)) {
    const title =
      localized(g.title, lang) || t(g.kind === 'job' ? 'stipend.line.job' : 'stipend.line.product');
    const href =
      g.kind === 'job' && g.targetId
        ? `${grid}&job=${g.targetId}`
        : g.targetId
          ? `${grid}&add=${g.targetId}`
          : grid;
    warnings.push({
      kind: 'noContributions',
      subject: g.targetId,
      text: `${t(`checks.noContributions.${g.kind}`, { title, amount: money(g.amountCents) })} ${t(
        anyDays ? 'checks.noContributions.byDays' : 'checks.noContributions.toNobody',
      )}`,
      links: [{ href, text: t('checks.noContributions.fix') }],
    });
  }

  const absent = await periodWithoutAttendance(period);
  if (absent.length > 0) {
    warnings.push({
      kind: 'noAttendance',
      subject: absent.map((p) => p.id).join(','),
      text: t('checks.noAttendance', { names: namesOf(absent) }),
      links: [{ href: `${attendance}&missing=1`, text: t('checks.noAttendance.fix') }],
    });
  }

  const calendar = workdaysIn(period);
  if (settings.saved && settings.workdays !== calendar) {
    warnings.push({
      kind: 'workdaysDiffer',
      subject: '',
      text: t('checks.workdaysDiffer', { workdays: settings.workdays, calendar }),
      links: [{ href: '#settings-heading', text: t('checks.workdaysDiffer.fix') }],
    });
  }

  if (draft.result.unallocatedCents > 0) {
    warnings.push({
      kind: 'unallocated',
      subject: '',
      text: t('checks.unallocated', { amount: money(draft.result.unallocatedCents) }),
      links: [{ href: '#computation-heading', text: t('checks.unallocated.fix') }],
    });
  }

  return { blocking, warnings, ibanPage };
}
