import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Csrf } from '../web/csrf.ts';
import { DomainError } from '../lib/errors.ts';
import type { FileStorage } from '../media/storage.ts';
import { localized } from '../web/i18n.ts';
import { flash } from '../web/flash.ts';
import { parseForm } from '../web/form-fields.ts';
import { addToCart, priceCart, setCartQuantity, type CartItem, type PricedCart } from './cart.ts';
import { cartAddForm, cartUpdateForm } from './schemas.ts';

export function cartItems(req: Request): CartItem[] {
  return req.session?.cart ?? [];
}

export function presentCart(cart: PricedCart, req: Request, storage: FileStorage) {
  return {
    lines: cart.lines.map((l) => ({
      productId: String(l.product._id),
      slug: l.product.slug,
      title: localized(l.product.title, req.lang),
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

/** The cart lives in the session, which exists only once something has been added. */
export function cartRoutes({ csrf, storage }: { csrf: Csrf; storage: FileStorage }): Router {
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.cartCount = cartItems(req).reduce((s, i) => s + i.quantity, 0);
    next();
  });

  router.get('/cart', csrf.issueToken, async (req, res) => {
    const cart = await priceCart(cartItems(req));
    res.render('orders/cart', { titleKey: 'cart.title', cart: presentCart(cart, req, storage) });
  });

  router.post('/cart/add', async (req, res) => {
    const parsed = parseForm(cartAddForm, req.body);
    if (!parsed.ok) {
      throw new DomainError(422, 'orders.errors.badCartInput');
    }
    try {
      req.session.cart = await addToCart(cartItems(req), parsed.data.productId, parsed.data.quantity);
      flash(req, 'success', 'cart.added');
    } catch (err) {
      if (!(err instanceof DomainError) || err.status === 404) throw err;
      if (!req.session.cart) throw err;
      flash(req, 'error', err.messageKey, err.params);
    }
    res.redirect(303, '/cart');
  });

  router.post('/cart/update', async (req, res) => {
    const parsed = parseForm(cartUpdateForm, req.body);
    if (!parsed.ok) throw new DomainError(422, 'orders.errors.badCartInput');
    req.session.cart = setCartQuantity(cartItems(req), parsed.data.productId, parsed.data.quantity);
    res.redirect(303, '/cart');
  });

  return router;
}
