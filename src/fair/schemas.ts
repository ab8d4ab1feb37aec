import { z } from 'zod';
import { parseCalendarDate } from '../lib/dates.ts';
import { checkbox, moneyCents, objectId, optionalText, requiredText } from '../web/form-fields.ts';
import { PAYMENT_METHODS } from './model.ts';

export const MAX_LINES = 50;
export const MAX_QUANTITY = 999;
export const MAX_PRICE_CENTS = 1_000_000;
/** The most sales one sync request may carry (a phone sends its queue in chunks of this size). */
export const MAX_BATCH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A whole number in JSON (never a string, never a fraction) within bounds, each failure its own message. */
const wholeIn = (min: number, max: number, key: string) =>
  z.unknown().transform((v, ctx) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      ctx.addIssue({ code: 'custom', message: key, params: { min, max } });
      return z.NEVER;
    }
    return v;
  });

/** A database id; anything else names nothing, hence the "unknown" message. */
const idOf = (key: string) => z.string({ error: key }).regex(/^[a-f0-9]{24}$/, key);

const saleLine = z
  .object({
    productId: idOf('fair.errors.unknownProduct'),
    quantity: wholeIn(1, MAX_QUANTITY, 'fair.errors.quantity'),
    /** A price other than the catalogue's (with VAT, for one unit), with the reason for it. */
    priceCents: wholeIn(0, MAX_PRICE_CENTS, 'fair.errors.price').optional(),
    reason: z
      .string({ error: 'fair.errors.overrideReason' })
      .trim()
      .max(200, 'fair.errors.reasonLong')
      .optional(),
  })
  .superRefine((line, ctx) => {
    if (line.priceCents !== undefined && !line.reason) {
      ctx.addIssue({ code: 'custom', message: 'fair.errors.overrideReason', path: ['reason'] });
    }
  });

/** One sale as a phone sends it: its own id, the moment on the phone, the lines, the payment. */
export const saleInput = z.object({
  id: z.string({ error: 'fair.errors.saleId' }).regex(UUID, 'fair.errors.saleId'),
  eventId: idOf('fair.errors.unknownEvent'),
  soldAt: z.iso.datetime({ offset: true, error: 'fair.errors.soldAt' }),
  lines: z
    .array(saleLine, { error: 'fair.errors.emptySale' })
    .min(1, 'fair.errors.emptySale')
    .max(MAX_LINES, 'fair.errors.tooManyLines'),
  payment: z.object(
    {
      method: z.enum(PAYMENT_METHODS, { error: 'fair.errors.method' }),
      givenCents: wholeIn(0, MAX_PRICE_CENTS * 10, 'fair.errors.given').optional(),
    },
    { error: 'fair.errors.method' },
  ),
});
export type SaleInput = z.output<typeof saleInput>;

/** The sync request: a list of sales; each is checked on its own, so one bad sale refuses only itself. */
export const syncBody = z.object({
  sales: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

const calendarDate = z
  .string()
  .trim()
  .refine((v) => parseCalendarDate(v) !== null, 'errors.date');

export const eventForm = z.object({
  name: requiredText(120),
  place: optionalText(120),
  date: calendarDate,
});
export type EventInput = z.output<typeof eventForm>;

/** Allotment fields `qty_<productId>`: a whole number of units, empty for none. */
export const allotmentQuantity = z
  .string()
  .trim()
  .regex(/^\d{0,4}$/, 'errors.wholeNumber');

export const closeForm = z.object({
  countedCash: moneyCents({ max: 100_000_000 }),
  terminalTotal: moneyCents({ max: 100_000_000 }),
  registerTotal: moneyCents({ max: 100_000_000 }),
  note: optionalText(500),
  confirm: checkbox.refine((v) => v, 'fair.errors.confirmClose'),
});
export type CloseInput = z.output<typeof closeForm>;

export const voidForm = z.object({
  reason: requiredText(200),
  confirm: checkbox.refine((v) => v, 'fair.errors.confirmVoid'),
});

export const eventParam = z.object({ id: objectId });
export const saleParam = z.object({ id: objectId, saleId: z.string().regex(UUID) });
