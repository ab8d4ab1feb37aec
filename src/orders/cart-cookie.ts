import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { CartItem } from './cart.ts';
import { MAX_CART_LINES } from './cart.ts';
import { MAX_QUANTITY } from './schemas.ts';

/**
 * The cart lives in a signed cookie of the buyer's browser, not in a session: adding to the cart
 * reads and writes nothing in the database but the goods themselves, and a buyer has no session at
 * all (staff sessions are the only ones). The cookie holds product ids and quantities only
 * (`<id>:<qty>~<id>:<qty>.<signature>`, under 1 kB for the largest cart); prices and stock are
 * always read afresh. The signature (HMAC-SHA-256 with `SESSION_SECRET`) refuses a cookie made or
 * changed elsewhere; a refused or malformed cookie is an empty cart.
 */
export function cartCookieName(secure: boolean): string {
  return secure ? '__Host-dv.cart' : 'dv.cart';
}

/** How long a cart is kept in the browser after its last change. */
export const CART_COOKIE_DAYS = 14;

const ITEM = /^([a-f0-9]{24}):([1-9][0-9]{0,2})$/;

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`cart:${payload}`).digest('base64url').slice(0, 32);
}

export function encodeCart(secret: string, items: CartItem[]): string {
  const payload = items.map((i) => `${i.productId}:${i.quantity}`).join('~');
  return `${payload}.${sign(secret, payload)}`;
}

/** The items of a cookie value, or [] when it is missing, unsigned, altered or malformed. */
export function decodeCart(secret: string, value: unknown): CartItem[] {
  if (typeof value !== 'string' || value.length > 2_000) return [];
  const dot = value.lastIndexOf('.');
  if (dot < 0) return [];
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(secret, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  if (payload === '') return [];
  const items: CartItem[] = [];
  for (const part of payload.split('~')) {
    const m = ITEM.exec(part);
    if (!m) return [];
    const quantity = Number(m[2]);
    if (quantity > MAX_QUANTITY || items.some((i) => i.productId === m[1])) return [];
    items.push({ productId: m[1]!, quantity });
  }
  return items.length > MAX_CART_LINES ? [] : items;
}

/**
 * Reads the cart cookie into `req.cart` and gives `req.setCart` to change it (an empty cart
 * removes the cookie).
 */
export function cartCookie({ secret, secure }: { secret: string; secure: boolean }) {
  const name = cartCookieName(secure);
  const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return (req: Request, res: Response, next: NextFunction): void => {
    req.cart = decodeCart(secret, req.cookies?.[name]);
    req.setCart = (items: CartItem[]) => {
      req.cart = items;
      if (items.length === 0) {
        if (req.cookies?.[name] !== undefined) res.clearCookie(name, options);
        return;
      }
      res.cookie(name, encodeCart(secret, items), { ...options, maxAge: CART_COOKIE_DAYS * 86_400_000 });
    };
    next();
  };
}
