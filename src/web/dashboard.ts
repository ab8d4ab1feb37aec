import { Router } from 'express';
import { requireStaff } from './auth.ts';

/** The staff start page: what each role can open. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/', requireStaff, (_req, res) => {
    res.render('admin/dashboard', { titleKey: 'dashboard.title' });
  });
  return router;
}
