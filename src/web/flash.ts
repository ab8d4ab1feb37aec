import type { NextFunction, Request, Response } from 'express';

type Kind = 'success' | 'error' | 'info';

/** A one-time message shown on the next page; only staff have sessions, so only staff pages use it. */
export function flash(req: Request, kind: Kind, key: string, params?: Record<string, string | number>): void {
  if (!req.session) return;
  req.session.flash = [...(req.session.flash ?? []), { kind, key, params }];
}

export function exposeFlash(req: Request, res: Response, next: NextFunction): void {
  if (req.session?.flash?.length) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
}
