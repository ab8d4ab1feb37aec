import { productsByIds } from '../catalog/service.ts';
import { orderNumbers } from '../orders/service.ts';
import { getParticipantNames, recordAudit, type Actor } from '../participants/service.ts';
import { ledgerLabels } from '../services/service.ts';
import { localized, translate, translateOr, type Lang } from '../web/i18n.ts';
import { accountParticipant } from './accounts.ts';
import type { JournalEntryDoc, JournalLine } from './model.ts';
import { JournalEntry } from './model.ts';

/**
 * The journal in words: accounts by name (the code stays beside it for the accountant), participants
 * by name for administrators, what a line is attributed to by product title, order number, job and
 * invoice, with links. Every id of a page is looked up in one query per kind.
 */

const STIPENDS_PAYABLE = 'liabilities:stipends';

/** A translated label, or the raw value when there is no message for it (a kind added later, say). */
export const labelOr = translateOr;

export function kindLabel(kind: string, lang: Lang): string {
  return labelOr(lang, `ledger.kind.${kind}`, kind);
}

export function channelLabel(channel: string, lang: Lang): string {
  return labelOr(lang, `channel.${channel}`, channel);
}

/** Long ids (ObjectIds, UUIDs) shortened to their last characters; the full id stays in a tooltip. */
export function shortId(id: string): string {
  return id.length > 10 ? `…${id.slice(-6)}` : id;
}

export interface Lookups {
  products: Map<string, { lt?: string | null; en?: string | null }>;
  orders: Map<string, string>;
  jobs: Map<string, { reference: string; title: string }>;
  invoices: Map<string, { label: string; requestId: string }>;
  /** Participant id → display name; empty unless names may be shown. */
  participants: Map<string, string>;
  /** Corrected entry id → its kind and period. */
  corrected: Map<string, { kind: string; period: string; referenceId: string }>;
}

export const NO_LOOKUPS: Lookups = {
  products: new Map(),
  orders: new Map(),
  jobs: new Map(),
  invoices: new Map(),
  participants: new Map(),
  corrected: new Map(),
};

type EntryLike = Pick<JournalEntryDoc, 'lines' | 'reference'> & { corrects?: JournalEntryDoc['corrects'] };

/**
 * Looks up everything the entries (or just the accounts, for the balances) name. Participants' names
 * only when `names` is given (administrators): the look is written to the participants' audit log.
 */
export async function ledgerLookups(
  entries: EntryLike[],
  accounts: string[],
  names: { actor: Actor } | null,
): Promise<Lookups> {
  const ids = { products: new Set<string>(), orders: new Set<string>(), jobs: new Set<string>() };
  const invoices = new Set<string>();
  const participants = new Set<string>();
  const corrected = new Set<string>();
  for (const account of accounts) {
    const p = accountParticipant(account);
    if (p) participants.add(p);
  }
  for (const entry of entries) {
    const ref = entry.reference;
    if (ref?.type === 'order') ids.orders.add(ref.id);
    if (ref?.type === 'invoice' || ref?.type === 'credit_note') invoices.add(ref.id);
    if (entry.corrects?.entryId) corrected.add(entry.corrects.entryId);
    for (const line of entry.lines ?? []) {
      const p = accountParticipant(line.account);
      if (p) participants.add(p);
      const a = line.attribution;
      if (!a) continue;
      if (a.productId) ids.products.add(a.productId);
      if (a.orderId) ids.orders.add(a.orderId);
      if (a.jobId) ids.jobs.add(a.jobId);
      if (a.invoiceId) invoices.add(a.invoiceId);
      if (a.participantId) participants.add(a.participantId);
    }
  }
  const hex = (s: Set<string>) => [...s].filter((id) => /^[a-f0-9]{24}$/.test(id));
  const [products, orders, labels, people, originals] = await Promise.all([
    hex(ids.products).length ? productsByIds(hex(ids.products)) : [],
    orderNumbers(hex(ids.orders)),
    ledgerLabels(hex(ids.jobs), hex(invoices)),
    names && participants.size ? getParticipantNames(hex(participants)) : [],
    corrected.size
      ? JournalEntry.find({ _id: { $in: hex(corrected) } }, { kind: 1, period: 1, reference: 1 }).lean<
          Pick<JournalEntryDoc, '_id' | 'kind' | 'period' | 'reference'>[]
        >()
      : [],
  ]);
  if (names && people.length > 0) {
    await recordAudit({
      actor: names.actor,
      action: 'list',
      participantIds: people.map((p) => p.id),
      fields: ['displayName'],
      context: 'ledger',
    });
  }
  return {
    products: new Map(products.map((p) => [String(p._id), p.title ?? {}])),
    orders,
    jobs: labels.jobs,
    invoices: labels.invoices,
    participants: new Map(people.map((p) => [p.id, p.displayName])),
    corrected: new Map(
      originals.map((e) => [
        String(e._id),
        { kind: e.kind, period: e.period, referenceId: e.reference?.id ?? '' },
      ]),
    ),
  };
}

/** An account in words: its name, and the code it has in the journal and the CSV. */
export function accountName(account: string, lang: Lang, lookups: Lookups): { name: string; code: string } {
  const participant = accountParticipant(account);
  if (participant !== null) {
    const name = lookups.participants.get(participant) ?? translate(lang, 'ledger.acct.participant');
    return {
      name: translate(lang, 'ledger.acct.withName', {
        account: translate(lang, `ledger.acct.${STIPENDS_PAYABLE}`),
        name,
      }),
      code: account,
    };
  }
  return { name: labelOr(lang, `ledger.acct.${account}`, account), code: account };
}

/** Where a reference opens in the back office, when it has a page. */
export function referenceHref(type: string, id: string): string | null {
  if (type === 'order') return `/admin/orders/${encodeURIComponent(id)}`;
  if (type === 'invoice' || type === 'credit_note')
    return `/admin/service-invoices/${encodeURIComponent(id)}/pdf`;
  if (type === 'stipend_period' && /^\d{4}-\d{2}$/.test(id)) return `/admin/stipends/${id}`;
  return null;
}

export interface AttributionPart {
  label: string;
  text: string;
  href: string | null;
  title: string;
}

function presentAttribution(attribution: JournalLine['attribution'], lang: Lang, lookups: Lookups) {
  if (!attribution) return [];
  const parts: AttributionPart[] = [];
  const missing = (id: string) => `${shortId(id)} (${translate(lang, 'ledger.attr.unknown')})`;
  const { productId, orderId, lineId, jobId, invoiceId } = attribution;
  if (productId) {
    const title = lookups.products.get(productId);
    parts.push({
      label: translate(lang, 'ledger.attr.product'),
      text: title ? localized(title, lang) : missing(productId),
      href: title ? `/admin/products/${productId}/edit` : null,
      title: [productId, lineId ? `${translate(lang, 'ledger.attr.line')} ${lineId}` : '']
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (orderId) {
    const number = lookups.orders.get(orderId);
    parts.push({
      label: translate(lang, 'ledger.attr.order'),
      text: number ?? missing(orderId),
      href: number ? `/admin/orders/${orderId}` : null,
      title: orderId,
    });
  }
  if (jobId) {
    const job = lookups.jobs.get(jobId);
    parts.push({
      label: translate(lang, 'ledger.attr.job'),
      text: job ? [job.reference, job.title].filter(Boolean).join(' · ') : missing(jobId),
      href: job ? `/admin/requests/${jobId}` : null,
      title: jobId,
    });
  }
  if (invoiceId) {
    const invoice = lookups.invoices.get(invoiceId);
    parts.push({
      label: translate(lang, 'ledger.attr.invoice'),
      text: invoice?.label ?? missing(invoiceId),
      href: invoice ? `/admin/service-invoices/${invoiceId}/pdf` : null,
      title: invoiceId,
    });
  }
  if (!productId && !orderId && !jobId && !invoiceId && lineId) {
    parts.push({
      label: translate(lang, 'ledger.attr.line'),
      text: shortId(lineId),
      href: null,
      title: lineId,
    });
  }
  return parts;
}

export function presentEntry(
  entry: JournalEntryDoc,
  lang: Lang,
  accountFilter: { matches: (account: string) => boolean } | null,
  lookups: Lookups,
  state: { locked: Set<string>; late: Set<string> } = { locked: new Set(), late: new Set() },
) {
  const ref = entry.reference;
  const refType = ref?.type ?? '';
  const refId = ref?.id ?? '';
  const orderNumber = refType === 'order' ? lookups.orders.get(refId) : undefined;
  const invoice =
    refType === 'invoice' || refType === 'credit_note' ? lookups.invoices.get(refId) : undefined;
  const corrects = entry.corrects ?? null;
  const original = corrects?.entryId ? lookups.corrected.get(corrects.entryId) : undefined;
  const moved = entry.movedFrom ?? null;
  return {
    id: String(entry._id),
    postedAt: entry.postedAt,
    postedAtIso: new Date(entry.postedAt).toISOString(),
    period: entry.period,
    locked: state.locked.has(entry.period),
    late: state.late.has(String(entry._id)),
    kind: entry.kind,
    kindLabel: kindLabel(entry.kind, lang),
    channel: entry.channel ?? null,
    channelLabel: entry.channel ? channelLabel(entry.channel, lang) : null,
    reference: {
      type: refType,
      typeLabel: labelOr(lang, `ledger.refType.${refType}`, translate(lang, 'ledger.refType.unknown')),
      id: refId,
      label: orderNumber ?? invoice?.label ?? (ref?.label || refId),
      href: referenceHref(refType, refId),
    },
    corrects: corrects
      ? {
          text: original
            ? translate(lang, 'ledger.correctsEntry', {
                kind: kindLabel(original.kind, lang),
                period: original.period,
              })
            : translate(lang, 'ledger.correctsMissing', { key: corrects.key }),
          href: original
            ? `/admin/ledger?period=${original.period}&q=${encodeURIComponent(original.referenceId)}#entry-${corrects.entryId}`
            : null,
          key: corrects.key,
        }
      : null,
    movedFrom: moved ? { postedAt: moved.postedAt, period: moved.period } : null,
    memo: entry.memo ?? '',
    totalCents: entry.totalCents,
    lines: (entry.lines ?? []).map((line) => ({
      account: line.account,
      accountName: accountName(line.account, lang, lookups).name,
      debitCents: line.debitCents > 0 ? line.debitCents : null,
      creditCents: line.creditCents > 0 ? line.creditCents : null,
      matches: accountFilter !== null && accountFilter.matches(line.account),
      attribution: presentAttribution(line.attribution, lang, lookups),
    })),
  };
}
