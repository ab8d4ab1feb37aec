import { expect } from 'chai';
import {
  isLithuanianCompanyCode,
  isVatCode,
  normalizeVatCode,
  vatCodeProblem,
  vatPrefixOf,
} from '../../src/lib/vat-codes.ts';

describe('EU VAT codes', () => {
  it('accepts Lithuanian codes of 9 and 12 digits, with spaces or lower case', () => {
    expect(isVatCode('LT100001234')).to.equal(true);
    expect(isVatCode('LT100001234567')).to.equal(true);
    expect(isVatCode('lt 100 001 234 567')).to.equal(true);
    expect(normalizeVatCode('lt 100-001.234')).to.equal('LT100001234');
  });

  it('refuses Lithuanian codes of other lengths or with letters', () => {
    for (const code of ['LT12345678', 'LT1234567890', 'LT1234567890123', 'LT12345678A', 'LT']) {
      expect(vatCodeProblem(code), code).to.equal('format');
    }
  });

  it("checks each member state's own shape", () => {
    const good = [
      'ATU12345678',
      'BE0123456789',
      'DE123456789',
      'EE123456789',
      'EL123456789',
      'ESX1234567X',
      'FRXX123456789',
      'IE1234567WA',
      'LV12345678901',
      'NL123456789B01',
      'PL1234567890',
      'SE123456789001',
      'CY12345678X',
    ];
    for (const code of good) expect(isVatCode(code), code).to.equal(true);
    const bad = [
      'AT12345678',
      'BE2123456789',
      'DE12345678',
      'NL123456789A01',
      'SE123456789002',
      'LV1234567890',
    ];
    for (const code of bad) expect(vatCodeProblem(code), code).to.equal('format');
  });

  it('refuses prefixes that are not EU member states (GR is EL, GB is gone)', () => {
    expect(vatCodeProblem('GR123456789')).to.equal('prefix');
    expect(vatCodeProblem('GB123456789')).to.equal('prefix');
    expect(vatCodeProblem('123456789')).to.equal('prefix');
    expect(vatPrefixOf('gr')).to.equal('EL');
    expect(vatPrefixOf('LT')).to.equal('LT');
  });

  it('knows a Lithuanian company code: 9 digits', () => {
    expect(isLithuanianCompanyCode('302123456')).to.equal(true);
    expect(isLithuanianCompanyCode('30212345')).to.equal(false);
    expect(isLithuanianCompanyCode('30212345X')).to.equal(false);
  });
});
