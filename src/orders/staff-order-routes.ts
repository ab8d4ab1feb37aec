import { Router, type Request, type Response } from 'express';
import { DomainError } from '../lib/errors.ts';
import { formatCents } from '../lib/money.ts';
import { cardPaymentUrl, type Commerce } from '../payments/service.ts';
import { getSettings } from '../settings/service.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, formKeyOf, newFormKey, submitOnce } from '../web/form-once.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { localeOf } from '../web/i18n.ts';
import { conflictMessage, methodLabel } from './admin-present.ts';
import {
  DELIVERY_METHODS,
  MAX_QUANTITY,
  PAYMENT_METHODS,
  STAFF_CHANNELS,
  postedLines,
  staffOrderForm,
  staffOrderBody,
  staffOrderLine,
  type StaffOrderLine,
} from './schemas.ts';
import { goodsForStaffOrder, previewStaffOrder, takeStaffOrder } from './staff-order.ts';

type Values = Record<string, string>;
const FIELDS = [
  'channel',
  'name',
  'email',
  'phone',
  'lang',
  'delivery',
  'address',
  'city',
  'postcode',
  'locker',
  'payment',
  'tendered',
  'note',
] as const;

/** What the staff member typed, as text, to show the form again. */
function typedValues(body: Record<string, unknown>): Values {
  const values: Values = {};
  for (const f of FIELDS) values[f] = typeof body[f] === 'string' ? body[f] : '';
  return values;
}

const DEFAULTS: Values = { channel: 'phone', lang: 'lt', delivery: 'pickup', payment: 'pay_at_pickup' };

/** Each posted line checked on its own; the valid ones, and messages by field (`qty-0`, `reason-1`). */
function checkLines(raw: Record<string, string>[]): { lines: StaffOrderLine[]; errors: FieldErrors } {
  const lines: StaffOrderLine[] = [];
  const errors: FieldErrors = {};
  raw.forEach((line, i) => {
    const parsed = parseForm(staffOrderLine, line);
    if (parsed.ok) return lines.push(parsed.data);
    for (const [field, message] of Object.entries(parsed.errors)) {
      errors[field === 'product' ? `line-${i}` : `${field}-${i}`] ??= message;
    }
    // Kept (quantity 1 if it was unreadable) so the row stays on the page to be corrected.
    lines.push({ product: line.product ?? '', qty: 1, reason: line.reason ?? '' });
  });
  return { lines, errors };
}

/**
 * The staff order page (`/admin/orders/new`, marketing and admin; mounted behind the orders
 * router's guard): one form, without JavaScript, that searches goods (keeping the lines already
 * chosen), shows what the order comes to, asks to confirm the total and places it once.
 */
export function staffOrderRoutes(deps: { commerce: Commerce }): Router {
  const router = Router();
  const cardEnabled = () => deps.commerce.stripe !== null;

  async function render(
    req: Request,
    res: Response,
    state: {
      raw: Record<string, string>[];
      values: Values;
      q?: string;
      errors?: FieldErrors;
      confirm?: boolean;
      status?: number;
    },
  ) {
    const settings = await getSettings();
    const { lines } = checkLines(state.raw);
    const delivery = (DELIVERY_METHODS as readonly string[]).includes(state.values.delivery ?? '')
      ? (state.values.delivery as (typeof DELIVERY_METHODS)[number])
      : 'pickup';
    const payment = (PAYMENT_METHODS as readonly string[]).includes(state.values.payment ?? '')
      ? (state.values.payment as (typeof PAYMENT_METHODS)[number])
      : undefined;
    const preview = await previewStaffOrder(lines, delivery, payment, settings, req.lang);
    const money = (c: number) => formatCents(c, localeOf(req.lang));
    const q = state.q ?? '';
    res.status(state.status ?? 200).render('orders/admin/new', {
      titleKey: 'staffOrder.title',
      q,
      results: await goodsForStaffOrder(q, req.lang),
      searched: q.trim() !== '',
      lines: preview.lines.map((l) => ({
        ...l,
        raw: state.raw[l.index] ?? {},
        error: state.errors?.[`line-${l.index}`],
        qtyError: state.errors?.[`qty-${l.index}`],
        priceError: state.errors?.[`price-${l.index}`],
        reasonError: state.errors?.[`reason-${l.index}`],
      })),
      preview,
      values: state.values,
      errors: state.errors ?? {},
      confirm: state.confirm ?? false,
      confirmLabel: `${money(payment === 'cash' ? preview.cashTotalCents : preview.totalCents)}`,
      maxQuantity: MAX_QUANTITY,
      channels: STAFF_CHANNELS.map((value) => ({ value, checked: value === state.values.channel })),
      payments: PAYMENT_METHODS.filter((m) => m !== 'card' || cardEnabled()).map((value) => ({
        value,
        label: methodLabel(req.lang, value),
        checked: value === state.values.payment,
      })),
      courierFeeCents: settings.courierFeeCents ?? 0,
      parcelLockerFeeCents: settings.parcelLockerFeeCents ?? 0,
      formKey: state.confirm ? newFormKey() : '',
      totalCents: payment === 'cash' ? preview.cashTotalCents : preview.totalCents,
    });
  }

  /** The whole form checked: details, each line, the goods themselves, and cash handed over. */
  async function validate(req: Request, raw: Record<string, string>[]) {
    const parsed = parseForm(staffOrderForm, req.body);
    const checked = checkLines(raw);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...checked.errors };
    if (raw.length === 0) errors.q = { key: 'staffOrder.errors.noLines', params: {} };
    if (parsed.ok && parsed.data.payment === 'card' && !cardEnabled())
      errors.payment = { key: 'orders.errors.cardUnavailable', params: {} };
    const settings = await getSettings();
    const delivery = parsed.ok ? parsed.data.delivery : 'pickup';
    const preview = await previewStaffOrder(
      checked.lines,
      delivery,
      parsed.ok ? parsed.data.payment : undefined,
      settings,
      req.lang,
    );
    for (const [k, v] of Object.entries(preview.errors)) errors[k] ??= v;
    if (parsed.ok && parsed.data.payment === 'cash' && parsed.data.tendered !== undefined) {
      if (parsed.data.tendered < preview.cashTotalCents)
        errors.tendered = {
          key: 'staffOrder.errors.tenderedShort',
          params: {
            tendered: formatCents(parsed.data.tendered, localeOf(req.lang)),
            total: formatCents(preview.cashTotalCents, localeOf(req.lang)),
          },
        };
    }
    if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false as const, errors, settings };
    const total = parsed.data.payment === 'cash' ? preview.cashTotalCents : preview.totalCents;
    return { ok: true as const, form: parsed.data, lines: checked.lines, settings, total };
  }

  router.get('/orders/new', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    await render(req, res, {
      raw: postedLines(query),
      values: { ...DEFAULTS },
      q: typeof query.q === 'string' ? query.q.slice(0, 100) : '',
    });
  });

  router.post('/orders/new', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // A body this page does not send (objects, unknown fields) is refused, and nothing is done with it.
    if (!staffOrderBody.safeParse(body).success)
      return render(req, res, {
        raw: [],
        values: { ...DEFAULTS },
        q: '',
        errors: { _form: { key: 'staffOrder.errors.badForm', params: {} } },
        status: 400,
      });
    let raw = postedLines(body);
    const values = { ...DEFAULTS, ...typedValues(body) };
    const q = typeof body.q === 'string' ? body.q.slice(0, 100) : '';
    const action = typeof body.do === 'string' ? body.do : 'search';

    if (action.startsWith('add:')) {
      const id = action.slice(4);
      const at = raw.findIndex((l) => l.product === id);
      if (at >= 0) {
        const qty = Math.min(Number(raw[at]!.qty) + 1 || 1, MAX_QUANTITY);
        raw = raw.map((l, i) => (i === at ? { ...l, qty: String(qty) } : l));
      } else raw = [...raw, { product: id, qty: '1', price: '', reason: '' }];
      return render(req, res, { raw, values, q });
    }
    if (action.startsWith('remove:')) {
      const at = Number(action.slice(7));
      return render(req, res, { raw: raw.filter((_, i) => i !== at), values, q });
    }
    if (action !== 'review' && action !== 'place') return render(req, res, { raw, values, q });

    const checked = await validate(req, raw);
    if (!checked.ok) return render(req, res, { raw, values, q, errors: checked.errors, status: 422 });
    if (action === 'review') return render(req, res, { raw, values, q, confirm: true });
    // The total confirmed is the total placed: a change since (a price, a line) asks again.
    if (body.total !== String(checked.total)) {
      const changed = { _form: { key: 'staffOrder.errors.totalChanged', params: {} } };
      return render(req, res, { raw, values, q, confirm: true, errors: changed, status: 409 });
    }

    const key = formKeyOf(body);
    if (!key) return render(req, res, { raw, values, q, errors: { _form: FORM_KEY_ERROR }, status: 422 });
    const staff = req.staff!;
    try {
      const done = await submitOnce({ form: 'staff-order', target: 'new', key, by: staff.id }, async () => {
        const taken = await takeStaffOrder({
          lines: checked.lines,
          form: checked.form,
          staff: { id: staff.id, name: staff.name },
          settings: checked.settings,
          context: deps.commerce.context(staff.name),
          cardLink: cardEnabled() ? (order) => cardPaymentUrl(deps.commerce, order) : null,
          logger: req.log,
        });
        return {
          redirect: `/admin/orders/${String(taken.order._id)}`,
          flash: { key: 'staffOrder.flash.placed', params: { number: taken.order.number } },
        };
      });
      if (!done) {
        flash(req, 'info', 'forms.pending');
        return res.redirect(303, '/admin/orders');
      }
      if (done.outcome.flash) flash(req, 'success', done.outcome.flash.key, done.outcome.flash.params);
      res.redirect(303, done.outcome.redirect);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return render(req, res, {
        raw,
        values,
        q,
        errors: { _form: conflictMessage(err, req.lang) },
        status: 409,
      });
    }
  });

  return router;
}
