import { Router, type Request, type Response } from 'express';
import { DomainError } from '../lib/errors.ts';
import { centsToInput } from '../lib/money.ts';
import { getSettings } from '../settings/service.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localized } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { readAttachment } from './attachments.ts';
import { invoicePdf, pdfFileName, quotePdf } from './documents.ts';
import { vilniusDate } from '../lib/dates.ts';
import {
  addDays,
  amountDue,
  creditNotesOf,
  getInvoice,
  invoiceLabel,
  invoicesOf,
  issueCreditNote,
  issueInvoice,
  markInvoicePaid,
  paidMoment,
  recordCreditNoteRefund,
  settlementOf,
} from './invoices.ts';
import { REQUEST_STATES, type QuoteDoc } from './model.ts';
import { trackingUrl, type ServiceContext } from './notify.ts';
import { eventLabel, labels } from './present.ts';
import { sendPdf } from './routes.ts';
import {
  assignForm,
  cancelForm,
  creditNoteForm,
  idParam,
  noteForm,
  paidOnForm,
  quoteHeadForm,
  quoteLineForm,
  scheduleForm,
  staffListQuery,
  versionParam,
} from './schemas.ts';
import {
  addNote,
  assign,
  assignableStaff,
  cancelRequest,
  completeJob,
  getQuote,
  getRequest,
  listRequests,
  quotesOf,
  saveQuoteDraft,
  scheduleJob,
  sendQuote,
  startJob,
  startReview,
  timeline,
  workflowCounts,
} from './service.ts';
import { canMove } from './transitions.ts';
import type { LineInput } from './pricing.ts';
import { MAX_QUOTE_LINES } from './schemas.ts';

type Values = Record<string, string>;
const EMPTY_ROWS = 3;

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : ''));
  return typeof v === 'string' ? [v] : [];
}

/** A form on the request page that did not validate: the page is shown again with these. */
class FormError extends Error {
  readonly extra: { errors: FieldErrors; quoteRows?: Values[]; quoteValues?: Values };

  constructor(extra: { errors: FieldErrors; quoteRows?: Values[]; quoteValues?: Values }) {
    super('form');
    this.extra = extra;
  }
}

/** Quote lines come as repeated fields; blank rows are skipped, each row is checked on its own. */
export function parseQuoteForm(body: Record<string, unknown>) {
  const head = parseForm(quoteHeadForm, body);
  const errors: FieldErrors = head.ok ? {} : { ...head.errors };
  const cols = ['description', 'quantity', 'unitPrice', 'vatRate'].map((c) => asList(body[c]));
  const rowCount = Math.max(...cols.map((c) => c.length));
  const rows: Values[] = [];
  const lines: LineInput[] = [];
  for (let i = 0; i < rowCount; i++) {
    const row = {
      description: cols[0]![i] ?? '',
      quantity: cols[1]![i] ?? '',
      unitPrice: cols[2]![i] ?? '',
      vatRate: cols[3]![i] ?? '',
    };
    if (!row.description.trim() && !row.quantity.trim() && !row.unitPrice.trim()) continue;
    const index = rows.length;
    rows.push(row);
    const parsed = parseForm(quoteLineForm, row);
    if (!parsed.ok) {
      for (const [field, msg] of Object.entries(parsed.errors)) errors[`${field}-${index}`] = msg;
      continue;
    }
    lines.push({
      description: parsed.data.description,
      quantity: parsed.data.quantity,
      unitNetCents: parsed.data.unitPrice,
      vatRateBps: parsed.data.vatRate,
    });
  }
  if (rows.length === 0) errors['description-0'] = { key: 'quote.errors.noLines', params: {} };
  if (rows.length > MAX_QUOTE_LINES)
    errors._form = { key: 'quote.errors.tooManyLines', params: { max: MAX_QUOTE_LINES } };
  return {
    ok: head.ok && Object.keys(errors).length === 0,
    errors,
    rows,
    data: head.ok ? { ...head.data, validUntil: head.data.validUntil!, lines } : null,
  };
}

/** Staff side of business service requests (marketing, admin), mounted under /admin. */
export function serviceAdminRoutes(deps: ModuleRouteDeps): Router {
  const { commerce } = deps;
  const router = Router();
  const staffOnly = requireRole('admin', 'marketing');
  router.use(['/requests', '/service-invoices'], staffOnly);
  const ctx = (req: Request): ServiceContext => ({
    by: req.staff!.name,
    mailer: commerce.mailer,
    publicUrl: commerce.publicUrl,
  });

  router.get('/requests', async (req, res) => {
    const query = staffListQuery.parse(req.query);
    const [list, counts, staff] = await Promise.all([
      listRequests(query),
      workflowCounts(),
      assignableStaff(),
    ]);
    res.render('services/admin/list', {
      titleKey: 'requests.adminTitle',
      query,
      counts,
      states: REQUEST_STATES.map((s) => ({
        value: s,
        label: labels.state(req.lang, s),
        selected: query.state === s,
      })),
      staff: staff.map((s) => ({
        id: String(s._id),
        name: s.name,
        selected: query.assignee === String(s._id),
      })),
      unassignedSelected: query.assignee === 'none',
      items: list.items.map((r) => ({
        id: String(r._id),
        reference: r.reference,
        company: r.company?.name,
        state: r.state,
        stateLabel: labels.state(req.lang, r.state),
        service: localized(r.serviceTitle, req.lang),
        assigneeName: r.assigneeName,
        createdAt: r.createdAt,
      })),
      total: list.total,
      currentQuery: { q: query.q, state: query.state, assignee: query.assignee },
      page: query.page,
      pages: list.pages,
      prevPage: query.page > 1 ? query.page - 1 : null,
      nextPage: query.page < list.pages ? query.page + 1 : null,
    });
  });

  async function renderShow(
    req: Request,
    res: Response,
    extra: { errors?: FieldErrors; quoteRows?: Values[]; quoteValues?: Values; conflict?: object } = {},
    status = 200,
  ) {
    const { id } = parseParams(idParam, req.params);
    const request = await getRequest(id);
    const [events, quotes, invoices, staff] = await Promise.all([
      timeline(request._id),
      quotesOf(request._id),
      invoicesOf(request._id),
      assignableStaff(),
    ]);
    const state = request.state!;
    const draft = quotes.find((q) => q.status === 'draft');
    const basis: QuoteDoc | undefined = draft ?? quotes[quotes.length - 1];
    const sep = req.lang === 'en' ? '.' : ',';
    const quoteRows = extra.quoteRows ?? [
      ...(basis?.lines ?? []).map((l) => ({
        description: l.description,
        quantity: String(l.quantity),
        unitPrice: centsToInput(l.unitNetCents, sep),
        vatRate: String(l.vatRateBps / 100).replace('.', sep),
      })),
    ];
    while (quoteRows.length < (basis?.lines.length ?? 0) + EMPTY_ROWS && quoteRows.length < MAX_QUOTE_LINES) {
      quoteRows.push({ description: '', quantity: '', unitPrice: '', vatRate: '' });
    }
    const settings = await getSettings();
    const defaultRate = settings.vatPayer ? String((settings.defaultVatRateBps ?? 0) / 100) : '0';
    const invoiceViews = await Promise.all(
      invoices.map(async (inv) => {
        const settled = await settlementOf(inv._id);
        const isInvoice = inv.kind === 'invoice';
        const credits = isInvoice ? await creditNotesOf(inv._id) : [];
        const paidParent =
          !isInvoice && inv.correctsInvoiceId ? await settlementOf(inv.correctsInvoiceId) : null;
        return {
          id: String(inv._id),
          label: invoiceLabel(inv),
          isInvoice,
          correctsLabel: inv.correctsLabel,
          reason: inv.reason,
          issuedOn: inv.issuedOn,
          dueOn: inv.dueOn,
          totals: inv.totals,
          dueCents: isInvoice ? await amountDue(inv) : 0,
          settled,
          methodLabel: settled ? labels.method(req.lang, settled.method) : '',
          canMarkPaid: isInvoice && !settled && state === 'invoiced',
          canCredit:
            isInvoice && credits.reduce((s, c) => s + c.totals!.grossCents, 0) + inv.totals!.grossCents > 0,
          canRecordRefund: !isInvoice && !settled && Boolean(paidParent),
        };
      }),
    );
    res.status(status).render('services/admin/show', {
      titleKey: 'requests.adminTitle',
      request: {
        ...request,
        id: String(request._id),
        stateLabel: labels.state(req.lang, request.state),
        serviceTitle: localized(request.serviceTitle, req.lang),
        privateUrl: trackingUrl(commerce.publicUrl, request),
      },
      staff: staff.map((s) => ({
        id: String(s._id),
        name: s.name,
        selected: String(s._id) === String(request.assigneeId ?? ''),
      })),
      events: events.map((e) => ({ ...e, label: eventLabel(req.lang, e, true) })),
      quotes: quotes
        .map((q) => ({
          ...q,
          isDraft: q.status === 'draft',
          statusLabel: labels.quoteStatus(req.lang, q.status),
        }))
        .reverse(),
      draftVersion: draft?.version ?? null,
      quoteRows: quoteRows.map((row, i) => ({
        ...row,
        i,
        err: Object.fromEntries(
          ['description', 'quantity', 'unitPrice', 'vatRate'].map((f) => [f, extra.errors?.[`${f}-${i}`]]),
        ),
      })),
      quoteValues: extra.quoteValues ?? {
        validUntil: draft?.validUntil ?? addDays(vilniusDate(new Date()), settings.quoteValidityDays ?? 30),
        leadTimeDays: String(basis?.leadTimeDays ?? 0),
        terms: basis?.terms ?? '',
      },
      defaultVatRate: defaultRate,
      invoices: invoiceViews,
      can: {
        review: canMove(state as never, 'in_review'),
        quote: ['submitted', 'in_review', 'declined', 'expired'].includes(state),
        send: Boolean(draft),
        cancel: canMove(state as never, 'cancelled'),
        schedule: state === 'accepted' || state === 'in_progress',
        start: state === 'accepted',
        complete: state === 'in_progress',
        invoice:
          state === 'completed' || (state === 'invoiced' && !invoices.some((i) => i.kind === 'invoice')),
      },
      isJob: ['accepted', 'in_progress', 'completed', 'invoiced', 'paid'].includes(state),
      errors: extra.errors ?? {},
      conflict: extra.conflict,
    });
  }

  router.get('/requests/:id', (req, res) => renderShow(req, res));

  /** Runs a workflow action: a refused one shows the page again with the reason (409). */
  function action(
    run: (req: Request, id: string) => Promise<unknown>,
    opts: { flashKey?: string; redirect?: (id: string) => string } = {},
  ) {
    return async (req: Request, res: Response) => {
      const { id } = parseParams(idParam, req.params);
      try {
        await run(req, id);
      } catch (err) {
        if (err instanceof FormError) return renderShow(req, res, err.extra, 422);
        if (!(err instanceof DomainError) || err.status === 404) throw err;
        if (err.status === 422) {
          const field = (err as { field?: string }).field ?? '_form';
          return renderShow(
            req,
            res,
            { errors: { [field]: { key: err.messageKey, params: err.params } } },
            422,
          );
        }
        return renderShow(req, res, { conflict: { key: err.messageKey, params: err.params } }, err.status);
      }
      if (opts.flashKey) flash(req, 'success', opts.flashKey);
      res.redirect(303, opts.redirect ? opts.redirect(id) : `/admin/requests/${id}`);
    };
  }

  router.post(
    '/requests/:id/review',
    action((req, id) => startReview(id, ctx(req))),
  );
  router.post(
    '/requests/:id/assign',
    action((req, id) => {
      const parsed = parseForm(assignForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: parsed.errors });
      return assign(id, parsed.data.assignee, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/notes',
    action((req, id) => {
      const parsed = parseForm(noteForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: parsed.errors });
      return addNote(id, parsed.data.note, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/quote',
    action(
      async (req, id) => {
        const body = req.body as Record<string, unknown>;
        const parsed = parseQuoteForm(body);
        if (!parsed.ok || !parsed.data) {
          throw new FormError({
            errors: parsed.errors,
            quoteRows: parsed.rows,
            quoteValues: {
              validUntil: asList(body.validUntil)[0] ?? '',
              leadTimeDays: asList(body.leadTimeDays)[0] ?? '',
              terms: asList(body.terms)[0] ?? '',
            },
          });
        }
        await saveQuoteDraft(id, parsed.data, ctx(req));
        if (body.send === '1') await sendQuote(id, ctx(req));
      },
      { flashKey: 'quote.saved' },
    ),
  );
  router.post(
    '/requests/:id/quote/send',
    action((req, id) => sendQuote(id, ctx(req)), { flashKey: 'quote.sentFlash' }),
  );
  router.post(
    '/requests/:id/cancel',
    action((req, id) => {
      const parsed = parseForm(cancelForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: { cancelReason: parsed.errors.reason! } });
      return cancelRequest(id, parsed.data.reason, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/schedule',
    action((req, id) => {
      const parsed = parseForm(scheduleForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: parsed.errors });
      return scheduleJob(id, parsed.data.scheduledOn!, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/start',
    action((req, id) => startJob(id, ctx(req))),
  );
  router.post(
    '/requests/:id/complete',
    action(async (req, id) => {
      await completeJob(id, ctx(req));
      await issueInvoice(id, ctx(req));
    }),
  );
  router.post(
    '/requests/:id/invoice',
    action((req, id) => issueInvoice(id, ctx(req))),
  );

  router.get('/requests/:id/attachments/:key', async (req, res) => {
    const { id } = parseParams(idParam, { id: req.params.id });
    const request = await getRequest(id);
    const ref = request.attachments.find((a) => a.key === req.params.key);
    const data = ref ? await readAttachment(ref.key) : null;
    if (!ref || !data) throw new DomainError(404, 'errors.notFound');
    res.set('Content-Type', ref.mime);
    res.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(ref.name)}`);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Content-Security-Policy', "default-src 'none'; sandbox");
    res.set('Cache-Control', 'private, no-store');
    res.send(data);
  });

  router.get('/requests/:id/quotes/:version/pdf', async (req, res) => {
    const { id, version } = parseParams(versionParam, req.params);
    const request = await getRequest(id);
    const quote = await getQuote(request._id, version);
    sendPdf(
      res,
      await quotePdf(request, quote, await getSettings(), commerce.publicUrl),
      `${request.reference}-v${version}.pdf`,
    );
  });

  // ---- invoices and credit notes ----
  async function invoiceOf(req: Request) {
    const { id } = parseParams(idParam, req.params);
    return getInvoice(id);
  }

  router.get('/service-invoices/:id/pdf', async (req, res) => {
    const invoice = await invoiceOf(req);
    sendPdf(res, await invoicePdf(invoice), pdfFileName(invoiceLabel(invoice)));
  });

  /** An issued invoice or credit note is never edited: there is no edit route, and writes are refused. */
  const immutable = (_req: Request, res: Response) => {
    res.set('Allow', 'GET');
    res
      .status(405)
      .render('error', { titleKey: 'errors.title', status: 405, messageKey: 'invoice.errors.immutable' });
  };
  router.post('/service-invoices/:id', immutable);
  router.post('/service-invoices/:id/edit', immutable);

  function invoiceAction(run: (req: Request, invoiceId: string) => Promise<unknown>, flashKey: string) {
    return async (req: Request, res: Response) => {
      const invoice = await invoiceOf(req);
      const requestId = String(invoice.requestId);
      req.params.id = requestId;
      try {
        await run(req, String(invoice._id));
      } catch (err) {
        if (err instanceof FormError) return renderShow(req, res, err.extra, 422);
        if (!(err instanceof DomainError) || err.status === 404) throw err;
        return renderShow(req, res, { conflict: { key: err.messageKey, params: err.params } }, err.status);
      }
      flash(req, 'success', flashKey);
      res.redirect(303, `/admin/requests/${requestId}`);
    };
  }

  router.post(
    '/service-invoices/:id/paid',
    invoiceAction((req, invoiceId) => {
      const parsed = parseForm(paidOnForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: { paidOn: parsed.errors.paidOn! } });
      return markInvoicePaid(
        invoiceId,
        { method: 'bank_transfer', at: paidMoment(parsed.data.paidOn) },
        ctx(req),
      );
    }, 'invoice.paidFlash'),
  );
  router.post(
    '/service-invoices/:id/credit-notes',
    invoiceAction((req, invoiceId) => {
      const body = req.body as Record<string, unknown>;
      const parsed = parseForm(creditNoteForm, { amount: body.creditAmount, reason: body.creditReason });
      if (!parsed.ok) {
        const errors: FieldErrors = {};
        if (parsed.errors.amount) errors.creditAmount = parsed.errors.amount;
        if (parsed.errors.reason) errors.creditReason = parsed.errors.reason;
        throw new FormError({ errors });
      }
      return issueCreditNote(
        invoiceId,
        { amountCents: parsed.data.amount ?? null, reason: parsed.data.reason },
        ctx(req),
      );
    }, 'invoice.creditNoteFlash'),
  );
  router.post(
    '/service-invoices/:id/refunded',
    invoiceAction((req, invoiceId) => {
      const parsed = parseForm(paidOnForm, req.body);
      if (!parsed.ok) throw new FormError({ errors: { paidOn: parsed.errors.paidOn! } });
      return recordCreditNoteRefund(invoiceId, parsed.data.paidOn, ctx(req));
    }, 'invoice.refundFlash'),
  );

  return router;
}
