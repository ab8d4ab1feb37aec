import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { Product } from '../../src/catalog/model.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { randomName } from '../../src/lib/ids.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { makeStaff } from '../support/app.ts';
import { testDatabaseUri } from '../support/global.ts';
import {
  addToCart,
  Browser,
  checkoutForm,
  formToken,
  startServerProcess,
  type ServerProcess,
} from '../support/server-process.ts';
import { testStripeEnv } from '../support/stripe.ts';
import { currentPeriod } from '../../src/participants/periods.ts';
import { createParticipant, updateParticipant } from '../../src/participants/register.ts';
import { saveContributions } from '../../src/participants/work.ts';
import { publishedGood } from './helpers.ts';

/** Asks `server` for `url` until `shows` holds; the milliseconds it took (fails after `limitMs`). */
async function shownWithin(
  server: ServerProcess,
  url: string,
  shows: (reply: { status: number; text: string }) => boolean,
  limitMs: number,
): Promise<number> {
  const start = Date.now();
  const browser = new Browser(server.url);
  for (;;) {
    const reply = await browser.get(url);
    const elapsed = Date.now() - start;
    if (shows(reply)) return elapsed;
    if (elapsed > limitMs) throw new Error(`${url} on the other instance not updated after ${elapsed} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const changeLog = () => mongoose.connection.collection<{ _id: number }>('catalog_changes');

/**
 * Two app processes on one database, each with its public catalogue in memory (src/catalog/memory/):
 * what changes through one (or through the service anywhere) shows on the other within a second.
 */
describe('the in-memory catalogue across instances', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: string;
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let storage: LocalDiskStorage;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-catalogue-'));
    uri = `${testDatabaseUri()}test_${randomName(6)}`;
    await connectDatabase(uri);
    await ensureIndexes();
    storage = new LocalDiskStorage(dir);
    await publishedGood(storage, { titleLt: 'Pradinė žvakė', slug: 'pradine-zvake', sku: 'START-1' });
    env = {
      NODE_ENV: 'test',
      MONGODB_URI: uri,
      DEMO_DATA: 'false',
      JOBS: 'false',
      UPLOADS_DIR: dir,
      LOG_LEVEL: 'warn',
      ...testStripeEnv(),
    };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await disconnectDatabase();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows an edit, an unpublishing and a sell-out made on A on B within 1 s', async () => {
    const id = await publishedGood(storage, {
      titleLt: 'Lininis rankšluostis',
      slug: 'lininis',
      sku: 'LIN-1',
      stockQuantity: 2,
    });
    // New: published by the service here, shown on both (the log, not a restart).
    await shownWithin(b, '/catalogue?q=lininis', (r) => r.text.includes('Lininis rankšluostis'), 1_000);

    // Edited on A by a staff member (the product form is multipart).
    const staff = await makeStaff('marketing');
    const onA = new Browser(a.url);
    const login = await onA.get('/login');
    await onA.post('/login', { _csrf: formToken(login.text), email: staff.email, password: staff.password });
    const form = await onA.get(`/admin/products/${id}/edit`);
    const fields = {
      _csrf: formToken(form.text),
      kind: 'good',
      titleLt: 'Lininis rankšluostis didelis',
      titleEn: '',
      descriptionLt: '',
      descriptionEn: '',
      unitLt: '',
      unitEn: '',
      slug: 'lininis',
      sku: 'LIN-1',
      category: '',
      price: '24,50',
      vatRate: '0',
      stockMode: 'stock',
      stockQuantity: '2',
      stockShown: '2',
      leadTimeDays: '0',
    };
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    const saved = await fetch(`${a.url}/admin/products/${id}`, {
      method: 'POST',
      body,
      headers: { cookie: onA.cookieHeader() },
      redirect: 'manual',
    });
    expect(saved.status, await saved.clone().text()).to.equal(303);
    const edited = await shownWithin(
      b,
      '/products/lininis',
      (r) => r.text.includes('rankšluostis didelis'),
      1_000,
    );
    expect(edited).to.be.at.most(1_000);
    expect((await new Browser(b.url).get('/products/lininis')).text).to.match(/24,50/);

    // Sold out on A: two shoppers buy the two units through A's checkout.
    for (const email of ['p1@example.lt', 'p2@example.lt']) {
      const shopper = new Browser(a.url);
      await addToCart(shopper, { id, slug: 'lininis' });
      const placed = await shopper.post('/checkout', await checkoutForm(shopper, 'bank_transfer', email));
      expect(placed.status, placed.text.slice(0, 300)).to.equal(303);
    }
    const soldOut = await shownWithin(
      b,
      '/products/lininis',
      (r) => r.text.includes('Šiuo metu išparduota') && !r.text.includes('action="/cart/add"'),
      1_000,
    );
    expect(soldOut).to.be.at.most(1_000);

    // Unpublished on A by the staff member.
    const edit = await onA.get(`/admin/products/${id}/edit`);
    const out = await onA.post(`/admin/products/${id}/unpublish`, { _csrf: formToken(edit.text) });
    expect(out.status).to.equal(303);
    const gone = await shownWithin(b, '/products/lininis', (r) => r.status === 404, 1_000);
    expect(gone).to.be.at.most(1_000);
    expect((await new Browser(b.url).get('/catalogue?q=lininis')).text).not.to.contain('Lininis');
  });

  it("names a good's consenting maker on B within 1 s of the work being saved, and drops the name within 1 s of a withdrawn consent", async () => {
    const productId = await publishedGood(storage, {
      titleLt: 'Vilnonės kojinės',
      slug: 'kojines',
      sku: 'KOJ-1',
    });
    const admin = { id: 'test-admin', role: 'admin', name: 'Test' };
    const person = {
      displayName: 'Ona Onaitė',
      code: 'ONA-1',
      startDate: '2020-01-01',
      endDate: null,
      consentToName: true,
      publicName: 'Ona iš Dirbtuvių',
    };
    const participantId = await createParticipant(person, admin);
    const period = currentPeriod();
    const cell = { field: 'c0', participantId, kind: 'product', targetId: productId, value: '2' };
    await saveContributions(period, [cell], admin);
    const named = await shownWithin(
      b,
      '/products/kojines',
      (r) => r.text.includes('Ona iš Dirbtuvių'),
      1_000,
    );
    expect(named).to.be.at.most(1_000);
    await shownWithin(a, '/products/kojines', (r) => r.text.includes('Gamino: Ona iš Dirbtuvių'), 1_000);

    await updateParticipant(participantId, { ...person, consentToName: false }, admin);
    const withdrawn = await shownWithin(
      b,
      '/products/kojines',
      (r) => r.status === 200 && !r.text.includes('Ona iš Dirbtuvių'),
      1_000,
    );
    expect(withdrawn).to.be.at.most(1_000);
    await shownWithin(a, '/products/kojines', (r) => r.status === 200 && !r.text.includes('Gamino:'), 1_000);
  });

  it('rebuilds the catalogue from the database on a restart', async () => {
    await b.stop();
    // Written behind the service's back (no change-log entry): only a build from the database shows it.
    await Product.updateOne({ slug: 'pradine-zvake' }, { $set: { 'title.lt': 'Pakeista žvakė' } });
    b = await startServerProcess(env);
    const page = await new Browser(b.url).get('/products/pradine-zvake');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Pakeista žvakė');
    // A, which only follows the log, still shows what it read (the change was not logged).
    expect((await new Browser(a.url).get('/products/pradine-zvake')).text).to.contain('Pradinė žvakė');
  });

  it('keeps the public pages up through an unreadable and a missing change-log entry: rebuilds and logs', async () => {
    const head = async () => (await changeLog().find().sort({ _id: -1 }).limit(1).next())!._id;
    const logged = async (text: string) => {
      for (const server of [a, b]) {
        const start = Date.now();
        while (!server.output().includes(text)) {
          if (Date.now() - start > 15_000) throw new Error(`not logged: ${text}\n${server.output()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    // An unreadable entry (after a change written behind the log, so only the rebuild shows it).
    await Product.updateOne({ slug: 'pradine-zvake' }, { $set: { 'title.lt': 'Vėl pakeista žvakė' } });
    await changeLog().insertOne({ _id: (await head()) + 1, kind: 'no-such-kind' } as never);
    await logged('unreadable entry skipped, rebuilding');
    // The rebuilds read the product as stored (the change above was not logged).
    for (const server of [a, b]) {
      await shownWithin(server, '/products/pradine-zvake', (r) => r.text.includes('Vėl pakeista'), 5_000);
    }
    // A missing entry: a hole at head + 1, with head + 2 there.
    await Product.updateOne({ slug: 'pradine-zvake' }, { $set: { 'title.lt': 'Trečiąkart pakeista žvakė' } });
    await changeLog().insertOne({ _id: (await head()) + 2, kind: 'categories' } as never);
    for (const server of [a, b]) {
      expect((await new Browser(server.url).get('/catalogue')).status).to.equal(200);
    }
    await logged('entry missing, skipped, rebuilding');
    for (const server of [a, b]) {
      await shownWithin(server, '/products/pradine-zvake', (r) => r.text.includes('Trečiąkart'), 5_000);
    }
    // And they follow the log again after it.
    const id = await publishedGood(storage, { titleLt: 'Po skylės', slug: 'po-skyles', sku: 'AFTER-1' });
    for (const server of [a, b]) {
      await shownWithin(server, '/products/po-skyles', (r) => r.status === 200, 1_000);
    }
    expect(id).to.be.a('string');
  });
});
