import { z } from 'zod';
import { parseCalendarDate, vilniusDate } from '../lib/dates.ts';
import { parsePercentToBps } from '../lib/money.ts';
import { moneyCents, objectId, optionalText, requiredText, wholeNumber } from '../web/form-fields.ts';
import { REQUEST_STATES } from './model.ts';
import { UNIT_CODE_MAX, isUnit } from './units.ts';
import { normalizeVatCode, vatCodeProblem } from './vat-codes.ts';

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

/**
 * A VAT code of any EU member state, checked by its country's format (vat-codes.ts); empty when the
 * buyer is not VAT registered. A Lithuanian one gets the Lithuanian message ("LT12" → LT + 9 or 12 digits).
 */
export const vatCodeField = text.pipe(
  z.string().transform((v, ctx) => {
    const code = normalizeVatCode(v);
    if (code === '') return '';
    const problem = vatCodeProblem(code);
    if (problem === 'country') ctx.addIssue({ code: 'custom', message: 'vat.errors.country' });
    else if (problem === 'format')
      ctx.addIssue({
        code: 'custom',
        message: code.startsWith('LT') ? 'errors.vatCode' : 'vat.errors.format',
      });
    return code;
  }),
);

/** An ISO 3166-1 alpha-2 country code; absent (an older form) means Lithuania. */
export const countryField = z.preprocess(
  (v) => (v === undefined || v === '' ? 'LT' : v),
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'address.errors.country'),
);

/**
 * A company's structured address: the street line, city, postcode and country. Each may be left
 * empty on a form (issuing an invoice asks for them: see parties.ts); a Lithuanian postcode is
 * written `LT-01100` whichever way it was typed.
 */
export const addressShape = {
  address: optionalText(300),
  city: optionalText(100),
  postcode: optionalText(20),
  country: countryField,
};

/** The checks across an address's fields and the company code, by the company's country. */
export function checkCompanyAddress(
  v: { companyCode?: string; country: string; postcode: string },
  ctx: z.RefinementCtx,
): void {
  if (v.country === 'LT' && v.postcode && !/^(LT-?)?\d{5}$/i.test(v.postcode))
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'address.errors.postcodeLt' });
  if (v.companyCode === undefined) return;
  const ok =
    v.country === 'LT'
      ? /^(\d{7}|\d{9})$/.test(v.companyCode)
      : /^[A-Za-z0-9./ -]{1,30}$/.test(v.companyCode);
  if (!ok)
    ctx.addIssue({
      code: 'custom',
      path: ['companyCode'],
      message: v.country === 'LT' ? 'errors.companyCode' : 'address.errors.companyCodeForeign',
    });
}

/** `LT-01100` for a Lithuanian postcode typed as 01100, LT01100 or lt-01100; others as typed. */
export function normalPostcode(country: string, postcode: string): string {
  const m = country === 'LT' ? /^(?:LT-?)?(\d{5})$/i.exec(postcode) : null;
  return m ? `LT-${m[1]}` : postcode;
}

/** The longest text each field of the request form takes (characters). */
export const REQUEST_TEXT_LIMITS = {
  companyName: 200,
  address: 300,
  contactName: 120,
  email: 200,
  phone: 30,
  description: 4000,
} as const;

const requestFields = z.object({
  companyName: requiredText(REQUEST_TEXT_LIMITS.companyName),
  // The form's own rule by country is checked below (a foreign company has no 9-digit code).
  companyCode: requiredText(30),
  vatCode: vatCodeField,
  ...addressShape,
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

const withAddressChecks = <T extends { companyCode: string; country: string; postcode: string }>(v: T) => ({
  ...v,
  postcode: normalPostcode(v.country, v.postcode),
});

export const requestForm = requestFields
  .superRefine((v, ctx) => checkCompanyAddress(v, ctx))
  .transform(withAddressChecks);
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

/** A line's quantity: a whole number from 1; a negative one is told so (a credit note takes amounts back). */
const lineQuantity = text.pipe(
  z
    .string()
    .trim()
    .refine((v) => !/^-\s*\d/.test(v), 'quote.errors.negativeQuantity')
    .pipe(z.string().regex(/^\d{1,9}$/, 'errors.wholeNumber'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'errors.numberRange').max(MAX_QUANTITY, 'errors.numberRange')),
);

/** A line's unit of measure from the short list (absent: a piece), never a longer code. */
export const unitField = z.preprocess(
  (v) => (v === undefined || v === '' ? 'H87' : v),
  z
    .string()
    .trim()
    .toUpperCase()
    .max(UNIT_CODE_MAX, 'unit.errors.tooLong')
    .refine(isUnit, 'unit.errors.unknown'),
);

export const quoteLineForm = z.object({
  description: requiredText(300),
  quantity: lineQuantity,
  unit: unitField,
  unitPrice: moneyCents({ min: 0, max: 10_000_000 }),
  // Empty: no discount.
  discount: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? '0' : v),
    moneyCents({ min: 0, max: 10_000_000 }),
  ),
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
export const buyerForm = requestFields
  .pick({
    companyName: true,
    companyCode: true,
    vatCode: true,
    address: true,
    city: true,
    postcode: true,
    country: true,
    contactName: true,
    email: true,
    phone: true,
  })
  .superRefine((v, ctx) => checkCompanyAddress(v, ctx))
  .transform(withAddressChecks);
export type BuyerInput = z.output<typeof buyerForm>;

/** A confirmation: the confirm page's hidden field or a required tick, "1" when given. */
export const confirmed = (body: unknown) => (body as Record<string, unknown> | undefined)?.confirm === '1';
