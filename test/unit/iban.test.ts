import { expect } from 'chai';
import fc from 'fast-check';
import { formatIban, normalizeIban } from '../../src/lib/iban.ts';

/** ISO 13616 mod-97 over the rearranged IBAN, computed independently of the code under test. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const numeric = [...rearranged]
    .map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  return Number(BigInt(numeric) % 97n);
}

/** A valid IBAN for a country and BBAN: check digits are 98 - (BBAN + country + "00") mod 97. */
function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** The same IBAN with different check digits (so the checksum fails). */
function withWrongCheck(iban: string): string {
  const check = Number(iban.slice(2, 4));
  const wrong = check === 50 ? 51 : 50;
  return `${iban.slice(0, 2)}${wrong}${iban.slice(4)}`;
}

describe('iban', () => {
  const known = 'LT121000011101001000';
  const computedA = makeIban('LT', '7300010012345678'); // bank code 73000 + account
  const computedB = makeIban('LT', '4010051005123456');

  it('computes the test IBANs correctly (sanity check of the helper)', () => {
    expect(mod97(known)).to.equal(1);
    expect(makeIban('LT', known.slice(4))).to.equal(known);
    expect(computedA).to.have.length(20);
    expect(mod97(computedA)).to.equal(1);
    expect(mod97(computedB)).to.equal(1);
  });

  describe('normalizeIban', () => {
    it('accepts valid Lithuanian IBANs', () => {
      expect(normalizeIban(known)).to.equal(known);
      expect(normalizeIban(computedA)).to.equal(computedA);
      expect(normalizeIban(computedB)).to.equal(computedB);
    });

    it('accepts valid IBANs of other countries', () => {
      expect(normalizeIban('DE89370400440532013000')).to.equal('DE89370400440532013000');
      expect(normalizeIban('GB82WEST12345698765432')).to.equal('GB82WEST12345698765432');
      expect(normalizeIban('NO9386011117947')).to.equal('NO9386011117947');
    });

    it('removes spaces and upper-cases', () => {
      expect(normalizeIban('LT12 1000 0111 0100 1000')).to.equal(known);
      expect(normalizeIban('  lt12 1000 0111 0100 1000  ')).to.equal(known);
      expect(normalizeIban('lt121000011101001000')).to.equal(known);
      expect(normalizeIban('LT12\u00a01000\u00a00111\u00a00100\u00a01000')).to.equal(known);
      expect(normalizeIban('gb82 west 1234 5698 7654 32')).to.equal('GB82WEST12345698765432');
    });

    it('rejects a wrong checksum', () => {
      expect(normalizeIban(withWrongCheck(known))).to.equal(null);
      expect(normalizeIban(withWrongCheck(computedA))).to.equal(null);
      expect(normalizeIban('LT121000011101001001')).to.equal(null); // last digit changed
      expect(normalizeIban('LT121000011101000100')).to.equal(null); // two digits swapped
    });

    it('rejects a Lithuanian IBAN of the wrong length even when its checksum is right', () => {
      const tooLong = makeIban('LT', '73000100123456789');
      const tooShort = makeIban('LT', '730001001234567');
      expect(mod97(tooLong)).to.equal(1);
      expect(mod97(tooShort)).to.equal(1);
      expect(normalizeIban(tooLong)).to.equal(null);
      expect(normalizeIban(tooShort)).to.equal(null);
    });

    it('rejects junk', () => {
      for (const junk of [
        '',
        '   ',
        'abc',
        'LT',
        'LT12',
        '121000011101001000LT',
        'LT12-1000-0111-0100-1000',
        'LT12 1000 0111 0100 100Ž',
        'ŁT121000011101001000',
        '1T121000011101001000',
        'LTAB1000011101001000',
        `LT12${'1'.repeat(40)}`,
      ]) {
        expect(normalizeIban(junk), JSON.stringify(junk)).to.equal(null);
      }
    });

    it('accepts every generated valid LT IBAN and rejects every single-digit change (property)', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 16, maxLength: 16 }),
          fc.integer({ min: 4, max: 19 }),
          fc.integer({ min: 1, max: 9 }),
          (bban, pos, delta) => {
            const iban = makeIban('LT', bban);
            expect(normalizeIban(iban)).to.equal(iban);
            const digit = (Number(iban[pos]) + delta) % 10;
            const changed = `${iban.slice(0, pos)}${digit}${iban.slice(pos + 1)}`;
            expect(normalizeIban(changed)).to.equal(null);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('formatIban', () => {
    it('groups by four characters', () => {
      expect(formatIban(known)).to.equal('LT12 1000 0111 0100 1000');
      expect(formatIban('GB82WEST12345698765432')).to.equal('GB82 WEST 1234 5698 7654 32');
      expect(formatIban('NO9386011117947')).to.equal('NO93 8601 1117 947');
    });

    it('round-trips with normalizeIban', () => {
      expect(normalizeIban(formatIban(known))).to.equal(known);
      expect(normalizeIban(formatIban(computedA))).to.equal(computedA);
    });
  });
});
