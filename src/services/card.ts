import type Stripe from 'stripe';
import type { Logger } from 'pino';
import type { Commerce } from '../payments/service.ts';
import { InvoiceCheckout, type InvoiceDoc, type ServiceRequestDoc } from './model.ts';
import { amountDue, getInvoice, invoiceLabel, markInvoicePaid } from './invoices.ts';
import { trackingUrl, type ServiceContext } from './notify.ts';
import { addEvent, loadRequest } from './transitions.ts';

const HOUR = 3600_000;

/**
 * Opens (or reuses) a Stripe Checkout Session for what is due on an invoice. Its metadata names the
 * invoice; the session is recorded so that the webhook honours only sessions this app made. The
 * expiry is the next whole hour at least 40 minutes away, so a double click sends the same request
 * with the same idempotency key.
 */
export async function invoiceCheckoutUrl(
  stripe: Stripe,
  invoice: InvoiceDoc,
  request: ServiceRequestDoc,
  publicUrl: string,
): Promise<string> {
  const open = await InvoiceCheckout.findOne({
    invoiceId: invoice._id,
    expiresAt: { $gt: new Date(Date.now() + 5 * 60_000) },
  })
    .sort({ createdAt: -1 })
    .lean();
  if (open) return open.url;
  const id = String(invoice._id);
  const due = await amountDue(invoice);
  const expiresAt = new Date(Math.ceil((Date.now() + 40 * 60_000) / HOUR) * HOUR);
  const statusUrl = trackingUrl(publicUrl, request);
  const lang = invoice.lang === 'en' ? 'en' : 'lt';
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: id,
      customer_email: request.contact!.email,
      locale: lang,
      metadata: { invoiceId: id, invoiceNumber: invoiceLabel(invoice) },
      payment_intent_data: { metadata: { invoiceId: id, invoiceNumber: invoiceLabel(invoice) } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'eur',
            unit_amount: due,
            product_data: { name: `${lang === 'en' ? 'Invoice' : 'Sąskaita'} ${invoiceLabel(invoice)}` },
          },
        },
      ],
      success_url: `${statusUrl}?payment=done`,
      cancel_url: `${statusUrl}?payment=cancelled`,
      expires_at: Math.floor(expiresAt.getTime() / 1000),
    },
    { idempotencyKey: `invoice-checkout:${id}:${due}:${expiresAt.getTime()}` },
  );
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
  await InvoiceCheckout.updateOne(
    { _id: session.id },
    { $setOnInsert: { invoiceId: invoice._id, url: session.url, expiresAt, createdAt: new Date() } },
    { upsert: true },
  );
  return session.url;
}

/**
 * A completed Checkout Session of an invoice (the webhook calls this first; false means
 * the session is not an invoice's and the order handling takes it). Pays the invoice once, if Stripe
 * took exactly what was due.
 */
export async function invoiceSessionCompleted(
  session: Stripe.Checkout.Session,
  commerce: Commerce,
  at: Date,
  logger: Logger,
): Promise<boolean> {
  if (!session.metadata?.invoiceId) return false;
  const record = await InvoiceCheckout.findById(session.id).lean();
  if (!record) {
    logger.warn({ session: session.id }, 'Stripe session for no known invoice');
    return true;
  }
  const invoice = await getInvoice(String(record.invoiceId));
  const request = await loadRequest(String(invoice.requestId));
  if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
    await addEvent(request._id, { kind: 'payment_processing', by: 'stripe' });
    return true;
  }
  const due = await amountDue(invoice);
  if (session.amount_total !== due || session.currency !== 'eur') {
    logger.error({ invoice: invoiceLabel(invoice), amount: session.amount_total }, 'Stripe amount differs');
    await addEvent(request._id, {
      kind: 'payment_mismatch',
      by: 'stripe',
      note: `${session.amount_total} ${session.currency}`,
    });
    return true;
  }
  const pi = session.payment_intent;
  const ctx: ServiceContext = { by: 'stripe', mailer: commerce.mailer, publicUrl: commerce.publicUrl, at };
  await markInvoicePaid(
    String(invoice._id),
    {
      method: 'card',
      at,
      stripeSessionId: session.id,
      stripePaymentIntentId: typeof pi === 'string' ? pi : (pi?.id ?? undefined),
    },
    ctx,
  );
  return true;
}
