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
    }
  }
}

export {};
