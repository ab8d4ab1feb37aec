/** What staff see across requests: the filtered list, the dashboard counts, who can be assigned. */
import mongoose from 'mongoose';
import { vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { escapeRegExp } from '../lib/text.ts';
import { listStaff } from '../staff/service.ts';
import { Invoice, Quote, ServiceRequest, type ServiceRequestDoc } from './model.ts';
import type { RequestDue, StaffListQuery } from './schemas.ts';

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
  if (query.due) filter._id = { $in: await requestIdsDue(query.due) };
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

/** The small dashboard: what needs attention, each figure the rows of the list it links to. */
export async function workflowCounts(now = new Date()): Promise<WorkflowCounts> {
  const [newRequests, waitingForCustomer, jobsInProgress, expiring, overdue] = await Promise.all([
    ServiceRequest.countDocuments({ state: 'submitted' }),
    ServiceRequest.countDocuments({ state: 'quoted' }),
    ServiceRequest.countDocuments({ state: 'in_progress' }),
    requestIdsDue('expiring', now),
    requestIdsDue('overdue', now),
  ]);
  return {
    newRequests,
    waitingForCustomer,
    quotesExpiringSoon: expiring.length,
    jobsInProgress,
    overdueInvoices: overdue.length,
  };
}

export async function assignableStaff() {
  return (await listStaff()).filter((s) => !s.disabledAt);
}

// ---- Dashboard queues: the requests behind a due date (the list filter `due` and the counts) ----

/**
 * Requests whose sent quote is valid until at most three days from today (Vilnius), or whose invoice
 * is past its due day and still unpaid.
 */
export async function requestIdsDue(due: RequestDue, now = new Date()): Promise<mongoose.Types.ObjectId[]> {
  const today = vilniusDate(now);
  if (due === 'expiring') {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const soon = vilniusDate(vilniusDayStart(y, m, d + 3));
    const quoted = await ServiceRequest.find({ state: 'quoted' }, { _id: 1, quoteVersion: 1 }).lean();
    const open = await Quote.find(
      {
        _id: { $in: quoted.map((r) => `${String(r._id)}:v${r.quoteVersion}`) },
        validUntil: { $lte: soon },
      },
      { requestId: 1 },
    ).lean();
    return open.map((q) => q.requestId);
  }
  const invoiced = await ServiceRequest.find({ state: 'invoiced' }, { _id: 1 }).lean();
  const late = await Invoice.find(
    { kind: 'invoice', requestId: { $in: invoiced.map((r) => r._id) }, dueOn: { $lt: today } },
    { requestId: 1 },
  ).lean();
  return [...new Map(late.map((i) => [String(i.requestId), i.requestId!])).values()];
}
