import { claimOnce } from '../db/once.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import {
  JOB_STATES,
  ServiceEvent,
  ServiceRequest,
  type RequestState,
  type ServiceRequestDoc,
} from './model.ts';

/**
 * The state machine of docs/domain.md ("Business service requests"). Declined and expired requests
 * can be quoted again, so the states of the quoting round (quoted, declined, expired) are left once per
 * quote version.
 */
export const TRANSITIONS: Record<RequestState, RequestState[]> = {
  submitted: ['in_review', 'cancelled'],
  in_review: ['quoted', 'cancelled'],
  quoted: ['accepted', 'declined', 'expired', 'cancelled'],
  declined: ['quoted', 'cancelled'],
  expired: ['quoted', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['invoiced'],
  invoiced: ['paid'],
  paid: [],
  cancelled: [],
};

const ROUND_STATES: RequestState[] = ['quoted', 'declined', 'expired'];

export function canMove(from: RequestState, to: RequestState): boolean {
  return (TRANSITIONS[from] ?? []).includes(to);
}

/** States in which a quote draft can be written (or the next version started). */
export const QUOTABLE: readonly RequestState[] = ['submitted', 'in_review', 'declined', 'expired'];

/** What staff may do with a request in `state` (given whether a draft and an invoice exist). */
export function requestActions(state: RequestState, has: { draft: boolean; invoice: boolean }) {
  return {
    review: canMove(state, 'in_review'),
    quote: QUOTABLE.includes(state),
    send: has.draft,
    cancel: canMove(state, 'cancelled'),
    schedule: state === 'accepted' || state === 'in_progress',
    start: state === 'accepted',
    complete: state === 'in_progress',
    invoice: state === 'completed' || (state === 'invoiced' && !has.invoice),
  };
}

/** The request has become a job (accepted, and on to paid). */
export function isJob(state: RequestState): boolean {
  return JOB_STATES.includes(state);
}

/** The request waits for its invoice to be paid (by hand or by card). */
export function awaitsPayment(state: string | null | undefined): boolean {
  return state === 'invoiced';
}

/**
 * Reads a request. On FerretDB v1 every update rewrites the whole document, so a concurrent write of
 * other fields (an assignment, a schedule) can undo a state change whose claim was taken: the newest
 * state claim then names a state the document does not show, and its write is applied again here.
 */
export async function loadRequest(id: string): Promise<ServiceRequestDoc> {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new NotFoundError();
  const request = await ServiceRequest.findById(id).lean<ServiceRequestDoc>();
  if (!request) throw new NotFoundError();
  const last = await ServiceEvent.findOne({ requestId: request._id, kind: 'state' })
    .sort({ at: -1, _id: -1 })
    .lean();
  if (last?.to && last.to !== request.state && last.from === request.state) {
    await ServiceRequest.updateOne(
      { _id: request._id },
      { $set: { state: last.to, ...((last.set as Record<string, unknown> | null) ?? {}) } },
    );
    return (await ServiceRequest.findById(id).lean<ServiceRequestDoc>())!;
  }
  return request;
}

/** The claim that guards leaving the request's current state (per quote version in a quoting round). */
function leaveKey(request: ServiceRequestDoc): string {
  const from = request.state as RequestState;
  const round = ROUND_STATES.includes(from) ? `:v${request.quoteVersion ?? 0}` : '';
  return `${String(request._id)}:leave:${from}${round}`;
}

export interface EventInput {
  kind: string;
  by: string;
  note?: string;
  /** Shown to the business on its tracking page. */
  customer?: boolean;
}

/** Adds an item to the timeline (no guard). */
export async function addEvent(requestId: ServiceRequestDoc['_id'], e: EventInput): Promise<void> {
  await ServiceEvent.create({
    requestId,
    claim: `${String(requestId)}:${e.kind}:${Date.now()}:${Math.random()}`,
    kind: e.kind,
    by: e.by,
    note: e.note ?? '',
    customer: e.customer ?? false,
  });
}

type ClaimInput = EventInput & { from?: string; to?: string; set?: Record<string, unknown> };

/** The timeline event whose unique `claim` (`<requestId>:<key>`) is the decision. */
export function claimEvent(requestId: ServiceRequestDoc['_id'], key: string, e: ClaimInput) {
  return {
    requestId,
    claim: `${String(requestId)}:${key}`,
    kind: e.kind,
    by: e.by,
    note: e.note ?? '',
    customer: e.customer ?? false,
    from: e.from ?? '',
    to: e.to ?? '',
    set: e.set ?? null,
  };
}

/** Inserts a unique claim on the timeline; false when another request took it first. */
export function claimOnTimeline(
  requestId: ServiceRequestDoc['_id'],
  key: string,
  e: ClaimInput,
): Promise<boolean> {
  return claimOnce(ServiceEvent, claimEvent(requestId, key, e));
}

/**
 * Moves the request to `to` if the machine allows it and nobody moved it first: the insert of the
 * "leave" claim is the decision. If this exact move was claimed but not written (the winner stopped
 * half-way), it is completed here instead of being refused.
 */
export async function transition(
  request: ServiceRequestDoc,
  to: RequestState,
  by: string,
  opts: { set?: Record<string, unknown>; note?: string; customer?: boolean } = {},
): Promise<ServiceRequestDoc> {
  const from = request.state as RequestState;
  if (!canMove(from, to)) throw new ConflictError('workflow.errors.transition', { from, to });
  const key = leaveKey(request);
  const won = await claimOnTimeline(request._id, key.slice(String(request._id).length + 1), {
    kind: 'state',
    by,
    note: opts.note,
    customer: opts.customer ?? true,
    from,
    to,
    set: opts.set,
  });
  if (!won) {
    const taken = await ServiceEvent.findOne({ claim: key }).lean();
    const current = await ServiceRequest.findById(request._id, { state: 1 }).lean();
    if (taken?.to !== to || current?.state !== from)
      throw new ConflictError('workflow.errors.changedMeanwhile');
  }
  await ServiceRequest.updateOne({ _id: request._id }, { $set: { state: to, ...(opts.set ?? {}) } });
  return loadRequest(String(request._id));
}
