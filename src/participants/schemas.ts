import { z } from 'zod';
import { parseCalendarDate } from '../lib/dates.ts';
import { normalizeIban } from '../lib/iban.ts';
import { checkbox, objectId, optionalText, requiredText } from '../web/form-fields.ts';
import { PERIOD_RE } from './periods.ts';

const calendarDate = (v: string) => parseCalendarDate(v) !== null;

const requiredDate = requiredText(10).refine(calendarDate, 'participant.errors.date');
const optionalDate = optionalText(10)
  .refine((v) => v === '' || calendarDate(v), 'participant.errors.date')
  .transform((v) => (v === '' ? null : v));

const baseFields = {
  displayName: requiredText(120),
  code: requiredText(40).pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'participant.errors.code')),
  startDate: requiredDate,
  endDate: optionalDate,
  consentToName: checkbox,
  publicName: optionalText(120),
};

/** Checks across fields, so that every problem of the form is shown at once (the service checks again). */
function crossChecks(
  v: { startDate: string; endDate: string | null; consentToName: boolean; publicName: string },
  ctx: z.RefinementCtx,
) {
  if (v.endDate !== null && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'participant.errors.endBeforeStart' });
  }
  if (v.consentToName && v.publicName === '') {
    ctx.addIssue({ code: 'custom', path: ['publicName'], message: 'participant.errors.publicNameRequired' });
  }
}

/** Fields every role with access fills in. */
export const participantForm = z.object(baseFields).superRefine(crossChecks);

/** Fields only administrators see and send. */
export const adminParticipantForm = z
  .object({
    ...baseFields,
    iban: optionalText(50).refine((v) => v === '' || normalizeIban(v) !== null, 'participant.errors.iban'),
    removeIban: checkbox,
    notes: optionalText(4000),
  })
  .superRefine(crossChecks);

/** Keys that only an administrator's form carries: any of them from another role is refused. */
export const ADMIN_ONLY_FIELDS = ['iban', 'removeIban', 'notes'] as const;

export const endForm = z.object({ endDate: requiredDate });

export const idParam = z.object({ id: objectId });

export const listQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  status: z.enum(['active', 'ended', 'all']).catch('active'),
  iban: z.enum(['missing']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The attendance page's `missing=1`: only participants with no days recorded for the period. */
export const missingQuery = z
  .enum(['1'])
  .optional()
  .catch(undefined)
  .transform((v) => v === '1');

export const auditQuery = z.object({
  participant: z.union([objectId, z.literal('')]).catch(''),
  actor: z.union([objectId, z.literal('')]).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const periodParam = z.string().regex(PERIOD_RE);

/** Extra goods shown as grid columns: ids separated by commas (malformed ones dropped). */
export const goodsList = z
  .string()
  .max(2000)
  .catch('')
  .transform((v) => [...new Set(v.split(',').filter((id) => /^[a-f0-9]{24}$/.test(id)))].slice(0, 40));
