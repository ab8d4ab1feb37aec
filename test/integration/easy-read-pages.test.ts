import { expect } from 'chai';
import request from 'supertest';
import { CatalogueEntry, Product } from '../../src/catalog/model.ts';
import { formatCents } from '../../src/lib/money.ts';
import { Order } from '../../src/orders/model.ts';
import { issueInvoice } from '../../src/services/invoices.ts';
import { translate } from '../../src/web/i18n.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { lt, postMultipart, productIdFrom, publishedGood, unescapeHtml } from './helpers.ts';
import { completedJob, serviceContext, submitValidRequest } from './services-support.ts';

const EASY_LT = 'Puodelis iš molio. Jį padarėme rankomis.';
const EASY_EN = 'A cup made of clay. We made it by hand.';

/** An anonymous visitor with easy-read on (and English, when asked). */
function visitor(app: Parameters<typeof request.agent>[0], { easy = true, lang = 'lt' } = {}): Agent {
  const agent = request.agent(app);
  const cookies = [`lang=${lang}`, ...(easy ? ['easy=1'] : [])].join('; ');
  agent.set('Cookie', cookies);
  return agent;
}

const text = (html: string) => unescapeHtml(html);
/** The page's visible content: the head's sharing tags keep the standard description on purpose. */
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('easy-read on the public pages', () => {
  const t = useTestApp();
  let staff: Agent;
  let token: string;

  before(async () => {
    staff = await signInAs(t.app, 'marketing');
    token = await tokenFor(staff, '/admin/products/new');
  });

  const form = (overrides: Record<string, string> = {}) => ({
    kind: 'good',
    titleLt: 'Molinis puodelis',
    titleEn: 'Clay cup',
    descriptionLt: 'Rankomis žiestas 300 ml puodelis su glazūra.',
    descriptionEn: 'A hand-thrown 300 ml mug with a glaze.',
    easyDescriptionLt: EASY_LT,
    easyDescriptionEn: EASY_EN,
    slug: 'molinis-puodelis',
    sku: 'EASY-1',
    category: '',
    price: '14,00',
    vatRate: '0',
    stockMode: 'stock',
    stockQuantity: '4',
    leadTimeDays: '0',
    ...overrides,
  });

  describe("a product's easy-read description", () => {
    let id: string;

    before(async () => {
      const res = await postMultipart(staff, '/admin/products', token, form(), []);
      expect(res.status, text(res.text).slice(0, 300)).to.equal(303);
      id = productIdFrom(res);
      await staff.post(`/admin/products/${id}/publish`).type('form').send({ _csrf: token }).expect(303);
    });

    it('is kept from the staff form and shown again on the edit page', async () => {
      const stored = await Product.findById(id).lean();
      expect(stored!.easyDescription).to.deep.include({ lt: EASY_LT, en: EASY_EN });
      const edit = text((await staff.get(`/admin/products/${id}/edit`).expect(200)).text);
      expect(edit).to.contain(lt('fields.easyDescriptionLt'));
      expect(edit).to.match(new RegExp(`id="easyDescriptionLt"[^>]*>${EASY_LT}</textarea>`));
    });

    it('travels through the catalogue read model', async () => {
      const entry = await CatalogueEntry.findById(id).lean();
      expect(entry!.easyDescription).to.deep.include({ lt: EASY_LT, en: EASY_EN });
    });

    it('replaces the description on the product page in easy-read only, in the page language', async () => {
      const standard = text((await visitor(t.app, { easy: false }).get('/products/molinis-puodelis')).text);
      expect(standard).to.contain('Rankomis žiestas 300 ml puodelis');
      expect(standard).not.to.contain(EASY_LT);

      const easy = mainOf(text((await visitor(t.app).get('/products/molinis-puodelis').expect(200)).text));
      expect(easy).to.contain(EASY_LT);
      expect(easy).not.to.contain('Rankomis žiestas');
      expect(easy).to.contain(translate('lt', 'product.inStockCount', { count: 4 }, true));

      const english = mainOf(
        text((await visitor(t.app, { lang: 'en' }).get('/products/molinis-puodelis')).text),
      );
      expect(english).to.contain(EASY_EN);
      expect(english).not.to.contain(EASY_LT);
      expect(english).not.to.contain('hand-thrown');
    });

    it('shows on the catalogue card in easy-read only', async () => {
      const easy = text((await visitor(t.app).get('/catalogue').expect(200)).text);
      expect(easy).to.match(new RegExp(`<p class="card__easy">${EASY_LT}</p>`));
      const standard = text((await visitor(t.app, { easy: false }).get('/catalogue').expect(200)).text);
      expect(standard).not.to.contain(EASY_LT);
    });

    it('falls back to the standard description when a product has none', async () => {
      await publishedGood(t.storage, {
        titleLt: 'Vilnonės kojinės',
        slug: 'kojines',
        sku: 'EASY-2',
        descriptionLt: 'Megztos vilnonės kojinės.',
      });
      const easy = text((await visitor(t.app).get('/products/kojines').expect(200)).text);
      expect(easy).to.contain('Megztos vilnonės kojinės.');
      expect(easy).not.to.contain('data-easy-description');
    });

    it('refuses one that is too long, with a message, and stores nothing', async () => {
      const before = await Product.countDocuments();
      const res = await postMultipart(
        staff,
        '/admin/products',
        token,
        form({ sku: 'EASY-3', slug: 'easy-3', easyDescriptionLt: 'Žodis. '.repeat(200) }),
        [],
      );
      expect(res.status).to.equal(422);
      expect(text(res.text)).to.match(/id="easyDescriptionLt"[^>]*aria-invalid="true"/);
      expect(text(res.text)).to.contain(lt('errors.tooLong', { max: 1000 }));
      expect(await Product.countDocuments()).to.equal(before);
    });
  });

  describe('the buying journey', () => {
    let mug: string;

    before(async () => {
      mug = await publishedGood(t.storage, {
        titleLt: 'Puodelis',
        slug: 'puodelis',
        sku: 'EASY-MUG',
        price: 1650,
        stockQuantity: 5,
      });
    });

    async function cart(agent: Agent): Promise<string> {
      const page = await agent.get('/products/puodelis').expect(200);
      const token = csrfFrom(page.text);
      await agent
        .post('/cart/add')
        .type('form')
        .send({ _csrf: token, productId: mug, quantity: 2 })
        .expect(303);
      return csrfFrom((await agent.get('/checkout').expect(200)).text);
    }

    it('numbers the checkout steps in easy-read, not in the standard view', async () => {
      const steps = ['items', 'delivery', 'payment', 'review'].map((s) => `checkout.step.${s}`);
      const easy = visitor(t.app);
      await cart(easy);
      const page = text((await easy.get('/checkout').expect(200)).text);
      steps.forEach((key, i) => {
        expect(translate('lt', key, {}, true)).to.match(new RegExp(`^${i + 1}\\. `));
        expect(page).to.contain(translate('lt', key, {}, true));
      });
      expect(page).to.contain(translate('lt', 'checkout.contacts', {}, true));

      const standard = visitor(t.app, { easy: false });
      await cart(standard);
      const plain = text((await standard.get('/checkout').expect(200)).text);
      for (const key of steps) expect(plain).not.to.contain(translate('lt', key, {}, true));
      expect(plain).to.contain(lt('checkout.contacts'));
    });

    it('says what is wrong in easy words, and stores nothing', async () => {
      const agent = visitor(t.app, { lang: 'en' });
      const token = await cart(agent);
      const before = await Order.countDocuments();
      const res = await agent
        .post('/checkout')
        .type('form')
        .send({ _csrf: token, name: '', email: 'nope', phone: '+370 600 12345', delivery: 'pickup' })
        .expect(422);
      const page = text(res.text);
      expect(page).to.contain(translate('en', 'form.errorSummary', {}, true));
      expect(page).to.contain(translate('en', 'errors.email', {}, true));
      expect(page).to.contain(translate('en', 'errors.termsRequired', {}, true));
      expect(page).not.to.contain(translate('en', 'errors.email'));
      expect(await Order.countDocuments()).to.equal(before);
    });

    it('gives the transfer as two short sentences: the amount, then the reference', async () => {
      for (const lang of ['lt', 'en'] as const) {
        const agent = visitor(t.app, { lang });
        const token = await cart(agent);
        const res = await agent
          .post('/checkout')
          .type('form')
          .send({
            _csrf: token,
            name: 'Ona Onaitė',
            email: 'ona@example.lt',
            phone: '+370 600 12345',
            delivery: 'pickup',
            payment: 'bank_transfer',
            terms: 'on',
          })
          .expect(303);
        const order = await Order.findOne({ token: res.headers.location!.split('/').pop() }).lean();
        const amount = formatCents(order!.totals!.grossCents, lang === 'lt' ? 'lt-LT' : 'en-IE');
        const reference = order!.payment!.reference!;
        const page = text((await agent.get(res.headers.location!).expect(200)).text);
        const expected =
          lang === 'lt'
            ? `Sumokėkite ${amount}. Mokėjimo paskirtyje parašykite ${reference}.`
            : `Pay ${amount}. Write ${reference} as the payment reference.`;
        expect(page, lang).to.contain(expected);
        expect(page).to.contain(translate(lang, 'orderState.pending_payment.explain', {}, true));
        // The standard view gives the same facts in its own words.
        const standard = text(
          (await request(t.app).get(res.headers.location!).set('Cookie', `lang=${lang}`).expect(200)).text,
        );
        expect(standard).not.to.contain(expected);
        expect(standard).to.contain(translate(lang, 'order.transferInstruction', { amount, reference }));
      }
    });
  });

  describe('the request form and the tracking page', () => {
    it('the form speaks easy-read', async () => {
      const page = text((await visitor(t.app).get('/requests/new').expect(200)).text);
      expect(page).to.contain(translate('lt', 'requests.formIntro', {}, true));
      expect(page).to.contain(translate('lt', 'requests.descriptionHint', {}, true));
      expect(page).not.to.contain(lt('requests.formIntro'));
    });

    it('the tracking page: what happens next, the quote and how to pay the invoice', async () => {
      const { agent, request: submitted } = await submitValidRequest(t.app);
      agent.set('Cookie', 'easy=1');
      const fresh = text((await agent.get(`/requests/${submitted.token}?submitted=1`).expect(200)).text);
      expect(fresh).to.contain(translate('lt', 'request.submittedText', {}, true));
      expect(fresh).to.contain(translate('lt', 'request.timeline', {}, true));

      const ctx = serviceContext(t.config);
      const done = await completedJob(ctx);
      await issueInvoice(String(done._id), ctx);
      const page = text((await visitor(t.app).get(`/requests/${done.token}`).expect(200)).text);
      expect(page).to.contain(translate('lt', 'quote.leadTime', {}, true));
      const payable = /<p>(Sumokėkite [^<]*)<\/p>/.exec(page);
      expect(payable, 'the invoice says how to pay in easy-read').to.not.equal(null);
      expect(payable![1]).to.match(
        /^Sumokėkite [\d\s,]+€\. Gavėjas: .+\. Sąskaita: .*\. Mokėjimo paskirtyje parašykite „[^“]+“\.$/,
        payable![1],
      );
      const standard = text((await request(t.app).get(`/requests/${done.token}`).expect(200)).text);
      expect(standard).not.to.contain('Sumokėkite');
      expect(standard).to.contain(lt('quote.leadTime'));
    });
  });
});
