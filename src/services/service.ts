import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/errors.ts';
import { listPublishedServices } from '../catalog/queries.ts';
import { vilniusDate, vilniusDayStart, vilniusYear } from '../lib/dates.ts';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { randomToken } from '../lib/ids.ts';
import { escapeRegExp } from '../lib/text.ts';
import { listStaff } from '../staff/service.ts';
import type { Lang } from '../web/i18n.ts';
import { removeAttachments, storeAttachments, type CheckedFile } from './attachments.ts';
import {
  Invoice,
  Quote,
  ServiceEvent,
  ServiceRequest,
  type QuoteDoc,
  type RequestState,
  type ServiceRequestDoc,
} from './model.ts';
import { notifyBusiness, type ServiceContext } from './notify.ts';
import { priceLines, type LineInput } from './pricing.ts';
import type { RequestInput, StaffListQuery } from './schemas.ts';
import { addEvent, loadRequest, transition } from './transitions.ts';

export { getJobSummary, listJobsForPeriod } from './jobs.ts';
export type { ServiceContext };

export const getRequest = loadRequest;

/** The next reference of the year (P-2026-00012): the unique index makes the insert the claim. */
async function insertWithReference(doc: Record<string, unknown>, year: number): Promise<ServiceRequestDoc> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const last = await ServiceRequest.findOne({ year }, { seq: 1 }).sort({ seq: -1 }).lean();
    const seq = (last?.seq ?? 0) + 1;
    try {
      const created = await ServiceRequest.create({
        ...doc,
        year,
        seq,
        reference: `P-${year}-${String(seq).padStart(5, '0')}`,
      });
      return created.toObject() as ServiceRequestDoc;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5));
    }
  }
  throw new ConflictError('workflow.errors.busy');
}

/** The published services a business can pick on the request form. */
export async function requestableServices() {
  return listPublishedServices();
}

/**
 * Stores a service request with its (already checked) attachments and tells the business where
 * to follow it. Nothing is stored when the chosen service is not on offer.
 */
export async function submitRequest(
  input: RequestInput,
  files: CheckedFile[],
  lang: Lang,
  ctx: ServiceContext,
): Promise<ServiceRequestDoc> {
  let serviceTitle = { lt: '', en: '' };
  let serviceId: mongoose.Types.ObjectId | null = null;
  if (input.service !== 'other') {
    const service = (await listPublishedServices()).find((s) => String(s._id) === input.service);
    if (!service) throw new FieldError('service', 'errors.invalidChoice');
    serviceId = service._id;
    serviceTitle = { lt: service.title?.lt ?? '', en: service.title?.en ?? '' };
  }
  const attachments = await storeAttachments(files);
  let request: ServiceRequestDoc;
  try {
    request = await insertWithReference(
      {
        token: randomToken(),
        state: 'submitted',
        company: {
          name: input.companyName,
          code: input.companyCode,
          vatCode: input.vatCode,
          address: input.address,
        },
        contact: { name: input.contactName, email: input.email, phone: input.phone, lang },
        serviceId,
        serviceTitle,
        description: input.description,
        quantity: input.quantity,
        desiredOn: input.desiredOn,
        attachments,
      },
      vilniusYear(new Date()),
    );
  } catch (err) {
    await removeAttachments(attachments.map((a) => a.key));
    throw err;
  }
  await addEvent(request._id, { kind: 'submitted', by: 'customer', customer: true });
  await notifyBusiness(ctx, request, 'received');
  return request;
}

export async function requestByToken(token: string): Promise<ServiceRequestDoc> {
  const request = await ServiceRequest.findOne({ token }, { _id: 1 }).lean();
  if (!request) throw new NotFoundError();
  return loadRequest(String(request._id));
}

export async function timeline(requestId: ServiceRequestDoc['_id'], customerOnly = false) {
  return ServiceEvent.find({ requestId, ...(customerOnly ? { customer: true } : {}) })
    .sort({ at: 1, _id: 1 })
    .lean();
}

export async function quotesOf(requestId: ServiceRequestDoc['_id']): Promise<QuoteDoc[]> {
  return Quote.find({ requestId }).sort({ version: 1 }).lean<QuoteDoc[]>();
}

export async function getQuote(requestId: ServiceRequestDoc['_id'], version: number): Promise<QuoteDoc> {
  const quote = await Quote.findById(`${String(requestId)}:v${version}`).lean<QuoteDoc>();
  if (!quote) throw new NotFoundError();
  return quote;
}

// ---- staff workflow -------------------------------------------------------------------------

export async function startReview(id: string, ctx: ServiceContext): Promise<ServiceRequestDoc> {
  return transition(await loadRequest(id), 'in_review', ctx.by);
}

export async function assign(id: string, assigneeId: string, ctx: ServiceContext): Promise<void> {
  const request = await loadRequest(id);
  let name = '';
  if (assigneeId) {
    const staff = (await listStaff()).find((s) => String(s._id) === assigneeId && !s.disabledAt);
    if (!staff) throw new FieldError('assignee', 'errors.invalidChoice');
    name = staff.name;
  }
  await ServiceRequest.updateOne(
    { _id: request._id },
    { $set: { assigneeId: assigneeId || null, assigneeName: name } },
  );
  await addEvent(request._id, { kind: 'assigned', by: ctx.by, note: name });
}

export async function addNote(id: string, note: string, ctx: ServiceContext): Promise<void> {
  const request = await loadRequest(id);
  await addEvent(request._id, { kind: 'note', by: ctx.by, note });
}

const QUOTABLE: RequestState[] = ['submitted', 'in_review', 'declined', 'expired'];

export interface QuoteInput {
  validUntil: string;
  leadTimeDays: number;
  terms: string;
  lines: LineInput[];
}

/**
 * Saves the request's quote draft: edits the open draft, or starts the next version (v1, v2…; the
 * insert of `<requestId>:v<n>` claims the number). Sent quotes are never changed.
 */
export async function saveQuoteDraft(id: string, input: QuoteInput, ctx: ServiceContext): Promise<number> {
  const request = await loadRequest(id);
  if (!QUOTABLE.includes(request.state as RequestState)) {
    throw new ConflictError('quote.errors.notQuotable');
  }
  const priced = priceLines(input.lines);
  const fields = {
    lines: priced.lines,
    vatBreakdown: priced.vatBreakdown,
    totals: priced.totals,
    validUntil: input.validUntil,
    leadTimeDays: input.leadTimeDays,
    terms: input.terms,
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const latest = await Quote.findOne({ requestId: request._id }).sort({ version: -1 }).lean<QuoteDoc>();
    if (latest?.status === 'draft') {
      await Quote.updateOne({ _id: latest._id, status: 'draft' }, { $set: fields });
      await addEvent(request._id, { kind: 'quote_saved', by: ctx.by, note: `v${latest.version}` });
      return latest.version;
    }
    const version = (latest?.version ?? 0) + 1;
    try {
      await Quote.create({
        _id: `${String(request._id)}:v${version}`,
        requestId: request._id,
        version,
        status: 'draft',
        createdAt: new Date(),
        ...fields,
      });
      await addEvent(request._id, { kind: 'quote_saved', by: ctx.by, note: `v${version}` });
      return version;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new ConflictError('workflow.errors.changedMeanwhile');
}

/** The end of a quote's last valid day (Vilnius): accepting is possible until then. */
export function quoteDeadline(validUntil: string): Date {
  const [y, m, d] = validUntil.split('-').map(Number) as [number, number, number];
  return new Date(vilniusDayStart(y, m, d + 1).getTime() - 1);
}

/** Sends the open draft: the request becomes quoted (about this version) and the business is e-mailed. */
export async function sendQuote(id: string, ctx: ServiceContext): Promise<ServiceRequestDoc> {
  let request = await loadRequest(id);
  const draft = await Quote.findOne({ requestId: request._id, status: 'draft' })
    .sort({ version: -1 })
    .lean<QuoteDoc>();
  if (!draft) throw new ConflictError('quote.errors.noDraft');
  if (draft.lines.length === 0) throw new ConflictError('quote.errors.noLines');
  if (draft.validUntil < vilniusDate(new Date())) throw new ConflictError('quote.errors.validUntilPast');
  if (request.state === 'submitted') request = await transition(request, 'in_review', ctx.by);
  const previous = request.quoteVersion ?? 0;
  request = await transition(request, 'quoted', ctx.by, {
    set: { quoteVersion: draft.version },
    note: `v${draft.version}`,
  });
  await Quote.updateOne({ _id: draft._id }, { $set: { status: 'sent', sentAt: new Date() } });
  if (previous && previous !== draft.version) {
    await Quote.updateOne(
      { _id: `${String(request._id)}:v${previous}`, status: 'sent' },
      { $set: { status: 'withdrawn' } },
    );
  }
  await addEvent(request._id, { kind: 'quote_sent', by: ctx.by, note: `v${draft.version}`, customer: true });
  await notifyBusiness(ctx, request, 'quote', { version: draft.version });
  return request;
}

/** The quote the business can answer now: the sent version the request is quoted about. */
async function openQuote(request: ServiceRequestDoc, version: number): Promise<QuoteDoc> {
  if (request.state !== 'quoted' || request.quoteVersion !== version) {
    throw new ConflictError('quote.errors.notOpen');
  }
  const quote = await getQuote(request._id, version);
  if (quote.status !== 'sent') throw new ConflictError('quote.errors.notOpen');
  return quote;
}

/** The business accepts the quote, typing its name; the name, time and IP address are recorded. */
export async function acceptQuote(
  token: string,
  version: number,
  acceptance: { name: string; ip: string },
  ctx: ServiceContext,
): Promise<ServiceRequestDoc> {
  const request = await requestByToken(token);
  const quote = await openQuote(request, version);
  if (Date.now() > quoteDeadline(quote.validUntil).getTime()) throw new ConflictError('quote.errors.expired');
  const accepted = await transition(request, 'accepted', ctx.by, {
    note: `v${version}: ${acceptance.name}`,
  });
  const at = new Date();
  await Quote.updateOne(
    { _id: quote._id },
    { $set: { status: 'accepted', acceptedBy: acceptance.name, acceptedAt: at, acceptedIp: acceptance.ip } },
  );
  await addEvent(request._id, {
    kind: 'quote_accepted',
    by: ctx.by,
    note: `v${version}: ${acceptance.name} (${acceptance.ip})`,
    customer: true,
  });
  return accepted;
}

export async function declineQuote(
  token: string,
  version: number,
  reason: string,
  ctx: ServiceContext,
): Promise<ServiceRequestDoc> {
  const request = await requestByToken(token);
  const quote = await openQuote(request, version);
  const declined = await transition(request, 'declined', ctx.by, { note: reason });
  await Quote.updateOne(
    { _id: quote._id },
    { $set: { status: 'declined', declinedAt: new Date(), declineReason: reason } },
  );
  await addEvent(request._id, {
    kind: 'quote_declined',
    by: 'customer',
    note: reason ? `v${version}: ${reason}` : `v${version}`,
    customer: true,
  });
  return declined;
}

/**
 * The scheduled job: quotes not answered by the end of their valid-until day (Vilnius) expire, and
 * their requests with them. Returns how many expired.
 */
export async function expireQuotes(ctx: ServiceContext, now = new Date()): Promise<number> {
  const quoted = await ServiceRequest.find({ state: 'quoted' }).lean<ServiceRequestDoc[]>();
  let expired = 0;
  for (const request of quoted) {
    const quote = await Quote.findById(`${String(request._id)}:v${request.quoteVersion}`).lean<QuoteDoc>();
    if (!quote || quote.status !== 'sent' || now.getTime() <= quoteDeadline(quote.validUntil).getTime())
      continue;
    try {
      await transition(request, 'expired', ctx.by, { note: `v${quote.version}` });
    } catch (err) {
      // Accepted, declined or cancelled meanwhile.
      if (err instanceof ConflictError) continue;
      throw err;
    }
    await Quote.updateOne({ _id: quote._id, status: 'sent' }, { $set: { status: 'expired' } });
    expired += 1;
  }
  return expired;
}

export async function cancelRequest(
  id: string,
  reason: string,
  ctx: ServiceContext,
): Promise<ServiceRequestDoc> {
  const request = await loadRequest(id);
  const cancelled = await transition(request, 'cancelled', ctx.by, {
    set: { cancelReason: reason },
    note: reason,
  });
  await Quote.updateMany(
    { requestId: request._id, status: { $in: ['draft', 'sent'] } },
    { $set: { status: 'withdrawn' } },
  );
  return cancelled;
}

export async function scheduleJob(id: string, scheduledOn: string, ctx: ServiceContext): Promise<void> {
  const request = await loadRequest(id);
  if (request.state !== 'accepted' && request.state !== 'in_progress') {
    throw new ConflictError('job.errors.notSchedulable');
  }
  await ServiceRequest.updateOne({ _id: request._id }, { $set: { scheduledOn } });
  await addEvent(request._id, { kind: 'scheduled', by: ctx.by, note: scheduledOn, customer: true });
}

export async function startJob(id: string, ctx: ServiceContext): Promise<ServiceRequestDoc> {
  return transition(await loadRequest(id), 'in_progress', ctx.by, { set: { startedAt: new Date() } });
}

export async function completeJob(id: string, ctx: ServiceContext): Promise<ServiceRequestDoc> {
  return transition(await loadRequest(id), 'completed', ctx.by, { set: { completedAt: new Date() } });
}

// ---- lists for staff ----------------------------------------------------------------------------

export const LIST_PAGE_SIZE = 50;

export async function listRequests(query: StaffListQuery) {
  const filter: Record<string, unknown> = {};
  if (query.state) filter.state = query.state;
  if (query.assignee === 'none') filter.assigneeId = null;
  else if (query.assignee) filter.assigneeId = new mongoose.Types.ObjectId(query.assignee);
  if (query.q) {
    const re = new RegExp(escapeRegExp(query.q), 'i');
    filter.$or = [{ reference: re }, { 'company.name': re }, { 'company.code': re }];
  }
  const [items, total] = await Promise.all([
    ServiceRequest.find(filter)
      .sort({ createdAt: -1 })
      .skip((query.page - 1) * LIST_PAGE_SIZE)
      .limit(LIST_PAGE_SIZE)
      .lean<ServiceRequestDoc[]>(),
    ServiceRequest.countDocuments(filter),
  ]);
  return { items, total, pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)) };
}

export interface WorkflowCounts {
  newRequests: number;
  waitingForCustomer: number;
  quotesExpiringSoon: number;
  jobsInProgress: number;
  overdueInvoices: number;
}

/** The small dashboard: what needs attention. "Soon" is within three days (Vilnius). */
export async function workflowCounts(now = new Date()): Promise<WorkflowCounts> {
  const today = vilniusDate(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const soon = vilniusDate(vilniusDayStart(y, m, d + 3));
  const [newRequests, quoted, jobsInProgress, invoiced] = await Promise.all([
    ServiceRequest.countDocuments({ state: 'submitted' }),
    ServiceRequest.find({ state: 'quoted' }, { _id: 1, quoteVersion: 1 }).lean(),
    ServiceRequest.countDocuments({ state: 'in_progress' }),
    ServiceRequest.find({ state: 'invoiced' }, { _id: 1 }).lean(),
  ]);
  const open = await Quote.find(
    { _id: { $in: quoted.map((r) => `${String(r._id)}:v${r.quoteVersion}`) } },
    { validUntil: 1 },
  ).lean();
  const overdue = await Invoice.countDocuments({
    kind: 'invoice',
    requestId: { $in: invoiced.map((r) => r._id) },
    dueOn: { $lt: today },
  });
  return {
    newRequests,
    waitingForCustomer: quoted.length,
    quotesExpiringSoon: open.filter((q) => q.validUntil <= soon).length,
    jobsInProgress,
    overdueInvoices: overdue,
  };
}

export async function assignableStaff() {
  return (await listStaff()).filter((s) => !s.disabledAt);
}
