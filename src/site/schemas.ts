import { z } from 'zod';
import { optionalText, requiredText } from '../web/form-fields.ts';

export const FEEDBACK_LIMITS = { message: 4000, page: 300, name: 120, email: 200 } as const;

/** The accessibility feedback form: a message (required), where, and how to answer (optional). */
export const feedbackForm = z.object({
  message: requiredText(FEEDBACK_LIMITS.message).pipe(z.string().min(5)),
  page: optionalText(FEEDBACK_LIMITS.page),
  name: optionalText(FEEDBACK_LIMITS.name),
  email: optionalText(FEEDBACK_LIMITS.email).pipe(z.union([z.literal(''), z.email()])),
});
export type FeedbackInput = z.output<typeof feedbackForm>;
