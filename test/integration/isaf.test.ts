import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import supertest from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { accountBalances } from '../../src/ledger/queries.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { issueCreditNote, issueInvoice, markInvoicePaid } from '../../src/services/invoices.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { signInAs, useTestApp, type Agent } from '../support/app.ts';
import { xmllint } from '../support/xmllint.ts';
import { expectMessage } from './helpers.ts';
import { completedJob, serviceContext } from './services-support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ISAF_XSD = path.join(ROOT, 'schemas/isaf/isaf_1.2.xsd');

const cents = (text: unknown) => Math.round(Number(text) * 100);
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

async function setVatPayer(vatPayer: boolean) {
  await SettingsModel.updateOne(
    { _id: 'organisation' },
    {
      $set: {
        legalName: 'VšĮ Joniškio dirbtuvės',
        companyCode: '300999888',
        vatPayer,
        vatCode: vatPayer ? 'LT100009998887' : '',
        address: 'Žalioji g. 2, Joniškis',
        iban: 'LT121000011101001000',
      },
    },
    { upsert: true },
  );
}

function download(agent: Agent, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => cb(null, data));
    });
}

describe('i.SAF: the month’s register of issued VAT invoices', function () {
  this.timeout(120_000);
  const t = useTestApp();
  let admin: Agent;
  const month = vilniusPeriod(new Date());

  before(async () => {
    await setVatPayer(true);
    admin = await signInAs(t.app, 'admin');
  });

  it('lists exactly the month’s 3 invoices and 1 credit note, valid against the kept i.SAF 1.2 schema, with the ledger’s totals', async () => {
    const ctx = serviceContext(t.config);
    const jobs = [await completedJob(ctx), await completedJob(ctx), await completedJob(ctx)];
    const invoices: InvoiceDoc[] = [];
    for (const job of jobs) invoices.push(await issueInvoice(String(job._id), ctx));
    const credit = await issueCreditNote(
      String(invoices[0]!._id),
      { amountCents: 1500, reason: 'Brokas' },
      ctx,
    );
    for (const inv of invoices) await markInvoicePaid(String(inv._id), { method: 'bank_transfer' }, ctx);
    // An invoice of another month is not listed.
    await Invoice.create({
      ...invoices[2],
      _id: undefined,
      number: 999,
      issueKey: 'old',
      issuedOn: '2020-01-15',
    });

    const res = await download(admin, `/admin/isaf/${month}.xml`).expect(200);
    expect(res.headers['content-type']).to.match(/^application\/xml/);
    expect(res.headers['content-disposition']).to.include(`isaf-${month}.xml`);
    const xml = res.body as string;

    const check = await xmllint(xml, ISAF_XSD);
    expect(check.ok, check.report).to.equal(true);
    // The kept schema does check: a document without its type, or with an unknown one, is refused.
    expect((await xmllint(xml.replace('<InvoiceType>SF</InvoiceType>', ''), ISAF_XSD)).ok).to.equal(false);
    expect((await xmllint(xml.replace('<InvoiceType>KS<', '<InvoiceType>XX<'), ISAF_XSD)).ok).to.equal(false);
    if (process.env.ISAF_DUMP) console.log(xml);

    const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
    const file = parsed.iSAFFile;
    expect(file['@_xmlns']).to.equal('http://www.vmi.lt/cms/imas/isaf');
    expect(file.Header.FileDescription.FileVersion).to.equal('iSAF1.2');
    expect(file.Header.FileDescription.RegistrationNumber).to.equal('300999888');
    expect(file.Header.FileDescription.SelectionCriteria.SelectionStartDate).to.equal(`${month}-01`);
    const docs = list(file.SourceDocuments.SalesInvoices.Invoice) as {
      InvoiceNo: string;
      InvoiceType: string;
      CustomerInfo: Record<string, string>;
      References: { Reference?: Record<string, string> };
      DocumentTotals: { DocumentTotal: Record<string, string> | Record<string, string>[] };
    }[];
    expect(docs.map((d) => d.InvoiceNo)).to.deep.equal([
      'DRB 000001',
      'DRB 000002',
      'DRB 000003',
      'KR 000001',
    ]);
    expect(docs.map((d) => d.InvoiceType)).to.deep.equal(['SF', 'SF', 'SF', 'KS']);
    expect(docs[3]!.References.Reference).to.deep.equal({
      ReferenceNo: 'DRB 000001',
      ReferenceDate: invoices[0]!.issuedOn,
    });
    expect(docs[0]!.CustomerInfo).to.deep.include({
      VATRegistrationNumber: 'LT100011112219',
      RegistrationNumber: '304111222',
      Country: 'LT',
      Name: 'UAB Pakuotė',
    });

    // Per document: its own totals; over the month: what the ledger holds for the month.
    const totals = docs.map((d) => list(d.DocumentTotals.DocumentTotal) as Record<string, string>[]);
    const all = [...invoices, credit];
    totals.forEach((rows, i) => {
      expect(rows.reduce((s, r) => s + cents(r.TaxableValue), 0)).to.equal(all[i]!.totals!.netCents);
      expect(rows.reduce((s, r) => s + cents(r.Amount), 0)).to.equal(all[i]!.totals!.vatCents);
    });
    expect(totals[0]!.map((r) => [r.TaxCode, r.TaxPercentage])).to.deep.equal([
      ['PVM1', '21'],
      ['PVM2', '9'],
    ]);
    const taxable = totals.flat().reduce((s, r) => s + cents(r.TaxableValue), 0);
    const vat = totals.flat().reduce((s, r) => s + cents(r.Amount), 0);
    const ledger = await accountBalances(month);
    const balance = (account: string) =>
      ledger.groups.flatMap((g) => g.accounts).find((a) => a.account === account)!.balanceCents;
    expect(taxable).to.equal(-balance('income:services'));
    expect(vat).to.equal(-balance('liabilities:vat'));
    expect(taxable).to.be.greaterThan(0);
  });

  it('refuses bad months with a clear message, and other roles', async () => {
    for (const bad of ['2026-13', 'abc', '2026-1', '0000-00']) {
      const res = await admin.get(`/admin/isaf/${bad}.xml`).expect(404);
      expectMessage(res.text, 'isaf.badMonth');
    }
    await admin.get(`/admin/isaf/${month}.csv`).expect(404);
    for (const role of ['marketing', 'master'] as const) {
      const agent = await signInAs(t.app, role);
      await agent.get(`/admin/isaf/${month}.xml`).expect(403);
    }
    const anonymous = await supertest(t.app).get(`/admin/isaf/${month}.xml`);
    expect(anonymous.status).to.be.oneOf([302, 303, 401]);
  });

  it('links the month’s file from the ledger balances of a VAT payer', async () => {
    const page = await admin.get(`/admin/ledger/balances?period=${month}`).expect(200);
    expect(page.text).to.include(`href="/admin/isaf/${month}.xml"`);
  });

  it('a workshop that is not a VAT payer gets a message and no file', async () => {
    await setVatPayer(false);
    try {
      const res = await admin.get(`/admin/isaf/${month}.xml`).expect(409);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      expectMessage(res.text, 'isaf.notVatPayer');
      const page = await admin.get(`/admin/ledger/balances?period=${month}`).expect(200);
      expect(page.text).not.to.include('/admin/isaf/');
    } finally {
      await setVatPayer(true);
    }
  });
});
