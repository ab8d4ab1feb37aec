import mongoose, { type InferSchemaType } from 'mongoose';

/**
 * A visitor's note about an accessibility problem, from the form on the accessibility statement.
 * `_id` is the form's one-time key: inserting it is the decision, so a form sent twice is kept once.
 * Deleted `FEEDBACK_KEEP_DAYS` after it arrived (service.ts, a leased job).
 */
const feedbackSchema = new mongoose.Schema(
  {
    _id: { type: String },
    message: { type: String, required: true },
    /** The page or part of the site the problem is on, as the visitor named it. */
    page: { type: String, default: '' },
    name: { type: String, default: '' },
    email: { type: String, default: '' },
    lang: { type: String, enum: ['lt', 'en'], default: 'lt' },
    easyRead: { type: Boolean, default: false },
    at: { type: Date, required: true },
  },
  { collection: 'accessibility_feedback', versionKey: false },
);
feedbackSchema.index({ at: -1 });

export type FeedbackDoc = InferSchemaType<typeof feedbackSchema> & { _id: string };
export const AccessibilityFeedback = mongoose.model('AccessibilityFeedback', feedbackSchema);
