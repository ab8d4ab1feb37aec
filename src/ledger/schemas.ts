import { z } from 'zod';
import { PERIOD_RE, vilniusPeriod } from '../lib/dates.ts';
import { CHANNELS } from './service.ts';

/** An account or an account prefix typed in the filter: `income`, `income:products`, `liabilities:stipends:a1`. */
export const ACCOUNT_FILTER_RE = /^(assets|income|liabilities|expenses|equity)(:[a-z0-9_-]+)*$/;
const KIND_RE = /^[A-Za-z0-9_.:-]{1,60}$/;

/**
 * Filters of the journal list and its CSV. Query strings are input from anyone with a link: a bad value
 * falls back to the default (no filter) instead of failing the page.
 */
export const ledgerQuery = z.object({
  period: z.string().trim().regex(PERIOD_RE).optional().catch(undefined),
  account: z.string().trim().toLowerCase().max(100).regex(ACCOUNT_FILTER_RE).optional().catch(undefined),
  kind: z.string().trim().regex(KIND_RE).optional().catch(undefined),
  /** The sales channel of income entries (`web`, `phone`, …). */
  channel: z.enum(CHANNELS).optional().catch(undefined),
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type LedgerQuery = z.output<typeof ledgerQuery>;
export type LedgerFilters = Omit<LedgerQuery, 'page'>;

/** The period of the balances page: `YYYY-MM`, or `all` for the trial balance over every period. */
export const balancesQuery = z.object({
  period: z
    .union([z.literal('all'), z.string().trim().regex(PERIOD_RE)])
    .catch(() => vilniusPeriod(new Date())),
});
export type BalancesQuery = z.output<typeof balancesQuery>;
