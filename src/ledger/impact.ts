import { CHANNELS, channelOf, SALES_ACCOUNTS, type Channel } from './channels.ts';
import { JournalEntry, type JournalEntryDoc } from './model.ts';

/** What one month's journal says about the workshop's impact, in cents. */
export interface MonthFigures {
  period: string;
  /** Net sales per channel (refunds and voids deducted), as the channel table reads them. */
  byChannel: Record<Channel, number>;
  salesCents: number;
  /** Stipends charged to the month (Dr expenses:stipends, net). */
  stipendsCents: number;
  /** Materials bought in the month (Dr expenses:materials, net). */
  materialsCents: number;
}

const STIPENDS = 'expenses:stipends';
const MATERIALS = 'expenses:materials';
const READ = [...SALES_ACCOUNTS, STIPENDS, MATERIALS];

type Entry = Pick<JournalEntryDoc, 'period' | 'channel' | 'reference' | 'lines'>;

/**
 * The impact figures of many months in one read of the journal: sales by channel, stipends and
 * materials, each the net of its account's lines, so they equal the journal to the cent.
 */
export async function monthFigures(periods: string[]): Promise<MonthFigures[]> {
  const figures = new Map<string, MonthFigures>(
    periods.map((period) => [
      period,
      {
        period,
        byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
        salesCents: 0,
        stipendsCents: 0,
        materialsCents: 0,
      },
    ]),
  );
  if (periods.length === 0) return [];
  const cursor = JournalEntry.find({ period: { $in: periods }, 'lines.account': { $in: READ } })
    .select({ period: 1, channel: 1, reference: 1, lines: 1 })
    .lean<Entry[]>()
    .cursor();
  for await (const doc of cursor) {
    const entry = doc as Entry;
    const month = figures.get(entry.period);
    if (!month) continue;
    const channel = channelOf(entry);
    for (const line of entry.lines) {
      const credit = (line.creditCents ?? 0) - (line.debitCents ?? 0);
      if ((SALES_ACCOUNTS as readonly string[]).includes(line.account)) {
        month.salesCents += credit;
        if (channel) month.byChannel[channel] += credit;
      } else if (line.account === STIPENDS) month.stipendsCents -= credit;
      else if (line.account === MATERIALS) month.materialsCents -= credit;
    }
  }
  return periods.map((p) => figures.get(p)!);
}
