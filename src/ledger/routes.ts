import { csvFileName, csvFormatOf } from '../lib/csv.ts';
import { Router, type Request } from 'express';
import { vilniusPeriod } from '../lib/dates.ts';
import { requireRole } from '../web/auth.ts';
import { translate, type Lang } from '../web/i18n.ts';
import { lateAmong, lockedAmong } from './locks.ts';
import {
  accountName,
  channelLabel,
  kindLabel,
  labelOr,
  ledgerLookups,
  presentEntry,
  type Lookups,
} from './present.ts';
import { CHANNELS } from './service.ts';
import { getParticipantNames } from '../participants/service.ts';
import { getSettings } from '../settings/service.ts';
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

export { kindLabel, shortId } from './present.ts';

function presentBalances(balances: TrialBalance, lang: Lang, lookups: Lookups) {
  return {
    ...balances,
    balanceCents: balances.debitCents - balances.creditCents,
    groups: balances.groups.map((g) => ({
      ...g,
      label: labelOr(lang, `ledger.type.${g.type}`, g.type),
      accounts: g.accounts.map((a) => ({ ...a, name: accountName(a.account, lang, lookups).name })),
    })),
  };
}

/** Options of a select, with the current value kept even when the database does not list it (yet). */
function options(values: string[], current: string | undefined, label: (v: string) => string = (v) => v) {
  const all = current && !values.includes(current) ? [current, ...values] : values;
  return all.map((value) => ({ value, label: label(value), selected: value === current }));
}

/** The filters as query parameters, for pagination links, the CSV link and the balances link. */
function currentQuery(filters: LedgerFilters) {
  return {
    period: filters.period,
    account: filters.account,
    kind: filters.kind,
    channel: filters.channel,
    q: filters.q,
  };
}

/** Participants' names are shown to administrators only (and the look is written to their audit log). */
function namesFor(req: Request) {
  const staff = req.staff!;
  return staff.role === 'admin' ? { actor: { id: staff.id, role: staff.role, name: staff.name } } : null;
}

/** The journal (admin only): entries with filters, account balances per period, and the CSV export. */
export function ledgerRoutes(): Router {
  const router = Router();
  const guard = requireRole('admin');

  router.get('/ledger', guard, async (req, res) => {
    const query = ledgerQuery.parse(req.query);
    const [result, periods, kinds] = await Promise.all([listEntries(query), ledgerPeriods(), ledgerKinds()]);
    const [lookups, locked, late] = await Promise.all([
      ledgerLookups(result.items, [], namesFor(req)),
      lockedAmong(periods),
      lateAmong(result.items),
    ]);
    const filter =
      query.account === undefined ? null : { matches: (a: string) => accountMatches(a, query.account) };
    res.render('ledger/list', {
      titleKey: 'ledger.title',
      query,
      currentQuery: currentQuery(query),
      filtered: Boolean(query.period || query.account || query.kind || query.channel || query.q),
      periodOptions: options(periods, query.period, (p) =>
        locked.has(p) ? `${p} · ${translate(req.lang, 'ledger.locked')}` : p,
      ),
      periodLocked: query.period ? locked.has(query.period) : false,
      kindOptions: options(kinds, query.kind, (k) => kindLabel(k, req.lang)),
      channelOptions: options([...CHANNELS], query.channel, (c) => channelLabel(c, req.lang)),
      entries: result.items.map((e) => presentEntry(e, req.lang, filter, lookups, { locked, late })),
      balancesPeriod: query.period ?? vilniusPeriod(new Date()),
      ...pageLinks(result),
    });
  });

  router.get('/ledger.csv', guard, async (req, res) => {
    const { period, account, kind, channel, q } = ledgerQuery.parse(req.query);
    const format = csvFormatOf(req.query);
    const filters: LedgerFilters = { period, account, kind, channel, q };
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
    const accounts = balances.groups.flatMap((g) => g.accounts.map((a) => a.account));
    const [lookups, locked, settings] = await Promise.all([
      ledgerLookups([], accounts, namesFor(req)),
      lockedAmong(all ? periods : [period, ...periods]),
      getSettings(),
    ]);
    res.render('ledger/balances', {
      titleKey: 'ledger.balances.title',
      period,
      all,
      locked: !all && locked.has(period),
      // The month's i.SAF register of issued invoices, for a VAT payer (services module, admin only).
      isafUrl: !all && settings.vatPayer ? `/admin/isaf/${period}.xml` : null,
      periodOptions: options(periods, all ? undefined : period, (p) =>
        locked.has(p) ? `${p} · ${translate(req.lang, 'ledger.locked')}` : p,
      ),
      balances: presentBalances(balances, req.lang, lookups),
    });
  });

  return router;
}
