import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { createParticipant } from '../../src/participants/register.ts';
import { saveAttendance, saveContributions } from '../../src/participants/work.ts';
import { getSettings } from '../../src/settings/service.ts';
import { StipendClaim } from '../../src/stipends/model.ts';
import { checkoutInput, lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const period = vilniusPeriod(new Date());

describe('e2e: an administrator finalises a stipend month', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };
  const people = { ona: '', jonas: '' };

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    const actor = { id: admin.id, role: 'admin', name: 'Administratorė' };
    const person = (displayName: string, code: string) => ({
      displayName,
      code,
      startDate: '2020-01-01',
      endDate: null,
      consentToName: false,
      publicName: '',
      iban: 'LT121000011101001000',
    });
    people.ona = await createParticipant(person('Ona Žukauskienė', 'A-1'), actor);
    people.jonas = await createParticipant(person('Jonas Ąžuolas', 'B-2'), actor);
    await saveAttendance(
      period,
      new Map([
        [people.ona, '18'],
        [people.jonas, '9'],
      ]),
      actor,
    );
    // This month's sale of candles both made, paid by bank transfer.
    const candle = await publishedGood(e2e.storage, {
      titleLt: 'Sojų vaško žvakė',
      sku: 'ZV-1',
      price: 1500,
      stockQuantity: 20,
    });
    await saveContributions(
      period,
      [
        { field: 'a', participantId: people.ona, kind: 'product', targetId: candle, value: '2' },
        { field: 'b', participantId: people.jonas, kind: 'product', targetId: candle, value: '1' },
      ],
      actor,
    );
    const order = await placeOrder({
      items: [{ productId: candle, quantity: 4 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    const commerce = buildCommerce(e2e.config, pino({ level: 'silent' }));
    await markPaid(String(order._id), commerce.context('staff'));
  });

  it('reviews the month, finalises it once, and opens a participant statement and its PDF', async () => {
    const j = await new Journey('stipend-month').start();
    const page = await (await e2e.newContext()).newPage();
    // Should a confirmation ever be asked before finalising, the administrator agrees.
    page.on('dialog', (dialog) => void dialog.accept());

    await signInWithForm(page, admin);
    await page
      .getByRole('navigation', { name: lt('admin.nav') })
      .getByRole('link', { name: lt('stipends.navLabel') })
      .click();
    await page.waitForURL('**/admin/stipends');
    await j.shot(page, 'stipends');
    await page.getByRole('link', { name: period, exact: true }).click();
    await page.waitForURL(`**/admin/stipends/${period}`);
    const onaRow = page.locator(`tr[data-participant="${people.ona}"]`);
    const total = Number(await onaRow.getAttribute('data-total'));
    expect(total, 'Ona gets a stipend from the sale').to.be.greaterThan(0);
    await j.shot(page, 'period-draft');

    await clickAndLoad(page, page.getByRole('button', { name: lt('period.finalise') }));
    // The summary names the field before its message (which then starts in lower case).
    expect(
      (await page.locator('.error-summary').textContent())!.toLowerCase(),
      'finalising asks for a confirmation',
    ).to.contain(lt('period.errors.confirm').toLowerCase());
    expect(await StipendClaim.countDocuments({ period })).to.equal(0);
    await page.getByLabel(lt('period.confirmFinalise')).check();
    await clickAndLoad(page, page.getByRole('button', { name: lt('period.finalise') }));
    expect(await page.locator('.notice--success').textContent()).to.contain(
      lt('period.finalisedFlash', { period }),
    );
    expect(await page.getByRole('button', { name: lt('period.finalise') }).count()).to.equal(0);
    expect(await StipendClaim.countDocuments({ period, step: 'finalised' })).to.equal(1);
    await j.shot(page, 'period-finalised');

    // Each participant's explanation is folded; unfolding Ona's shows her statement links.
    await page.locator(`details#p-${people.ona} > summary`).click();
    await page.locator(`a[href="/admin/stipends/${period}/statements/${people.ona}"]`).click();
    await page.waitForURL(`**/admin/stipends/${period}/statements/${people.ona}`);
    const heading = page.getByRole('heading', { name: lt('statement.heading', { name: 'Ona Žukauskienė' }) });
    expect(await heading.count(), 'the statement is addressed to Ona').to.equal(1);
    await j.shot(page, 'statement');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: lt('statement.pdf') }).click(),
    ]);
    const saved = path.join(j.dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect((await readFile(saved)).subarray(0, 5).toString()).to.equal('%PDF-');
  });
});
