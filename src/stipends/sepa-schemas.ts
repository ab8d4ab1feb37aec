import { z } from 'zod';
import { wholeNumber } from '../web/form-fields.ts';

/** Issuing the payment file again: which issue it replaces, why, and the confirmation. */
export const reissueForm = z.object({
  replaces: wholeNumber(1, 999),
  reason: z.preprocess(
    (v) => (v === undefined ? '' : v),
    z.string().trim().min(1, 'sepa.errors.reason').max(300),
  ),
  confirm: z.preprocess((v) => v === 'on', z.literal(true, { error: 'sepa.errors.confirmReissue' })),
});
