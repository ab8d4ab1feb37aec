import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.ts';
import { getSettings } from '../settings/service.ts';
import type { Lang } from '../web/i18n.ts';
import { OutboxMessage, type OutboxStatus } from './model.ts';
import { renderOrderMail } from './render.ts';
import type { OrderMail } from './types.ts';

export type MailerConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>;

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the message is about, e.g. order.received. */
  kind: string;
  lang: Lang;
  /** What it refers to, e.g. the order number ('' for nothing): the outbox can be filtered by it. */
  reference: string;
}

export interface Mailer {
  /** Composes the order e-mail in the mail's language, sends it (or stores it) and records it in the outbox. */
  sendOrderMail(mail: OrderMail): Promise<void>;
  /** Sends (or, without SMTP, only stores) a composed message and records it in the outbox. */
  send(message: OutgoingMessage): Promise<void>;
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
 * Mail for customers. With `smtpUrl` messages go to that SMTP server and the outbox records `sent` or
 * `failed`; without it nodemailer still builds each message (JSON transport) and the outbox keeps it as
 * `stored`, for development and tests. Sending never throws: an order must not fail because mail did.
 */
export function createMailer(config: MailerConfig, deps: { logger?: Logger } = {}): Mailer {
  const logger = deps.logger ?? pino({ name: 'mail' });
  const smtp = Boolean(config.smtpUrl);
  let transport: Mail | undefined;

  function transporter(): Mail {
    transport ??= config.smtpUrl
      ? nodemailer.createTransport(smtpUrlWithTimeouts(config.smtpUrl))
      : nodemailer.createTransport({ jsonTransport: true });
    return transport;
  }

  /** `MAIL_FROM`, else "<organisation name> <no-reply@host of the public URL>". */
  async function sender(): Promise<{ header: string | Mail.Address; display: string }> {
    if (config.mailFrom) return { header: config.mailFrom, display: config.mailFrom };
    const address = `no-reply@${hostOf(config.publicUrl)}`;
    let name = '';
    try {
      name = (await getSettings()).displayName?.trim() ?? '';
    } catch (err) {
      logger.warn({ err }, 'mail: organisation settings unavailable, sending without a sender name');
    }
    return name
      ? { header: { name, address }, display: `${name} <${address}>` }
      : { header: address, display: address };
  }

  async function send(message: OutgoingMessage): Promise<void> {
    const createdAt = new Date();
    const from = await sender();
    let status: OutboxStatus = smtp ? 'sent' : 'stored';
    let error = '';
    let messageId = '';
    try {
      const info = await transporter().sendMail({
        from: from.header,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      messageId = typeof info.messageId === 'string' ? info.messageId : '';
    } catch (err) {
      status = 'failed';
      error = errorText(err);
      logger.error(
        { err, kind: message.kind, reference: message.reference },
        smtp ? 'mail: delivery failed' : 'mail: composing the message failed',
      );
    }
    try {
      await OutboxMessage.create({
        to: message.to,
        from: from.display,
        subject: message.subject,
        text: message.text,
        html: message.html,
        kind: message.kind,
        lang: message.lang,
        reference: message.reference,
        status,
        error,
        messageId,
        createdAt,
        sentAt: status === 'sent' ? new Date() : null,
      });
    } catch (err) {
      logger.error(
        { err, kind: message.kind, reference: message.reference, status },
        'mail: outbox write failed',
      );
    }
  }

  async function sendOrderMail(mail: OrderMail): Promise<void> {
    let rendered;
    try {
      rendered = renderOrderMail(mail);
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
    });
  }

  return { send, sendOrderMail };
}
