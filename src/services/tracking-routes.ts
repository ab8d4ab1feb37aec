/**
 * The business's private tracking page `/requests/<token>`: the timeline, answering quotes, the
 * quote and invoice PDFs and paying an invoice by card.
 */
import type { Request, Response, Router } from 'express';
import { DomainError } from '../lib/errors.ts';
import { formatIban } from '../lib/iban.ts';
import { getSettings } from '../settings/service.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localized } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { formLimiter } from '../web/rate-limit.ts';
import { invoiceCheckoutUrl } from './card.ts';
import { invoicePdf, invoiceXml, pdfFileName, quotePdf } from './documents.ts';
import { ublFileName } from './ubl.ts';
import { amountDue, getInvoice, invoiceLabel, invoicesOf, settlementOf } from './invoices.ts';
import type { ServiceContext } from './notify.ts';
import { eventLabel, eventNote, labels } from './present.ts';
import { readAttachment } from './attachments.ts';
import {
  acceptForm,
  declineForm,
  tokenAttachmentParam,
  tokenInvoiceParam,
  tokenParam,
  tokenVersionParam,
} from './schemas.ts';
import {
  acceptQuote,
  awaitsPayment,
  declineQuote,
  getQuote,
  quotesOf,
  requestByToken,
  timeline,
} from './service.ts';
import { fileSize, formValues, sendPdf, sendXml, type Values } from './web-helpers.ts';

/** Registers the tracking page and what is done from it on the public router. */
export function trackingRoutes(
  router: Router,
  deps: ModuleRouteDeps,
  ctx: (by: string) => ServiceContext,
): void {
  const { csrf, commerce } = deps;

  async function byToken(req: Request) {
    const { token } = parseParams(tokenParam, req.params);
    return requestByToken(token);
  }

  async function renderTracking(
    req: Request,
    res: Response,
    extra: { errors?: FieldErrors; values?: Values; conflict?: { key: string; params: object } } = {},
    status = 200,
  ) {
    const request = await byToken(req);
    const [events, quotes, invoices, settings] = await Promise.all([
      timeline(request._id, true),
      quotesOf(request._id),
      invoicesOf(request._id),
      getSettings(),
    ]);
    const cardEnabled = commerce.stripe !== null;
    const invoiceViews = await Promise.all(
      invoices.map(async (inv) => {
        const settled = await settlementOf(inv._id);
        const due = inv.kind === 'invoice' ? await amountDue(inv) : 0;
        return {
          id: String(inv._id),
          label: invoiceLabel(inv),
          isCreditNote: inv.kind === 'credit_note',
          issuedOn: inv.issuedOn,
          dueOn: inv.dueOn,
          grossCents: inv.totals!.grossCents,
          dueCents: due,
          paid: Boolean(settled),
          payable: inv.kind === 'invoice' && !settled && awaitsPayment(request.state) && due > 0,
        };
      }),
    );
    res.set('X-Robots-Tag', 'noindex');
    res.status(status).render('services/track', {
      titleKey: 'request.trackTitle',
      noindex: true,
      submitted: req.query.submitted === '1',
      paymentReturn:
        req.query.payment === 'done' || req.query.payment === 'cancelled' ? req.query.payment : null,
      request: {
        token: request.token,
        reference: request.reference,
        state: request.state,
        stateLabel: labels.state(req.lang, request.state, req.easyRead),
        company: request.company,
        contact: request.contact,
        serviceTitle: localized(request.serviceTitle, req.lang),
        description: request.description,
        quantity: request.quantity,
        desiredOn: request.desiredOn,
        scheduledOn: request.scheduledOn,
        createdAt: request.createdAt,
        cancelReason: request.cancelReason,
        attachments: (request.attachments ?? []).map((a) => ({
          key: a.key,
          name: a.name,
          size: fileSize(a.size, req.lang),
        })),
      },
      events: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        label: eventLabel(req.lang, e, false, req.easyRead),
        note: e.kind === 'state' ? '' : eventNote(req.lang, e),
      })),
      quotes: quotes
        .filter((q) => q.status !== 'draft')
        .map((q) => ({
          ...q,
          statusLabel: labels.quoteStatus(req.lang, q.status),
          open: request.state === 'quoted' && request.quoteVersion === q.version && q.status === 'sent',
        }))
        .reverse(),
      invoices: invoiceViews,
      cardEnabled,
      bank: {
        recipient: settings.legalName,
        iban: settings.iban ? formatIban(settings.iban) : '',
        bankName: settings.bankName,
      },
      errors: extra.errors ?? {},
      values: extra.values ?? {},
      conflict: extra.conflict,
    });
  }

  router.get('/requests/:token', csrf.issueToken, (req, res) => renderTracking(req, res));

  const answerLimiter = formLimiter('quote-answer', 30);

  router.post('/requests/:token/quotes/:version/accept', answerLimiter, csrf.issueToken, async (req, res) => {
    const { token, version } = parseParams(tokenVersionParam, req.params);
    const parsed = parseForm(acceptForm, req.body);
    if (!parsed.ok)
      return renderTracking(req, res, { errors: parsed.errors, values: formValues(req.body) }, 422);
    try {
      await acceptQuote(token, version, { name: parsed.data.acceptedBy, ip: req.ip ?? '' }, ctx('customer'));
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return renderTracking(req, res, { conflict: { key: err.messageKey, params: err.params } }, 409);
    }
    res.redirect(303, `/requests/${token}/quotes/${version}/next`);
  });

  router.post(
    '/requests/:token/quotes/:version/decline',
    answerLimiter,
    csrf.issueToken,
    async (req, res) => {
      const { token, version } = parseParams(tokenVersionParam, req.params);
      const parsed = parseForm(declineForm, req.body);
      if (!parsed.ok)
        return renderTracking(req, res, { errors: parsed.errors, values: formValues(req.body) }, 422);
      try {
        await declineQuote(token, version, parsed.data.reason, ctx('customer'));
      } catch (err) {
        if (!(err instanceof DomainError) || err.status === 404) throw err;
        return renderTracking(req, res, { conflict: { key: err.messageKey, params: err.params } }, 409);
      }
      res.redirect(303, `/requests/${token}/quotes/${version}/next`);
    },
  );

  /** A file the business attached to its request, as it sent it; always downloaded, never shown. */
  router.get('/requests/:token/attachments/:key', async (req, res) => {
    const { token, key } = parseParams(tokenAttachmentParam, req.params);
    const request = await requestByToken(token);
    const ref = request.attachments.find((a) => a.key === key);
    const data = ref ? await readAttachment(ref.key) : null;
    if (!ref || !data) throw new DomainError(404, 'errors.notFound');
    res.set({
      'Content-Type': ref.mime,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(ref.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Robots-Tag': 'noindex',
    });
    res.send(data);
  });

  router.get('/requests/:token/quotes/:version/pdf', async (req, res) => {
    const { token, version } = parseParams(tokenVersionParam, req.params);
    const request = await requestByToken(token);
    const quote = await getQuote(request._id, version);
    if (quote.status === 'draft') throw new DomainError(404, 'errors.notFound');
    const pdf = await quotePdf(request, quote, await getSettings(), commerce.publicUrl);
    sendPdf(res, pdf, `${request.reference}-v${version}.pdf`);
  });

  async function tokenInvoice(req: Request) {
    const { token, invoiceId } = parseParams(tokenInvoiceParam, req.params);
    const request = await requestByToken(token);
    const invoice = await getInvoice(invoiceId);
    if (String(invoice.requestId) !== String(request._id)) throw new DomainError(404, 'errors.notFound');
    return { request, invoice };
  }

  router.get('/requests/:token/invoices/:invoiceId/pdf', async (req, res) => {
    const { invoice } = await tokenInvoice(req);
    sendPdf(res, await invoicePdf(invoice), pdfFileName(invoiceLabel(invoice)));
  });
  router.get('/requests/:token/invoices/:invoiceId/ubl.xml', async (req, res) => {
    const { invoice } = await tokenInvoice(req);
    sendXml(res, await invoiceXml(invoice), ublFileName(invoice));
  });

  router.post('/requests/:token/invoices/:invoiceId/pay', async (req, res) => {
    const { request, invoice } = await tokenInvoice(req);
    const payable =
      invoice.kind === 'invoice' && awaitsPayment(request.state) && !(await settlementOf(invoice._id));
    if (!payable || !commerce.stripe) return res.redirect(303, `/requests/${request.token}`);
    res.redirect(303, await invoiceCheckoutUrl(commerce.stripe, invoice, request, commerce.publicUrl));
  });
}
