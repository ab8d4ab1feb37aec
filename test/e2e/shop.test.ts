import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { JournalEntry } from '../../src/ledger/model.ts';
import { Order, type OrderDoc } from '../../src/orders/model.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { lt, publishedGood } from '../integration/helpers.ts';
import { signedWebhook } from '../support/stripe.ts';
import { Journey, ORGANISATION, seedOrganisation, useE2eApp } from './support.ts';

const MUG = 'Molinis puodelis';

/** What a browser's computed style says about an element's focus ring. */
interface FocusStyle {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

/**
 * Presses Tab until `target` has the focus (at most `max` times) and checks the focus is visible.
 * Fails when the element cannot be reached by keyboard.
 */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  const focused = target.and(page.locator(':focus'));
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused.count()) === 1) {
      const style = await target.evaluate((el) => {
        const s = (globalThis as unknown as { getComputedStyle(e: unknown): FocusStyle }).getComputedStyle(
          el,
        );
        return { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow };
      });
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      expect(ring, `visible focus on ${String(target)}: ${JSON.stringify(style)}`).to.equal(true);
      return;
    }
  }
  throw new Error(`${String(target)} was not reached with ${max} presses of Tab`);
}

/**
 * After "add to cart" the product page confirms it in place (public/js/cart-add.js) with a link to
 * the cart; following it, the cart lists the product.
 */
async function expectInCart(page: Page, title: string): Promise<void> {
  await page.locator('[data-cart-status]').getByText(lt('cart.added')).waitFor();
  await page.getByRole('link', { name: lt('cart.goToCart') }).click();
  await page.waitForURL('**/cart');
  const rows = await page.getByRole('row').filter({ hasText: title }).count();
  expect(rows, `"${title}" in the cart on the page right after adding it`).to.equal(1);
}

/** The order just placed by this customer e-mail. */
async function lastOrderOf(email: string): Promise<OrderDoc> {
  const order = await Order.findOne({ 'customer.email': email }).sort({ createdAt: -1 }).lean<OrderDoc>();
  expect(order, `an order for ${email}`).to.not.equal(null);
  return order!;
}

describe('e2e: buying in the shop', function () {
  this.timeout(120_000);
  const e2e = useE2eApp();

  before(async () => {
    await seedOrganisation();
    await publishedGood(e2e.storage, {
      titleLt: MUG,
      titleEn: 'Clay mug',
      slug: 'molinis-puodelis',
      sku: 'PUOD-1',
      price: 1250,
      stockQuantity: 20,
      descriptionLt: 'Rankų darbo puodelis.',
    });
  });

  async function freshPage(): Promise<Page> {
    const context = await e2e.newContext();
    return context.newPage();
  }

  it('a buyer pays by bank transfer: home → catalogue → product → cart → checkout → bank details', async () => {
    const j = await new Journey('bank-transfer-purchase').start();
    const page = await freshPage();

    await page.goto('/');
    await j.shot(page, 'home');
    await page
      .getByRole('navigation', { name: lt('nav.main') })
      .getByRole('link', { name: lt('nav.catalogue') })
      .click();
    await page.waitForURL('**/catalogue');
    await j.shot(page, 'catalogue');

    await page.getByRole('link', { name: MUG }).click();
    await page.waitForURL('**/products/molinis-puodelis');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal(MUG);
    await page.getByLabel(lt('cart.quantity')).fill('2');
    await j.shot(page, 'product');
    await page.getByRole('button', { name: lt('cart.add') }).click();

    await expectInCart(page, MUG);
    const row = page.getByRole('row').filter({ hasText: MUG });
    expect(await row.getByRole('spinbutton').inputValue()).to.equal('2');
    await j.shot(page, 'cart');
    await page.getByRole('link', { name: lt('cart.checkout') }).click();

    await page.waitForURL('**/checkout');
    await j.shot(page, 'checkout');
    await page.getByRole('button', { name: lt('checkout.place') }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).to.equal(lt('form.errorSummary'));
    // The page's script (deferred) moves the focus to the summary so screen readers announce it.
    await page.locator('.error-summary:focus').waitFor({ timeout: 5_000 });
    for (const id of ['name', 'email', 'phone', 'terms']) {
      expect(await page.locator(`#${id}`).getAttribute('aria-invalid'), `#${id} marked`).to.equal('true');
    }
    expect(await Order.countDocuments()).to.equal(0);
    await j.shot(page, 'checkout-errors');

    await page.getByLabel(lt('checkout.name')).fill('Ona Pirkėja');
    await page.getByLabel(lt('fields.email')).fill('ona@example.lt');
    await page.getByLabel(lt('fields.phone')).fill('+37061234567');
    await page.getByLabel(lt('payment.bank_transfer')).check();
    await page.getByLabel(lt('checkout.terms')).check();
    await j.shot(page, 'checkout-filled');
    await page.getByRole('button', { name: lt('checkout.place') }).click();

    await page.waitForURL(/\/orders\/[\w-]{20,}$/);
    const order = await lastOrderOf('ona@example.lt');
    expect(order.state).to.equal('pending_payment');
    expect(order.payment?.method).to.equal('bank_transfer');
    expect(order.totals?.grossCents).to.equal(2500);
    const bank = page.getByRole('region', { name: lt('order.bankHeading') });
    const details = await bank.textContent();
    expect(details).to.contain(ORGANISATION.legalName);
    expect(details).to.contain(ORGANISATION.iban);
    expect(details).to.contain(order.payment!.reference!);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain(order.number);
    await j.shot(page, 'order-bank-details');
  });

  it('a buyer pays by card: Stripe Checkout, the signed webhook, then the order page shows it paid', async () => {
    const j = await new Journey('card-purchase').start();
    const page = await freshPage();

    await page.goto('/products/molinis-puodelis');
    await page.getByRole('button', { name: lt('cart.add') }).click();
    await expectInCart(page, MUG);
    await page.getByRole('link', { name: lt('cart.checkout') }).click();
    await page.waitForURL('**/checkout');
    await page.getByLabel(lt('checkout.name')).fill('Petras Kortelė');
    await page.getByLabel(lt('fields.email')).fill('petras@example.lt');
    await page.getByLabel(lt('fields.phone')).fill('+37061111111');
    expect(await page.getByLabel(lt('payment.card')).isChecked(), 'card is the default').to.equal(true);
    await page.getByLabel(lt('checkout.terms')).check();
    await j.shot(page, 'checkout-card');

    // The app sends the browser to Stripe; the harness answers for checkout.stripe.com (never loaded).
    await page.getByRole('button', { name: lt('checkout.place') }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.com\//);
    const redirectedTo = page.url();
    const order = await lastOrderOf('petras@example.lt');
    expect(order.state).to.equal('pending_payment');
    const session = await CheckoutSession.findOne({ orderId: order._id }).lean();
    expect(session, 'a Checkout Session stored for the order').to.not.equal(null);
    expect(session!.url).to.equal(redirectedTo);

    const event = {
      id: `evt_e2e_${Date.now()}`,
      object: 'event',
      type: 'checkout.session.completed',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: String(session!._id),
          object: 'checkout.session',
          client_reference_id: String(order._id),
          metadata: { orderId: String(order._id) },
          amount_total: order.totals!.grossCents,
          currency: 'eur',
          payment_status: 'paid',
          payment_intent: `pi_e2e_${String(order._id)}`,
        },
      },
    };
    const { body, signature } = signedWebhook(event);
    const delivered = await fetch(`${e2e.baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
      body,
    });
    expect(delivered.status).to.equal(200);

    // Stripe's success URL, as the app gave it when it created the session.
    await page.goto(`${e2e.baseUrl}/orders/${order.token}?payment=done`);
    expect(await page.locator('.order-state .badge').textContent()).to.equal(lt('orderState.paid'));
    expect(await page.getByRole('button', { name: lt('order.payByCard') }).count()).to.equal(0);
    expect((await Order.findById(order._id).lean<OrderDoc>())!.state).to.equal('paid');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order._id) })).to.equal(1);
    await j.shot(page, 'order-paid');
  });

  it('every new visitor sees the item in the cart on the page right after adding it', async () => {
    for (let visitor = 1; visitor <= 8; visitor++) {
      const page = await freshPage();
      await page.goto('/products/molinis-puodelis');
      await page.getByRole('button', { name: lt('cart.add') }).click();
      await expectInCart(page, MUG);
      await page.context().close();
    }
  });

  it('a buyer uses only the keyboard from the product page to a placed order', async () => {
    const j = await new Journey('keyboard-purchase').start();
    const page = await freshPage();
    const kb = page.keyboard;

    await page.goto('/products/molinis-puodelis');
    await tabTo(page, page.getByRole('link', { name: lt('nav.skip') }), 1);
    await j.shot(page, 'skip-link');
    await kb.press('Enter');
    // The skip link moves the focus to the content.
    await page.locator('main:focus').waitFor({ timeout: 5_000 });

    const quantity = page.getByLabel(lt('cart.quantity'));
    await tabTo(page, quantity);
    await kb.press('Control+A');
    await kb.type('3');
    await tabTo(page, page.getByRole('button', { name: lt('cart.add') }));
    await j.shot(page, 'product');
    await kb.press('Enter');

    // The confirmation stays on the product page; the link to the cart comes next by Tab.
    await page.locator('[data-cart-status]').getByText(lt('cart.added')).waitFor();
    await tabTo(page, page.getByRole('link', { name: lt('cart.goToCart') }), 5);
    await j.shot(page, 'added');
    await kb.press('Enter');
    await page.waitForURL('**/cart');
    expect(await page.getByRole('row').filter({ hasText: MUG }).count()).to.equal(1);
    await tabTo(page, page.getByRole('link', { name: lt('cart.checkout') }), 60);
    await j.shot(page, 'cart');
    await kb.press('Enter');

    await page.waitForURL('**/checkout');
    await tabTo(page, page.getByLabel(lt('checkout.name')));
    await kb.type('Klaviatūra Naudotoja');
    await tabTo(page, page.getByLabel(lt('fields.email')), 1);
    await kb.type('klava@example.lt');
    await tabTo(page, page.getByLabel(lt('fields.phone')), 1);
    await kb.type('+37062222222');
    // A radio group is one Tab stop on its checked option; arrows choose another.
    await tabTo(page, page.getByLabel(lt('payment.card')));
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    expect(await page.getByLabel(lt('payment.pay_at_pickup')).isChecked()).to.equal(true);
    await tabTo(page, page.getByLabel(lt('checkout.terms')));
    await kb.press('Space');
    expect(await page.getByLabel(lt('checkout.terms')).isChecked()).to.equal(true);
    await tabTo(page, page.getByRole('button', { name: lt('checkout.place') }));
    await j.shot(page, 'checkout-filled');
    await kb.press('Enter');

    await page.waitForURL(/\/orders\/[\w-]{20,}$/);
    const order = await lastOrderOf('klava@example.lt');
    expect(order.payment?.method).to.equal('pay_at_pickup');
    expect(order.lines[0]!.quantity).to.equal(3);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.contain(order.number);
    await j.shot(page, 'order-placed');
  });
});
