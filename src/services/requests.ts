/** A request's intake (the public form, its reference and tracking token) and the staff workflow around it. */
import type mongoose from 'mongoose';
import { insertWithNextNumber } from '../db/once.ts';
import { listPublishedServices } from '../catalog/queries.ts';
import { vilniusYear } from '../lib/dates.ts';
import { ConflictError, FieldError, NotFoundError } from '../lib/errors.ts';
import { randomToken } from '../lib/ids.ts';
import { getSettings } from '../settings/service.ts';
import { listStaff } from '../staff/service.ts';
import type { Lang } from '../web/i18n.ts';
import { removeAttachments, storeAttachments, type CheckedFile } from './attachments.ts';
import { Quote, ServiceEvent, ServiceRequest, type ServiceRequestDoc } from './model.ts';
import { notifyBusiness, tellStaff, type ServiceContext } from './notify.ts';
import { releaseUploadQuota, reserveUploadQuota } from './upload-quota.ts';
import type { RequestInput } from './schemas.ts';
import { addEvent, loadRequest, transition } from './transitions.ts';

export const getRequest = loadRequest;

/** The next reference of the year (P-2026-00012): the unique index makes the insert the claim. */
async function insertWithReference(doc: Record<string, unknown>, year: number): Promise<ServiceRequestDoc> {
  return insertWithNextNumber<ServiceRequestDoc>(ServiceRequest, {
    scope: { year },
    field: 'seq',
    build: (seq) => ({ ...doc, year, seq, reference: `P-${year}-${String(seq).padStart(5, '0')}` }),
    limit: 200,
    busy: () => new ConflictError('workflow.errors.busy'),
  });
}

/** The published services a business can pick on the request form. */
export async function requestableServices() {
  return listPublishedServices();
}

/**
 * Takes the attachments' bytes from the day's quota of anonymous uploads; when they do not fit, the
 * form says so with the organisation's e-mail to write to instead.
 */
async function reserveForFiles(files: CheckedFile[], perDayBytes: number | undefined) {
  const bytes = files.reduce((sum, f) => sum + f.buffer.length, 0);
  if (perDayBytes === undefined || bytes === 0) return null;
  const reservation = await reserveUploadQuota(bytes, perDayBytes);
  if (reservation) return reservation;
  const email = (await getSettings()).email ?? '';
  throw email
    ? new FieldError('attachments', 'request.errors.dailyQuota', { email })
    : new FieldError('attachments', 'request.errors.dailyQuotaNoEmail');
}

/**
 * Stores a service request with its (already checked) attachments and tells the business where
 * to follow it. Nothing is stored when the chosen service is not on offer, or when the attachments
 * do not fit in the day's quota (`uploadsPerDayBytes`, for the public form).
 */
export async function submitRequest(
  input: RequestInput,
  files: CheckedFile[],
  lang: Lang,
  ctx: ServiceContext,
  opts: { uploadsPerDayBytes?: number } = {},
): Promise<ServiceRequestDoc> {
  let serviceTitle = { lt: '', en: '' };
  let serviceId: mongoose.Types.ObjectId | null = null;
  if (input.service !== 'other') {
    const service = (await listPublishedServices()).find((s) => String(s._id) === input.service);
    if (!service) throw new FieldError('service', 'errors.invalidChoice');
    serviceId = service._id;
    serviceTitle = { lt: service.title?.lt ?? '', en: service.title?.en ?? '' };
  }
  const reservation = await reserveForFiles(files, opts.uploadsPerDayBytes);
  let attachments: Awaited<ReturnType<typeof storeAttachments>> = [];
  let request: ServiceRequestDoc;
  try {
    attachments = await storeAttachments(files);
    request = await insertWithReference(
      {
        token: randomToken(),
        state: 'submitted',
        company: {
          name: input.companyName,
          code: input.companyCode,
          vatCode: input.vatCode,
          address: input.address,
          city: input.city,
          postcode: input.postcode,
          country: input.country,
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
    if (reservation) await releaseUploadQuota(reservation);
    throw err;
  }
  await addEvent(request._id, { kind: 'submitted', by: 'customer', customer: true });
  await notifyBusiness(ctx, request, 'received');
  await tellStaff(ctx, 'requestReceived', request);
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
  if (assigneeId) await tellStaff(ctx, 'jobAssigned', request, { id: assigneeId, assigneeId });
}

export async function addNote(id: string, note: string, ctx: ServiceContext): Promise<void> {
  const request = await loadRequest(id);
  await addEvent(request._id, { kind: 'note', by: ctx.by, note });
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
