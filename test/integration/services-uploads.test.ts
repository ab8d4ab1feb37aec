import { expect } from 'chai';
import request from 'supertest';
import { OutboxMessage } from '../../src/mail/model.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { translate } from '../../src/web/i18n.ts';
import { ServiceRequest, StoredAttachment } from '../../src/services/model.ts';
import { UploadQuota, reserveUploadQuota, usedUploadQuota } from '../../src/services/upload-quota.ts';
import { useTestApp } from '../support/app.ts';
import { expectFieldError, unescapeHtml } from './helpers.ts';
import { PDF_BYTES, postRequestForm, requestFields } from './services-support.ts';

const MB = 1024 * 1024;

/** A PDF (as file-type recognises it) of exactly `bytes` bytes. */
function pdfOf(bytes: number): Buffer {
  return Buffer.concat([PDF_BYTES, Buffer.alloc(bytes - PDF_BYTES.length, 0x20)]);
}

async function counts() {
  return {
    requests: await ServiceRequest.countDocuments(),
    files: await StoredAttachment.countDocuments(),
    mails: await OutboxMessage.countDocuments(),
  };
}

describe('service request form: attachments of one request are bounded in total', () => {
  const t = useTestApp();

  it('refuses files over 10 MB together, naming the limit, keeps what was typed and stores nothing', async () => {
    const files = [1, 2, 3].map((i) => ({ name: `brezinys-${i}.pdf`, data: pdfOf(4 * MB) }));
    const before = await counts();
    const res = await postRequestForm(request.agent(t.app), requestFields(), files);
    expect(res.status, res.text.slice(0, 300)).to.equal(422);
    expectFieldError(res.text, 'attachments', 'request.errors.totalTooLarge', { max: 10 });
    expect(res.text).to.contain('value="UAB Pakuotė"');
    expect(res.text).to.contain('Supakuoti 200 dovanų rinkinių');
    expect(await counts()).to.deep.equal(before);
    expect(await UploadQuota.countDocuments()).to.equal(0);
  });

  it('says so in English too', async () => {
    const agent = request.agent(t.app);
    await agent.get('/lang/en').expect(303);
    const files = [1, 2, 3].map((i) => ({ name: `drawing-${i}.pdf`, data: pdfOf(4 * MB) }));
    const res = await postRequestForm(agent, requestFields(), files);
    expect(res.status).to.equal(422);
    expect(unescapeHtml(res.text)).to.contain(translate('en', 'request.errors.totalTooLarge', { max: 10 }));
    expect(translate('en', 'request.errors.totalTooLarge', { max: 10 })).to.contain('10 MB');
  });

  it('accepts files up to the total', async () => {
    const before = await StoredAttachment.countDocuments();
    const files = [1, 2].map((i) => ({ name: `planas-${i}.pdf`, data: pdfOf(5 * MB) }));
    const res = await postRequestForm(request.agent(t.app), requestFields(), files);
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    expect(await StoredAttachment.countDocuments()).to.equal(before + 2);
  });
});

describe('service request form: a daily quota for all anonymous attachments', () => {
  // 1 MB a day here (ATTACHMENTS_DAY_MB), so a few small files reach it.
  const t = useTestApp({ ATTACHMENTS_DAY_MB: '1' });

  before(async () => {
    await SettingsModel.updateOne(
      { _id: 'organisation' },
      { $set: { displayName: 'Dirbtuvės', legalName: 'VšĮ Dirbtuvės', email: 'labas@dirbtuves.example' } },
      { upsert: true },
    );
  });

  it('accepts attachments until the day’s quota is used, then refuses them with the e-mail to write to', async () => {
    const file = { name: 'planas.pdf', data: pdfOf(400 * 1024) };
    for (let i = 0; i < 2; i++) {
      const ok = await postRequestForm(request.agent(t.app), requestFields(), [file]);
      expect(ok.status, ok.text.slice(0, 300)).to.equal(303);
    }
    expect(await usedUploadQuota()).to.equal(800 * 1024);

    const before = await counts();
    const res = await postRequestForm(request.agent(t.app), requestFields({ contactName: 'Jonas' }), [file]);
    expect(res.status).to.equal(422);
    expectFieldError(res.text, 'attachments', 'request.errors.dailyQuota', {
      email: 'labas@dirbtuves.example',
    });
    expect(res.text).to.contain('value="Jonas"');
    expect(await counts()).to.deep.equal(before);
    expect(await usedUploadQuota()).to.equal(800 * 1024);

    const en = request.agent(t.app);
    await en.get('/lang/en').expect(303);
    const refused = await postRequestForm(en, requestFields(), [file]);
    expect(refused.status).to.equal(422);
    expect(unescapeHtml(refused.text)).to.contain(
      translate('en', 'request.errors.dailyQuota', { email: 'labas@dirbtuves.example' }),
    );

    const easy = request.agent(t.app);
    await easy.get('/easy-read/on').expect(303);
    const plainWords = await postRequestForm(easy, requestFields(), [file]);
    expect(plainWords.status).to.equal(422);
    expect(unescapeHtml(plainWords.text)).to.contain(
      translate('lt', 'request.errors.dailyQuota', { email: 'labas@dirbtuves.example' }, true),
    );
    expect(await counts()).to.deep.equal(before);

    // Without attachments the request goes through.
    const plain = await postRequestForm(request.agent(t.app), requestFields(), []);
    expect(plain.status).to.equal(303);
    expect(await ServiceRequest.countDocuments()).to.equal(before.requests + 1);
  });

  it('counts exactly under concurrency: 20 reservations of 100 kB at once against 1 MB give 10', async () => {
    const day = new Date('2026-03-10T10:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => reserveUploadQuota(100 * 1024, MB, day)),
    );
    expect(results.filter(Boolean)).to.have.length(10);
    expect(await usedUploadQuota(day)).to.equal(10 * 100 * 1024);
    // The next Vilnius day starts from zero (22:00 UTC in March is midnight in Vilnius).
    const nextDay = new Date('2026-03-10T22:00:00Z');
    expect(await reserveUploadQuota(MB, MB, nextDay)).to.not.equal(null);
    expect(await reserveUploadQuota(1, MB, nextDay)).to.equal(null);
  });
});
