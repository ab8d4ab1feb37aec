import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { forgetImpactCache } from '../../src/impact/service.ts';
import { shiftPeriod, vilniusPeriod } from '../../src/lib/dates.ts';
import { formatCents } from '../../src/lib/money.ts';
import { finalisePeriod, getFinalised } from '../../src/stipends/service.ts';
import { seedOrganisation } from '../e2e/support.ts';
import { csrfFrom, makeStaff, signIn, useTestApp, type Agent } from '../support/app.ts';
import { readCsv } from '../support/csv-reader.ts';
import { seedStatementsMonth, type StatementsMonth } from '../support/statements-month.ts';
import { unescapeHtml } from './helpers.ts';

const period = vilniusPeriod(new Date());
const quiet = shiftPeriod(period, -2);

/** The journal's own sums for a month, read here without the app's code. */
async function ledgerSums(p: string) {
  const entries = await mongoose.connection.collection('journal_entries').find({ period: p }).toArray();
  const net = (account: string, side: 'credit' | 'debit') =>
    entries
      .flatMap((e) => e.lines as { account: string; debitCents?: number; creditCents?: number }[])
      .filter((l) => l.account === account)
      .reduce(
        (s, l) =>
          s +
          (side === 'credit'
            ? (l.creditCents ?? 0) - (l.debitCents ?? 0)
            : (l.debitCents ?? 0) - (l.creditCents ?? 0)),
        0,
      );
  return {
    sales: net('income:products', 'credit') + net('income:services', 'credit'),
    stipends: net('expenses:stipends', 'debit'),
    materials: net('expenses:materials', 'debit'),
  };
}

function cell(html: string, p: string, name: string): string {
  const row = new RegExp(`<tr data-period="${p}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  const m = new RegExp(`data-cell="${name}">([^<]*)<`).exec(row);
  return unescapeHtml(m?.[1] ?? '').trim();
}

const lt = (cents: number) => formatCents(cents, 'lt-LT');

describe('public impact page and the project report', function () {
  this.timeout(180_000);
  const t = useTestApp();
  let admin: Agent;
  let month: StatementsMonth;

  before(async () => {
    await seedOrganisation();
    const creds = await makeStaff('admin');
    admin = await signIn(t.app, creds);
    month = await seedStatementsMonth(t.storage, t.config, period, { id: creds.id, name: 'Administratorė' });
    await finalisePeriod(quiet, { id: creds.id, role: 'admin', name: 'Administratorė' });
    forgetImpactCache();
  });

  it("shows a finalised month's figures equal to the journal to the cent", async () => {
    const res = await request(t.app).get('/impact').expect(200);
    expect(res.headers['set-cookie']).to.equal(undefined);
    const sums = await ledgerSums(period);
    expect(sums.sales).to.be.greaterThan(0);
    const fin = (await getFinalised(period))!;
    const people = fin.result.participants.filter((p) => p.totalCents > 0).length;
    expect(people).to.be.at.least(5);
    expect(sums.stipends).to.equal(fin.result.allocatedCents);
    expect(cell(res.text, period, 'sales')).to.equal(lt(sums.sales));
    expect(cell(res.text, period, 'stipends')).to.equal(lt(sums.stipends));
    expect(cell(res.text, period, 'materials')).to.equal(lt(sums.materials));
    expect(cell(res.text, period, 'people')).to.equal(String(people));
    expect(res.text).to.contain('role="img"');
    expect(res.text).to.contain('<caption>');
  });

  it('shows nothing of a month with fewer than 5 people paid, nor of a month not finalised', async () => {
    const res = await request(t.app).get('/impact').expect(200);
    expect(
      (await getFinalised(quiet))!.result.participants.filter((p) => p.totalCents > 0),
    ).to.have.length.below(5);
    expect(res.text).not.to.contain(`data-period="${quiet}"`);
    expect(res.text).not.to.contain(`data-period="${shiftPeriod(period, -1)}"`);
  });

  it('answers 404 to a year without figures or a malformed one, and reads in English and easy-read', async () => {
    for (const q of ['?year=1999', '?year=abc', '?year=20266', '?year[$ne]=1', '?month=2026-13'])
      expect((await request(t.app).get(`/impact${q}`)).status, q).to.equal(404);
    const en = await request(t.app).get('/impact').set('Cookie', 'lang=en').expect(200);
    expect(en.text).to.contain('What your purchase does');
    const easy = await request(t.app).get('/impact').set('Cookie', 'easy=1').expect(200);
    expect(easy.text).to.contain('Čia matote, kiek pardavėme.');
  });

  it('says on a product page how many people a purchase supports, linking to the page', async () => {
    const product = await mongoose.connection
      .collection('products')
      .findOne({ _id: new mongoose.Types.ObjectId(month.goods[0]) });
    const page = await request(t.app)
      .get(`/products/${String(product!.slug)}`)
      .expect(200);
    const fin = (await getFinalised(period))!;
    const people = fin.result.participants.filter((p) => p.totalCents > 0).length;
    expect(page.text).to.contain(`stipendiją gauna žmonių: ${people}.`);
    expect(page.text).to.contain('<a href="/impact">');
  });

  it('lets the administrator write the page text, refusing a text too long', async () => {
    const token = csrfFrom((await admin.get('/admin/reports').expect(200)).text);
    const long = await admin
      .post('/admin/reports/text')
      .type('form')
      .send({ _csrf: token, textLt: 'a'.repeat(1501), textEn: '' });
    expect(long.status).to.equal(422);
    expect(await mongoose.connection.collection('impact_text').countDocuments()).to.equal(0);
    await admin
      .post('/admin/reports/text')
      .type('form')
      .send({ _csrf: token, textLt: 'Dirbtuvėse dirba 16 žmonių.', textEn: 'Sixteen people work here.' })
      .expect(303);
    expect((await request(t.app).get('/impact').expect(200)).text).to.contain('Dirbtuvėse dirba 16 žmonių.');
    const marketing = await signIn(t.app, await makeStaff('marketing'));
    await marketing.get('/admin/reports').expect(403);
    await marketing.get(`/admin/reports/months.csv?from=${period}&to=${period}`).expect(403);
  });

  it('downloads the project report for a range of months, by code and without names', async () => {
    const from = shiftPeriod(period, -2);
    const res = await admin
      .get(`/admin/reports/months.csv?from=${from}&to=${period}`)
      .buffer(true)
      .expect(200);
    expect(res.headers['content-disposition']).to.contain(`projektas-menesiai-${from}-${period}.csv`);
    const doc = readCsv(res.text, ';');
    expect(doc.bom).to.equal(true);
    const header = doc.header;
    const rows = doc.rows;
    expect(header[0]).to.equal('Mėnuo');
    const current = rows.find((r) => r[0] === period)!;
    expect(current[1], 'served').to.equal('16');
    const sums = await ledgerSums(period);
    expect(current[header.indexOf('Pajamos iš viso')]).to.equal(
      (sums.sales / 100).toFixed(2).replace('.', ','),
    );
    expect(current[header.indexOf('Stipendijos')]).to.equal(
      (sums.stipends / 100).toFixed(2).replace('.', ','),
    );
    expect(rows.at(-1)![0]).to.equal('Iš viso');
    const people = await admin
      .get(`/admin/reports/people.csv?from=${from}&to=${period}`)
      .buffer(true)
      .expect(200);
    const list = readCsv(people.text, ';');
    expect(list.header[0]).to.equal('Dalyvio kodas');
    expect(list.rows).to.have.length(16);
    expect(list.rows[0]![0]).to.match(/^S-\d\d$/);
    expect(people.text).not.to.contain('Žukauskienė');
    expect(people.text).not.to.match(/LT\d{18}/);
    const machine = await admin
      .get(`/admin/reports/months.csv?from=${from}&to=${period}&format=machine`)
      .expect(200);
    expect(machine.text.split('\r\n')[0]).to.match(/^month,participants_served,/);
    const audit = await mongoose.connection
      .collection('participant_audit')
      .findOne({ context: `report:${from}..${period}` });
    expect(audit?.action).to.equal('list');
  });

  it('refuses a bad range with a message and sends no file', async () => {
    for (const q of [
      'from=2026-13&to=2026-11',
      'from=2026-11&to=2026-01',
      'from=2000-01&to=2026-11',
      'from=&to=',
      'from[$gt]=a&to=2026-01',
    ]) {
      const res = await admin.get(`/admin/reports/months.csv?${q}`);
      expect(res.status, q).to.equal(422);
      expect(res.headers['content-type']).to.contain('text/html');
    }
    const res = await admin.get('/admin/reports/months.csv?from=2026-11&to=2026-01');
    expect(unescapeHtml(res.text)).to.contain('Laikotarpis turi prasidėti ne vėliau, nei baigiasi');
    await admin.get('/admin/reports/other.csv?from=2026-01&to=2026-02').expect(404);
  });
});
