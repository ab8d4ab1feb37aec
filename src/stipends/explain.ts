/**
 * Explanation of a stipend allocation as structured data (figures and rule codes, no prose: the pages
 * translate them). It is recorded while the engine runs, so it cannot disagree with allocateStipends.
 */
import {
  runAllocation,
  type AllocationWork,
  type LineRule,
  type ParticipantResult,
  type StipendInput,
  type StipendResult,
} from './allocate.ts';

/** One line's share for one participant: weight of totalWeight (contribution weights or attendance days). */
export interface LineShareExplanation {
  lineId: string;
  amountCents: number;
  rule: Exclude<LineRule, 'nobody'>;
  weight: number;
  totalWeight: number;
  shareCents: number;
}

export interface CapRoundShare {
  round: number;
  cents: number;
}

export interface ParticipantExplanation {
  id: string;
  /** Lines that named the participant (or, by attendance, counted their days), in input order. */
  lines: LineShareExplanation[];
  /** Σ of the line shares, before a negative sum counts as 0. */
  linesTotalCents: number;
  clamp: 'none' | 'negative_counts_as_zero';
  attributedSalesCents: number;
  base: {
    /** "days": ⌊baseAmountCents · countedDays / workdays⌋; "scaled_to_pool": then split(pool, those bases). */
    rule: 'days' | 'scaled_to_pool';
    attendanceDays: number;
    countedDays: number;
    workdays: number;
    baseAmountCents: number;
    byDaysCents: number;
    /** After scaling, before the cap. */
    baseCents: number;
  };
  performance: {
    /** "attributed_share": split(P, attributed), this participant's attributedCents of attributedTotalCents. */
    rule: 'attributed_share' | 'no_attributed_sales';
    attributedCents: number;
    attributedTotalCents: number;
    performancePoolCents: number;
    /** Before the cap. */
    performanceCents: number;
  };
  /** Null when the policy has no cap. */
  cap: {
    capCents: number;
    capped: boolean;
    cutCents: number;
    receivedCents: number;
    cuts: CapRoundShare[];
    receipts: CapRoundShare[];
  } | null;
  result: ParticipantResult;
}

export interface CapRoundExplanation {
  round: number;
  cuts: { id: string; cents: number }[];
  receipts: { id: string; cents: number }[];
  receiversAttributedCents: number;
  unallocatedCents: number;
}

export interface AllocationExplanation {
  period: string;
  basis: {
    sumLinesCents: number;
    costsCents: number;
    deductCosts: boolean;
    basisCents: number;
    poolShareBps: number;
    poolCents: number;
    reserveCents: number;
  };
  lines: {
    count: number;
    byRule: Record<LineRule, number>;
    /** Lines with no weights and no attendance: their amount is counted in the basis but attributed to nobody. */
    unattributed: { lineId: string; amountCents: number }[];
  };
  base: {
    rule: 'days' | 'scaled_to_pool';
    workdays: number;
    baseAmountCents: number;
    byDaysTotalCents: number;
    poolCents: number;
    baseTotalCents: number;
  };
  performance: {
    rule: 'attributed_share' | 'no_attributed_sales';
    performancePoolCents: number;
    attributedTotalCents: number;
    unallocatedCents: number;
  };
  cap: { capCents: number; rounds: CapRoundExplanation[]; unallocatedCents: number } | null;
  unallocated: { performanceCents: number; capCents: number; totalCents: number };
  participants: ParticipantExplanation[];
  result: StipendResult;
}

/** A stored result that is not what its input gives (e.g. a frozen period checked against the engine). */
export class StipendResultMismatchError extends Error {
  readonly field: string;

  constructor(field: string) {
    super(`${field}: the result does not match its input`);
    this.name = 'StipendResultMismatchError';
    this.field = field;
  }
}

/**
 * Explains the allocation of `input`. When `result` is given (a stored result), it must be exactly what
 * the input gives, else StipendResultMismatchError names the first differing field.
 */
export function explainAllocation(input: StipendInput, result?: StipendResult): AllocationExplanation {
  const shares = new Map<string, LineShareExplanation[]>();
  const byRule: Record<LineRule, number> = { contributions: 0, attendance: 0, nobody: 0 };
  const unattributed: { lineId: string; amountCents: number }[] = [];
  const work = runAllocation(input, (line, rule, ids, weights, totalWeight, lineShares) => {
    byRule[rule]++;
    if (rule === 'nobody') {
      unattributed.push({ lineId: line.id, amountCents: line.amountCents });
      return;
    }
    for (let k = 0; k < ids.length; k++) {
      let list = shares.get(ids[k]!);
      if (!list) shares.set(ids[k]!, (list = []));
      list.push({
        lineId: line.id,
        amountCents: line.amountCents,
        rule,
        weight: weights[k]!,
        totalWeight,
        shareCents: lineShares[k]!,
      });
    }
  });
  if (result) compareResult(work.result, result);
  return explanationOf(work, shares, byRule, unattributed);
}

function explanationOf(
  work: AllocationWork,
  shares: Map<string, LineShareExplanation[]>,
  byRule: Record<LineRule, number>,
  unattributed: { lineId: string; amountCents: number }[],
): AllocationExplanation {
  const { input } = work;
  const { policy, workdays } = input;
  const attendance = new Map(input.participants.map((p) => [p.id, p.attendanceDays]));
  const baseRule = work.baseScaled ? 'scaled_to_pool' : 'days';
  const perfRule = work.attributedTotal > 0 ? 'attributed_share' : 'no_attributed_sales';
  const rounds = work.capRounds.map((r, i) => ({
    round: i + 1,
    cuts: [...r.cut].map(([id, cents]) => ({ id, cents })),
    receipts: [...r.received].map(([id, cents]) => ({ id, cents })),
    receiversAttributedCents: r.receiversAttributedCents,
    unallocatedCents: r.unallocatedCents,
  }));
  const capUnallocated = work.capRounds.reduce((s, r) => s + r.unallocatedCents, 0);
  const participants = work.result.participants.map((res): ParticipantExplanation => {
    const { id } = res;
    const days = attendance.get(id)!;
    const cuts = rounds.flatMap((r) =>
      r.cuts.filter((c) => c.id === id).map((c) => ({ round: r.round, cents: c.cents })),
    );
    const receipts = rounds.flatMap((r) =>
      r.receipts.filter((c) => c.id === id).map((c) => ({ round: r.round, cents: c.cents })),
    );
    return {
      id,
      lines: shares.get(id) ?? [],
      linesTotalCents: work.preClamp.get(id)!,
      clamp: work.preClamp.get(id)! < 0 ? 'negative_counts_as_zero' : 'none',
      attributedSalesCents: work.attributed.get(id)!,
      base: {
        rule: baseRule,
        attendanceDays: days,
        countedDays: Math.min(days, workdays),
        workdays,
        baseAmountCents: policy.baseAmountCents,
        byDaysCents: work.baseByDays.get(id)!,
        baseCents: work.baseBeforeCap.get(id)!,
      },
      performance: {
        rule: perfRule,
        attributedCents: work.attributed.get(id)!,
        attributedTotalCents: work.attributedTotal,
        performancePoolCents: work.performancePoolCents,
        performanceCents: work.perfBeforeCap.get(id)!,
      },
      cap:
        policy.capCents === null
          ? null
          : {
              capCents: policy.capCents,
              capped: res.capped,
              cutCents: cuts.reduce((s, c) => s + c.cents, 0),
              receivedCents: receipts.reduce((s, c) => s + c.cents, 0),
              cuts,
              receipts,
            },
      result: res,
    };
  });
  return {
    period: input.period,
    basis: {
      sumLinesCents: work.sumLinesCents,
      costsCents: input.costsCents,
      deductCosts: policy.deductCosts,
      basisCents: work.basisCents,
      poolShareBps: policy.poolShareBps,
      poolCents: work.poolCents,
      reserveCents: work.reserveCents,
    },
    lines: { count: input.lines.length, byRule, unattributed },
    base: {
      rule: baseRule,
      workdays,
      baseAmountCents: policy.baseAmountCents,
      byDaysTotalCents: work.baseByDaysTotal,
      poolCents: work.poolCents,
      baseTotalCents: [...work.baseBeforeCap.values()].reduce((s, v) => s + v, 0),
    },
    performance: {
      rule: perfRule,
      performancePoolCents: work.performancePoolCents,
      attributedTotalCents: work.attributedTotal,
      unallocatedCents: work.performanceUnallocatedCents,
    },
    cap:
      policy.capCents === null
        ? null
        : { capCents: policy.capCents, rounds, unallocatedCents: capUnallocated },
    unallocated: {
      performanceCents: work.performanceUnallocatedCents,
      capCents: capUnallocated,
      totalCents: work.result.unallocatedCents,
    },
    participants,
    result: work.result,
  };
}

function compareResult(actual: StipendResult, given: StipendResult): void {
  const top = [
    'period',
    'basisCents',
    'poolCents',
    'reserveCents',
    'allocatedCents',
    'unallocatedCents',
  ] as const;
  for (const k of top) if (actual[k] !== given[k]) throw new StipendResultMismatchError(k);
  if (!Array.isArray(given.participants) || given.participants.length !== actual.participants.length) {
    throw new StipendResultMismatchError('participants');
  }
  const fields = [
    'id',
    'attributedSalesCents',
    'baseCents',
    'performanceCents',
    'totalCents',
    'capped',
  ] as const;
  actual.participants.forEach((p, i) => {
    for (const k of fields) {
      if (p[k] !== given.participants[i]?.[k])
        throw new StipendResultMismatchError(`participants[${i}].${k}`);
    }
  });
}
