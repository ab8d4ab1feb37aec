import { expect } from 'chai';
import { pino } from 'pino';
import { runOnce, takeLease } from '../../src/jobs/runner.ts';
import { ServiceEvent, StoredAttachment, type ServiceRequestDoc } from '../../src/services/model.ts';
import {
  attachmentRetentionJob,
  cancelRequest,
  declineQuote,
  removeExpiredAttachments,
  saveQuoteDraft,
  sendQuote,
  type ServiceContext,
} from '../../src/services/service.ts';
import { UploadQuota, reserveUploadQuota } from '../../src/services/upload-quota.ts';
import { signInAs, useTestApp } from '../support/app.ts';
import { lt } from './helpers.ts';
import {
  DEFAULT_LINES,
  PDF_BYTES,
  dayFromToday,
  reload,
  serviceContext,
  submittedRequest,
} from './services-support.ts';

const DAY = 24 * 3600 * 1000;

describe('attachments of requests cancelled or declined long ago are removed by a leased job', () => {
  const t = useTestApp();
  let ctx: ServiceContext;
  before(() => {
    ctx = serviceContext(t.config);
  });

  function withFiles(names = ['planas.pdf', 'brezinys.pdf']): Promise<ServiceRequestDoc> {
    return submittedRequest(
      ctx,
      names.map((name) => ({ name, mime: 'application/pdf', buffer: PDF_BYTES })),
    );
  }

  /** The request entered its current state `days` ago (its state claims are moved back in time). */
  async function enteredDaysAgo(request: ServiceRequestDoc, days: number): Promise<void> {
    await ServiceEvent.updateMany(
      { requestId: request._id, kind: 'state' },
      { $set: { at: new Date(Date.now() - days * DAY) } },
    );
  }

  async function declined(): Promise<ServiceRequestDoc> {
    const request = await withFiles(['foto.pdf']);
    const id = String(request._id);
    await saveQuoteDraft(
      id,
      { validUntil: dayFromToday(10), leadTimeDays: 5, terms: '', lines: DEFAULT_LINES },
      ctx,
    );
    await sendQuote(id, ctx);
    return declineQuote(request.token, 1, 'Per brangu', ctx);
  }

  async function filesOf(request: ServiceRequestDoc): Promise<number> {
    return StoredAttachment.countDocuments({ _id: { $in: request.attachments.map((a) => a.key) } });
  }

  async function removalEvents(request: ServiceRequestDoc) {
    return ServiceEvent.find({ requestId: request._id, kind: 'attachments_removed' }).lean();
  }

  it('deletes the files of requests cancelled or declined 90 days ago, notes it on the timeline, keeps the rest', async () => {
    const cancelledOld = await cancelRequest(String((await withFiles())._id), 'Nebereikia', ctx);
    await enteredDaysAgo(cancelledOld, 91);
    const declinedOld = await declined();
    await enteredDaysAgo(declinedOld, 91);
    const cancelledRecently = await cancelRequest(String((await withFiles())._id), 'Vėliau', ctx);
    await enteredDaysAgo(cancelledRecently, 10);
    const open = await withFiles();
    const requoted = await declined();
    await enteredDaysAgo(requoted, 91);
    await saveQuoteDraft(
      String(requoted._id),
      { validUntil: dayFromToday(10), leadTimeDays: 5, terms: '', lines: DEFAULT_LINES },
      ctx,
    );
    await sendQuote(String(requoted._id), ctx);
    await enteredDaysAgo(requoted, 91);

    expect(await filesOf(cancelledOld)).to.equal(2);
    expect(await removeExpiredAttachments(90)).to.equal(2);

    for (const gone of [cancelledOld, declinedOld]) {
      expect(await filesOf(gone), 'files deleted').to.equal(0);
      const after = await reload(gone._id);
      expect(after.state, 'the request stays').to.equal(gone.state);
      expect(after.attachments).to.deep.equal([]);
      const events = await removalEvents(gone);
      expect(events).to.have.length(1);
      expect(events[0]!.by).to.equal('system');
      expect(events[0]!.note).to.equal(gone.attachments.map((a) => a.name).join(', '));
    }
    for (const kept of [cancelledRecently, open, requoted]) {
      expect(await filesOf(kept), `${kept.state} keeps its files`).to.equal(kept.attachments.length);
      expect((await reload(kept._id)).attachments).to.have.length(kept.attachments.length);
      expect(await removalEvents(kept)).to.have.length(0);
    }

    // A second run finds nothing more and records nothing again.
    expect(await removeExpiredAttachments(90)).to.equal(0);
    expect(await removalEvents(cancelledOld)).to.have.length(1);
    // With 5 days kept, the request cancelled 10 days ago goes too.
    expect(await removeExpiredAttachments(5)).to.equal(1);
    expect(await filesOf(cancelledRecently)).to.equal(0);
  });

  it('finishes a removal that stopped half-way, without a second timeline item', async () => {
    const request = await cancelRequest(String((await withFiles())._id), 'Nebereikia', ctx);
    await enteredDaysAgo(request, 100);
    // A run that recorded the removal but stopped before deleting anything.
    await ServiceEvent.create({
      requestId: request._id,
      claim: `${String(request._id)}:attachments-removed`,
      kind: 'attachments_removed',
      by: 'system',
      note: 'planas.pdf, brezinys.pdf',
    });
    expect(await removeExpiredAttachments(90)).to.equal(1);
    expect(await filesOf(request)).to.equal(0);
    expect((await reload(request._id)).attachments).to.deep.equal([]);
    expect(await removalEvents(request)).to.have.length(1);
  });

  it('runs as a leased job: once per slot however many instances try, reading its days from the config', async () => {
    const job = attachmentRetentionJob(t.config.attachmentsKeepDays);
    expect(job.name).to.equal('remove-old-request-attachments');
    const now = Date.UTC(2026, 5, 1, 12);
    const taken = await Promise.all(Array.from({ length: 5 }, () => takeLease(job, now)));
    expect(taken.filter(Boolean)).to.have.length(1);

    const request = await cancelRequest(String((await withFiles())._id), 'Nebereikia', ctx);
    await enteredDaysAgo(request, t.config.attachmentsKeepDays + 1);
    expect(await runOnce(job, pino({ level: 'silent' }))).to.equal(true);
    expect(await filesOf(request)).to.equal(0);
    expect(await removalEvents(request)).to.have.length(1);

    // Staff see it on the request's timeline; the request page no longer lists the files.
    const staff = await signInAs(t.app, 'marketing');
    const page = await staff.get(`/admin/requests/${String(request._id)}`).expect(200);
    expect(page.text).to.contain(lt('workflow.event.attachments_removed'));
    expect(page.text).to.not.contain('data-attachment');
  });

  it('drops the upload quota entries of days more than a week old', async () => {
    await reserveUploadQuota(10, 100, new Date(Date.now() - 8 * DAY));
    await reserveUploadQuota(10, 100, new Date(Date.now() - 6 * DAY));
    await removeExpiredAttachments(90);
    expect(await UploadQuota.countDocuments()).to.equal(1);
  });
});
