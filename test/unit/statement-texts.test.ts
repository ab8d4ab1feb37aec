import { expect } from 'chai';
import { formatCents } from '../../src/lib/money.ts';
import { allocateStipends } from '../../src/stipends/allocate.ts';
import type { StipendInput } from '../../src/stipends/engine-schemas.ts';
import { explainAllocation } from '../../src/stipends/explain.ts';
import type { LineLabel } from '../../src/stipends/inputs.ts';
import { statementEn, statementLt } from '../../src/stipends/statement-messages.ts';
import {
  SHOWN_ITEMS,
  composeStatement,
  monthInWords,
  statementTexts,
  type Statement,
} from '../../src/stipends/statements.ts';
import { localeOf, type Lang } from '../../src/web/i18n.ts';

/**
 * The easy-read rules of the statements, in both languages, on statements rendered from realistic
 * months: every sentence at most 12 words, no abbreviations, and one amount only (what the person gets).
 */

const MAX_WORDS = 12;

/** Shortened words readers with an intellectual disability cannot read, as they are written. */
const ABBREVIATION =
  /(?<![\p{L}\d])(?:d|val|min|sek|proc|pvz|nr|vnt|m|mėn|sav|kt|tt|t\. ?y|žr|pan|ir kt|eur|etc|e\. ?g|i\. ?e|approx|incl|pcs|hrs?|mins?|no|vs)\.|(?<![\p{L}])(?:eur|EUR|proc|vnt|pvz)(?![\p{L}])/iu;

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w));
}

/** What is wrong with one text of a statement, if anything. */
function easyReadProblems(text: string): string[] {
  const problems: string[] = [];
  const n = words(text).length;
  if (n > MAX_WORDS) problems.push(`${n} words: ${text}`);
  const abbreviation = ABBREVIATION.exec(text);
  if (abbreviation) problems.push(`abbreviation "${abbreviation[0]}": ${text}`);
  return problems;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const LABELS: Record<string, LineLabel> = {};
function product(id: string, lt: string, en: string): string {
  LABELS[id] = {
    kind: 'product',
    targetId: `p-${id}`,
    title: { lt, en },
    reference: '2026-00042',
    refund: false,
  };
  return id;
}
function job(id: string, title: string): string {
  LABELS[id] = {
    kind: 'job',
    targetId: `j-${id}`,
    title: { lt: title, en: title },
    reference: 'DRB 000012',
    refund: false,
  };
  return id;
}

const lines = {
  candle: product('L1', 'Sojų vaško žvakė', 'Soy wax candle'),
  mug: product('L2', 'Molinis puodelis', 'Clay mug'),
  bag: product('L3', 'Lininis maišelis', 'Linen bag'),
  board: product('L4', 'Pjaustymo lentelė', 'Cutting board'),
  card: product('L5', 'Atvirukas su gėlėmis', 'Card with flowers'),
  soap: product('L6', 'Rankų darbo muilas', 'Handmade soap'),
  gifts: job('L7', 'Dovanų rinkiniai įmonės renginiui'),
  unattributed: product('L8', 'Vazelė', 'Small vase'),
};

/** A month of 21 workdays: full, partial, one and two days, nobody's work, a job only, many things. */
function month(overrides: Partial<StipendInput> = {}): StipendInput {
  return {
    period: '2026-10',
    policy: { poolShareBps: 7000, deductCosts: false, baseAmountCents: 5000, capCents: null },
    workdays: 21,
    participants: [
      { id: 'full', attendanceDays: 21 },
      { id: 'partial', attendanceDays: 18 },
      { id: 'one', attendanceDays: 1 },
      { id: 'two', attendanceDays: 2 },
      { id: 'absent', attendanceDays: 0 },
      { id: 'jobOnly', attendanceDays: 0 },
    ],
    lines: [
      {
        id: lines.candle,
        amountCents: 4590,
        contributions: [
          { participantId: 'full', weight: 3 },
          { participantId: 'partial', weight: 1 },
        ],
      },
      { id: lines.mug, amountCents: 2300, contributions: [{ participantId: 'full', weight: 1 }] },
      {
        id: lines.bag,
        amountCents: 1800,
        contributions: [
          { participantId: 'full', weight: 2 },
          { participantId: 'two', weight: 1 },
        ],
      },
      { id: lines.board, amountCents: 2600, contributions: [{ participantId: 'full', weight: 1 }] },
      { id: lines.card, amountCents: 400, contributions: [{ participantId: 'full', weight: 1 }] },
      { id: lines.soap, amountCents: 650, contributions: [{ participantId: 'full', weight: 1 }] },
      {
        id: lines.gifts,
        amountCents: 24000,
        contributions: [
          { participantId: 'partial', weight: 2 },
          { participantId: 'jobOnly', weight: 3 },
        ],
      },
      // Shared out by attendance: nobody recorded making it, so it is nobody's "thing they made".
      { id: lines.unattributed, amountCents: 1200, contributions: [] },
    ],
    costsCents: 0,
    ...overrides,
  };
}

function statementsFor(input: StipendInput, lang: Lang): Map<string, Statement> {
  const result = allocateStipends(input);
  const explanation = explainAllocation(input, result);
  const covers = new Map([['p-L1', 'products/00000000000000000000000000000001-thumb.webp']]);
  return new Map(
    result.participants.map((participant) => [
      participant.id,
      composeStatement(
        {
          period: input.period,
          input,
          poolCents: result.poolCents,
          participant,
          explained: explanation.participants.find((p) => p.id === participant.id),
          lineLabels: LABELS,
          person: { displayName: `Vardenis ${participant.id}`, code: participant.id },
          covers,
          organisationName: 'Kretingos dirbtuvės',
        },
        lang,
      ),
    ]),
  );
}

const CASES: { name: string; input: StipendInput }[] = [
  { name: 'a month with sales', input: month() },
  { name: 'a month with a cap', input: month({ policy: { ...month().policy, capCents: 6000 } }) },
  { name: 'a month with nothing sold', input: month({ lines: [] }) },
  {
    name: 'a month where the pool only covers the days',
    input: month({ policy: { ...month().policy, poolShareBps: 1000 } }),
  },
];

describe('easy-read statements: the texts', () => {
  describe('the checker', () => {
    it('finds the abbreviations and the long sentences of the old statement', () => {
      expect(easyReadProblems('Šį mėnesį dirbote 18 d. iš 21.')).to.have.length(1);
      expect(easyReadProblems('2026 m. spalis')).to.have.length(1);
      expect(easyReadProblems('Kaina 5 EUR')).to.have.length(1);
      expect(easyReadProblems('Nr. 12')).to.have.length(1);
      expect(easyReadProblems('e.g. candles')).to.have.length(1);
      expect(
        easyReadProblems(
          'Buvo parduota daiktų ir darbų, kuriuos padėjote padaryti, o jūsų dalis yra didelė.',
        ),
      ).to.have.length(1);
      expect(easyReadProblems('Atėjote 18 dienų iš 21.')).to.deep.equal([]);
      expect(easyReadProblems('Pažymą parengė Kretingos dirbtuvės.')).to.deep.equal([]);
    });
  });

  for (const lang of ['lt', 'en'] as const) {
    describe(`in ${lang === 'lt' ? 'Lithuanian' : 'English'}`, () => {
      for (const { name, input } of CASES) {
        it(`${name}: every text short, no abbreviations, the amount once and no other`, () => {
          for (const s of statementsFor(input, lang).values()) {
            const texts = statementTexts(s);
            expect(texts.flatMap(easyReadProblems), s.id).to.deep.equal([]);
            const all = texts.join('\n');
            expect(s.amount).to.equal(formatCents(s.totalCents, localeOf(lang)));
            expect(occurrences(all, s.amount), `${s.id}: the amount once`).to.equal(1);
            expect(occurrences(all, '€'), `${s.id}: no second amount`).to.equal(1);
          }
        });
      }

      it('has every statement message short and free of abbreviations, filled with realistic values', () => {
        const dict: Record<string, string> = lang === 'lt' ? statementLt : statementEn;
        const params: Record<string, string> = {
          name: 'Ona Žukauskienė',
          period: '2026-10',
          year: '2026',
          month: lang === 'lt' ? 'spalis' : 'October',
          count: '18',
          workdays: '21',
          title: 'Dovanų rinkiniai',
          organisation: 'Kretingos dirbtuvės',
        };
        const filled = Object.values(dict).map((m) => m.replace(/\{(\w+)\}/g, (_, k: string) => params[k]!));
        expect(filled.flatMap(easyReadProblems)).to.deep.equal([]);
      });
    });
  }

  describe('what each statement says', () => {
    const lt = statementsFor(month(), 'lt');
    const en = statementsFor(month(), 'en');

    it('counts the days with the right plural form', () => {
      expect(lt.get('full')!.days).to.equal('Atėjote 21 dieną iš 21.');
      expect(lt.get('partial')!.days).to.equal('Atėjote 18 dienų iš 21.');
      expect(lt.get('one')!.days).to.equal('Atėjote 1 dieną iš 21.');
      expect(lt.get('two')!.days).to.equal('Atėjote 2 dienas iš 21.');
      expect(lt.get('absent')!.days).to.equal('Atėjote 0 dienų iš 21.');
      expect(en.get('one')!.days).to.equal('You came 1 day out of 21.');
      expect(en.get('partial')!.days).to.equal('You came 18 days out of 21.');
    });

    it('gives the month in words', () => {
      expect(monthInWords('2026-10', 'lt')).to.equal('2026 metų spalis');
      expect(monthInWords('2026-01', 'lt')).to.equal('2026 metų sausis');
      expect(monthInWords('2026-10', 'en')).to.equal('October 2026');
    });

    it('lists what the person helped make, the largest share first, the rest counted in words', () => {
      const full = lt.get('full')!;
      expect(full.items.map((i) => i.label)).to.deep.equal([
        'Sojų vaško žvakė',
        'Pjaustymo lentelė',
        'Molinis puodelis',
        'Lininis maišelis',
      ]);
      expect(full.items).to.have.length(SHOWN_ITEMS);
      expect(full.more).to.equal('Ir dar 2 kiti darbai.');
      expect(en.get('full')!.more).to.equal('And 2 more things.');
      expect(full.items[0]!.photoKey).to.equal('products/00000000000000000000000000000001-thumb.webp');
      expect(full.items[1]!.photoKey).to.equal(null);
      expect(full.nothingSold).to.equal(null);
    });

    it('names a job as work for a business, with no photo', () => {
      const partial = lt.get('partial')!;
      expect(partial.items.map((i) => [i.kind, i.label, i.photoKey])).to.deep.equal([
        ['job', 'Darbas įmonei: Dovanų rinkiniai įmonės renginiui', null],
        ['product', 'Sojų vaško žvakė', 'products/00000000000000000000000000000001-thumb.webp'],
      ]);
      expect(partial.more).to.equal(null);
    });

    it('lists nothing shared out by attendance alone, and says when nothing was sold', () => {
      const one = lt.get('one')!;
      expect(one.items).to.deep.equal([]);
      expect(one.madeHeading).to.equal(null);
      expect(one.nothingSold).to.equal('Šį mėnesį nebuvo parduota to, ką padėjote padaryti.');
    });

    it('says in one sentence how the amount was counted', () => {
      expect(lt.get('full')!.how).to.equal(statementLt['statement.how.both']);
      // A line nobody was recorded making is shared by days: a day's share of sales is money for work sold.
      expect(lt.get('one')!.how).to.equal(statementLt['statement.how.both']);
      const daysOnly = statementsFor(month({ policy: { ...month().policy, poolShareBps: 1000 } }), 'lt');
      expect(daysOnly.get('one')!.how).to.equal(statementLt['statement.how.days']);
      expect(lt.get('jobOnly')!.how).to.equal(statementLt['statement.how.sales']);
      expect(lt.get('absent')!.how).to.equal(statementLt['statement.how.noDays']);
      expect(lt.get('absent')!.amount).to.equal(formatCents(0, 'lt-LT'));
      const capped = statementsFor(month({ policy: { ...month().policy, capCents: 6000 } }), 'en');
      expect(capped.get('full')!.totalCents).to.equal(6000);
      expect(capped.get('full')!.how).to.equal(statementEn['statement.how.capped']);
      const nothing = statementsFor(month({ lines: [] }), 'lt');
      expect(nothing.get('full')!.totalCents).to.equal(0);
      expect(nothing.get('full')!.how).to.equal(statementLt['statement.how.nothingSold']);
    });
  });
});
