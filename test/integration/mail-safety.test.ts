import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { createMailer } from '../../src/mail/mailer.ts';
import { mailEn, mailLt } from '../../src/mail/messages.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import type { OrderMailView } from '../../src/mail/types.ts';
import type { ServiceRequestDoc } from '../../src/services/model.ts';
import { notifyBusiness } from '../../src/services/notify.ts';
import { useTestApp } from '../support/app.ts';

const PUBLIC_URL = 'https://parduotuve.example.lt';
const DICT = { lt: mailLt, en: mailEn } as const;

let counter = 0;
function orderView(overrides: Partial<OrderMailView>): OrderMailView {
  counter += 1;
  const number = `S-2025-${String(counter).padStart(5, '0')}`;
  return {
    number,
    customerName: 'Ona',
    statusUrl: `${PUBLIC_URL}/orders/tok3n${counter}`,
    lines: [{ title: 'Molinis puodelis', quantity: 1, grossCents: 1250 }],
    itemsGrossCents: 1250,
    deliveryMethod: 'courier',
    deliveryGrossCents: 0,
    deliveryDetails: 'Laisvės al. 10, Kaunas',
    grossCents: 1250,
    vatCents: 0,
    paymentMethod: 'card',
    organisation: { displayName: 'Dirbtuvės', email: '', phone: '', address: '' },
    ...overrides,
  };
}

/** The links of an HTML document: their address and their text. */
function links(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)].map((m) => ({
    href: m[1]!,
    text: m[2]!,
  }));
}

/** What a reader sees of the text: the invisible characters that keep words from linking dropped. */
const visible = (s: string) => s.replace(/\u200b/g, '');

describe('order e-mails show what the customer typed as plain text', () => {
  useTestApp();
  const mailer = createMailer(
    { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL },
    { logger: pino({ level: 'silent' }) },
  );
  after(() => mailer.settled());

  async function mailFor(lang: 'lt' | 'en', order: OrderMailView): Promise<OutboxDoc> {
    await mailer.sendOrderMail({ kind: 'received', lang, to: 'ona@example.test', order });
    return (await OutboxMessage.findOne({ reference: order.number }).lean<OutboxDoc>())!;
  }

  it('greets with the name cut to 60 characters with an ellipsis', async () => {
    const long = `Ona ${'Labai-Ilga-Pavardė-'.repeat(10)}Petraitienė`;
    const cut = `${long.slice(0, 59)}…`;
    expect(Array.from(cut)).to.have.length(60);
    for (const lang of ['lt', 'en'] as const) {
      const m = await mailFor(lang, orderView({ customerName: long }));
      const greeting = DICT[lang]['mail.greeting'].replace('{name}', cut);
      expect(m.text.split('\n')[0], lang).to.equal(greeting);
      expect(m.html).to.contain(`<p>${greeting}</p>`);
      expect(m.text + m.html).not.to.contain(long.slice(0, 60));
    }
  });

  it('keeps a short name whole and on one line', async () => {
    const m = await mailFor('lt', orderView({ customerName: '  Ona\n\tPetraitienė  ' }));
    expect(m.text.split('\n')[0]).to.equal('Sveiki, Ona Petraitienė,');
  });

  it('turns nothing the customer typed into a link: the only link is the order page, with a fixed label', async () => {
    const typed = [
      'https://evil.example/login',
      'http://192.168.0.1/x',
      'www.phish.lt',
      'evil.example/pay',
      'pinigai@evil.example',
    ];
    for (const lang of ['lt', 'en'] as const) {
      const order = orderView({
        customerName: `Ona ${typed.join(' ')}`.slice(0, 120),
        deliveryDetails: `Take it to ${typed.join(' ')}`,
      });
      const m = await mailFor(lang, order);
      expect(links(m.html), lang).to.deep.equal([
        { href: order.statusUrl, text: DICT[lang]['mail.statusLinkText'] },
      ]);
      for (const body of [m.html, m.text]) {
        for (const address of typed) {
          // Shown to the reader as typed (the name as far as it was kept) …
          if (visible(body).includes(address)) {
            // … but never as one word a mail program would make a link of.
            expect(body, `${lang}: ${address}`).not.to.contain(address);
          }
          expect(body).not.to.match(/https?:\/\/(evil|192)/);
          expect(body).not.to.match(/www\.phish/);
        }
        expect(visible(body)).to.contain('evil.example/pay');
      }
      expect(m.html).not.to.match(/href="(?!https:\/\/parduotuve\.example\.lt\/orders\/)/);
    }
  });
});

describe('business-request e-mails go through the same queue and show the name as plain text', () => {
  useTestApp();
  const mailer = createMailer(
    { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL },
    { logger: pino({ level: 'silent' }) },
  );
  after(() => mailer.settled());

  it('queues the e-mail of a quote once, greeting with a short, unlinked name and linking only the request page', async () => {
    const request = {
      _id: new mongoose.Types.ObjectId(),
      reference: 'P-2025-00077',
      token: 'requestToken0123456789ab',
      contact: {
        name: `UAB www.pirkite.lt ${'Ilgas-Pavadinimas-'.repeat(6)}`,
        email: 'b@example.test',
        lang: 'lt',
      },
    } as unknown as ServiceRequestDoc;
    const ctx = { by: 'Testas', mailer, publicUrl: PUBLIC_URL };
    await notifyBusiness(ctx, request, 'quote', { version: 1 });
    await notifyBusiness(ctx, request, 'quote', { version: 1 });
    await notifyBusiness(ctx, request, 'quote', { version: 2 });
    await mailer.settled();
    const mails = await OutboxMessage.find({ reference: 'P-2025-00077' })
      .sort({ createdAt: 1 })
      .lean<OutboxDoc[]>();
    expect(mails.map((m) => [m.kind, m.key, m.status])).to.deep.equal([
      ['request.quote', `request.quote:${String(request._id)}:1`, 'stored'],
      ['request.quote', `request.quote:${String(request._id)}:2`, 'stored'],
    ]);
    const m = mails[0]!;
    const greeting = m.text.split('\n')[0]!;
    expect(Array.from(visible(greeting.replace(/^Sveiki, |,$/g, '')))).to.have.length(60);
    expect(greeting).to.match(/…,$/);
    expect(m.text + m.html).not.to.contain('www.pirkite.lt');
    expect(visible(m.html)).to.contain('www.pirkite.lt');
    expect(links(m.html)).to.deep.equal([
      { href: `${PUBLIC_URL}/requests/requestToken0123456789ab`, text: 'Užklausos puslapis' },
    ]);
  });
});
