import { Router } from 'express';
import type { ModuleRouteDeps } from '../web/module-deps.ts';

/** Participants register, attendance and contributions (master, admin), mounted under /admin. */
export function participantsRoutes(_deps: ModuleRouteDeps): Router {
  return Router();
}
