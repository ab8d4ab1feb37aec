import type { NextFunction, Request, Response } from 'express';

/**
 * The staff area and the pages a private link opens (a customer's order, a business request and
 * their downloads), whatever the letter case (Express routes ignore it). `/orders/find` and
 * `/requests/new` are public forms.
 */
const PRIVATE_PATH =
  /^\/(?:admin|account)(?:\/|$)|^\/orders\/(?!find\/?$)[^/]+|^\/requests\/(?!new\/?$)[^/]+/i;

function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store');
}

/**
 * Private pages are never kept by the browser, so that after signing out on a shared computer Back
 * shows nothing. Set before anything answers, so redirects, refusals and error pages carry it too.
 */
export function noStoreForPrivatePages(req: Request, res: Response, next: NextFunction): void {
  if (PRIVATE_PATH.test(req.path)) noStore(res);
  next();
}

/** Whatever signed-in staff open (public pages show their name and menu too) is not kept either. */
export function noStoreForStaff(req: Request, res: Response, next: NextFunction): void {
  if (req.staff) noStore(res);
  next();
}
