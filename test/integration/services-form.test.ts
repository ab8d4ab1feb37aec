import { expect } from 'chai';
import request from 'supertest';
import sharp from 'sharp';
import { OutboxMessage } from '../../src/mail/model.ts';
import { storedBytes } from '../../src/services/attachments.ts';
import { ServiceRequest, StoredAttachment } from '../../src/services/model.ts';
import { useTestApp } from '../support/app.ts';
import { translate } from '../../src/web/i18n.ts';
import { expectFieldError, expectMessage, unescapeHtml } from './helpers.ts';
import { PDF_BYTES, dayFromToday, postRequestForm, requestFields } from './services-support.ts';

describe('service request form: bad inputs are refused and nothing is stored', () => {
  const t = useTestApp();

  async function refused(
    fields: Record<string, string>,
    files: { name: string; data: Buffer }[] = [],
  ): Promise<string> {
    const res = await postRequestForm(request.agent(t.app), fields, files);
    expect(res.status, res.text.slice(0, 500)).to.equal(422);
    expect(await ServiceRequest.countDocuments()).to.equal(0);
    expect(await StoredAttachment.countDocuments()).to.equal(0);
    expect(await OutboxMessage.countDocuments()).to.equal(0);
    return res.text;
  }

  it('needs a company code of 9 or 7 digits', async () => {
    const rest = requestFields();
    delete rest.companyCode;
    expectFieldError(await refused(rest), 'companyCode', 'errors.required');
    expectFieldError(
      await refused(requestFields({ companyCode: '12345' })),
      'companyCode',
      'errors.companyCode',
    );
    expectFieldError(
      await refused(requestFields({ companyCode: '30411122A' })),
      'companyCode',
      'errors.companyCode',
    );
  });

  it('refuses a bad e-mail, a bad VAT code and a date in the past', async () => {
    expectFieldError(await refused(requestFields({ email: 'not-an-email' })), 'email', 'errors.email');
    expectFieldError(await refused(requestFields({ vatCode: 'LT12' })), 'vatCode', 'errors.vatCode');
    expectFieldError(
      await refused(requestFields({ desiredOn: dayFromToday(-1) })),
      'desiredOn',
      'request.errors.dateInPast',
    );
    expectFieldError(
      await refused(requestFields({ desiredOn: '2026-02-30' })),
      'desiredOn',
      'request.errors.date',
    );
  });

  it('needs a positive whole quantity', async () => {
    expectFieldError(await refused(requestFields({ quantity: '-5' })), 'quantity', 'errors.wholeNumber');
    expectFieldError(await refused(requestFields({ quantity: '1.5' })), 'quantity', 'errors.wholeNumber');
    expectFieldError(await refused(requestFields({ quantity: '0' })), 'quantity', 'errors.numberRange');
  });

  it('says a description over the limit is too long, with the limit, in Lithuanian and English', async () => {
    // 4,001 letters; 9,000 Lithuanian letters (18 kB, past a 16 kB part); a 70,000-character paste.
    for (const description of ['a'.repeat(4001), 'ž'.repeat(9000), 'x'.repeat(70_000)]) {
      const html = await refused(requestFields({ description }));
      expectFieldError(html, 'description', 'errors.tooLong', { max: 4000 });
      expect(html, 'no other field is reported').to.not.contain(
        '<p class="field-error" id="quantity-error">',
      );
      expect(html).to.not.contain('id="attachments-error"');
    }
    const agent = request.agent(t.app);
    await agent.get('/lang/en').expect(303);
    const res = await postRequestForm(agent, requestFields({ description: 'ž'.repeat(9000) }));
    expect(res.status).to.equal(422);
    const m = /<p class="field-error" id="description-error">([^<]*)<\/p>/.exec(res.text);
    expect(unescapeHtml(m![1]!)).to.equal(translate('en', 'errors.tooLong', { max: 4000 }));
    expect(translate('en', 'errors.tooLong', { max: 4000 })).to.contain('4000');
    expect(await ServiceRequest.countDocuments()).to.equal(0);
  });

  it('refuses a service that is not on offer', async () => {
    expectFieldError(
      await refused(requestFields({ service: '0123456789abcdef01234567' })),
      'service',
      'errors.invalidChoice',
    );
  });

  it('refuses oversized, disguised and too many attachments', async () => {
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    let html = await refused(requestFields(), [{ name: 'didelis.pdf', data: big }]);
    expectMessage(html, 'request.errors.fileTooLarge', { max: 5 });

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    html = await refused(requestFields(), [{ name: 'saskaita.pdf', data: exe }]);
    expectMessage(html, 'request.errors.fileType', { name: 'saskaita.pdf' });

    const page = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    html = await refused(requestFields(), [{ name: 'planas.pdf', data: page }]);
    expectMessage(html, 'request.errors.fileType', { name: 'planas.pdf' });

    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, data: PDF_BYTES }));
    html = await refused(requestFields(), six);
    expectMessage(html, 'request.errors.tooManyFiles', { max: 5 });
  });

  it('ignores operator-injection keys and keeps the form text', async () => {
    const rest = requestFields();
    delete rest.companyName;
    const html = await refused({ ...rest, 'companyName[$ne]': 'x' });
    expectFieldError(html, 'companyName', 'errors.required');
    expect(html).to.contain('value="304111222"');
  });

  it('refuses a post without the form token', async () => {
    await request(t.app).post('/requests/new').field('companyName', 'X').expect(403);
    expect(await ServiceRequest.countDocuments()).to.equal(0);
  });

  it('refuses a broken picture, and stores a good one re-encoded, without what trailed it', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 0x41)]);
    expectMessage(
      await refused(requestFields(), [{ name: 'foto.jpg', data: broken }]),
      'request.errors.fileBroken',
      {
        name: 'foto.jpg',
      },
    );
    const payload = '<script>alert(1)</script>';
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#963' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'Slapta vieta' } } })
      .toBuffer();
    const res = await postRequestForm(request.agent(t.app), requestFields(), [
      { name: 'foto.jpeg', data: Buffer.concat([jpeg, Buffer.from(payload)]) },
    ]);
    expect(res.status).to.equal(303);
    const stored = await StoredAttachment.findOne().lean();
    const data = storedBytes(stored!.data);
    expect(stored!.mime).to.equal('image/jpeg');
    expect(data.toString('latin1')).to.not.contain(payload);
    expect(data.toString('latin1')).to.not.contain('Slapta vieta');
    expect((await sharp(data).metadata()).width).to.equal(40);
  });
});
