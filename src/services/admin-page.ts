/**
 * The staff page of one request (`/admin/requests/:id`) and the plumbing every staff action shares:
 * a refused action or a form that did not validate shows this page again with the reason.
 */
import type { Request, Response } from 'express';
import { vilniusDate } from '../lib/dates.ts';
import { DomainError } from '../lib/errors.ts';
import { centsToInput, formatCents } from '../lib/money.ts';
import { getSettings } from '../settings/service.ts';
import { flash } from '../web/flash.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf, newFormKey } from '../web/form-once.ts';
import { parseParams, type FieldErrors } from '../web/form-fields.ts';
import { localeOf, localized, translate } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { addDays, amountDue, creditNotesOf, invoiceLabel, invoicesOf, settlementOf } from './invoices.ts';
import { trackingUrl, type ServiceContext } from './notify.ts';
import { buyerEditable } from './buyer.ts';
import { actorLabel, eventLabel, eventNote, labels } from './present.ts';
import { MAX_QUOTE_LINES, idParam } from './schemas.ts';
import {
  assignableStaff,
  awaitsPayment,
  getRequest,
  isJob,
  quotesOf,
  requestActions,
  timeline,
  type QuoteDoc,
  type RequestState,
} from './service.ts';
import { withFieldNames } from './invoice-law.ts';
import { postalAddress } from './parties.ts';
import { DEFAULT_UNIT, unitLabel, unitOptions } from './units.ts';
import type { Values } from './web-helpers.ts';

/** Empty rows the quote editor offers without JavaScript (the script adds and removes rows). */
const EMPTY_ROWS = 10;

export function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : ''));
  return typeof v === 'string' ? [v] : [];
}

/** A form on the request page that did not validate: the page is shown again with these. */
export class FormError extends Error {
  readonly extra: { errors: FieldErrors; quoteRows?: Values[]; quoteValues?: Values };

  constructor(extra: { errors: FieldErrors; quoteRows?: Values[]; quoteValues?: Values }) {
    super('form');
    this.extra = extra;
  }
}

/** What the request page shows besides the request: a form's errors and values, or a refusal. */
export interface ShowExtra {
  errors?: FieldErrors;
  quoteRows?: Values[];
  quoteValues?: Values;
  conflict?: { key: string; params?: Record<string, string | number> };
}

/** What the staff route groups share: who acts, the request page, and the action wrapper. */
export interface StaffPage {
  ctx: (req: Request) => ServiceContext;
  renderShow: (req: Request, res: Response, extra?: ShowExtra, status?: number) => Promise<void>;
  action: (
    run: (req: Request, id: string) => Promise<unknown>,
    opts?: {
      flashKey?: string | ((req: Request) => string);
      redirect?: (id: string) => string;
      once?: string;
    },
  ) => (req: Request, res: Response) => Promise<void>;
}

export function staffPage(deps: ModuleRouteDeps): StaffPage {
  const { commerce } = deps;
  const ctx = (req: Request): ServiceContext => ({
    by: req.staff!.name,
    mailer: commerce.mailer,
    publicUrl: commerce.publicUrl,
  });

  async function renderShow(req: Request, res: Response, extra: ShowExtra = {}, status = 200) {
    const { id } = parseParams(idParam, req.params);
    const request = await getRequest(id);
    const [events, quotes, invoices, staff] = await Promise.all([
      timeline(request._id),
      quotesOf(request._id),
      invoicesOf(request._id),
      assignableStaff(),
    ]);
    const state = request.state as RequestState;
    const draft = quotes.find((q) => q.status === 'draft');
    const basis: QuoteDoc | undefined = draft ?? quotes[quotes.length - 1];
    const sep = req.lang === 'en' ? '.' : ',';
    const quoteRows = extra.quoteRows ?? [
      ...(basis?.lines ?? []).map((l) => ({
        description: l.description,
        quantity: String(l.quantity),
        unit: l.unit ?? DEFAULT_UNIT,
        unitPrice: centsToInput(l.unitNetCents, sep),
        discount: l.discountCents ? centsToInput(l.discountCents, sep) : '',
        vatRate: String(l.vatRateBps / 100).replace('.', sep),
      })),
    ];
    while (quoteRows.length < (basis?.lines.length ?? 0) + EMPTY_ROWS && quoteRows.length < MAX_QUOTE_LINES) {
      quoteRows.push({
        description: '',
        quantity: '',
        unit: DEFAULT_UNIT,
        unitPrice: '',
        discount: '',
        vatRate: '',
      });
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
          canMarkPaid: isInvoice && !settled && awaitsPayment(state),
          canCredit:
            isInvoice && credits.reduce((s, c) => s + c.totals!.grossCents, 0) + inv.totals!.grossCents > 0,
          canRecordRefund: !isInvoice && !settled && Boolean(paidParent),
        };
      }),
    );
    const issued = invoiceViews.find((i) => i.isInvoice);
    const latest = quotes[quotes.length - 1];
    const amount = issued
      ? translate(req.lang, 'requests.summary.invoiceDue', {
          amount: formatCents(issued.dueCents, localeOf(req.lang)),
          label: issued.label,
        })
      : latest?.totals
        ? translate(req.lang, 'requests.summary.quoteTotal', {
            amount: formatCents(latest.totals.grossCents, localeOf(req.lang)),
            version: latest.version,
          })
        : '';
    res.status(status).render('services/admin/show', {
      amount,
      payable: invoiceViews.find((i) => i.canMarkPaid),
      buyerEditable: buyerEditable(request),
      titleKey: 'requests.adminTitle',
      request: {
        ...request,
        id: String(request._id),
        stateLabel: labels.state(req.lang, request.state),
        serviceTitle: localized(request.serviceTitle, req.lang),
        privateUrl: trackingUrl(commerce.publicUrl, request),
        postalAddress: request.company ? postalAddress(request.company, req.lang) : '',
      },
      staff: staff.map((s) => ({
        id: String(s._id),
        name: s.name,
        selected: String(s._id) === String(request.assigneeId ?? ''),
      })),
      events: events.map((e) => ({
        ...e,
        label: eventLabel(req.lang, e, true),
        by: actorLabel(req.lang, e.by, request.contact?.name ?? ''),
        note: eventNote(req.lang, e),
      })),
      quotes: quotes
        .map((q) => ({
          ...q,
          lines: q.lines.map((l) => ({ ...l, unitLabel: unitLabel(req.lang, l.unit ?? DEFAULT_UNIT) })),
          isDraft: q.status === 'draft',
          statusLabel: labels.quoteStatus(req.lang, q.status),
        }))
        .reverse(),
      draftVersion: draft?.version ?? null,
      quoteRows: quoteRows.map((row, i) => ({
        ...row,
        i,
        units: unitOptions(req.lang, row.unit ?? DEFAULT_UNIT),
        err: Object.fromEntries(
          ['description', 'quantity', 'unit', 'unitPrice', 'discount', 'vatRate'].map((f) => [
            f,
            extra.errors?.[`${f}-${i}`],
          ]),
        ),
      })),
      quoteValues: extra.quoteValues ?? {
        validUntil: draft?.validUntil ?? addDays(vilniusDate(new Date()), settings.quoteValidityDays ?? 30),
        leadTimeDays: String(basis?.leadTimeDays ?? 0),
        terms: basis?.terms ?? '',
      },
      defaultVatRate: defaultRate,
      invoices: invoiceViews,
      can: requestActions(state, {
        draft: Boolean(draft),
        invoice: invoices.some((i) => i.kind === 'invoice'),
      }),
      isJob: isJob(state),
      maxQuoteLines: MAX_QUOTE_LINES,
      errors: extra.errors ?? {},
      conflict: extra.conflict && withFieldNames(req.lang, extra.conflict),
      formKey: newFormKey(),
    });
  }

  /**
   * Runs a workflow action: a refused one shows the page again with the reason (409). With `once`
   * (forms that make a numbered document) the post must carry the form's one-time key, and a replay
   * of the key gets the first post's outcome instead of running again.
   */
  function action(
    run: (req: Request, id: string) => Promise<unknown>,
    opts: {
      flashKey?: string | ((req: Request) => string);
      redirect?: (id: string) => string;
      once?: string;
    } = {},
  ) {
    return async (req: Request, res: Response) => {
      const { id } = parseParams(idParam, req.params);
      const page = opts.redirect ? opts.redirect(id) : `/admin/requests/${id}`;
      const flashKey = typeof opts.flashKey === 'function' ? opts.flashKey(req) : opts.flashKey;
      try {
        if (opts.once) {
          const key = formKeyOf(req.body);
          if (!key) return renderShow(req, res, { conflict: FORM_KEY_ERROR }, 422);
          return await answerOnce(req, res, { form: opts.once, target: id, key, page }, async () => {
            await run(req, id);
            return flashKey ? { key: flashKey } : undefined;
          });
        }
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
      if (flashKey) flash(req, 'success', flashKey);
      res.redirect(303, page);
    };
  }

  return { ctx, renderShow, action };
}
