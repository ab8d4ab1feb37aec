import { JournalEntry, type JournalEntryDoc } from './model.ts';

/** The sales channels income can come from. */
export const CHANNELS = ['web', 'phone', 'walk_in', 'fair', 'services'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The accounts whose net credits are sales: goods and services (delivery and rounding are not sales). */
export const SALES_ACCOUNTS = ['income:products', 'income:services'] as const;

/**
 * The channel of an entry. Entries posted before channels were recorded have none: an order's
 * entries came from the web shop and an invoice's or credit note's from business services.
 */
export function channelOf(entry: Pick<JournalEntryDoc, 'channel' | 'reference'>): Channel | null {
  if (entry.channel && (CHANNELS as readonly string[]).includes(entry.channel))
    return entry.channel as Channel;
  const type = entry.reference?.type;
  if (type === 'order') return 'web';
  if (type === 'invoice' || type === 'credit_note') return 'services';
  return null;
}

export interface ChannelIncome {
  /** Net sales per channel (credits − debits on the sales accounts, refunds and voids included), in cents. */
  byChannel: Record<Channel, number>;
  totalCents: number;
}

/** Net sales of the periods per channel, read from the journal. */
export async function incomeByChannel(periods: string[]): Promise<ChannelIncome> {
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  let totalCents = 0;
  const cursor = JournalEntry.find({
    period: { $in: periods },
    'lines.account': { $in: [...SALES_ACCOUNTS] },
  })
    .select({ channel: 1, reference: 1, lines: 1 })
    .lean<Pick<JournalEntryDoc, 'channel' | 'reference' | 'lines'>[]>()
    .cursor();
  for await (const doc of cursor) {
    const entry = doc as Pick<JournalEntryDoc, 'channel' | 'reference' | 'lines'>;
    const channel = channelOf(entry);
    for (const l of entry.lines) {
      if (!(SALES_ACCOUNTS as readonly string[]).includes(l.account)) continue;
      const net = (l.creditCents ?? 0) - (l.debitCents ?? 0);
      totalCents += net;
      if (channel) byChannel[channel] += net;
    }
  }
  return { byChannel, totalCents };
}

export interface ChannelTable {
  periods: string[];
  rows: { channel: Channel; cents: number[] }[];
  totals: number[];
}

/** Net sales per channel for each of the periods, side by side (for the `channel-income` partial). */
export async function channelIncomeTable(periods: string[]): Promise<ChannelTable> {
  const figures = await Promise.all(periods.map((p) => incomeByChannel([p])));
  return {
    periods,
    rows: CHANNELS.map((channel) => ({ channel, cents: figures.map((f) => f.byChannel[channel]) })),
    totals: figures.map((f) => f.totalCents),
  };
}
