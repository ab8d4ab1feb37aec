import { Router } from 'express';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

/** Staff side of business service requests (marketing, admin), mounted under /admin. */
export function serviceAdminRoutes(_deps: ModuleRouteDeps): Router {
  return Router();
}
