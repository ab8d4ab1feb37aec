import { expect } from 'chai';
import { z } from 'zod';
import { NotFoundError } from '../../src/lib/errors.ts';
import {
  checkbox,
  moneyCents,
  objectId,
  optionalText,
  parseForm,
  parseParams,
  requiredText,
  wholeNumber,
} from '../../src/web/form-fields.ts';

/** The message key parseForm reports for a single value checked against one field schema. */
function errorFor(
  schema: z.ZodType,
  value: unknown,
): { key: string; params: Record<string, string | number> } {
  const result = parseForm(z.object({ f: schema }), value === undefined ? {} : { f: value });
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  expect(Object.keys(result.errors)).to.deep.equal(['f']);
  return result.errors.f!;
}

function valueOf(schema: z.ZodType, value: unknown): unknown {
  const result = parseForm(z.object({ f: schema }), value === undefined ? {} : { f: value });
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(value)} to be accepted: ${JSON.stringify(result.errors)}`);
  return (result.data as { f: unknown }).f;
}

describe('form-fields', () => {
  describe('parseForm', () => {
    const schema = z.object({ name: requiredText(5), note: optionalText(3), code: z.string().min(4) });

    it('returns the parsed data on success', () => {
      expect(parseForm(schema, { name: ' Ona ', note: '', code: 'abcd' })).to.deep.equal({
        ok: true,
        data: { name: 'Ona', note: '', code: 'abcd' },
      });
    });

    it('returns one message key per field, with min/max params', () => {
      const result = parseForm(schema, { name: 'too long', note: 'long', code: 'ab' });
      expect(result).to.deep.equal({
        ok: false,
        errors: {
          name: { key: 'errors.tooLong', params: { max: 5 } },
          note: { key: 'errors.tooLong', params: { max: 3 } },
          code: { key: 'errors.tooShort', params: { min: 4 } },
        },
      });
    });

    it('keeps only the first message of a field with several problems', () => {
      const s = z.object({ code: z.string().min(5).regex(/^\d+$/, 'errors.invalid') });
      expect(parseForm(s, { code: 'ab' })).to.deep.equal({
        ok: false,
        errors: { code: { key: 'errors.tooShort', params: { min: 5 } } },
      });
      expect(parseForm(s, { code: 'abcdef' })).to.deep.equal({
        ok: false,
        errors: { code: { key: 'errors.invalid', params: {} } },
      });
    });

    it('treats a missing body as an empty form', () => {
      const result = parseForm(schema, undefined);
      expect(result.ok).to.equal(false);
      if (!result.ok)
        expect(result.errors.name).to.deep.equal({ key: 'errors.required', params: { min: 1 } });
    });

    it('puts form-level problems under _form and nested fields under a dotted path', () => {
      const s = z
        .object({ a: z.object({ b: requiredText(3) }) })
        .refine(() => false, { message: 'errors.badRequest' });
      const nested = parseForm(s, { a: { b: '' } });
      expect(nested.ok).to.equal(false);
      if (!nested.ok)
        expect(nested.errors['a.b']).to.deep.equal({ key: 'errors.required', params: { min: 1 } });
      expect(parseForm(s, { a: { b: 'x' } })).to.deep.equal({
        ok: false,
        errors: { _form: { key: 'errors.badRequest', params: {} } },
      });
    });

    it('maps zod issues to translation keys', () => {
      const s = z.object({
        email: z.email(),
        choice: z.enum(['a', 'b']),
        n: z.number().min(3).max(5),
        typed: z.number(),
      });
      expect(parseForm(s, { email: 'nope', choice: 'c', n: 9, typed: 'x' })).to.deep.equal({
        ok: false,
        errors: {
          email: { key: 'errors.email', params: {} },
          choice: { key: 'errors.invalidChoice', params: {} },
          n: { key: 'errors.tooBig', params: { max: 5 } },
          typed: { key: 'errors.invalid', params: {} },
        },
      });
      expect(errorFor(z.number().min(3), 1)).to.deep.equal({ key: 'errors.tooSmall', params: { min: 3 } });
      expect(errorFor(z.number(), undefined)).to.deep.equal({ key: 'errors.required', params: {} });
    });
  });

  describe('requiredText', () => {
    it('trims', () => {
      expect(valueOf(requiredText(10), '  Ąžuolas  ')).to.equal('Ąžuolas');
    });

    it('requires something other than whitespace', () => {
      expect(errorFor(requiredText(10), undefined).key).to.equal('errors.required');
      expect(errorFor(requiredText(10), '').key).to.equal('errors.required');
      expect(errorFor(requiredText(10), '   \n ').key).to.equal('errors.required');
    });

    it('bounds the trimmed length', () => {
      expect(valueOf(requiredText(3), '  abc  ')).to.equal('abc');
      expect(errorFor(requiredText(3), 'abcd')).to.deep.equal({ key: 'errors.tooLong', params: { max: 3 } });
    });

    it('refuses repeated fields (arrays) and non-strings instead of coercing them', () => {
      expect(errorFor(requiredText(10), ['a', 'b']).key).to.equal('errors.invalid');
      expect(errorFor(requiredText(10), ['a']).key).to.equal('errors.invalid');
      expect(errorFor(requiredText(10), { a: 1 }).key).to.equal('errors.invalid');
      expect(errorFor(requiredText(10), 42).key).to.equal('errors.invalid');
    });
  });

  describe('optionalText', () => {
    it('turns an absent field into an empty string and trims', () => {
      expect(valueOf(optionalText(10), undefined)).to.equal('');
      expect(valueOf(optionalText(10), '   ')).to.equal('');
      expect(valueOf(optionalText(10), ' x ')).to.equal('x');
    });

    it('bounds the length', () => {
      expect(errorFor(optionalText(2), 'abc')).to.deep.equal({ key: 'errors.tooLong', params: { max: 2 } });
    });

    it('refuses arrays', () => {
      expect(errorFor(optionalText(10), ['a', 'b']).key).to.equal('errors.invalid');
    });
  });

  describe('checkbox', () => {
    it('is true when ticked', () => {
      for (const v of ['on', '1', 'true']) expect(valueOf(checkbox, v), v).to.equal(true);
    });

    it('is false when sent empty', () => {
      expect(valueOf(checkbox, '')).to.equal(false);
    });

    it('is false when absent from the form, as browsers send an unticked checkbox', () => {
      expect(checkbox.parse(undefined)).to.equal(false);
      expect(parseForm(z.object({ c: checkbox }), {})).to.deep.equal({ ok: true, data: { c: false } });
    });

    it('refuses other values and arrays', () => {
      expect(errorFor(checkbox, 'yes').key).to.be.oneOf(['errors.invalid', 'errors.invalidChoice']);
      expect(errorFor(checkbox, ['on', 'on']).key).to.be.oneOf(['errors.invalid', 'errors.invalidChoice']);
    });
  });

  describe('moneyCents', () => {
    it('parses a typed amount into cents', () => {
      expect(valueOf(moneyCents(), '12,50')).to.equal(1250);
      expect(valueOf(moneyCents(), '12.5')).to.equal(1250);
      expect(valueOf(moneyCents(), ' 1 234,50 € ')).to.equal(123450);
      expect(valueOf(moneyCents(), '0')).to.equal(0);
      expect(valueOf(moneyCents(), '100000')).to.equal(10_000_000);
    });

    it('requires a value', () => {
      expect(errorFor(moneyCents(), undefined).key).to.equal('errors.required');
      expect(errorFor(moneyCents(), '').key).to.equal('errors.required');
      expect(errorFor(moneyCents(), '   ').key).to.equal('errors.required');
    });

    it('refuses text that is not an amount', () => {
      expect(errorFor(moneyCents(), 'abc').key).to.equal('errors.amount');
      expect(errorFor(moneyCents(), '12,345').key).to.equal('errors.amount');
    });

    it('refuses amounts out of range (default 0 … 100 000 €)', () => {
      expect(errorFor(moneyCents(), '100000,01').key).to.equal('errors.amountRange');
      expect(errorFor(moneyCents(), '-0,01').key).to.equal('errors.amountRange');
    });

    it('honours custom bounds', () => {
      const bounded = moneyCents({ min: 100, max: 500 });
      expect(valueOf(bounded, '1')).to.equal(100);
      expect(valueOf(bounded, '5,00')).to.equal(500);
      expect(errorFor(bounded, '0,99').key).to.equal('errors.amountRange');
      expect(errorFor(bounded, '5,01').key).to.equal('errors.amountRange');
    });

    it('refuses arrays', () => {
      expect(errorFor(moneyCents(), ['1', '2']).key).to.equal('errors.invalid');
    });
  });

  describe('wholeNumber', () => {
    it('parses a trimmed whole number', () => {
      expect(valueOf(wholeNumber(0, 100), '42')).to.equal(42);
      expect(valueOf(wholeNumber(0, 100), ' 7 ')).to.equal(7);
      expect(valueOf(wholeNumber(0, 100), '0')).to.equal(0);
    });

    it('refuses anything but digits', () => {
      for (const v of ['abc', '1.5', '1,5', '-1', '1e2', '+3', '0x1', '1234567890']) {
        expect(errorFor(wholeNumber(-10, 10_000_000_000), v).key, v).to.equal('errors.wholeNumber');
      }
    });

    it('refuses numbers out of range with errors.numberRange and the bound', () => {
      expect(errorFor(wholeNumber(1, 10), '0')).to.deep.equal({
        key: 'errors.numberRange',
        params: { min: 1 },
      });
      expect(errorFor(wholeNumber(1, 10), '11')).to.deep.equal({
        key: 'errors.numberRange',
        params: { max: 10 },
      });
    });

    it('refuses arrays', () => {
      expect(errorFor(wholeNumber(0, 10), ['1']).key).to.equal('errors.invalid');
    });
  });

  describe('parseParams', () => {
    const params = z.object({ id: objectId });

    it('returns valid route parameters', () => {
      expect(parseParams(params, { id: '0123456789abcdef01234567' })).to.deep.equal({
        id: '0123456789abcdef01234567',
      });
    });

    it('throws NotFoundError (404, errors.notFound) for malformed parameters', () => {
      for (const bad of [
        { id: 'nope' },
        { id: '0123456789ABCDEF01234567' },
        { id: '0123456789abcdef0123456' },
        { id: '0123456789abcdef012345678' },
        {},
        undefined,
      ]) {
        let thrown: unknown;
        try {
          parseParams(params, bad);
        } catch (err) {
          thrown = err;
        }
        expect(thrown, JSON.stringify(bad)).to.be.instanceOf(NotFoundError);
        expect((thrown as NotFoundError).status).to.equal(404);
        expect((thrown as NotFoundError).messageKey).to.equal('errors.notFound');
      }
    });
  });
});
