import { eachEntryTouching } from '../ledger/service.ts';
import { vilniusPeriod } from '../lib/dates.ts';
import { formatCents } from '../lib/money.ts';
import { barChartSvg, lastPeriods } from '../web/charts.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import { INCOME_ACCOUNTS } from './inputs.ts';

export interface MonthlyFigures {
  periods: string[];
  /** Net sales (income:products + income:services, credits − debits) per period. */
  salesCents: number[];
  /** Stipends booked (expenses:stipends, debits − credits) per period. */
  stipendsCents: number[];
}

/** Sales and stipends per month for the last `months` months, from the journal. */
export async function monthlyFigures(now = new Date(), months = 12): Promise<MonthlyFigures> {
  const periods = lastPeriods(vilniusPeriod(now), months);
  const accounts = [...INCOME_ACCOUNTS, 'expenses:stipends'];
  const sales = new Map(periods.map((p) => [p, 0]));
  const stipends = new Map(periods.map((p) => [p, 0]));
  for await (const e of eachEntryTouching(periods, accounts)) {
    for (const l of e.lines) {
      const d = l.debitCents ?? 0;
      const c = l.creditCents ?? 0;
      if ((INCOME_ACCOUNTS as readonly string[]).includes(l.account))
        sales.set(e.period, (sales.get(e.period) ?? 0) + c - d);
      else if (l.account === 'expenses:stipends')
        stipends.set(e.period, (stipends.get(e.period) ?? 0) + d - c);
    }
  }
  return {
    periods,
    salesCents: periods.map((p) => sales.get(p) ?? 0),
    stipendsCents: periods.map((p) => stipends.get(p) ?? 0),
  };
}

/** The two dashboard charts, ready for the `stipends/charts` partial. */
export async function dashboardCharts(lang: Lang, now = new Date()) {
  const figures = await monthlyFigures(now);
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  const from = figures.periods[0]!;
  const to = figures.periods[figures.periods.length - 1]!;
  const chart = (id: string, key: 'sales' | 'stipends', values: number[]) => {
    const title = translate(lang, `charts.${key}.title`);
    const total = values.reduce((s, v) => s + v, 0);
    return {
      id,
      title,
      svg: barChartSvg({
        id,
        title,
        description: translate(lang, `charts.${key}.desc`, { from, to, total: money(total) }),
        points: figures.periods.map((label, i) => ({ label, value: values[i]! })),
        format: money,
      }),
      rows: figures.periods.map((period, i) => ({ period, cents: values[i]! })),
      totalCents: total,
    };
  };
  return [
    chart('chart-sales', 'sales', figures.salesCents),
    chart('chart-stipends', 'stipends', figures.stipendsCents),
  ];
}
