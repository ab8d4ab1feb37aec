import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { createMailer } from '../mail/mailer.ts';
import { submitFeedback } from '../site/service.ts';
import { orderNotifier } from '../orders/notify.ts';
import type { OrderContext } from '../orders/transitions.ts';
import type { Actor } from '../participants/audit.ts';
import {
  activeParticipants,
  contributionsFor,
  saveContributions,
  targetKey,
  type CellInput,
} from '../participants/work.ts';
import type { ServiceContext } from '../services/service.ts';
import { getSettings } from '../settings/service.ts';
import { listStaff } from '../staff/service.ts';
import { addCost } from '../stipends/service.ts';
import { seedDemoFairs } from '../fair/demo.ts';
import { Calendar, replay } from './clock.ts';
import { closedMonthStory } from './closed-month.ts';
import { orderStories, type Sale } from './orders.ts';
import { requestStories } from './requests.ts';

export interface HistoryOptions {
  /** Product id by SKU. */
  products: Map<string, string>;
  /** The address in the stored e-mails' links. */
  publicUrl: string;
  /** The marketing specialist's and the administrator's e-mail (demo accounts). */
  marketingEmail: string;
  adminEmail: string;
}

export interface HistoryCounts {
  orders: number;
  requests: number;
  costs: number;
  fairs: number;
}

const ACTOR_ID = 'demo-seed';

/** Hours by participant code order (D-001…), one column of the contributions grid, typed as on the page. */
async function column(
  period: string,
  kind: 'product' | 'job',
  targetId: string,
  hours: number[],
): Promise<CellInput[]> {
  const people = (await activeParticipants(period)).sort((a, b) =>
    (a.code ?? '').localeCompare(b.code ?? ''),
  );
  return people.flatMap((p, i) => {
    const h = hours[i % hours.length] ?? 0;
    if (h === 0) return [];
    const id = String(p._id);
    const value = String(h).replace('.', ',');
    return [{ field: `w_${id}_${targetId}`, participantId: id, kind, targetId, value }];
  });
}

/**
 * Who did the work: the jobs' contributions (the paid one last month, the one in progress this
 * month) and, for goods sold in a month that nobody has recorded work on yet, two makers each.
 * Only adds cells: what the participants' own demo recorded stays as it is.
 */
async function recordWork(
  sales: Sale[],
  jobs: { period: string; id: string; hours: number[] }[],
  actor: Actor,
) {
  for (const job of jobs) {
    await saveContributions(job.period, await column(job.period, 'job', job.id, job.hours), actor);
  }
  const byPeriod = new Map<string, Set<string>>();
  for (const s of sales) byPeriod.set(s.period, (byPeriod.get(s.period) ?? new Set()).add(s.productId));
  for (const [period, products] of byPeriod) {
    const grid = await contributionsFor(period);
    const recorded = new Set([...grid.values()].flatMap((row) => [...row.keys()]));
    const cells: CellInput[] = [];
    let n = 0;
    for (const productId of products) {
      if (recorded.has(targetKey('product', productId))) continue;
      const hours = [0, 0, 0, 0];
      hours[n % 4] = 6.5;
      hours[(n + 1) % 4] = 3;
      n += 1;
      cells.push(...(await column(period, 'product', productId, hours)));
    }
    if (cells.length > 0) await saveContributions(period, cells, actor);
  }
}

/**
 * A month of the workshop's life through the modules' own functions: shop orders, business
 * requests up to a paid invoice, a material cost, and the participants' work on what was sold —
 * so the staff pages, the ledger and last month's stipend draft all have something to show — and,
 * before it, a closed month (finalised, paid and locked; see `closed-month.ts`).
 * E-mails are only stored in the outbox (never sent: the customers are made up).
 */
export async function seedDemoHistory(opts: HistoryOptions): Promise<HistoryCounts> {
  const calendar = new Calendar(new Date());
  const logger = pino({ level: 'warn' });
  const mailer = createMailer(
    { smtpUrl: undefined, mailFrom: undefined, publicUrl: opts.publicUrl },
    { logger },
  );
  const notify = orderNotifier({ mailer, publicUrl: opts.publicUrl, logger });
  const staff = await listStaff();
  const marketing = staff.find((s) => s.email === opts.marketingEmail);
  const admin = staff.find((s) => s.email === opts.adminEmail);
  if (!marketing || !admin) throw new Error('The demo staff accounts are missing.');

  const orders = orderStories({
    calendar,
    products: opts.products,
    context: (by): OrderContext => ({ by, notify }),
    staff: marketing.name,
    staffId: String(marketing._id),
  });
  const requests = requestStories({
    calendar,
    products: opts.products,
    context: (by): ServiceContext => ({ by, mailer, publicUrl: opts.publicUrl }),
    staff: { id: String(marketing._id), name: marketing.name },
    quoteValidityDays: (await getSettings()).quoteValidityDays ?? 30,
  });
  const cost = {
    at: calendar.prev(8, 13, 0),
    run: async () =>
      void (await addCost(
        calendar.previous,
        {
          key: randomBytes(16).toString('hex'),
          amount: 8640,
          description: 'Molis ir glazūros (UAB Keramikos žaliavos)',
          paidOn: calendar.prevDate(8),
        },
        admin.name,
      )),
  };
  const actor: Actor = { id: ACTOR_ID, role: 'admin', name: 'Demo' };
  const closed = closedMonthStory({
    calendar,
    products: opts.products,
    context: (by): OrderContext => ({ by, notify }),
    staff: marketing.name,
    admin: { id: String(admin._id), name: admin.name },
    actor,
  });
  await replay([...closed.steps, ...orders.steps, ...requests.steps, cost]);
  const fairs = await seedDemoFairs(
    { replay, prev: (d, h, m) => calendar.prev(d, h, m), prevDate: (d) => calendar.prevDate(d) },
    opts.products,
    marketing.name,
  );

  const jobs = requests.jobs.map((j) => ({ period: j.period, id: j.requestId(), hours: j.hours }));
  await recordWork([...orders.sales, ...closed.sales, ...fairs.sales], jobs, actor);
  // A visitor's note from the accessibility statement's form (the staff list and e-mail show it).
  await submitFeedback(
    { mailer, publicUrl: opts.publicUrl },
    'demo-accessibility-feedback',
    {
      message:
        'Lengvai skaitomame vaizde telefone paštomato sąrašas labai ilgas, sunku rasti savo paštomatą.',
      page: 'Užsakymas',
      name: 'Ona',
      email: 'ona.pirkeja@example.lt',
    },
    { lang: 'lt', easyRead: true },
    new Date(Date.now() - 2 * 24 * 3600_000),
  );
  // Every demo e-mail ends stored here, none left queued for a sender that may have SMTP.
  await mailer.settled();
  return {
    orders: orders.count + closed.orders,
    requests: requests.count,
    costs: 1,
    fairs: fairs.events,
  };
}
