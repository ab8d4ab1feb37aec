import { Router, type Request, type Response } from 'express';
import { renderPackingSlipsPdf } from '../pdf/documents.ts';
import { ConflictError } from '../lib/errors.ts';
import type { Commerce } from '../payments/service.ts';
import { getSettings } from '../settings/service.ts';
import { parseForm, parseParams, type FieldErrors, type FieldMessage } from '../web/form-fields.ts';
import { translate } from '../web/i18n.ts';
import { conflictMessage } from './admin-present.ts';
import { ordersByIds } from './queries.ts';
import { bulkForm, orderIdParam, slipsQuery } from './schemas.ts';
import { packingSlip } from './slips.ts';
import { markReady } from './transitions.ts';

const idsQuery = (ids: string[]) =>
  new URLSearchParams(ids.map((id): [string, string] => ['ids', id])).toString();

/** The first message of a selection's errors (ids, action), for a page that has no field to mark. */
function selectionError(errors: FieldErrors): FieldMessage {
  const entry =
    Object.entries(errors).find(([k]) => k === 'ids' || k.startsWith('ids.')) ?? Object.entries(errors)[0];
  return entry?.[1] ?? { key: 'ordersAdmin.errors.selectionInvalid', params: {} };
}

/**
 * Order handling for marketing and admin (mounted inside the orders router, behind its role guard):
 * packing slips of one order or of a selection (print page and PDF), and the list's bulk actions.
 */
export function orderHandlingRoutes(deps: { commerce: Commerce }): Router {
  const router = Router();

  async function sendSlips(req: Request, res: Response, ids: string[], pdf: boolean) {
    const orders = await ordersByIds(ids);
    if (orders.length !== ids.length) return refuseSelection(req, res, 404, unknownOrder());
    const slips = orders.map((o) => packingSlip(o, req.lang));
    if (!pdf) {
      return res.render('orders/admin/slips', {
        layout: false,
        titleKey: 'ordersAdmin.slips.title',
        slips,
        pdfHref: `/admin/orders/slips.pdf?${idsQuery(ids)}`,
      });
    }
    const settings = await getSettings();
    const body = await renderPackingSlipsPdf({ lang: req.lang, organisationName: settings.legalName, slips });
    const name = slips.length === 1 ? slips[0]!.number : `${slips.length}`;
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="pakavimo-lapai-${name}.pdf"`,
    });
    res.send(body);
  }

  function unknownOrder(): FieldMessage {
    return { key: 'ordersAdmin.errors.unknownOrder', params: {} };
  }

  function refuseSelection(req: Request, res: Response, status: number, error: FieldMessage) {
    res.status(status).render('orders/admin/bulk-result', {
      titleKey: 'ordersAdmin.bulk.resultTitle',
      error,
      rows: [],
    });
  }

  router.get('/orders/slips', async (req, res) => {
    const parsed = parseForm(slipsQuery, req.query);
    // Opened with nothing selected, the page says what to do (a page, not a refused form: 200).
    const empty = req.query.ids === undefined;
    if (!parsed.ok) return refuseSelection(req, res, empty ? 200 : 422, selectionError(parsed.errors));
    await sendSlips(req, res, parsed.data.ids, false);
  });

  router.get('/orders/slips.pdf', async (req, res) => {
    const parsed = parseForm(slipsQuery, req.query);
    const empty = req.query.ids === undefined;
    if (!parsed.ok) return refuseSelection(req, res, empty ? 200 : 422, selectionError(parsed.errors));
    await sendSlips(req, res, parsed.data.ids, true);
  });

  router.get('/orders/:id/slip', async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await sendSlips(req, res, [id], false);
  });

  router.get('/orders/:id/slip.pdf', async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await sendSlips(req, res, [id], true);
  });

  /**
   * A bulk action on a selection of the list. The whole selection is checked first (format, size,
   * every order exists), so a bad one changes nothing; then each order goes through the same once-only
   * move as on its own page, and the page says which ones were done and which refused, and why.
   */
  router.post('/orders/bulk', async (req, res) => {
    const parsed = parseForm(bulkForm, req.body ?? {});
    if (!parsed.ok) return refuseSelection(req, res, 422, selectionError(parsed.errors));
    const { action, ids } = parsed.data;
    const orders = await ordersByIds(ids);
    if (orders.length !== ids.length) return refuseSelection(req, res, 422, unknownOrder());
    if (action === 'slips') {
      return res.redirect(303, `/admin/orders/slips?${idsQuery(ids)}`);
    }
    const ctx = deps.commerce.context(req.staff!.name);
    const rows = [];
    for (const order of orders) {
      const id = String(order._id);
      try {
        await markReady(id, ctx);
        rows.push({ id, number: order.number, done: true, reason: null });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        rows.push({ id, number: order.number, done: false, reason: conflictMessage(err, req.lang) });
      }
    }
    const done = rows.filter((r) => r.done).length;
    res.render('orders/admin/bulk-result', {
      titleKey: 'ordersAdmin.bulk.resultTitle',
      summary: translate(req.lang, 'ordersAdmin.bulk.summary', { done, refused: rows.length - done }),
      rows,
    });
  });

  return router;
}
