/**
 * The service requests module as other modules and the routes see it: request intake and workflow
 * (requests.ts), quotes (quotes.ts), staff lists and dashboard counts (lists.ts), the jobs of
 * the contributions grid (jobs.ts) and the removal of old attachments (retention.ts).
 */
import type { ServiceContext } from './notify.ts';

export { getJobSummary, listJobsForPeriod } from './jobs.ts';
export { ledgerLabels } from './labels.ts';
export type { ServiceContext };
export type { QuoteDoc, RequestState } from './model.ts';

export {
  addNote,
  assign,
  cancelRequest,
  completeJob,
  getRequest,
  requestableServices,
  requestByToken,
  scheduleJob,
  startJob,
  startReview,
  submitRequest,
  timeline,
} from './requests.ts';
export {
  acceptQuote,
  declineQuote,
  expireQuotes,
  getQuote,
  quoteDeadline,
  quotesOf,
  saveQuoteDraft,
  sendQuote,
  type QuoteInput,
} from './quotes.ts';
export { attachmentRetentionJob, removeExpiredAttachments } from './retention.ts';
export {
  LIST_PAGE_SIZE,
  assignableStaff,
  listRequests,
  requestIdsDue,
  workflowCounts,
  type WorkflowCounts,
} from './lists.ts';
export { awaitsPayment, isJob, requestActions } from './transitions.ts';
export { invoiceSessionCompleted } from './card.ts';
export {
  issueOrderCreditNote,
  issueOrderInvoice,
  orderInvoiceDocs,
  orderInvoiceGaps,
  orderInvoiceOf,
  orderInvoicePreview,
  type OrderForInvoice,
} from './order-invoices.ts';
export { invoiceLabel } from './numbering.ts';
export type { OrderBuyerInput } from './parties.ts';
export { postalAddress } from './parties.ts';
export { unitLabel } from './units.ts';
export { withFieldNames } from './invoice-law.ts';
export type { InvoiceDoc } from './model.ts';
export { addressShape, checkCompanyAddress, normalPostcode, vatCodeField } from './schemas.ts';
