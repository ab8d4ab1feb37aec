/** How long the files businesses send are kept: the leased job that deletes those of ended requests. */
import type { Logger } from 'pino';
import type { Job } from '../jobs/runner.ts';
import { vilniusDate } from '../lib/dates.ts';
import { removeAttachments } from './attachments.ts';
import { ServiceEvent, ServiceRequest, type RequestState } from './model.ts';
import { claimOnTimeline } from './transitions.ts';
import { pruneUploadQuota } from './upload-quota.ts';

const DAY_MS = 24 * 3600 * 1000;
/** States a request does not leave by itself; their attachments are no longer needed after a while. */
const ENDED: RequestState[] = ['cancelled', 'declined'];
/** Days of upload quota entries kept (only today's are read; a week helps to look back). */
const QUOTA_DAYS_KEPT = 7;

/**
 * Deletes the attachments of requests that have been cancelled or declined for `keepDays` days or
 * more (counted from the newest state change), records it once on each request's timeline
 * (`attachments_removed`, the file names as its note) and keeps the request. Returns how many
 * requests lost their files. A run that stopped half-way is completed by the next one: the timeline
 * item is a unique claim, the deletions are repeatable.
 */
export async function removeExpiredAttachments(keepDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * DAY_MS);
  const candidates = await ServiceRequest.find(
    { state: { $in: ENDED }, 'attachments.0': { $exists: true } },
    { state: 1, attachments: 1 },
  ).lean();
  let removed = 0;
  for (const request of candidates) {
    if (!request.attachments?.length) continue;
    const last = await ServiceEvent.findOne({ requestId: request._id, kind: 'state' })
      .sort({ at: -1, _id: -1 })
      .lean();
    if (!last || !ENDED.includes(last.to as RequestState) || last.at > cutoff) continue;
    await claimOnTimeline(request._id, 'attachments-removed', {
      kind: 'attachments_removed',
      by: 'system',
      note: request.attachments.map((a) => a.name).join(', '),
    });
    await removeAttachments(request.attachments.map((a) => a.key));
    await ServiceRequest.updateOne({ _id: request._id }, { $set: { attachments: [] } });
    removed += 1;
  }
  await pruneUploadQuota(vilniusDate(new Date(now.getTime() - QUOTA_DAYS_KEPT * DAY_MS)));
  return removed;
}

/** The scheduled job (hourly, leased) around removeExpiredAttachments. */
export function attachmentRetentionJob(keepDays: number, logger?: Logger): Job {
  return {
    name: 'remove-old-request-attachments',
    everyMs: 60 * 60 * 1000,
    run: async () => {
      const removed = await removeExpiredAttachments(keepDays);
      if (removed) logger?.info({ requests: removed }, 'attachments of ended requests removed');
    },
  };
}
