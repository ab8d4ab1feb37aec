import type { SessionUser } from '../staff/service.ts';
import type { Lang } from './i18n.ts';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    authAt: number;
    /** The shopping cart: product ids and quantities (prices are always read fresh). */
    cart: { productId: string; quantity: number }[];
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
    }
  }
}

export {};
