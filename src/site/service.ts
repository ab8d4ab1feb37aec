/**
 * The public site's own records: accessibility feedback (stored, told to the staff who follow
 * business requests, deleted after a year), and what the sitemap and the feeds are made of.
 */
import type { Logger } from 'pino';
import { claimOnce } from '../db/once.ts';
import type { Job } from '../jobs/runner.ts';
import type { Mailer } from '../mail/mailer.ts';
import { unlinkable } from '../mail/safe-text.ts';
import { notifyStaff } from '../notifications/service.ts';
import type { Lang } from '../web/i18n.ts';
import { AccessibilityFeedback, type FeedbackDoc } from './model.ts';
import type { FeedbackInput } from './schemas.ts';

export { feedbackForm, FEEDBACK_LIMITS, type FeedbackInput } from './schemas.ts';

/** Days accessibility feedback is kept (the privacy notice states it). */
export const FEEDBACK_KEEP_DAYS = 365;
const DAY_MS = 24 * 3600 * 1000;

export interface FeedbackContext {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * Keeps a visitor's accessibility feedback (once per form key) and tells the staff: an e-mail (or a
 * digest line) to those who follow business requests, linking to the staff list. True when this
 * call stored it, false for a repeat of a form already sent.
 */
export async function submitFeedback(
  ctx: FeedbackContext,
  key: string,
  input: FeedbackInput,
  who: { lang: Lang; easyRead: boolean },
  now = new Date(),
): Promise<boolean> {
  const stored = await claimOnce(AccessibilityFeedback, {
    _id: key,
    ...input,
    lang: who.lang,
    easyRead: who.easyRead,
    at: now,
  });
  if (!stored) return false;
  const text = [unlinkable(input.message)];
  if (input.page) text.unshift(`${unlinkable(input.page)}:`);
  if (input.email || input.name) text.push(unlinkable([input.name, input.email].filter(Boolean).join(', ')));
  await notifyStaff(ctx, {
    kind: 'accessibilityFeedback',
    id: key,
    reference: '',
    path: '/admin/accessibility-feedback',
    params: { page: input.page || '—', name: input.name || input.email || '—' },
    text,
  });
  return true;
}

/** The newest feedback first, for the staff page. */
export async function listFeedback(limit = 200): Promise<FeedbackDoc[]> {
  return AccessibilityFeedback.find().sort({ at: -1, _id: 1 }).limit(limit).lean<FeedbackDoc[]>();
}

/** Deletes feedback older than `FEEDBACK_KEEP_DAYS`; returns how many went. */
export async function removeOldFeedback(now = new Date()): Promise<number> {
  const res = await AccessibilityFeedback.deleteMany({
    at: { $lt: new Date(now.getTime() - FEEDBACK_KEEP_DAYS * DAY_MS) },
  });
  return res.deletedCount ?? 0;
}

/** The daily leased job around removeOldFeedback. */
export function feedbackRetentionJob(logger?: Logger): Job {
  return {
    name: 'remove-old-accessibility-feedback',
    everyMs: 24 * 3600 * 1000,
    run: async () => {
      const removed = await removeOldFeedback();
      if (removed) logger?.info({ removed }, 'old accessibility feedback removed');
    },
  };
}
