import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order } from '../../src/orders/model.ts';
import { lt, publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SCREENS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const queueLine = (page: Page, id: string) => page.locator(`li[data-queue="${id}"]`);

/**
 * The marketing specialist's morning: a buyer orders in the shop while she is signed in elsewhere;
 * she is told by e-mail at once, the start page counts the order under transfers to check, one click
 * lists it, one more opens it, and the next action is on the first screen.
 */
describe('e2e: a new order reaches the marketing specialist', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let marketing: { email: string; password: string; id: string };

  before(async () => {
    await seedOrganisation();
    marketing = await makeStaff('marketing');
    await publishedGood(e2e.storage, {
      titleLt: 'Lininis krepšys',
      slug: 'lininis-krepsys',
      sku: 'KR-1',
      price: 2400,
      stockQuantity: 10,
    });
  });

  async function buyerOrders(name: string, email: string): Promise<{ number: string; token: string }> {
    const page = await (await e2e.newContext()).newPage();
    await page.goto('/products/lininis-krepsys');
    await page.getByRole('button', { name: lt('cart.add') }).click();
    await page.getByRole('link', { name: lt('cart.goToCart') }).click();
    await page.waitForURL('**/cart');
    await page.getByRole('link', { name: lt('cart.checkout') }).click();
    await page.waitForURL('**/checkout');
    await page.getByLabel(lt('checkout.name')).fill(name);
    await page.getByLabel(lt('fields.email')).fill(email);
    await page.getByLabel(lt('fields.phone')).fill('+37061234567');
    await page.getByLabel(lt('payment.bank_transfer')).check();
    await page.getByLabel(lt('checkout.terms')).check();
    await page.getByRole('button', { name: lt('checkout.place') }).click();
    await page.waitForURL(/\/orders\/[\w-]{20,}$/);
    await page.context().close();
    const order = await Order.findOne({ 'customer.email': email }).lean();
    expect(order, `the order of ${email}`).to.not.equal(null);
    return { number: order!.number, token: order!.token };
  }

  for (const screen of SCREENS) {
    it(`at ${screen.width}×${screen.height}: e-mail, the queue, the list, the order and its next action`, async () => {
      const j = await new Journey(`today-new-order-${screen.name}`).start();
      const staffPage = await (await e2e.newContext()).newPage();
      await staffPage.setViewportSize({ width: screen.width, height: screen.height });
      await signInWithForm(staffPage, marketing);
      const before = Number(await queueLine(staffPage, 'transfers').getAttribute('data-count'));

      const email = `pirkejas-${screen.name}@example.lt`;
      const { number, token } = await buyerOrders(`Pirkėjas ${screen.name}`, email);

      // Told within the same request cycle: the staff e-mail is in the outbox when the buyer's page
      // has answered, addressed to her, with a link to the staff page and no private order link.
      const told = await OutboxMessage.findOne({ to: marketing.email, reference: number }).lean();
      expect(told, `a staff e-mail about ${number} to the marketing specialist`).to.not.equal(null);
      expect(told!.kind).to.match(/^staff\./);
      expect(told!.text).to.contain('/admin/orders/');
      for (const body of [told!.text, told!.html]) expect(body).to.not.contain(token);

      await staffPage.reload();
      expect(await queueLine(staffPage, 'transfers').getAttribute('data-count')).to.equal(String(before + 1));
      await j.shot(staffPage, 'dashboard');

      await clickAndLoad(staffPage, queueLine(staffPage, 'transfers').getByRole('link'));
      const row = staffPage.locator('tr.order-row').filter({ hasText: number });
      expect(await row.count(), `${number} listed under transfers`).to.equal(1);
      await j.shot(staffPage, 'transfers');

      await clickAndLoad(staffPage, row.getByRole('link', { name: number }).first());
      expect(await staffPage.getByRole('heading', { level: 1 }).textContent()).to.contain(number);
      const primary = staffPage.locator('[data-primary]').first();
      const box = await primary.boundingBox();
      expect(box, 'the next action is shown').to.not.equal(null);
      // On the laptop it is inside the first screen; on the phone it comes right after the order's
      // state and amounts, before its history and details.
      if (screen.name === 'laptop') {
        expect(box!.y + box!.height, 'the next action is inside the first screen').to.be.at.most(
          screen.height,
        );
      }
      const history = await staffPage.locator('#timeline-heading').boundingBox();
      expect(box!.y, 'the next action comes before the history').to.be.below(history!.y);
      await j.shot(staffPage, 'order');
      await staffPage.context().close();
    });
  }
});
