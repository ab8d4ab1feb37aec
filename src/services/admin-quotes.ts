/** Staff routes of quotes: saving the draft (lines as repeated fields), sending it, its PDF. */
import type { Router } from 'express';
import { getSettings } from '../settings/service.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { asList, FormError, type StaffPage } from './admin-page.ts';
import { quotePdf } from './documents.ts';
import type { LineInput } from './pricing.ts';
import { MAX_QUOTE_LINES, quoteHeadForm, quoteLineForm, versionParam } from './schemas.ts';
import { getQuote, getRequest, saveQuoteDraft, sendQuote } from './service.ts';
import { sendPdf, type Values } from './web-helpers.ts';

/** The quote editor's columns, each a repeated field. */
const QUOTE_COLUMNS = ['description', 'quantity', 'unit', 'unitPrice', 'discount', 'vatRate'] as const;

/** Quote lines come as repeated fields; blank rows are skipped, each row is checked on its own. */
export function parseQuoteForm(body: Record<string, unknown>) {
  const head = parseForm(quoteHeadForm, body);
  const errors: FieldErrors = head.ok ? {} : { ...head.errors };
  const cols = QUOTE_COLUMNS.map((c) => asList(body[c]));
  const rowCount = Math.max(...cols.map((c) => c.length));
  const rows: Values[] = [];
  const lines: LineInput[] = [];
  for (let i = 0; i < rowCount; i++) {
    const row = Object.fromEntries(QUOTE_COLUMNS.map((c, n) => [c, cols[n]![i] ?? ''])) as Record<
      (typeof QUOTE_COLUMNS)[number],
      string
    >;
    if (!row.description.trim() && !row.quantity.trim() && !row.unitPrice.trim()) continue;
    const index = rows.length;
    rows.push(row);
    const parsed = parseForm(quoteLineForm, row);
    if (!parsed.ok) {
      for (const [field, msg] of Object.entries(parsed.errors)) errors[`${field}-${index}`] = msg;
      continue;
    }
    if (parsed.data.discount > parsed.data.quantity * parsed.data.unitPrice) {
      errors[`discount-${index}`] = { key: 'quote.errors.discountTooLarge', params: {} };
      continue;
    }
    lines.push({
      description: parsed.data.description,
      quantity: parsed.data.quantity,
      unit: parsed.data.unit,
      unitNetCents: parsed.data.unitPrice,
      discountCents: parsed.data.discount,
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

export function quoteAdminRoutes(router: Router, deps: ModuleRouteDeps, page: StaffPage): void {
  const { commerce } = deps;
  const { ctx, action } = page;

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
      // "Save and send" sent it: say so.
      {
        flashKey: (req) =>
          (req.body as { send?: unknown }).send === '1' ? 'quote.sentFlash' : 'quote.saved',
      },
    ),
  );
  router.post(
    '/requests/:id/quote/send',
    action((req, id) => sendQuote(id, ctx(req)), { flashKey: 'quote.sentFlash' }),
  );

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
}
