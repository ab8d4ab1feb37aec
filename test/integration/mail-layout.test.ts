import { expect } from 'chai';
import { pino } from 'pino';
import { formatCents } from '../../src/lib/money.ts';
import { compileLayout, inLayout } from '../../src/mail/layout.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { ORDER_MAIL_KINDS } from '../../src/mail/types.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { replaceLogo } from '../../src/settings/service.ts';
import type { Lang } from '../../src/web/i18n.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { pngImage } from './helpers.ts';
import {
  expectLayout,
  mailsOf,
  ORG,
  quotedThroughPages,
  seedMailOrganisation,
  visible,
} from './mail-support.ts';

describe('e-mail layout: the logo, every kind of e-mail, speed', () => {
  const t = useTestApp();
  let marketing: Agent;
  let admin: Agent;

  before(async () => {
    await seedMailOrganisation();
    marketing = await signInAs(t.app, 'marketing');
    admin = await signInAs(t.app, 'admin');
  });

  const quoted = (lang: Lang = 'lt') => quotedThroughPages(t.app, marketing, lang);

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
