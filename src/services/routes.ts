import { Router } from 'express';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

/** The public side of business service requests: request form, private tracking page, quote acceptance, PDFs. */
export function serviceRequestRoutes(_deps: ModuleRouteDeps): Router {
  return Router();
}
