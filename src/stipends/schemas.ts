import { z } from 'zod';
import { PERIOD_RE, parseCalendarDate } from '../lib/dates.ts';
import { parseAmountToCents, parsePercentToBps } from '../lib/money.ts';
import { checkbox, moneyCents, requiredText, wholeNumber } from '../web/form-fields.ts';

const text = z.preprocess((v) => (v === undefined ? '' : v), z.string());

export const periodParam = z.object({ period: z.string().regex(PERIOD_RE) });
export const statementParam = z.object({
  period: z.string().regex(PERIOD_RE),
  participantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** The "open a period" form: `YYYY-MM`. */
export const openPeriodForm = z.object({
  period: text.pipe(z.string().trim().regex(PERIOD_RE, 'period.errors.format')),
});

/** The share of the basis that goes to the pool, typed as a percentage ("70", "62,5") and kept in bps. */
const poolShare = text.pipe(
  z.string().transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.required' });
      return z.NEVER;
    }
    const bps = parsePercentToBps(v);
    if (bps === null) {
      ctx.addIssue({ code: 'custom', message: 'stipend.errors.share' });
      return z.NEVER;
    }
    return bps;
  }),
);

/** An optional cap: empty means none. */
const optionalCap = text.pipe(
  z.string().transform((v, ctx) => {
    if (v.trim() === '') return null;
    const cents = parseAmountToCents(v);
    if (cents === null) {
      ctx.addIssue({ code: 'custom', message: 'errors.amount' });
      return z.NEVER;
    }
    if (cents < 0 || cents > 10_000_000) {
      ctx.addIssue({ code: 'custom', message: 'errors.amountRange' });
      return z.NEVER;
    }
    return cents;
  }),
);

const policyShape = {
  poolShare,
  deductCosts: checkbox,
  baseAmount: moneyCents({ min: 0, max: 10_000_000 }),
  cap: optionalCap,
};

export const policyForm = z.object(policyShape);
export type PolicyForm = z.output<typeof policyForm>;

export const periodSettingsForm = z.object({ ...policyShape, workdays: wholeNumber(1, 31) });
export type PeriodSettingsForm = z.output<typeof periodSettingsForm>;

const calendarDate = text.pipe(
  z
    .string()
    .trim()
    .refine((v) => parseCalendarDate(v) !== null, 'errors.date'),
);

export const costForm = z.object({
  amount: moneyCents({ min: 1, max: 10_000_000 }),
  description: requiredText(200),
  paidOn: calendarDate,
});
export type CostForm = z.output<typeof costForm>;

/** Marking the month paid cannot be undone, so the administrator ticks that the bank transferred it. */
export const paidForm = z.object({
  paidOn: calendarDate,
  confirm: z.preprocess((v) => v === 'on', z.literal(true, { error: 'period.errors.confirmPaid' })),
});
export type PaidForm = z.output<typeof paidForm>;

/** Finalising cannot be undone, so the administrator ticks that the figures were checked. */
export const finaliseForm = z.object({
  confirm: z.preprocess((v) => v === 'on', z.literal(true, { error: 'period.errors.confirm' })),
});
