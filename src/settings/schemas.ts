import { z } from 'zod';
import { normalizeIban } from '../lib/iban.ts';
import { parsePercentToBps } from '../lib/money.ts';
import { checkbox, moneyCents, optionalText, requiredText, wholeNumber } from '../web/form-fields.ts';

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

export const settingsForm = z
  .object({
    // The name heads every e-mail (the From header): a line break there would start another header.
    displayName: requiredText(120).refine((v) => !LINE_BREAK.test(v), 'settings.errors.displayNameOneLine'),
    legalName: requiredText(200),
    companyCode: z
      .string()
      .trim()
      .regex(/^(\d{7}|\d{9})?$/, 'errors.companyCode'),
    vatPayer: checkbox,
    vatCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(LT(\d{9}|\d{12}))?$/, 'errors.vatCode'),
    address: optionalText(300),
    city: optionalText(100),
    // A Lithuanian postcode (LT-01100, 01100); stored as LT-01100.
    postcode: z.preprocess(
      (v) => (v === undefined ? '' : v),
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^((LT-?)?\d{5})?$/, 'address.errors.postcodeLt')
        .transform((v) => (v ? `LT-${v.slice(-5)}` : '')),
    ),
    // Absent (an older form) means Lithuania.
    country: z.preprocess(
      (v) => (v === undefined || v === '' ? 'LT' : v),
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'address.errors.country'),
    ),
    email: z.union([z.literal(''), z.email('errors.email').max(200)]),
    phone: z
      .string()
      .trim()
      .regex(/^[+\d\s()-]{0,30}$/, 'errors.phone'),
    iban: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (v === '') return '';
        const iban = normalizeIban(v);
        if (!iban) ctx.addIssue({ code: 'custom', message: 'errors.iban' });
        return iban ?? '';
      }),
    bankName: optionalText(120),
    // Absent (an older form) means empty or the default, like the invoice fields below.
    bic: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : ''),
      z.string().regex(/^([A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?)?$/, 'settings.errors.bic'),
    ),
    paymentWorkdays: z.preprocess((v) => (v === undefined ? '1' : v), wholeNumber(0, 10)),
    pricesIncludeVat: checkbox,
    defaultVatRate: z.string().transform((v, ctx) => {
      const bps = parsePercentToBps(v);
      if (bps === null) ctx.addIssue({ code: 'custom', message: 'errors.vatRate' });
      return bps ?? 0;
    }),
    courierFee: moneyCents({ min: 0, max: 100_00 }),
    parcelLockerFee: moneyCents({ min: 0, max: 100_00 }),
    transferDueDays: wholeNumber(1, 60),
    // Absent (an older form) means the default, so saving other settings never resets them.
    invoiceSeries: z.preprocess(
      (v) => (v === undefined || v === '' ? 'DRB' : v),
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,10}$/, 'invoice.errors.series'),
    ),
    invoiceDueDays: z.preprocess((v) => (v === undefined ? '14' : v), wholeNumber(1, 120)),
    quoteValidityDays: z.preprocess((v) => (v === undefined ? '30' : v), wholeNumber(1, 365)),
    aboutLt: optionalText(2000),
    aboutEn: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.vatPayer && !v.vatCode)
      ctx.addIssue({ code: 'custom', path: ['vatCode'], message: 'errors.vatCodeRequired' });
  });

export type SettingsForm = z.output<typeof settingsForm>;
