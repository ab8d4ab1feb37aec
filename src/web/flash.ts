import type { NextFunction, Request, Response } from 'express';

type Kind = 'success' | 'error' | 'info';

const MAX_MESSAGES = 3;

/** A one-time message shown on the next page; only staff have sessions, so only staff pages use it. */
export function flash(req: Request, kind: Kind, key: string, params?: Record<string, string | number>): void {
  if (!req.session) return;
  // Messages nobody saw (a client that does not follow redirects) must not pile up in the session.
  const unseen = (req.session.flash ?? []).filter((m) => m.key !== key).slice(-(MAX_MESSAGES - 1));
  req.session.flash = [...unseen, { kind, key, params }];
}

export function exposeFlash(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.flash?.length) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
}
