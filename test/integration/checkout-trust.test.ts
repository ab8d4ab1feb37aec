import { expect } from 'chai';
import request from 'supertest';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { storeTerminals } from '../../src/lockers/service.ts';
import { Order } from '../../src/orders/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { pngImage, productInput, publishedGood } from './helpers.ts';

const valid = {
  name: 'Ona Onaitė',
  email: 'ona@example.lt',
  phone: '+370 600 12345',
  delivery: 'pickup',
  payment: 'bank_transfer',
  terms: 'on',
};
const courier = { delivery: 'courier', address: 'Vilniaus g. 1', city: 'Kretinga', postcode: 'LT-97111' };
const company = {
  invoice: 'on',
  companyName: 'UAB Pavyzdys',
  companyCode: '302123456',
  vatCode: 'lt 100 001 234 567',
  invoiceAddress: 'Gedimino pr. 1',
  invoiceCity: 'Vilnius',
  invoicePostcode: '01103',
  invoiceCountry: 'LT',
};

/** The amount in the page's "to pay" line right before the order button. */
function totalBeforeButton(html: string): string {
  const review = html.slice(html.indexOf('class="checkout-review"'));
  expect(review.indexOf('id="checkout-total"')).to.be.lessThan(review.indexOf('type="submit"'));
  const m = /id="checkout-total"[^>]*>([^<]+)</.exec(review);
  return m![1]!.replace(/\u00a0/g, ' ');
}

describe('a checkout a buyer trusts: summary, delivery details, parcel lockers, VAT invoice, named errors', () => {
  const t = useTestApp();
  let mug: string;
  let vase: string;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: 'Dirbtuvės',
          legalName: 'VšĮ Dirbtuvės',
          vatPayer: true,
          defaultVatRateBps: 2100,
          courierFeeCents: 499,
          parcelLockerFeeCents: 299,
        },
      },
      { upsert: true },
    );
    const photo = { originalName: 'mug.png', buffer: await pngImage() };
    const product = await createProduct(
      productInput({
        titleLt: 'Puodelis',
        titleEn: 'Mug',
        slug: 'mug',
        sku: 'MUG',
        price: 1210,
        vatRate: 2100,
        stockQuantity: 99,
      }),
      [photo],
      t.storage,
      { pricesIncludeVat: true },
    );
    await publishProduct(String(product._id));
    mug = String(product._id);
    vase = await publishedGood(t.storage, {
      titleLt: 'Vaza',
      titleEn: 'Vase',
      slug: 'vase',
      sku: 'VASE',
      price: 2330,
      vatRate: 2100,
      stockQuantity: 99,
    });
    await storeTerminals(
      'omniva',
      [
        {
          terminalId: '10001',
          name: 'Akropolio paštomatas',
          address: 'Ozo g. 25',
          city: 'Vilnius',
          postcode: '08217',
        },
      ],
      { skipped: 0, source: 'demo', by: '' },
    );
    await storeTerminals(
      'dpd',
      [
        {
          terminalId: 'LT90002',
          name: 'DPD Pickup Mega',
          address: 'Islandijos pl. 32',
          city: 'Kaunas',
          postcode: '47446',
        },
      ],
      { skipped: 0, source: 'demo', by: '' },
    );
  });

  /** 2 mugs (24,20 €) and a vase (23,30 €): 47,50 € of goods. */
  async function cart(): Promise<{ agent: Agent; token: string; page: string }> {
    const agent = request.agent(t.app);
    let token = csrfFrom((await agent.get('/products/mug').expect(200)).text);
    await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: mug, quantity: 2 })
      .expect(303);
    await agent
      .post('/cart/add')
      .type('form')
      .send({ _csrf: token, productId: vase, quantity: 1 })
      .expect(303);
    const page = (await agent.get('/checkout').expect(200)).text;
    token = csrfFrom(page);
    return { agent, token, page };
  }

  const post = (agent: Agent, token: string, body: Record<string, string>) =>
    agent
      .post('/checkout')
      .type('form')
      .send({ ...body, _csrf: token });

  it('shows the lines with photos, each delivery with its total, the delivery area and per-method fieldsets', async () => {
    const { page } = await cart();
    expect(page).to.match(/<img class="summary-line__thumb" src="\/media\/[^"]+"/);
    expect(page).to.contain('Puodelis');
    expect(page).to.contain('Pristatome tik Lietuvoje.');
    // Pickup is chosen first: 47,50 €, VAT 8,24 €, and the same total before the button.
    expect(totalBeforeButton(page)).to.equal('47,50 €');
    expect(page).to.match(/data-summary="vat">8,24\s€/);
    // Each option carries its own fee, VAT and total (courier: 4,99 €, VAT 8,24 + 0,87, 52,49 €).
    expect(page).to.match(/value="courier"[^>]*data-fee="4,99\s€" data-vat="9,11\s€" data-total="52,49\s€"/);
    expect(page).to.match(/value="parcel_locker"[^>]*data-total="50,49\s€"/);
    expect(page).to.contain('data-for="courier"');
    expect(page).to.contain('data-for="parcel_locker"');
    // Network, then terminal: a group per network with its terminals.
    expect(page).to.match(
      /<optgroup label="Omniva" data-network="omniva">\s*<option value="omniva:10001">Akropolio paštomatas, Ozo g. 25, LT-08217 Vilnius</,
    );
    expect(page).to.contain('<script src="/static/js/checkout.js" defer></script>');
  });

  it('a courier order: the total before the button (52,49 €) is the stored total', async () => {
    const { agent, token } = await cart();
    // A first try without the terms: the page comes back with courier chosen and its total.
    const again = await post(agent, token, { ...valid, ...courier, terms: '' }).expect(422);
    const shown = totalBeforeButton(again.text);
    expect(shown).to.equal('52,49 €');
    const res = await post(agent, token, { ...valid, ...courier }).expect(303);
    const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
    const stored = new Intl.NumberFormat('lt-LT', { style: 'currency', currency: 'EUR' })
      .format(order!.totals!.grossCents / 100)
      .replace(/\u00a0/g, ' ');
    expect(stored).to.equal(shown);
    expect(order!.totals!.grossCents).to.equal(5249);
    expect(order!.totals!.vatCents).to.equal(911);
  });

  it('the error summary names each field and links to a real element, radio groups included', async () => {
    const { agent, token } = await cart();
    const res = await post(agent, token, {
      ...valid,
      name: '',
      delivery: 'drone',
      payment: 'bitcoin',
    }).expect(422);
    expect(res.text).to.contain('<a href="#name">Vardas ir pavardė: šis laukas privalomas.</a>');
    expect(res.text).to.match(/<a href="#delivery">Pristatymas: [^<]+<\/a>/);
    expect(res.text).to.match(/<a href="#payment">Apmokėjimas: [^<]+<\/a>/);
    for (const id of ['name', 'delivery', 'payment'])
      expect(res.text).to.match(new RegExp(`<input[^>]*id="${id}"`));
    expect(res.text).not.to.contain('data-field-label');
    const en = await post(agent.set('Cookie', 'lang=en'), token, { ...valid, email: '' });
    expect(en.status).to.equal(422);
    expect(en.text).to.contain('<a href="#email">E-mail: this field is required.</a>');
  });

  it('refuses bad locker and invoice input with a message naming the field, storing nothing', async () => {
    const { agent, token } = await cart();
    const count = await Order.countDocuments();
    const locker = { delivery: 'parcel_locker' };
    const cases: [Record<string, string>, string, string][] = [
      [
        { ...locker, lockerNetwork: '', locker: 'omniva:10001' },
        'lockerNetwork',
        'Paštomatų tinklas: pasirinkite paštomatų tinklą.',
      ],
      [{ ...locker, lockerNetwork: 'omniva', locker: '' }, 'locker', 'Paštomatas: pasirinkite paštomatą.'],
      [
        { ...locker, lockerNetwork: 'dpd', locker: 'omniva:10001' },
        'locker',
        'Paštomatas: šis paštomatas priklauso kitam tinklui',
      ],
      [
        { ...locker, lockerNetwork: 'omniva', locker: 'omniva:99999' },
        'locker',
        'Paštomatas: šio paštomato sąraše nebėra',
      ],
      [{ ...locker, lockerNetwork: 'omniva', locker: 'Vilnius, kažkur' }, 'locker', 'Paštomatas: '],
      [{ ...company, companyName: '' }, 'companyName', 'Įmonės pavadinimas: šis laukas privalomas.'],
      [{ ...company, companyCode: '' }, 'companyCode', 'Įmonės kodas: šis laukas privalomas.'],
      [
        { ...company, companyCode: '30212345' },
        'companyCode',
        'Įmonės kodas: lietuvos įmonės kodas – 9 skaitmenys.',
      ],
      [
        { ...company, vatCode: 'GB123456789' },
        'vatCode',
        'PVM mokėtojo kodas (jei yra): PVM kodas turi prasidėti ES šalies raidėmis',
      ],
      [{ ...company, vatCode: 'LT1234567' }, 'vatCode', 'PVM kodas neatitinka šalies formato'],
      [{ ...company, vatCode: 'LV12345678901' }, 'vatCode', 'PVM kodo šalis nesutampa su įmonės šalimi.'],
      [{ ...company, invoicePostcode: 'abc' }, 'invoicePostcode', 'Pašto kodas: '],
      [{ ...company, invoiceCountry: 'US' }, 'invoiceCountry', 'Šalis: '],
    ];
    for (const [change, field, message] of cases) {
      const res = await post(agent, token, { ...valid, ...change });
      expect(res.status, JSON.stringify(change)).to.equal(422);
      expect(res.text, field).to.contain(`<a href="#${field}">`);
      expect(res.text, field).to.contain(`id="${field}-error"`);
      expect(res.text, field).to.contain(message);
    }
    expect(await Order.countDocuments()).to.equal(count);
  });

  it('a parcel locker order keeps the network, the terminal id and a snapshot of its name and address', async () => {
    const { agent, token } = await cart();
    const res = await post(agent, token, {
      ...valid,
      delivery: 'parcel_locker',
      lockerNetwork: 'dpd',
      locker: 'dpd:LT90002',
    }).expect(303);
    const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
    expect(order!.delivery!.lockerPoint).to.deep.equal({
      network: 'dpd',
      terminalId: 'LT90002',
      name: 'DPD Pickup Mega',
      address: 'Islandijos pl. 32',
      city: 'Kaunas',
      postcode: '47446',
    });
    expect(order!.delivery!.locker).to.equal('DPD — DPD Pickup Mega, Islandijos pl. 32, LT-47446 Kaunas');
    expect(order!.totals!.grossCents).to.equal(4750 + 299);
    const page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).to.contain('DPD Pickup Mega, Islandijos pl. 32');
  });

  it('a VAT invoice request is stored (code normalised), shown to the buyer and to staff; unticked, nothing is kept', async () => {
    const { agent, token } = await cart();
    const res = await post(agent, token, { ...valid, ...company }).expect(303);
    const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
    expect(order!.invoiceRequest).to.deep.equal({
      companyName: 'UAB Pavyzdys',
      companyCode: '302123456',
      vatCode: 'LT100001234567',
      address: 'Gedimino pr. 1',
      city: 'Vilnius',
      postcode: '01103',
      country: 'LT',
    });
    const page = await agent.get(res.headers.location!).expect(200);
    expect(page.text).to.match(
      /data-invoice-request[\s\S]*UAB Pavyzdys[\s\S]*Įmonės kodas 302123456[\s\S]*PVM kodas LT100001234567[\s\S]*Gedimino pr. 1, 01103 Vilnius, Lietuva/,
    );
    const staff = await signInAs(t.app, 'marketing');
    const staffPage = await staff.get(`/admin/orders/${String(order!._id)}`).expect(200);
    expect(staffPage.text).to.match(
      /data-invoice-request[\s\S]*UAB Pavyzdys[\s\S]*302123456[\s\S]*LT100001234567/,
    );

    const second = await cart();
    const plain = await post(second.agent, second.token, { ...valid, ...company, invoice: '' }).expect(303);
    const without = await Order.findOne({ token: plain.headers.location!.split('/').pop() }).lean();
    expect(without!.invoiceRequest).to.equal(null);
  });

  it('easy-read numbers the steps', async () => {
    const { agent } = await cart();
    const page = await agent.set('Cookie', 'easy=1').get('/checkout').expect(200);
    for (const step of [
      '1. Ką perkate',
      '2. Kaip gausite',
      '3. Kaip mokėsite',
      '4. Patikrinkite ir užsakykite',
    ]) {
      expect(page.text).to.contain(step);
    }
  });
});
