import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Csrf } from '../web/csrf.ts';
import { DomainError } from '../lib/errors.ts';
import type { FileStorage } from '../media/storage.ts';
import { localized } from '../web/i18n.ts';
import { translate } from '../web/i18n.ts';
import { parseForm } from '../web/form-fields.ts';
import { addToCart, priceCart, setCartQuantity, type CartItem, type PricedCart } from './cart.ts';
import { cartAddForm, cartUpdateForm } from './schemas.ts';

export function cartItems(req: Request): CartItem[] {
  return req.cart ?? [];
}

/** Replaces the buyer's cart (its signed cookie; see cart-cookie.ts). */
export function saveCart(req: Request, items: CartItem[]): void {
  if (!req.setCart) throw new Error('the cart cookie middleware is not mounted');
  req.setCart(items);
}

const count = (items: CartItem[]) => items.reduce((s, i) => s + i.quantity, 0);

/** A script's request (public/js/cart-add.js) asks for JSON; a plain form post gets a page. */
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

export function presentCart(cart: PricedCart, req: Request, storage: FileStorage) {
  return {
    lines: cart.lines.map((l) => ({
      productId: String(l.product._id),
      slug: l.product.slug,
      title: localized(l.product.title, req.lang),
      unit: localized(l.product.unit, req.lang),
      thumbUrl: l.product.images[0] ? storage.publicUrl(l.product.images[0].thumbKey) : null,
      quantity: l.quantity,
      unitGrossCents: l.quantity ? Math.round(l.amounts.grossCents / l.quantity) : 0,
      grossCents: l.amounts.grossCents,
      vatCents: l.amounts.vatCents,
      available: l.available,
      madeToOrder: l.available === null,
      leadTimeDays: l.product.leadTimeDays,
      unavailable: l.problem === 'unavailable',
      insufficient: l.problem === 'insufficient',
    })),
    itemsGrossCents: cart.itemsGrossCents,
    itemsVatCents: cart.itemsVatCents,
    hasProblems: cart.hasProblems,
    empty: cart.lines.length === 0,
  };
}

/**
 * The cart lives in a signed cookie (cart-cookie.ts): adding to it writes no session. A form post
 * is sent on to the cart (`?added=1` shows the confirmation there); the product page's script asks
 * for JSON and stays on the page with the confirmation and the new count.
 */
export function cartRoutes({ csrf, storage }: { csrf: Csrf; storage: FileStorage }): Router {
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.cartCount = count(cartItems(req));
    next();
  });

  async function renderCart(req: Request, res: Response, status = 200) {
    const cart = await priceCart(cartItems(req));
    res
      .status(status)
      .render('orders/cart', { titleKey: 'cart.title', cart: presentCart(cart, req, storage) });
  }

  router.get('/cart', csrf.issueToken, async (req, res) => {
    if (req.query.added === '1' && cartItems(req).length > 0) {
      res.locals.flash = [{ kind: 'success', key: 'cart.added' }];
    }
    await renderCart(req, res);
  });

  router.post('/cart/add', async (req, res) => {
    const json = wantsJson(req);
    const parsed = parseForm(cartAddForm, req.body);
    try {
      if (!parsed.ok) throw new DomainError(422, 'orders.errors.badCartInput');
      saveCart(req, await addToCart(cartItems(req), parsed.data.productId, parsed.data.quantity));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (json) {
        const message = translate(req.lang, err.messageKey, err.params, req.easyRead);
        res.status(err.status).json({ ok: false, message, count: count(cartItems(req)) });
        return;
      }
      if (err.status === 404 || err.status === 422 || cartItems(req).length === 0) throw err;
      // Not enough stock for one more: the cart as it is, with the reason.
      res.locals.flash = [{ kind: 'error', key: err.messageKey, params: err.params }];
      csrf.issue(req, res);
      await renderCart(req, res, err.status);
      return;
    }
    if (json) {
      const n = count(cartItems(req));
      res.json({
        ok: true,
        count: n,
        message: translate(req.lang, 'cart.added', {}, req.easyRead),
        countText: translate(req.lang, 'cart.countNow', { count: n }, req.easyRead),
      });
      return;
    }
    res.redirect(303, '/cart?added=1');
  });

  router.post('/cart/update', async (req, res) => {
    const parsed = parseForm(cartUpdateForm, req.body);
    if (!parsed.ok) throw new DomainError(422, 'orders.errors.badCartInput');
    saveCart(req, setCartQuantity(cartItems(req), parsed.data.productId, parsed.data.quantity));
    res.redirect(303, '/cart');
  });

  return router;
}
