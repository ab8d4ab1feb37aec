import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { StockMovement } from '../../src/catalog/stock.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { JobLease } from '../../src/jobs/runner.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { randomName } from '../../src/lib/ids.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { Order, OrderEvent } from '../../src/orders/model.ts';
import { CheckoutSession } from '../../src/payments/model.ts';
import { makeStaff } from '../support/app.ts';
import { testDatabaseUri } from '../support/global.ts';
import {
  addToCart,
  Browser,
  checkoutForm,
  deliverWebhook,
  formToken,
  sessionCompletedEvent,
  startServerProcess,
  type ServerProcess,
} from '../support/server-process.ts';
import { testStripeEnv } from '../support/stripe.ts';
import { publishedGood } from './helpers.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = (file: string) => pathToFileURL(path.join(ROOT, 'src', file)).href;

/** A browser on another instance that carries the same cookies (as behind a load balancer). */
function sameBrowserOn(server: ServerProcess, browser: Browser): Browser {
  const other = new Browser(server.url, browser.ip);
  for (const [k, v] of browser.cookies) other.cookies.set(k, v);
  return other;
}

/**
 * One scheduled-job tick as an instance runs it, in a process of its own: waits until `at` (so
 * that both processes try the slot at the same moment), then runOnce, and prints whether it ran.
 */
async function jobTick(uri: string, at: number): Promise<{ ran: boolean; cancelled: number }> {
  const script = `
    import { pino } from 'pino';
    import { buildCommerce } from '${src('app.ts')}';
    import { loadConfig } from '${src('config.ts')}';
    import { connectDatabase, disconnectDatabase } from '${src('db/connection.ts')}';
    import { runOnce } from '${src('jobs/runner.ts')}';
    import { cancelOverdueTransfers } from '${src('orders/jobs.ts')}';
    const logger = pino({ level: 'silent' });
    const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: process.env.JOB_DB_URI });
    await connectDatabase(config.mongodbUri);
    const commerce = buildCommerce(config, logger);
    let cancelled = 0;
    const job = {
      name: 'cancel-overdue-transfers',
      everyMs: 10 * 60 * 1000,
      run: async () => { cancelled = await cancelOverdueTransfers(commerce.context('system'), logger); },
    };
    await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.JOB_AT) - Date.now())));
    const ran = await runOnce(job, logger);
    console.log(JSON.stringify({ ran, cancelled }));
    await disconnectDatabase();
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, JOB_DB_URI: uri, JOB_AT: String(at) },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ran: boolean; cancelled: number };
}

/**
 * Two app processes on one database, as behind a load balancer. Processes rather than two apps in
 * this process: nothing (module state, caches, the Mongoose connection) can be shared by accident.
 */
describe('several instances on one database', function () {
  this.timeout(120_000);
  let dir: string;
  let uri: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let product: { id: string; slug: string };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-instances-'));
    uri = `${testDatabaseUri()}test_${randomName(6)}`;
    await connectDatabase(uri);
    await ensureIndexes();
    const id = await publishedGood(new LocalDiskStorage(dir), {
      titleLt: 'Dviguba vaza',
      slug: 'dviguba-vaza',
      sku: 'TWIN-1',
      price: 3000,
      vatRate: 2100,
      stockQuantity: 50,
    });
    product = { id, slug: 'dviguba-vaza' };
    const env = {
      NODE_ENV: 'test',
      MONGODB_URI: uri,
      DEMO_DATA: 'false',
      JOBS: 'false',
      UPLOADS_DIR: dir,
      LOG_LEVEL: 'silent',
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

  it('shows a cart built on A on B, and B checks it out', async () => {
    const onA = new Browser(a.url);
    await addToCart(onA, product, 2);
    const onB = sameBrowserOn(b, onA);
    const cart = await onB.get('/cart');
    expect(cart.status).to.equal(200);
    expect(cart.text).to.contain('Dviguba vaza');
    expect(cart.text).to.match(/name="quantity"[^>]*value="2"/);
    const placed = await onB.post('/checkout', await checkoutForm(onB, 'bank_transfer', 'cart@example.lt'));
    expect(placed.status).to.equal(303);
    expect(placed.location).to.match(/^\/orders\//);
    // Back on A the cart is empty: the order emptied the session both share.
    const back = await sameBrowserOn(a, onB).get('/checkout');
    expect(back.status).to.equal(303);
    expect(back.location).to.equal('/cart');
  });

  it('keeps a staff member signed in on B after signing in on A, and signed out everywhere after', async () => {
    const staff = await makeStaff('admin');
    const onA = new Browser(a.url);
    const login = await onA.get('/login');
    const signedIn = await onA.post('/login', {
      _csrf: formToken(login.text),
      email: staff.email,
      password: staff.password,
    });
    expect(signedIn.status).to.equal(303);
    const onB = sameBrowserOn(b, onA);
    const admin = await onB.get('/admin');
    expect(admin.status).to.equal(200);
    const out = await onB.post('/logout', { _csrf: formToken(admin.text) });
    expect(out.status).to.equal(303);
    const afterOnA = await onA.get('/admin');
    expect(afterOnA.status).to.equal(303);
    expect(afterOnA.location).to.match(/^\/login/);
  });

  it('runs a scheduled job once per slot when both instances try it at the same moment', async () => {
    const shopper = new Browser(a.url);
    await addToCart(shopper, product, 3);
    const placed = await shopper.post(
      '/checkout',
      await checkoutForm(shopper, 'bank_transfer', 'late@example.lt'),
    );
    const token = placed.location.replace('/orders/', '');
    await Order.updateOne({ token }, { $set: { 'payment.dueAt': new Date(Date.now() - 60_000) } });
    const order = await Order.findOne({ token }).lean();
    await JobLease.deleteMany({ job: 'cancel-overdue-transfers' });

    // Both ticks must fall in one 10-minute slot of the job, also when one starts late on a busy
    // machine: close to a slot's end, they start just after it instead.
    const slot = 10 * 60 * 1000;
    let at = Date.now() + 3_000;
    if (at % slot > slot - 30_000) at += slot - (at % slot) + 1_000;
    const ticks = await Promise.all([jobTick(uri, at), jobTick(uri, at)]);
    expect(
      ticks.filter((t) => t.ran),
      JSON.stringify(ticks),
    ).to.have.length(1);
    expect(ticks.find((t) => t.ran)!.cancelled).to.equal(1);
    expect(await JobLease.countDocuments({ job: 'cancel-overdue-transfers' })).to.equal(1);
    expect((await Order.findById(order!._id).lean())!.state).to.equal('cancelled');
    expect(await StockMovement.countDocuments({ orderId: String(order!._id), kind: 'release' })).to.equal(1);
  });

  it('applies a signed webhook delivered to both instances at once only once', async () => {
    const shopper = new Browser(a.url);
    await addToCart(shopper, product);
    const placed = await shopper.post('/checkout', await checkoutForm(shopper, 'card', 'twice@example.lt'));
    expect(placed.location).to.match(/^https:\/\/checkout\.stripe\.com\//);
    const order = await Order.findOne({ 'customer.email': 'twice@example.lt' }).lean();
    const session = await CheckoutSession.findOne({ orderId: order!._id }).lean();
    const event = sessionCompletedEvent(`evt_twice_${String(order!._id)}`, {
      id: String(session!._id),
      orderId: String(order!._id),
      amountCents: order!.totals!.grossCents,
    });
    const statuses = await Promise.all([a, b, a, b, a, b].map((server) => deliverWebhook(server.url, event)));
    // A delivery that lost the race may be refused; Stripe would deliver it again, so do that.
    for (const [i, server] of [a, b, a, b, a, b].entries()) {
      if (statuses[i] !== 200) statuses[i] = await deliverWebhook(server.url, event);
    }
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 200]);
    expect((await Order.findById(order!._id).lean())!.state).to.equal('paid');
    expect(await JournalEntry.countDocuments({ 'reference.id': String(order!._id) })).to.equal(1);
    expect(
      await OrderEvent.countDocuments({ claim: `${String(order!._id)}:leave:pending_payment` }),
    ).to.equal(1);
  });
});
