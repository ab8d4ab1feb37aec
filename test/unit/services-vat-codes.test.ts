import { expect } from 'chai';
import { normalizeVatCode, vatCodeProblem, vatCountry } from '../../src/services/vat-codes.ts';
import { parseForm } from '../../src/web/form-fields.ts';
import { quoteLineForm, vatCodeField } from '../../src/services/schemas.ts';
import { unitLabel, unitOptions } from '../../src/services/units.ts';
import { z } from 'zod';

const field = z.object({ vatCode: vatCodeField });

describe('EU VAT codes by format', () => {
  it('accepts a VAT code of each member state in its own format', () => {
    const good = [
      'LT100001234567',
      'LT123456789',
      'LV40003012345',
      'EE100931558',
      'PL5260250274',
      'DE136695976',
      'ATU13585627',
      'BE0417497106',
      'FR40303265045',
      'NL004495445B01',
      'IE6388047V',
      'IE1234567FA',
      'ESA28015865',
      'ESX1234567L',
      'EL094014201',
      'SE556036079301',
      'CY10259033P',
      'XI123456789',
    ];
    for (const code of good) expect(vatCodeProblem(code), code).to.equal(null);
  });

  it('names what is wrong: an unknown prefix, or the wrong shape for the country', () => {
    expect(vatCodeProblem('LT12')).to.equal('format');
    expect(vatCodeProblem('LT1234567890')).to.equal('format');
    expect(vatCodeProblem('DE12345678')).to.equal('format');
    expect(vatCodeProblem('PL52602502')).to.equal('format');
    expect(vatCodeProblem('NL004495445A01')).to.equal('format');
    expect(vatCodeProblem('SE556036079302')).to.equal('format');
    expect(vatCodeProblem('GR094014201')).to.equal('country');
    expect(vatCodeProblem('US123456789')).to.equal('country');
    expect(vatCodeProblem('123456789')).to.equal('country');
  });

  it('normalizes what people type and knows the country of a prefix', () => {
    expect(normalizeVatCode(' lt 1000-0123.4567 ')).to.equal('LT100001234567');
    expect(vatCountry('EL094014201')).to.equal('GR');
    expect(vatCountry('LV40003012345')).to.equal('LV');
  });

  it('gives forms a clear message: the Lithuanian one for LT12, another for a foreign format', () => {
    const lt = parseForm(field, { vatCode: 'LT12' });
    expect(lt.ok).to.equal(false);
    if (!lt.ok) expect(lt.errors.vatCode!.key).to.equal('errors.vatCode');
    const de = parseForm(field, { vatCode: 'DE1234' });
    if (de.ok) throw new Error('DE1234 accepted');
    expect(de.errors.vatCode!.key).to.equal('vat.errors.format');
    const xx = parseForm(field, { vatCode: 'XX123456789' });
    if (xx.ok) throw new Error('XX accepted');
    expect(xx.errors.vatCode!.key).to.equal('vat.errors.country');
    const ok = parseForm(field, { vatCode: 'lv 40003012345' });
    expect(ok.ok && ok.data.vatCode).to.equal('LV40003012345');
    const none = parseForm(field, { vatCode: '' });
    expect(none.ok && none.data.vatCode).to.equal('');
  });
});

describe('quote and invoice lines: unit and quantity', () => {
  const row = (over: Record<string, string>) => ({
    description: 'Pakavimas',
    quantity: '2',
    unit: 'HUR',
    unitPrice: '10,00',
    vatRate: '21',
    ...over,
  });

  it('prints each unit by its abbreviation, in both languages', () => {
    expect(['H87', 'HUR', 'DAY', 'KGM', 'MTR', 'SET'].map((u) => unitLabel('lt', u))).to.deep.equal([
      'vnt.',
      'val.',
      'd.',
      'kg',
      'm',
      'kompl.',
    ]);
    expect(unitLabel('en', 'HUR')).to.equal('h');
    expect(
      unitOptions('lt', 'DAY')
        .filter((o) => o.selected)
        .map((o) => o.code),
    ).to.deep.equal(['DAY']);
  });

  it('takes a unit from the list (a piece when none is sent)', () => {
    const hours = parseForm(quoteLineForm, row({}));
    expect(hours.ok && hours.data.unit).to.equal('HUR');
    const piece = parseForm(quoteLineForm, row({ unit: '' }));
    expect(piece.ok && piece.data.unit).to.equal('H87');
  });

  it('refuses a unit not in the list, one longer than a code, and a negative quantity, each with its message', () => {
    const unknown = parseForm(quoteLineForm, row({ unit: 'LTR' }));
    if (unknown.ok) throw new Error('LTR accepted');
    expect(unknown.errors.unit!.key).to.equal('unit.errors.unknown');
    const long = parseForm(quoteLineForm, row({ unit: 'HOURS' }));
    if (long.ok) throw new Error('HOURS accepted');
    expect(long.errors.unit!.key).to.equal('unit.errors.tooLong');
    const negative = parseForm(quoteLineForm, row({ quantity: '-3' }));
    if (negative.ok) throw new Error('-3 accepted');
    expect(negative.errors.quantity!.key).to.equal('quote.errors.negativeQuantity');
    const zero = parseForm(quoteLineForm, row({ quantity: '0' }));
    if (zero.ok) throw new Error('0 accepted');
    expect(zero.errors.quantity!.key).to.equal('errors.numberRange');
  });
});
