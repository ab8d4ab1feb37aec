/** Shared steps of the service request tests (not a spec file: mocha only runs `*.test.ts`). */
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { pino } from 'pino';
import type { Config } from '../../src/config.ts';
import { vilniusDate, vilniusDayStart } from '../../src/lib/dates.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import type { ServiceContext } from '../../src/services/notify.ts';
import type { LineInput } from '../../src/services/pricing.ts';
import {
  acceptQuote,
  completeJob,
  saveQuoteDraft,
  sendQuote,
  startJob,
  submitRequest,
} from '../../src/services/service.ts';
import { ServiceRequest, type ServiceRequestDoc } from '../../src/services/model.ts';
import { csrfFrom, type Agent } from '../support/app.ts';
import { newFormKey } from '../../src/web/form-once.ts';

/** The smallest file that file-type recognises as a PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A Vilnius calendar date `days` from today. */
export function dayFromToday(days: number): string {
  const [y, m, d] = vilniusDate(new Date()).split('-').map(Number) as [number, number, number];
  return vilniusDate(vilniusDayStart(y, m, d + days));
}

export function requestFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    companyName: 'UAB Pakuotė',
    companyCode: '304111222',
    vatCode: 'LT100011112219',
    address: 'Gedimino pr. 1',
    city: 'Vilnius',
    postcode: 'LT-01103',
    country: 'LT',
    contactName: 'Rūta Pirkėja',
    email: 'ruta@pakuote.example',
    phone: '+370 600 12345',
    service: 'other',
    description: 'Supakuoti 200 dovanų rinkinių įmonės renginiui.',
    quantity: '200',
    desiredOn: dayFromToday(20),
    ...overrides,
  };
}

/** Posts the public request form as multipart, the CSRF token in the URL (still accepted; the page sends it as a field). */
export async function postRequestForm(
  agent: Agent,
  fields: Record<string, string>,
  files: { name: string; data: Buffer }[] = [],
) {
  const page = await agent.get('/requests/new').expect(200);
  const token = csrfFrom(page.text);
  let req = agent.post(`/requests/new?_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  for (const f of files) req = req.attach('attachments', f.data, f.name);
  return req;
}

/** Submits a valid request; returns the stored request and the agent (its browser). */
export async function submitValidRequest(
  app: Express,
  overrides: Record<string, string> = {},
): Promise<{ agent: Agent; request: ServiceRequestDoc }> {
  const agent = request.agent(app);
  const res = await postRequestForm(agent, requestFields(overrides), [
    { name: 'planas.pdf', data: PDF_BYTES },
  ]);
  expect(res.status, res.text.slice(0, 2000)).to.equal(303);
  const m = /^\/requests\/([A-Za-z0-9_-]+)\?submitted=1$/.exec(String(res.headers.location));
  expect(m, String(res.headers.location)).to.not.equal(null);
  const stored = await ServiceRequest.findOne({ token: m![1] }).lean<ServiceRequestDoc>();
  return { agent, request: stored! };
}

/** Posts a staff form (urlencoded, repeated names for lists, as a browser sends it) with a CSRF token. */
export function staffPost(
  agent: Agent,
  url: string,
  token: string,
  fields: Record<string, string | string[]>,
) {
  // A rendered form carries a fresh one-time key, as the browser would send it.
  const body = new URLSearchParams({ _csrf: token, formKey: newFormKey() });
  if ('formKey' in fields) body.delete('formKey');
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return agent.post(url).type('form').send(body.toString());
}

/** A quote form with the given lines. */
export function quoteForm(
  lines: { description: string; quantity: string; unitPrice: string; vatRate: string }[],
  head: { validUntil?: string; leadTimeDays?: string; terms?: string; send?: string } = {},
): Record<string, string | string[]> {
  return {
    description: lines.map((l) => l.description),
    quantity: lines.map((l) => l.quantity),
    unitPrice: lines.map((l) => l.unitPrice),
    vatRate: lines.map((l) => l.vatRate),
    validUntil: head.validUntil ?? dayFromToday(14),
    leadTimeDays: head.leadTimeDays ?? '10',
    terms: head.terms ?? 'Apmokėjimas per 14 dienų.',
    ...(head.send ? { send: head.send } : {}),
  };
}

export async function reload(id: ServiceRequestDoc['_id']): Promise<ServiceRequestDoc> {
  return (await ServiceRequest.findById(id).lean<ServiceRequestDoc>())!;
}

/** The context the workflow functions get, with the app's mailer (the outbox in tests). */
export function serviceContext(config: Config, by = 'Testas'): ServiceContext {
  return {
    by,
    mailer: createMailer(config, { logger: pino({ level: 'silent' }) }),
    publicUrl: config.publicUrl,
  };
}

export const DEFAULT_LINES: LineInput[] = [
  { description: 'Pakavimas', quantity: 10, unitNetCents: 1234, vatRateBps: 2100 },
  { description: 'Etiketės', quantity: 3, unitNetCents: 333, vatRateBps: 900 },
];

/** A request submitted through the service (as a business would, in Lithuanian), with `files`. */
export function submittedRequest(
  ctx: ServiceContext,
  files: Parameters<typeof submitRequest>[1] = [],
): Promise<ServiceRequestDoc> {
  const f = requestFields();
  return submitRequest(
    {
      companyName: f.companyName!,
      companyCode: f.companyCode!,
      vatCode: f.vatCode!,
      address: f.address!,
      city: f.city!,
      postcode: f.postcode!,
      country: f.country!,
      contactName: f.contactName!,
      email: f.email!,
      phone: f.phone!,
      service: 'other',
      description: f.description!,
      quantity: 1,
      desiredOn: null,
    },
    files,
    'lt',
    ctx,
  );
}

/** A request submitted through the service, quoted (v1 sent); returns it. */
export async function quotedRequest(ctx: ServiceContext, lines = DEFAULT_LINES): Promise<ServiceRequestDoc> {
  const created = await submittedRequest(ctx);
  const id = String(created._id);
  await saveQuoteDraft(id, { validUntil: dayFromToday(10), leadTimeDays: 5, terms: 'Sąlygos', lines }, ctx);
  return sendQuote(id, ctx);
}

/** A request taken through quote and acceptance to a completed job. */
export async function completedJob(ctx: ServiceContext, lines = DEFAULT_LINES): Promise<ServiceRequestDoc> {
  const quoted = await quotedRequest(ctx, lines);
  await acceptQuote(quoted.token, 1, { name: 'Priėmėjas', ip: '127.0.0.1' }, ctx);
  const id = String(quoted._id);
  await startJob(id, ctx);
  return completeJob(id, ctx);
}
