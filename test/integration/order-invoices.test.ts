import { expect } from 'chai';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import { Order } from '../../src/orders/model.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import { Invoice, type InvoiceDoc } from '../../src/services/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { pdfText } from '../support/pdf-text.ts';
import { paidVaseOrder, vase } from '../support/paid-orders.ts';
import { checkoutInput, expectFieldError, expectMessage, formKeyFrom, lt } from './helpers.ts';
import { staffPost } from './services-support.ts';

const COMPANY = {
  companyName: 'UAB Dovanų namai',
  companyCode: '304555666',
  vatCode: 'LT100005556612',
  address: 'Tilžės g. 10',
  city: 'Šiauliai',
  postcode: '76211',
  country: 'LT',
};

describe('shop orders: a VAT invoice on request, and credit notes for refunds', () => {
  const t = useTestApp();
  let marketing: Agent;
  let productId: string;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Joniškio dirbtuvės',
          companyCode: '300999888',
          vatPayer: true,
          vatCode: 'LT100009998887',
          address: 'Žalioji g. 2',
          city: 'Joniškis',
          postcode: 'LT-84124',
          country: 'LT',
          iban: 'LT121000011101001000',
        },
      },
      { upsert: true },
    );
    marketing = await signInAs(t.app, 'marketing');
    productId = await vase(t.storage);
  });

  async function saveCompany(orderId: string, fields: Record<string, string>, status: number) {
    const page = (await marketing.get(`/admin/orders/${orderId}/invoice-request`).expect(200)).text;
    return staffPost(marketing, `/admin/orders/${orderId}/invoice-request`, csrfFrom(page), fields).expect(
      status,
    );
  }

  async function issue(orderId: string, status: number, confirm = true) {
    const page = await marketing.get(`/admin/orders/${orderId}/invoice`);
    const html = page.text;
    // The preview's one-time key when it offers the form; else a fresh one, as another page would send.
    const key: Record<string, string> = html.includes(`action="/admin/orders/${orderId}/invoice"`)
      ? { formKey: formKeyFrom(html, `/admin/orders/${orderId}/invoice`) }
      : {};
    return staffPost(marketing, `/admin/orders/${orderId}/invoice`, csrfFrom(html), {
      ...key,
      ...(confirm ? { confirm: '1' } : {}),
    }).expect(status);
  }

  const invoiceOf = (orderId: string) => Invoice.findOne({ orderId, kind: 'invoice' }).lean<InvoiceDoc>();

  it('refuses bad company details with clear messages and stores nothing', async () => {
    const orderId = await paidVaseOrder(t, productId);
    for (const [field, value, key] of [
      ['vatCode', 'LT12', 'errors.vatCode'],
      ['vatCode', 'DE1234', 'vat.errors.format'],
      ['vatCode', 'XX123456789', 'vat.errors.country'],
      ['companyCode', '12345', 'errors.companyCode'],
      ['postcode', '123', 'address.errors.postcodeLt'],
      ['address', '', 'errors.required'],
      ['country', 'Lietuva', 'address.errors.country'],
    ] as const) {
      const res = await saveCompany(orderId, { ...COMPANY, [field]: value }, 422);
      expectFieldError(res.text, field, key);
    }
    const order = await Order.findById(orderId).lean();
    expect(order!.invoiceRequest).to.equal(null);
  });

  it('takes the company details, previews the invoice and issues it once confirmed, in the invoice series', async () => {
    const orderId = await paidVaseOrder(t, productId, { quantity: 2 });
    const show = (await marketing.get(`/admin/orders/${orderId}`).expect(200)).text;
    expect(show).to.contain(`href="/admin/orders/${orderId}/invoice-request"`);
    const saved = await saveCompany(orderId, COMPANY, 303);
    expect(saved.headers.location).to.equal(`/admin/orders/${orderId}/invoice`);
    const stored = (await Order.findById(orderId).lean())!.invoiceRequest!;
    expect(stored.postcode).to.equal('LT-76211');
    expect(stored.vatCode).to.equal('LT100005556612');

    const preview = (await marketing.get(`/admin/orders/${orderId}/invoice`).expect(200)).text;
    expect(preview).to.contain('UAB Dovanų namai');
    expect(preview).to.contain('Tilžės g. 10, LT-76211 Šiauliai, Lietuva');
    expect(preview).to.contain('Keraminė vaza');
    // Without the confirmation nothing is issued.
    const refused = await issue(orderId, 422, false);
    expectMessage(refused.text, 'confirm.requiredIssue');
    expect(await invoiceOf(orderId)).to.equal(null);

    // Two clicks on the confirmation (one form, one key) issue one invoice.
    const html = (await marketing.get(`/admin/orders/${orderId}/invoice`).expect(200)).text;
    const confirmation = { formKey: formKeyFrom(html, `/admin/orders/${orderId}/invoice`), confirm: '1' };
    const clicks = await Promise.all([
      staffPost(marketing, `/admin/orders/${orderId}/invoice`, csrfFrom(html), confirmation),
      staffPost(marketing, `/admin/orders/${orderId}/invoice`, csrfFrom(html), confirmation),
    ]);
    expect(clicks.map((r) => r.status)).to.deep.equal([303, 303]);
    const invoice = (await invoiceOf(orderId))!;
    expect(invoice.source).to.equal('order');
    expect(invoice.series).to.equal('DRB');
    expect(invoice.issuedBy).to.not.equal('');
    expect(invoice.buyer!.name).to.equal('UAB Dovanų namai');
    expect(invoice.buyer!.city).to.equal('Šiauliai');
    expect(invoice.seller!.city).to.equal('Joniškis');
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unit])).to.deep.equal([
      ['Keraminė vaza', 2, 'H87'],
    ]);
    expect(invoice.totals!.grossCents).to.equal(7260);
    // Issued: the preview is gone, and another confirmation issues nothing more.
    await issue(orderId, 409);
    expect(await Invoice.countDocuments({ orderId })).to.equal(1);

    const page = (await marketing.get(`/admin/orders/${orderId}`).expect(200)).text;
    expect(page).to.contain(`/admin/service-invoices/${String(invoice._id)}/pdf`);
    const pdf = await marketing.get(`/admin/service-invoices/${String(invoice._id)}/pdf`).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).to.contain('PVM sąskaita faktūra');
    expect(text).to.contain(`Serija DRB Nr. ${String(invoice.number).padStart(6, '0')}`);
    expect(text).to.contain(`Užsakymas: ${invoice.reference}`);
    expect(text).to.contain('UAB Dovanų namai');
    expect(text).to.contain('Įmonės kodas: 304555666');
    expect(text).to.contain('PVM mokėtojo kodas: LT100005556612');
    expect(text).to.contain('Adresas: Tilžės g. 10, LT-76211 Šiauliai');
    expect(text).to.contain('Sąskaitą išrašė:');
    expect(text).to.match(/2 vnt\./);
    expect(text).not.to.contain('Company code');
    // The details cannot change under an issued invoice.
    const locked = await saveCompany(orderId, { ...COMPANY, companyName: 'Kita UAB' }, 409);
    expectMessage(locked.text, 'orderInvoice.errors.locked');
  });

  it('refuses to issue while the buyer has no address, with a link to the form that fixes it', async () => {
    const orderId = await paidVaseOrder(t, productId);
    // As the checkout may store it: a company without its address.
    await Order.updateOne(
      { _id: orderId },
      { $set: { invoiceRequest: { companyName: 'UAB Be adreso', companyCode: '304000111', country: 'LT' } } },
    );
    const preview = (await marketing.get(`/admin/orders/${orderId}/invoice`).expect(200)).text;
    expect(preview).to.contain('data-buyer-incomplete');
    expect(preview).to.contain(`href="/admin/orders/${orderId}/invoice-request"`);
    const res = await issue(orderId, 409);
    expect(res.text).to.contain(
      lt('invoice.errors.buyerIncomplete', { fields: 'gatvė ir namas, miestas, pašto kodas' }),
    );
    expect(res.text).to.contain(`href="/admin/orders/${orderId}/invoice-request" data-fix-link`);
    expect(await Invoice.countDocuments({ orderId })).to.equal(0);
  });

  it('does not take company details or issue an invoice for an unpaid order', async () => {
    const orderId = await paidVaseOrder(t, productId, { paid: false });
    const page = (await marketing.get(`/admin/orders/${orderId}/invoice-request`).expect(200)).text;
    expectMessage(page, 'orderInvoice.errors.notPaid');
    const res = await staffPost(
      marketing,
      `/admin/orders/${orderId}/invoice-request`,
      csrfFrom((await marketing.get(`/admin/orders/${orderId}`)).text),
      COMPANY,
    ).expect(409);
    expectMessage(res.text, 'orderInvoice.errors.notPaid');
    expect((await Order.findById(orderId).lean())!.invoiceRequest).to.equal(null);
    await issue(orderId, 409);
    expect(await Invoice.countDocuments({ orderId })).to.equal(0);
  });

  it('issues the matching credit note when the order is refunded, in part and then the rest', async () => {
    const orderId = await paidVaseOrder(t, productId, { quantity: 3 });
    await saveCompany(orderId, COMPANY, 303);
    await issue(orderId, 303);
    const invoice = (await invoiceOf(orderId))!;
    const refund = async (amount: string, reason: string) => {
      const html = (await marketing.get(`/admin/orders/${orderId}`).expect(200)).text;
      return staffPost(marketing, `/admin/orders/${orderId}/refund`, csrfFrom(html), {
        formKey: formKeyFrom(html, `/admin/orders/${orderId}/refund`),
        amount,
        reason,
      }).expect(303);
    };
    await refund('36,30', 'Sudužo viena vaza');
    let notes = await Invoice.find({ orderId, kind: 'credit_note' }).sort({ number: 1 }).lean<InvoiceDoc[]>();
    expect(notes).to.have.length(1);
    expect(notes[0]!.series).to.equal('KR');
    expect(notes[0]!.correctsInvoiceId!.toString()).to.equal(String(invoice._id));
    expect(notes[0]!.totals!.grossCents).to.equal(-3630);
    expect(notes[0]!.reason).to.equal('Sudužo viena vaza');
    await refund('72,60', 'Grąžinta visa');
    notes = await Invoice.find({ orderId, kind: 'credit_note' }).sort({ number: 1 }).lean<InvoiceDoc[]>();
    expect(notes.map((n) => n.totals!.grossCents)).to.deep.equal([-3630, -7260]);
    expect(notes.reduce((s, n) => s + n.totals!.grossCents, 0)).to.equal(-invoice.totals!.grossCents);
    const pdf = await marketing.get(`/admin/service-invoices/${String(notes[0]!._id)}/pdf`).expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).to.contain('Kreditinė PVM sąskaita faktūra');
    expect(text).to.contain(`Koreguojama sąskaita faktūra: DRB ${String(invoice.number).padStart(6, '0')}`);
    expect(text).to.contain('Koregavimo priežastis: Sudužo viena vaza');
    // The services' credit-note and payment actions do not apply to an order's documents.
    const token = csrfFrom((await marketing.get(`/admin/orders/${orderId}`)).text);
    const res = await staffPost(
      marketing,
      `/admin/service-invoices/${String(invoice._id)}/credit-notes`,
      token,
      {
        creditAmount: '1',
        creditReason: 'x',
      },
    );
    expect(res.status).to.be.oneOf([404, 409]);
    expect(await Invoice.countDocuments({ orderId, kind: 'credit_note' })).to.equal(2);
  });

  it('puts a courier fee on the invoice as a line at the rate it was charged', async () => {
    const order = await placeOrder({
      items: [{ productId, quantity: 1 }],
      form: checkoutInput({
        delivery: 'courier',
        address: 'Tilžės g. 10',
        city: 'Šiauliai',
        postcode: '76211',
      }),
      lang: 'lt',
      settings: await getSettings(),
      cardPaymentsEnabled: false,
    });
    const orderId = String(order._id);
    await markPaid(orderId, buildCommerce(t.config, pino({ level: 'silent' })).context('Staff'));
    await saveCompany(orderId, COMPANY, 303);
    await issue(orderId, 303);
    const invoice = (await invoiceOf(orderId))!;
    const delivery = invoice.lines[1]!;
    expect(delivery.description).to.equal(lt('orderInvoice.deliveryLine.courier'));
    expect(delivery.vatRateBps).to.equal(2100);
    expect(delivery.grossCents).to.equal(order.delivery!.grossCents);
    expect(invoice.totals!.grossCents).to.equal(order.totals!.grossCents);
  });

  it('writes the invoice of an English-speaking buyer in Lithuanian with English beside it', async () => {
    const orderId = await paidVaseOrder(t, productId, { lang: 'en', quantity: 1 });
    await saveCompany(orderId, COMPANY, 303);
    await issue(orderId, 303);
    const invoice = (await invoiceOf(orderId))!;
    const text = await pdfText(
      (await marketing.get(`/admin/service-invoices/${String(invoice._id)}/pdf`).expect(200)).body as Buffer,
    );
    expect(text.startsWith('PVM sąskaita faktūra\nVAT invoice\n')).to.equal(true);
    expect(text).to.contain('Įmonės kodas / Company code: 304555666');
  });

  it('writes the invoice of a foreign company in both languages, with its EU VAT code', async () => {
    const orderId = await paidVaseOrder(t, productId, { quantity: 1 });
    await saveCompany(
      orderId,
      {
        companyName: 'SIA Rīgas Dāvanas',
        companyCode: '40003012345',
        vatCode: 'LV40003012345',
        address: 'Brīvības iela 5',
        city: 'Rīga',
        postcode: 'LV-1010',
        country: 'LV',
      },
      303,
    );
    await issue(orderId, 303);
    const invoice = (await invoiceOf(orderId))!;
    expect(invoice.buyer!.country).to.equal('LV');
    const text = await pdfText(
      (await marketing.get(`/admin/service-invoices/${String(invoice._id)}/pdf`).expect(200)).body as Buffer,
    );
    expect(text).to.contain('PVM mokėtojo kodas / VAT code: LV40003012345');
    expect(text).to.contain('Latvija');
  });
});
