import { Router } from 'express';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { answerRoutes } from './answer-routes.ts';
import { requestFormRoutes } from './form-routes.ts';
import type { ServiceContext } from './notify.ts';
import { trackingRoutes } from './tracking-routes.ts';

export { sendPdf } from './web-helpers.ts';

/** The public side of business service requests: request form, private tracking page, quote acceptance, PDFs. */
export function serviceRequestRoutes(deps: ModuleRouteDeps): Router {
  const { commerce } = deps;
  const router = Router();
  const ctx = (by: string): ServiceContext => ({
    by,
    mailer: commerce.mailer,
    publicUrl: commerce.publicUrl,
  });

  // The form first: `/requests/new` must not be taken for a tracking token.
  requestFormRoutes(router, deps, ctx);
  trackingRoutes(router, deps, ctx);
  answerRoutes(router);

  return router;
}
