import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ABBREVIATIONS, EASY_MAX_WORDS, easyReadProblems, sentencesOf } from '../../src/web/easy-read.ts';
import {
  LEGALLY_FIXED,
  NOT_PUBLIC,
  PLAIN,
  PUBLIC_PREFIXES,
  STAFF_VIEWS,
} from '../../src/web/easy-read-plain.ts';
import { DEMO_GOODS, DEMO_SERVICES } from '../../src/demo/data.ts';
import { translate, translatePlural } from '../../src/web/i18n.ts';
import { en } from '../../src/web/i18n/en.ts';
import { lt } from '../../src/web/i18n/lt.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LT: Record<string, string> = lt;
const EN: Record<string, string> = en;
const EASY = '.easy';

function placeholders(message: string): string {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort().join();
}

/** The templates of the public pages: every view but those of the staff's pages (STAFF_VIEWS). */
function publicViews(): string[] {
  return (readdirSync(path.join(ROOT, 'views'), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => `views/${f.split(path.sep).join('/')}`)
    .filter((f) => !STAFF_VIEWS.some((re) => re.test(f)));
}

/** Every public key with where it comes from: a public template, or a public prefix. */
function publicKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const standard = Object.keys(LT).filter((k) => !k.endsWith(EASY));
  const add = (key: string, where: string) => {
    if (key in LT && !key.endsWith(EASY) && !found.has(key)) found.set(key, where);
  };
  for (const file of publicViews()) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const at = (i: number) => `${file}:${text.slice(0, i).split('\n').length}`;
    for (const m of text.matchAll(/(?:\{\{~?|\()\s*(?:t|tp)\s+"([^"]+)"/g)) add(m[1]!, at(m.index));
    for (const m of text.matchAll(/\b(?:label|hint)="([A-Za-z][\w.-]*)"/g)) add(m[1]!, at(m.index));
    for (const m of text.matchAll(/(?:\{\{~?|\()\s*tn\s+"([^"]+)"/g)) {
      for (const k of standard.filter((s) => s.startsWith(`${m[1]!}.`))) add(k, at(m.index));
    }
    for (const m of text.matchAll(/(?:\{\{~?|\()\s*(?:t|tp)\s+\(concat\s+"([^"]+)"/g)) {
      for (const k of standard.filter((s) => s.startsWith(m[1]!))) add(k, at(m.index));
    }
  }
  for (const prefix of PUBLIC_PREFIXES) {
    for (const k of standard.filter((s) => s.startsWith(prefix))) add(k, `prefix ${prefix}`);
  }
  for (const group of NOT_PUBLIC) for (const k of group.keys) found.delete(k);
  return found;
}

const plainKeys = PLAIN.flatMap((g) => g.keys);
const fixedKeys = LEGALLY_FIXED.flatMap((g) => g.keys);
const easyKeys = Object.keys(LT).filter((k) => k.endsWith(EASY));

describe('easy-read texts', () => {
  describe('the rules', () => {
    it('counts words per sentence', () => {
      expect(easyReadProblems('Sumokėkite {amount}. Parašykite {reference}.')).to.deep.equal([]);
      const long =
        'Vienas du trys keturi penki šeši septyni aštuoni devyni dešimt vienuolika dvylika trylika.';
      expect(easyReadProblems(long)).to.have.length(1);
      expect(easyReadProblems(long)[0]).to.contain('13 words');
      expect(sentencesOf('Pay €33.00. Write 2026-00008.')).to.deep.equal([
        'Pay €33.00.',
        'Write 2026-00008.',
      ]);
    });

    it('finds the abbreviations, and not words that only look like them', () => {
      for (const text of [
        'Parašykite, pvz., vardą.',
        'Liko 3 vnt.',
        'Jūsų el. paštas',
        'Užsakymo nr. 5',
        'Atvira 8 val.',
        'Vilniaus g. 1',
        'For example, e.g. this.',
        'Tea, cups etc.',
        'Order no. 5',
        'Price incl. VAT',
      ]) {
        expect(easyReadProblems(text), text).to.have.length.greaterThan(0);
      }
      for (const text of ['Answer no.', 'Elektroninis paštas', 'Numeris', 'Valanda.', 'Etcetera']) {
        expect(easyReadProblems(text), text).to.deep.equal([]);
      }
      expect(ABBREVIATIONS.length).to.be.greaterThan(10);
      expect(EASY_MAX_WORDS).to.equal(12);
    });
  });

  describe('the messages', () => {
    it('every easy-read message follows the rules, in both languages', () => {
      const broken = easyKeys.flatMap((k) => [
        ...easyReadProblems(LT[k]!).map((p) => `lt ${k}: ${p}`),
        ...easyReadProblems(EN[k]!).map((p) => `en ${k}: ${p}`),
      ]);
      expect(easyKeys.length).to.be.greaterThan(90);
      expect(broken).to.deep.equal([]);
    });

    it('every easy-read message gives the facts its standard text gives (the same placeholders)', () => {
      const differ = easyKeys
        .filter((k) => placeholders(LT[k]!) !== placeholders(LT[k.slice(0, -EASY.length)]!))
        .map((k) => `${k}: {${placeholders(LT[k]!)}} vs {${placeholders(LT[k.slice(0, -EASY.length)]!)}}`);
      expect(differ).to.deep.equal([]);
    });

    it('every easy-read message differs from its standard text (else it belongs in the plain list)', () => {
      const same = easyKeys.filter((k) => LT[k] === LT[k.slice(0, -EASY.length)]);
      expect(same).to.deep.equal([]);
    });

    it('every public message has an easy-read variant or is listed as already plain', () => {
      const keys = publicKeys();
      expect(keys.size, 'public keys found (is the scan still working?)').to.be.greaterThan(200);
      const missing = [...keys]
        .filter(([k]) => !(`${k}${EASY}` in LT) && !plainKeys.includes(k) && !fixedKeys.includes(k))
        .map(([k, where]) => `${k} (${where}): "${LT[k]}"`);
      expect(
        missing,
        'add a .easy variant (src/*/easy-messages.ts) or list it in src/web/easy-read-plain.ts',
      ).to.deep.equal([]);
    });

    it('every message listed as plain is public, follows the rules and has no easy-read variant', () => {
      const keys = publicKeys();
      const problems = plainKeys.flatMap((k) => {
        if (!(k in LT)) return [`${k}: no such message (remove it from the list)`];
        if (`${k}${EASY}` in LT) return [`${k}: has an easy-read variant (remove it from the list)`];
        if (!keys.has(k)) return [`${k}: not on a public page (remove it from the list)`];
        return [
          ...easyReadProblems(LT[k]!).map((p) => `lt ${k}: ${p}`),
          ...easyReadProblems(EN[k]!).map((p) => `en ${k}: ${p}`),
        ];
      });
      expect(problems).to.deep.equal([]);
      expect(new Set(plainKeys).size, 'a key listed twice').to.equal(plainKeys.length);
    });

    it('every text listed as legally fixed is public, has no easy-read variant and is listed once', () => {
      const keys = publicKeys();
      const problems = fixedKeys.flatMap((k) => {
        if (!(k in LT)) return [`${k}: no such message (remove it from the list)`];
        if (`${k}${EASY}` in LT) return [`${k}: has an easy-read variant, so its legal wording is not shown`];
        if (!keys.has(k)) return [`${k}: not on a public page (remove it from the list)`];
        if (plainKeys.includes(k)) return [`${k}: also listed as plain`];
        return [];
      });
      expect(problems).to.deep.equal([]);
      expect(new Set(fixedKeys).size, 'a key listed twice').to.equal(fixedKeys.length);
    });

    it('every group of the lists says why', () => {
      for (const g of [...PLAIN, ...NOT_PUBLIC, ...LEGALLY_FIXED]) {
        expect(g.reason.trim().length, g.keys.join()).to.be.greaterThan(10);
        expect(g.keys.length).to.be.greaterThan(0);
      }
    });
  });

  describe('the demo products', () => {
    it('have easy-read descriptions that follow the rules', () => {
      const withEasy = [...DEMO_GOODS, ...DEMO_SERVICES].filter((p) => p.easyLt);
      expect(withEasy.length).to.be.greaterThan(3);
      const broken = withEasy.flatMap((p) => [
        ...easyReadProblems(p.easyLt!).map((x) => `${p.sku} lt: ${x}`),
        ...(p.easyEn ? [] : [`${p.sku}: no English easy-read description`]),
        ...easyReadProblems(p.easyEn ?? '').map((x) => `${p.sku} en: ${x}`),
      ]);
      expect(broken).to.deep.equal([]);
    });
  });

  describe('what the pages say', () => {
    it('the transfer instructions: the amount and the reference as two short sentences', () => {
      const params = { amount: '33,00 €', reference: '2026-00008' };
      expect(translate('lt', 'order.transferInstruction', params, true)).to.equal(
        'Sumokėkite 33,00 €. Mokėjimo paskirtyje parašykite 2026-00008.',
      );
      expect(translate('en', 'order.transferInstruction', { ...params, amount: '€33.00' }, true)).to.match(
        /^Pay €33\.00\. Write 2026-00008\b/,
      );
      expect(translate('en', 'order.transferInstruction', params, false)).not.to.match(/^Pay /);
    });

    it('plural messages have their easy-read forms in easy-read mode', () => {
      const standard = translatePlural('lt', 'product.madeToOrderDays', 3);
      const easy = translatePlural('lt', 'product.madeToOrderDays', 3, {}, true);
      expect(standard).to.contain('3');
      expect(easy).to.contain('3');
      expect(easy).not.to.equal(standard);
      expect(easyReadProblems(easy)).to.deep.equal([]);
    });
  });
});
