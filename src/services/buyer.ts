/**
 * Staff correct the buyer's details of a request (company, codes, address, contact) until an invoice
 * is issued: the invoice snapshots them, and an issued invoice is never changed.
 */
import { ConflictError } from '../lib/errors.ts';
import { Invoice, REQUEST_STATES, ServiceRequest, type ServiceRequestDoc } from './model.ts';
import type { ServiceContext } from './notify.ts';
import type { BuyerInput } from './schemas.ts';
import { addEvent, loadRequest } from './transitions.ts';

/** States in which the buyer's details may still change: every state before an invoice, but closed. */
const EDITABLE = new Set<string>(
  REQUEST_STATES.filter((s) => s !== 'invoiced' && s !== 'paid' && s !== 'cancelled'),
);

export function buyerEditable(request: Pick<ServiceRequestDoc, 'state'>): boolean {
  return EDITABLE.has(request.state ?? '');
}

const FIELDS: [keyof BuyerInput, (r: ServiceRequestDoc) => string][] = [
  ['companyName', (r) => r.company?.name ?? ''],
  ['companyCode', (r) => r.company?.code ?? ''],
  ['vatCode', (r) => r.company?.vatCode ?? ''],
  ['address', (r) => r.company?.address ?? ''],
  ['city', (r) => r.company?.city ?? ''],
  ['postcode', (r) => r.company?.postcode ?? ''],
  ['country', (r) => r.company?.country || 'LT'],
  ['contactName', (r) => r.contact?.name ?? ''],
  ['email', (r) => r.contact?.email ?? ''],
  ['phone', (r) => r.contact?.phone ?? ''],
];

/** The buyer's details of a request as the editor's form shows them. */
export function buyerValues(request: ServiceRequestDoc): Record<keyof BuyerInput, string> {
  return Object.fromEntries(FIELDS.map(([field, current]) => [field, current(request)])) as Record<
    keyof BuyerInput,
    string
  >;
}

/**
 * Stores the corrected buyer's details and notes on the staff timeline which fields changed (their
 * names; the values are on the request). Refused once an invoice exists or the request is closed.
 * Returns the changed fields (none: nothing stored, nothing noted).
 */
export async function updateBuyer(id: string, input: BuyerInput, ctx: ServiceContext): Promise<string[]> {
  const request = await loadRequest(id);
  const locked = () => new ConflictError('buyer.errors.locked');
  if (!buyerEditable(request)) throw locked();
  if (await Invoice.exists({ requestId: request._id, kind: 'invoice' })) throw locked();
  const changed = FIELDS.filter(([field, current]) => (input[field] ?? '') !== current(request)).map(
    ([field]) => field,
  );
  if (changed.length === 0) return [];
  await ServiceRequest.updateOne(
    { _id: request._id },
    {
      $set: {
        'company.name': input.companyName,
        'company.code': input.companyCode,
        'company.vatCode': input.vatCode,
        'company.address': input.address ?? '',
        'company.city': input.city,
        'company.postcode': input.postcode,
        'company.country': input.country,
        'contact.name': input.contactName,
        'contact.email': input.email,
        'contact.phone': input.phone,
      },
    },
  );
  await addEvent(request._id, { kind: 'buyer_updated', by: ctx.by, note: changed.join(',') });
  return changed;
}
