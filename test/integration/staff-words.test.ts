import { expect } from 'chai';
import request from 'supertest';
import { ServiceEvent } from '../../src/services/model.ts';
import { acceptQuote } from '../../src/services/service.ts';
import { translate } from '../../src/web/i18n.ts';
import { signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { lt, unescapeHtml } from './helpers.ts';
import { textOf } from './page-forms.ts';
import { quoteForm, quotedRequest, serviceContext, staffPost, submittedRequest } from './services-support.ts';

/** What the staff read about a request: the timeline, the flash after a quote, the lead time. */
describe('request pages in words', () => {
  const t = useTestApp();
  let marketing: Agent;

  before(async () => {
    marketing = await signInAs(t.app, 'marketing');
  });

  async function newRequest() {
    const created = await submittedRequest(serviceContext(t.config, 'customer'));
    return String(created._id);
  }

  const timelineText = (html: string) =>
    textOf(/<section[^>]*aria-labelledby="timeline-heading"[\s\S]*?<\/section>/.exec(html)![0]);

  it('names the business’s contact, the e-mail sent and the quote version; shows no IP address', async () => {
    const ctx = serviceContext(t.config, 'Jonas Petraitis');
    const quoted = await quotedRequest(ctx);
    await acceptQuote(
      quoted.token,
      1,
      { name: 'Rūta Pirkėja', ip: '127.0.0.1' },
      serviceContext(t.config, 'customer'),
    );
    // An acceptance noted before the address was left out of the note.
    await ServiceEvent.create({
      requestId: quoted._id,
      claim: `${String(quoted._id)}:legacy`,
      kind: 'quote_accepted',
      by: 'customer',
      note: 'v1: Rūta Pirkėja (::ffff:127.0.0.1)',
      customer: true,
    });
    const page = await marketing.get(`/admin/requests/${String(quoted._id)}`).expect(200);
    const text = timelineText(page.text);
    expect(text).to.not.match(/127\.0\.0\.1|::ffff/);
    expect(text).to.not.match(/\bcustomer\b|request\.\w+|\bv1\b/);
    expect(text).to.contain(lt('workflow.by.customerNamed', { name: 'Rūta Pirkėja' }));
    expect(text).to.contain(lt('mailKind.request.quote'));
    expect(text).to.contain(`${lt('workflow.note.version', { version: 1 })}: Rūta Pirkėja`);
    expect(textOf(page.text)).to.not.match(/127\.0\.0\.1/);
    // The business's own page reads the same way.
    const track = await request(t.app).get(`/requests/${quoted.token}`).expect(200);
    expect(textOf(track.text)).to.not.match(/127\.0\.0\.1|::ffff|request\.\w+/);
  });

  it('says the request was submitted without repeating its state', async () => {
    const page = await marketing.get(`/admin/requests/${await newRequest()}`).expect(200);
    const text = textOf(page.text);
    expect(text).to.not.match(/Gauta\s+gauta/i);
    expect(text).to.contain(lt('requests.submittedAt', { date: '' }).trim());
  });

  it('says a quote saved and sent was sent, and one only saved was saved', async () => {
    for (const [send, key] of [
      ['1', 'quote.sentFlash'],
      [undefined, 'quote.saved'],
    ] as const) {
      const id = await newRequest();
      const token = await tokenFor(marketing, `/admin/requests/${id}`);
      const form = quoteForm(
        [{ description: 'Pakavimas', quantity: '2', unitPrice: '10,00', vatRate: '21' }],
        send ? { send } : {},
      );
      const res = await staffPost(marketing, `/admin/requests/${id}/quote`, token, form);
      expect(res.status, res.text.slice(0, 300)).to.equal(303);
      const page = await marketing.get(String(res.headers.location)).expect(200);
      const flash = [
        ...page.text.matchAll(/<div class="notice notice--success" role="status">([^<]*)<\/div>/g),
      ];
      expect(flash.map((m) => unescapeHtml(m[1]!))).to.deep.equal([lt(key)]);
    }
  });

  it('asks for the lead time in working days, as the quote PDF states it, in both languages', async () => {
    const page = await marketing.get(`/admin/requests/${await newRequest()}`).expect(200);
    expect(unescapeHtml(page.text)).to.contain(lt('quote.leadTime'));
    expect(lt('quote.leadTime')).to.match(/darbo dienomis/);
    expect(translate('lt', 'pdf.quote.leadTimeDays.other', { count: 10 })).to.match(/darbo dienų/);
    expect(translate('en', 'quote.leadTime')).to.match(/working days/);
    expect(translate('en', 'pdf.quote.leadTimeDays.other', { count: 10 })).to.match(/working days/);
  });
});
