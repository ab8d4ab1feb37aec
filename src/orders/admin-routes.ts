import { centsToCsv, csvSafe } from '../lib/csv.ts';
import { vilniusDate } from '../lib/dates.ts';
import { stringify } from 'csv-stringify/sync';
import { Router, type Request, type Response } from 'express';
import { ConflictError } from '../lib/errors.ts';
import { centsToInput, formatCents } from '../lib/money.ts';
import type { Commerce } from '../payments/service.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf, newFormKey } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors, type FieldMessage } from '../web/form-fields.ts';
import { localeOf, localized, translate, type Lang } from '../web/i18n.ts';
import type { OrderDoc, OrderEventDoc } from './service.ts';
import { statusUrl } from './notify.ts';
import {
  listOrdersForStaff,
  orderTimeline,
  ordersForExport,
  salesGlance,
  type StaffOrderFilters,
} from './queries.ts';
import {
  ORDER_STATES,
  PAYMENT_METHODS,
  cancelForm,
  markPaidForm,
  orderIdParam,
  refundForm,
  staffOrderQuery,
} from './schemas.ts';
import { allowedActions, paidOnMoment, remainingCents } from './states.ts';
import { UNCOLLECTED_AFTER_DAYS } from './queues.ts';
import {
  cancelOrder,
  getOrder,
  markCompleted,
  markPaid,
  markReady,
  refundOrder,
  type OrderContext,
} from './transitions.ts';
import { pageLinks } from '../web/pagination.ts';

/** A translated label, or the raw value when there is no message for it (a kind added later, say). */
function labelOr(lang: Lang, key: string, raw: string): string {
  const label = translate(lang, key);
  return label === key ? raw : label;
}

const stateLabel = (lang: Lang, state: string) => labelOr(lang, `ordersAdmin.state.${state}`, state);
const methodLabel = (lang: Lang, method: string) => labelOr(lang, `ordersAdmin.method.${method}`, method);
const deliveryLabel = (lang: Lang, method: string) => labelOr(lang, `ordersAdmin.delivery.${method}`, method);
const eventLabel = (lang: Lang, kind: string) => labelOr(lang, `ordersAdmin.event.${kind}`, kind);
const byLabel = (lang: Lang, by: string) => (by ? labelOr(lang, `ordersAdmin.by.${by}`, by) : '');

function presentRow(order: OrderDoc, lang: Lang) {
  const state = order.state ?? 'pending_payment';
  const method = order.payment?.method ?? '';
  return {
    id: String(order._id),
    number: order.number,
    createdAt: order.createdAt,
    customerName: order.customer?.name ?? '',
    customerEmail: order.customer?.email ?? '',
    itemsCount: order.lines.reduce((sum, l) => sum + l.quantity, 0),
    grossCents: order.totals?.grossCents ?? 0,
    paymentLabel: methodLabel(lang, method),
    state,
    stateLabel: stateLabel(lang, state),
  };
}

function presentEvent(event: OrderEventDoc, lang: Lang) {
  return {
    at: event.at,
    kind: event.kind,
    label: eventLabel(lang, event.kind),
    by: byLabel(lang, event.by ?? ''),
    note: event.note ?? '',
    amountCents: typeof event.amountCents === 'number' ? event.amountCents : null,
  };
}

function presentOrder(order: OrderDoc, events: OrderEventDoc[], lang: Lang, publicUrl: string) {
  const locale = localeOf(lang);
  const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const d = order.delivery!;
  const p = order.payment!;
  const state = order.state ?? 'pending_payment';
  return {
    id: String(order._id),
    number: order.number,
    createdAt: order.createdAt,
    state,
    stateLabel: stateLabel(lang, state),
    customer: {
      name: order.customer?.name ?? '',
      email: order.customer?.email ?? '',
      phone: order.customer?.phone ?? '',
      languageLabel: translate(
        lang,
        order.customer?.lang === 'en' ? 'ordersAdmin.lang.en' : 'ordersAdmin.lang.lt',
      ),
    },
    note: order.note ?? '',
    privateUrl: statusUrl(publicUrl, order),
    delivery: {
      label: deliveryLabel(lang, d.method),
      address:
        d.method === 'courier'
          ? [d.address, [d.postcode, d.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
          : '',
      locker: d.method === 'parcel_locker' ? (d.locker ?? '') : '',
      grossCents: d.grossCents ?? 0,
    },
    payment: {
      method: p.method,
      label: methodLabel(lang, p.method),
      reference: p.reference || order.number,
      dueAt: p.method === 'bank_transfer' ? p.dueAt : null,
      paidAt: p.paidAt,
      isCard: p.method === 'card',
      stripePaymentIntentId: p.stripePaymentIntentId ?? '',
    },
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      title: localized(l.title, lang),
      sku: l.sku,
      quantity: l.quantity,
      unitNetCents: l.unitNetCents,
      vatRate: percent.format(l.vatRateBps / 100),
      vatCents: l.vatCents,
      grossCents: l.grossCents,
    })),
    totals: {
      itemsNetCents: order.totals!.itemsNetCents,
      itemsGrossCents: order.totals!.itemsGrossCents,
      vatCents: order.totals!.vatCents,
      grossCents: order.totals!.grossCents,
    },
    refundedCents: order.refundedCents ?? 0,
    remainingCents: remainingCents(order),
    refunds: order.refunds.map((r) => ({
      at: r.at,
      amountCents: r.amountCents,
      reason: r.reason ?? '',
      by: byLabel(lang, r.by ?? ''),
      stripeRefundId: r.stripeRefundId ?? '',
    })),
    timeline: events.map((e) => presentEvent(e, lang)),
  };
}

/** Parameters of a domain error made readable: states translated, amounts in cents as money. */
function conflictMessage(err: ConflictError, lang: Lang): FieldMessage {
  const params: Record<string, string | number> = { ...err.params };
  for (const name of ['from', 'to']) {
    const v = params[name];
    if (typeof v === 'string' && (ORDER_STATES as readonly string[]).includes(v))
      params[name] = stateLabel(lang, v);
  }
  if (typeof params.max === 'number') params.max = formatCents(params.max, localeOf(lang));
  return { key: err.messageKey, params };
}

const CSV_COLUMNS = [
  'ordersAdmin.csv.number',
  'ordersAdmin.csv.createdAt',
  'ordersAdmin.csv.state',
  'ordersAdmin.csv.paymentMethod',
  'ordersAdmin.csv.deliveryMethod',
  'ordersAdmin.csv.customerName',
  'ordersAdmin.csv.email',
  'ordersAdmin.csv.phone',
  'ordersAdmin.csv.itemsNet',
  'ordersAdmin.csv.vat',
  'ordersAdmin.csv.delivery',
  'ordersAdmin.csv.gross',
  'ordersAdmin.csv.refunded',
  'ordersAdmin.csv.paidAt',
] as const;

/** One row per order, with a BOM so spreadsheet programs read Lithuanian letters. */
export function ordersCsv(orders: OrderDoc[], lang: Lang): string {
  const rows: string[][] = [CSV_COLUMNS.map((key) => translate(lang, key))];
  for (const o of orders) {
    rows.push(
      [
        o.number,
        new Date(o.createdAt).toISOString(),
        o.state ?? '',
        o.payment?.method ?? '',
        o.delivery?.method ?? '',
        o.customer?.name ?? '',
        o.customer?.email ?? '',
        o.customer?.phone ?? '',
        centsToCsv(o.totals?.itemsNetCents),
        centsToCsv(o.totals?.vatCents),
        centsToCsv(o.delivery?.grossCents),
        centsToCsv(o.totals?.grossCents),
        centsToCsv(o.refundedCents),
        o.payment?.paidAt ? new Date(o.payment.paidAt).toISOString() : '',
      ].map(csvSafe),
    );
  }
  return `\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`;
}

function currentQuery(filters: StaffOrderFilters) {
  return {
    q: filters.q,
    state: filters.state,
    payment: filters.payment,
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

  router.get('/orders', guard, async (req, res) => {
    const query = staffOrderQuery.parse(req.query);
    const [result, glance] = await Promise.all([listOrdersForStaff(query), salesGlance()]);
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
      filtered: Boolean(query.q || query.state || query.payment || query.from || query.to || query.queue),
      // A work queue the dashboard linked to, named above the list with a link that drops it.
      queueLabel: query.queue
        ? translate(req.lang, `today.queue.${query.queue}`, { days: UNCOLLECTED_AFTER_DAYS })
        : '',
      glance,
      orders: result.items.map((o) => presentRow(o, req.lang)),
      ...pageLinks(result),
    });
  });

  router.get('/orders.csv', guard, async (req, res) => {
    const orders = await ordersForExport(staffOrderQuery.parse(req.query));
    res
      .type('text/csv; charset=utf-8')
      .attachment(`orders-${vilniusDate(new Date())}.csv`)
      .send(ordersCsv(orders, req.lang));
  });

  async function renderOrder(req: Request, res: Response, id: string, opts: RenderOptions = {}) {
    const order = await getOrder(id);
    const events = await orderTimeline(order._id);
    const view = presentOrder(order, events, req.lang, deps.commerce.publicUrl);
    const remaining = formatCents(view.remainingCents, localeOf(req.lang));
    res.status(opts.status ?? 200).render('orders/admin/show', {
      titleKey: 'ordersAdmin.title',
      order: view,
      actions: allowedActions(order),
      refundMax: remaining,
      today: vilniusDate(new Date()),
      values: {
        amount: centsToInput(view.remainingCents, req.lang === 'lt' ? ',' : '.'),
        refundReason: '',
        cancelReason: '',
        ...opts.values,
      },
      errors: opts.errors ?? {},
      conflict: opts.conflict ?? null,
      formKey: newFormKey(),
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
    const parsed = parseForm(markPaidForm, req.body);
    const at = parsed.ok ? paidOnMoment(await getOrder(id), parsed.data.paidOn) : null;
    if (!at) {
      return renderOrder(req, res, id, {
        status: 422,
        errors: { paidOn: { key: 'ordersAdmin.paidOnRange', params: {} } },
        values: { paidOn: typeof req.body?.paidOn === 'string' ? req.body.paidOn : '' },
      });
    }
    await act(
      req,
      res,
      id,
      (ctx) => markPaid(id, { ...ctx, at }, { via: 'staff' }),
      (o) => ['ordersAdmin.flash.paid', { number: o.number }],
      undefined,
      'order-paid',
    );
  });

  router.post('/orders/:id/ready', guard, async (req, res) => {
    const { id } = parseParams(orderIdParam, req.params);
    await act(
      req,
      res,
      id,
      (ctx) => markReady(id, ctx),
      (o) => ['ordersAdmin.flash.ready', { number: o.number }],
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
