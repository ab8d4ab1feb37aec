import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { OutboxMessage } from '../../src/mail/model.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { publishedGood, waitFor } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { signedWebhook } from '../support/stripe.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

describe('e2e: the marketing specialist takes a phone order with a card payment link', function () {
  this.timeout(180_000);
  const e2e = useE2eApp();
  let marketing: { email: string; password: string };
  let candle: string;

  before(async () => {
    await seedOrganisation();
    marketing = await makeStaff('marketing');
    candle = await publishedGood(e2e.storage, {
      titleLt: 'Bičių vaško žvakė',
      titleEn: 'Beeswax candle',
      sku: 'ZVK-1',
      price: 1150,
      stockQuantity: 30,
    });
    await publishedGood(e2e.storage, {
      titleLt: 'Molinis puodelis',
      titleEn: 'Clay mug',
      sku: 'PUO-1',
      price: 1150,
      stockMode: 'made_to_order',
      stockQuantity: 0,
      leadTimeDays: 10,
    });
  });

  async function overflowFree(page: Page) {
    expect(await noTableOverflow(page)).to.deep.equal([]);
    const widths = await documentWidths(page);
    expect(widths.scrollWidth, 'no sideways scrolling').to.be.at.most(widths.viewport);
  }

  for (const run of [
    { width: 1366, height: 768, name: 'desktop', lang: 'lt' as Lang },
    { width: 390, height: 844, name: 'phone', lang: 'lt' as Lang },
    { width: 1366, height: 768, name: 'desktop-en', lang: 'en' as Lang },
  ]) {
    it(`at ${run.width}×${run.height} (${run.lang}): link in the e-mail, paid by the webhook, one entry`, async () => {
      const t = (key: string, params = {}) => translate(run.lang, key, params);
      const email = `pirkejas-${run.name}@example.lt`;
      const journey = await new Journey(`staff-order-${run.name}`).start();
      await mkdir('/tmp/shots-phone', { recursive: true });
      const context = await e2e.newContext();
      if (run.lang === 'en') await context.addCookies([{ name: 'lang', value: 'en', url: e2e.baseUrl }]);
      const page = await context.newPage();
      await page.setViewportSize({ width: run.width, height: run.height });
      await signInWithForm(page, marketing);

      await page.goto('/admin/orders');
      await clickAndLoad(page, page.locator('a[data-new-order]'));
      expect(new URL(page.url()).pathname).to.equal('/admin/orders/new');

      // Search, add two candles, then search again: the candles stay chosen.
      await page.locator('#q').fill('zvake');
      await clickAndLoad(page, page.getByRole('button', { name: t('staffOrder.searchButton') }));
      await clickAndLoad(page, page.locator('button[data-add="ZVK-1"]'));
      await page.locator('#qty-0').fill('2');
      await page.locator('#q').fill('puodel');
      await clickAndLoad(page, page.getByRole('button', { name: t('staffOrder.searchButton') }));
      expect(await page.locator('tr[data-line="ZVK-1"]').count()).to.equal(1);
      expect(await page.locator('#qty-0').inputValue()).to.equal('2');
      await journey.shot(page, 'search-keeps-lines');

      const phoneChannel = page.getByRole('radio', { name: t('staffOrder.channel.phone'), exact: true });
      expect(await phoneChannel.isChecked(), 'phone is the default').to.equal(true);
      await page.locator('#name').fill('Ona Telefonu');
      await page.locator('#email').fill(email);
      await page.locator('input[name="payment"][value="card"]').check();
      await clickAndLoad(page, page.locator('button[data-review]'));
      const place = page.locator('button[data-place]');
      expect(await place.innerText()).to.contain(t('staffOrder.place', { total: '' }).replace(/:\s*$/, ''));
      expect(await page.locator('[data-preview-total]').innerText()).to.match(/23[,.]00/);
      await overflowFree(page);
      await journey.shot(page, 'confirm-total');
      await page.screenshot({ path: `/tmp/shots-phone/new-order-confirm-${run.name}.png`, fullPage: true });

      await clickAndLoad(page, place);
      const order = (await Order.findOne({ 'customer.email': email }).lean<OrderDoc>())!;
      expect(order.channel).to.equal('phone');
      expect(order.payment!.method).to.equal('card');
      expect(new URL(page.url()).pathname).to.equal(`/admin/orders/${String(order._id)}`);
      const session = (await CheckoutSession.findOne({ orderId: order._id }).lean())!;
      expect(await page.locator('#pay-link').inputValue()).to.equal(session.url);
      expect(await page.locator('[data-entered-by]').innerText()).to.contain('Test marketing');
      await overflowFree(page);
      await journey.shot(page, 'order-with-link');
      await page.screenshot({ path: `/tmp/shots-phone/order-link-${run.name}.png`, fullPage: true });

      // The customer's e-mail in the outbox carries the same link.
      const key = `order.received:${String(order._id)}`;
      await waitFor('the confirmation', async () => (await OutboxMessage.countDocuments({ key })) === 1);
      const mail = (await OutboxMessage.findOne({ key }).lean())!;
      expect(mail.to).to.equal(email);
      expect(mail.text).to.contain(session.url);
      expect(mail.html).to.contain(`href="${session.url}"`);

      // The customer pays at Stripe (stripe-mock made the session); Stripe reports it, signed.
      const { body, signature } = signedWebhook({
        id: `evt_e2e_staff_${run.name}_${Date.now()}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(Date.now() / 1000),
        data: {
          object: {
            id: String(session._id),
            object: 'checkout.session',
            client_reference_id: String(order._id),
            metadata: { orderId: String(order._id) },
            amount_total: order.totals!.grossCents,
            currency: 'eur',
            payment_status: 'paid',
            payment_intent: `pi_e2e_staff_${String(order._id)}`,
          },
        },
      });
      const delivered = await fetch(`${e2e.baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
        body,
      });
      expect(delivered.status).to.equal(200);
      await page.reload();
      expect(await page.locator('[data-state]').first().getAttribute('data-state')).to.equal('paid');
      const entries = await JournalEntry.find({ 'reference.id': String(order._id) }).lean<
        JournalEntryDoc[]
      >();
      expect(entries).to.have.length(1);
      const e = entries[0]!;
      expect(e.channel).to.equal('phone');
      const sum = (side: 'debitCents' | 'creditCents') => e.lines.reduce((s, l) => s + l[side], 0);
      expect(sum('debitCents')).to.equal(sum('creditCents'));
      const income = e.lines.filter((l) => l.account === 'income:products');
      expect(income.map((l) => l.attribution?.productId)).to.deep.equal([candle]);
      await journey.shot(page, 'order-paid');

      // The list filtered to phone orders shows it with its channel.
      await page.goto('/admin/orders?channel=phone');
      expect(
        await page.locator(`tr[data-id="${String(order._id)}"] [data-channel="phone"]`).count(),
      ).to.equal(1);
      await overflowFree(page);
      await journey.shot(page, 'list-phone');
      await page.screenshot({ path: `/tmp/shots-phone/list-phone-${run.name}.png`, fullPage: true });
      await context.close();
    });
  }
});
