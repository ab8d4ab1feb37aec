import { Router } from 'express';
import { channelIncomeTable } from '../ledger/service.ts';
import { shiftPeriod, vilniusDate, vilniusPeriod } from '../lib/dates.ts';
import { ORDER_QUEUES, UNCOLLECTED_AFTER_DAYS, orderQueueCounts, salesGlance } from '../orders/service.ts';
import { countWithoutAttendance, countWithoutIban } from '../participants/service.ts';
import { workflowCounts } from '../services/service.ts';
import { dashboardCharts } from '../stipends/charts-data.ts';
import { periodToFinalise } from '../stipends/service.ts';
import { requireStaff } from './auth.ts';

/** Every queue the dashboard can show; each has a label `today.queue.<id>` and an empty line `today.empty.<id>`. */
export const DASHBOARD_QUEUES = [
  ...ORDER_QUEUES,
  'newRequests',
  'waiting',
  'expiring',
  'inProgress',
  'overdueInvoices',
  'attendance',
  'stipends',
  'noIban',
] as const;
export type QueueId = (typeof DASHBOARD_QUEUES)[number];

/** One queue of the day: how many wait, the list that shows them, and its label and empty line. */
export interface Queue {
  id: QueueId;
  count: number;
  href: string;
  params: Record<string, string | number>;
}

export interface QueueGroup {
  headingKey: string;
  queues: Queue[];
}

const queue = (id: QueueId, count: number, href: string, params: Queue['params'] = {}): Queue => ({
  id,
  count,
  href,
  params,
});

async function orderQueues(now: Date): Promise<QueueGroup> {
  const c = await orderQueueCounts(now);
  const days = { days: UNCOLLECTED_AFTER_DAYS };
  return {
    headingKey: 'today.orders',
    queues: [
      queue('pack', c.pack, '/admin/orders?queue=pack'),
      queue('prepare', c.prepare, '/admin/orders?queue=prepare'),
      queue('transfers', c.transfers, '/admin/orders?queue=transfers'),
      queue('overdue', c.overdue, '/admin/orders?queue=overdue'),
      queue('uncollected', c.uncollected, '/admin/orders?queue=uncollected', days),
    ],
  };
}

async function requestQueues(now: Date): Promise<QueueGroup> {
  const c = await workflowCounts(now);
  return {
    headingKey: 'today.requests',
    queues: [
      queue('newRequests', c.newRequests, '/admin/requests?state=submitted'),
      queue('waiting', c.waitingForCustomer, '/admin/requests?state=quoted'),
      queue('expiring', c.quotesExpiringSoon, '/admin/requests?due=expiring'),
      queue('inProgress', c.jobsInProgress, '/admin/requests?state=in_progress'),
      queue('overdueInvoices', c.overdueInvoices, '/admin/requests?due=overdue'),
    ],
  };
}

function lastPeriod(now: Date): string {
  return shiftPeriod(vilniusPeriod(now), -1);
}

/** Last month's register work: attendance (master and admin) and, for administrators, payments. */
async function peopleQueues(now: Date, admin: boolean): Promise<QueueGroup> {
  const today = vilniusDate(now);
  const lastMonth = lastPeriod(now);
  const queues = [
    queue(
      'attendance',
      await countWithoutAttendance(lastMonth),
      `/admin/attendance?period=${lastMonth}&missing=1`,
      { period: lastMonth },
    ),
  ];
  if (admin) {
    const toFinalise = await periodToFinalise(now);
    // Shown only from the 6th: before, finalising last month is not due yet.
    if (toFinalise)
      queues.push(queue('stipends', 1, `/admin/stipends/${toFinalise}`, { period: toFinalise }));
    queues.push(queue('noIban', await countWithoutIban(today), '/admin/participants/ibans?show=missing'));
  }
  return { headingKey: 'today.people', queues };
}

/** The staff start page: what needs a person today, by role, then what each role can open. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/', requireStaff, async (req, res) => {
    const now = new Date();
    const role = req.staff?.role;
    const sells = role === 'admin' || role === 'marketing';
    const groups: QueueGroup[] = [];
    if (sells) groups.push(await orderQueues(now), await requestQueues(now));
    if (role === 'admin' || role === 'master') groups.push(await peopleQueues(now, role === 'admin'));
    // Sales and stipend figures come from the ledger: administrators only.
    const charts = role === 'admin' ? await dashboardCharts(req.lang) : null;
    res.render('admin/dashboard', {
      titleKey: 'dashboard.title',
      groups,
      glance: sells ? await salesGlance(now) : null,
      // Income per channel: where the month's sales came from (phone, fairs, web, services).
      channelIncome: sells ? await channelIncomeTable([vilniusPeriod(now), lastPeriod(now)]) : null,
      contributionsPeriod: role === 'master' ? lastPeriod(now) : '',
      charts,
    });
  });
  return router;
}
