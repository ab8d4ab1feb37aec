import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { Router } from 'express';
import { vilniusPeriod } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { translate, type Lang } from '../web/i18n.ts';
import type { JournalEntryDoc, JournalLine } from './service.ts';
import { getParticipantNames } from '../participants/service.ts';
import { ledgerCsv, participantIdsOf } from './csv.ts';
import {
  accountBalances,
  accountMatches,
  entriesForExport,
  ledgerKinds,
  ledgerPeriods,
  listEntries,
  type TrialBalance,
} from './queries.ts';
import { balancesQuery, ledgerQuery, type LedgerFilters } from './schemas.ts';
import { pageLinks } from '../web/pagination.ts';

/** A translated label, or the raw value when there is no message for it (a kind added later, say). */
function labelOr(lang: Lang, key: string, raw: string): string {
  const label = translate(lang, key);
  return label === key ? raw : label;
}

export function kindLabel(kind: string, lang: Lang): string {
  return labelOr(lang, `ledger.kind.${kind}`, kind);
}

/** Long ids (ObjectIds, UUIDs) shortened to their last characters; the full id stays in a tooltip. */
export function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-6)}` : id;
}

type Attribution = JournalLine['attribution'];

function presentAttribution(attribution: Attribution, lang: Lang) {
  if (!attribution) return [];
  const parts: { label: string; short: string; full: string }[] = [];
  const add = (key: string, id: string | null | undefined) => {
    if (id) parts.push({ label: translate(lang, key), short: shortId(id), full: id });
  };
  add('ledger.attr.product', attribution.productId);
  add('ledger.attr.order', attribution.orderId);
  add('ledger.attr.line', attribution.lineId);
  return parts;
}

function presentEntry(entry: JournalEntryDoc, lang: Lang, accountFilter: string | undefined) {
  return {
    id: String(entry._id),
    postedAt: entry.postedAt,
    postedAtIso: new Date(entry.postedAt).toISOString(),
    period: entry.period,
    kind: entry.kind,
    kindLabel: kindLabel(entry.kind, lang),
    reference: {
      type: entry.reference?.type ?? '',
      typeLabel: labelOr(
        lang,
        `ledger.refType.${entry.reference?.type ?? ''}`,
        translate(lang, 'ledger.refType.unknown'),
      ),
      id: entry.reference?.id ?? '',
      label: entry.reference?.label || entry.reference?.id || '',
    },
    memo: entry.memo ?? '',
    totalCents: entry.totalCents,
    lines: (entry.lines ?? []).map((line) => ({
      account: line.account,
      debitCents: line.debitCents > 0 ? line.debitCents : null,
      creditCents: line.creditCents > 0 ? line.creditCents : null,
      matches: accountFilter !== undefined && accountMatches(line.account, accountFilter),
      attribution: presentAttribution(line.attribution, lang),
    })),
  };
}

function presentBalances(balances: TrialBalance, lang: Lang) {
  return {
    ...balances,
    balanceCents: balances.debitCents - balances.creditCents,
    groups: balances.groups.map((g) => ({ ...g, label: labelOr(lang, `ledger.type.${g.type}`, g.type) })),
  };
}

/** Options of a select, with the current value kept even when the database does not list it (yet). */
function options(values: string[], current: string | undefined, label: (v: string) => string = (v) => v) {
  const all = current && !values.includes(current) ? [current, ...values] : values;
  return all.map((value) => ({ value, label: label(value), selected: value === current }));
}

/** The filters as query parameters, for pagination links, the CSV link and the balances link. */
function currentQuery(filters: LedgerFilters) {
  return { period: filters.period, account: filters.account, kind: filters.kind, q: filters.q };
}

/** The journal (admin only): entries with filters, account balances per period, and the CSV export. */
export function ledgerRoutes(): Router {
  const router = Router();
  const guard = requireRole('admin');

  router.get('/ledger', guard, async (req, res) => {
    const query = ledgerQuery.parse(req.query);
    const [result, periods, kinds] = await Promise.all([listEntries(query), ledgerPeriods(), ledgerKinds()]);
    res.render('ledger/list', {
      titleKey: 'ledger.title',
      query,
      currentQuery: currentQuery(query),
      filtered: Boolean(query.period || query.account || query.kind || query.q),
      periodOptions: options(periods, query.period),
      kindOptions: options(kinds, query.kind, (k) => kindLabel(k, req.lang)),
      entries: result.items.map((e) => presentEntry(e, req.lang, query.account)),
      balancesPeriod: query.period ?? vilniusPeriod(new Date()),
      ...pageLinks(result),
    });
  });

  router.get('/ledger.csv', guard, async (req, res) => {
    const { period, account, kind, q } = ledgerQuery.parse(req.query);
    const format = csvFormatOf(req.query);
    const filters: LedgerFilters = { period, account, kind, q };
    const entries = await entriesForExport(filters);
    const names = await getParticipantNames(participantIdsOf(entries));
    const csv = ledgerCsv(entries, {
      format,
      lang: req.lang,
      account: filters.account,
      participants: new Map(names.map((n) => [n.id, n])),
      showNames: req.staff?.role === 'admin',
    });
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(`ledger-${filters.period ?? 'all'}`, format)}"`,
    });
    res.send(csv);
  });

  router.get('/ledger/balances', guard, async (req, res) => {
    const { period } = balancesQuery.parse(req.query);
    const all = period === 'all';
    const [balances, periods] = await Promise.all([accountBalances(all ? null : period), ledgerPeriods()]);
    res.render('ledger/balances', {
      titleKey: 'ledger.balances.title',
      period,
      all,
      periodOptions: options(periods, all ? undefined : period),
      balances: presentBalances(balances, req.lang),
    });
  });

  return router;
}
