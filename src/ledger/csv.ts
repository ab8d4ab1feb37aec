import { code, money, moment, text, writeCsv, type CsvCell, type CsvFormat } from '../lib/csv.ts';
import { translate, type Lang } from '../web/i18n.ts';
import { accountLabel, accountParticipant } from './accounts.ts';
import { channelOf } from './channels.ts';
import { channelLabel, labelOr } from './present.ts';
import { accountMatches } from './queries.ts';
import type { JournalEntryDoc } from './service.ts';

/** The columns: the machine format's stable name and the message of the header people read. */
const COLUMNS = [
  ['entry_id', 'ledger.csv.entryId'],
  ['posted_at', 'ledger.csv.postedAt'],
  ['period', 'ledger.csv.period'],
  ['kind', 'ledger.csv.kind'],
  ['channel', 'ledger.csv.channel'],
  ['reference_type', 'ledger.csv.referenceType'],
  ['reference_id', 'ledger.csv.referenceId'],
  ['reference_label', 'ledger.csv.referenceLabel'],
  ['account', 'ledger.csv.account'],
  ['participant', 'ledger.csv.participant'],
  ['debit_eur', 'ledger.csv.debit'],
  ['credit_eur', 'ledger.csv.credit'],
  ['product_id', 'ledger.csv.productId'],
  ['order_id', 'ledger.csv.orderId'],
  ['line_id', 'ledger.csv.lineId'],
  ['memo', 'ledger.csv.memo'],
] as const;

export interface LedgerCsvOptions {
  format: CsvFormat;
  lang: Lang;
  /** Only the lines on this account or under it. */
  account?: string;
  /** Participants of the stipend lines, by id. */
  participants: Map<string, { displayName: string; code: string }>;
  /** Whether the reader may see participants' names (administrators); others see their codes. */
  showNames: boolean;
}

/** The participant a line is about: its attribution, or the stipend account it is on. */
export function lineParticipant(line: JournalEntryDoc['lines'][number]): string | null {
  return line.attribution?.participantId ?? accountParticipant(line.account);
}

/**
 * The export for the accountant: one row per journal line, in posting order. With an account filter
 * only the lines on that account (or under it) are listed, so the debit and credit columns add up
 * to the account's turnover on the balances page.
 */
export function ledgerCsv(entries: JournalEntryDoc[], opts: LedgerCsvOptions): string {
  const { lang } = opts;
  const t = (key: string) => translate(lang, key);
  const rows: CsvCell[][] = [];
  for (const entry of entries) {
    // Entries from before channels were recorded are read by their reference, as everywhere else.
    const channel = channelOf(entry) ?? '';
    const refType = entry.reference?.type ?? '';
    for (const line of entry.lines ?? []) {
      if (!accountMatches(line.account, opts.account)) continue;
      const pid = lineParticipant(line);
      const person = pid ? opts.participants.get(pid) : undefined;
      const who = !pid ? '' : !person ? pid : opts.showNames ? person.displayName : person.code || pid;
      rows.push([
        text(String(entry._id)),
        moment(entry.postedAt),
        text(entry.period),
        code(entry.kind, labelOr(lang, `ledger.kind.${entry.kind}`, entry.kind)),
        code(channel, channelLabel(channel, lang)),
        code(refType, labelOr(lang, `ledger.refType.${refType}`, refType)),
        text(entry.reference?.id),
        text(entry.reference?.label),
        code(line.account, accountLabel(line.account, t)),
        text(who),
        money(line.debitCents),
        money(line.creditCents),
        text(line.attribution?.productId),
        text(line.attribution?.orderId),
        text(line.attribution?.lineId),
        text(entry.memo),
      ]);
    }
  }
  const columns = COLUMNS.map(([name, key]) => ({ name, label: t(key) }));
  return writeCsv(opts.format, columns, rows);
}

/** The participants named on the lines of the entries (for the participant column). */
export function participantIdsOf(entries: JournalEntryDoc[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries)
    for (const line of entry.lines ?? []) {
      const pid = lineParticipant(line);
      if (pid) ids.add(pid);
    }
  return [...ids];
}
