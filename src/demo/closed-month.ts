import { shiftPeriod, vilniusDayStart } from '../lib/dates.ts';
import { placeOrder } from '../orders/placement.ts';
import { markCompleted, markPaid, markReady, refundOrder, type OrderContext } from '../orders/transitions.ts';
import type { Actor } from '../participants/audit.ts';
import { activeParticipants, saveAttendance } from '../participants/work.ts';
import { getSettings } from '../settings/service.ts';
import { finalisePeriod, lockMonth, markPeriodPaid } from '../stipends/service.ts';
import type { Calendar, Step } from './clock.ts';
import type { Sale } from './orders.ts';

/**
 * The month before last, closed: a good sold and paid by transfer, attendance, the stipends finalised
 * early the next month (the expense is dated on the month's last day), paid, and the ledger period
 * locked by the administrator; then part of that order is refunded, which posts in the open period
 * with a reference to the locked month's payment. Attendance days by participant code order.
 */
export function closedMonthStory(deps: {
  calendar: Calendar;
  products: Map<string, string>;
  context: (by: string) => OrderContext;
  staff: string;
  admin: { id: string; name: string };
  actor: Actor;
}): { steps: Step[]; orders: number; sales: Sale[] } {
  const c = deps.calendar;
  const period = shiftPeriod(c.previous, -1);
  const [y, m] = period.split('-').map(Number) as [number, number];
  const at = (day: number, hh: number) => new Date(vilniusDayStart(y, m, day).getTime() + hh * 3_600_000);
  let orderId = '';
  const sales: Sale[] = [];
  const steps: Step[] = [
    {
      at: at(11, 14),
      run: async () => {
        const productId = deps.products.get('KER-002');
        if (!productId) throw new Error('Demo product KER-002 is missing.');
        const order = await placeOrder({
          items: [{ productId, quantity: 2 }],
          form: {
            name: 'Rūta Petrauskienė',
            email: 'ruta.petrauskiene@example.lt',
            phone: '+370 655 20314',
            delivery: 'pickup',
            address: '',
            city: '',
            postcode: '',
            locker: '',
            payment: 'bank_transfer',
            note: '',
            terms: true,
          },
          lang: 'lt',
          settings: await getSettings(),
          cardPaymentsEnabled: false,
        });
        orderId = String(order._id);
      },
    },
    { at: at(13, 10), run: async () => void (await markPaid(orderId, deps.context(deps.staff))) },
    { at: at(14, 9), run: async () => void (await markReady(orderId, deps.context(deps.staff))) },
    { at: at(16, 12), run: async () => void (await markCompleted(orderId, deps.context(deps.staff))) },
    {
      at: at(25, 9),
      run: async () => {
        const people = (await activeParticipants(period)).sort((a, b) => a.code.localeCompare(b.code));
        const days = [19, 16, 14, 10];
        const entries = people.map((p, i) => [String(p._id), String(days[i % days.length])] as const);
        await saveAttendance(period, new Map(entries), deps.actor);
      },
    },
    {
      at: c.prev(3, 10),
      run: async () =>
        void (await finalisePeriod(period, { id: deps.admin.id, role: 'admin', name: deps.admin.name })),
    },
    { at: c.prev(4, 9), run: async () => void (await markPeriodPaid(period, c.prevDate(4), deps.admin.id)) },
    { at: c.prev(6, 9, 30), run: async () => void (await lockMonth(period, deps.admin)) },
    {
      // The refund lands in last month: its negative line takes the work recorded there on the good.
      at: c.prev(9, 15),
      run: async () => {
        const order = await refundOrder(
          orderId,
          1850,
          'Vienas puodelis grąžintas: įskilęs',
          deps.context(deps.staff),
        );
        for (const line of order.lines) sales.push({ period: c.previous, productId: String(line.productId) });
      },
    },
  ];
  return { steps, orders: 1, sales };
}
