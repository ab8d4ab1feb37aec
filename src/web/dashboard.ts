import { Router } from 'express';
import { dashboardCharts } from '../stipends/charts-data.ts';
import { requireStaff } from './auth.ts';

/** The staff start page: what each role can open. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/', requireStaff, async (req, res) => {
    // Sales and stipend figures come from the ledger: administrators only.
    const charts = req.staff?.role === 'admin' ? await dashboardCharts(req.lang) : null;
    res.render('admin/dashboard', { titleKey: 'dashboard.title', charts });
  });
  return router;
}
