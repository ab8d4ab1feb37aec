import type { SessionUser } from '../staff/service.ts';
import type { Lang } from './i18n.ts';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    authAt: number;
    flash: { kind: 'success' | 'error' | 'info'; key: string; params?: Record<string, string | number> }[];
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: SessionUser;
      lang: Lang;
      easyRead: boolean;
      /** The shopping cart from its signed cookie (src/orders/cart-cookie.ts): ids and quantities. */
      cart?: { productId: string; quantity: number }[];
      /** Replaces the cart (sets or, when empty, removes its cookie). */
      setCart?: (items: { productId: string; quantity: number }[]) => void;
    }
  }
}

export {};
