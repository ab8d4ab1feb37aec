import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { ConflictError } from '../lib/errors.ts';
import { vilniusDate } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { localized, translate, type Lang } from '../web/i18n.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import {
  allotmentQuantity,
  closeForm,
  eventForm,
  eventParam,
  saleParam,
  syncBody,
  voidForm,
} from './schemas.ts';
import {
  allotmentChoices,
  applySales,
  closeEvent,
  createEvent,
  eventView,
  getEvent,
  isClosed,
  listEvents,
  stallOffer,
  voidSale,
} from './service.ts';
import { CLIENT_KEYS } from './messages.ts';

const PUBLIC_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');
const SW_FILE = path.join(PUBLIC_JS, 'js/fair-sw.js');
/** What the service worker caches; its cache is named after their contents, so a change replaces it. */
const CACHED_ASSETS = ['js/fair-sell.js', 'js/fair-queue.js', 'css/fair.css', 'css/base.css'];

/** The worker's code with its cache version: a hash of itself and of the files it caches. */
async function serviceWorkerCode(): Promise<string> {
  const code = await readFile(SW_FILE, 'utf8');
  const hash = createHash('sha256').update(code);
  for (const file of CACHED_ASSETS) hash.update(await readFile(path.join(PUBLIC_JS, file)));
  return code.replace('__FAIR_CACHE_VERSION__', hash.digest('hex').slice(0, 12));
}

/**
 * The service worker, served outside the staff area at /fair-sw.js with its scope widened to
 * /admin/fair/ (`Service-Worker-Allowed`). No session needed: the browser re-reads it to update,
 * also after the session ended; it holds no data, only the list of files to keep.
 */
export function fairServiceWorkerRoute(): Router {
  const router = Router();
  router.get('/fair-sw.js', async (_req, res) => {
    res
      .type('text/javascript')
      .set({ 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': '/admin/fair/' })
      .send(await serviceWorkerCode());
  });
  return router;
}

/** Fair mode: marketing and administrators (the production master does not sell). */
export function fairRoutes({ storage }: Pick<ModuleRouteDeps, 'storage'>): Router {
  const router = Router();

  router.use('/fair', requireRole('admin', 'marketing'));

  async function renderList(
    req: Request,
    res: Response,
    status = 200,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
  ) {
    const [events, goods] = await Promise.all([listEvents(), allotmentChoices()]);
    res.status(status).render('fair/list', {
      titleKey: 'fair.title',
      events,
      goods: goods.map((p) => ({
        id: String(p._id),
        title: localized(p.title, req.lang),
        sku: p.sku,
        field: `qty_${String(p._id)}`,
        value: values[`qty_${String(p._id)}`] ?? '',
        error: errors[`qty_${String(p._id)}`],
      })),
      values: { date: vilniusDate(new Date()), ...values },
      errors,
      hasErrors: Object.keys(errors).length > 0,
    });
  }

  router.get('/fair', (req, res) => renderList(req, res));

  router.post('/fair/events', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(eventForm, body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const allotment: { productId: string; quantity: number }[] = [];
    for (const [field, value] of Object.entries(body)) {
      const m = /^qty_([a-f0-9]{24})$/.exec(field);
      if (!m) continue;
      const q = allotmentQuantity.safeParse(value);
      if (!q.success) errors[field] = { key: 'errors.wholeNumber', params: {} };
      else if (q.data !== '') allotment.push({ productId: m[1]!, quantity: Number(q.data) });
    }
    const values = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    if (!parsed.ok || Object.keys(errors).length > 0) return renderList(req, res, 422, errors, values);
    const id = await createEvent(parsed.data, allotment, req.staff!.name);
    flash(req, 'success', 'fair.flash.opened');
    res.redirect(303, `/admin/fair/events/${id}`);
  });

  router.get('/fair/events/:id', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const view = await eventView(id);
    res.render('fair/event', { titleKey: 'fair.eventTitle', ...presentView(view, req.lang) });
  });

  router.get('/fair/events/:id/sales', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const view = await eventView(id);
    res.render('fair/sales', { titleKey: 'fair.sales.title', ...presentView(view, req.lang) });
  });

  router.get('/fair/events/:id/close', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const view = await eventView(id);
    if (view.closing) return res.redirect(303, `/admin/fair/events/${id}`);
    res.render('fair/close', {
      titleKey: 'fair.close.title',
      ...presentView(view, req.lang),
      values: {},
      errors: {},
    });
  });

  router.post('/fair/events/:id/close', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const parsed = parseForm(closeForm, req.body);
    if (!parsed.ok) {
      const view = await eventView(id);
      return res.status(422).render('fair/close', {
        titleKey: 'fair.close.title',
        ...presentView(view, req.lang),
        values: req.body as Record<string, string>,
        errors: parsed.errors,
        hasErrors: true,
      });
    }
    await closeEvent(id, parsed.data, req.staff!.name);
    flash(req, 'success', 'fair.flash.closed');
    res.redirect(303, `/admin/fair/events/${id}`);
  });

  router.post('/fair/events/:id/sales/:saleId/void', async (req, res) => {
    const { id, saleId } = parseParams(saleParam, req.params);
    const parsed = parseForm(voidForm, req.body);
    if (!parsed.ok) {
      const first = Object.values(parsed.errors)[0]!;
      flash(req, 'error', first.key === 'errors.required' ? 'fair.errors.voidReason' : first.key);
      return res.redirect(303, `/admin/fair/events/${id}/sales#sale-${saleId}`);
    }
    try {
      await voidSale(id, saleId, parsed.data.reason, req.staff!.name);
      flash(req, 'success', 'fair.flash.voided');
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      flash(req, 'error', err.messageKey);
    }
    res.redirect(303, `/admin/fair/events/${id}/sales`);
  });

  router.get('/fair/events/:id/sell', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const event = await getEvent(id);
    if (await isClosed(id)) return res.redirect(303, `/admin/fair/events/${id}`);
    res.render('fair/sell', {
      layout: 'fair',
      titleKey: 'fair.sell.title',
      event: { id, name: event.name, place: event.place, date: event.date },
      // Inside a <script> data block: no '<' may end it early.
      strings: JSON.stringify(clientStrings(req.lang)).replace(/</g, '\\u003c'),
    });
  });

  router.get('/fair/events/:id/goods.json', async (req, res) => {
    const { id } = parseParams(eventParam, req.params);
    const event = await getEvent(id);
    const goods = await stallOffer(event);
    res.json({
      event: { id, name: event.name, closed: await isClosed(id) },
      goods: goods.map((g) => ({
        id: g.id,
        sku: g.sku,
        title: localized(g.title, req.lang),
        priceCents: g.priceCents,
        thumbUrl: g.thumbKey ? storage.publicUrl(g.thumbKey) : null,
        left: g.left,
      })),
    });
  });

  // The phones' queue: sales as JSON, each applied once. A malformed envelope is a 400; each sale
  // gets its own answer (applied, already applied, refused with the reason, or a conflicting replay).
  router.post('/fair/sync', express.json({ limit: '2mb' }), async (req, res) => {
    const parsed = syncBody.safeParse(req.body);
    if (!parsed.success) {
      return res.status(400).json({ error: translate(req.lang, 'fair.errors.batch') });
    }
    const results = await applySales(parsed.data.sales, req.staff!.name);
    for (const r of results) {
      if (r.status === 'conflict')
        req.log.warn({ saleId: r.id }, 'fair sale replayed with other contents: refused');
    }
    res.json({
      results: results.map((r) => ({
        id: r.id,
        status: r.status,
        ...(r.message ? { message: translate(req.lang, r.message.key, r.message.params) } : {}),
        ...(r.late ? { late: true } : {}),
        ...(r.shortfall ? { shortfall: true } : {}),
      })),
    });
  });

  return router;
}

function presentView(view: Awaited<ReturnType<typeof eventView>>, lang: Lang) {
  const id = String(view.event._id);
  const closing = view.closing;
  const lateCash = view.late.cash.dueCents;
  const lateCard = view.late.card.dueCents;
  return {
    id,
    event: view.event,
    open: !closing,
    closing,
    totals: { cash: view.cash, card: view.card, total: view.total, voided: view.voided },
    late: lateCash + lateCard !== 0 ? { cash: view.late.cash, card: view.late.card } : null,
    differences: closing
      ? [
          {
            key: 'fair.close.cash',
            expected: closing.expected!.cashCents,
            counted: closing.counted!.cashCents,
            diff: closing.differences!.cashCents,
          },
          {
            key: 'fair.close.terminal',
            expected: closing.expected!.cardCents,
            counted: closing.counted!.terminalCents,
            diff: closing.differences!.terminalCents,
          },
          {
            key: 'fair.close.register',
            expected: closing.expected!.registerCents,
            counted: closing.counted!.registerCents,
            diff: closing.differences!.registerCents,
          },
        ].map((d) => ({ ...d, nonZero: d.diff !== 0 }))
      : [],
    sales: view.sales.map((s) => presentSale(s, lang)),
    flagged: view.flagged.map((s) => presentSale(s, lang)),
    conflicts: view.conflicts,
    goods: view.goods.map((g) => ({
      ...g,
      title: localized(g.title, lang),
      over: g.left !== null && g.left < 0,
    })),
  };
}

function presentSale(s: Awaited<ReturnType<typeof eventView>>['sales'][number], lang: Lang) {
  return {
    ...s,
    methodKey: s.method === 'cash' ? 'fair.method.cash' : 'fair.method.card',
    cash: s.method === 'cash',
    lines: s.lines.map((l) => ({ ...l, title: localized(l.title, lang) })),
  };
}

/** The sell page's strings in the user's language, for its script (it works offline, so they come with the page). */
function clientStrings(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(CLIENT_KEYS).map(([name, key]) => [name, translate(lang, key)]));
}
