import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { objectId, parseParams } from '../web/form-fields.ts';
import { isLang, translate, type Lang } from '../web/i18n.ts';
import { attachmentBytes } from './attachments.ts';
import { OutboxMessage, type OutboxDoc, type OutboxStatus } from './model.ts';
import { pageLinks } from '../web/pagination.ts';

export const OUTBOX_PAGE_SIZE = 50;

export const outboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  reference: z.string().trim().max(100).catch(''),
});

const outboxIdParam = z.object({ id: objectId });
const attachmentParam = z.object({ id: objectId, index: z.coerce.number().int().min(0).max(49) });

/**
 * The policy of the stored HTML's own page: no scripts, no requests but images of this app (the
 * logo), only its inline styles; shown framed in the message page only.
 */
export const OUTBOX_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; frame-ancestors 'self'";

const STATUS_LABELS = {
  queued: 'outbox.status.queued',
  retrying: 'outbox.status.retrying',
  stored: 'outbox.status.stored',
  sent: 'outbox.status.sent',
  failed: 'outbox.status.failed',
} as const satisfies Record<OutboxStatus, string>;

/** The admin stylesheet's badge colours: muted, success, warning. */
const STATUS_BADGES: Record<OutboxStatus, string> = {
  queued: 'archived',
  retrying: 'draft',
  stored: 'archived',
  sent: 'published',
  failed: 'draft',
};

/** An e-mail's stored kind (an order's payment, say) in words; a kind added later reads as an e-mail. */
function kindInWords(lang: Lang, kind: string): string {
  const label = translate(lang, `mailKind.${kind}`);
  return label === `mailKind.${kind}` ? translate(lang, 'mailKind.unknown') : label;
}

function present(m: OutboxDoc, lang: Lang) {
  const status = m.status as OutboxStatus;
  const kindLabel = kindInWords(lang, m.kind);
  const langLabel = isLang(m.lang) ? translate(lang, `mailLang.${m.lang}`) : '';
  return {
    kindLabel,
    langLabel,
    kindWithLang: langLabel
      ? translate(lang, 'mailKind.inLang', { kind: kindLabel, lang: langLabel })
      : kindLabel,
    id: String(m._id),
    to: m.to,
    from: m.from,
    subject: m.subject,
    kind: m.kind,
    lang: m.lang,
    reference: m.reference,
    status,
    statusKey: STATUS_LABELS[status] ?? STATUS_LABELS.stored,
    statusBadge: STATUS_BADGES[status] ?? STATUS_BADGES.stored,
    error: m.error,
    attempts: m.attempts ?? 0,
    nextAttemptAt: status === 'queued' || status === 'retrying' ? m.nextAttemptAt : null,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}

async function findMessage(params: unknown): Promise<OutboxDoc> {
  const { id } = parseParams(outboxIdParam, params);
  const message = await OutboxMessage.findById(id).lean<OutboxDoc>();
  if (!message) throw new NotFoundError();
  return message;
}

/** The outbox for marketing and admin: every e-mail the shop composed, newest first. Mounted at /admin. */
export function outboxRoutes(): Router {
  const router = Router();
  router.use('/outbox', requireRole('marketing', 'admin'));

  router.get('/outbox', async (req, res) => {
    const query = outboxQuery.parse(req.query);
    const filter = query.reference ? { reference: query.reference } : {};
    const [total, items] = await Promise.all([
      OutboxMessage.countDocuments(filter),
      OutboxMessage.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((query.page - 1) * OUTBOX_PAGE_SIZE)
        .limit(OUTBOX_PAGE_SIZE)
        .select({ text: 0, html: 0, attachments: 0 })
        .lean<OutboxDoc[]>(),
    ]);
    const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
    res.render('mail-admin/list', {
      titleKey: 'outbox.title',
      query,
      currentQuery: { reference: query.reference },
      messages: items.map((m) => present(m, req.lang)),
      ...pageLinks({ total, page: query.page, pages }),
    });
  });

  router.get('/outbox/:id', async (req, res) => {
    const message = await findMessage(req.params);
    res.render('mail-admin/show', {
      titleKey: 'outbox.messageTitle',
      message: present(message, req.lang),
      text: message.text,
      hasHtml: Boolean(message.html),
      attachments: (message.attachments ?? []).map((a, index) => ({
        index,
        filename: a.filename ?? '',
        contentType: a.contentType ?? '',
        bytes: attachmentBytes(a.content).length,
      })),
    });
  });

  /** A file sent with the message, as it went out; always downloaded, never shown in the page. */
  router.get('/outbox/:id/attachments/:index', async (req, res) => {
    const { id, index } = parseParams(attachmentParam, req.params);
    const message = await OutboxMessage.findById(id).lean<OutboxDoc>();
    const attachment = message?.attachments?.[index];
    if (!attachment) throw new NotFoundError();
    res
      .set({
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'X-Content-Type-Options': 'nosniff',
      })
      .attachment(attachment.filename || `attachment-${index + 1}`)
      .type(attachment.contentType || 'application/octet-stream')
      .send(attachmentBytes(attachment.content));
  });

  /** The stored HTML on a page of its own under a policy that lets it do nothing but show itself. */
  router.get('/outbox/:id/html', async (req, res) => {
    const message = await findMessage(req.params);
    if (!message.html) throw new NotFoundError();
    res
      .set({
        'Content-Security-Policy': OUTBOX_HTML_CSP,
        'Content-Disposition': 'inline',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .type('html')
      .send(message.html);
  });

  return router;
}
