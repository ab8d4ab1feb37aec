import { execFile } from 'node:child_process';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { JournalEntry, type JournalEntryDoc } from '../../src/ledger/model.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { getSettings } from '../../src/settings/service.ts';
import { allocateStipends, type StipendResult } from '../../src/stipends/allocate.ts';
import type { StipendInput } from '../../src/stipends/engine-schemas.ts';
import { StipendClaim, StipendCost, StipendPeriod, StipendPolicy } from '../../src/stipends/model.ts';
import { csrfFrom, makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { testDatabaseUri } from '../support/global.ts';
import { quoteForm, staffPost, submitValidRequest } from './services-support.ts';
import {
  checkoutInput,
  expectFieldError,
  expectMessage,
  lt,
  publishedGood,
  unescapeHtml,
} from './helpers.ts';
import { newFormKey } from '../../src/web/form-once.ts';
import { columnTotal, lithuanianCents, machineCents, readCsv, screenCents } from '../support/csv-reader.ts';
import { sepaXsd, xmllint } from '../support/xmllint.ts';

/** A valid Lithuanian IBAN for a 16-digit account number (check digits computed). */
function ltIban(bban: string): string {
  const digits = `${bban}2129` + '00'; // L=21, T=29, then "00"
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  return `LT${String(98 - rem).padStart(2, '0')}${bban}`;
}

const period = vilniusPeriod(new Date());
const previous = (() => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
})();

/** The figures the period page shows per participant (data attributes of the allocation table). */
function shownAllocation(html: string) {
  return [
    ...html.matchAll(
      /<tr data-participant="([^"]+)" data-attributed="(-?\d+)" data-base="(\d+)" data-performance="(\d+)" data-total="(\d+)">/g,
    ),
  ].map((m) => ({
    id: m[1]!,
    attributedSalesCents: Number(m[2]),
    baseCents: Number(m[3]),
    performanceCents: Number(m[4]),
    totalCents: Number(m[5]),
  }));
}

function shownTotals(html: string) {
  const m = /data-basis="(\d+)" data-pool="(\d+)" data-allocated="(\d+)" data-unallocated="(\d+)"/.exec(html);
  if (!m) throw new Error('no result on the page');
  return { basisCents: +m[1]!, poolCents: +m[2]!, allocatedCents: +m[3]!, unallocatedCents: +m[4]! };
}

const balanced = (e: JournalEntryDoc) =>
  e.lines.reduce((s, l) => s + l.debitCents, 0) === e.lines.reduce((s, l) => s + l.creditCents, 0);

describe('stipend periods: compute, finalise, pay, outputs', () => {
  const t = useTestApp();
  let admin: Agent;
  let adminToken: string;
  let marketing: Agent;
  let marketingToken: string;
  let candleId: string;
  let mugId: string;
  let jobId = '';
  let invoiceLabel = '';
  const ids = { a: '', b: '', c: '' };
  let expected: StipendResult;
  let master: Agent;
  let masterToken: string;

  /** The attendance and contribution grids are multipart forms, their token in the URL. */
  function grid(url: string, fields: Record<string, string>) {
    let req = master.post(`${url}?_csrf=${encodeURIComponent(masterToken)}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req;
  }

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Kretingos „Dirbtuvės“ & Co',
          vatPayer: false,
          iban: '',
        },
      },
      { upsert: true },
    );
    candleId = await publishedGood(t.storage, {
      titleLt: 'Sojų vaško žvakė',
      sku: 'ZV-1',
      price: 1000,
      stockQuantity: 20,
    });
    mugId = await publishedGood(t.storage, {
      titleLt: 'Molinis puodelis',
      sku: 'PU-1',
      price: 2000,
      stockQuantity: 20,
    });
    const adminCreds = await makeStaff('admin');
    admin = await signIn(t.app, adminCreds);
    adminToken = await tokenFor(admin, '/admin/stipends');
    marketing = await signInAs(t.app, 'marketing');
    marketingToken = await tokenFor(marketing, '/admin/orders');
    // The register, attendance and contributions through their pages: admin registers, the master records.
    const registerToken = await tokenFor(admin, '/admin/participants/new');
    const register = async (displayName: string, code: string, iban: string) => {
      const res = await admin
        .post('/admin/participants')
        .type('form')
        .send({ _csrf: registerToken, displayName, code, startDate: '2020-01-01', iban })
        .expect(303);
      return /^\/admin\/participants\/([a-f0-9]{24})$/.exec(String(res.headers.location))![1]!;
    };
    ids.a = await register('Ona Žukauskienė', 'A-1', ltIban('1000011101001000'));
    ids.b = await register('Jonas Ąžuolas', 'B-2', ltIban('7300010123456789'));
    ids.c = await register('Rūta Čepė', 'C-3', '');
    master = await signInAs(t.app, 'master');
    masterToken = await tokenFor(master, '/admin/attendance');
    await grid('/admin/attendance', {
      period,
      [`days_${ids.a}`]: '20',
      [`days_${ids.b}`]: '10',
      [`days_${ids.c}`]: '0',
    }).expect(303);
    await grid('/admin/contributions', {
      period,
      [`w_${ids.a}_product_${candleId}`]: '2',
      [`w_${ids.b}_product_${candleId}`]: '1',
    }).expect(303);
    const settings = await getSettings();
    const order = async (productId: string, quantity: number) =>
      placeOrder({
        items: [{ productId, quantity }],
        form: checkoutInput(),
        lang: 'lt',
        settings,
        cardPaymentsEnabled: false,
      });
    const o1 = await order(candleId, 2);
    const o2 = await order(mugId, 1);
    for (const o of [o1, o2]) {
      await marketing
        .post(`/admin/orders/${o._id}/paid`)
        .type('form')
        .send({ _csrf: marketingToken, formKey: newFormKey() })
        .expect(303);
    }
    await marketing
      .post(`/admin/orders/${o2._id}/refund`)
      .type('form')
      .send({
        _csrf: marketingToken,
        formKey: newFormKey(),
        amount: '5,00',
        reason: 'Įskilęs',
        components: 'L1',
      })
      .expect(303);
    // A business job: requested, quoted, accepted, done, invoiced and paid through the staff pages.
    const { agent: business, request: submitted } = await submitValidRequest(t.app);
    jobId = String(submitted._id);
    const token = await tokenFor(marketing, `/admin/requests/${jobId}`);
    await staffPost(marketing, `/admin/requests/${jobId}/review`, token, {}).expect(303);
    await staffPost(
      marketing,
      `/admin/requests/${jobId}/quote`,
      token,
      quoteForm([{ description: 'Rinkinių pakavimas', quantity: '10', unitPrice: '3,00', vatRate: '0' }], {
        send: '1',
      }),
    ).expect(303);
    const tracking = await business.get(`/requests/${submitted.token}`).expect(200);
    await business
      .post(`/requests/${submitted.token}/quotes/1/accept`)
      .type('form')
      .send({ _csrf: csrfFrom(tracking.text), acceptedBy: 'Rūta Pirkėja' })
      .expect(303);
    // The work was done last month: the contribution is recorded there.
    await grid('/admin/contributions', {
      period: previous,
      job: jobId,
      [`w_${ids.c}_job_${jobId}`]: '3',
    }).expect(303);
    await staffPost(marketing, `/admin/requests/${jobId}/start`, token, {}).expect(303);
    await staffPost(marketing, `/admin/requests/${jobId}/complete`, token, { confirm: '1' }).expect(303);
    const invoice = (await Invoice.findOne({
      requestId: submitted._id,
      kind: 'invoice',
    }).lean<InvoiceDoc>())!;
    invoiceLabel = `${invoice.series} ${String(invoice.number).padStart(6, '0')}`;
    await staffPost(marketing, `/admin/service-invoices/${String(invoice._id)}/paid`, token, {
      confirm: '1',
    }).expect(303);
  });

  /** The engine input assembled here, independently of the app's own assembly. */
  async function assembledInput(policy: StipendInput['policy'], workdays: number, costsCents: number) {
    const entries = await JournalEntry.find({ period })
      .sort({ postedAt: 1, _id: 1 })
      .lean<JournalEntryDoc[]>();
    const lines: StipendInput['lines'] = [];
    for (const e of entries) {
      e.lines.forEach((l, i) => {
        if (l.account !== 'income:products' && l.account !== 'income:services') return;
        const contributions =
          l.attribution?.productId === candleId
            ? [
                { participantId: ids.a, weight: 2 },
                { participantId: ids.b, weight: 1 },
              ]
            : l.attribution?.jobId === jobId
              ? [{ participantId: ids.c, weight: 3 }]
              : [];
        lines.push({ id: `${String(e._id)}:${i}`, amountCents: l.creditCents - l.debitCents, contributions });
      });
    }
    return {
      period,
      policy,
      workdays,
      participants: [
        { id: ids.a, attendanceDays: 20 },
        { id: ids.b, attendanceDays: 10 },
        { id: ids.c, attendanceDays: 0 },
      ],
      lines,
      costsCents,
    } satisfies StipendInput;
  }

  const page = () => admin.get(`/admin/stipends/${period}`).expect(200);
  const editRuta = (account: { iban: string } | { removeIban: 'on' }) =>
    admin
      .post(`/admin/participants/${ids.c}`)
      .type('form')
      .send({ _csrf: adminToken, displayName: 'Rūta Čepė', code: 'C-3', startDate: '2020-01-01', ...account })
      .expect(303);
  const post = (path: string, body: Record<string, string> = {}) =>
    admin
      .post(`/admin/stipends/${period}${path}`)
      .type('form')
      .send({ _csrf: adminToken, ...body });

  it('marketing and master get 403 on every stipend page and action', async () => {
    for (const [agent, token] of [
      [marketing, marketingToken],
      [master, masterToken],
    ] as const) {
      for (const url of [
        '/admin/stipends',
        `/admin/stipends/${period}`,
        '/admin/stipends/policy',
        `/admin/stipends/${period}/stipends.csv`,
      ]) {
        const res = await agent.get(url);
        expect(res.status, url).to.equal(403);
      }
      for (const path of ['finalise', 'settings', 'costs', 'paid']) {
        const res = await agent.post(`/admin/stipends/${period}/${path}`).type('form').send({ _csrf: token });
        expect(res.status, path).to.equal(403);
      }
      const dash = await agent.get('/admin').expect(200);
      expect(dash.text).not.to.contain('class="chart"');
    }
    expect(await StipendClaim.countDocuments()).to.equal(0);
  });

  it('refuses a malformed period', async () => {
    const res = await admin.get('/admin/stipends/open?period=2026-13').expect(422);
    expectFieldError(res.text, 'period', 'period.errors.format');
    await admin
      .get('/admin/stipends/open?period=2026-10')
      .expect(303)
      .expect('Location', '/admin/stipends/2026-10');
    await admin.get('/admin/stipends/2026-13').expect(404);
    await admin.get('/admin/stipends/26-1').expect(404);
  });

  it('refuses bad period rules with the fields marked, and stores nothing', async () => {
    const good = { poolShare: '70', baseAmount: '10,00', cap: '', workdays: '20', deductCosts: 'on' };
    const cases: [Record<string, string>, string, string][] = [
      [{ poolShare: '101' }, 'poolShare', 'stipend.errors.share'],
      [{ poolShare: '-1' }, 'poolShare', 'stipend.errors.share'],
      [{ baseAmount: '-5' }, 'baseAmount', 'errors.amountRange'],
      [{ cap: '-1' }, 'cap', 'errors.amountRange'],
      [{ cap: 'daug' }, 'cap', 'errors.amount'],
      [{ workdays: '0' }, 'workdays', 'errors.numberRange'],
      [{ workdays: 'du' }, 'workdays', 'errors.wholeNumber'],
    ];
    for (const [bad, field, key] of cases) {
      const res = await post('/settings', { ...good, ...bad });
      expect(res.status, JSON.stringify(bad)).to.equal(422);
      expectFieldError(res.text, field, key);
    }
    expect(await StipendPeriod.countDocuments()).to.equal(0);
    const policy = await admin
      .post('/admin/stipends/policy')
      .type('form')
      .send({ _csrf: adminToken, ...good, poolShare: '200' });
    expect(policy.status).to.equal(422);
    expectFieldError(policy.text, 'poolShare', 'stipend.errors.share');
    expect(await StipendPolicy.countDocuments()).to.equal(0);

    // The organisation's policy is what a new month starts from.
    await admin
      .post('/admin/stipends/policy')
      .type('form')
      .send({ _csrf: adminToken, poolShare: '62,5', baseAmount: '40', cap: '150', deductCosts: 'on' })
      .expect(303)
      .expect('Location', '/admin/stipends');
    const index = unescapeHtml((await admin.get('/admin/stipends').expect(200)).text);
    expect(index).to.contain('62,5 %');
    expect(index).to.contain(`data-period="${period}" data-state="draft"`);
    const fresh = (await admin.get('/admin/stipends/2025-02').expect(200)).text;
    expect(fresh).to.match(/id="poolShare"[^>]*value="62,5"|value="62,5"[^>]*id="poolShare"/);
    expect(fresh).to.match(/id="cap"[^>]*value="150,00"/);
    expect(fresh, 'Monday to Friday of February 2025').to.match(/id="workdays"[^>]*value="20"/);
    expect(await StipendPeriod.countDocuments(), 'viewing a month stores nothing').to.equal(0);
  });

  it('records material costs once per form, refuses bad ones, and posts them to the ledger', async () => {
    const formKey = 'a'.repeat(32);
    const bad = await post('/costs', { formKey, amount: '0', description: 'Vaškas', paidOn: `${period}-01` });
    expect(bad.status).to.equal(422);
    expectFieldError(bad.text, 'amount', 'errors.amountRange');
    const outside = await post('/costs', {
      formKey,
      amount: '5',
      description: 'Vaškas',
      paidOn: `${previous}-01`,
    });
    expect(outside.status).to.equal(422);
    expectFieldError(outside.text, 'paidOn', 'period.errors.costDate', { period });
    expect(await StipendCost.countDocuments()).to.equal(0);

    const body = { formKey, amount: '5,00', description: 'Vaškas ir dagčiai', paidOn: `${period}-01` };
    const [r1, r2] = await Promise.all([post('/costs', body), post('/costs', body)]);
    expect([r1.status, r2.status]).to.deep.equal([303, 303]);
    expect(await StipendCost.countDocuments({ period })).to.equal(1);
    const entries = await JournalEntry.find({ kind: 'material_cost' }).lean<JournalEntryDoc[]>();
    expect(entries).to.have.length(1);
    expect(entries[0]!.period).to.equal(period);
    expect(entries[0]!.lines.map((l) => [l.account, l.debitCents, l.creditCents])).to.deep.equal([
      ['expenses:materials', 500, 0],
      ['assets:bank', 0, 500],
    ]);
  });

  it('computes the draft from the ledger and explains it in plain words', async () => {
    await post('/settings', {
      poolShare: '70',
      baseAmount: '10,00',
      cap: '',
      workdays: '20',
      deductCosts: 'on',
    }).expect(303);
    const policy = { poolShareBps: 7000, deductCosts: true, baseAmountCents: 1000, capCents: null };
    expected = allocateStipends(await assembledInput(policy, 20, 500));
    // 2 candles 20 €, a mug 20 €, its refund −5 €, the job 30 €; costs 5 €.
    expect(expected.basisCents).to.equal(2000 + 2000 - 500 + 3000 - 500);

    const res = await page();
    expect(shownTotals(res.text)).to.deep.equal({
      basisCents: expected.basisCents,
      poolCents: expected.poolCents,
      allocatedCents: expected.allocatedCents,
      unallocatedCents: expected.unallocatedCents,
    });
    expect(shownAllocation(res.text)).to.deep.equal(
      expected.participants.map(({ id, attributedSalesCents, baseCents, performanceCents, totalCents }) => ({
        id,
        attributedSalesCents,
        baseCents,
        performanceCents,
        totalCents,
      })),
    );
    const html = unescapeHtml(res.text);
    for (const text of [
      'Sojų vaško žvakė',
      'Grąžinimas: Molinis puodelis',
      `Paslaugų darbas „Supakuoti 200 dovanų rinkinių įmonės renginiui.“ (${invoiceLabel})`,
      'Ona Žukauskienė',
      'Rūta Čepė',
    ]) {
      expect(html, text).to.contain(text);
    }
    // Typed in the grid as 2 h and 1 h, stored as hundredths of an hour (the weights' ratio is what counts).
    expect(html).to.contain('pagal darbo indėlį: 2 iš 3 val.');
    expect(html).to.contain('pagal dienas (niekas neįrašė indėlio): 20 iš 30 d.');
    const c = expected.participants.find((p) => p.id === ids.c)!;
    expect(c.attributedSalesCents, 'the job of last month counts now it is paid').to.equal(3000);
    expect(c.baseCents).to.equal(0);
    expect(res.text, 'finalising a month that is not over says what that means').to.contain('data-running');
    expect(await StipendClaim.countDocuments()).to.equal(0);
  });

  it('puts the summary and the finalise step first, and folds each explanation', async () => {
    const html = (await page()).text;
    const at = (marker: string) => {
      const i = html.indexOf(marker);
      expect(i, marker).to.be.greaterThan(-1);
      return i;
    };
    expect(html).to.contain(`data-summary-pool="${expected.poolCents}"`);
    expect(html).to.contain(`data-summary-allocated="${expected.allocatedCents}"`);
    expect(html).to.contain(`data-summary-participants="${expected.participants.length}"`);
    expect(at('data-summary')).to.be.lessThan(at('data-action="finalise"'));
    expect(at('data-action="finalise"'), 'the finalise step before the figures').to.be.lessThan(
      at('id="allocation"'),
    );
    expect(at('id="allocation"')).to.be.lessThan(at('data-form="settings"'));
    const folded = [...html.matchAll(/<details class="explain-person" id="p-([^"]+)"([^>]*)>/g)];
    expect(folded.map((m) => m[1]).sort()).to.deep.equal(expected.participants.map((p) => p.id).sort());
    expect(
      folded.every((m) => !/\bopen\b/.test(m[2]!)),
      'every explanation starts folded',
    ).to.equal(true);
  });

  it('the stipends command computes the same draft from the database, and refuses bad arguments', async () => {
    const url = new URL(testDatabaseUri());
    url.pathname = `/${mongoose.connection.name}`;
    const env = { ...process.env, NODE_ENV: 'test', MONGODB_URI: url.toString() };
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['scripts/stipends.ts', ...args], { env }, (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const json = await run(['compute', '--period', period, '--json']);
    expect(json.code, json.stderr).to.equal(0);
    const out = JSON.parse(json.stdout) as { state: string; result: StipendResult };
    expect(out.state).to.equal('draft');
    expect(out.result).to.deep.equal(expected);
    const table = await run(['compute', `--period=${period}`]);
    expect(table.code, table.stderr).to.equal(0);
    expect(table.stdout).to.contain('Ona Žukauskienė');
    expect(table.stdout).to.contain(`allocated ${(expected.allocatedCents / 100).toFixed(2)}`);
    const badArgs = [
      ['compute', '--period', '2026-13'],
      ['compute'],
      ['pay', '--period', period],
      ['compute', '--period', period, '-x'],
    ];
    const refused = await Promise.all(badArgs.map(run));
    refused.forEach((bad, i) => {
      expect(bad.code, badArgs[i]!.join(' ')).to.equal(2);
      expect(bad.stderr).to.contain('Usage: npm run stipends');
    });
  });

  it('finalises only when the administrator confirms the checked amounts', async () => {
    for (const body of [{}, { confirm: '' }, { confirm: 'no' }, { 'confirm[$ne]': 'x' }]) {
      const res = await post('/finalise', body as Record<string, string>);
      expect(res.status, JSON.stringify(body)).to.equal(422);
      expectMessage(res.text, 'period.errors.confirm');
    }
    expect(await StipendClaim.countDocuments({ period })).to.equal(0);
    expect(await JournalEntry.countDocuments({ idempotencyKey: `stipends:${period}:finalised` })).to.equal(0);
  });

  it('finalises once under a double-click, posts one balanced entry, and then refuses changes', async () => {
    const confirm = { confirm: 'on' };
    // Rūta is paid for the job but has no bank account yet: the month waits for it.
    const refused = await post('/finalise', confirm);
    expect(refused.status).to.equal(409);
    expectMessage(refused.text, 'checks.errors.noIban', { names: 'Rūta Čepė (C-3)' });
    expect(await StipendClaim.countDocuments({ period })).to.equal(0);
    await editRuta({ iban: ltIban('2140030000123456') });
    const [f1, f2] = await Promise.all([post('/finalise', confirm), post('/finalise', confirm)]);
    expect([f1.status, f2.status]).to.deep.equal([303, 303]);
    expect(await StipendClaim.countDocuments({ period, step: 'finalised' })).to.equal(1);
    const entries = await JournalEntry.find({ idempotencyKey: `stipends:${period}:finalised` }).lean<
      JournalEntryDoc[]
    >();
    expect(entries).to.have.length(1);
    const entry = entries[0]!;
    expect(balanced(entry)).to.equal(true);
    expect(entry.kind).to.equal('stipends_finalised');
    expect(entry.lines[0]).to.include({ account: 'expenses:stipends', debitCents: expected.allocatedCents });
    const credits = Object.fromEntries(entry.lines.slice(1).map((l) => [l.account, l.creditCents]));
    expect(credits).to.deep.equal(
      Object.fromEntries(
        expected.participants
          .filter((p) => p.totalCents > 0)
          .map((p) => [`liabilities:stipends:${p.id}`, p.totalCents]),
      ),
    );

    const settings = await post('/settings', { poolShare: '90', baseAmount: '10', cap: '', workdays: '20' });
    expect(settings.status).to.equal(409);
    expectMessage(settings.text, 'period.errors.finalised', { period });
    const cost = await post('/costs', {
      formKey: 'b'.repeat(32),
      amount: '1',
      description: 'x',
      paidOn: `${period}-01`,
    });
    expect(cost.status).to.equal(409);
    expectMessage(cost.text, 'period.errors.finalised', { period });
    expect(await StipendCost.countDocuments()).to.equal(1);
    const work = await grid('/admin/contributions', { period, [`w_${ids.a}_product_${mugId}`]: '5' });
    expect(work.status, 'contributions of a finalised period are refused').to.equal(422);
    expectMessage(work.text, 'contributions.errors.finalised', { period });
    const days = await grid('/admin/attendance', { period, [`days_${ids.c}`]: '3' });
    expect(days.status, 'attendance of a finalised period is refused').to.equal(422);
  });

  it('keeps the frozen result when a refund is posted after finalising', async () => {
    const before = shownAllocation((await page()).text);
    const o = await placeOrder({
      items: [{ productId: candleId, quantity: 1 }],
      form: checkoutInput(),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    await marketing
      .post(`/admin/orders/${o._id}/paid`)
      .type('form')
      .send({ _csrf: marketingToken, formKey: newFormKey() })
      .expect(303);
    await marketing
      .post(`/admin/orders/${o._id}/refund`)
      .type('form')
      .send({ _csrf: marketingToken, formKey: newFormKey(), amount: '10,00', reason: '' })
      .expect(303);
    const res = await page();
    expect(shownAllocation(res.text)).to.deep.equal(before);
    expect(res.text).to.contain('data-frozen');
  });

  it('gives statements as HTML and PDF, and the CSV for the accountant', async () => {
    const all = await admin.get(`/admin/stipends/${period}/statements`).expect(200);
    const html = unescapeHtml(all.text);
    for (const p of expected.participants) {
      expect(all.text).to.contain(`data-statement="${p.id}" data-total="${p.totalCents}"`);
    }
    const a = expected.participants.find((p) => p.id === ids.a)!;
    expect(html).to.contain('Ona Žukauskienė, jūsų stipendija');
    expect(html).to.contain(formatCents(a.totalCents, 'lt-LT'));
    expect(html).to.contain('Atėjote 20 dienų iš 20.');
    const one = await admin.get(`/admin/stipends/${period}/statements/${ids.a}`).expect(200);
    expect(unescapeHtml(one.text)).to.contain('Sojų vaško žvakė');
    await admin.get(`/admin/stipends/${period}/statements/nobody`).expect(404);
    const pdf = await admin.get(`/admin/stipends/${period}/statements/${ids.a}/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).to.contain('application/pdf');
    expect(
      Buffer.from(pdf.body as Buffer)
        .subarray(0, 5)
        .toString(),
    ).to.equal('%PDF-');

    const csv = await admin.get(`/admin/stipends/${period}/stipends.csv`).expect(200);
    expect(csv.headers['content-disposition']).to.equal(`attachment; filename="stipendijos-${period}.csv"`);
    expect(csv.text.startsWith('\uFEFF')).to.equal(true);
    const doc = readCsv(csv.text, ';');
    expect(doc.header).to.deep.equal([
      'Dalyvio kodas',
      'Vardas',
      'Priskirti pardavimai',
      'Bazinė dalis',
      'Rezultato dalis',
      'Iš viso',
      'Pritaikyta riba',
      'Mėnuo',
    ]);
    const lt2 = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
    const byCode = new Map(doc.rows.map((r) => [r[0], r]));
    expect(byCode.get('A-1')).to.deep.equal([
      'A-1',
      'Ona Žukauskienė',
      lt2(a.attributedSalesCents),
      lt2(a.baseCents),
      lt2(a.performanceCents),
      lt2(a.totalCents),
      'ne',
      period,
    ]);
    // Every amount column, read with decimal comma, adds up to the totals row the period page shows.
    const shown = unescapeHtml((await page()).text);
    for (const [of, header] of [
      ['attributed', 'Priskirti pardavimai'],
      ['base', 'Bazinė dalis'],
      ['performance', 'Rezultato dalis'],
      ['total', 'Iš viso'],
    ] as const) {
      const cell = new RegExp(`<td data-total-of="${of}">(?:<strong>)?([^<]*)<`).exec(shown);
      expect(cell, of).to.not.equal(null);
      expect(columnTotal(doc, header, lithuanianCents), of).to.equal(screenCents(cell![1]!));
    }
    expect(columnTotal(doc, 'Iš viso', lithuanianCents)).to.equal(expected.allocatedCents);
    const allocated = /data-summary-allocated="\d+">([^<]*)</.exec(shown)!;
    expect(screenCents(allocated[1]!)).to.equal(expected.allocatedCents);

    // The machine format: the same rows with codes, dots and stable headers; cents round-trip.
    const machine = await admin.get(`/admin/stipends/${period}/stipends.csv?format=machine`).expect(200);
    expect(machine.headers['content-disposition']).to.equal(
      `attachment; filename="stipendijos-${period}-machine.csv"`,
    );
    const m = readCsv(machine.text, ',');
    expect(m.header).to.deep.equal([
      'participant_code',
      'name',
      'attributed_sales_eur',
      'base_eur',
      'performance_eur',
      'total_eur',
      'capped',
      'period',
    ]);
    const mA = m.rows.find((r) => r[0] === 'A-1')!;
    expect(mA.slice(2, 7)).to.deep.equal([
      (a.attributedSalesCents / 100).toFixed(2),
      (a.baseCents / 100).toFixed(2),
      (a.performanceCents / 100).toFixed(2),
      (a.totalCents / 100).toFixed(2),
      'false',
    ]);
    expect(columnTotal(m, 'total_eur', machineCents)).to.equal(expected.allocatedCents);
    expect(m.rows.map((r) => machineCents(r[5]!)).sort((x, y) => x - y)).to.deep.equal(
      expected.participants.map((p) => p.totalCents).sort((x, y) => x - y),
    );

    // The ledger's CSV names the participant of each stipend line to the administrator.
    const ledger = readCsv((await admin.get(`/admin/ledger.csv?period=${period}`).expect(200)).text, ';');
    const stipendRows = ledger.rows.filter(
      (r) => r[6] === period && r[8] === lt('ledger.acct.liabilities:stipends'),
    );
    expect(stipendRows.map((r) => r[3])).to.satisfy((k: string[]) =>
      k.every((x) => x === lt('ledger.kind.stipends_finalised')),
    );
    expect(stipendRows.map((r) => r[9])).to.include('Ona Žukauskienė');
    expect(columnTotal({ ...ledger, rows: stipendRows }, lt('ledger.csv.credit'), lithuanianCents)).to.equal(
      expected.allocatedCents,
    );

    // Both downloads are offered on the month's page.
    expect(shown).to.contain(`href="/admin/stipends/${period}/stipends.csv"`);
    expect(shown).to.contain(`href="/admin/stipends/${period}/stipends.csv?format=machine"`);
    expect(shown).to.contain(lt('csv.machine'));
  });

  it('refuses the payment file with a page linking to what is missing, then makes a valid pain.001', async () => {
    const missing = await admin.get(`/admin/stipends/${period}/sepa.xml`);
    expect(missing.status).to.equal(409);
    expect(missing.headers['content-type']).to.contain('text/html');
    expect(missing.text).to.contain('data-sepa-missing');
    const links = [...missing.text.matchAll(/data-missing="([^"]+)"/g)].map((m) => m[1]);
    // Everyone paid had an account when the month was finalised: only the organisation's are missing.
    expect(links).to.deep.equal(['/admin/settings#iban', '/admin/settings#bic']);
    expect(missing.text).not.to.contain('data-missing-bulk');
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { iban: ltIban('7044060001234567'), bic: 'CBVILT2X' } },
    );

    // An account removed after finalising: the file names who has none.
    await editRuta({ removeIban: 'on' });
    const noIban = await admin.get(`/admin/stipends/${period}/sepa.xml`);
    expect(noIban.status).to.equal(409);
    expect([...noIban.text.matchAll(/data-missing="([^"]+)"/g)].map((m) => m[1])).to.deep.equal([
      `/admin/participants/${ids.c}/edit#iban`,
    ]);
    expect(unescapeHtml(noIban.text)).to.contain('Rūta Čepė');
    expect(unescapeHtml(noIban.text)).to.contain(
      'href="/admin/participants/ibans?show=missing" data-missing-bulk',
    );
    await editRuta({ iban: ltIban('2140030000123456') });

    const res = await admin.get(`/admin/stipends/${period}/sepa.xml`).buffer(true).expect(200);
    const xml = res.text;
    expect(XMLValidator.validate(xml)).to.equal(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      isArray: (name) => name === 'CdtTrfTxInf',
    }).parse(xml);
    const init = doc.Document.CstmrCdtTrfInitn;
    const payees = expected.participants.filter((p) => p.totalCents > 0);
    const txs = init.PmtInf.CdtTrfTxInf as {
      Amt: { InstdAmt: { '#text': string; '@_Ccy': string } };
      Cdtr: { Nm: string };
      RmtInf: { Ustrd: string };
    }[];
    const cents = (s: string) => Number(s.replace('.', ''));
    expect(doc.Document['@_xmlns']).to.equal('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(init.GrpHdr.NbOfTxs).to.equal(String(payees.length));
    expect(txs).to.have.length(payees.length);
    expect(cents(init.GrpHdr.CtrlSum)).to.equal(expected.allocatedCents);
    expect(txs.reduce((s, tx) => s + cents(tx.Amt.InstdAmt['#text']), 0)).to.equal(expected.allocatedCents);
    for (const tx of txs) {
      expect(tx.Amt.InstdAmt['@_Ccy']).to.equal('EUR');
      expect(tx.Amt.InstdAmt['#text']).to.match(/^\d+\.\d{2}$/);
      expect(tx.RmtInf.Ustrd).to.equal(`Stipendija ${period}`);
    }
    expect(init.PmtInf.PmtMtd).to.equal('TRF');
    expect(init.PmtInf.Dbtr.Nm, 'transliterated into the SEPA Latin set').to.equal(
      'VsI Kretingos Dirbtuves Co',
    );
    expect(txs.map((tx) => tx.Cdtr.Nm).sort()).to.include('Ruta Cepe');
    expect(init.PmtInf.DbtrAgt.FinInstnId.BIC).to.equal('CBVILT2X');
    const { ok, report } = await xmllint(xml, await sepaXsd());
    expect(ok, report).to.equal(true);
  });

  it('marks the period paid once, on the given day, and the stipend liabilities come back to zero', async () => {
    const bad = await post('/paid', { paidOn: '2999-01-01', confirm: 'on' });
    expect(bad.status).to.equal(422);
    expectFieldError(bad.text, 'paidOn', 'period.errors.paidOnRange', { period });
    const notDate = await post('/paid', { paidOn: 'rytoj', confirm: 'on' });
    expect(notDate.status).to.equal(422);
    expectFieldError(notDate.text, 'paidOn', 'errors.date');
    const paidOn = `${period}-01`;
    for (const confirm of [{}, { confirm: '' }, { confirm: 'yes' }, { 'confirm[$ne]': 'x' }] as Record<
      string,
      string
    >[]) {
      const unconfirmed = await post('/paid', { paidOn, ...confirm });
      expect(unconfirmed.status, JSON.stringify(confirm)).to.equal(422);
      expectFieldError(unconfirmed.text, 'confirm', 'period.errors.confirmPaid');
      expect(unconfirmed.text, 'the date typed stays').to.contain(`value="${paidOn}"`);
    }
    expect(await StipendClaim.countDocuments({ step: 'paid' })).to.equal(0);
    expect(await JournalEntry.countDocuments({ kind: 'stipends_paid' })).to.equal(0);
    const pay = (await page()).text;
    expect(pay.indexOf('data-action="paid"'), 'the pay step comes before the figures').to.be.within(
      0,
      pay.indexOf('id="allocation"'),
    );

    // Two confirmations at once (a double click, two tabs): paid once, posted once.
    const confirmed = { paidOn, confirm: 'on' };
    const [p1, p2] = await Promise.all([post('/paid', confirmed), post('/paid', confirmed)]);
    expect([p1.status, p2.status]).to.deep.equal([303, 303]);
    const entries = await JournalEntry.find({ kind: 'stipends_paid' }).lean<JournalEntryDoc[]>();
    expect(entries).to.have.length(1);
    expect(balanced(entries[0]!)).to.equal(true);
    expect(entries[0]!.idempotencyKey).to.equal(`stipends:${period}:paid`);
    expect(entries[0]!.period).to.equal(period);
    const stipendLines = await JournalEntry.find({
      'lines.account': { $regex: '^liabilities:stipends:' },
    }).lean<JournalEntryDoc[]>();
    const net = new Map<string, number>();
    for (const e of stipendLines)
      for (const l of e.lines)
        if (l.account.startsWith('liabilities:stipends:'))
          net.set(l.account, (net.get(l.account) ?? 0) + l.debitCents - l.creditCents);
    expect([...net.values()].every((v) => v === 0)).to.equal(true);
    const res = await page();
    expect(res.text).to.contain(`data-paid-on="${paidOn}"`);
    expect(res.text).to.contain('data-state="paid"');
  });

  it('shows sales and stipends by month on the admin dashboard as an accessible chart with a table', async () => {
    const res = await admin.get('/admin').expect(200);
    expect(res.text).to.match(
      /<svg class="chart" id="chart-sales" role="img"[^>]*aria-labelledby="chart-sales-title chart-sales-desc"/,
    );
    expect(res.text).to.contain('<title id="chart-sales-title">');
    expect(res.text).not.to.match(/<svg[\s\S]*style=/);
    const sales = await JournalEntry.find({
      period,
      'lines.account': { $in: ['income:products', 'income:services'] },
    }).lean<JournalEntryDoc[]>();
    let net = 0;
    for (const e of sales)
      for (const l of e.lines)
        if (l.account === 'income:products' || l.account === 'income:services')
          net += l.creditCents - l.debitCents;
    const rows = [...res.text.matchAll(/<tr data-period="([^"]+)" data-cents="(-?\d+)">/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(rows.filter(([p]) => p === period)).to.deep.equal([
      [period, net],
      [period, expected.allocatedCents],
    ]);
    expect(rows).to.have.length(24);
  });
  it('refuses changes while a period is being finalised, and finalising a month that has not begun', async () => {
    const other = '2025-01';
    await StipendClaim.create({ _id: `${other}:closing`, period: other, step: 'closing', by: 'test' });
    try {
      const settings = await admin
        .post(`/admin/stipends/${other}/settings`)
        .type('form')
        .send({ _csrf: adminToken, poolShare: '70', baseAmount: '10', cap: '', workdays: '20' });
      expect(settings.status).to.equal(409);
      expectMessage(settings.text, 'period.errors.finalised', { period: other });
      const cost = await admin
        .post(`/admin/stipends/${other}/costs`)
        .type('form')
        .send({
          _csrf: adminToken,
          formKey: 'c'.repeat(32),
          amount: '1',
          description: 'x',
          paidOn: `${other}-02`,
        });
      expect(cost.status).to.equal(409);
      expect(await StipendPeriod.exists({ _id: other })).to.equal(null);
      expect(await StipendCost.exists({ period: other })).to.equal(null);
    } finally {
      await StipendClaim.deleteOne({ _id: `${other}:closing` });
    }
    const future = await admin
      .post('/admin/stipends/2999-01/finalise')
      .type('form')
      .send({ _csrf: adminToken, confirm: 'on' });
    expect(future.status).to.equal(409);
    expectMessage(future.text, 'period.errors.future', { period: '2999-01' });
    expect(await StipendClaim.exists({ period: '2999-01' })).to.equal(null);
  });

  it('shows the frozen figures even if the engine of today would compute others from the frozen input', async () => {
    const id = `${period}:finalised`;
    const original = (await StipendClaim.findById(id).lean())!.result as StipendResult;
    const altered = structuredClone(original);
    altered.participants[0]!.totalCents += 1;
    await StipendClaim.collection.updateOne({ _id: id as never }, { $set: { result: altered } });
    try {
      const res = await page();
      expect(res.text).to.contain('data-frozen-differs');
      expect(shownAllocation(res.text)[0]!.totalCents).to.equal(altered.participants[0]!.totalCents);
    } finally {
      await StipendClaim.collection.updateOne({ _id: id as never }, { $set: { result: original } });
    }
    expect((await page()).text).not.to.contain('data-frozen-differs');
  });
});
