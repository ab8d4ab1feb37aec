import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { vilniusDate } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf, newFormKey } from '../web/form-once.ts';
import type { FieldErrors, FieldMessage } from '../web/form-fields.ts';
import { actorOf } from './actor.ts';
import { BankRowsError, bankRows, saveBankAccounts, type BankRow, type IbanProblem } from './bank.ts';
import { PERIOD_RE } from './periods.ts';

const PATH = '/participants/ibans';
const PAGE = `/admin${PATH}`;

/** Participant ids separated by commas (the stipend draft's link names the people it found). */
const idList = z
  .string()
  .max(6000)
  .transform((v) => [...new Set(v.split(',').filter((id) => /^[a-f0-9]{24}$/.test(id)))].slice(0, 200));

/** Which rows to show; `period`: the stipend month the page was opened from, to go back to. */
const bankQuery = z.object({
  show: z.enum(['missing', 'all']).catch('all'),
  ids: idList.catch([]),
  period: z.string().regex(PERIOD_RE).optional().catch(undefined),
});

const META_FIELDS = new Set(['_csrf', 'formKey', 'show', 'ids', 'period']);
const ROW_FIELD = /^iban_([a-f0-9]{24})$/;

/** The posted rows, `iban_<participant id>` → what was typed, in the order of the form; null when malformed. */
const rowsForm = z.array(z.tuple([z.string().regex(ROW_FIELD), z.string().max(60)])).max(200);

function parseRows(body: Record<string, unknown>): Map<string, string> | null {
  const pairs = Object.entries(body).filter(([k]) => !META_FIELDS.has(k));
  const parsed = rowsForm.safeParse(pairs);
  if (!parsed.success) return null;
  return new Map(parsed.data.map(([field, value]) => [ROW_FIELD.exec(field)![1]!, value]));
}

const ROW_PROBLEM: Record<IbanProblem | 'unknown', { row: string; summary: string }> = {
  format: { row: 'bank.errors.format', summary: 'bank.errors.rowFormat' },
  length: { row: 'bank.errors.length', summary: 'bank.errors.rowLength' },
  checksum: { row: 'bank.errors.checksum', summary: 'bank.errors.rowChecksum' },
  unknown: { row: 'bank.errors.unknown', summary: 'bank.errors.rowUnknown' },
};

type Query = z.infer<typeof bankQuery>;

interface PageState {
  /** Rows to show again in the order posted (after a refusal); else the query's rows. */
  posted?: string[];
  values?: Map<string, string>;
  problems?: Map<string, IbanProblem | 'unknown'>;
  formError?: FieldMessage;
  status?: number;
}

function queryOf(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.ids.length > 0) out.ids = query.ids.join(',');
  else out.show = query.show;
  if (query.period) out.period = query.period;
  return out;
}

/** The page where administrators enter many participants' bank accounts at once, under /admin. */
export function bankRoutes(): Router {
  const router = Router();
  router.use(PATH, requireRole('admin'));

  async function render(req: Request, res: Response, query: Query, state: PageState = {}) {
    const actor = actorOf(req);
    const filter = {
      ids: state.posted ?? query.ids,
      missing: query.show === 'missing',
      today: vilniusDate(new Date()),
    };
    const rows: BankRow[] = await bankRows(filter, actor, state.posted ? 'asked' : 'name');
    const errors: FieldErrors = {};
    if (state.formError) errors._form = state.formError;
    rows.forEach((r, i) => {
      const problem = state.problems?.get(r.id);
      if (problem)
        errors[`iban_${r.id}`] = {
          key: ROW_PROBLEM[problem].summary,
          params: { row: i + 1, name: r.displayName },
        };
    });
    res.status(state.status ?? 200).render('participants/iban', {
      titleKey: 'bank.title',
      query,
      hidden: queryOf(query),
      named: query.ids.length > 0,
      formKey: newFormKey(),
      errors,
      rows: rows.map((r, i) => {
        const field = `iban_${r.id}`;
        const problem = state.problems?.get(r.id);
        return {
          ...r,
          n: i + 1,
          field,
          value: state.values?.get(r.id) ?? '',
          error: problem ? { key: ROW_PROBLEM[problem].row, params: {} } : undefined,
        };
      }),
    });
  }

  router.get(PATH, async (req, res) => {
    await render(req, res, bankQuery.parse(req.query));
  });

  router.post(PATH, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const query = bankQuery.parse({ show: body.show, ids: body.ids, period: body.period });
    const entries = parseRows(body);
    if (!entries)
      return render(req, res, query, { formError: { key: 'bank.errors.fields', params: {} }, status: 422 });
    const posted = [...entries.keys()];
    const key = formKeyOf(body);
    if (!key)
      return render(req, res, query, { posted, values: entries, formError: FORM_KEY_ERROR, status: 422 });
    const page = query.period
      ? `/admin/stipends/${query.period}`
      : `${PAGE}?${new URLSearchParams(queryOf(query))}`;
    try {
      await answerOnce(req, res, { form: 'participant-ibans', target: 'register', key, page }, async () => {
        const changed = await saveBankAccounts(entries, actorOf(req));
        if (changed.length > 0)
          req.log.info({ by: req.staff!.id, count: changed.length }, 'bank accounts saved');
        return changed.length > 0
          ? { key: 'bank.saved', params: { count: changed.length } }
          : { key: 'bank.unchanged' };
      });
    } catch (err) {
      if (!(err instanceof BankRowsError)) throw err;
      await render(req, res, query, {
        posted,
        values: entries,
        problems: err.rows,
        formError: { key: 'bank.errors.summary', params: {} },
        status: 422,
      });
    }
  });

  return router;
}
