/** Quotes: drafts and versions, sending, the business's answer, and expiry of unanswered ones. */
import { retryOnClash } from '../db/once.ts';
import { vilniusDate, vilniusDayStart } from '../lib/dates.ts';
import { ConflictError, NotFoundError } from '../lib/errors.ts';
import { Quote, ServiceRequest, type QuoteDoc, type RequestState, type ServiceRequestDoc } from './model.ts';
import { mailAnswer, mailQuote } from './business-mail.ts';
import { tellStaff, type ServiceContext } from './notify.ts';
import { priceLines, type LineInput } from './pricing.ts';
import { requestByToken } from './requests.ts';
import { QUOTABLE, addEvent, loadRequest, transition } from './transitions.ts';

export async function quotesOf(requestId: ServiceRequestDoc['_id']): Promise<QuoteDoc[]> {
  return Quote.find({ requestId }).sort({ version: 1 }).lean<QuoteDoc[]>();
}

export async function getQuote(requestId: ServiceRequestDoc['_id'], version: number): Promise<QuoteDoc> {
  const quote = await Quote.findById(`${String(requestId)}:v${version}`).lean<QuoteDoc>();
  if (!quote) throw new NotFoundError();
  return quote;
}

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
  return retryOnClash(
    async () => {
      const latest = await Quote.findOne({ requestId: request._id }).sort({ version: -1 }).lean<QuoteDoc>();
      if (latest?.status === 'draft') {
        await Quote.updateOne({ _id: latest._id, status: 'draft' }, { $set: fields });
        await addEvent(request._id, { kind: 'quote_saved', by: ctx.by, note: `v${latest.version}` });
        return latest.version;
      }
      const version = (latest?.version ?? 0) + 1;
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
    },
    {
      limit: 20,
      busy: () => new ConflictError('workflow.errors.changedMeanwhile'),
      pause: async () => undefined,
    },
  );
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
  await mailQuote(ctx, request, { ...draft, status: 'sent', sentAt: new Date() });
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
    // The address stays on the quote as evidence of the acceptance; the timeline names the person.
    note: `v${version}: ${acceptance.name}`,
    customer: true,
  });
  await tellStaff(ctx, 'quoteAccepted', request, {
    id: `v${version}`,
    params: { version, quoteTotal: { cents: quote.totals!.grossCents } },
  });
  await mailAnswer(ctx, request, quote, 'accepted', { acceptedBy: acceptance.name });
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
  await tellStaff(ctx, 'quoteDeclined', request, {
    id: `v${version}`,
    params: { version, reason, quoteTotal: { cents: quote.totals!.grossCents } },
  });
  await mailAnswer(ctx, request, quote, 'declined', { reason });
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
