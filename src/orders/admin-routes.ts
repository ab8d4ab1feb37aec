import { vilniusDate } from '../lib/dates.ts';
import { channelIncomeTable } from '../ledger/service.ts';
import { shiftPeriod, vilniusPeriod } from '../lib/dates.ts';
import { Router, type Request, type Response } from 'express';
import { ConflictError } from '../lib/errors.ts';
import { centsToInput, formatCents } from '../lib/money.ts';
import type { Commerce } from '../payments/service.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf, newFormKey } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors, type FieldMessage } from '../web/form-fields.ts';
import { localeOf, translate } from '../web/i18n.ts';
import type { OrderDoc } from './service.ts';
import {
  amountsOf,
  carrierLabel,
  channelLabel,
  conflictMessage,
  methodLabel,
  presentOrder,
  presentRow,
  stateLabel,
} from './admin-present.ts';
import {
  listOrdersForStaff,
  orderTimeline,
  ordersForExport,
  ordersForTotals,
  salesGlance,
  type StaffOrderFilters,
} from './queries.ts';
import {
  CARRIERS,
  ORDER_CHANNELS,
  ORDER_STATES,
  PAYMENT_METHODS,
  cancelForm,
  markPaidForm,
  orderIdParam,
  readyForm,
  refundForm,
  staffOrderQuery,
} from './schemas.ts';
import { allowedActions, paidOnMoment } from './states.ts';
import { UNCOLLECTED_AFTER_DAYS } from './queues.ts';
import {
  cancelOrder,
  getOrder,
  markCompleted,
  markReady,
  refundOrder,
  type OrderContext,
} from './transitions.ts';
import { pageLinks } from '../web/pagination.ts';
import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { ordersCsv, sumOrderAmounts } from './csv.ts';
import { orderHandlingRoutes } from './handling-routes.ts';
import { staffOrderRoutes } from './staff-order-routes.ts';
import { invoiceSection, orderInvoiceRoutes } from './invoice-routes.ts';
import { awaitedPayment } from './staff-order.ts';
import { markPaidOrCollected, markPreparedForPickup, pickupOrderView } from './pickup.ts';

export { ordersCsv };

function currentQuery(filters: StaffOrderFilters) {
  return {
    q: filters.q,
    state: filters.state,
    payment: filters.payment,
    channel: filters.channel,
    from: filters.from,
    to: filters.to,
    queue: filters.queue,
  };
}

type Values = Record<string, string>;

interface RenderOptions {
  status?: number;
  errors?: FieldErrors;
  values?: Values;
  conflict?: FieldMessage;
}

/** Orders for marketing and admin: the list with filters and CSV, one order with its timeline and actions. */
export function ordersAdminRoutes(deps: { commerce: Commerce }): Router {
  const router = Router();
  const guard = requireRole('marketing', 'admin');
  router.use('/orders', guard);
  router.use(orderHandlingRoutes(deps));
  router.use(staffOrderRoutes(deps));
  router.use(orderInvoiceRoutes());

  router.get('/orders', guard, async (req, res) => {
    const query = staffOrderQuery.parse(req.query);
    const now = new Date();
    const [result, glance, all, channelIncome] = await Promise.all([
      listOrdersForStaff(query),
      salesGlance(),
      ordersForTotals(query),
      // Sales per channel this and last month, fairs and business services included (from the ledger).
      channelIncomeTable([vilniusPeriod(now), shiftPeriod(vilniusPeriod(now), -1)]),
    ]);
    res.render('orders/admin/list', {
      titleKey: 'ordersAdmin.title',
      query,
      currentQuery: currentQuery(query),
      states: ORDER_STATES.map((value) => ({
        value,
        label: stateLabel(req.lang, value),
        selected: value === query.state,
      })),
      payments: PAYMENT_METHODS.map((value) => ({
        value,
        label: methodLabel(req.lang, value),
        selected: value === query.payment,
      })),
      channels: ORDER_CHANNELS.map((value) => ({
        value,
        label: channelLabel(req.lang, value),
        selected: value === query.channel,
      })),
      filtered: Boolean(
        query.q || query.state || query.payment || query.channel || query.from || query.to || query.queue,
      ),
      // A work queue the dashboard linked to, named above the list with a link that drops it.
      queueLabel: query.queue
        ? translate(req.lang, `today.queue.${query.queue}`, { days: UNCOLLECTED_AFTER_DAYS })
        : '',
      glance,
      channelIncome,
      totals: sumOrderAmounts(all),
      orders: result.items.map((o) => presentRow(o, req.lang)),
      ...pageLinks(result),
    });
  });

  router.get('/orders.csv', guard, async (req, res) => {
    const format = csvFormatOf(req.query);
    const orders = await ordersForExport(staffOrderQuery.parse(req.query));
    res
      .type('text/csv; charset=utf-8')
      .attachment(csvFileName(`orders-${vilniusDate(new Date())}`, format))
      .send(ordersCsv(orders, req.lang, format));
  });

  async function renderOrder(req: Request, res: Response, id: string, opts: RenderOptions = {}) {
    const order = await getOrder(id);
    const events = await orderTimeline(order._id);
    const view = presentOrder(order, events, req.lang, deps.commerce.publicUrl);
    const remaining = formatCents(view.remainingCents, localeOf(req.lang));
    const actions = allowedActions(order);
    res.status(opts.status ?? 200).render('orders/admin/show', {
      titleKey: 'ordersAdmin.title',
      order: view,
      actions: { ...actions, secondary: actions.cancel || actions.refund },
      refundMax: remaining,
      today: vilniusDate(new Date()),
      carriers: CARRIERS.map((value) => ({
        value,
        label: carrierLabel(req.lang, value),
        selected: value === opts.values?.carrier,
      })),
      values: {
        amount: centsToInput(view.remainingCents, req.lang === 'lt' ? ',' : '.'),
        received: centsToInput(view.amounts.totalCents, req.lang === 'lt' ? ',' : '.'),
        refundReason: '',
        cancelReason: '',
        ...opts.values,
      },
      errors: opts.errors ?? {},
      conflict: opts.conflict ?? null,
      formKey: newFormKey(),
      pickupOrder: await pickupOrderView(order),
      ...(await awaitedPayment(order)),
      ...(await invoiceSection(order, req.lang)),
    });
  }

  router.get('/orders/:id', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await renderOrder(req, res, id);
  });

  /**
   * Runs a state change as the signed-in staff member. A conflict (the state machine refuses, or
   * someone got there first) shows the order again with the reason; anything else goes up. With
   * `once` (forms that move money) the post must carry the form's one-time key, and a replay of the
   * key gets the first post's outcome instead of running again.
   */
  async function act(
    req: Request,
    res: Response,
    id: string,
    run: (ctx: OrderContext) => Promise<OrderDoc>,
    success: (order: OrderDoc) => [string, Record<string, string | number>],
    values?: Values,
    once?: string,
  ) {
    const page = `/admin/orders/${id}`;
    const work = async () => {
      const [key, params] = success(await run(deps.commerce.context(req.staff!.name)));
      return { key, params };
    };
    try {
      if (once) {
        const key = formKeyOf(req.body);
        if (!key)
          return renderOrder(req, res, id, {
            status: 422,
            conflict: FORM_KEY_ERROR,
            ...(values ? { values } : {}),
          });
        return await answerOnce(req, res, { form: once, target: id, key, page }, work);
      }
      const { key, params } = await work();
      flash(req, 'success', key, params);
      res.redirect(303, page);
    } catch (err) {
      if (err instanceof ConflictError) {
        return renderOrder(req, res, id, {
          status: 409,
          conflict: conflictMessage(err, req.lang),
          ...(values ? { values } : {}),
        });
      }
      throw err;
    }
  }

  router.post('/orders/:id/paid', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Values;
    const typed = {
      paidOn: typeof body.paidOn === 'string' ? body.paidOn : '',
      ...(typeof body.received === 'string' ? { received: body.received } : {}),
      acceptDifference: body.acceptDifference ? 'on' : '',
      differenceReason: typeof body.differenceReason === 'string' ? body.differenceReason : '',
    };
    const parsed = parseForm(markPaidForm, body);
    const order = await getOrder(id);
    const at = parsed.ok ? paidOnMoment(order, parsed.data.paidOn) : null;
    const errors: FieldErrors = {};
    if (!parsed.ok) {
      if (parsed.errors.received) errors.received = parsed.errors.received;
      if (parsed.errors.differenceReason) errors.differenceReason = parsed.errors.differenceReason;
    }
    if ((parsed.ok && !at) || (!parsed.ok && parsed.errors.paidOn))
      errors.paidOn = { key: 'ordersAdmin.paidOnRange', params: {} };
    // A short payment is not the whole: it is accepted only with the tick and a reason. (A cash
    // total is due rounded to 5 cents.)
    const total = amountsOf(order).totalCents;
    if (parsed.ok && parsed.data.received !== undefined && parsed.data.received < total) {
      const { received, acceptDifference, differenceReason } = parsed.data;
      const money = (c: number) => formatCents(c, localeOf(req.lang));
      if (!acceptDifference)
        errors.received = {
          key: 'ordersAdmin.errors.shortPayment',
          params: { received: money(received), total: money(total), short: money(total - received) },
        };
      else if (!differenceReason)
        errors.differenceReason = { key: 'ordersAdmin.errors.differenceReason', params: {} };
    }
    if (!parsed.ok || !at || Object.keys(errors).length > 0)
      return renderOrder(req, res, id, { status: 422, errors, values: typed });
    const { received, differenceReason } = parsed.data;
    await act(
      req,
      res,
      id,
      (ctx) =>
        markPaidOrCollected(
          id,
          { ...ctx, at },
          {
            via: 'staff',
            ...(received !== undefined ? { receivedCents: received } : {}),
            ...(received !== undefined && received < total ? { differenceReason } : {}),
          },
        ),
      (o) => [
        o.state === 'completed' ? 'pickupOrder.flash.collected' : 'ordersAdmin.flash.paid',
        { number: o.number },
      ],
      typed,
      'order-paid',
    );
  });

  // A pay-at-pickup order prepared before it is paid (src/orders/pickup.ts).
  router.post('/orders/:id/prepared', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await act(
      req,
      res,
      id,
      (ctx) => markPreparedForPickup(id, ctx),
      (o) => ['pickupOrder.flash.prepared', { number: o.number }],
    );
  });

  router.post('/orders/:id/ready', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Values;
    const typed = {
      carrier: typeof body.carrier === 'string' ? body.carrier : '',
      trackingNumber: typeof body.trackingNumber === 'string' ? body.trackingNumber : '',
    };
    const parsed = parseForm(readyForm, body);
    if (!parsed.ok) return renderOrder(req, res, id, { status: 422, errors: parsed.errors, values: typed });
    const shipment = parsed.data.carrier
      ? { carrier: parsed.data.carrier, trackingNumber: parsed.data.trackingNumber }
      : undefined;
    await act(
      req,
      res,
      id,
      (ctx) => markReady(id, ctx, shipment),
      (o) => ['ordersAdmin.flash.ready', { number: o.number }],
      typed,
    );
  });

  router.post('/orders/:id/completed', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await act(
      req,
      res,
      id,
      (ctx) => markCompleted(id, ctx),
      (o) => ['ordersAdmin.flash.completed', { number: o.number }],
    );
  });

  router.post('/orders/:id/cancel', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Values;
    const parsed = parseForm(cancelForm, body);
    if (!parsed.ok) {
      const errors: FieldErrors = {};
      if (parsed.errors.reason) errors['cancel-reason'] = parsed.errors.reason;
      return renderOrder(req, res, id, {
        status: 422,
        errors,
        values: { cancelReason: typeof body.reason === 'string' ? body.reason : '' },
      });
    }
    await act(
      req,
      res,
      id,
      (ctx) => cancelOrder(id, ctx, parsed.data.reason),
      (o) => ['ordersAdmin.flash.cancelled', { number: o.number }],
    );
  });

  router.post('/orders/:id/refund', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    const body = (req.body ?? {}) as Values;
    const typed = {
      amount: typeof body.amount === 'string' ? body.amount : '',
      refundReason: typeof body.reason === 'string' ? body.reason : '',
    };
    const parsed = parseForm(refundForm, body);
    if (!parsed.ok) {
      const errors: FieldErrors = {};
      if (parsed.errors.amount) errors.amount = parsed.errors.amount;
      if (parsed.errors.reason) errors['refund-reason'] = parsed.errors.reason;
      const componentsError = Object.entries(parsed.errors).find(([k]) => k.startsWith('components'));
      if (componentsError) errors.components = componentsError[1];
      return renderOrder(req, res, id, { status: 422, errors, values: typed });
    }
    const { amount, reason, components } = parsed.data;
    await act(
      req,
      res,
      id,
      (ctx) => refundOrder(id, amount, reason, ctx, components),
      (o) => [
        'ordersAdmin.flash.refunded',
        { number: o.number, amount: formatCents(amount, localeOf(req.lang)) },
      ],
      typed,
      'order-refund',
    );
  });

  return router;
}
