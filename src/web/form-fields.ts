import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { parseAmountToCents } from '../lib/money.ts';

/**
 * Zod issues of a form carry translation keys as messages; the view translates them in the user's
 * language. Passed to each form's parse, so schemas parsed elsewhere (the configuration, say) keep
 * Zod's own wording.
 */
export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? 'errors.required' : 'errors.invalid';
    case 'too_small':
      return issue.origin === 'string'
        ? issue.minimum === 1
          ? 'errors.required'
          : 'errors.tooShort'
        : 'errors.tooSmall';
    case 'too_big':
      return issue.origin === 'string' ? 'errors.tooLong' : 'errors.tooBig';
    case 'invalid_format':
      return issue.format === 'email' ? 'errors.email' : 'errors.invalid';
    case 'invalid_value':
      return 'errors.invalidChoice';
    default:
      return 'errors.invalid';
  }
};

/** A form field's text: always a string (absent → ''), trimmed, bounded. Arrays (repeated fields) are refused. */
const text = z.preprocess((v) => (v === undefined ? '' : v), z.string());

export const requiredText = (max: number) => text.pipe(z.string().trim().min(1).max(max));
export const optionalText = (max: number) => text.pipe(z.string().trim().max(max));

/** An HTML checkbox: present ("on"/"1"/"true") means true, absent means false. */
export const checkbox = z
  .union([z.literal(''), z.literal('on'), z.literal('1'), z.literal('true')])
  .optional()
  .transform((v) => v !== undefined && v !== '');

/** A euro amount typed by a person ("12,50") parsed into integer cents within bounds. */
export const moneyCents = (opts: { min?: number; max?: number } = {}) =>
  text.pipe(
    z.string().transform((v, ctx) => {
      const cents = parseAmountToCents(v);
      if (v.trim() === '') {
        ctx.addIssue({ code: 'custom', message: 'errors.required' });
        return z.NEVER;
      }
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: 'errors.amount' });
        return z.NEVER;
      }
      if (cents < (opts.min ?? 0) || cents > (opts.max ?? 10_000_000)) {
        ctx.addIssue({ code: 'custom', message: 'errors.amountRange' });
        return z.NEVER;
      }
      return cents;
    }),
  );

/** A whole number typed in a form, within bounds. */
export const wholeNumber = (min: number, max: number) =>
  text.pipe(
    z
      .string()
      .trim()
      .regex(/^\d{1,9}$/, 'errors.wholeNumber')
      .transform(Number)
      .pipe(z.number().int().min(min, 'errors.numberRange').max(max, 'errors.numberRange')),
  );

export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'errors.invalid');

export interface FieldMessage {
  key: string;
  params: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldMessage>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a request body; on failure returns the first message per field, ready for the view. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {}, { error: formErrorMap });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
    if (errors[field]) continue;
    const params: Record<string, string | number> = {};
    if ('minimum' in issue) params.min = Number(issue.minimum);
    if ('maximum' in issue) params.max = Number(issue.maximum);
    errors[field] = { key: issue.message, params };
  }
  return { ok: false, errors };
}

/** Route parameters name a resource: a malformed one means the resource does not exist. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new NotFoundError();
  return result.data;
}
