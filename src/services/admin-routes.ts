import { Router } from 'express';
import { requireRole } from '../web/auth.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { jobAdminRoutes } from './admin-jobs.ts';
import { staffPage } from './admin-page.ts';
import { quoteAdminRoutes } from './admin-quotes.ts';
import { requestAdminRoutes } from './admin-requests.ts';
import { reviewAdminRoutes } from './admin-review.ts';
import { isafRoutes } from './isaf-routes.ts';

export { parseQuoteForm } from './admin-quotes.ts';

/**
 * Staff side of business service requests (marketing, admin), mounted under /admin, with the
 * month's i.SAF register of issued invoices (admin only).
 */
export function serviceAdminRoutes(deps: ModuleRouteDeps): Router {
  const router = Router();
  const staffOnly = requireRole('admin', 'marketing');
  router.use(['/requests', '/service-invoices'], staffOnly);
  const page = staffPage(deps);

  requestAdminRoutes(router, page);
  quoteAdminRoutes(router, deps, page);
  jobAdminRoutes(router, page);
  reviewAdminRoutes(router, page);
  isafRoutes(router);

  return router;
}
