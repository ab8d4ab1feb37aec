/**
 * Staff pages of a shop order's VAT invoice: the buyer's company details
 * (`/admin/orders/:id/invoice-request`) and the invoice's preview, whose confirmation issues it
 * (`/admin/orders/:id/invoice`). The PDF is the services module's (`/admin/service-invoices/:id/pdf`).
 */
import { Router, type Request, type Response } from 'express';
import { ConflictError, DomainError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import { answerOnce, formKeyOf, newFormKey, FORM_KEY_ERROR } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { translate, type Lang } from '../web/i18n.ts';
import {
  invoiceLabel,
  orderInvoiceDocs,
  orderInvoiceGaps,
  orderInvoicePreview,
  postalAddress,
  unitLabel,
  withFieldNames,
} from '../services/service.ts';
import type { OrderDoc } from './service.ts';
import { invoiceRequestForm } from './invoice-schemas.ts';
import { issueInvoiceForOrder, orderForInvoice, saveInvoiceRequest } from './invoices.ts';
import { orderIdParam } from './schemas.ts';
import { getOrder } from './transitions.ts';

type Values = Record<string, string>;
type Conflict = { key: string; params?: Record<string, string | number> };

const PAID = new Set(['paid', 'ready', 'completed']);
const FIELDS = ['companyName', 'companyCode', 'vatCode', 'address', 'city', 'postcode', 'country'] as const;

function valuesOf(order: OrderDoc): Values {
  const r = order.invoiceRequest;
  return Object.fromEntries(
    FIELDS.map((f) => [f, f === 'country' ? r?.country || 'LT' : String(r?.[f] ?? '')]),
  ) as Values;
}

/** What the order page shows of its VAT invoice: the documents issued, or what staff can do. */
export async function invoiceSection(order: OrderDoc, lang: Lang) {
  const docs = await orderInvoiceDocs(String(order._id));
  const gaps = orderInvoiceGaps(orderForInvoice(order));
  return {
    invoice: {
      docs: docs.map((d) => ({
        id: String(d._id),
        label: invoiceLabel(d),
        kindLabel: translate(
          lang,
          d.kind === 'invoice' ? 'orderInvoice.kind.invoice' : 'orderInvoice.kind.creditNote',
        ),
        issuedOn: d.issuedOn,
        grossCents: d.totals?.grossCents ?? 0,
      })),
      canIssue: docs.length === 0 && PAID.has(order.state ?? ''),
      request: order.invoiceRequest
        ? { name: order.invoiceRequest.companyName, address: postalAddress(order.invoiceRequest, lang) }
        : null,
      ready: gaps.length === 0,
    },
  };
}

export function orderInvoiceRoutes(): Router {
  const router = Router();

  async function renderRequest(
    req: Request,
    res: Response,
    extra: { values?: Values; errors?: FieldErrors; conflict?: Conflict } = {},
    status = 200,
  ) {
    const { id } = parseParams(orderIdParam, req.params);
    const order = await getOrder(id);
    const issued = (await orderInvoiceDocs(id)).length > 0;
    const editable = PAID.has(order.state ?? '') && !issued;
    const conflict =
      extra.conflict ??
      (editable ? undefined : { key: issued ? 'orderInvoice.errors.locked' : 'orderInvoice.errors.notPaid' });
    res.status(status).render('orders/admin/invoice-request', {
      title: translate(req.lang, 'orderInvoice.requestTitle', { number: order.number }),
      order: { id, number: order.number },
      values: extra.values ?? valuesOf(order),
      errors: extra.errors ?? {},
      conflict,
      editable,
    });
  }

  async function renderPreview(
    req: Request,
    res: Response,
    extra: { conflict?: Conflict } = {},
    status = 200,
  ) {
    const { id } = parseParams(orderIdParam, req.params);
    const order = await getOrder(id);
    const preview = await orderInvoicePreview(orderForInvoice(order), req.staff?.name ?? '');
    const unavailable = !preview || !PAID.has(order.state ?? '');
    res.status(status).render('orders/admin/invoice', {
      title: translate(req.lang, 'orderInvoice.previewTitle', { number: order.number }),
      order: { id, number: order.number },
      preview: unavailable
        ? null
        : {
            ...preview,
            sellerAddress: postalAddress(preview.seller, req.lang),
            buyerAddress: postalAddress(preview.buyer, req.lang),
            missingBuyer: preview.missingBuyer
              .map((f) => translate(req.lang, `invoice.buyerField.${f}`))
              .join(', '),
            lines: preview.lines.map((l) => ({ ...l, unitLabel: unitLabel(req.lang, l.unit) })),
          },
      conflict: extra.conflict && withFieldNames(req.lang, extra.conflict),
      formKey: newFormKey(),
    });
  }

  router.get('/orders/:id/invoice-request', (req, res) => renderRequest(req, res));
  router.post('/orders/:id/invoice-request', async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : '']),
    ) as Values;
    const parsed = parseForm(invoiceRequestForm, body);
    if (!parsed.ok) return renderRequest(req, res, { values, errors: parsed.errors }, 422);
    try {
      await saveInvoiceRequest(id, parsed.data, req.staff!.name);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return renderRequest(
        req,
        res,
        { values, conflict: { key: err.messageKey, params: err.params } },
        err.status,
      );
    }
    flash(req, 'success', 'orderInvoice.requestSaved');
    res.redirect(303, `/admin/orders/${id}/invoice`);
  });

  router.get('/orders/:id/invoice', (req, res) => renderPreview(req, res));
  router.post('/orders/:id/invoice', async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Issuing cannot be undone: only the preview's confirmation issues.
    if (body.confirm !== '1')
      return renderPreview(req, res, { conflict: { key: 'confirm.requiredIssue' } }, 422);
    const key = formKeyOf(req.body);
    if (!key) return renderPreview(req, res, { conflict: FORM_KEY_ERROR }, 422);
    const page = `/admin/orders/${id}`;
    try {
      return await answerOnce(req, res, { form: 'order-invoice', target: id, key, page }, async () => {
        // A replay of this form's key gets the first answer; a confirmation from another page, once
        // the invoice exists, is told so.
        if ((await orderInvoiceDocs(id)).length > 0) throw new ConflictError('orderInvoice.unavailable');
        const invoice = await issueInvoiceForOrder(id, req.staff!.name);
        return { key: 'orderInvoice.issued', params: { invoice: invoiceLabel(invoice) } };
      });
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return renderPreview(req, res, { conflict: { key: err.messageKey, params: err.params } }, err.status);
    }
  });

  return router;
}
