import { Router, type Request, type Response } from 'express';
import type { Csrf } from '../web/csrf.ts';
import { DomainError } from '../lib/errors.ts';
import { formatIban } from '../lib/iban.ts';
import type { FileStorage } from '../media/storage.ts';
import { cardPaymentUrl, type Commerce } from '../payments/service.ts';
import { getSettings } from '../settings/service.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localeOf, localized, translate } from '../web/i18n.ts';
import { formatCents } from '../lib/money.ts';
import {
  activeTerminals,
  findTerminal,
  LOCKER_NETWORKS,
  lockerText,
  terminalLine,
  type Terminal,
} from '../lockers/service.ts';
import { deliveryQuote } from './placement.ts';
import { formLimiter } from '../web/rate-limit.ts';
import { priceCart } from './cart.ts';
import {
  cancelOrder,
  getOrder,
  orderIdByNumberAndEmail,
  orderIdByToken,
  placeOrder,
  type OrderDoc,
} from './service.ts';
import { cartItems, presentCart, saveCart } from './routes.ts';
import { carrierLabel, presentInvoiceRequest } from './admin-present.ts';
import {
  checkoutForm,
  DELIVERY_METHODS,
  EU_COUNTRIES,
  findOrderForm,
  lockerChoice,
  tokenParam,
} from './schemas.ts';
import { pickupOrderView } from './pickup.ts';

type Values = Record<string, string>;

/** Checkout, the customer's private order page, paying by card, and "find my order". */
export function checkoutRoutes(deps: { csrf: Csrf; storage: FileStorage; commerce: Commerce }): Router {
  const { csrf, storage, commerce } = deps;
  const router = Router();
  const cardEnabled = () => commerce.stripe !== null;

  async function renderCheckout(
    req: Request,
    res: Response,
    values: Values,
    errors: FieldErrors = {},
    status = 200,
  ) {
    const [cart, settings, terminals] = await Promise.all([
      priceCart(cartItems(req)),
      getSettings(),
      activeTerminals(),
    ]);
    if (cart.lines.length === 0) return res.redirect(303, '/cart');
    const money = (cents: number) => formatCents(cents, localeOf(req.lang));
    const chosen = DELIVERY_METHODS.find((m) => m === values.delivery) ?? 'pickup';
    // Every method's fee, VAT and total, computed as placing the order computes them: the page shows
    // the chosen one, and each option carries its own for the script to show when the choice changes.
    const deliveryOptions = DELIVERY_METHODS.map((method) => {
      const fee = deliveryQuote(settings, method);
      return {
        method,
        checked: method === chosen,
        label: translate(req.lang, `delivery.${method}`, {}, res.locals.easyRead === true),
        feeCents: fee.grossCents,
        fee: fee.grossCents === 0 ? translate(req.lang, 'checkout.free') : money(fee.grossCents),
        vat: money(cart.itemsVatCents + fee.vatCents),
        total: money(cart.itemsGrossCents + fee.grossCents),
      };
    });
    const current = deliveryOptions.find((o) => o.checked)!;
    const lockerNetworks = LOCKER_NETWORKS.map((network) => ({
      network,
      selected: values.lockerNetwork === network,
      terminals: terminals
        .filter((t) => t.network === network)
        .map((t) => {
          const value = `${network}:${t.terminalId}`;
          return { value, text: terminalLine(t), selected: values.locker === value };
        }),
    })).filter((n) => n.terminals.length > 0);
    // With no list loaded there is no network to choose: one message (at the locker) says so.
    if (lockerNetworks.length === 0 && errors.lockerNetwork) {
      errors = { ...errors };
      delete errors.lockerNetwork;
    }
    const regionNames = new Intl.DisplayNames([localeOf(req.lang)], { type: 'region' });
    res.status(status).render('orders/checkout', {
      titleKey: 'checkout.title',
      cart: presentCart(cart, req, storage),
      values,
      errors,
      cardEnabled: cardEnabled(),
      deliveryOptions,
      current,
      vatPayer: Boolean(settings.vatPayer),
      transferDueDays: settings.transferDueDays ?? 7,
      lockerNetworks,
      countries: EU_COUNTRIES.map((code) => ({
        code,
        name: regionNames.of(code) ?? code,
        selected: (values.invoiceCountry || 'LT') === code,
      })).sort((a, b) => a.name.localeCompare(b.name, localeOf(req.lang))),
    });
  }

  /** Opens (or re-opens) the card payment for an order and sends the browser there. */
  async function startCardPayment(order: OrderDoc, res: Response) {
    res.redirect(303, await cardPaymentUrl(commerce, order));
  }

  router.get('/checkout', csrf.issueToken, (req, res) =>
    renderCheckout(req, res, { delivery: 'pickup', payment: cardEnabled() ? 'card' : 'bank_transfer' }),
  );

  const checkoutLimiter = formLimiter('checkout', 30);

  router.post('/checkout', checkoutLimiter, csrf.issueToken, async (req, res) => {
    const values = req.body as Values;
    const parsed = parseForm(checkoutForm, req.body);
    if (!parsed.ok) return renderCheckout(req, res, values, parsed.errors, 422);
    const form = parsed.data;
    let lockerPoint: Terminal | null = null;
    if (form.delivery === 'parcel_locker') {
      const choice = lockerChoice(form.locker);
      lockerPoint = choice ? await findTerminal(choice.network, choice.terminalId) : null;
      if (!lockerPoint) {
        const errors = { locker: { key: 'checkout.errors.lockerUnknown', params: {} } };
        return renderCheckout(req, res, values, errors, 422);
      }
      form.locker = lockerText(req.lang, lockerPoint);
    }
    let order: OrderDoc;
    try {
      order = await placeOrder({
        items: cartItems(req),
        form,
        lockerPoint,
        lang: req.lang,
        settings: await getSettings(),
        cardPaymentsEnabled: cardEnabled(),
      });
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      return renderCheckout(req, res, values, { _form: { key: err.messageKey, params: err.params } }, 409);
    }
    saveCart(req, []);
    await commerce.context('customer').notify('received', order);
    if (order.payment?.method === 'card') {
      try {
        return await startCardPayment(order, res);
      } catch (err) {
        req.log.error({ err, order: order.number }, 'could not start the card payment');
      }
    }
    res.redirect(303, `/orders/${order.token}`);
  });

  router.get('/orders/find', csrf.issueToken, (_req, res) => {
    res.render('orders/find', { titleKey: 'findOrder.title', values: {}, errors: {} });
  });

  const findLimiter = formLimiter('find-order', 10);

  router.post('/orders/find', findLimiter, csrf.issueToken, async (req, res) => {
    const parsed = parseForm(findOrderForm, req.body);
    if (!parsed.ok) {
      return res
        .status(422)
        .render('orders/find', { titleKey: 'findOrder.title', values: req.body, errors: parsed.errors });
    }
    const orderId = await orderIdByNumberAndEmail(parsed.data.number, parsed.data.email);
    // Not awaited: the answer must take as long whether or not the order exists (notify never throws).
    if (orderId) {
      const notify = commerce.context('customer').notify;
      void getOrder(orderId).then(
        (o) => notify('link', o),
        (err: unknown) => req.log.error({ err }, 'find-order mail'),
      );
    }
    // The same answer either way: the form does not reveal whether an order exists.
    res.render('orders/find', { titleKey: 'findOrder.title', sent: true, values: {}, errors: {} });
  });

  async function orderByToken(req: Request): Promise<OrderDoc> {
    const { token } = parseParams(tokenParam, req.params);
    const id = await orderIdByToken(token);
    if (!id) throw new DomainError(404, 'errors.notFound');
    return getOrder(id);
  }

  router.get('/orders/:token', csrf.issueToken, async (req, res) => {
    const order = await orderByToken(req);
    const settings = await getSettings();
    const payment =
      req.query.payment === 'done' || req.query.payment === 'cancelled' ? req.query.payment : null;
    res.set('X-Robots-Tag', 'noindex');
    res.render('orders/order', {
      titleKey: 'order.title',
      order: {
        number: order.number,
        token: order.token,
        state: order.state,
        createdAt: (order as { createdAt?: Date }).createdAt,
        customer: order.customer,
        delivery: order.delivery,
        payment: order.payment,
        lines: order.lines.map((l) => ({ ...l, title: localized(l.title, req.lang) })),
        totals: order.totals,
        shipment: order.shipment?.trackingNumber
          ? { ...order.shipment, carrierLabel: carrierLabel(req.lang, order.shipment.carrier ?? '') }
          : null,
        refundedCents: order.refundedCents,
        invoiceRequest: presentInvoiceRequest(order.invoiceRequest, req.lang),
        pendingCard: order.state === 'pending_payment' && order.payment?.method === 'card' && cardEnabled(),
        pendingTransfer: order.state === 'pending_payment' && order.payment?.method === 'bank_transfer',
        pendingPickup: order.state === 'pending_payment' && order.payment?.method === 'pay_at_pickup',
      },
      bank: {
        recipient: settings.legalName,
        iban: settings.iban ? formatIban(settings.iban) : '',
        bankName: settings.bankName,
      },
      paymentReturn: payment,
      pickupOrder: await pickupOrderView(order),
      noindex: true,
    });
  });

  router.post('/orders/:token/pay', async (req, res) => {
    const order = await orderByToken(req);
    if (order.state !== 'pending_payment' || order.payment?.method !== 'card' || !cardEnabled()) {
      return res.redirect(303, `/orders/${order.token}`);
    }
    await startCardPayment(order, res);
  });

  router.post('/orders/:token/cancel', async (req, res) => {
    const order = await orderByToken(req);
    if (order.state === 'pending_payment') {
      await cancelOrder(String(order._id), commerce.context('customer'), 'cancelled_by_customer');
    }
    res.redirect(303, `/orders/${order.token}`);
  });

  router.get('/terms', (_req, res) => {
    res.render('orders/terms', { titleKey: 'terms.title' });
  });

  return router;
}
