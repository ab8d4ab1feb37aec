import { z } from 'zod';
import { parseCalendarDate, vilniusDate } from '../lib/dates.ts';
import { parsePercentToBps } from '../lib/money.ts';
import { moneyCents, objectId, optionalText, requiredText, wholeNumber } from '../web/form-fields.ts';
import { REQUEST_STATES } from './model.ts';

export { REQUEST_STATES };

export const MAX_QUANTITY = 100_000;
export const MAX_QUOTE_LINES = 20;

const text = z.preprocess((v) => (v === undefined ? '' : v), z.string());

/** A calendar date typed in a form: a real date, today or later in Vilnius. */
const futureDate = (required: boolean) =>
  text.pipe(
    z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === '') {
          if (required) ctx.addIssue({ code: 'custom', message: 'errors.required' });
          return null;
        }
        if (!parseCalendarDate(v)) {
          ctx.addIssue({ code: 'custom', message: 'request.errors.date' });
          return null;
        }
        if (v < vilniusDate(new Date())) {
          ctx.addIssue({ code: 'custom', message: 'request.errors.dateInPast' });
          return null;
        }
        return v;
      }),
  );

export const companyCode = text.pipe(
  z
    .string()
    .trim()
    .min(1)
    .regex(/^(\d{7}|\d{9})$/, 'errors.companyCode'),
);

/** The longest text each field of the request form takes (characters). */
export const REQUEST_TEXT_LIMITS = {
  companyName: 200,
  address: 300,
  contactName: 120,
  email: 200,
  phone: 30,
  description: 4000,
} as const;

export const requestForm = z.object({
  companyName: requiredText(REQUEST_TEXT_LIMITS.companyName),
  companyCode,
  vatCode: text.pipe(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(LT(\d{9}|\d{12}))?$/, 'errors.vatCode'),
  ),
  address: optionalText(REQUEST_TEXT_LIMITS.address),
  contactName: requiredText(REQUEST_TEXT_LIMITS.contactName),
  email: requiredText(REQUEST_TEXT_LIMITS.email)
    .pipe(z.email('errors.email'))
    .transform((v) => v.toLowerCase()),
  phone: requiredText(REQUEST_TEXT_LIMITS.phone).pipe(z.string().regex(/^[+\d\s()-]{6,30}$/, 'errors.phone')),
  service: text.pipe(z.union([z.literal('other'), objectId], { error: 'errors.invalidChoice' })),
  description: requiredText(REQUEST_TEXT_LIMITS.description),
  quantity: wholeNumber(1, MAX_QUANTITY),
  desiredOn: futureDate(false),
});
export type RequestInput = z.output<typeof requestForm>;

export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/) });
export const idParam = z.object({ id: objectId });
export const versionParam = z.object({ id: objectId, version: z.coerce.number().int().min(1).max(999) });
export const tokenVersionParam = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  version: z.coerce.number().int().min(1).max(999),
});
export const tokenInvoiceParam = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  invoiceId: objectId,
});

export const tokenAttachmentParam = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
  key: z.string().regex(/^[a-f0-9]{32}$/),
});

export const acceptForm = z.object({ acceptedBy: requiredText(120) });
export const declineForm = z.object({ reason: optionalText(500) });

export const quoteLineForm = z.object({
  description: requiredText(300),
  quantity: wholeNumber(1, MAX_QUANTITY),
  unitPrice: moneyCents({ min: 0, max: 10_000_000 }),
  vatRate: text.pipe(
    z.string().transform((v, ctx) => {
      const bps = parsePercentToBps(v === '' ? '0' : v);
      if (bps === null) ctx.addIssue({ code: 'custom', message: 'errors.vatRate' });
      return bps ?? 0;
    }),
  ),
});

export const quoteHeadForm = z.object({
  validUntil: futureDate(true),
  leadTimeDays: wholeNumber(0, 365),
  terms: optionalText(2000),
});

export const noteForm = z.object({ note: requiredText(2000) });
export const cancelForm = z.object({ reason: requiredText(500) });
export const assignForm = z.object({
  assignee: text.pipe(z.union([z.literal(''), objectId], { error: 'errors.invalidChoice' })),
});
export const scheduleForm = z.object({ scheduledOn: futureDate(true) });
export const paidOnForm = z.object({
  paidOn: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : v),
    z
      .string()
      .refine((v) => parseCalendarDate(v) !== null, 'request.errors.date')
      .refine((v) => v <= vilniusDate(new Date()), 'request.errors.dateInFuture')
      .optional(),
  ),
});
/** No amount = the whole (remaining) invoice. */
export const creditNoteForm = z.object({
  amount: z.preprocess((v) => (v === '' ? undefined : v), moneyCents({ min: 1, max: 10_000_000 }).optional()),
  reason: requiredText(500),
});

/** Dashboard queues of the request list: quotes expiring within three days, invoices overdue. */
export const REQUEST_DUE = ['expiring', 'overdue'] as const;
export type RequestDue = (typeof REQUEST_DUE)[number];

export const staffListQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  state: z.enum(REQUEST_STATES).optional().catch(undefined),
  assignee: z
    .union([objectId, z.literal('none')])
    .optional()
    .catch(undefined),
  due: z.enum(REQUEST_DUE).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type StaffListQuery = z.output<typeof staffListQuery>;

/** The buyer's details staff correct before invoicing: the same rules as the public request form. */
export const buyerForm = requestForm.pick({
  companyName: true,
  companyCode: true,
  vatCode: true,
  address: true,
  contactName: true,
  email: true,
  phone: true,
});
export type BuyerInput = z.output<typeof buyerForm>;

/** A confirmation: the confirm page's hidden field or a required tick, "1" when given. */
export const confirmed = (body: unknown) => (body as Record<string, unknown> | undefined)?.confirm === '1';
