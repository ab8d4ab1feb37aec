import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { saveAttendance, saveContributions } from '../../src/participants/work.ts';
import { getSettings } from '../../src/settings/service.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { buildCommerce } from '../../src/app.ts';
import { pino } from 'pino';
import { StipendClaim } from '../../src/stipends/model.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { noTableOverflow } from './measure.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const period = vilniusPeriod(new Date());
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SHOTS = '/tmp/shots-draft';

describe('e2e: the stipend draft lists a missing bank account, fixed on the bulk page, then finalised', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };
  const people = { ona: '', jonas: '' };

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    await seedOrganisation();
    admin = await makeStaff('admin');
    const actor = { id: admin.id, role: 'admin', name: 'Administratorė' };
    const person = (displayName: string, code: string, iban?: string) =>
      createParticipant(
        {
          displayName,
          code,
          startDate: '2020-01-01',
          endDate: null,
          consentToName: false,
          publicName: '',
          ...(iban ? { iban } : {}),
        },
        actor,
      );
    people.ona = await person('Ona Žukauskienė', 'A-1', 'LT121000011101001000');
    people.jonas = await person('Jonas Ąžuolas', 'B-2');
    await saveAttendance(
      period,
      new Map([
        [people.ona, '18'],
        [people.jonas, '9'],
      ]),
      actor,
    );
    // This month's sale of candles Ona made, paid by bank transfer: the pool pays both.
    const candle = await publishedGood(e2e.storage, {
      titleLt: 'Sojų vaško žvakė',
      sku: 'ZV-1',
      price: 1500,
      stockQuantity: 20,
    });
    await saveContributions(
      period,
      [{ field: 'a', participantId: people.ona, kind: 'product', targetId: candle, value: '1' }],
      actor,
    );
    // A mug nobody is recorded as making: a warning, which does not stop finalising.
    const mug = await publishedGood(e2e.storage, {
      titleLt: 'Molinis puodelis',
      sku: 'PU-1',
      price: 2000,
      stockQuantity: 20,
    });
    const order = await placeOrder({
      items: [
        { productId: candle, quantity: 10 },
        { productId: mug, quantity: 1 },
      ],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    await markPaid(String(order._id), buildCommerce(e2e.config, pino({ level: 'silent' })).context('staff'));
  });

  async function shoot(page: Page, j: Journey, step: string) {
    await page.screenshot({ path: `${SHOTS}/${step}.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/${step}-screen.png` });
    await j.shot(page, step);
  }

  it('walks from the problem to the bulk page and back to a month that finalises', async () => {
    const j = await new Journey('stipends-checks').start();
    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, admin);

    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/admin/stipends/${period}`);
      const problem = page.locator(
        `[data-checks-blocking] li[data-problem="noIban"][data-subject="${people.jonas}"]`,
      );
      expect(await problem.isVisible(), `the missing account at ${size.name}`).to.equal(true);
      expect(await problem.textContent()).to.contain('Jonas Ąžuolas (B-2)');
      expect(
        await problem.locator(`a[href="/admin/participants/${people.jonas}/edit"]`).isVisible(),
      ).to.equal(true);
      expect(await page.locator('[data-action="finalise"] button[type=submit]').isDisabled()).to.equal(true);
      expect(await noTableOverflow(page), size.name).to.deep.equal([]);
      const box = await page.locator('[data-iban-page]').boundingBox();
      expect(box!.x + box!.width, `the bulk link fits at ${size.name}`).to.be.at.most(size.width);
      await shoot(page, j, `draft-blocked-${size.name}`);
    }

    // The fix link opens the bulk page with Jonas only.
    await page.setViewportSize({ width: 390, height: 844 });
    await clickAndLoad(page, page.getByRole('link', { name: lt('checks.noIban.bulk', { count: 1 }) }));
    expect(new URL(page.url()).pathname).to.equal('/admin/participants/ibans');
    expect(await page.locator('tr[data-row]').count()).to.equal(1);
    expect(await noTableOverflow(page)).to.deep.equal([]);
    await shoot(page, j, 'ibans-phone');
    // A mistyped account first: refused at its row, nothing stored.
    const field = page.getByLabel(lt('bank.newFor', { name: 'Jonas Ąžuolas' }));
    await field.fill('LT12 1000 0111 0100 1001');
    await clickAndLoad(page, page.getByRole('button', { name: lt('bank.save') }));
    expect(await page.locator('.error-summary').textContent()).to.contain(
      lt('bank.errors.rowChecksum', { row: 1, name: 'Jonas Ąžuolas' }),
    );
    await shoot(page, j, 'ibans-refused-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await shoot(page, j, 'ibans-refused-laptop');
    await page.getByLabel(lt('bank.newFor', { name: 'Jonas Ąžuolas' })).fill('LT71 7300 0101 2345 6789');
    await clickAndLoad(page, page.getByRole('button', { name: lt('bank.save') }));

    // Back on the month: the problem is gone and the month finalises.
    expect(new URL(page.url()).pathname).to.equal(`/admin/stipends/${period}`);
    expect(await page.locator('.notice--success').first().textContent()).to.contain(
      lt('bank.saved', { count: 1 }),
    );
    expect(await page.locator('[data-checks-blocking]').count()).to.equal(0);
    const warning = page.locator('[data-checks-warnings] li[data-problem="noContributions"]');
    expect(await warning.textContent()).to.contain('Molinis puodelis');
    expect(await page.locator('[data-action="finalise"] button[type=submit]').isDisabled()).to.equal(false);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await shoot(page, j, `draft-clear-${size.name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel(lt('period.confirmFinalise')).check();
    await clickAndLoad(page, page.getByRole('button', { name: lt('period.finalise') }));
    expect(await page.locator('.notice--success').textContent()).to.contain(
      lt('period.finalisedFlash', { period }),
    );
    expect(await StipendClaim.countDocuments({ period, step: 'finalised' })).to.equal(1);
    await shoot(page, j, 'finalised-laptop');

    // The whole list: both accounts masked, nothing more of them on the page.
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto('/admin/participants/ibans');
      expect(await page.locator('tr[data-row]').count()).to.equal(2);
      expect(await page.locator('[data-current]').allTextContents()).to.deep.equal([
        'LT•• •••• 6789',
        'LT•• •••• 1000',
      ]);
      expect(await noTableOverflow(page), size.name).to.deep.equal([]);
      await shoot(page, j, `ibans-all-${size.name}`);
    }
  });
});
