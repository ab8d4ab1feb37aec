import { readdirSync, readFileSync } from 'node:fs';
import { LOCKER_NETWORKS } from '../../src/lockers/service.ts';
import { CHANNELS } from '../../src/ledger/service.ts';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { PRODUCT_KINDS, PRODUCT_STATUSES } from '../../src/catalog/model.ts';
import { DELIVERY_METHODS, ORDER_STATES, PAYMENT_METHODS } from '../../src/orders/model.ts';
import { CATALOGUE_SORTS } from '../../src/catalog/schemas.ts';
import { ROLES, STAFF_AUDIT_ACTIONS } from '../../src/staff/model.ts';
import { isLang, localeOf, localized, messageKeys, translate, translatePlural } from '../../src/web/i18n.ts';
import { en } from '../../src/web/i18n/en.ts';
import { lt } from '../../src/web/i18n/lt.ts';
import { DASHBOARD_QUEUES } from '../../src/web/dashboard.ts';
import { lithuanianHolidays } from '../../src/lib/workdays.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LT: Record<string, string> = lt;
const EN: Record<string, string> = en;

function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** Temporarily replaces (or, with undefined, removes) a message to exercise fallbacks; always restores it. */
function withMessage(
  dict: Record<string, string>,
  key: string,
  value: string | undefined,
  run: () => void,
): void {
  const had = Object.hasOwn(dict, key);
  const saved = dict[key];
  if (value === undefined) delete dict[key];
  else dict[key] = value;
  try {
    run();
  } finally {
    if (had) dict[key] = saved!;
    else delete dict[key];
  }
}

function filesUnder(dir: string, ext: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

interface Use {
  key: string;
  where: string;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('i18n', () => {
  describe('dictionaries', () => {
    it('lt and en have exactly the same keys', () => {
      const ltKeys = Object.keys(lt).sort();
      const enKeys = Object.keys(en).sort();
      expect(
        enKeys.filter((k) => !(k in LT)),
        'keys only in en',
      ).to.deep.equal([]);
      expect(
        ltKeys.filter((k) => !(k in EN)),
        'keys only in lt',
      ).to.deep.equal([]);
      expect(ltKeys.length).to.be.greaterThan(100);
    });

    it('has no empty messages', () => {
      for (const [name, dict] of [
        ['lt', LT],
        ['en', EN],
      ] as const) {
        const empty = Object.entries(dict)
          .filter(([, m]) => typeof m !== 'string' || m.trim() === '')
          .map(([k]) => k);
        expect(empty, `empty ${name} messages`).to.deep.equal([]);
      }
    });

    it('uses the same {placeholders} in lt and en', () => {
      const mismatched = Object.keys(lt)
        .filter((k) => placeholders(LT[k]!).join() !== placeholders(EN[k] ?? '').join())
        .map((k) => `${k}: lt {${placeholders(LT[k]!).join()}} en {${placeholders(EN[k] ?? '').join()}}`);
      expect(mismatched).to.deep.equal([]);
    });

    it('has a plain message for every easy-read variant', () => {
      const orphans = Object.keys(lt).filter(
        (k) => k.endsWith('.easy') && !(k.slice(0, -'.easy'.length) in LT),
      );
      expect(orphans).to.deep.equal([]);
    });

    it('has an .other form for every plural message, and {count} in each form', () => {
      const forms = Object.keys(lt).filter((k) => /\.(one|two|few|many|other)$/.test(k));
      expect(forms.length).to.be.greaterThan(0);
      for (const k of forms) {
        const base = k.replace(/\.(one|two|few|many|other)$/, '');
        expect(LT, `${base}.other`).to.have.property(`${base}.other`);
        expect(placeholders(LT[k]!), k).to.include('count');
        expect(placeholders(EN[k]!), k).to.include('count');
      }
    });

    it('lists its keys through messageKeys', () => {
      expect(messageKeys('lt')).to.have.members(Object.keys(lt));
      expect(messageKeys('en')).to.have.members(Object.keys(en));
    });
  });

  describe('languages', () => {
    it('knows lt and en only', () => {
      expect(isLang('lt')).to.equal(true);
      expect(isLang('en')).to.equal(true);
      for (const v of ['LT', 'de', '', undefined, null, 1]) expect(isLang(v), String(v)).to.equal(false);
      expect(localeOf('lt')).to.equal('lt-LT');
      expect(localeOf('en')).to.equal('en-IE');
    });
  });

  describe('translate', () => {
    it('gives the message in the requested language', () => {
      expect(translate('lt', 'nav.catalogue')).to.equal(lt['nav.catalogue']);
      expect(translate('en', 'nav.catalogue')).to.equal(en['nav.catalogue']);
      expect(translate('lt', 'nav.catalogue')).not.to.equal(translate('en', 'nav.catalogue'));
    });

    it('fills in {params}, and leaves unknown placeholders visible', () => {
      expect(translate('lt', 'dashboard.hello', { name: 'Ona' })).to.equal('Sveiki, Ona!');
      expect(translate('en', 'dashboard.hello', { name: 'Ona' })).to.equal('Hello, Ona!');
      expect(translate('en', 'dashboard.hello')).to.equal('Hello, {name}!');
      expect(translate('en', 'errors.tooLong', { max: 80 })).to.contain('80');
    });

    it('inserts parameter values literally (no $& replacement patterns)', () => {
      expect(translate('en', 'dashboard.hello', { name: '$& $1 $$' })).to.equal('Hello, $& $1 $$!');
    });

    it('falls back to Lithuanian when an English message is missing', () => {
      withMessage(EN, 'nav.catalogue', undefined, () => {
        expect(translate('en', 'nav.catalogue')).to.equal(lt['nav.catalogue']);
      });
      expect(translate('en', 'nav.catalogue')).to.equal(en['nav.catalogue']);
    });

    it('falls back to the key itself when no language has it', () => {
      expect(translate('lt', 'no.such.key')).to.equal('no.such.key');
      expect(translate('en', 'no.such.key', {}, true)).to.equal('no.such.key');
    });

    it('uses an easy-read variant only in easy-read mode', () => {
      expect(translate('lt', 'footer.about')).to.equal(lt['footer.about']);
      expect(translate('lt', 'footer.about', {}, false)).to.equal(lt['footer.about']);
      expect(translate('lt', 'footer.about', {}, true)).to.equal(lt['footer.about.easy']);
      expect(translate('en', 'footer.about', {}, true)).to.equal(en['footer.about.easy']);
      expect(lt['footer.about.easy']).not.to.equal(lt['footer.about']);
    });

    it('uses the plain message in easy-read mode when there is no easy variant', () => {
      expect(translate('lt', 'nav.catalogue', {}, true)).to.equal(lt['nav.catalogue']);
    });

    it('keeps the language in easy-read mode: no Lithuanian easy text in an English page', () => {
      withMessage(EN, 'footer.about.easy', undefined, () => {
        expect(translate('en', 'footer.about', {}, true)).to.equal(en['footer.about']);
      });
    });
  });

  describe('translatePlural', () => {
    const rules = new Intl.PluralRules('lt-LT');
    const ltCases: Array<[number, 'one' | 'few' | 'other']> = [
      [1, 'one'],
      [2, 'few'],
      [5, 'few'],
      [9, 'few'],
      [10, 'other'],
      [11, 'other'],
      [12, 'other'],
      [15, 'other'],
      [19, 'other'],
      [20, 'other'],
      [21, 'one'],
      [22, 'few'],
      [29, 'few'],
      [30, 'other'],
      [0, 'other'],
      [101, 'one'],
      [111, 'other'],
      [1001, 'one'],
    ];
    for (const [n, form] of ltCases) {
      it(`uses the Lithuanian "${form}" form for ${n}`, () => {
        expect(rules.select(n)).to.equal(form);
        expect(translatePlural('lt', 'catalogue.found', n)).to.equal(
          lt[`catalogue.found.${form}`].replace('{count}', String(n)),
        );
      });
    }

    it('spells the Lithuanian forms as expected', () => {
      expect(translatePlural('lt', 'catalogue.found', 1)).to.equal('Rasta 1 prekė');
      expect(translatePlural('lt', 'catalogue.found', 3)).to.equal('Rastos 3 prekės');
      expect(translatePlural('lt', 'catalogue.found', 14)).to.equal('Rasta 14 prekių');
      expect(translatePlural('lt', 'product.madeToOrderDays', 21)).to.equal(
        'Gaminama užsakius, apie 21 dieną',
      );
    });

    it('agrees with Intl.PluralRules for every whole count (property)', () => {
      fc.assert(
        fc.property(fc.nat(100_000), (n) => {
          const form = rules.select(n);
          expect(translatePlural('lt', 'services.leadTime', n)).to.equal(
            translate('lt', `services.leadTime.${form}`, { count: n }),
          );
        }),
        { numRuns: 500 },
      );
    });

    it('uses the English one/other forms', () => {
      expect(translatePlural('en', 'catalogue.found', 1)).to.equal('1 item found');
      for (const n of [0, 2, 5, 11, 21, 22]) {
        expect(translatePlural('en', 'catalogue.found', n)).to.equal(`${n} items found`);
      }
      expect(translatePlural('en', 'product.madeToOrderDays', 1)).to.equal('Made to order, about 1 day');
    });

    it('falls back to the .other form when the chosen form is missing', () => {
      withMessage(LT, 'catalogue.found.few', undefined, () => {
        expect(translatePlural('lt', 'catalogue.found', 3)).to.equal(
          lt['catalogue.found.other'].replace('{count}', '3'),
        );
      });
    });

    it('passes extra params along with count', () => {
      withMessage(EN, 'catalogue.found.other', '{count} items in {where}', () => {
        expect(translatePlural('en', 'catalogue.found', 4, { where: 'Vilnius' })).to.equal(
          '4 items in Vilnius',
        );
      });
      expect(translatePlural('en', 'catalogue.found', 4)).to.equal('4 items found');
    });
  });

  describe('localized', () => {
    it('picks the language, falling back to Lithuanian when English is empty or missing', () => {
      expect(localized({ lt: 'Žvakė', en: 'Candle' }, 'en')).to.equal('Candle');
      expect(localized({ lt: 'Žvakė', en: 'Candle' }, 'lt')).to.equal('Žvakė');
      expect(localized({ lt: 'Žvakė', en: '' }, 'en')).to.equal('Žvakė');
      expect(localized({ lt: 'Žvakė', en: null }, 'en')).to.equal('Žvakė');
      expect(localized({ lt: 'Žvakė' }, 'en')).to.equal('Žvakė');
    });

    it('gives an empty string for nothing', () => {
      expect(localized(undefined, 'lt')).to.equal('');
      expect(localized(null, 'en')).to.equal('');
      expect(localized({}, 'en')).to.equal('');
      expect(localized({ lt: '', en: '' }, 'en')).to.equal('');
    });
  });

  describe('every message key used in the code base exists', () => {
    const namespaces = new Set(Object.keys(lt).map((k) => k.split('.')[0]!));

    function viewUses(): { plain: Use[]; plural: Use[]; dynamicPrefixes: string[] } {
      const plain: Use[] = [];
      const plural: Use[] = [];
      const dynamicPrefixes: string[] = [];
      for (const file of filesUnder(path.join(ROOT, 'views'), '.hbs')) {
        const text = readFileSync(file, 'utf8');
        const where = (i: number) => `${path.relative(ROOT, file)}:${lineOf(text, i)}`;
        for (const m of text.matchAll(/(?:\{\{~?|\()\s*(?:t|tp)\s+"([^"]+)"/g)) {
          plain.push({ key: m[1]!, where: where(m.index) });
        }
        for (const m of text.matchAll(/\b(?:label|hint)="([A-Za-z][\w.-]*)"/g)) {
          plain.push({ key: m[1]!, where: where(m.index) });
        }
        for (const m of text.matchAll(/(?:\{\{~?|\()\s*tn\s+"([^"]+)"/g)) {
          plural.push({ key: m[1]!, where: where(m.index) });
        }
        for (const m of text.matchAll(/(?:\{\{~?|\()\s*(?:t|tp)\s+\(concat\s+"([^"]+)"/g))
          dynamicPrefixes.push(m[1]!);
      }
      return { plain, plural, dynamicPrefixes };
    }

    function sourceUses(): Use[] {
      const uses: Use[] = [];
      const srcDir = path.join(ROOT, 'src');
      const dictDir = path.join(srcDir, 'web', 'i18n') + path.sep;
      for (const file of filesUnder(srcDir, '.ts')) {
        if (file.startsWith(dictDir)) continue;
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(['"`])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g)) {
          const key = m[2]!;
          if (!namespaces.has(key.split('.')[0]!)) continue;
          // Object keys ('payment.method': …), indexes and case labels are database paths or event names.
          const before = text.slice(Math.max(0, m.index - 40), m.index);
          const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
          if (/^\s*:/.test(after) && (/case\s+$/.test(before) || /(^|[{,(\n])\s*$/.test(before))) continue;
          if (/\[\s*$/.test(before) && /^\s*\]/.test(after)) continue;
          if (/\.(ts|js|hbs|css|json|txt|html|jpe?g|png|webp|avif|gif)$/.test(key)) continue;
          uses.push({ key, where: `${path.relative(ROOT, file)}:${lineOf(text, m.index)}` });
        }
      }
      return uses;
    }

    it('for t, tp, label= and hint= in the templates', () => {
      const { plain } = viewUses();
      expect(plain.length, 'keys found in views (is the scan still working?)').to.be.greaterThan(100);
      const missing = plain.filter((u) => !(u.key in LT)).map((u) => `${u.key} (${u.where})`);
      expect(missing).to.deep.equal([]);
    });

    it('for tn in the templates: every form Lithuanian and English need', () => {
      const { plural } = viewUses();
      expect(plural.length, 'tn keys found in views').to.be.greaterThan(0);
      const missing: string[] = [];
      for (const u of plural) {
        for (const form of ['other', 'one', 'few']) {
          if (!(`${u.key}.${form}` in LT)) missing.push(`${u.key}.${form} (${u.where})`);
        }
      }
      expect(missing).to.deep.equal([]);
    });

    it('for message keys written as string literals in src/', () => {
      const uses = sourceUses();
      expect(uses.length, 'keys found in src (is the scan still working?)').to.be.greaterThan(50);
      expect(uses.map((u) => u.key)).to.include.members(['errors.notFound', 'catalogAdmin.published']);
      // A plural message (translatePlural) is named by its stem: its forms are `<stem>.one|few|other`.
      const known = (key: string) =>
        key in LT || [`${key}.other`, `${key}.one`, `${key}.few`].every((k) => k in LT);
      const missing = uses.filter((u) => !known(u.key)).map((u) => `${u.key} (${u.where})`);
      expect(missing).to.deep.equal([]);
    });

    describe('for keys built with concat in the templates', () => {
      const expected: Record<string, readonly string[]> = {
        'status.': ['draft', 'published', 'archived'],
        'kinds.': ['good', 'service'],
        'roles.': ['admin', 'marketing', 'master'],
        'catalogue.sort.': ['relevance', 'newest', 'price-asc', 'price-desc', 'title'],
        'orderState.': ORDER_STATES,
        'delivery.': DELIVERY_METHODS,
        'payment.': PAYMENT_METHODS,
        'today.queue.': DASHBOARD_QUEUES,
        'today.empty.': DASHBOARD_QUEUES,
        'staff.history.': STAFF_AUDIT_ACTIONS,
        // The fields an account's history names (src/staff/edit.ts).
        'fields.': ['name', 'email', 'role'],
        // The attendance page: where the month's workdays come from, and the public holidays by name.
        'attendance.workdaysSource.': ['calendar', 'saved', 'finalised'],
        'holiday.': lithuanianHolidays(2026).map((h) => h.name),
        // Income per sales channel (views/partials/channel-income.hbs).
        'channel.': CHANNELS,
        // The staff order page: the channels staff choose and a hint per payment method.
        'staffOrder.channel.': ['phone', 'walk_in'],
        'staffOrder.paymentHint.': PAYMENT_METHODS,
        // Pickup opening hours by ISO weekday (src/settings/pickup.ts).
        'pickup.day.': ['1', '2', '3', '4', '5', '6', '7'],
        // Parcel locker networks (checkout, the lists' page) and where a list came from.
        'lockers.networks.': LOCKER_NETWORKS,
        'lockers.sources.': ['upload', 'url', 'demo'],
        // A participant's consents (the staff page's history).
        'consent.kinds.': ['name', 'photos'],
      };

      it('knows every prefix the templates build keys from', () => {
        const { dynamicPrefixes } = viewUses();
        expect(dynamicPrefixes.length).to.be.greaterThan(0);
        expect(Object.keys(expected)).to.include.members([...new Set(dynamicPrefixes)]);
      });

      for (const [prefix, values] of Object.entries(expected)) {
        it(`has ${prefix}{${values.join(',')}}`, () => {
          const missing = values.map((v) => prefix + v).filter((k) => !(k in LT));
          expect(missing).to.deep.equal([]);
        });
      }

      it('covers every value the models and schemas allow', () => {
        const sets: Array<[string, readonly string[]]> = [
          ['status.', PRODUCT_STATUSES],
          ['kinds.', PRODUCT_KINDS],
          ['roles.', ROLES],
          ['catalogue.sort.', CATALOGUE_SORTS],
          ['orderState.', ORDER_STATES],
          ['orderState.', ORDER_STATES.map((st) => `${st}.explain`)],
          ['delivery.', DELIVERY_METHODS],
          ['payment.', PAYMENT_METHODS],
        ];
        const missing = sets
          .flatMap(([prefix, values]) => values.map((v) => prefix + v))
          .filter((k) => !(k in LT));
        expect(missing).to.deep.equal([]);
      });
    });
  });
});
