import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid, refundOrder } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { StipendLateChange } from '../../src/stipends/model.ts';
import { finalisePeriod, lockMonth } from '../../src/stipends/service.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';
import { onaAndJonas } from '../support/two-participants.ts';

const NOV = '2025-11';
const OCT = '2025-10';
const SHOTS = '/tmp/shots-ledger';
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe('e2e: the ledger in words and a locked month', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    const actor = { id: admin.id, role: 'admin' as const, name: 'Administratorė' };
    const people = await onaAndJonas(actor, [OCT, NOV]);
    const productId = await publishedGood(e2e.storage, {
      titleLt: 'Molinis puodelis su glazūra',
      titleEn: 'Glazed clay mug',
      slug: 'molinis-puodelis',
      sku: 'MUG-1',
      price: 1850,
      vatRate: 2100,
    });
    const ctx = buildCommerce(e2e.config, pino({ level: 'silent' })).context('Rinkodara');
    const order = await placeOrder({
      items: [{ productId, quantity: 2 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    await Order.collection.updateOne(
      { _id: order._id },
      { $set: { createdAt: new Date('2025-11-10T10:00:00Z') } },
    );
    await markPaid(String(order._id), { ...ctx, at: new Date('2025-11-14T10:00:00Z') });
    await finalisePeriod(OCT, actor);
    await finalisePeriod(NOV, actor);
    await lockMonth(NOV, { id: admin.id, name: 'Administratorė' });
    await refundOrder(String(order._id), 1850, 'Įskilęs puodelis', ctx);
    await StipendLateChange.create({
      period: NOV,
      what: 'contributions',
      by: 'm1',
      byName: 'Meistras Petras',
      participantIds: [people[0]!],
    });
    await mkdir(SHOTS, { recursive: true });
  });

  for (const lang of ['lt', 'en'] as const) {
    it(`shows the ledger in words without overflow at 1366 and 390 (${lang})`, async () => {
      const j = await new Journey(`ledger-${lang}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      await signInWithForm(page, admin);
      if (lang === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: e2e.baseUrl }]);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        for (const [name, url] of [
          ['list', `/admin/ledger?period=${NOV}`],
          ['refund', '/admin/ledger?kind=order_refund'],
          ['balances', `/admin/ledger/balances?period=${NOV}`],
        ] as const) {
          await page.goto(url);
          expect(await noTableOverflow(page), `${name} ${size.name}`).to.deep.equal([]);
          const widths = await documentWidths(page);
          expect(widths.scrollWidth, `${name} ${size.name} scrolls sideways`).to.be.at.most(widths.viewport);
          await j.shot(page, `${name}-${size.name}`);
          await copyFile(j.files.at(-1)!, path.join(SHOTS, `${lang}-${name}-${size.name}.png`));
        }
      }
      await page.goto(`/admin/ledger?period=${NOV}`);
      const text = await page.locator('.admin-main').innerText();
      const expected =
        lang === 'lt'
          ? [
              'Stipendijos dalyviams (mokėtina): Ona Žukauskienė',
              'Molinis puodelis su glazūra',
              'Užrakinta',
              'Internetu',
            ]
          : ['Stipends payable to participants: Ona Žukauskienė', 'Glazed clay mug', 'Locked', 'Online'];
      for (const words of expected) expect(text).to.contain(words);
      await context.close();
    });
  }

  it('shows the close of the month on the stipend month page: locked, late changes; the lock form on another', async () => {
    const j = await new Journey('ledger-month-close').start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, admin);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/admin/stipends/${NOV}`);
      await page.locator('[data-period-close]').scrollIntoViewIfNeeded();
      expect(await page.locator('[data-locked-badge]').innerText()).to.equal(lt('period.close.locked'));
      expect(await page.locator('[data-late-changes]').innerText()).to.contain(
        lt('period.late.one', { count: 1 }),
      );
      // Only this section's table: the month's allocation table is another part of the page.
      const overflow = await noTableOverflow(page);
      expect(overflow.filter((o) => o.where.includes(lt('period.late.one', { count: 1 })))).to.deep.equal([]);
      // This section stays within the screen (the month's allocation table further down is not part of it).
      const right = await page.evaluate<number>(
        `Math.max(...[...document.querySelectorAll('[data-period-close], [data-period-close] *')].map((e) => e.getBoundingClientRect().right))`,
      );
      expect(right, `month close ${size.name}`).to.be.at.most(size.width);
      await j.shot(page, `locked-${size.name}`);
      await copyFile(j.files.at(-1)!, path.join(SHOTS, `month-locked-${size.name}.png`));

      await page.goto(`/admin/stipends/${OCT}`);
      await page.locator('[data-action="lock"]').scrollIntoViewIfNeeded();
      await j.shot(page, `lockable-${size.name}`);
      await copyFile(j.files.at(-1)!, path.join(SHOTS, `month-lockable-${size.name}.png`));
    }
    await context.close();
  });
});
