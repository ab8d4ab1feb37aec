/** Staff routes of the job and its money: scheduling, start, completion, invoices, payments, credit notes. */
import type { Request, Response, Router } from 'express';
import { DomainError } from '../lib/errors.ts';
import { FORM_KEY_ERROR, answerOnce, formKeyOf } from '../web/form-once.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { FormError, type StaffPage } from './admin-page.ts';
import { invoicePdf, invoiceXml, pdfFileName } from './documents.ts';
import {
  getInvoice,
  invoiceLabel,
  issueCreditNote,
  checkInvoiceBuyer,
  issueInvoice,
  markInvoicePaid,
  paidMoment,
  recordCreditNoteRefund,
} from './invoices.ts';
import { requireConfirmation } from './admin-review.ts';
import { confirmed, creditNoteForm, idParam, paidOnForm, scheduleForm } from './schemas.ts';
import { completeJob, scheduleJob, startJob } from './service.ts';
import { ublFileName } from './ubl.ts';
import { sendPdf, sendXml } from './web-helpers.ts';

export function jobAdminRoutes(router: Router, page: StaffPage): void {
  const { ctx, renderShow, action } = page;

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
  // Both issue an invoice: they are posted from its preview, which sends the confirmation.
  router.post(
    '/requests/:id/complete',
    requireConfirmation(
      action(
        async (req, id) => {
          await checkInvoiceBuyer(id);
          await completeJob(id, ctx(req));
          await issueInvoice(id, ctx(req));
        },
        { once: 'job-complete' },
      ),
    ),
  );
  router.post(
    '/requests/:id/invoice',
    requireConfirmation(action((req, id) => issueInvoice(id, ctx(req)), { once: 'invoice-issue' })),
  );

  // ---- invoices and credit notes ----
  async function invoiceOf(req: Request) {
    const { id } = parseParams(idParam, req.params);
    return getInvoice(id);
  }

  router.get('/service-invoices/:id/pdf', async (req, res) => {
    const invoice = await invoiceOf(req);
    sendPdf(res, await invoicePdf(invoice), pdfFileName(invoiceLabel(invoice)));
  });
  router.get('/service-invoices/:id/ubl.xml', async (req, res) => {
    const invoice = await invoiceOf(req);
    sendXml(res, await invoiceXml(invoice), ublFileName(invoice));
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

  /** An action on an invoice or credit note; `form` names its one-time key (all of them move money). */
  function invoiceAction(
    form: string,
    run: (req: Request, invoiceId: string) => Promise<unknown>,
    flashKey: string,
  ) {
    return async (req: Request, res: Response) => {
      const invoice = await invoiceOf(req);
      const requestId = String(invoice.requestId);
      req.params.id = requestId;
      const key = formKeyOf(req.body);
      if (!key) return renderShow(req, res, { conflict: FORM_KEY_ERROR }, 422);
      try {
        const page = `/admin/requests/${requestId}`;
        return await answerOnce(req, res, { form, target: String(invoice._id), key, page }, async () => {
          await run(req, String(invoice._id));
          return { key: flashKey };
        });
      } catch (err) {
        if (err instanceof FormError) return renderShow(req, res, err.extra, 422);
        if (!(err instanceof DomainError) || err.status === 404) throw err;
        return renderShow(req, res, { conflict: { key: err.messageKey, params: err.params } }, err.status);
      }
    };
  }

  router.post(
    '/service-invoices/:id/paid',
    invoiceAction(
      'invoice-paid',
      (req, invoiceId) => {
        const parsed = parseForm(paidOnForm, req.body);
        const errors: FieldErrors = {};
        if (!parsed.ok) errors.paidOn = parsed.errors.paidOn!;
        if (!confirmed(req.body)) errors.confirmPaid = { key: 'confirm.required', params: {} };
        if (!parsed.ok || errors.confirmPaid) throw new FormError({ errors });
        return markInvoicePaid(
          invoiceId,
          { method: 'bank_transfer', at: paidMoment(parsed.data.paidOn) },
          ctx(req),
        );
      },
      'invoice.paidFlash',
    ),
  );
  router.post(
    '/service-invoices/:id/credit-notes',
    invoiceAction(
      'credit-note',
      (req, invoiceId) => {
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
      },
      'invoice.creditNoteFlash',
    ),
  );
  router.post(
    '/service-invoices/:id/refunded',
    invoiceAction(
      'credit-note-refund',
      (req, invoiceId) => {
        const parsed = parseForm(paidOnForm, req.body);
        if (!parsed.ok) throw new FormError({ errors: { paidOn: parsed.errors.paidOn! } });
        return recordCreditNoteRefund(invoiceId, parsed.data.paidOn, ctx(req));
      },
      'invoice.refundFlash',
    ),
  );
}
