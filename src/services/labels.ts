import mongoose from 'mongoose';
import { Invoice, ServiceRequest } from './model.ts';
import { invoiceLabel } from './numbering.ts';

const validIds = (ids: string[]) => [...new Set(ids)].filter((id) => /^[a-f0-9]{24}$/.test(id));

/**
 * Words for ids the ledger's lines name, one query per kind however many lines: a job (service
 * request) by its reference and service title, an invoice or credit note by its series and number.
 */
export async function ledgerLabels(
  jobIds: string[],
  invoiceIds: string[],
): Promise<{
  jobs: Map<string, { reference: string; title: string }>;
  invoices: Map<string, { label: string; requestId: string }>;
}> {
  const [jobs, invoices] = await Promise.all([
    ServiceRequest.find(
      { _id: { $in: validIds(jobIds).map((id) => new mongoose.Types.ObjectId(id)) } },
      { reference: 1, serviceTitle: 1, description: 1 },
    ).lean(),
    Invoice.find(
      { _id: { $in: validIds(invoiceIds).map((id) => new mongoose.Types.ObjectId(id)) } },
      { series: 1, number: 1, requestId: 1 },
    ).lean(),
  ]);
  return {
    jobs: new Map(
      jobs.map((j) => [
        String(j._id),
        { reference: j.reference, title: j.serviceTitle?.lt || j.description?.slice(0, 80) || '' },
      ]),
    ),
    invoices: new Map(
      invoices.map((i) => [String(i._id), { label: invoiceLabel(i), requestId: String(i.requestId) }]),
    ),
  };
}
