import { brandingFromSettings, escapeHtml, inLayout, type Branding } from '../mail/layout.ts';
import type { MailAttachment, Mailer } from '../mail/mailer.ts';
import { notifyStaff, type EventParams, type StaffEventKind } from '../notifications/service.ts';
import { greetingName, unlinkable } from '../mail/safe-text.ts';
import { translate, type Lang } from '../web/i18n.ts';
import type { ServiceRequestDoc } from './model.ts';
import { addEvent } from './transitions.ts';

export type RequestMailKind = 'received' | 'quote' | 'invoice' | 'creditNote' | 'accepted' | 'declined';

/** What an e-mail to the business shows beyond its sentence: facts (label, value) and files. */
export interface BusinessMailExtra {
  /** Words for the sentence that do not make the e-mail a different one (not part of its key). */
  words?: Record<string, string | number>;
  /** Lines of "label: value", in order (an amount, a date), already in the business's language. */
  facts?: { label: string; value: string }[];
  /** Sentences after the facts (what happens next). */
  notes?: string[];
  attachments?: MailAttachment[];
}
export interface ServiceContext {
  /** A staff member's name, 'customer', 'stripe' or 'system'. */
  by: string;
  mailer: Mailer;
  publicUrl: string;
  /** When the money moved if not now (a Stripe event's time). */
  at?: Date;
}

export function trackingUrl(publicUrl: string, request: Pick<ServiceRequestDoc, 'token'>): string {
  return `${publicUrl}/requests/${request.token}`;
}

/** The language the business wrote in: its e-mails and PDFs are in it. */
export function businessLang(request: Pick<ServiceRequestDoc, 'contact'>): Lang {
  return request.contact?.lang === 'en' ? 'en' : 'lt';
}

/**
 * Queues an e-mail to the business (in the language it wrote in) about its request, in the shared
 * e-mail layout with a plain-text twin of the same facts, with the private link, and notes the
 * e-mail on the timeline. Keyed by the event (the request, the quote version, the invoice), so a
 * repeated call queues it once. The mailer never throws.
 */
export async function notifyBusiness(
  ctx: ServiceContext,
  request: ServiceRequestDoc,
  kind: RequestMailKind,
  params: Record<string, string | number> = {},
  extra: BusinessMailExtra = {},
): Promise<void> {
  const lang = businessLang(request);
  const url = trackingUrl(ctx.publicUrl, request);
  const name = unlinkable(greetingName(request.contact!.name));
  const all = { reference: request.reference, name, ...extra.words, ...params };
  const subject = translate(lang, `request.mail.${kind}.subject`, all);
  const body = translate(lang, `request.mail.${kind}.body`, all);
  const linkLabel = translate(lang, 'request.mail.link');
  const greeting = translate(lang, 'request.mail.greeting', all);
  const facts = extra.facts ?? [];
  const notes = extra.notes ?? [];
  const files = extra.attachments ?? [];
  const filesLine = files.length
    ? translate(lang, 'request.mail.attached', { files: files.map((f) => f.filename).join(', ') })
    : '';
  const text = [
    greeting,
    '',
    body,
    '',
    ...(facts.length ? [...facts.map((f) => `${f.label}: ${f.value}`), ''] : []),
    ...(notes.length ? [...notes, ''] : []),
    ...(filesLine ? [filesLine, ''] : []),
    `${linkLabel}: ${url}`,
    '',
  ].join('\n');
  const content = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(body)}</p>`,
    ...(facts.length
      ? [
          '<table class="facts">',
          ...facts.map(
            (f) =>
              `<tr><th scope="row" align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`,
          ),
          '</table>',
        ]
      : []),
    ...notes.map((n) => `<p>${escapeHtml(n)}</p>`),
    ...(filesLine ? [`<p>${escapeHtml(filesLine)}</p>`] : []),
    `<p><a href="${escapeHtml(url)}" class="button">${escapeHtml(linkLabel)}</a></p>`,
  ].join('\n');
  let branding: Branding;
  try {
    branding = await brandingFromSettings(ctx.publicUrl);
  } catch {
    branding = { name: '', logoUrl: '', email: '', phone: '', address: '' };
  }
  const html = await inLayout({
    lang,
    subject,
    preheader: body,
    contentHtml: content,
    footer: translate(lang, 'mailLayout.requestFooter'),
    branding,
  });
  await ctx.mailer.send({
    to: request.contact!.email,
    subject,
    text,
    html,
    kind: `request.${kind}`,
    lang,
    reference: request.reference,
    key: [`request.${kind}`, String(request._id), ...Object.values(params)].join(':'),
    ...(files.length ? { attachments: files } : {}),
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
  extra: { id?: string; assigneeId?: string; params?: EventParams } = {},
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
