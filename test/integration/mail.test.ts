import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import request from 'supertest';
import { formatCents } from '../../src/lib/money.ts';
import { createMailer, type MailerConfig, type QueueingMailer } from '../../src/mail/mailer.ts';
import { mailEn, mailLt } from '../../src/mail/messages.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { OUTBOX_HTML_CSP } from '../../src/mail/routes.ts';
import {
  ORDER_MAIL_KINDS,
  type OrderMail,
  type OrderMailKind,
  type OrderMailView,
} from '../../src/mail/types.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import type { Lang } from '../../src/web/i18n.ts';
import { signInAs, useTestApp, type Agent } from '../support/app.ts';
import { fakeSmtpServer } from '../support/smtp.ts';
import { pickupOrderEn, pickupOrderLt } from '../../src/orders/pickup-messages.ts';

const silent = pino({ level: 'silent' });
const PUBLIC_URL = 'https://parduotuve.example.lt';
const ORG_NAME = 'Kauno socialinės dirbtuvės';
const DICT: Record<Lang, Record<string, string>> = {
  lt: { ...mailLt, ...pickupOrderLt },
  en: { ...mailEn, ...pickupOrderEn },
};

/** The message of a key with {params} filled in, straight from the dictionaries. */
function msg(lang: Lang, key: string, params: Record<string, string> = {}): string {
  const m = DICT[lang][key];
  if (m === undefined) throw new Error(`no message ${key}`);
  return m.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** Amounts as each language writes them, spelled out so a formatting change is caught. */
const AMOUNTS: Record<Lang, Record<number, string>> = {
  lt: {
    1250: '12,50\u00a0€',
    2500: '25,00\u00a0€',
    4049: '40,49\u00a0€',
    299: '2,99\u00a0€',
    703: '7,03\u00a0€',
  },
  en: { 1250: '€12.50', 2500: '€25.00', 4049: '€40.49', 299: '€2.99', 703: '€7.03' },
};

function unescapeHtml(s: string): string {
  return s
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

let counter = 0;
function orderNumber(): string {
  counter += 1;
  return `T-2025-${String(counter).padStart(5, '0')}`;
}

function orderView(overrides: Partial<OrderMailView> = {}): OrderMailView {
  const number = overrides.number ?? orderNumber();
  return {
    number,
    customerName: 'Ona Petraitienė',
    statusUrl: `${PUBLIC_URL}/orders/${number}/tok3n-${counter}`,
    lines: [
      { title: 'Molinis puodelis', quantity: 2, grossCents: 2500 },
      { title: 'Bičių vaško žvakė', quantity: 1, grossCents: 1250 },
    ],
    itemsGrossCents: 3750,
    deliveryMethod: 'courier',
    deliveryGrossCents: 299,
    deliveryDetails: 'Laisvės al. 10, Kaunas',
    grossCents: 4049,
    vatCents: 703,
    paymentMethod: 'card',
    organisation: {
      displayName: ORG_NAME,
      email: 'info@dirbtuves.example.lt',
      phone: '+370 600 12345',
      address: 'Vytauto pr. 5, Kaunas',
    },
    ...overrides,
  };
}

const bankDetails = (number: string) => ({
  recipient: 'VšĮ Kauno dirbtuvės',
  iban: 'LT601010012345678901',
  reference: number,
  amountCents: 4049,
  dueAt: new Date('2025-03-14T10:00:00Z'),
});

/** The mailers of this file: their messages are read once the attempts they started are over. */
const mailers: QueueingMailer[] = [];
function mailerFor(config: MailerConfig): QueueingMailer {
  const mailer = createMailer(config, { logger: silent });
  mailers.push(mailer);
  return mailer;
}

async function outboxFor(reference: string): Promise<OutboxDoc[]> {
  await Promise.all(mailers.map((m) => m.settled()));
  return OutboxMessage.find({ reference }).sort({ createdAt: 1 }).lean<OutboxDoc[]>();
}

async function onlyOutbox(reference: string): Promise<OutboxDoc> {
  const found = await outboxFor(reference);
  expect(found, `outbox messages for ${reference}`).to.have.length(1);
  return found[0]!;
}

const storeOnly: MailerConfig = { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL };

describe('mail', () => {
  const t = useTestApp();

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { displayName: ORG_NAME, legalName: 'VšĮ Kauno socialinės dirbtuvės' } },
      { upsert: true },
    );
  });

  describe('order e-mails in the outbox (no SMTP)', () => {
    const mailer = mailerFor(storeOnly);

    const subjectKeys: Record<OrderMailKind, string> = {
      received: 'mail.subject.received',
      paid: 'mail.subject.paid',
      ready: 'mail.subject.shipped', // the default view is delivered by courier
      cancelled: 'mail.subject.cancelled',
      refunded: 'mail.subject.refunded',
      link: 'mail.subject.link',
    };
    const introKeys: Record<OrderMailKind, string> = {
      received: 'mail.received.intro',
      paid: 'mail.paid.intro',
      ready: 'mail.ready.courierIntro',
      cancelled: 'mail.cancelled.intro',
      refunded: 'mail.refunded.intro',
      link: 'mail.link.intro',
    };

    for (const kind of ORDER_MAIL_KINDS) {
      for (const lang of ['lt', 'en'] as const) {
        it(`stores "${kind}" in ${lang} with the number, the link, the lines and the amounts`, async () => {
          const order = orderView(kind === 'refunded' ? { refundCents: 1250, refundedTotalCents: 2500 } : {});
          await mailer.sendOrderMail({ kind, lang, to: 'ona@example.test', order });
          const m = await onlyOutbox(order.number);

          expect(m.status).to.equal('stored');
          expect(m.kind).to.equal(`order.${kind}`);
          expect(m.lang).to.equal(lang);
          expect(m.to).to.equal('ona@example.test');
          expect(m.from).to.equal(`${ORG_NAME} <no-reply@parduotuve.example.lt>`);
          expect(m.subject).to.equal(msg(lang, subjectKeys[kind], { number: order.number }));
          expect(m.sentAt).to.equal(null);
          expect(m.createdAt).to.be.instanceOf(Date);

          const other = lang === 'lt' ? 'en' : 'lt';
          expect(m.subject).not.to.equal(msg(other, subjectKeys[kind], { number: order.number }));

          for (const body of [m.text, m.html]) {
            expect(body).to.contain(order.number);
            expect(body).to.contain(order.statusUrl);
            expect(body).to.contain(msg(lang, 'mail.greeting', { name: 'Ona Petraitienė' }));
            expect(body).to.contain('Molinis puodelis');
            expect(body).to.contain('Bičių vaško žvakė');
            for (const cents of [2500, 1250, 4049, 299, 703]) {
              expect(body, `${cents} in ${lang}`).to.contain(AMOUNTS[lang][cents]);
              expect(body).to.contain(formatCents(cents, lang === 'lt' ? 'lt-LT' : 'en-IE'));
            }
            expect(body).to.contain(msg(lang, 'mail.totalWithVat'));
            expect(body).to.contain('Laisvės al. 10, Kaunas');
            expect(body).to.contain('info@dirbtuves.example.lt');
            expect(body).to.contain('+370 600 12345');
            expect(body).to.contain(ORG_NAME);
            expect(body).not.to.contain(msg(lang, 'mail.bank.iban'));
            expect(body).not.to.contain('LT601010012345678901');
          }
          const intro = msg(lang, introKeys[kind], {
            number: order.number,
            amount: AMOUNTS[lang][1250]!,
          });
          expect(m.text).to.contain(intro);
          expect(m.html).to.contain(intro);
          expect(m.text).to.contain(`× 2: ${AMOUNTS[lang][2500]}`);
          expect(m.html).to.match(/<a href="https:\/\/parduotuve\.example\.lt\/orders\//);
          expect(m.html).to.contain(`">${msg(lang, 'mail.statusLinkText')}</a>`);
          expect(m.html).to.match(/^<!doctype html>/i);
          expect(m.html).to.match(new RegExp(`<html lang="${lang}"`));
          // The shared layout: the name in the header (no logo set), no scripts, no external CSS or fonts.
          expect(m.html).not.to.match(/<script|<img|<link|@import|fonts\.googleapis/i);
          expect(m.text).not.to.match(/<[a-z]/i);
          expect(m.text).not.to.contain('{{');
          expect(m.text).not.to.match(/\{\w+\}/);
        });
      }
    }

    it('keeps the sender on one line when the stored display name has a line break in it', async () => {
      await SettingsModel.updateOne(
        { _id: 'organisation' },
        { $set: { displayName: 'Dirbtuvės\r\nBcc: visi@example.test' } },
      );
      try {
        const order = orderView({ number: '2026-09901' });
        await mailer.sendOrderMail({ kind: 'received', lang: 'lt', to: 'ona@example.test', order });
        const m = await onlyOutbox(order.number);
        expect(m.from).to.equal('Dirbtuvės Bcc: visi@example.test <no-reply@parduotuve.example.lt>');
      } finally {
        await SettingsModel.updateOne({ _id: 'organisation' }, { $set: { displayName: ORG_NAME } });
      }
    });

    for (const lang of ['lt', 'en'] as const) {
      it(`shows bank transfer details in "received" only for a bank transfer (${lang})`, async () => {
        const number = orderNumber();
        const order = orderView({ number, paymentMethod: 'bank_transfer', bank: bankDetails(number) });
        await mailer.sendOrderMail({ kind: 'received', lang, to: 'ona@example.test', order });
        const m = await onlyOutbox(number);
        const due = lang === 'lt' ? '2025-03-14' : '14 Mar 2025';
        for (const body of [m.text, m.html]) {
          expect(body).to.contain('VšĮ Kauno dirbtuvės');
          expect(body).to.contain('LT601010012345678901');
          expect(body).to.contain(msg(lang, 'mail.bank.iban'));
          expect(body).to.contain(msg(lang, 'mail.bank.reference'));
          expect(body).to.contain(due);
          expect(body).to.contain(
            msg(lang, 'mail.received.bankIntro', { amount: AMOUNTS[lang][4049]!, date: due }),
          );
        }
        expect(m.text).to.contain(`${msg(lang, 'mail.bank.iban')}: LT601010012345678901`);
        expect(m.text).to.contain(`${msg(lang, 'mail.bank.reference')}: ${number}`);
        expect(m.text).not.to.contain(msg(lang, 'mail.next.shipping'));
      });
    }

    it('leaves the bank details out of a card or pay-at-pickup order, and of later mails', async () => {
      const card = orderView({ paymentMethod: 'card' });
      await mailer.sendOrderMail({ kind: 'received', lang: 'lt', to: 'a@example.test', order: card });
      const cardMail = await onlyOutbox(card.number);
      expect(cardMail.text).not.to.contain(msg('lt', 'mail.bank.title'));
      expect(cardMail.text).to.contain(msg('lt', 'mail.next.shipping'));

      const paidNumber = orderNumber();
      const paid = orderView({
        number: paidNumber,
        paymentMethod: 'bank_transfer',
        bank: bankDetails(paidNumber),
      });
      await mailer.sendOrderMail({ kind: 'paid', lang: 'lt', to: 'a@example.test', order: paid });
      const paidMail = await onlyOutbox(paidNumber);
      expect(paidMail.text).not.to.contain('LT601010012345678901');
      expect(paidMail.html).not.to.contain('LT601010012345678901');
    });

    it('tells a pay-at-pickup customer they pay on pickup, and where to come when it is ready', async () => {
      for (const lang of ['lt', 'en'] as const) {
        const order = orderView({
          paymentMethod: 'pay_at_pickup',
          deliveryMethod: 'pickup',
          deliveryGrossCents: 0,
          deliveryDetails: '',
          itemsGrossCents: 4049,
        });
        await mailer.sendOrderMail({ kind: 'received', lang, to: 'a@example.test', order });
        await mailer.sendOrderMail({ kind: 'ready', lang, to: 'a@example.test', order });
        const [received, ready] = await outboxFor(order.number);
        // The order page says the same sentence (test/integration/pickup.test.ts).
        expect(received!.text).to.contain(msg(lang, 'pickupOrder.prepareThenPay'));
        expect(received!.html).to.contain(msg(lang, 'pickupOrder.prepareThenPay'));
        expect(received!.text).to.contain(
          `${msg(lang, 'mail.delivery')} (${msg(lang, 'mail.delivery.pickup')}): ${msg(lang, 'mail.free')}`,
        );

        expect(ready!.subject).to.equal(msg(lang, 'mail.subject.readyPickup', { number: order.number }));
        expect(ready!.text).to.contain(msg(lang, 'mail.ready.pickupIntro', { number: order.number }));
        expect(ready!.text).to.contain(
          msg(lang, 'mail.ready.pickupAddress', { address: 'Vytauto pr. 5, Kaunas' }),
        );
        expect(ready!.text).to.contain(msg(lang, 'mail.ready.payAtPickup', { amount: AMOUNTS[lang][4049]! }));
        expect(ready!.text).not.to.contain(msg(lang, 'mail.ready.courierIntro', { number: order.number }));
      }
    });

    it('says "shipped" for a courier and a parcel locker, not "ready for pickup"', async () => {
      const courier = orderView({ deliveryMethod: 'courier' });
      const locker = orderView({
        deliveryMethod: 'parcel_locker',
        deliveryDetails: 'Paštomatas „Akropolis“',
      });
      await mailer.sendOrderMail({ kind: 'ready', lang: 'lt', to: 'a@example.test', order: courier });
      await mailer.sendOrderMail({ kind: 'ready', lang: 'en', to: 'a@example.test', order: locker });
      const c = await onlyOutbox(courier.number);
      const l = await onlyOutbox(locker.number);
      expect(c.subject).to.equal(`Užsakymas ${courier.number} išsiųstas`);
      expect(c.text).to.contain(msg('lt', 'mail.ready.courierIntro', { number: courier.number }));
      expect(c.text).not.to.contain(msg('lt', 'mail.ready.pickupIntro', { number: courier.number }));
      expect(l.subject).to.equal(`Order ${locker.number} has been shipped`);
      expect(l.text).to.contain(msg('en', 'mail.ready.lockerIntro', { number: locker.number }));
      expect(l.text).to.contain(msg('en', 'mail.ready.deliverTo', { details: 'Paštomatas „Akropolis“' }));
    });

    it('gives this refund and the total refunded', async () => {
      const order = orderView({ refundCents: 1250, refundedTotalCents: 2500 });
      await mailer.sendOrderMail({ kind: 'refunded', lang: 'lt', to: 'a@example.test', order });
      const m = await onlyOutbox(order.number);
      expect(m.subject).to.equal(`Grąžinome pinigus už užsakymą ${order.number}`);
      expect(m.text).to.contain(`Grąžinome 12,50\u00a0€ už užsakymą ${order.number}.`);
      expect(m.text).to.contain('Iš viso už šį užsakymą grąžinta 25,00\u00a0€.');
      expect(m.html).to.contain('Iš viso už šį užsakymą grąžinta 25,00\u00a0€.');
    });

    it('writes Lithuanian and English as such', async () => {
      const order = orderView();
      await mailer.sendOrderMail({ kind: 'paid', lang: 'lt', to: 'a@example.test', order });
      await mailer.sendOrderMail({ kind: 'paid', lang: 'en', to: 'a@example.test', order });
      const [lt, en] = await outboxFor(order.number);
      expect(lt!.subject).to.equal(`Užsakymas ${order.number} apmokėtas`);
      expect(lt!.text).to.contain('Sveiki, Ona Petraitienė,');
      expect(lt!.text).to.contain('Iš viso su PVM: 40,49\u00a0€');
      expect(en!.subject).to.equal(`Payment received for order ${order.number}`);
      expect(en!.text).to.contain('Hello Ona Petraitienė,');
      expect(en!.text).to.contain('Total incl. VAT: €40.49');
    });

    it('escapes customer data in the HTML and does not link a non-web status URL', async () => {
      const order = orderView({
        customerName: '<script>alert(1)</script> & Co',
        lines: [{ title: '<img src=x onerror=alert(1)>', quantity: 1, grossCents: 3750 }],
        statusUrl: 'javascript:alert(1)',
      });
      await mailer.sendOrderMail({ kind: 'link', lang: 'en', to: 'a@example.test', order });
      const m = await onlyOutbox(order.number);
      expect(m.html).not.to.contain('<script>');
      expect(m.html).not.to.contain('<img');
      expect(m.html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
      expect(m.html).not.to.contain('href="javascript:');
      // Plain text is not HTML: nothing is escaped there.
      expect(m.text).to.contain('Hello <script>alert(1)</script> & Co,');
    });

    it('uses MAIL_FROM as the sender when it is set', async () => {
      const withFrom = mailerFor({ ...storeOnly, mailFrom: 'Dirbtuvės <labas@dirbtuves.example.lt>' });
      const order = orderView();
      await withFrom.sendOrderMail({ kind: 'received', lang: 'lt', to: 'a@example.test', order });
      expect((await onlyOutbox(order.number)).from).to.equal('Dirbtuvės <labas@dirbtuves.example.lt>');
    });

    it('stores a message sent through send() as given', async () => {
      await mailer.send({
        to: 'b@example.test',
        subject: 'Bandymas',
        text: 'Tekstas',
        html: '<p>Tekstas</p>',
        kind: 'test.plain',
        lang: 'en',
        reference: 'REF-PLAIN',
      });
      const m = await onlyOutbox('REF-PLAIN');
      expect(m).to.include({
        subject: 'Bandymas',
        text: 'Tekstas',
        kind: 'test.plain',
        lang: 'en',
        status: 'stored',
      });
    });
  });

  describe('delivery over SMTP', () => {
    it('records the error and a retry, and does not throw, when the server is unreachable', async () => {
      const mailer = mailerFor({ ...storeOnly, smtpUrl: 'smtp://127.0.0.1:1' });
      const order = orderView();
      const mail: OrderMail = { kind: 'received', lang: 'lt', to: 'ona@example.test', order };
      await mailer.sendOrderMail(mail); // resolves: a failed delivery must not fail the order
      const m = await onlyOutbox(order.number);
      expect(m.status).to.equal('retrying');
      expect(m.attempts).to.equal(1);
      expect(m.error).to.match(/ECONNREFUSED|connect/i);
      expect(m.sentAt).to.equal(null);
      expect(m.subject).to.equal(`Gavome jūsų užsakymą ${order.number}`);
      expect(m.text).to.contain(order.statusUrl);
    });

    it('records "sent" when the SMTP server accepts the message, and really sends it', async () => {
      const smtp = await fakeSmtpServer();
      try {
        const mailer = mailerFor({ ...storeOnly, smtpUrl: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true` });
        const order = orderView();
        await mailer.sendOrderMail({ kind: 'paid', lang: 'en', to: 'ona@example.test', order });
        const m = await onlyOutbox(order.number);
        expect(m.status).to.equal('sent');
        expect(m.error).to.equal('');
        expect(m.sentAt).to.be.instanceOf(Date);
        expect(m.messageId).to.match(/^<.+>$/);
        expect(smtp.received).to.have.length(1);
        const raw = smtp.received[0]!.replace(/\r\n[ \t]+/g, ' '); // unfolded headers
        expect(raw).to.match(/^To: ona@example\.test\r?$/m);
        expect(raw).to.match(/^Subject: Payment received for order T-2025-\d+\r?$/m);
        expect(raw).to.match(
          /^From: =\?UTF-8\?Q\?Kauno_socialin=C4=97s.*<no-reply@parduotuve\.example\.lt>\r?$/m,
        );
        expect(raw).to.contain('multipart/alternative');
        expect(raw).to.contain('text/html');
      } finally {
        await smtp.close();
      }
    });
  });

  describe('the outbox pages', () => {
    let marketing: Agent;
    let admin: Agent;
    let master: Agent;
    let message: OutboxDoc;
    const reference = 'PAGE-0001';

    before(async () => {
      const mailer = mailerFor(storeOnly);
      await mailer.sendOrderMail({
        kind: 'received',
        lang: 'lt',
        to: 'ona@example.test',
        order: orderView({ number: reference }),
      });
      message = await onlyOutbox(reference);
      marketing = await signInAs(t.app, 'marketing');
      admin = await signInAs(t.app, 'admin');
      master = await signInAs(t.app, 'master');
    });

    it('are open to marketing and admin', async () => {
      for (const agent of [marketing, admin]) {
        await agent.get('/admin/outbox').expect(200);
        await agent.get(`/admin/outbox/${String(message._id)}`).expect(200);
        await agent.get(`/admin/outbox/${String(message._id)}/html`).expect(200);
      }
    });

    it('are closed to a master (403) and send visitors to sign in', async () => {
      const id = String(message._id);
      for (const url of ['/admin/outbox', `/admin/outbox/${id}`, `/admin/outbox/${id}/html`]) {
        await master.get(url).expect(403);
        const res = await request(t.app).get(url).expect(303);
        expect(res.headers.location).to.equal(`/login?next=${encodeURIComponent(url)}`);
      }
    });

    it('lists the messages with their subjects, newest first', async () => {
      const res = await marketing.get('/admin/outbox').expect(200);
      expect(res.text).to.contain(`Gavome jūsų užsakymą ${reference}`);
      expect(res.text).to.contain(`href="/admin/outbox/${String(message._id)}"`);
      expect(res.text).to.contain('ona@example.test');
      expect(res.text).to.contain(mailLt['outbox.status.stored']);
      expect(res.text).to.contain('admin-nav');
    });

    it('filters by reference', async () => {
      const res = await marketing.get(`/admin/outbox?reference=${reference}`).expect(200);
      expect(res.text).to.contain(`Gavome jūsų užsakymą ${reference}`);
      expect(res.text).to.contain('Rastas 1 laiškas');
      const none = await marketing.get('/admin/outbox?reference=NO-SUCH').expect(200);
      expect(none.text).not.to.contain(`Gavome jūsų užsakymą ${reference}`);
      expect(none.text).to.contain(mailLt['outbox.empty']);
    });

    it('pages by 50, newest first, and falls back to page 1 for a bad page number', async () => {
      const base = Date.now() + 60_000;
      await OutboxMessage.insertMany(
        Array.from({ length: 55 }, (_, i) => ({
          to: 'x@example.test',
          from: 'x@example.test',
          subject: `Puslapiavimas ${String(i).padStart(2, '0')}`,
          text: 't',
          html: '',
          kind: 'test.paging',
          lang: 'lt',
          reference: 'PAGING',
          status: 'stored',
          createdAt: new Date(base + i * 1000),
        })),
      );
      const first = await marketing.get('/admin/outbox?reference=PAGING').expect(200);
      expect(first.text).to.contain('Puslapiavimas 54');
      expect(first.text).to.contain('Puslapiavimas 05');
      expect(first.text).not.to.contain('Puslapiavimas 04');
      expect(first.text.indexOf('Puslapiavimas 54')).to.be.lessThan(first.text.indexOf('Puslapiavimas 53'));
      const next = /rel="next" href="([^"]+)"/.exec(first.text)?.[1];
      expect(next && unescapeHtml(next)).to.equal('/admin/outbox?reference=PAGING&page=2');
      const second = await marketing.get('/admin/outbox?reference=PAGING&page=2').expect(200);
      expect(second.text).to.contain('Puslapiavimas 04');
      expect(second.text).to.contain('Puslapiavimas 00');
      expect(second.text).not.to.contain('Puslapiavimas 05');
      for (const bad of ['abc', '0', '-3', '1.5']) {
        const res = await marketing.get(`/admin/outbox?reference=PAGING&page=${bad}`).expect(200);
        expect(res.text, bad).to.contain('Puslapiavimas 54');
      }
    });

    it('shows one message: its headers and its text', async () => {
      const res = await admin.get(`/admin/outbox/${String(message._id)}`).expect(200);
      expect(res.text).to.contain(`Gavome jūsų užsakymą ${reference}`);
      expect(res.text).to.contain('ona@example.test');
      expect(res.text).to.contain(`${ORG_NAME} &lt;no-reply@parduotuve.example.lt&gt;`);
      expect(res.text).to.contain(msg('lt', 'mail.received.intro', { number: reference }));
      expect(res.text).to.contain(`href="/admin/outbox/${String(message._id)}/html"`);
      // The stored HTML is never part of the page.
      expect(res.text).not.to.contain(
        '<!doctype html>\n<html lang="lt">\n<head>\n<meta charset="utf-8">\n<meta name',
      );
      expect(res.text).not.to.contain('<caption>Užsakymas');
    });

    it('never puts stored markup into the message page', async () => {
      const evil = await OutboxMessage.create({
        to: 'x@example.test',
        from: 'x@example.test',
        subject: '<b>tema</b>',
        text: '<img src=x onerror=alert(1)>',
        html: '<script>alert(1)</script>',
        kind: 'test.evil',
        lang: 'lt',
        reference: 'EVIL',
        status: 'stored',
      });
      const res = await admin.get(`/admin/outbox/${String(evil._id)}`).expect(200);
      expect(res.text).not.to.contain('<img src=x');
      expect(res.text).not.to.contain('<script>alert(1)');
      expect(res.text).not.to.contain('<b>tema</b>');
      expect(res.text).to.contain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    });

    it('serves the HTML version on its own under a restrictive policy', async () => {
      const res = await marketing.get(`/admin/outbox/${String(message._id)}/html`).expect(200);
      expect(res.headers['content-security-policy']).to.equal(OUTBOX_HTML_CSP);
      expect(res.headers['content-security-policy']).to.equal(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; frame-ancestors 'self'",
      );
      expect(res.headers['content-disposition']).to.equal('inline');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['content-type']).to.match(/^text\/html/);
      expect(res.text).to.equal(message.html);
    });

    it('answers 404 for malformed and unknown ids', async () => {
      const unknown = new mongoose.Types.ObjectId().toHexString();
      for (const url of [
        '/admin/outbox/not-an-id',
        '/admin/outbox/123',
        `/admin/outbox/${unknown}`,
        '/admin/outbox/not-an-id/html',
        `/admin/outbox/${unknown}/html`,
        `/admin/outbox/${String(message._id).toUpperCase()}`,
      ]) {
        await admin.get(url).expect(404);
      }
    });
  });
});
