/**
 * Staff pages that ask before something cannot be undone, and the buyer's details editor:
 * the invoice preview (`GET /admin/requests/:id/invoice`), whose confirm button posts the issuing
 * (or the completion that issues it) with `confirm=1`; a post without it shows the preview again.
 * The buyer's details page (`/admin/requests/:id/buyer`) edits them until an invoice exists.
 */
import type { Request, Response, Router } from 'express';
import { DomainError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import { newFormKey } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { translate } from '../web/i18n.ts';
import type { StaffPage } from './admin-page.ts';
import { buyerEditable, buyerValues, updateBuyer } from './buyer.ts';
import { invoicePreview } from './invoices.ts';
import { postalAddress } from './parties.ts';
import { labels } from './present.ts';
import { unitLabel } from './units.ts';
import { buyerForm, confirmed, idParam } from './schemas.ts';
import { getRequest } from './service.ts';
import { formValues, type Values } from './web-helpers.ts';

/** The issuing posts (`/invoice`, `/complete`) go through here: without the confirmation, the preview again. */
export function requireConfirmation(
  handler: (req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    if (confirmed(req.body)) return handler(req, res);
    await renderPreview(req, res, 422, { key: 'confirm.requiredIssue', params: {} });
  };
}

async function renderPreview(req: Request, res: Response, status = 200, error?: object) {
  const { id } = parseParams(idParam, req.params);
  const request = await getRequest(id);
  const preview = await invoicePreview(id, req.staff?.name ?? '');
  res.status(preview ? status : 409).render('services/admin/invoice-preview', {
    title: translate(req.lang, 'invoice.previewTitle', { reference: request.reference }),
    request: { id, reference: request.reference, stateLabel: labels.state(req.lang, request.state) },
    preview: preview && {
      ...preview,
      sellerAddress: postalAddress(preview.seller, req.lang),
      buyerAddress: postalAddress(preview.buyer, req.lang),
      missingBuyer: preview.missingBuyer
        .map((f) => translate(req.lang, `invoice.buyerField.${f}`))
        .join(', '),
      lines: preview.lines.map((l) => ({ ...l, unitLabel: unitLabel(req.lang, l.unit ?? 'H87') })),
    },
    completes: request.state === 'in_progress',
    action: request.state === 'in_progress' ? 'complete' : 'invoice',
    error,
    formKey: newFormKey(),
  });
}

async function renderBuyer(
  req: Request,
  res: Response,
  extra: { values?: Values; errors?: FieldErrors; conflict?: object } = {},
  status = 200,
) {
  const { id } = parseParams(idParam, req.params);
  const request = await getRequest(id);
  const conflict = extra.conflict ?? (buyerEditable(request) ? undefined : { key: 'buyer.errors.locked' });
  res.status(status).render('services/admin/buyer', {
    title: translate(req.lang, 'buyer.editTitle', { reference: request.reference }),
    request: { id, reference: request.reference },
    values: extra.values ?? buyerValues(request),
    errors: extra.errors ?? {},
    conflict,
    editable: buyerEditable(request),
  });
}

export function reviewAdminRoutes(router: Router, page: StaffPage): void {
  const { ctx } = page;

  router.get('/requests/:id/invoice', (req, res) => renderPreview(req, res));

  router.get('/requests/:id/buyer', (req, res) => renderBuyer(req, res));
  router.post('/requests/:id/buyer', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const values = formValues(req.body);
    const parsed = parseForm(buyerForm, req.body);
    if (!parsed.ok) return renderBuyer(req, res, { values, errors: parsed.errors }, 422);
    try {
      const changed = await updateBuyer(id, parsed.data, ctx(req));
      flash(req, changed.length ? 'success' : 'info', changed.length ? 'buyer.saved' : 'buyer.unchanged');
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return renderBuyer(
        req,
        res,
        { values, conflict: { key: err.messageKey, params: err.params } },
        err.status,
      );
    }
    res.redirect(303, `/admin/requests/${id}`);
  });
}
