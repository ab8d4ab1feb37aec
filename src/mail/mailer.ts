import type mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.ts';
import { getSettings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import type { OutboxDoc } from './model.ts';
import { attemptDelivery, deliverDue, enqueue, type Delivery, type DeliveryCounts } from './queue.ts';

export { referencesWithMessage } from './queue.ts';
import { forTransport } from './attachments.ts';
import { brandingFromSettings } from './layout.ts';
import { renderOrderMail } from './render.ts';
import type { OrderMail } from './types.ts';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export type MailerConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>;

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the message is about, e.g. order.received. */
  kind: string;
  lang: Lang;
  /** Files sent with the message (a quote's PDF): kept in the outbox with it. */
  attachments?: MailAttachment[];
  /** What it refers to, e.g. the order number ('' for nothing): the outbox can be filtered by it. */
  reference: string;
  /**
   * The event that causes the message, e.g. `order.received:<order id>`: a message is queued once
   * per key, however often the event is reported (a retried request, the recovery job). Without
   * one every call queues a message.
   */
  key?: string;
}

export interface Mailer {
  /** Composes the order e-mail in the mail's language and queues it (see `send`). */
  sendOrderMail(mail: OrderMail): Promise<void>;
  /**
   * Stores the message in the outbox as `queued` (durable before this resolves), then tries to send
   * it in the background. Never throws: an order must not fail because mail did.
   */
  send(message: OutgoingMessage): Promise<void>;
}

/** The mailer the app builds: it also runs the queue. */
export interface QueueingMailer extends Mailer {
  /** The scheduled job: attempts every queued or retrying message that is due by `now`. */
  deliverQueued(now?: Date): Promise<DeliveryCounts>;
  /** Resolves when the background attempts started so far have finished (shutdown, tests). */
  settled(): Promise<void>;
}

/**
 * Timeouts unless the SMTP URL sets its own (`?connectionTimeout=…`): a stuck mail server must not hold
 * an order's request for nodemailer's default minutes.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function smtpUrlWithTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of Object.entries(SMTP_TIMEOUTS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}

/** The host of the public URL, for the default sender `no-reply@host`. */
function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  } catch {
    return 'localhost';
  }
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return (typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message).slice(
    0,
    2000,
  );
}

/**
 * Mail for customers. Every message is first stored in the outbox (`queued`), then sent from there:
 * at once in the background and, when that fails or the process died first, by the `send-queued-mail`
 * job with retries. With `smtpUrl` messages go to that SMTP server and end `sent` (or `failed` after
 * the last retry); without it nodemailer still builds each message (JSON transport) and the outbox
 * keeps it as `stored`, for development and tests.
 */
export function createMailer(config: MailerConfig, deps: { logger?: Logger } = {}): QueueingMailer {
  const logger = deps.logger ?? pino({ name: 'mail' });
  const smtp = Boolean(config.smtpUrl);
  let transport: Mail | undefined;
  const inFlight = new Set<Promise<unknown>>();

  function transporter(): Mail {
    transport ??= config.smtpUrl
      ? nodemailer.createTransport(smtpUrlWithTimeouts(config.smtpUrl))
      : nodemailer.createTransport({ jsonTransport: true });
    return transport;
  }

  /** `MAIL_FROM`, else "<organisation name> <no-reply@host of the public URL>". */
  async function sender(): Promise<{ header?: { name: string; address: string }; display: string }> {
    if (config.mailFrom) return { display: config.mailFrom };
    const address = `no-reply@${hostOf(config.publicUrl)}`;
    let name = '';
    try {
      // A name stored before line breaks were refused must not break the From header either.
      name = ((await getSettings()).displayName ?? '').replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
    } catch (err) {
      logger.warn({ err }, 'mail: organisation settings unavailable, sending without a sender name');
    }
    return name ? { header: { name, address }, display: `${name} <${address}>` } : { display: address };
  }

  const delivery: Delivery = {
    smtp,
    errorText,
    async deliver(message: OutboxDoc) {
      const info = await transporter().sendMail({
        from: message.sender?.address
          ? { name: message.sender.name ?? '', address: message.sender.address }
          : message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.attachments?.length ? { attachments: forTransport(message.attachments) } : {}),
      });
      return typeof info.messageId === 'string' ? info.messageId : '';
    },
  };

  function inBackground(work: Promise<unknown>): void {
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  async function attempt(id: mongoose.Types.ObjectId, message: OutgoingMessage): Promise<void> {
    try {
      const outcome = await attemptDelivery(id, delivery);
      if (outcome === 'retrying' || outcome === 'failed') {
        logger.error({ kind: message.kind, reference: message.reference, outcome }, 'mail: delivery failed');
      }
    } catch (err) {
      // Still queued: the job tries again.
      logger.error({ err, kind: message.kind, reference: message.reference }, 'mail: attempt not recorded');
    }
  }

  async function send(message: OutgoingMessage): Promise<void> {
    const from = await sender();
    let queued;
    try {
      queued = await enqueue({
        ...(message.key ? { key: message.key } : {}),
        to: message.to,
        from: from.display,
        ...(from.header ? { sender: from.header } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        kind: message.kind,
        lang: message.lang,
        reference: message.reference,
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      });
    } catch (err) {
      logger.error({ err, kind: message.kind, reference: message.reference }, 'mail: queueing failed');
      return;
    }
    if (queued.queued) inBackground(attempt(queued.id, message));
  }

  /** The workshop's logo for the layout's header; '' (its name in text) when settings fail. */
  async function logoUrl(): Promise<string> {
    try {
      return (await brandingFromSettings(config.publicUrl)).logoUrl;
    } catch (err) {
      logger.warn({ err }, 'mail: organisation settings unavailable, the e-mail shows the name only');
      return '';
    }
  }

  async function sendOrderMail(mail: OrderMail): Promise<void> {
    let rendered;
    try {
      rendered = await renderOrderMail(mail, await logoUrl());
    } catch (err) {
      logger.error({ err, kind: mail.kind, reference: mail.order.number }, 'mail: rendering failed');
      return;
    }
    await send({
      to: mail.to,
      ...rendered,
      kind: `order.${mail.kind}`,
      lang: mail.lang,
      reference: mail.order.number,
      ...(mail.key ? { key: mail.key } : {}),
    });
  }

  async function deliverQueued(now = new Date()): Promise<DeliveryCounts> {
    const counts = await deliverDue(delivery, now);
    if (counts.retrying || counts.failed) logger.warn({ ...counts }, 'mail: queued messages not delivered');
    return counts;
  }

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return { send, sendOrderMail, deliverQueued, settled };
}
