import { Router } from 'express';
import { workflowCounts } from '../services/service.ts';
import { dashboardCharts } from '../stipends/charts-data.ts';
import { requireStaff } from './auth.ts';

/** The staff start page: what each role can open. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/', requireStaff, async (req, res) => {
    // Sales and stipend figures come from the ledger: administrators only.
    const charts = req.staff?.role === 'admin' ? await dashboardCharts(req.lang) : null;
    // What the business service workflow needs (marketing and administrators run it).
    const role = req.staff?.role;
    const serviceCounts = role === 'admin' || role === 'marketing' ? await workflowCounts() : null;
    res.render('admin/dashboard', { titleKey: 'dashboard.title', charts, serviceCounts });
  });
  return router;
}
