import { expect } from 'chai';
import { pino } from 'pino';
import supertest from 'supertest';
import { attachmentBytes } from '../../src/mail/attachments.ts';
import { compileLayout, inLayout } from '../../src/mail/layout.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { formatCents } from '../../src/lib/money.ts';
import { Quote, ServiceRequest, type QuoteDoc, type ServiceRequestDoc } from '../../src/services/model.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { ORDER_MAIL_KINDS } from '../../src/mail/types.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { replaceLogo } from '../../src/settings/service.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { csrfFrom, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { plainSpaces, readPdf } from '../support/pdf-text.ts';
import { expectMessage, lt, pngImage, unescapeHtml } from './helpers.ts';
import {
  PDF_BYTES,
  postRequestForm,
  quoteForm,
  reload,
  requestFields,
  staffPost,
  submitValidRequest,
} from './services-support.ts';

const ORG = 'Kauno socialinės dirbtuvės';

/** The visible text of an e-mail's HTML: tags dropped, entities undone, spaces joined. */
function visible(html: string): string {
  return unescapeHtml(
    html
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&nbsp;/g, ' '),
  )
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** The checks every HTML e-mail passes: the layout's frame, language, no outside CSS or fonts. */
function expectLayout(html: string, lang: Lang, name = ORG): void {
  expect(html).to.match(/^<!doctype html>/i);
  expect(html).to.match(new RegExp(`<html lang="${lang}"`));
  expect(html).to.contain('prefers-color-scheme: dark');
  expect(html).not.to.match(/<script|<link\b|@import|fonts\.googleapis|url\(http/i);
  expect(visible(html)).to.contain(name);
  for (const img of html.match(/<img\b[^>]*>/g) ?? []) {
    expect(img, 'an image has alt text').to.match(/\balt="[^"]+"/);
    expect(img, 'an image is addressed absolutely').to.match(/\bsrc="https?:\/\//);
  }
}

async function mailsOf(reference: string, kind?: string): Promise<OutboxDoc[]> {
  return OutboxMessage.find({ reference, ...(kind ? { kind } : {}) })
    .sort({ createdAt: 1, _id: 1 })
    .lean<OutboxDoc[]>();
}

describe('business e-mails and pages: the quote, the answer, what happens next', () => {
  const t = useTestApp();
  let marketing: Agent;
  let admin: Agent;

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      {
        $set: {
          displayName: ORG,
          legalName: 'VšĮ Kauno socialinės dirbtuvės',
          email: 'info@dirbtuves.example.lt',
          phone: '+370 600 11111',
          address: 'Vytauto pr. 5, Kaunas',
        },
      },
      { upsert: true },
    );
    marketing = await signInAs(t.app, 'marketing');
    admin = await signInAs(t.app, 'admin');
  });

  /** A request from the form (with a PDF attached) in `lang`, quoted by staff through the pages; v1 sent. */
  async function quoted(lang: Lang = 'lt') {
    const agent = supertest.agent(t.app);
    if (lang === 'en') await agent.get('/lang/en').expect(303);
    const sent = await postRequestForm(agent, requestFields(), [{ name: 'planas.pdf', data: PDF_BYTES }]);
    expect(sent.status, sent.text.slice(0, 500)).to.equal(303);
    const token = /^\/requests\/([A-Za-z0-9_-]+)\?submitted=1$/.exec(String(sent.headers.location))![1];
    const request = (await ServiceRequest.findOne({ token }).lean<ServiceRequestDoc>())!;
    expect(request.contact?.lang ?? 'lt').to.equal(lang);
    const id = String(request._id);
    const csrf = await tokenFor(marketing, `/admin/requests/${id}`);
    const line = { description: 'Pakavimas', quantity: '10', unitPrice: '12,50', vatRate: '21' };
    await staffPost(
      marketing,
      `/admin/requests/${id}/quote`,
      csrf,
      quoteForm([line], { send: '1', leadTimeDays: '7' }),
    ).expect(303);
    const quote = (await Quote.findById(`${id}:v1`).lean<QuoteDoc>())!;
    return { agent, request: await reload(request._id), quote };
  }

  describe('the quote e-mail', () => {
    for (const lang of ['lt', 'en'] as const) {
      it(`states the amount and the last valid day and attaches the quote PDF (${lang})`, async () => {
        const { request, quote } = await quoted(lang);
        const effectiveLang = lang;
        const [mail] = await mailsOf(request.reference, 'request.quote');
        expect(mail, 'a quote e-mail').to.not.equal(undefined);
        const amount = formatCents(15125, effectiveLang === 'en' ? 'en-IE' : 'lt-LT');
        expect(quote.totals!.grossCents).to.equal(15125);
        const validUntil = new Intl.DateTimeFormat(effectiveLang === 'en' ? 'en-IE' : 'lt-LT', {
          timeZone: 'Europe/Vilnius',
          dateStyle: 'medium',
        }).format(new Date(`${quote.validUntil}T12:00:00Z`));

        // The text twin and the HTML state the same facts.
        for (const body of [mail!.text, visible(mail!.html)]) {
          expect(body).to.contain(amount);
          expect(body).to.contain(validUntil);
          expect(body).to.contain(translate(effectiveLang, 'request.mail.fact.validUntil'));
          expect(body).to.contain(translate(effectiveLang, 'request.mail.fact.total'));
          expect(body).to.contain(`${request.reference}-v1.pdf`);
        }
        expect(mail!.text).to.contain(`${t.config.publicUrl}/requests/${request.token}`);
        expect(mail!.html).to.contain(`href="${t.config.publicUrl}/requests/${request.token}"`);
        expect(mail!.text).to.contain(`${translate(effectiveLang, 'request.mail.fact.total')}: ${amount}`);
        expectLayout(mail!.html, effectiveLang);

        // The PDF goes with the message and stays in the outbox: the same quote, its total in it.
        expect(mail!.attachments).to.have.length(1);
        const file = mail!.attachments![0]!;
        expect(file.filename).to.equal(`${request.reference}-v1.pdf`);
        expect(file.contentType).to.equal('application/pdf');
        const pdf = await readPdf(attachmentBytes(file.content));
        expect(pdf.text).to.contain(request.reference);
        expect(plainSpaces(pdf.text)).to.contain(plainSpaces(amount));
      });
    }

    it('shows the attachment in the outbox and hands out the same bytes', async () => {
      const { request } = await quoted();
      const [mail] = await mailsOf(request.reference, 'request.quote');
      const id = String(mail!._id);
      const page = await marketing.get(`/admin/outbox/${id}`).expect(200);
      expect(page.text).to.contain(`${request.reference}-v1.pdf`);
      expect(page.text).to.contain(
        `<iframe class="mail-preview" src="/admin/outbox/${id}/html" sandbox="allow-same-origin"`,
      );
      const file = await marketing
        .get(`/admin/outbox/${id}/attachments/1`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(file.headers['content-type']).to.match(/^application\/pdf/);
      expect(file.headers['content-disposition']).to.match(/^attachment/);
      expect(Buffer.compare(file.body as Buffer, attachmentBytes(mail!.attachments![0]!.content))).to.equal(
        0,
      );
      await marketing.get(`/admin/outbox/${id}/attachments/2`).expect(404);
      await marketing.get(`/admin/outbox/${id}/attachments/x`).expect(404);
    });
  });

  describe('accepting or declining, then the page that says what happens next', () => {
    it('accepting leads to a page with the next steps; the business and the staff are e-mailed', async () => {
      const { agent, request } = await quoted();
      const page = await agent.get(`/requests/${request.token}`).expect(200);
      const res = await agent
        .post(`/requests/${request.token}/quotes/1/accept`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Rūta Pirkėja' })
        .expect(303);
      expect(res.headers.location).to.equal(`/requests/${request.token}/quotes/1/next`);

      const next = await agent.get(res.headers.location as string).expect(200);
      expect(next.text).to.contain('data-answer="accepted"');
      expectMessage(next.text, 'answer.heading.accepted');
      expectMessage(next.text, 'answer.mailSent', { email: 'ruta@pakuote.example' });
      expectMessage(next.text, 'request.next.accepted.schedule');
      expectMessage(next.text, 'request.next.accepted.work', { days: 7 });
      expectMessage(next.text, 'request.next.accepted.invoice');
      expect(next.text).to.contain(formatCents(15125, 'lt-LT'));
      expect(next.text).to.contain('Rūta Pirkėja');
      expect(next.text).to.contain(`href="/requests/${request.token}"`);
      expect(next.text).to.contain(`href="/requests/${request.token}/quotes/1/pdf"`);
      expect(next.headers['x-robots-tag']).to.equal('noindex');

      const [confirmation] = await mailsOf(request.reference, 'request.accepted');
      expect(confirmation, 'the confirmation to the business').to.not.equal(undefined);
      expect(confirmation!.to).to.equal('ruta@pakuote.example');
      for (const body of [confirmation!.text, visible(confirmation!.html)]) {
        expect(body).to.contain(
          lt('request.mail.accepted.body', { version: 1, reference: request.reference }),
        );
        expect(body).to.contain(formatCents(15125, 'lt-LT'));
        expect(body).to.contain(lt('request.next.accepted.schedule'));
        expect(body).to.contain('Rūta Pirkėja');
      }
      expectLayout(confirmation!.html, 'lt');

      const [staff] = await mailsOf(request.reference, 'staff.quoteAccepted');
      expect(staff, 'the staff notification').to.not.equal(undefined);
      for (const body of [staff!.text, visible(staff!.html)]) {
        expect(body).to.contain(lt('staffMail.quoteTotal', { amount: formatCents(15125, 'lt-LT') }));
      }
      expectLayout(staff!.html, 'lt');
      expect(staff!.text + staff!.html).not.to.contain(request.token);

      // Answering again changes nothing and sends nothing more.
      await agent
        .post(`/requests/${request.token}/quotes/1/accept`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), acceptedBy: 'Rūta Pirkėja' })
        .expect(409);
      expect(await mailsOf(request.reference, 'request.accepted')).to.have.length(1);
    });

    it('declining leads to its own next steps and a confirmation with the reason', async () => {
      const { agent, request } = await quoted('en');
      const page = await agent.get(`/requests/${request.token}`).expect(200);
      const res = await agent
        .post(`/requests/${request.token}/quotes/1/decline`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), reason: 'Too expensive for us' })
        .expect(303);
      expect(res.headers.location).to.equal(`/requests/${request.token}/quotes/1/next`);
      const next = await agent.get(res.headers.location as string).expect(200);
      expect(next.text).to.contain('data-answer="declined"');
      expect(next.text).to.contain('Too expensive for us');
      const lang: Lang = 'en';
      const [confirmation] = await mailsOf(request.reference, 'request.declined');
      expect(confirmation!.lang).to.equal(lang);
      for (const body of [confirmation!.text, visible(confirmation!.html)]) {
        expect(body).to.contain(translate(lang, 'request.next.declined.newQuote'));
        expect(body).to.contain('Too expensive for us');
      }
      expect(await mailsOf(request.reference, 'staff.quoteDeclined')).to.have.length(1);
    });

    it('refuses an acceptance without a name: the quote stays open, no page, no e-mail', async () => {
      const { agent, request } = await quoted();
      const page = await agent.get(`/requests/${request.token}`).expect(200);
      const res = await agent
        .post(`/requests/${request.token}/quotes/1/accept`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), acceptedBy: '   ' })
        .expect(422);
      expect(res.text).to.contain('aria-invalid="true"');
      expect((await reload(request._id)).state).to.equal('quoted');
      expect(await mailsOf(request.reference, 'request.accepted')).to.have.length(0);
      // The next-steps page of an unanswered quote leads back to the request page.
      const next = await agent.get(`/requests/${request.token}/quotes/1/next`).expect(303);
      expect(next.headers.location).to.equal(`/requests/${request.token}`);
      await agent.get(`/requests/${request.token}/quotes/9/next`).expect(404);
      await agent.get(`/requests/not-a-token/quotes/1/next`).expect(404);
    });
  });

  describe('the tracking page', () => {
    it('lists the files the business attached, each downloadable by the business only', async () => {
      const { agent, request } = await quoted();
      const page = await agent.get(`/requests/${request.token}`).expect(200);
      const file = request.attachments[0]!;
      expect(page.text).to.contain('data-attachments');
      expect(page.text).to.contain(`href="/requests/${request.token}/attachments/${file.key}"`);
      expect(page.text).to.contain('planas.pdf');
      expectMessage(page.text, 'track.attachments');
      const res = await agent.get(`/requests/${request.token}/attachments/${file.key}`).expect(200);
      expect(res.headers['content-disposition']).to.match(/^attachment; filename\*=UTF-8''planas\.pdf/);
      expect(res.headers['content-type']).to.equal('application/pdf');
      await agent.get(`/requests/${request.token}/attachments/${'0'.repeat(32)}`).expect(404);
      await agent.get(`/requests/${request.token}/attachments/../../x`).expect(404);
      // Another request's token does not open this file.
      const other = await submitValidRequest(t.app);
      await agent.get(`/requests/${other.request.token}/attachments/${file.key}`).expect(404);
    });
  });

  describe('the logo', () => {
    it('heads every e-mail once uploaded: an absolute PNG address with the name as alt text', async () => {
      const page = await admin.get('/admin/settings/logo').expect(200);
      expect(page.text).to.contain('data-no-logo');
      const up = await admin
        .post(`/admin/settings/logo?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
        .attach('logo', await pngImage(400, 100, '#0b5cad'), 'logo.png')
        .expect(303);
      expect(up.headers.location).to.equal('/admin/settings/logo');
      const settings = await SettingsModel.findById('organisation').lean();
      expect(settings!.logoKey).to.match(/^branding\/[a-f0-9]{32}\.webp$/);

      const png = await admin.get('/mail-logo.png').expect(200);
      expect(png.headers['content-type']).to.equal('image/png');

      const { request } = await quoted();
      const [mail] = await mailsOf(request.reference, 'request.quote');
      const img = /<img\b[^>]*>/.exec(mail!.html)?.[0] ?? '';
      expect(img).to.match(
        new RegExp(`src="${t.config.publicUrl.replace(/[.]/g, '\\.')}/mail-logo\\.png\\?v&#x3D;[a-f0-9]{8}"`),
      );
      expect(img).to.contain(`alt="${ORG}"`);
      expectLayout(mail!.html, 'lt');

      // Marketing cannot change it; a file that is not a picture is refused and nothing changes.
      await marketing.get('/admin/settings/logo').expect(403);
      const again = await admin.get('/admin/settings/logo').expect(200);
      const bad = await admin
        .post(`/admin/settings/logo?_csrf=${encodeURIComponent(csrfFrom(again.text))}`)
        .attach('logo', Buffer.from('not a picture'), 'logo.png')
        .expect(422);
      expect(bad.text).to.contain('aria-invalid="true"');
      expect((await SettingsModel.findById('organisation').lean())!.logoKey).to.equal(settings!.logoKey);

      // Removed: the e-mails show the name again.
      await admin
        .post('/admin/settings/logo/remove')
        .type('form')
        .send({ _csrf: csrfFrom(again.text) })
        .expect(303);
      expect((await SettingsModel.findById('organisation').lean())!.logoKey).to.equal('');
      await admin.get('/mail-logo.png').expect(404);
    });
  });

  describe('every kind of e-mail in the layout, with the logo', () => {
    it('orders, business requests and staff e-mails all carry the logo, and each text twin states its facts', async () => {
      const since = new Date();
      await replaceLogo(t.storage, [
        { originalName: 'logo.png', buffer: await pngImage(300, 80, '#9c4221') },
      ]);
      const mailer = createMailer(
        { smtpUrl: undefined, mailFrom: undefined, publicUrl: t.config.publicUrl },
        { logger: pino({ level: 'silent' }) },
      );
      const organisation = { displayName: ORG, email: 'info@dirbtuves.example.lt', phone: '', address: '' };
      for (const kind of ORDER_MAIL_KINDS) {
        await mailer.sendOrderMail({
          kind,
          lang: 'lt',
          to: 'ona@example.test',
          order: {
            number: `L-2026-0000${ORDER_MAIL_KINDS.indexOf(kind)}`,
            customerName: 'Ona',
            statusUrl: `${t.config.publicUrl}/orders/x/tok`,
            lines: [{ title: 'Molinis puodelis', quantity: 2, grossCents: 2500 }],
            itemsGrossCents: 2500,
            deliveryMethod: 'pickup',
            deliveryGrossCents: 0,
            deliveryDetails: '',
            grossCents: 2500,
            vatCents: 0,
            paymentMethod: 'pay_at_pickup',
            organisation,
          },
        });
      }
      await mailer.settled();
      // A business request (received, to the business; requestReceived, to the staff), then quoted.
      await quoted();
      const mails = await OutboxMessage.find({ createdAt: { $gte: since } }).lean<OutboxDoc[]>();
      const kinds = new Set(mails.map((m) => m.kind));
      for (const k of [
        ...ORDER_MAIL_KINDS.map((k) => `order.${k}`),
        'request.received',
        'request.quote',
        'staff.requestReceived',
      ]) {
        expect(kinds, k).to.include(k);
      }
      for (const m of mails.filter((m) => kinds.has(m.kind))) {
        expectLayout(m.html, m.lang as Lang);
        expect(m.html, m.kind).to.match(/<img\b[^>]*src="[^"]*\/mail-logo\.png\?v&#x3D;[a-f0-9]{8}"[^>]*>/);
        expect(m.html, m.kind).to.match(new RegExp(`<img\\b[^>]*alt="${ORG}"`));
        expect(m.text, m.kind).not.to.match(/<[a-z]/i);
        expect(m.text.trim().length, m.kind).to.be.greaterThan(40);
        // The reference (order number or request) is in both twins.
        expect(m.text, m.kind).to.contain(m.reference);
        expect(visible(m.html), m.kind).to.contain(m.reference);
        if (m.kind.startsWith('order.')) {
          for (const body of [m.text, visible(m.html)])
            expect(body, m.kind).to.contain(formatCents(2500, 'lt-LT'));
        }
      }
    });
  });

  describe('the layout', () => {
    it('is compiled once and fills an e-mail in well under a few milliseconds', async () => {
      await compileLayout();
      const branding = { name: ORG, logoUrl: '', email: 'a@b.lt', phone: '', address: 'Kaunas' };
      const n = 500;
      const started = performance.now();
      for (let i = 0; i < n; i += 1) {
        await inLayout({ lang: 'lt', subject: `Tema ${i}`, contentHtml: `<p>${i}</p>`, branding });
      }
      const perMail = (performance.now() - started) / n;
      expect(perMail, `${perMail.toFixed(3)} ms per e-mail`).to.be.below(3);
    });

    it('escapes data in the frame: a name with markup stays text', async () => {
      const html = await inLayout({
        lang: 'en',
        subject: '<b>x</b>',
        contentHtml: '<p>ok</p>',
        branding: { name: '<img src=x onerror=alert(1)>', logoUrl: '', email: '', phone: '', address: '' },
      });
      expect(html).not.to.contain('<img src=x');
      expect(html).not.to.contain('<b>x</b>');
      expect(html).to.contain('&lt;img src&#x3D;x');
    });
  });
});
