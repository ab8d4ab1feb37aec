import { expect } from 'chai';
import fc from 'fast-check';
import { escapeRegExp, foldText, searchTerms, slugify } from '../../src/lib/text.ts';

const SLUG_RE = /^([a-z0-9]+(-[a-z0-9]+)*)?$/;

/** Strings that mix ASCII, Lithuanian letters, other accented letters, punctuation and odd whitespace. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(...'ąčęėįšųūžĄČĘĖĮŠŲŪŽéöüßñÅ -_.,!?/\\\t\n\u00a0\u202f„“–—€%&#'.split('')),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('text', () => {
  describe('foldText', () => {
    it('folds Lithuanian letters to ASCII', () => {
      expect(foldText('ąčęėįšųūž')).to.equal('aceeisuuz');
    });

    it('folds Lithuanian capitals to lower-case ASCII', () => {
      expect(foldText('ĄČĘĖĮŠŲŪŽ')).to.equal('aceeisuuz');
      expect(foldText('ŽVAKĖ')).to.equal('zvake');
    });

    it('makes "žvakė", "Zvake" and "ŽVAKĖ" compare equal', () => {
      expect(foldText('žvakė')).to.equal(foldText('Zvake'));
      expect(foldText('ŽVAKĖ')).to.equal(foldText('zvake'));
    });

    it('strips other diacritics', () => {
      expect(foldText('Café Öl naïve Ñandú Åse')).to.equal('cafe ol naive nandu ase');
    });

    it('folds letters written as a base letter plus a combining mark', () => {
      // "z" + COMBINING CARON, "e" + COMBINING DOT ABOVE
      expect(foldText('Z\u030cvake\u0307')).to.equal('zvake');
    });

    it('leaves plain ASCII lower-cased and otherwise unchanged', () => {
      expect(foldText('Hello, World 123!')).to.equal('hello, world 123!');
    });

    it('never leaves a Lithuanian letter or a combining mark (property)', () => {
      fc.assert(
        fc.property(mixedText, (s) => {
          expect(foldText(s)).not.to.match(/[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]|\p{M}/u);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('slugify', () => {
    const examples: Array<[string, string]> = [
      ['Sojų vaško žvakė', 'soju-vasko-zvake'],
      ['ŠILTOS VILNONĖS KOJINĖS', 'siltos-vilnones-kojines'],
      ['Keramikos puodelis, 300 ml', 'keramikos-puodelis-300-ml'],
      ['Dovanų rinkinys „Kalėdos“!', 'dovanu-rinkinys-kaledos'],
      ['  --Hello,   World!--  ', 'hello-world'],
      ['a/b\\c_d.e', 'a-b-c-d-e'],
      ['Café crème', 'cafe-creme'],
      ['100 %', '100'],
      ['', ''],
      ['!!!', ''],
      ['—', ''],
    ];
    for (const [input, slug] of examples) {
      it(`slugifies ${JSON.stringify(input)} as ${JSON.stringify(slug)}`, () => {
        expect(slugify(input)).to.equal(slug);
      });
    }

    it('cuts to 80 characters', () => {
      expect(slugify('a'.repeat(200))).to.equal('a'.repeat(80));
    });

    it('does not end with a hyphen when the cut falls on a separator', () => {
      // 79 letters, a separator at position 80, then more words
      const slug = slugify(`${'a'.repeat(79)} bbbb cccc`);
      expect(slug).to.equal('a'.repeat(79));
      const slug2 = slugify(`${'word '.repeat(30)}`);
      expect(slug2.length).to.be.at.most(80);
      expect(slug2).to.match(SLUG_RE);
      expect(slug2.endsWith('-')).to.equal(false);
    });

    it('is always a well-formed slug of at most 80 characters (property)', () => {
      fc.assert(
        fc.property(fc.oneof(mixedText, fc.string({ unit: 'binary', maxLength: 200 })), (s) => {
          const slug = slugify(s);
          expect(slug).to.match(SLUG_RE);
          expect(slug.length).to.be.at.most(80);
        }),
        { numRuns: 500 },
      );
    });

    it('is idempotent on its own output (property)', () => {
      fc.assert(
        fc.property(mixedText, (s) => {
          const slug = slugify(s);
          expect(slugify(slug)).to.equal(slug);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('searchTerms', () => {
    it('splits a query into folded words', () => {
      expect(searchTerms('  Sojų   VAŠKO, žvakė! ')).to.deep.equal(['soju', 'vasko', 'zvake']);
    });

    it('keeps at most 6 terms by default', () => {
      expect(searchTerms('a b c d e f g h i')).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f']);
    });

    it('honours a custom maximum', () => {
      expect(searchTerms('one two three', 2)).to.deep.equal(['one', 'two']);
    });

    it('returns no terms for an empty or punctuation-only query', () => {
      expect(searchTerms('')).to.deep.equal([]);
      expect(searchTerms(' ,.;!? ')).to.deep.equal([]);
    });

    it('returns only non-empty [a-z0-9] words, at most 6 (property)', () => {
      fc.assert(
        fc.property(mixedText, (s) => {
          const terms = searchTerms(s);
          expect(terms.length).to.be.at.most(6);
          for (const t of terms) expect(t).to.match(/^[a-z0-9]+$/);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('escapeRegExp', () => {
    it('escapes every regular-expression metacharacter', () => {
      expect(escapeRegExp('a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o')).to.equal(
        'a\\.b\\*c\\+d\\?e\\^f\\$g\\{h\\}i\\(j\\)k\\|l\\[m\\]n\\\\o',
      );
    });

    it('makes any string match itself literally and only as a whole (property)', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
          const escaped = escapeRegExp(s);
          expect(new RegExp(escaped).test(s)).to.equal(true);
          expect(new RegExp(`^${escaped}$`).test(s)).to.equal(true);
          expect(new RegExp(`^${escaped}$`, 'u').test(s)).to.equal(true);
        }),
        { numRuns: 1000 },
      );
    });

    it('does not let metacharacters match other text', () => {
      expect(new RegExp(`^${escapeRegExp('a.c')}$`).test('abc')).to.equal(false);
      expect(new RegExp(`^${escapeRegExp('a+')}$`).test('aaa')).to.equal(false);
      expect(new RegExp(`^${escapeRegExp('[ab]')}$`).test('a')).to.equal(false);
    });
  });
});
