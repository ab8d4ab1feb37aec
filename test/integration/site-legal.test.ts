import { expect } from 'chai';
import request from 'supertest';
import { OutboxMessage } from '../../src/mail/model.ts';
import { AccessibilityFeedback } from '../../src/site/model.ts';
import { removeOldFeedback, FEEDBACK_KEEP_DAYS } from '../../src/site/service.ts';
import { translate } from '../../src/web/i18n.ts';
import { csrfFrom, makeStaff, signIn, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { seedOrganisation } from '../e2e/support.ts';
import { expectFieldError, expectMessage, formKeyFrom, lt, unescapeHtml, waitFor } from './helpers.ts';

const PUBLIC_PAGES = [
  '/',
  '/catalogue',
  '/services',
  '/terms',
  '/returns',
  '/privacy',
  '/accessibility',
  '/orders/find',
];

describe('trust and law: accessibility statement and feedback, privacy notice, returns and withdrawal', function () {
  this.timeout(120_000);
  const t = useTestApp({ ATTACHMENTS_KEEP_DAYS: '45' });

  before(async () => {
    await seedOrganisation();
  });

  it('links the accessibility statement, privacy notice and returns from every public page, never the closed ODR platform', async () => {
    for (const path of PUBLIC_PAGES) {
      const res = await request(t.app).get(path).expect(200);
      for (const href of ['/accessibility', '/privacy', '/returns'])
        expect(res.text, `${path} links ${href}`).to.contain(`href="${href}"`);
      expect(res.text).to.contain(lt('footer.accessibility'));
      expect(res.text, path).to.not.match(/ec\.europa\.eu\/consumers\/odr/i);
      expect(res.text, path).to.match(/<meta name="description" content="[^"]+">/);
      expect(res.text, path).to.match(/<link rel="canonical" href="http:\/\/localhost:\d+\//);
    }
  });

  it('states WCAG 2.1 AA status, the known gaps and a feedback form, in Lithuanian, English and easy-read', async () => {
    const ltPage = await request(t.app).get('/accessibility').expect(200);
    expect(ltPage.text).to.contain('<h1>Prieinamumo deklaracija</h1>');
    expectMessage(ltPage.text, 'a11y.status');
    expectMessage(ltPage.text, 'a11y.gap2');
    expect(ltPage.text).to.contain('action="/accessibility#feedback"');
    const en = await request(t.app).get('/accessibility').set('Cookie', 'lang=en').expect(200);
    expect(en.text).to.contain('<h1>Accessibility statement</h1>');
    expect(unescapeHtml(en.text)).to.contain(translate('en', 'a11y.status'));
    const easy = await request(t.app).get('/accessibility').set('Cookie', 'easy=1').expect(200);
    expect(unescapeHtml(easy.text)).to.contain(translate('lt', 'a11y.status', {}, true));
    expect(translate('lt', 'a11y.status', {}, true)).to.not.equal(lt('a11y.status'));
  });

  it('tells what is kept, why and for how long, as the configuration says', async () => {
    const res = await request(t.app).get('/privacy').expect(200);
    expectMessage(res.text, 'privacy.keepAttachments', { days: 45 });
    expectMessage(res.text, 'privacy.keepFeedback', { days: FEEDBACK_KEEP_DAYS });
    expectMessage(res.text, 'privacy.rights');
    expect(res.text).to.contain('info@example.lt');
  });

  it('gives the 14-day withdrawal right with the model form (LT and EN) and the two exceptions', async () => {
    const res = await request(t.app).get('/returns').expect(200);
    const text = unescapeHtml(res.text);
    expect(text).to.contain('Pavyzdinė sutarties atsisakymo forma');
    expect(text).to.contain('(užpildykite ir grąžinkite šią formą, tik jeigu norite atsisakyti sutarties)');
    expect(text).to.contain('Kam: VšĮ Dirbtuvės Testas, Gedimino pr. 1, Vilnius, info@example.lt');
    expectMessage(res.text, 'returns.exceptionCustom');
    expectMessage(res.text, 'returns.exceptionPerishable');
    const en = unescapeHtml((await request(t.app).get('/returns').set('Cookie', 'lang=en').expect(200)).text);
    expect(en).to.contain(
      'I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*),',
    );
    expect(en).to.contain('Signature of consumer(s) (only if this form is notified on paper)');
    expect(en).to.contain('(*) Delete as appropriate.');
  });

  it('in easy-read, the returns page still names where to write and return, and keeps the form in its legal words', async () => {
    for (const lang of ['lt', 'en'] as const) {
      const res = await request(t.app).get('/returns').set('Cookie', `lang=${lang}; easy=1`).expect(200);
      const text = unescapeHtml(res.text);
      const contact = {
        name: 'VšĮ Dirbtuvės Testas',
        address: 'Gedimino pr. 1, Vilnius',
        email: 'info@example.lt',
        phone: '+37060000001',
      };
      expect(text, lang).to.contain(translate(lang, 'returns.how', contact, true));
      expect(translate(lang, 'returns.how', contact, true)).to.not.equal(
        translate(lang, 'returns.how', contact),
      );
      for (const value of Object.values(contact))
        expect(translate(lang, 'returns.how', contact, true), `${lang} ${value}`).to.contain(value);
      expect(text, lang).to.contain(translate(lang, 'returns.sendBack', { address: contact.address }, true));
      expect(text, lang).to.contain(translate(lang, 'returns.formNote', {}, true));
      for (const key of ['returns.form.instruction', 'returns.form.notice', 'returns.form.signature'])
        expect(text, `${lang} ${key}`).to.contain(translate(lang, key));
    }
    const easyLt = unescapeHtml(
      (await request(t.app).get('/returns').set('Cookie', 'easy=1').expect(200)).text,
    );
    expect(easyLt).to.contain('(užpildykite ir grąžinkite šią formą, tik jeigu norite atsisakyti sutarties)');
    const easyPrivacy = unescapeHtml(
      (await request(t.app).get('/privacy').set('Cookie', 'lang=en; easy=1').expect(200)).text,
    );
    expect(easyPrivacy).to.contain('Company code: 123456789.');
  });

  describe('the feedback form', () => {
    let marketing: { email: string; id: string };
    const agent = () => request.agent(t.app);

    before(async () => {
      marketing = await makeStaff('marketing');
    });

    async function open(a: Agent) {
      const page = await a.get('/accessibility').expect(200);
      return { csrf: csrfFrom(page.text), formKey: formKeyFrom(page.text, '/accessibility#feedback') };
    }

    const valid = {
      message: 'Paštomato sąrašo negaliu atidaryti klaviatūra.',
      page: 'Užsakymas',
      name: 'Ona',
      email: 'ona@example.lt',
    };

    it('refuses bad inputs with a message at the field, storing nothing', async () => {
      const a = agent();
      const { csrf, formKey } = await open(a);
      const cases: [Record<string, string>, string, string, Record<string, number>?][] = [
        [{ message: '' }, 'message', 'errors.required'],
        [{ message: '   ' }, 'message', 'errors.required'],
        [{ message: 'abc' }, 'message', 'errors.tooShort', { min: 5 }],
        [{ message: 'x'.repeat(4001) }, 'message', 'errors.tooLong', { max: 4000 }],
        [{ email: 'not-an-address' }, 'email', 'errors.email'],
        [{ page: 'p'.repeat(301) }, 'page', 'errors.tooLong', { max: 300 }],
      ];
      for (const [change, field, key, params] of cases) {
        const res = await a
          .post('/accessibility')
          .type('form')
          .send({ _csrf: csrf, formKey, ...valid, ...change })
          .expect(422);
        expectFieldError(res.text, field, key, params ?? {});
        expect(res.text).to.contain('class="error-summary"');
      }
      const noKey = await a
        .post('/accessibility')
        .type('form')
        .send({ _csrf: csrf, ...valid })
        .expect(422);
      expectMessage(noKey.text, 'forms.errors.formKey');
      const arrays = await a
        .post('/accessibility')
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&formKey=${formKey}&message=aaaaaa&message=bbbbbb`)
        .expect(422);
      expectFieldError(arrays.text, 'message', 'errors.invalid');
      await a
        .post('/accessibility')
        .type('form')
        .send({ formKey, ...valid })
        .expect(403);
      expect(await AccessibilityFeedback.countDocuments()).to.equal(0);
    });

    it('stores a message once, tells the staff by e-mail and shows it on the staff page', async () => {
      const a = agent();
      const { csrf, formKey } = await open(a);
      const sent = await a
        .post('/accessibility')
        .type('form')
        .send({ _csrf: csrf, formKey, ...valid })
        .expect(303);
      expect(sent.headers.location).to.equal('/accessibility?sent=1#feedback');
      const after = await a.get('/accessibility?sent=1').expect(200);
      expectMessage(after.text, 'a11y.sent');
      // A double click: the same form key is kept once.
      await a
        .post('/accessibility')
        .type('form')
        .send({ _csrf: csrf, formKey, ...valid })
        .expect(303);
      const stored = await AccessibilityFeedback.find().lean();
      expect(stored).to.have.length(1);
      expect(stored[0]).to.include({
        message: valid.message,
        page: valid.page,
        email: valid.email,
        lang: 'lt',
      });
      await waitFor('the staff e-mail', async () =>
        Boolean(await OutboxMessage.exists({ kind: 'staff.accessibilityFeedback', to: marketing.email })),
      );
      const mail = (await OutboxMessage.findOne({ kind: 'staff.accessibilityFeedback' }).lean())!;
      expect(mail.text).to.contain('klaviatūra');
      expect(mail.text).to.contain('/admin/accessibility-feedback');
      expect(await OutboxMessage.countDocuments({ kind: 'staff.accessibilityFeedback' })).to.equal(1);

      const staff = await signIn(t.app, { email: marketing.email, password: 'correct horse battery' });
      const list = await staff.get('/admin/accessibility-feedback').expect(200);
      expect(unescapeHtml(list.text)).to.contain(valid.message);
      const master = await signInAs(t.app, 'master');
      await master.get('/admin/accessibility-feedback').expect(403);
      const anonymous = await request(t.app).get('/admin/accessibility-feedback').expect(303);
      expect(anonymous.headers.location).to.match(/^\/login/);
    });

    it('deletes feedback after the kept days', async () => {
      const before = await AccessibilityFeedback.countDocuments();
      expect(before).to.be.greaterThan(0);
      expect(await removeOldFeedback()).to.equal(0);
      const later = new Date(Date.now() + (FEEDBACK_KEEP_DAYS + 1) * 24 * 3600_000);
      expect(await removeOldFeedback(later)).to.equal(before);
      expect(await AccessibilityFeedback.countDocuments()).to.equal(0);
    });

    it('limits how often one address can send it', async () => {
      const a = agent();
      const { csrf } = await open(a);
      let status = 0;
      for (let i = 0; i < 12 && status !== 429; i++) {
        const res = await a
          .post('/accessibility')
          .type('form')
          .send({ _csrf: csrf, formKey: 'f'.repeat(31) + (i % 10), ...valid });
        status = res.status;
      }
      expect(status).to.equal(429);
    });
  });
});
