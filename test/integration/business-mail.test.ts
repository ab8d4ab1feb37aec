import { expect } from 'chai';
import { attachmentBytes } from '../../src/mail/attachments.ts';
import { formatCents } from '../../src/lib/money.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { csrfFrom, signInAs, useTestApp, type Agent } from '../support/app.ts';
import { plainSpaces, readPdf } from '../support/pdf-text.ts';
import { expectMessage, lt } from './helpers.ts';
import { expectLayout, mailsOf, quotedThroughPages, seedMailOrganisation, visible } from './mail-support.ts';
import { reload, submitValidRequest } from './services-support.ts';

describe('business e-mails and pages: the quote, the answer, what happens next', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    await seedMailOrganisation();
    marketing = await signInAs(t.app, 'marketing');
  });

  const quoted = (lang: Lang = 'lt') => quotedThroughPages(t.app, marketing, lang);

  describe('the quote e-mail', () => {
    for (const lang of ['lt', 'en'] as const) {
      it(`states the amount and the last valid day and attaches the quote PDF (${lang})`, async () => {
        const { request, quote } = await quoted(lang);
        const effectiveLang = lang;
        const [mail] = await mailsOf(request.reference, 'request.quote');
        expect(mail, 'a quote e-mail').to.not.equal(undefined);
        // The e-mail speaks the contact's language, amounts included.
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
        // The PDF is the document of a Lithuanian company to a Lithuanian buyer: Lithuanian first,
        // English alongside only for a contact who writes in English, amounts in the Lithuanian
        // format either way ("151,25 €", not "€151.25").
        expect(plainSpaces(pdf.text)).to.contain(plainSpaces(formatCents(15125, 'lt-LT')));
        expect(pdf.text).not.to.contain('€151.25');
        expect(pdf.text).to.contain(translate('lt', 'pdf.quote.title'));
        if (lang === 'en') expect(pdf.text).to.contain(translate('en', 'pdf.quote.title'));
        else expect(pdf.text).not.to.contain(translate('en', 'pdf.quote.title'));
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
        .get(`/admin/outbox/${id}/attachments/0`)
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
      await marketing.get(`/admin/outbox/${id}/attachments/1`).expect(404);
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
});
