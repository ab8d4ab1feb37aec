import { formatCents } from '../lib/money.ts';
import type { StatementPdfData } from '../pdf/types.ts';
import { localeOf, localized, translate, type Lang } from '../web/i18n.ts';
import type { ParticipantResult } from './allocate.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { StipendResult } from './allocate.ts';
import {
  StipendResultMismatchError,
  explainAllocation,
  type AllocationExplanation,
  type LineShareExplanation,
} from './explain.ts';
import type { LineLabel, PersonLabel } from './inputs.ts';

/**
 * The explanation of a frozen period. Should the engine of today compute something else from the
 * frozen input (it changed since), the frozen figures stay what is shown and paid, `matches` is
 * false so the page can say so, and the explanation is today's reading of the same input.
 */
export function explainFrozen(
  input: StipendInput,
  result: StipendResult,
): { explanation: AllocationExplanation; matches: boolean } {
  try {
    return { explanation: explainAllocation(input, result), matches: true };
  } catch (err) {
    if (!(err instanceof StipendResultMismatchError)) throw err;
    const today = explainAllocation(input);
    const frozen = new Map(result.participants.map((p) => [p.id, p]));
    return {
      explanation: {
        ...today,
        result,
        participants: today.participants.map((p) => ({ ...p, result: frozen.get(p.id) ?? p.result })),
      },
      matches: false,
    };
  }
}

/** What a line was, in words: the product's title or "service work", and the order/invoice. */
export function lineText(label: LineLabel | undefined, lang: Lang): string {
  if (!label) return translate(lang, 'stipend.line.unknown');
  const title = localized(label.title, lang);
  const what =
    label.kind === 'job'
      ? title
        ? translate(lang, 'stipend.line.jobTitled', { title })
        : translate(lang, 'stipend.line.job')
      : title || translate(lang, 'stipend.line.product');
  const key = label.refund ? 'stipend.line.refundOf' : 'stipend.line.saleOf';
  return translate(lang, key, { what, reference: label.reference });
}

/** Shares grouped by what was sold (product or job), refunds netted: the easy-read list. */
export function statementItems(
  shares: LineShareExplanation[],
  labels: Record<string, LineLabel>,
  lang: Lang,
): { label: string; amountCents: number }[] {
  const groups = new Map<string, { label: string; amountCents: number }>();
  for (const s of shares) {
    const label = labels[s.lineId];
    const key = label ? `${label.kind}:${label.targetId}` : s.lineId;
    const what = !label
      ? translate(lang, 'stipend.line.unknown')
      : label.kind === 'job'
        ? translate(lang, 'statement.item.job', { title: localized(label.title, lang) || label.reference })
        : localized(label.title, lang) || translate(lang, 'stipend.line.product');
    const g = groups.get(key) ?? { label: what, amountCents: 0 };
    g.amountCents += s.shareCents;
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.amountCents !== 0);
}

/** Short easy-read sentences: how the amount was reached. */
export function statementSentences(
  p: ParticipantResult,
  input: StipendInput,
  lang: Lang,
  easy = true,
): string[] {
  const money = (c: number) => formatCents(c, localeOf(lang));
  const days = input.participants.find((x) => x.id === p.id)?.attendanceDays ?? 0;
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params, easy);
  const out = [t('statement.says.days', { days, workdays: input.workdays })];
  out.push(t('statement.says.base', { amount: money(p.baseCents) }));
  if (p.attributedSalesCents > 0) {
    out.push(t('statement.says.sales', { amount: money(p.attributedSalesCents) }));
    out.push(
      p.performanceCents > 0 || p.capped
        ? t('statement.says.performance', { amount: money(p.performanceCents) })
        : t('statement.says.noPerformance'),
    );
  } else {
    out.push(t('statement.says.noSales'));
  }
  if (p.capped && input.policy.capCents !== null)
    out.push(t('statement.says.capped', { cap: money(input.policy.capCents) }));
  out.push(t('statement.says.total', { amount: money(p.totalCents) }));
  return out;
}

export interface StatementSource {
  period: string;
  input: StipendInput;
  participants: ParticipantResult[];
  lineLabels: Record<string, LineLabel>;
  names: Record<string, PersonLabel>;
}

/** Data of one participant's statement (HTML page and PDF share it). */
export function statementData(
  src: StatementSource,
  participantId: string,
  organisationName: string,
  lang: Lang,
  explanation = explainAllocation(src.input),
): StatementPdfData | null {
  const p = src.participants.find((x) => x.id === participantId);
  const explained = explanation.participants.find((x) => x.id === participantId);
  if (!p) return null;
  return {
    lang,
    period: src.period,
    participantName: src.names[p.id]?.displayName ?? p.id,
    organisationName,
    totalCents: p.totalCents,
    baseCents: p.baseCents,
    performanceCents: p.performanceCents,
    attributedSalesCents: p.attributedSalesCents,
    items: statementItems(explained?.lines ?? [], src.lineLabels, lang),
    explanation: statementSentences(p, src.input, lang),
  };
}
