import { Router, type Request, type Response } from 'express';
import { listProductsForStaff } from '../catalog/queries.ts';
import { NotFoundError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { objectId } from '../web/form-fields.ts';
import type { Csrf } from '../web/csrf.ts';
import { isPeriodFinalised } from '../stipends/service.ts';
import { actorOf } from './actor.ts';
import { attendanceRoutes } from './attendance-routes.ts';
import { formatHours } from './hours.ts';
import { shiftPeriod } from './periods.ts';
import { goodsList } from './schemas.ts';
import { contributionsForJob, getParticipantNames } from './service.ts';
import {
  auditView,
  bodyOf,
  finalisedErrors,
  parseGrid,
  periodFromQuery,
  periodNav,
  postedPeriod,
} from './work-forms.ts';
import {
  activeParticipants,
  contributionsFor,
  gridTargets,
  jobTarget,
  saveContributions,
  type CellInput,
  type Target,
} from './work.ts';

function gridUrl(view: { period: string; job?: string; add: string[] }): string {
  const params = new URLSearchParams({ period: view.period });
  if (view.job) params.set('job', view.job);
  if (view.add.length) params.set('add', view.add.join(','));
  return `/admin/contributions?${params.toString()}`;
}

const CELL_RE = /^w_([^_]+)_([^_]+)_([^_]+)$/;

export function workRoutes(csrf: Csrf): Router {
  const router = Router();
  router.use(attendanceRoutes(csrf));

  interface GridView {
    period: string;
    job: Target | null;
    add: string[];
    q: string;
    values?: Record<string, string>;
    errors?: FieldErrors;
  }

  async function renderGrid(req: Request, res: Response, view: GridView, status = 200) {
    const { period, job } = view;
    const [people, cells, finalised] = await Promise.all([
      activeParticipants(period),
      contributionsFor(period),
      isPeriodFinalised(period),
    ]);
    await auditView(req, people, ['displayName', 'code', 'contributions'], `contributions:${period}`);
    const targets = job ? [job] : await gridTargets(period, view.add);
    const shown = new Set(targets.filter((t) => t.kind === 'product').map((t) => t.id));
    const found = view.q
      ? (await listProductsForStaff({ q: view.q, kind: 'good', status: undefined, page: 1 })).items
          .filter((p) => !shown.has(String(p._id)))
          .slice(0, 20)
          .map((p) => ({
            title: p.title?.lt ?? p.sku,
            sku: p.sku,
            addUrl: gridUrl({ period, add: [...view.add, String(p._id)] }),
          }))
      : [];
    const history = job ? await jobHistory(job.id, req.lang) : [];
    const rows = people.map((p) => {
      const id = String(p._id);
      return {
        id,
        displayName: p.displayName,
        code: p.code,
        cells: targets.map((t) => {
          const field = `w_${id}_${t.kind}_${t.id}`;
          return {
            field,
            label: `${p.displayName}: ${t.title}`,
            value: view.values?.[field] ?? formatHours(cells.get(id)?.get(t.key) ?? 0, req.lang),
            error: view.errors?.[field],
          };
        }),
      };
    });
    res.status(status).render('participants/contributions', {
      titleKey: job ? 'contributions.jobTitle' : 'contributions.title',
      ...periodNav(period),
      prevUrl: gridUrl({ period: shiftPeriod(period, -1), job: job?.id, add: view.add }),
      nextUrl: gridUrl({ period: shiftPeriod(period, 1), job: job?.id, add: view.add }),
      job,
      addIds: view.add.join(','),
      q: view.q,
      found,
      finalised,
      targets,
      history,
      errors: view.errors ?? {},
      // The summary names each bad cell by its person and column; errors of no cell come first.
      errorList: [
        ...Object.entries(view.errors ?? {})
          .filter(([field]) => !rows.some((r) => r.cells.some((c) => c.field === field)))
          .map(([, error]) => ({ href: null, label: null, error })),
        ...rows.flatMap((r) =>
          r.cells
            .filter((c) => c.error)
            .map((c) => ({ href: `#${c.field}`, label: c.label, error: c.error })),
        ),
      ],
      rows,
    });
  }

  async function jobHistory(jobId: string, lang: Request['lang']) {
    const rows = await contributionsForJob(jobId);
    const names = new Map(
      (await getParticipantNames(rows.map((r) => r.participantId))).map((p) => [p.id, p]),
    );
    return rows.map((r) => ({
      period: r.period,
      hours: formatHours(r.weight, lang),
      name: names.get(r.participantId)?.displayName ?? '',
      code: names.get(r.participantId)?.code ?? '',
    }));
  }

  async function jobFrom(value: unknown): Promise<Target | null> {
    if (value === undefined || value === '') return null;
    const id = objectId.safeParse(value);
    const job = id.success ? await jobTarget(id.data) : null;
    if (!job) throw new NotFoundError();
    return job;
  }

  router.get('/contributions', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    await renderGrid(req, res, {
      period: periodFromQuery(req.query.period),
      job: await jobFrom(req.query.job),
      add: goodsList.parse(req.query.add ?? ''),
      q,
    });
  });

  router.post('/contributions', parseGrid, csrf.verifyParsed('/admin/contributions'), async (req, res) => {
    const body = bodyOf(req);
    const period = postedPeriod(body);
    const job = await jobFrom(body.job);
    const add = goodsList.parse(body.add ?? '');
    const cells: CellInput[] = [];
    for (const [field, value] of Object.entries(body)) {
      const m = CELL_RE.exec(field);
      if (m) cells.push({ field, participantId: m[1]!, kind: m[2]!, targetId: m[3]!, value });
      else if (field.startsWith('w_')) {
        return renderGrid(
          req,
          res,
          {
            period,
            job,
            add,
            q: '',
            values: body,
            errors: { _form: { key: 'contributions.errors.cell', params: {} } },
          },
          422,
        );
      }
    }
    try {
      await saveContributions(period, cells, actorOf(req));
    } catch (err) {
      return renderGrid(
        req,
        res,
        { period, job, add, q: '', values: body, errors: finalisedErrors(err) },
        422,
      );
    }
    flash(req, 'success', 'contributions.saved');
    res.redirect(303, gridUrl({ period, job: job?.id, add }));
  });

  return router;
}
