import { expect } from 'chai';
import { formatHours, parseHours } from '../../src/participants/hours.ts';

describe('contribution hours', () => {
  const weight = (text: string, days = 28) => {
    const parsed = parseHours(text, days);
    return parsed.ok ? parsed.weight : parsed.error.key;
  };

  it('reads hours with a decimal comma or point as hundredths of an hour', () => {
    expect(weight('1,5')).to.equal(150);
    expect(weight('1.5')).to.equal(150);
    expect(weight(' 2 ')).to.equal(200);
    expect(weight('0,25')).to.equal(25);
    expect(weight('0,07')).to.equal(7);
    expect(weight(',5')).to.equal(50);
    expect(weight('3,')).to.equal(300);
    expect(weight('')).to.equal(0);
    expect(weight('0')).to.equal(0);
    expect(weight('672', 28)).to.equal(67_200);
  });

  it('refuses negatives, non-numbers, more than two decimals and more than 24 h a day', () => {
    expect(weight('-1')).to.equal('contributions.errors.hoursNegative');
    expect(weight('-0,5')).to.equal('contributions.errors.hoursNegative');
    for (const bad of [
      'abc',
      '1e3',
      '1,5,0',
      '1 5',
      '+1',
      'Infinity',
      'NaN',
      '0x10',
      '1 000',
      '.',
      ',',
      '-',
      '9999999',
    ]) {
      expect(weight(bad), bad).to.equal('contributions.errors.hoursNumber');
    }
    expect(weight('1,555')).to.equal('contributions.errors.hoursDecimals');
    expect(weight('672,01', 28)).to.equal('contributions.errors.hoursTooMany');
    expect(weight('745', 31)).to.equal('contributions.errors.hoursTooMany');
    const tooMany = parseHours('1000', 30);
    expect(tooMany.ok ? null : tooMany.error).to.deep.equal({
      key: 'contributions.errors.hoursTooMany',
      params: { max: 720, days: 30 },
    });
  });

  it('shows a weight back as hours in the language of the page', () => {
    expect(formatHours(150, 'lt')).to.equal('1,5');
    expect(formatHours(150, 'en')).to.equal('1.5');
    expect(formatHours(125, 'lt')).to.equal('1,25');
    expect(formatHours(7, 'lt')).to.equal('0,07');
    expect(formatHours(200, 'lt')).to.equal('2');
    expect(formatHours(0, 'lt')).to.equal('');
    for (const w of [1, 50, 99, 100, 101, 12_345, 67_200]) {
      expect(weight(formatHours(w, 'lt')), String(w)).to.equal(w);
      expect(weight(formatHours(w, 'en')), String(w)).to.equal(w);
    }
  });
});
