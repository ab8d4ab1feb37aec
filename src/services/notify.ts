import type { Mailer } from '../mail/mailer.ts';
import { notifyStaff, type StaffEventKind } from '../notifications/service.ts';
import { greetingName, unlinkable } from '../mail/safe-text.ts';
import { translate, type Lang } from '../web/i18n.ts';
import type { ServiceRequestDoc } from './model.ts';
import { addEvent } from './transitions.ts';

export type RequestMailKind = 'received' | 'quote' | 'invoice' | 'creditNote';

/** Who acts and how the business is told: the context every workflow call gets. */
export interface ServiceContext {
  /** A staff member's name, 'customer', 'stripe' or 'system'. */
  by: string;
  mailer: Mailer;
  publicUrl: string;
  /** When the money moved if not now (a Stripe event's time). */
  at?: Date;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function trackingUrl(publicUrl: string, request: Pick<ServiceRequestDoc, 'token'>): string {
  return `${publicUrl}/requests/${request.token}`;
}

/**
 * Queues an e-mail to the business (in the language it wrote in) about its request, with the private
 * link, and notes the e-mail on the timeline. Keyed by the event (the request, the quote version, the
 * invoice), so a repeated call queues it once. The mailer never throws.
 */
export async function notifyBusiness(
  ctx: ServiceContext,
  request: ServiceRequestDoc,
  kind: RequestMailKind,
  params: Record<string, string | number> = {},
): Promise<void> {
  const lang = (request.contact?.lang === 'en' ? 'en' : 'lt') as Lang;
  const url = trackingUrl(ctx.publicUrl, request);
  const name = unlinkable(greetingName(request.contact!.name));
  const all = { reference: request.reference, name, ...params };
  const subject = translate(lang, `request.mail.${kind}.subject`, all);
  const body = translate(lang, `request.mail.${kind}.body`, all);
  const linkLabel = translate(lang, 'request.mail.link');
  const greeting = translate(lang, 'request.mail.greeting', all);
  await ctx.mailer.send({
    to: request.contact!.email,
    subject,
    text: `${greeting}\n\n${body}\n\n${linkLabel}: ${url}\n`,
    html: `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(linkLabel)}</a></p>`,
    kind: `request.${kind}`,
    lang,
    reference: request.reference,
    key: [`request.${kind}`, String(request._id), ...Object.values(params)].join(':'),
  });
  await addEvent(request._id, { kind: 'email_sent', by: ctx.by, note: `request.${kind}`, customer: false });
}

/**
 * Tells the staff who receive it (see the notifications settings) of an event of the request, with
 * a link to its staff page, never to the business's private page. `id` makes the event once-only
 * (the request, a quote version, an invoice, an assignee). Never throws.
 */
export async function tellStaff(
  ctx: ServiceContext,
  kind: Exclude<StaffEventKind, 'orderPlaced' | 'cardPaid'>,
  request: ServiceRequestDoc,
  extra: { id?: string; assigneeId?: string; params?: Record<string, string | number> } = {},
): Promise<void> {
  await notifyStaff(ctx, {
    kind,
    id: [String(request._id), ...(extra.id ? [extra.id] : [])].join(':'),
    reference: request.reference,
    path: `/admin/requests/${String(request._id)}`,
    params: {
      reference: request.reference,
      name: request.company?.name || request.contact?.name || '',
      service: request.serviceTitle?.lt || request.description?.slice(0, 80) || '',
      by: ctx.by,
      ...extra.params,
    },
    ...(extra.assigneeId ? { assigneeId: extra.assigneeId } : {}),
  });
}
