import { code, money, text, writeCsv, type CsvCell, type CsvFormat } from '../lib/csv.ts';
import { translate, type Lang } from '../web/i18n.ts';
import type { ParticipantResult } from './allocate.ts';
import type { PersonLabel } from './inputs.ts';

/** The columns: the machine format's stable name and the message of the header people read. */
const COLUMNS = [
  ['participant_code', 'stipends.csv.code'],
  ['name', 'stipends.csv.name'],
  ['attributed_sales_eur', 'stipends.csv.attributed'],
  ['base_eur', 'stipends.csv.base'],
  ['performance_eur', 'stipends.csv.performance'],
  ['total_eur', 'stipends.csv.total'],
  ['capped', 'stipends.csv.capped'],
  ['period', 'stipends.csv.period'],
] as const;

export interface StipendsCsvSource {
  period: string;
  participants: ParticipantResult[];
  names: Record<string, PersonLabel>;
}

/** The accountant's CSV of a finalised month: one row per participant, the frozen figures. */
export function stipendsCsv(src: StipendsCsvSource, lang: Lang, format: CsvFormat = 'spreadsheet'): string {
  const rows: CsvCell[][] = src.participants.map((p) => [
    text(src.names[p.id]?.code),
    text(src.names[p.id]?.displayName ?? p.id),
    money(p.attributedSalesCents),
    money(p.baseCents),
    money(p.performanceCents),
    money(p.totalCents),
    code(String(p.capped), translate(lang, p.capped ? 'stipends.csv.yes' : 'stipends.csv.no')),
    text(src.period),
  ]);
  const columns = COLUMNS.map(([name, key]) => ({ name, label: translate(lang, key) }));
  return writeCsv(format, columns, rows);
}
