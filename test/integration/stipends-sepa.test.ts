import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/demo/seed.ts';
import { JournalEntry } from '../../src/ledger/model.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { Participant } from '../../src/participants/model.ts';
import { shiftPeriod } from '../../src/participants/periods.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { isWorkingDay } from '../../src/stipends/sepa-dates.ts';
import { PaymentDownload, PaymentFile } from '../../src/stipends/sepa-model.ts';
import { getFinalised } from '../../src/stipends/service.ts';
import { signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { sepaXsd, xmllint } from '../support/xmllint.ts';
import { expectFieldError, expectMessage, unescapeHtml } from './helpers.ts';

const demoAdmin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

function header(xml: string) {
  const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(xml).Document
    .CstmrCdtTrfInitn;
  return {
    msgId: doc.GrpHdr.MsgId as string,
    created: doc.GrpHdr.CreDtTm as string,
    pmtInfId: doc.PmtInf.PmtInfId as string,
    execution: doc.PmtInf.ReqdExctnDt as string,
    bic: doc.PmtInf.DbtrAgt.FinInstnId.BIC as string,
    count: doc.PmtInf.CdtTrfTxInf.length as number,
    ctrlSum: doc.GrpHdr.CtrlSum as string,
  };
}

/**
 * The demo's month-end, end to end, and the payment file's once-only issue: the demo is seeded,
 * its last month finalised, the statements read, the SEPA file downloaded (twice: the same file),
 * re-issued for a reason, and the month marked paid.
 */
describe('stipends payment file: once per issue, on the demo month', function () {
  this.timeout(180_000);
  const t = useTestApp();
  const period = shiftPeriod(vilniusPeriod(new Date()), -1);
  let admin: Agent;
  let token: string;
  let xsd: string;
  let first = '';

  const download = () => admin.get(`/admin/stipends/${period}/sepa.xml`).buffer(true);
  const page = () => admin.get(`/admin/stipends/${period}`).expect(200);
  const reissue = (fields: Record<string, string>) =>
    admin
      .post(`/admin/stipends/${period}/sepa/reissue`)
      .type('form')
      .send({ _csrf: token, ...fields });

  before(async () => {
    await seedDemo({ storage: t.storage, log: () => {}, reset: false });
    admin = await signIn(t.app, demoAdmin);
    token = await tokenFor(admin, `/admin/stipends/${period}`);
    xsd = await sepaXsd();
  });

  it('finalises the demo month and gives its statements', async () => {
    await admin
      .post(`/admin/stipends/${period}/finalise`)
      .type('form')
      .send({ _csrf: token, confirm: 'on' })
      .expect(303);
    const fin = (await getFinalised(period))!;
    const payees = fin.result.participants.filter((p) => p.totalCents > 0);
    expect(payees.length).to.be.at.least(4);
    const statements = await admin.get(`/admin/stipends/${period}/statements`).expect(200);
    for (const p of payees) expect(statements.text).to.contain(`data-statement="${p.id}"`);
    const res = await page();
    expect(res.text).to.contain('data-sepa-issued="none"');
    expectMessage(res.text, 'sepa.firstHint');
  });

  it('issues the file once on the first downloads, even three at once: valid against the XSD, with the BIC and a working payment day', async () => {
    const all = await Promise.all([download(), download(), download()]);
    expect(all.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(new Set(all.map((r) => r.text)).size, 'the same file for all three').to.equal(1);
    const res = all[0]!;
    expect(res.headers['content-type']).to.contain('application/xml');
    expect(res.headers['content-disposition']).to.contain(`stipendijos-${period}-1.xml`);
    first = res.text;
    const { ok, report } = await xmllint(first, xsd);
    expect(ok, report).to.equal(true);
    const h = header(first);
    const fin = (await getFinalised(period))!;
    expect(h.count).to.equal(fin.result.participants.filter((p) => p.totalCents > 0).length);
    expect(Number(h.ctrlSum.replace('.', ''))).to.equal(fin.result.allocatedCents);
    expect(h.bic).to.equal('HABALT22');
    expect(h.msgId).to.match(new RegExp(`^STIP-${period}-1-[0-9A-F]{8}$`));
    expect(h.pmtInfId).to.equal(`${h.msgId}-P`);
    expect(h.execution > vilniusDate(new Date()), 'one working day after today').to.equal(true);
    expect(isWorkingDay(h.execution)).to.equal(true);
    const stored = await PaymentFile.find({ period }).lean();
    expect(stored.map((f) => [f._id, f.messageId, f.reason])).to.deep.equal([[`${period}:1`, h.msgId, '']]);
    expect(JSON.stringify(stored), 'no participant account is stored with the file').to.not.match(
      /LT\d{2}7300010000000001/,
    );
  });

  it('gives the same bytes on a later download, records every download, and the page says so', async () => {
    const again = await download().expect(200);
    expect(again.text).to.equal(first);
    const downloads = await PaymentDownload.find({ period }).sort({ at: 1 }).lean();
    expect(downloads).to.have.length(4);
    expect(downloads.every((d) => d.issue === 1 && d.byName === demoAdmin.name)).to.equal(true);
    const res = await page();
    expect(res.text).to.contain('data-sepa-downloaded="4"');
    expect(res.text).to.contain(`<code data-sepa-message-id>${header(first).msgId}</code>`);
    const text = unescapeHtml(res.text);
    expect(text).to.contain('Neįkelkite jo į banką dar kartą');
    expect(text).to.contain(demoAdmin.name);
    expect(text).to.contain('Atsisiųsta kartų: 4');
    await admin.get('/lang/en').expect(303);
    const en = unescapeHtml((await page()).text);
    expect(en).to.contain('Do not upload it to the bank again');
    expect(en).to.contain('Downloaded 4 times');
    await admin.get('/lang/lt').expect(303);
  });

  it('refuses a re-issue without a reason or confirmation, and stores nothing', async () => {
    const noReason = await reissue({ replaces: '1', reason: '  ', confirm: 'on' }).expect(422);
    expectFieldError(noReason.text, 'reason', 'sepa.errors.reason');
    const noConfirm = await reissue({ replaces: '1', reason: 'Bankas atmetė' }).expect(422);
    expectFieldError(noConfirm.text, 'reissue-confirm', 'sepa.errors.confirmReissue');
    await reissue({ replaces: 'x', reason: 'Bankas atmetė', confirm: 'on' }).expect(422);
    await reissue({ replaces: '1', reason: 'x'.repeat(301), confirm: 'on' }).expect(422);
    await admin
      .post(`/admin/stipends/${period}/sepa/reissue`)
      .type('form')
      .send({ replaces: '1', reason: 'no token', confirm: 'on' })
      .expect(403);
    expect(await PaymentFile.countDocuments({ period })).to.equal(1);
  });

  it('lets only administrators download or re-issue', async () => {
    for (const role of ['marketing', 'master'] as const) {
      const agent = await signInAs(t.app, role);
      const other = await tokenFor(agent, '/admin');
      await agent.get(`/admin/stipends/${period}/sepa.xml`).expect(403);
      await agent
        .post(`/admin/stipends/${period}/sepa/reissue`)
        .type('form')
        .send({ _csrf: other, replaces: '1', reason: 'Bandymas', confirm: 'on' })
        .expect(403);
    }
    expect(await PaymentFile.countDocuments({ period })).to.equal(1);
    expect(await PaymentDownload.countDocuments({ period })).to.equal(4);
  });

  it('re-issues once with a reason: a new message id, logged and shown; a stale form is refused', async () => {
    const both = await Promise.all([
      reissue({ replaces: '1', reason: 'Bankas atmetė failą', confirm: 'on' }),
      reissue({ replaces: '1', reason: 'Bankas atmetė failą', confirm: 'on' }),
    ]);
    expect(both.map((r) => r.status).sort()).to.deep.equal([303, 409]);
    const res = both.find((r) => r.status === 303)!;
    expect(res.headers.location).to.equal(`/admin/stipends/${period}#payment-file`);
    const stale = await reissue({ replaces: '1', reason: 'Dar kartą', confirm: 'on' }).expect(409);
    expectMessage(stale.text, 'sepa.errors.alreadyReissued', { issue: 2 });
    const files = await PaymentFile.find({ period }).sort({ issue: 1 }).lean();
    expect(files.map((f) => [f.issue, f.reason, f.byName])).to.deep.equal([
      [1, '', demoAdmin.name],
      [2, 'Bankas atmetė failą', demoAdmin.name],
    ]);
    expect(files[1]!.messageId).to.not.equal(files[0]!.messageId);

    const shown = await page();
    expect(shown.text).to.contain('data-sepa-downloaded="0"');
    expect(shown.text).to.contain('data-sepa-earlier="1"');
    expect(unescapeHtml(shown.text)).to.contain('Bankas atmetė failą');

    const second = (await download().expect(200)).text;
    expect(header(second).msgId).to.equal(files[1]!.messageId);
    expect(header(second).msgId).to.not.equal(header(first).msgId);
    expect((await xmllint(second, xsd)).ok).to.equal(true);
    expect((await download().expect(200)).text).to.equal(second);
    const downloads = await PaymentDownload.find({ period }).lean();
    expect(downloads.map((d) => d.issue).sort()).to.deep.equal([1, 1, 1, 1, 2, 2]);
  });

  it('refuses the same file once a participant account changed, until it is issued again', async () => {
    const fin = (await getFinalised(period))!;
    const payee = fin.result.participants.find((p) => p.totalCents > 0)!;
    const person = (await Participant.findById(payee.id).lean())!;
    const editToken = await tokenFor(admin, `/admin/participants/${payee.id}/edit`);
    await admin
      .post(`/admin/participants/${payee.id}`)
      .type('form')
      .send({
        _csrf: editToken,
        displayName: person.displayName,
        code: person.code,
        startDate: person.startDate,
        iban: 'LT197300010000000005',
      })
      .expect(303);
    const refused = await download().expect(409);
    expectMessage(refused.text, 'sepa.errors.accountsChanged', { issue: 2 });
    expect(refused.text).to.contain('data-action="reissue"');
    expect(await PaymentDownload.countDocuments({ period })).to.equal(6);

    await reissue({ replaces: '2', reason: 'Pasikeitė dalyvio sąskaita', confirm: 'on' }).expect(303);
    const third = (await download().expect(200)).text;
    expect(third).to.contain('<IBAN>LT197300010000000005</IBAN>');
    expect((await xmllint(third, xsd)).ok).to.equal(true);
  });

  it('says when the requested payment date has passed, so an unsent file is made again', async () => {
    expect((await page()).text).to.not.contain('data-sepa-execution-passed');
    await PaymentFile.collection.updateOne({ _id: `${period}:3` } as never, {
      $set: { executionDate: '2020-01-02' },
    });
    const res = await page();
    expect(res.text).to.contain('data-sepa-execution-passed');
    expect(res.text).to.contain('data-sepa-execution="2020-01-02"');
  });

  it('marks the demo month paid; no re-issue after that, downloads still give the last file', async () => {
    await admin
      .post(`/admin/stipends/${period}/paid`)
      .type('form')
      .send({ _csrf: token, paidOn: vilniusDate(new Date()), confirm: 'on' })
      .expect(303);
    expect(await JournalEntry.exists({ idempotencyKey: `stipends:${period}:paid` })).to.not.equal(null);
    const refused = await reissue({ replaces: '3', reason: 'Po apmokėjimo', confirm: 'on' }).expect(409);
    expectMessage(refused.text, 'sepa.errors.paid', { period });
    expect(await PaymentFile.countDocuments({ period })).to.equal(3);
    const res = await page();
    expect(res.text).to.not.contain('data-action="reissue"');
    await download().expect(200);
  });

  it('refuses a BIC that is not 8 or 11 characters in the settings, and stores nothing', async () => {
    const settingsToken = await tokenFor(admin, '/admin/settings');
    const current = await admin.get('/admin/settings').expect(200);
    const values = Object.fromEntries(
      [...current.text.matchAll(/<input id="([^"]+)" name="[^"]+" type="[^"]+" value="([^"]*)"/g)].map(
        (m) => [m[1]!, unescapeHtml(m[2]!)],
      ),
    );
    for (const bic of ['HABALT2', 'HABALT22X', 'HABA1T22', '12345678']) {
      const res = await admin
        .post('/admin/settings')
        .type('form')
        .send({ ...values, _csrf: settingsToken, bic })
        .expect(422);
      expectFieldError(res.text, 'bic', 'settings.errors.bic');
    }
    await admin
      .post('/admin/settings')
      .type('form')
      .send({ ...values, _csrf: settingsToken, bic: 'cbvi lt2x xxx', paymentWorkdays: '11' })
      .expect(422);
    expect((await SettingsModel.findById('organisation').lean())!.bic).to.equal('HABALT22');
    await admin
      .post('/admin/settings')
      .type('form')
      .send({ ...values, _csrf: settingsToken, bic: 'cbvi lt2x xxx', paymentWorkdays: '3' })
      .expect(303);
    const saved = (await SettingsModel.findById('organisation').lean())!;
    expect([saved.bic, saved.paymentWorkdays]).to.deep.equal(['CBVILT2XXXX', 3]);
  });
});
