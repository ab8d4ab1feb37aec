/**
 * One-time form keys. A form that makes a numbered or money document (an invoice, a credit note, a
 * refund, a payment, a material cost) carries a random 128-bit key, made when the page is rendered.
 * The first post with the key inserts a `form_submissions` record (the unique `_id` makes that the
 * decision) and does the work; a replay (a double click, a browser retrying, the back button) does
 * nothing new and gets the first outcome: the same redirect and message.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import mongoose from 'mongoose';
import { claimOnce } from '../db/once.ts';
import { flash } from './flash.ts';

const submissionSchema = new mongoose.Schema(
  {
    /** `<form>:<target>:<key>`: a key is good for one form about one thing. */
    _id: { type: String },
    form: { type: String, required: true },
    target: { type: String, required: true },
    by: { type: String, default: '' },
    at: { type: Date, required: true, default: () => new Date() },
    /** The redirect and message of the first post; null while it is being handled. */
    outcome: { type: mongoose.Schema.Types.Mixed, default: null },
  },
  { collection: 'form_submissions', versionKey: false, minimize: false },
);
submissionSchema.index({ at: 1 });
export const FormSubmission = mongoose.model('FormSubmission', submissionSchema);

const KEY = /^[a-f0-9]{32}$/;

/** A new one-time key for a form being rendered. */
export function newFormKey(): string {
  return randomBytes(16).toString('hex');
}

/** The form's key from a posted body, or null when it is missing or not one of ours. */
export function formKeyOf(body: unknown): string | null {
  const value = (body as Record<string, unknown> | undefined)?.formKey;
  return typeof value === 'string' && KEY.test(value) ? value : null;
}

/** The message for a post without a valid key (an old page, or not our form). */
export const FORM_KEY_ERROR = { key: 'forms.errors.formKey', params: {} };

export interface FormOutcome {
  redirect: string;
  flash?: { key: string; params?: Record<string, string | number> };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Does `work` once per key. Returns its outcome, or the first post's outcome for a replay. When the
 * work fails (a refusal, an error), the record is removed so the corrected form can be sent with the
 * same key, and the error is thrown. A replay that arrives while the first post is still being
 * handled waits for its outcome; null when none came within `waitMs`.
 */
export async function submitOnce(
  ref: { form: string; target: string; key: string; by: string },
  work: () => Promise<FormOutcome>,
  waitMs = 15_000,
): Promise<{ outcome: FormOutcome; replay: boolean } | null> {
  const _id = `${ref.form}:${ref.target}:${ref.key}`;
  const until = Date.now() + waitMs;
  do {
    if (await claimOnce(FormSubmission, { _id, form: ref.form, target: ref.target, by: ref.by })) {
      let outcome: FormOutcome;
      try {
        outcome = await work();
      } catch (err) {
        await FormSubmission.deleteOne({ _id });
        throw err;
      }
      await FormSubmission.updateOne({ _id }, { $set: { outcome } });
      return { outcome, replay: false };
    }
    const first = await FormSubmission.findById(_id, { outcome: 1 }).lean();
    if (first?.outcome) return { outcome: first.outcome as FormOutcome, replay: true };
    // Still being handled: wait for it. Gone: the first post was refused, so this one tries itself.
    if (first) await pause(50);
  } while (Date.now() < until);
  return null;
}

type Flash = NonNullable<FormOutcome['flash']>;

/**
 * Answers a keyed form post: does `work` once (it returns the success message), then redirects to
 * `page` with that message — for the first post and for every replay alike.
 */
export async function answerOnce(
  req: Request,
  res: Response,
  ref: { form: string; target: string; key: string; page: string },
  work: () => Promise<Flash | undefined>,
): Promise<void> {
  const done = await submitOnce(
    { form: ref.form, target: ref.target, key: ref.key, by: req.staff?.id ?? '' },
    async () => {
      const message = await work();
      return { redirect: ref.page, ...(message ? { flash: message } : {}) };
    },
  );
  if (!done) flash(req, 'info', 'forms.pending');
  else if (done.outcome.flash) flash(req, 'success', done.outcome.flash.key, done.outcome.flash.params);
  res.redirect(303, done?.outcome.redirect ?? ref.page);
}
