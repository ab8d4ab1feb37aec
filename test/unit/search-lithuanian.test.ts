import { expect } from 'chai';
import { SearchIndex, searchFields, substringMatcher } from '../../src/catalog/memory/search.ts';
import { stemKeys } from '../../src/catalog/memory/stemming.ts';
import { DEMO_GOODS } from '../../src/demo/data.ts';

/** The demo catalogue's published goods in an index, as the store puts them (by SKU here). */
function demoIndex(): SearchIndex {
  const index = new SearchIndex();
  for (const g of DEMO_GOODS.filter((p) => !p.draft)) {
    index.set(
      g.sku,
      searchFields({
        sku: g.sku,
        title: { lt: g.titleLt, en: g.titleEn },
        description: { lt: g.descriptionLt, en: g.descriptionEn },
      }),
    );
  }
  return index;
}

/** The SKUs found, best first (ties by SKU, as the store keeps its own order for ties). */
function ranked(index: SearchIndex, q: string): string[] {
  const found = index.search(q)!;
  return [...found].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([sku]) => sku);
}

describe('search that understands Lithuanian (the demo catalogue)', () => {
  const index = demoIndex();
  const CANDLES = ['ZVK-001', 'ZVK-002'];
  const CANDLE_GIFT = 'DOV-001'; // the gift box "holds a soy wax candle" (its description)
  const SOAPS = ['MUI-001', 'MUI-002'];
  const MUGS = ['KER-001', 'KER-004'];

  for (const q of ['žvakės', 'zvakes', 'žvakių', 'ŽVAKĖ', 'žvakę', 'candles', 'candle']) {
    it(`"${q}" finds both candles first, then the gift box with a candle in it`, () => {
      const found = ranked(index, q);
      expect(found.slice(0, 2).sort()).to.deep.equal(CANDLES);
      expect(found).to.deep.equal([...found.slice(0, 2), CANDLE_GIFT]);
    });
  }

  for (const q of ['muilo', 'muilas', 'muilai', 'muilų', 'soap', 'soaps']) {
    it(`"${q}" finds both soaps first, then the gift box with soap in it`, () => {
      const found = ranked(index, q);
      expect(found.slice(0, 2).sort()).to.deep.equal(SOAPS);
      expect(found).to.deep.equal([...found.slice(0, 2), CANDLE_GIFT]);
    });
  }

  for (const q of ['puodeliai', 'puodelis', 'puodelių', 'puodeliu', 'mugs', 'cups']) {
    it(`"${q}" finds the mugs`, () => {
      const found = ranked(index, q);
      expect(found.filter((s) => MUGS.includes(s)).length, found.join()).to.be.greaterThan(0);
      if (!['mugs', 'cups'].includes(q)) expect(found.sort()).to.deep.equal(MUGS);
    });
  }

  it('"mugs" and "cups" find their own mug: the English title is stemmed in English', () => {
    expect(ranked(index, 'mugs')).to.deep.equal(['KER-001']);
    expect(ranked(index, 'cups')).to.deep.equal(['KER-004']);
  });

  it('ranks a title above a description, and the word as written above its stem', () => {
    // "žvakė" is written in ZVK-002's title; "žvakės" only stems to it; the gift box has it in its text.
    const exact = index.search('žvakė')!;
    const stemmed = index.search('žvakės')!;
    expect(exact.get('ZVK-002')).to.be.greaterThan(stemmed.get('ZVK-002')!);
    expect(stemmed.get('ZVK-002')).to.be.greaterThan(stemmed.get(CANDLE_GIFT)!);
    // Slippers: "šlepetės" in the title, with or without its diacritics, and in other cases.
    for (const q of ['šlepetės', 'slepetes', 'šlepečių', 'slippers'])
      expect(ranked(index, q)).to.deep.equal(['TEK-001']);
  });

  it('every word of the query must match; parts of words still match as the database search does', () => {
    expect(ranked(index, 'sojų žvakė')).to.deep.equal(['ZVK-001', CANDLE_GIFT]);
    expect(ranked(index, 'puod')).to.include.members(MUGS);
    expect(ranked(index, 'zvk-002')).to.deep.equal(['ZVK-002']);
    expect(index.search('   ')).to.equal(null);
    expect(index.search('nėrapanašaus')!.size).to.equal(0);
  });

  it('stems the words as written and folded, with the language of their field', () => {
    expect(stemKeys('žvakėje', 'lt')).to.include('l:zvak');
    expect(stemKeys('zvakes', 'lt')).to.deep.equal(['l:zvak']);
    expect(stemKeys('candles', 'en')).to.deep.equal(['e:candl']);
    expect(stemKeys('15', 'lt')).to.deep.equal([]);
  });

  it('forgets a changed good’s old words, and the substring matcher keeps the database rule', () => {
    const small = new SearchIndex();
    small.set(
      'a',
      searchFields({ sku: 'A', title: { lt: 'Bičių vaško žvakė', en: '' }, description: { lt: '', en: '' } }),
    );
    expect([...small.search('žvakės')!.keys()]).to.deep.equal(['a']);
    small.set(
      'a',
      searchFields({ sku: 'A', title: { lt: 'Molinis puodelis', en: '' }, description: { lt: '', en: '' } }),
    );
    expect(small.search('žvakės')!.size).to.equal(0);
    expect(small.vocabulary).to.equal(3); // "molinis", "puodelis", "a"
    small.useMatcher(substringMatcher);
    expect(small.search('puodeliai')!.size).to.equal(0); // no stems: as the database search
    expect([...small.search('puodel')!.keys()]).to.deep.equal(['a']);
    small.delete('a');
    expect(small.size).to.equal(0);
  });
});
