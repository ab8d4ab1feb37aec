import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { DomainError, FieldError } from '../lib/errors.ts';
import { formatIban } from '../lib/iban.ts';
import { getSettings } from '../settings/service.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localized } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { formLimiter } from '../web/rate-limit.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, checkAttachments } from './attachments.ts';
import { invoiceCheckoutUrl } from './card.ts';
import { invoicePdf, pdfFileName, quotePdf } from './documents.ts';
import { amountDue, getInvoice, invoiceLabel, invoicesOf, settlementOf } from './invoices.ts';
import type { ServiceContext } from './notify.ts';
import { eventLabel, labels } from './present.ts';
import {
  acceptForm,
  declineForm,
  requestForm,
  tokenInvoiceParam,
  tokenParam,
  tokenVersionParam,
} from './schemas.ts';
import {
  acceptQuote,
  declineQuote,
  getQuote,
  quotesOf,
  requestByToken,
  requestableServices,
  submitRequest,
  timeline,
} from './service.ts';

type Values = Record<string, string>;

/** Multipart parsing of the request form: files stay in memory, bounded in size and count. */
function attachmentUpload(req: Request, res: Response, next: NextFunction): void {
  const parser = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES,
      files: MAX_ATTACHMENTS,
      fields: 40,
      fieldSize: 16 * 1024,
      parts: 60,
    },
  }).array('attachments', MAX_ATTACHMENTS);
  parser(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError) {
      res.locals.uploadError =
        err.code === 'LIMIT_FILE_SIZE'
          ? { key: 'request.errors.fileTooLarge', params: { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 } }
          : err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE'
            ? { key: 'request.errors.tooManyFiles', params: { max: MAX_ATTACHMENTS } }
            : { key: 'errors.uploadFailed', params: {} };
      req.body = plainFields(req.body);
      req.files = [];
      return next();
    }
    // Anything else the parser reports is a malformed or cut-off body: the client's fault.
    if (err) return next(new DomainError(400, 'errors.badRequest'));
    req.body = plainFields(req.body);
    next();
  });
}

/**
 * Multer turns `name[$ne]=x` into `{ name: { $ne: 'x' } }`; like the URL-encoded parser, the form
 * gets only plain text fields, so such a field is simply absent.
 */
function plainFields(body: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') flat[key] = value;
  }
  return flat;
}

/** Only plain strings go back into the form: a crafted field (`companyName[$ne]`) never reaches a view. */
function formValues(body: unknown): Values {
  const values: Values = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') values[k] = v;
  }
  return values;
}

/** The public side of business service requests: request form, private tracking page, quote acceptance, PDFs. */
export function serviceRequestRoutes(deps: ModuleRouteDeps): Router {
  const { csrf, commerce } = deps;
  const router = Router();
  const ctx = (by: string): ServiceContext => ({
    by,
    mailer: commerce.mailer,
    publicUrl: commerce.publicUrl,
  });

  async function renderForm(
    req: Request,
    res: Response,
    values: Values,
    errors: FieldErrors = {},
    status = 200,
  ) {
    const services = await requestableServices();
    res.status(status).render('services/form', {
      titleKey: 'requests.formTitle',
      services: services.map((s) => ({
        id: String(s._id),
        title: localized(s.title, req.lang),
        selected: values.service === String(s._id),
      })),
      otherSelected: values.service === 'other',
      values,
      errors,
      maxFiles: MAX_ATTACHMENTS,
      maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024,
    });
  }

  router.get('/requests/new', csrf.issueToken, async (req, res) => {
    const slug = typeof req.query.service === 'string' ? req.query.service : '';
    const services = await requestableServices();
    const chosen = services.find((s) => s.slug === slug || String(s._id) === slug);
    await renderForm(req, res, { service: chosen ? String(chosen._id) : '', quantity: '1' });
  });

  const submitLimiter = formLimiter('service-request', 40);

  router.post('/requests/new', submitLimiter, csrf.issueToken, attachmentUpload, async (req, res) => {
    const values = formValues(req.body);
    const parsed = parseForm(requestForm, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const uploadError = res.locals.uploadError as FieldErrors[string] | undefined;
    if (uploadError) errors.attachments = uploadError;
    let checked: Awaited<ReturnType<typeof checkAttachments>> = [];
    if (!errors.attachments) {
      const files = Array.isArray(req.files) ? req.files : [];
      try {
        checked = await checkAttachments(
          files.filter((f) => f.size > 0).map((f) => ({ originalName: f.originalname, buffer: f.buffer })),
        );
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        errors[err.field] = { key: err.messageKey, params: err.params };
      }
    }
    if (!parsed.ok || Object.keys(errors).length) return renderForm(req, res, values, errors, 422);
    try {
      const request = await submitRequest(parsed.data, checked, req.lang, ctx('customer'));
      res.redirect(303, `/requests/${request.token}?submitted=1`);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderForm(
          req,
          res,
          values,
          { [err.field]: { key: err.messageKey, params: err.params } },
          422,
        );
      }
      throw err;
    }
  });

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
          payable: inv.kind === 'invoice' && !settled && request.state === 'invoiced' && due > 0,
        };
      }),
    );
    res.set('Cache-Control', 'no-store');
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
        stateLabel: labels.state(req.lang, request.state),
        company: request.company,
        contact: request.contact,
        serviceTitle: localized(request.serviceTitle, req.lang),
        description: request.description,
        quantity: request.quantity,
        desiredOn: request.desiredOn,
        scheduledOn: request.scheduledOn,
        createdAt: request.createdAt,
        cancelReason: request.cancelReason,
      },
      events: events.map((e) => ({
        at: e.at,
        kind: e.kind,
        label: eventLabel(req.lang, e, false),
        note: e.kind === 'state' ? '' : e.note,
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
    res.redirect(303, `/requests/${token}`);
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
      res.redirect(303, `/requests/${token}`);
    },
  );

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

  router.post('/requests/:token/invoices/:invoiceId/pay', async (req, res) => {
    const { request, invoice } = await tokenInvoice(req);
    const payable =
      invoice.kind === 'invoice' && request.state === 'invoiced' && !(await settlementOf(invoice._id));
    if (!payable || !commerce.stripe) return res.redirect(303, `/requests/${request.token}`);
    res.redirect(303, await invoiceCheckoutUrl(commerce.stripe, invoice, request, commerce.publicUrl));
  });

  return router;
}

export function sendPdf(res: Response, pdf: Buffer, fileName: string): void {
  res.set('Content-Type', 'application/pdf');
  res.set('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Cache-Control', 'private, no-store');
  res.send(pdf);
}
