import { vilniusDate } from '../lib/dates.ts';
import { addDays, issueInvoice, markInvoicePaid } from '../services/invoices.ts';
import {
  acceptQuote,
  addNote,
  assign,
  completeJob,
  declineQuote,
  saveQuoteDraft,
  scheduleJob,
  sendQuote,
  startJob,
  startReview,
  submitRequest,
  type ServiceContext,
} from '../services/service.ts';
import { COFFEE, ENERGY, HONEY, NORDIC, type DemoBusiness } from './businesses.ts';
import type { Calendar, Step } from './clock.ts';

export interface RequestStoryDeps {
  calendar: Calendar;
  /** Product id by SKU (the services). */
  products: Map<string, string>;
  context: (by: string) => ServiceContext;
  /** The marketing specialist who runs the requests: id and name. */
  staff: { id: string; name: string };
  quoteValidityDays: number;
}

export interface RequestStories {
  steps: Step[];
  /** The jobs the participants worked on: the month of the work, the request id (once run), hours. */
  jobs: { period: string; requestId: () => string; hours: number[] }[];
  count: number;
}

/** The date `days` after the (shifted) today. */
function daysAhead(days: number): string {
  return addDays(vilniusDate(new Date()), days);
}

/** One business's request as the steps see it: filled in by its first step. */
class Story {
  id = '';
  token = '';
  private readonly deps: RequestStoryDeps;
  private readonly business: DemoBusiness;

  constructor(deps: RequestStoryDeps, business: DemoBusiness) {
    this.deps = deps;
    this.business = business;
  }

  staff(): ServiceContext {
    return this.deps.context(this.deps.staff.name);
  }

  customer(): ServiceContext {
    return this.deps.context('customer');
  }

  async submit(): Promise<void> {
    const service = this.deps.products.get(this.business.sku);
    if (!service) throw new Error(`Demo service ${this.business.sku} is missing.`);
    const form = { ...this.business.form, service, desiredOn: daysAhead(this.business.desiredInDays) };
    const request = await submitRequest(form, [], this.business.lang, this.customer());
    this.id = String(request._id);
    this.token = request.token;
  }

  async take(note = ''): Promise<void> {
    await startReview(this.id, this.staff());
    await assign(this.id, this.deps.staff.id, this.staff());
    if (note) await addNote(this.id, note, this.staff());
  }

  /** Drafts and sends version `version` (1, 2…), valid for the configured days from today. */
  async quote(version: number, terms = ''): Promise<void> {
    const lines = this.business.quotes[version - 1]!;
    const validUntil = daysAhead(this.deps.quoteValidityDays);
    await saveQuoteDraft(this.id, { validUntil, leadTimeDays: 7, terms, lines }, this.staff());
    await sendQuote(this.id, this.staff());
  }

  async accept(version: number): Promise<void> {
    await acceptQuote(this.token, version, this.business.acceptedBy!, this.customer());
  }
}

/**
 * Four business requests, each moved by the services module's own functions: one just submitted,
 * one quoted and waiting for the business, one accepted and in progress, and one that was quoted,
 * declined, quoted again, done, invoiced and paid by transfer last month (so that month's income
 * has a service line for the participants who did the job).
 */
export function requestStories(deps: RequestStoryDeps): RequestStories {
  const c = deps.calendar;
  const paid = new Story(deps, COFFEE);
  const active = new Story(deps, ENERGY);
  const quoted = new Story(deps, HONEY);
  const fresh = new Story(deps, NORDIC);
  let invoiceId = '';
  const startOn = c.cur(0.2);
  const steps: Step[] = [
    // Declined at first, quoted again, done, invoiced and paid last month.
    { at: c.prev(2, 9, 20), run: () => paid.submit() },
    { at: c.prev(2, 11, 0), run: () => paid.take() },
    { at: c.prev(3, 10, 30), run: () => paid.quote(1) },
    {
      at: c.prev(4, 16, 10),
      run: async () =>
        void (await declineQuote(
          paid.token,
          1,
          'Kaina per didelė – gal galite pasiūlyti pigiau?',
          paid.customer(),
        )),
    },
    {
      at: c.prev(5, 9, 45),
      run: async () => {
        await addNote(
          paid.id,
          'Susitarėme telefonu: 3000 vnt. partijai taikome 10 % nuolaidą.',
          paid.staff(),
        );
        await paid.quote(2, 'Pakuotes atveža ir išsiveža užsakovas.');
      },
    },
    { at: c.prev(5, 14, 20), run: () => paid.accept(2) },
    { at: c.prev(6, 8, 30), run: () => scheduleJob(paid.id, c.prevDate(9), paid.staff()) },
    { at: c.prev(9, 8, 15), run: async () => void (await startJob(paid.id, paid.staff())) },
    { at: c.prev(11, 15, 0), run: async () => void (await completeJob(paid.id, paid.staff())) },
    {
      at: c.prev(12, 9, 0),
      run: async () => void (invoiceId = String((await issueInvoice(paid.id, paid.staff()))._id)),
    },
    {
      at: c.prev(19, 10, 30),
      run: async () => void (await markInvoicePaid(invoiceId, { method: 'bank_transfer' }, paid.staff())),
    },

    // Accepted last month, in progress this month.
    { at: c.prev(24, 13, 0), run: () => active.submit() },
    { at: c.prev(25, 10, 0), run: () => active.take() },
    { at: c.prev(25, 10, 20), run: () => active.quote(1) },
    { at: c.prev(27, 11, 30), run: () => active.accept(1) },
    { at: c.prev(27, 12, 0), run: () => scheduleJob(active.id, vilniusDate(startOn), active.staff()) },
    { at: startOn, run: async () => void (await startJob(active.id, active.staff())) },

    // Quoted this month, waiting for the business.
    { at: c.cur(0.55), run: () => quoted.submit() },
    { at: c.cur(0.6), run: () => quoted.take('Paskambinau: dėžutes ir lipdukus atveš patys.') },
    { at: c.cur(0.65), run: () => quoted.quote(1) },

    // Just submitted.
    { at: c.cur(0.97), run: () => fresh.submit() },
  ];
  return {
    steps,
    jobs: [
      { period: c.previous, requestId: () => paid.id, hours: [12, 8, 7.5, 4] },
      { period: c.current, requestId: () => active.id, hours: [6, 0, 10.5, 4.25] },
    ],
    count: 4,
  };
}
