import { mkdir } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { currentStock } from '../../src/catalog/service.ts';
import { createEvent } from '../../src/fair/service.ts';
import { FairSale } from '../../src/fair/model.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { computeDraft } from '../../src/stipends/service.ts';
import { publishedGood } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const SHOTS = '/tmp/shots-fair';
const PHONE = { width: 390, height: 844 };

/** Sells the goods (tile taps) and pays: cash with the exact amount due, or card. */
async function sell(page: Page, taps: string[], method: 'cash' | 'card_terminal'): Promise<void> {
  for (const id of taps) await page.locator(`.tile[data-product="${id}"]`).click();
  await page.locator(`[data-pay="${method}"]`).click();
  await page.locator(`[data-dialog="${method}"] [data-confirm]`).click();
  await page.locator('[data-cart]').waitFor({ state: 'hidden' });
}

async function pending(page: Page): Promise<number> {
  return Number(await page.locator('[data-pending]').getAttribute('data-count'));
}

async function waitPending(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await pending(page)) !== n) {
    if (Date.now() > deadline) throw new Error(`still ${await pending(page)} sales waiting, not ${n}`);
    await page.waitForTimeout(100);
  }
}

describe('e2e: fair mode on two phones, one of them offline', function () {
  this.timeout(300_000);
  const e2e = useE2eApp({ stripe: false });
  let seller: { email: string; password: string; id: string };
  const goods: Record<'candle' | 'mug' | 'bag', string> = { candle: '', mug: '', bag: '' };
  const stockBefore: Record<string, number> = {};
  let eventId: string;

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    await seedOrganisation();
    seller = await makeStaff('marketing');
    goods.candle = await publishedGood(e2e.storage, {
      titleLt: 'Sojų žvakė',
      sku: 'E2E-C',
      price: 1247,
      vatRate: 2100,
      stockQuantity: 100,
    });
    goods.mug = await publishedGood(e2e.storage, {
      titleLt: 'Keramikinis puodelis',
      sku: 'E2E-M',
      price: 1500,
      vatRate: 2100,
      stockQuantity: 100,
    });
    goods.bag = await publishedGood(e2e.storage, {
      titleLt: 'Lininis maišelis',
      sku: 'E2E-B',
      price: 890,
      vatRate: 2100,
      stockQuantity: 100,
    });
    for (const id of Object.values(goods)) stockBefore[id] = await currentStock(id);
    eventId = await createEvent(
      { name: 'Kaziuko mugė', place: 'Vilnius', date: vilniusDate(new Date()) },
      Object.values(goods).map((productId) => ({ productId, quantity: 40 })),
      'Test',
    );
  });

  it('30 sales from two contexts, 10 of them offline, are stored and posted once; re-syncing changes nothing', async () => {
    const j = await new Journey('fair').start();
    const [online, offline] = [await e2e.newContext(), await e2e.newContext()];
    const pages: Page[] = [];
    for (const context of [online, offline]) {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await signInWithForm(page, seller);
      await page.setViewportSize(PHONE);
      await page.goto(`/admin/fair/events/${eventId}/sell`);
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      // Controlled by the worker from here on: the page and its goods go into its cache.
      await page.reload();
      await page.locator('.tile').first().waitFor();
      pages.push(page);
    }
    const [a, b] = pages as [Page, Page];
    expect(await a.evaluate('Boolean(navigator.serviceWorker.controller)')).to.equal(true);
    await j.shot(a, 'sell-phone');
    await a.screenshot({ path: `${SHOTS}/sell-phone.png` });

    const sent: string[] = [];
    b.on('request', (req) => {
      if (req.url().endsWith('/admin/fair/sync') && req.method() === 'POST') sent.push(req.postData() ?? '');
    });

    await offline.setOffline(true);
    // The page opens again from the worker's cache without a connection.
    await b.reload();
    await b.locator('.tile').first().waitFor();
    const sellB = (async () => {
      for (let i = 0; i < 10; i++) {
        await sell(b, i % 2 ? [goods.candle, goods.bag] : [goods.mug], i % 3 ? 'cash' : 'card_terminal');
      }
    })();
    const sellA = (async () => {
      for (let i = 0; i < 20; i++) {
        await sell(
          a,
          i % 2 ? [goods.candle] : [goods.mug, goods.bag, goods.bag],
          i % 2 ? 'cash' : 'card_terminal',
        );
      }
    })();
    await Promise.all([sellA, sellB]);
    expect(await pending(b)).to.equal(10);
    expect(await b.locator('[data-pending]').textContent()).to.contain('10 pardavimų laukia išsiuntimo');
    await j.shot(b, 'offline-waiting');
    await b.screenshot({ path: `${SHOTS}/offline-waiting.png` });
    await waitPending(a, 0);
    expect(await FairSale.countDocuments({ eventId })).to.equal(20);

    await offline.setOffline(false);
    await waitPending(b, 0);

    const sales = await FairSale.find({ eventId }).lean();
    expect(sales).to.have.length(30);
    const keys = sales.map((s) => `fair:${s._id}:sold`);
    expect(await JournalEntry.countDocuments({ idempotencyKey: { $in: keys } })).to.equal(30);
    expect(await JournalEntry.countDocuments({ kind: 'fair_sale' })).to.equal(30);
    const units = new Map<string, number>();
    for (const s of sales)
      for (const l of s.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    for (const id of Object.values(goods))
      expect(await currentStock(id), id).to.equal(stockBefore[id]! - (units.get(id) ?? 0));

    // The queue the offline phone sent, sent again three times: nothing changes.
    // (Copied first: the replays below are requests of this page too.)
    const queue = [...sent];
    const queuedIds = queue.flatMap((body) =>
      (JSON.parse(body) as { sales: { id: string }[] }).sales.map((x) => x.id),
    );
    expect(new Set(queuedIds).size).to.equal(10);
    const snapshot = async () => ({
      sales: await FairSale.countDocuments(),
      entries: await JournalEntry.countDocuments(),
      stock: await Promise.all(Object.values(goods).map((id) => currentStock(id))),
    });
    const before = await snapshot();
    for (let round = 0; round < 3; round++) {
      for (const body of queue) {
        const statuses = (await b.evaluate(`(async () => {
          const csrf = document.querySelector('[data-sell]').dataset.csrf;
          const res = await fetch('/admin/fair/sync', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: ${JSON.stringify(body)},
          });
          return (await res.json()).results.map((r) => r.status);
        })()`)) as string[];
        expect(new Set(statuses)).to.deep.equal(new Set(['already']));
      }
    }
    expect(await snapshot()).to.deep.equal(before);

    // The event's totals are the sum of its sales, and the month's stipend draft has the fair's income.
    await a.goto(`/admin/fair/events/${eventId}`);
    const due = sales.reduce((s, x) => s + x.payment!.dueCents, 0);
    const shown = (await a.locator('[data-method="all"] [data-due]').textContent())!.replace(/\s/g, ' ');
    expect(shown).to.equal(
      new Intl.NumberFormat('lt-LT', { style: 'currency', currency: 'EUR' })
        .format(due / 100)
        .replace(/\s/g, ' '),
    );
    expect(await noTableOverflow(a)).to.deep.equal([]);
    await j.shot(a, 'event-phone');
    await a.screenshot({ path: `${SHOTS}/event-phone.png`, fullPage: true });
    const draft = await computeDraft(vilniusPeriod(new Date()));
    for (const id of Object.values(goods)) {
      const net = sales
        .flatMap((s) => s.lines)
        .filter((l) => l.productId === id)
        .reduce((s, l) => s + l.netCents, 0);
      const inDraft = draft.input.lines
        .filter((l) => draft.lineLabels[l.id]?.targetId === id)
        .reduce((s, l) => s + l.amountCents, 0);
      expect(inDraft, id).to.equal(net);
    }
  });

  it('a 12,47 € cash sale is paid 12,45 €: the cash screen shows the rounding and the change', async () => {
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, seller);
    await page.setViewportSize(PHONE);
    await page.goto(`/admin/fair/events/${eventId}/sell`);
    await page.locator('.tile').first().waitFor();
    await page.locator('[data-search]').fill('zvake');
    await page.locator('.tile').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('.tile').count()).to.equal(1);
    await page.locator(`.tile[data-product="${goods.candle}"]`).click();
    expect(await page.locator('[data-total]').textContent()).to.contain('12,47');
    await page.locator('[data-pay="cash"]').click();
    expect(await page.locator('[data-due]').textContent()).to.contain('12,45');
    expect(await page.locator('[data-rounding]').textContent()).to.contain('0,02');
    await page.locator('[data-given]').fill('20');
    expect(await page.locator('[data-change]').textContent()).to.contain('7,55');
    await page.screenshot({ path: `${SHOTS}/cash-phone.png` });
    const before = await FairSale.countDocuments();
    await page.locator('[data-dialog="cash"] [data-confirm]').click();
    const deadline = Date.now() + 30_000;
    while ((await FairSale.countDocuments()) === before && Date.now() < deadline)
      await page.waitForTimeout(100);
    await waitPending(page, 0);
    const last = await FairSale.findOne({}).sort({ receivedAt: -1 }).lean();
    expect(await FairSale.countDocuments()).to.equal(before + 1);
    expect(last!.payment).to.include({
      dueCents: 1245,
      roundingCents: -2,
      givenCents: 2000,
      changeCents: 755,
    });
    const entry = await JournalEntry.findOne({ idempotencyKey: `fair:${last!._id}:sold` }).lean();
    const d = entry!.lines.reduce((s, l) => s + l.debitCents, 0);
    const c = entry!.lines.reduce((s, l) => s + l.creditCents, 0);
    expect(d).to.equal(c);
    expect(entry!.lines.find((l) => l.account === 'expenses:cash_rounding')?.debitCents).to.equal(2);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/admin/fair/events/${eventId}/sell`);
    await page.locator('.tile').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/sell-laptop.png` });
    for (const [path, name] of [
      ['/admin/fair', 'list'],
      [`/admin/fair/events/${eventId}/sales`, 'sales'],
      [`/admin/fair/events/${eventId}/close`, 'close'],
    ] as const) {
      for (const size of [PHONE, { width: 1366, height: 768 }]) {
        await page.setViewportSize(size);
        await page.goto(path);
        expect(await noTableOverflow(page), `${name} at ${size.width}`).to.deep.equal([]);
        await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: true });
      }
    }
  });
});
