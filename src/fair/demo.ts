/**
 * The demo's fairs: a closed one last month (sales in cash and by card, one voided, the counted cash
 * 0,50 € short) and an open one today with a few sales, made through the fair service itself.
 */
import { randomUUID } from 'node:crypto';
import { vilniusDate } from '../lib/dates.ts';
import { closeEvent, createEvent, eventView, voidSale } from './events.ts';
import { applySales } from './sales.ts';

export interface DemoFairClock {
  /** Runs the steps with the clock set to each step's moment (the demo's `replay`). */
  replay(steps: { at: Date; run: () => Promise<void> }[]): Promise<void>;
  /** A moment of last month: day, hour, minute (Vilnius). */
  prev(day: number, hh: number, mm?: number): Date;
  prevDate(day: number): string;
}

type Basket = [sku: string, quantity: number][];

const PAST: [hh: number, mm: number, basket: Basket, method: 'cash' | 'card_terminal'][] = [
  [10, 5, [['ZVK-001', 2]], 'cash'],
  [
    10,
    40,
    [
      ['KER-001', 1],
      ['MUI-001', 2],
    ],
    'card_terminal',
  ],
  [11, 15, [['TEK-001', 1]], 'cash'],
  [12, 30, [['KER-002', 2]], 'card_terminal'],
  [13, 10, [['MUI-002', 3]], 'cash'],
  [
    14,
    45,
    [
      ['ZVK-002', 1],
      ['MED-001', 1],
    ],
    'cash',
  ],
  [15, 20, [['DOV-001', 1]], 'card_terminal'],
];

function sale(
  eventId: string,
  at: Date,
  basket: Basket,
  method: 'cash' | 'card_terminal',
  products: Map<string, string>,
) {
  return {
    id: randomUUID(),
    eventId,
    soldAt: at.toISOString(),
    lines: basket.map(([sku, quantity]) => ({ productId: products.get(sku)!, quantity })),
    payment: { method },
  };
}

/** Seeds the fairs; returns the goods sold per month (for the demo's work records) and the count. */
export async function seedDemoFairs(
  clock: DemoFairClock,
  products: Map<string, string>,
  staff: string,
): Promise<{ events: number; sales: { period: string; productId: string }[] }> {
  const day = 14;
  let pastId = '';
  const pastSales: string[] = [];
  const steps = [
    {
      at: clock.prev(day, 8, 30),
      run: async () => {
        pastId = await createEvent(
          { name: 'Kaziuko mugė', place: 'Vilnius, Katedros aikštė', date: clock.prevDate(day) },
          [
            'ZVK-001',
            'ZVK-002',
            'KER-001',
            'KER-002',
            'MUI-001',
            'MUI-002',
            'TEK-001',
            'MED-001',
            'DOV-001',
          ].map((sku) => ({
            productId: products.get(sku)!,
            quantity: 6,
          })),
          staff,
        );
      },
    },
    ...PAST.map(([hh, mm, basket, method]) => ({
      at: clock.prev(day, hh, mm),
      run: async () => {
        const s = sale(pastId, clock.prev(day, hh, mm), basket, method, products);
        await applySales([s], staff);
        pastSales.push(s.id);
      },
    })),
    {
      at: clock.prev(day, 15, 30),
      run: () => voidSale(pastId, pastSales[2]!, 'Pirkėjas apsigalvojo', staff),
    },
    {
      at: clock.prev(day, 17, 0),
      run: async () => {
        const view = await eventView(pastId);
        await closeEvent(
          pastId,
          {
            countedCash: view.cash.dueCents - 50,
            terminalTotal: view.card.dueCents,
            registerTotal: view.cash.dueCents + view.card.dueCents,
            note: 'Trūksta 0,50 € grynųjų',
            confirm: true,
          },
          staff,
        );
      },
    },
  ];
  await clock.replay(steps);

  const today = await createEvent(
    { name: 'Savaitgalio turgelis', place: 'Kaunas, Rotušės aikštė', date: vilniusDate(new Date()) },
    [],
    staff,
  );
  const now = Date.now();
  await applySales(
    [
      sale(today, new Date(now - 20 * 60_000), [['ZVK-001', 1]], 'cash', products),
      sale(
        today,
        new Date(now - 10 * 60_000),
        [
          ['KER-003', 1],
          ['MUI-001', 1],
        ],
        'card_terminal',
        products,
      ),
    ],
    staff,
  );
  const pastPeriod = clock.prevDate(day).slice(0, 7);
  const sold = [...new Set(PAST.flatMap(([, , basket]) => basket.map(([sku]) => sku)))];
  return { events: 2, sales: sold.map((sku) => ({ period: pastPeriod, productId: products.get(sku)! })) };
}
