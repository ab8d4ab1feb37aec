import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { listProductsForStaff } from '../catalog/queries.ts';
import { ConflictError, DomainError, NotFoundError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { objectId } from '../web/form-fields.ts';
import { currentPeriod, daysInPeriod, shiftPeriod } from './periods.ts';
import { goodsList, missingQuery, periodParam } from './schemas.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.ts';
import { contributionsForJob, getParticipantNames, withoutAttendance } from './service.ts';
import {
  activeParticipants,
  attendanceFor,
  contributionsFor,
  FieldsError,
  gridTargets,
  jobTarget,
  saveAttendance,
  saveContributions,
  type CellInput,
  type Target,
} from './work.ts';
import { isPeriodFinalised } from '../stipends/service.ts';
import type { Csrf } from '../web/csrf.ts';

/**
 * Attendance and the contributions grid post every cell as its own field, which can be far more than
 * the app's urlencoded limit (200 fields): they are multipart forms, their CSRF token checked once
 * the body is parsed.
 */
const gridParser = multer({ limits: { fields: 10_000, fieldSize: 2000, parts: 10_000, files: 0 } }).none();

function parseGrid(req: Request, res: Response, next: NextFunction): void {
  gridParser(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError) return next(new DomainError(413, 'errors.tooLarge'));
    next(err);
  });
}

function bodyOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else throw new DomainError(400, 'errors.badRequest');
  }
  return out;
}

function periodFromQuery(value: unknown): string {
  const parsed = periodParam.safeParse(value);
  return parsed.success ? parsed.data : currentPeriod();
}

/** A posted period must be well formed: anything else is refused and nothing is stored. */
function postedPeriod(body: Record<string, string>): string {
  const parsed = periodParam.safeParse(body.period);
  if (!parsed.success) throw new DomainError(422, 'contributions.errors.period');
  return parsed.data;
}

function periodNav(period: string) {
  return { period, prevPeriod: shiftPeriod(period, -1), nextPeriod: shiftPeriod(period, 1) };
}

function finalisedErrors(err: unknown): FieldErrors {
  if (err instanceof FieldsError) return err.errors;
  if (err instanceof ConflictError) return { _form: { key: err.messageKey, params: err.params } };
  throw err;
}

function gridUrl(view: { period: string; job?: string; add: string[] }): string {
  const params = new URLSearchParams({ period: view.period });
  if (view.job) params.set('job', view.job);
  if (view.add.length) params.set('add', view.add.join(','));
  return `/admin/contributions?${params.toString()}`;
}

/** The attendance and contribution pages show the people active in the period: audited as a list view. */
async function auditView(req: Request, people: { _id: unknown }[], fields: string[], context: string) {
  if (people.length === 0) return;
  const participantIds = people.map((p) => String(p._id));
  await recordAudit({ actor: actorOf(req), action: 'list', participantIds, fields, context });
}

const CELL_RE = /^w_([^_]+)_([^_]+)_([^_]+)$/;

export function workRoutes(csrf: Csrf): Router {
  const router = Router();

  async function renderAttendance(
    req: Request,
    res: Response,
    period: string,
    extra: { values?: Record<string, string>; errors?: FieldErrors; missing?: boolean } = {},
    status = 200,
  ) {
    const [active, days, finalised] = await Promise.all([
      activeParticipants(period),
      attendanceFor(period),
      isPeriodFinalised(period),
    ]);
    // The dashboard's queue: only those with nothing recorded yet (saving posts only these rows).
    const people = extra.missing ? await withoutAttendance(period, active) : active;
    await auditView(req, people, ['displayName', 'code', 'attendanceDays'], `attendance:${period}`);
    res.status(status).render('participants/attendance', {
      titleKey: 'attendance.title',
      ...periodNav(period),
      maxDays: daysInPeriod(period),
      finalised,
      missing: Boolean(extra.missing),
      errors: extra.errors ?? {},
      rows: people.map((p) => {
        const id = String(p._id);
        const field = `days_${id}`;
        return {
          id,
          field,
          displayName: p.displayName,
          code: p.code,
          value: extra.values?.[field] ?? String(days.get(id) ?? 0),
          error: extra.errors?.[field],
        };
      }),
    });
  }

  router.get('/attendance', (req, res) =>
    renderAttendance(req, res, periodFromQuery(req.query.period), {
      missing: missingQuery.parse(req.query.missing),
    }),
  );

  router.post('/attendance', parseGrid, csrf.verifyParsed('/admin/attendance'), async (req, res) => {
    const body = bodyOf(req);
    const period = postedPeriod(body);
    const days = new Map<string, string>();
    for (const [k, v] of Object.entries(body)) {
      const m = /^days_(.+)$/.exec(k);
      if (m) days.set(m[1]!, v);
    }
    try {
      await saveAttendance(period, days, actorOf(req));
    } catch (err) {
      return renderAttendance(req, res, period, { values: body, errors: finalisedErrors(err) }, 422);
    }
    flash(req, 'success', 'attendance.saved');
    res.redirect(303, `/admin/attendance?period=${period}`);
  });

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
    const history = job ? await jobHistory(job.id) : [];
    res.status(status).render('participants/contributions', {
      titleKey: job ? 'contributions.jobTitle' : 'contributions.title',
      ...periodNav(period),
      prevUrl: gridUrl({ period: shiftPeriod(period, -1), job: job?.id, add: view.add }),
      nextUrl: gridUrl({ period: shiftPeriod(period, 1), job: job?.id, add: view.add }),
      job,
      add: view.add.join(','),
      q: view.q,
      found,
      finalised,
      targets,
      history,
      errors: view.errors ?? {},
      rows: people.map((p) => {
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
              value: view.values?.[field] ?? String(cells.get(id)?.get(t.key) ?? ''),
              error: view.errors?.[field],
            };
          }),
        };
      }),
    });
  }

  async function jobHistory(jobId: string) {
    const rows = await contributionsForJob(jobId);
    const names = new Map(
      (await getParticipantNames(rows.map((r) => r.participantId))).map((p) => [p.id, p]),
    );
    return rows.map((r) => ({
      period: r.period,
      weight: r.weight,
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
