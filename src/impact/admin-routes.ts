import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { shiftPeriod, vilniusPeriod } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { projectReport } from './report.ts';
import { saveImpactText, storedImpactText } from './service.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** At most ten years in one report. */
const MAX_MONTHS = 120;

const rangeQuery = z
  .object({
    from: z.string().regex(MONTH, 'impact.report.errors.month'),
    to: z.string().regex(MONTH, 'impact.report.errors.month'),
  })
  .superRefine((v, ctx) => {
    if (v.from > v.to || monthsBetween(v.from, v.to).length > MAX_MONTHS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'impact.report.errors.range' });
  });

// Both fields are on the form: a body without them is not a form this page sent, and stores nothing.
const pageText = z.string().trim().max(1500);
const textForm = z.object({ textLt: pageText, textEn: pageText });

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= MAX_MONTHS; m = shiftPeriod(m, 1)) months.push(m);
  return months;
}

/** `/admin/reports`: the project report's downloads and the impact page's own text (administrators). */
export function impactAdminRoutes(): Router {
  const router = Router();
  router.use('/reports', requireRole('admin'));

  async function renderPage(
    req: Request,
    res: Response,
    view: { range?: Record<string, string>; text?: Record<string, string>; errors?: FieldErrors },
    status = 200,
  ) {
    const stored = await storedImpactText();
    const now = vilniusPeriod(new Date());
    res.status(status).render('impact/admin/report', {
      titleKey: 'impact.admin.title',
      range: view.range ?? { from: `${now.slice(0, 4)}-01`, to: shiftPeriod(now, -1) },
      text: view.text ?? { textLt: stored.lt, textEn: stored.en },
      errors: view.errors ?? {},
    });
  }

  router.get('/reports', (req, res) => renderPage(req, res, {}));

  router.post('/reports/text', async (req, res) => {
    const parsed = parseForm(textForm, req.body);
    if (!parsed.ok)
      return renderPage(req, res, { text: req.body as Record<string, string>, errors: parsed.errors }, 422);
    await saveImpactText({ lt: parsed.data.textLt, en: parsed.data.textEn }, req.staff!.id);
    flash(req, 'success', 'impact.admin.saved');
    res.redirect(303, '/admin/reports');
  });

  router.get('/reports/:kind.csv', async (req, res) => {
    const kind = z.enum(['months', 'people']).safeParse(req.params.kind);
    const range = parseForm(rangeQuery, req.query);
    if (!kind.success) return res.status(404).end();
    if (!range.ok)
      return renderPage(req, res, { range: req.query as Record<string, string>, errors: range.errors }, 422);
    const periods = monthsBetween(range.data.from, range.data.to);
    const report = await projectReport(periods, {
      id: req.staff!.id,
      role: req.staff!.role,
      name: req.staff!.name,
    });
    const format = csvFormatOf(req.query);
    const body =
      kind.data === 'months' ? report.monthsCsv(format, req.lang) : report.peopleCsv(format, req.lang);
    const base = `projektas-${kind.data === 'months' ? 'menesiai' : 'dalyviai'}-${range.data.from}-${range.data.to}`;
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(base, format)}"`,
    });
    res.send(body);
  });

  return router;
}
