import { barChartSvg } from '../web/charts.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import { formatCents } from '../lib/money.ts';
import { monthInWords } from '../stipends/service.ts';
import type { ImpactYear } from './service.ts';

/** A share in basis points as people read it: "12,5 %" / "12.5 %"; a dash when there were no sales. */
export function shareText(bps: number | null, lang: Lang): string {
  if (bps === null) return '–';
  const n = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 1 }).format(bps / 100);
  // Lithuanian writes a space before the per cent sign, English none.
  return lang === 'lt' ? `${n}\u00a0%` : `${n}%`;
}

/** A month's short name under its bar: "lapkr.", "Nov". */
function shortMonth(period: string, lang: Lang): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(localeOf(lang), { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

/** The year as the page shows it: summary, two charts and the table with the same numbers. */
export function presentYear(year: ImpactYear, lang: Lang, easyRead: boolean) {
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  const chart = (key: 'sales' | 'stipends', values: number[]) => {
    const total = values.reduce((s, v) => s + v, 0);
    const id = `impact-${key}-${year.year}`;
    return {
      id,
      title: translate(lang, `impact.chart.${key}.title`, {}, easyRead),
      svg: barChartSvg({
        id,
        title: translate(lang, `impact.chart.${key}.title`, {}, easyRead),
        description: translate(lang, `impact.chart.${key}.desc`, { year: year.year, total: money(total) }),
        points: year.months.map((m, i) => ({ label: shortMonth(m.period, lang), value: values[i]! })),
        format: money,
      }),
    };
  };
  return {
    year: year.year,
    summary: {
      sales: money(year.salesCents),
      stipends: money(year.stipendsCents),
      share: shareText(year.shareBps, lang),
      people: year.people,
      materials: money(year.materialsCents),
    },
    charts: [
      chart(
        'sales',
        year.months.map((m) => m.salesCents),
      ),
      chart(
        'stipends',
        year.months.map((m) => m.stipendsCents),
      ),
    ],
    months: year.months.map((m) => ({
      period: m.period,
      label: monthInWords(m.period, lang),
      goods: money(m.goodsCents),
      fairs: money(m.fairCents),
      services: money(m.servicesCents),
      sales: money(m.salesCents),
      stipends: money(m.stipendsCents),
      share: shareText(m.shareBps, lang),
      people: m.people,
      materials: money(m.materialsCents),
    })),
  };
}
