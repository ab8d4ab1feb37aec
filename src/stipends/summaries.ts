import { StipendClaim } from './model.ts';

/** What the public impact figures need of a finalised month: never a person's id or amount. */
export interface FinalisedSummary {
  period: string;
  /** How many people get a stipend (an amount above 0) this month. */
  people: number;
  /** Their ids (opaque), so a year can count each person once; never shown. */
  peopleIds: string[];
  allocatedCents: number;
  paidOn: string | null;
}

interface StoredResult {
  allocatedCents?: number;
  participants?: { id?: string; totalCents?: number }[];
}

/** Every finalised month, oldest first, read in one query. */
export async function finalisedSummaries(): Promise<FinalisedSummary[]> {
  const claims = await StipendClaim.find(
    { step: { $in: ['finalised', 'paid'] } },
    {
      period: 1,
      step: 1,
      paidOn: 1,
      'result.allocatedCents': 1,
      'result.participants.id': 1,
      'result.participants.totalCents': 1,
    },
  ).lean<{ period: string; step: string; paidOn?: string | null; result?: unknown }[]>();
  const paid = new Map(claims.filter((c) => c.step === 'paid').map((c) => [c.period, c.paidOn ?? '']));
  return claims
    .filter((c) => c.step === 'finalised')
    .map((c) => {
      const result = (c.result ?? {}) as StoredResult;
      const ids = (result.participants ?? []).filter((p) => (p.totalCents ?? 0) > 0).map((p) => p.id ?? '');
      return {
        period: c.period,
        people: ids.length,
        peopleIds: ids,
        allocatedCents: result.allocatedCents ?? 0,
        paidOn: paid.get(c.period) ?? null,
      };
    })
    .sort((a, b) => (a.period < b.period ? -1 : 1));
}
