import { z } from 'zod';
import { EVENT_GROUPS, type EventGroup } from './model.ts';

const MALFORMED = 'notifications.errors.malformed';
const staffId = z.string().regex(/^[a-f0-9]{24}$/, MALFORMED);
/** A repeated form field: absent, one value or several. */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(500, MALFORMED));

/**
 * The staff notifications form: `staff` lists the rows shown; each group's checkboxes, `digest`
 * and `lang` (`<id>:lt|en`) carry staff ids. Every id must be one of the rows.
 */
export const notificationsForm = z
  .object({
    staff: many(staffId),
    orders: many(staffId),
    requests: many(staffId),
    payments: many(staffId),
    digest: many(staffId),
    lang: many(z.string().regex(/^[a-f0-9]{24}:(lt|en)$/, MALFORMED)),
  })
  .superRefine((v, ctx) => {
    const rows = new Set(v.staff);
    const named = [
      ...v.orders,
      ...v.requests,
      ...v.payments,
      ...v.digest,
      ...v.lang.map((l) => l.slice(0, 24)),
    ];
    if (v.staff.length === 0 || named.some((id) => !rows.has(id)))
      ctx.addIssue({ code: 'custom', path: ['_form'], message: 'notifications.errors.unknownStaff' });
  })
  .transform((v) =>
    [...new Set(v.staff)].map((id) => ({
      staffId: id,
      prefs: {
        groups: EVENT_GROUPS.filter((g: EventGroup) => v[g].includes(id)),
        digest: v.digest.includes(id),
        lang: v.lang.includes(`${id}:en`) ? ('en' as const) : ('lt' as const),
      },
    })),
  );
