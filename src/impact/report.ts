import { code, money, text, writeCsv, type CsvCell, type CsvColumn, type CsvFormat } from '../lib/csv.ts';
import { CHANNELS, monthFigures } from '../ledger/service.ts';
import { registerReport, type Actor } from '../participants/service.ts';
import { finalisedSummaries } from '../stipends/service.ts';
import { translate, type Lang } from '../web/i18n.ts';

/**
 * The national project's report for a range of months: per month, participants served, started and
 * ended, attendance days, income by channel and stipends; and the people served by code with their
 * dates and days. Personal data stops at the internal code: no names, no bank accounts, no amounts
 * per person.
 */
export interface ProjectReport {
  months: string[];
  monthsCsv: (format: CsvFormat, lang: Lang) => string;
  peopleCsv: (format: CsvFormat, lang: Lang) => string;
}

const num = (n: number): CsvCell => text(String(n));

export async function projectReport(periods: string[], actor: Actor): Promise<ProjectReport> {
  const [register, figures, summaries] = await Promise.all([
    registerReport(periods, actor),
    monthFigures(periods),
    finalisedSummaries(),
  ]);
  const finalised = new Map(summaries.map((s) => [s.period, s]));

  const monthsCsv = (format: CsvFormat, lang: Lang) => {
    const t = (key: string) => translate(lang, key);
    const columns: CsvColumn[] = [
      { name: 'month', label: t('impact.report.col.month') },
      { name: 'participants_served', label: t('impact.report.col.served') },
      { name: 'participants_started', label: t('impact.report.col.started') },
      { name: 'participants_ended', label: t('impact.report.col.ended') },
      { name: 'attendance_days', label: t('impact.report.col.days') },
      ...CHANNELS.map((c) => ({ name: `income_${c}`, label: t(`channel.${c}`) })),
      { name: 'income_total', label: t('impact.report.col.total') },
      { name: 'stipends_finalised', label: t('impact.report.col.finalised') },
      { name: 'stipends', label: t('impact.report.col.stipends') },
      { name: 'stipend_recipients', label: t('impact.report.col.people') },
      { name: 'stipends_paid_on', label: t('impact.report.col.paidOn') },
    ];
    const rows = register.months.map((m, i) => {
      const f = figures[i]!;
      const s = finalised.get(m.period);
      return [
        text(m.period),
        num(m.served),
        num(m.started),
        num(m.ended),
        num(m.days),
        ...CHANNELS.map((c) => money(f.byChannel[c])),
        money(f.salesCents),
        code(s ? 'yes' : 'no', t(s ? 'impact.report.yes' : 'impact.report.no')),
        money(f.stipendsCents),
        num(s?.people ?? 0),
        text(s?.paidOn ?? ''),
      ];
    });
    const sum = (pick: (i: number) => number) => register.months.reduce((acc, _m, i) => acc + pick(i), 0);
    const total = [
      text(t('impact.report.total')),
      num(register.people.length),
      num(register.people.filter((p) => p.startDate >= `${periods[0]}-01`).length),
      num(sum((i) => register.months[i]!.ended)),
      num(sum((i) => register.months[i]!.days)),
      ...CHANNELS.map((c) => money(sum((i) => figures[i]!.byChannel[c]))),
      money(sum((i) => figures[i]!.salesCents)),
      text(''),
      money(sum((i) => figures[i]!.stipendsCents)),
      text(''),
      text(''),
    ];
    return writeCsv(format, columns, [...rows, total]);
  };

  const peopleCsv = (format: CsvFormat, lang: Lang) => {
    const t = (key: string) => translate(lang, key);
    const columns: CsvColumn[] = [
      { name: 'code', label: t('impact.report.col.code') },
      { name: 'start_date', label: t('impact.report.col.start') },
      { name: 'end_date', label: t('impact.report.col.end') },
      { name: 'attendance_days', label: t('impact.report.col.days') },
    ];
    return writeCsv(
      format,
      columns,
      register.people.map((p) => [text(p.code), text(p.startDate), text(p.endDate ?? ''), num(p.days)]),
    );
  };

  return { months: periods, monthsCsv, peopleCsv };
}
