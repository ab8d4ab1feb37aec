/** What staff see across requests: the filtered list, the dashboard counts, who can be assigned. */
import mongoose from 'mongoose';
import { vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { escapeRegExp } from '../lib/text.ts';
import { listStaff } from '../staff/service.ts';
import { Invoice, Quote, ServiceRequest, type ServiceRequestDoc } from './model.ts';
import type { StaffListQuery } from './schemas.ts';

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
