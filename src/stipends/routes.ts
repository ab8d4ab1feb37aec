import { Router } from 'express';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

/** Stipend periods and their outputs (admin), mounted under /admin. */
export function stipendsRoutes(_deps: ModuleRouteDeps): Router {
  return Router();
}
