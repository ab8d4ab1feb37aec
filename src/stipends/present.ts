import { formatCents } from '../lib/money.ts';
import { formatHours } from '../participants/service.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import type { StipendInput } from './engine-schemas.ts';
import type { AllocationExplanation, ParticipantExplanation } from './explain.ts';
import type { LineLabel, PersonLabel } from './inputs.ts';
import { lineText } from './outputs.ts';

function percent(bps: number, lang: Lang): string {
  return `${new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

/** One participant's allocation in plain words: the lines, the rule, base, performance share, cap. */
function presentParticipant(
  p: ParticipantExplanation,
  labels: Record<string, LineLabel>,
  names: Record<string, PersonLabel>,
  lang: Lang,
) {
  const money = (c: number) => formatCents(c, localeOf(lang));
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const says: string[] = [];
  if (p.lines.length === 0) says.push(t('stipend.explain.noLines'));
  else says.push(t('stipend.explain.lines', { total: money(p.linesTotalCents) }));
  if (p.clamp === 'negative_counts_as_zero') says.push(t('stipend.explain.clamped'));
  says.push(
    t('stipend.explain.base', {
      amount: money(p.base.baseAmountCents),
      days: p.base.countedDays,
      workdays: p.base.workdays,
      base: money(p.base.byDaysCents),
    }),
  );
  if (p.base.rule === 'scaled_to_pool')
    says.push(t('stipend.explain.baseScaled', { base: money(p.base.baseCents) }));
  if (p.performance.rule === 'attributed_share' && p.performance.attributedTotalCents > 0) {
    says.push(
      t('stipend.explain.performance', {
        attributed: money(p.performance.attributedCents),
        total: money(p.performance.attributedTotalCents),
        pool: money(p.performance.performancePoolCents),
        amount: money(p.performance.performanceCents),
      }),
    );
  } else {
    says.push(t('stipend.explain.noPerformance'));
  }
  if (p.cap?.capped)
    says.push(t('stipend.explain.capped', { cap: money(p.cap.capCents), cut: money(p.cap.cutCents) }));
  if (p.cap && p.cap.receivedCents > 0)
    says.push(t('stipend.explain.received', { amount: money(p.cap.receivedCents) }));
  says.push(t('stipend.explain.total', { amount: money(p.result.totalCents) }));
  return {
    id: p.id,
    name: names[p.id]?.displayName ?? p.id,
    code: names[p.id]?.code ?? '',
    attendanceDays: p.base.attendanceDays,
    result: p.result,
    lines: p.lines.map((l) => ({
      text: lineText(labels[l.lineId], lang),
      amountCents: l.amountCents,
      rule:
        l.rule === 'attendance'
          ? t('stipend.rule.attendance', { weight: l.weight, total: l.totalWeight })
          : t('stipend.rule.contributions', {
              weight: formatHours(l.weight, lang),
              total: formatHours(l.totalWeight, lang),
            }),
      shareCents: l.shareCents,
    })),
    says,
  };
}

/** The period's computation as the period page shows it. */
export function presentComputation(
  explanation: AllocationExplanation,
  input: StipendInput,
  labels: Record<string, LineLabel>,
  names: Record<string, PersonLabel>,
  lang: Lang,
) {
  const money = (c: number) => formatCents(c, localeOf(lang));
  const b = explanation.basis;
  const summary = [
    translate(lang, 'stipend.explain.basis', {
      lines: money(b.sumLinesCents),
      count: explanation.lines.count,
    }),
    b.deductCosts
      ? translate(lang, 'stipend.explain.costsDeducted', {
          costs: money(b.costsCents),
          basis: money(b.basisCents),
        })
      : translate(lang, 'stipend.explain.costsKept', { basis: money(b.basisCents) }),
    translate(lang, 'stipend.explain.pool', {
      share: percent(b.poolShareBps, lang),
      pool: money(b.poolCents),
      reserve: money(b.reserveCents),
    }),
    explanation.base.rule === 'scaled_to_pool'
      ? translate(lang, 'stipend.explain.basesScaled', {
          bases: money(explanation.base.byDaysTotalCents),
          pool: money(explanation.base.poolCents),
        })
      : translate(lang, 'stipend.explain.bases', {
          bases: money(explanation.base.baseTotalCents),
          performance: money(explanation.performance.performancePoolCents),
        }),
  ];
  if (explanation.lines.unattributed.length > 0)
    summary.push(
      translate(lang, 'stipend.explain.unattributed', { count: explanation.lines.unattributed.length }),
    );
  if (explanation.unallocated.totalCents > 0)
    summary.push(
      translate(lang, 'stipend.explain.unallocated', { amount: money(explanation.unallocated.totalCents) }),
    );
  const nameOf = (id: string) => names[id]?.displayName ?? id;
  const lines = input.lines.map((l) => ({
    id: l.id,
    text: lineText(labels[l.id], lang),
    amountCents: l.amountCents,
    who: l.contributions
      .map(
        (c) =>
          `${nameOf(c.participantId)} (${translate(lang, 'stipend.hours', { hours: formatHours(c.weight, lang) })})`,
      )
      .join(', '),
  }));
  // The allocation table's totals row: each amount column added up, as the accountant's CSV adds it.
  const totals = { attributedSalesCents: 0, baseCents: 0, performanceCents: 0, totalCents: 0 };
  for (const { result: r } of explanation.participants) {
    totals.attributedSalesCents += r.attributedSalesCents;
    totals.baseCents += r.baseCents;
    totals.performanceCents += r.performanceCents;
    totals.totalCents += r.totalCents;
  }
  return {
    result: explanation.result,
    summary,
    lines,
    participants: explanation.participants.map((p) => presentParticipant(p, labels, names, lang)),
    totals,
  };
}
