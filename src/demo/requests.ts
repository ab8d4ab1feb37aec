import { addDays, issueInvoice, markInvoicePaid } from '../services/invoices.ts';
import type { LineInput } from '../services/pricing.ts';
import type { RequestInput } from '../services/schemas.ts';
import {
  acceptQuote,
  addNote,
  assign,
  declineQuote,
  saveQuoteDraft,
  scheduleJob,
  sendQuote,
  startJob,
  startReview,
  submitRequest,
  completeJob,
  type ServiceContext,
} from '../services/service.ts';
import { vilniusDate } from '../lib/dates.ts';
import type { Lang } from '../web/i18n.ts';
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
  /** Request ids of the jobs the participants worked on, by the month of the work. */
  jobs: { period: string; requestId: () => string; weights: number[] }[];
  count: number;
}

const VAT = 2100;

/** The date `days` after the (shifted) today: a business's wished-for day, as of its request. */
function daysAhead(days: number): string {
  return addDays(vilniusDate(new Date()), days);
}

/** A quote valid for the configured days from the (shifted) today. */
function quote(deps: RequestStoryDeps, lines: LineInput[], leadTimeDays: number, terms = '') {
  return {
    validUntil: addDays(vilniusDate(new Date()), deps.quoteValidityDays),
    leadTimeDays,
    terms,
    lines,
  };
}

function input(
  deps: RequestStoryDeps,
  sku: string,
  fields: Omit<RequestInput, 'service' | 'vatCode' | 'address'> &
    Partial<Pick<RequestInput, 'vatCode' | 'address'>>,
): RequestInput {
  const service = deps.products.get(sku);
  if (!service) throw new Error(`Demo service ${sku} is missing.`);
  return { vatCode: '', address: '', ...fields, service };
}

/**
 * Four business requests, each moved by the services module's own functions: one just submitted,
 * one quoted and waiting for the business, one accepted and in progress, and one that was quoted,
 * declined, quoted again, done, invoiced and paid by transfer last month (so the month's income has
 * a service line for the participants who did the job).
 */
export function requestStories(deps: RequestStoryDeps): RequestStories {
  const c = deps.calendar;
  const steps: Step[] = [];
  const staff = () => deps.context(deps.staff.name);
  const customer = () => deps.context('customer');
  const submit = async (sku: string, fields: Parameters<typeof input>[2], lang: Lang) =>
    submitRequest(input(deps, sku, fields), [], lang, customer());

  // 1. Labelling coffee bags: declined at first, quoted again, done, invoiced and paid last month.
  let paid = { id: '', token: '' };
  let invoiceId = '';
  steps.push(
    {
      at: c.prev(2, 9, 20),
      run: async () => {
        const r = await submit(
          'PASL-002',
          {
            companyName: 'UAB Baltijos kavos skrudykla',
            companyCode: '305512874',
            vatCode: 'LT100013427315',
            address: 'Liepų g. 14, LT-92138 Klaipėda',
            contactName: 'Karolis Mažeika',
            email: 'karolis@baltijos-kava.example.lt',
            phone: '+370 46 412345',
            description:
              'Reikia užklijuoti etiketes su partijos numeriu ir galiojimo data ant 3000 kavos pakuočių ' +
              '(250 g). Etiketes atsiųsime patys, pakuotes atvešime ir pasiimsime.',
            quantity: 3000,
            desiredOn: c.prevDate(15),
          },
          'lt',
        );
        paid = { id: String(r._id), token: r.token };
      },
    },
    {
      at: c.prev(2, 11, 0),
      run: async () => {
        await startReview(paid.id, staff());
        await assign(paid.id, deps.staff.id, staff());
      },
    },
    {
      at: c.prev(3, 10, 30),
      run: async () => {
        await saveQuoteDraft(
          paid.id,
          quote(
            deps,
            [
              {
                description: 'Etikečių klijavimas, 100 vnt.',
                quantity: 30,
                unitNetCents: 1100,
                vatRateBps: VAT,
              },
            ],
            7,
          ),
          staff(),
        );
        await sendQuote(paid.id, staff());
      },
    },
    {
      at: c.prev(4, 16, 10),
      run: async () =>
        void (await declineQuote(
          paid.token,
          1,
          'Kaina per didelė – gal galite pasiūlyti pigiau?',
          customer(),
        )),
    },
    {
      at: c.prev(5, 9, 45),
      run: async () => {
        await addNote(paid.id, 'Susitarėme telefonu: 3000 vnt. partijai taikome 10 % nuolaidą.', staff());
        await saveQuoteDraft(
          paid.id,
          quote(
            deps,
            [
              {
                description: 'Etikečių klijavimas, 100 vnt. (su nuolaida)',
                quantity: 30,
                unitNetCents: 990,
                vatRateBps: VAT,
              },
            ],
            7,
            'Pakuotes atveža ir išsiveža užsakovas.',
          ),
          staff(),
        );
        await sendQuote(paid.id, staff());
      },
    },
    {
      at: c.prev(5, 14, 20),
      run: async () =>
        void (await acceptQuote(paid.token, 2, { name: 'Karolis Mažeika', ip: '203.0.113.24' }, customer())),
    },
    { at: c.prev(6, 8, 30), run: () => scheduleJob(paid.id, c.prevDate(9), staff()) },
    { at: c.prev(9, 8, 15), run: async () => void (await startJob(paid.id, staff())) },
    { at: c.prev(11, 15, 0), run: async () => void (await completeJob(paid.id, staff())) },
    {
      at: c.prev(12, 9, 0),
      run: async () => {
        invoiceId = String((await issueInvoice(paid.id, staff()))._id);
      },
    },
    {
      at: c.prev(19, 10, 30),
      run: async () => {
        await markInvoicePaid(invoiceId, { method: 'bank_transfer' }, staff());
      },
    },
  );

  // 2. Gift sets for a company's staff: accepted last month, in progress this month.
  let active = { id: '', token: '' };
  const startOn = c.cur(0.2);
  steps.push(
    {
      at: c.prev(24, 13, 0),
      run: async () => {
        const r = await submit(
          'PASL-003',
          {
            companyName: 'UAB Pajūrio energija',
            companyCode: '302845163',
            vatCode: 'LT100007391218',
            address: 'Rotušės a. 3, LT-97111 Kretinga',
            contactName: 'Eglė Norkienė',
            email: 'egle.norkiene@pajurio-energija.example.lt',
            phone: '+370 445 77001',
            description:
              'Metų pabaigos dovanos 60 darbuotojų: žvakė, muilas ir atvirukas su mūsų sveikinimu, ' +
              'supakuoti į dėžutes su kaspinu.',
            quantity: 60,
            desiredOn: daysAhead(14),
          },
          'lt',
        );
        active = { id: String(r._id), token: r.token };
      },
    },
    {
      at: c.prev(25, 10, 0),
      run: async () => {
        await assign(active.id, deps.staff.id, staff());
        await saveQuoteDraft(
          active.id,
          quote(
            deps,
            [
              {
                description: 'Dovanų rinkinių surinkimas, 10 rinkinių',
                quantity: 6,
                unitNetCents: 3306,
                vatRateBps: VAT,
              },
              {
                description: 'Sojų vaško žvakė su levandomis',
                quantity: 60,
                unitNetCents: 992,
                vatRateBps: VAT,
              },
              {
                description: 'Natūralus muilas su avižomis',
                quantity: 60,
                unitNetCents: 455,
                vatRateBps: VAT,
              },
            ],
            10,
          ),
          staff(),
        );
        await sendQuote(active.id, staff());
      },
    },
    {
      at: c.prev(27, 11, 30),
      run: async () =>
        void (await acceptQuote(active.token, 1, { name: 'Eglė Norkienė', ip: '198.51.100.7' }, customer())),
    },
    { at: c.prev(27, 12, 0), run: () => scheduleJob(active.id, vilniusDate(startOn), staff()) },
    { at: startOn, run: async () => void (await startJob(active.id, staff())) },
  );

  // 3. Packing honey jars: quoted this month, waiting for the business.
  let quoted = '';
  steps.push(
    {
      at: c.cur(0.55),
      run: async () => {
        const r = await submit(
          'PASL-001',
          {
            companyName: 'UAB Žemaitijos medus',
            companyCode: '304418297',
            vatCode: '',
            address: 'Sodų g. 2, Salantai',
            contactName: 'Vytautas Jonaitis',
            email: 'vytautas@zemaitijos-medus.example.lt',
            phone: '+370 686 12121',
            description: 'Supakuoti 500 medaus stiklainių po 3 į dovanų dėžutes ir užklijuoti mūsų lipdukus.',
            quantity: 500,
            desiredOn: daysAhead(21),
          },
          'lt',
        );
        quoted = String(r._id);
      },
    },
    {
      at: c.cur(0.6),
      run: async () => {
        await startReview(quoted, staff());
        await assign(quoted, deps.staff.id, staff());
        await addNote(quoted, 'Paskambinau: dėžutes ir lipdukus atveš patys.', staff());
      },
    },
    {
      at: c.cur(0.65),
      run: async () => {
        await saveQuoteDraft(
          quoted,
          quote(
            deps,
            [
              {
                description: 'Pakavimas į dovanų dėžutes, 100 vnt.',
                quantity: 5,
                unitNetCents: 2066,
                vatRateBps: VAT,
              },
            ],
            7,
          ),
          staff(),
        );
        await sendQuote(quoted, staff());
      },
    },
  );

  // 4. Catering for a training day, in English, just submitted (nothing attached).
  steps.push({
    at: c.cur(0.97),
    run: async () =>
      void (await submit(
        'PASL-005',
        {
          companyName: 'UAB Nordic Trail Baltic',
          companyCode: '306377120',
          contactName: 'Anna Lindqvist',
          email: 'anna.lindqvist@nordictrail.example.com',
          phone: '+370 612 00777',
          description:
            'Coffee breaks for a one-day guide training in Kretinga: 25 people, morning and afternoon, ' +
            'with something vegetarian.',
          quantity: 25,
          desiredOn: daysAhead(18),
        },
        'en',
      )),
  });

  return {
    steps,
    jobs: [
      { period: c.previous, requestId: () => paid.id, weights: [3, 2, 2, 1] },
      { period: c.current, requestId: () => active.id, weights: [2, 0, 3, 2] },
    ],
    count: 4,
  };
}
