import { translate, type Lang } from '../web/i18n.ts';

/** Labels of the values the workflow stores, in the page's language. */
export const labels = {
  state: (lang: Lang, state: string | null | undefined, easyRead = false) =>
    translate(lang, `workflow.state.${state ?? ''}`, {}, easyRead),
  event: (lang: Lang, kind: string, easyRead = false) =>
    translate(lang, `workflow.event.${kind}`, {}, easyRead),
  quoteStatus: (lang: Lang, status: string | null | undefined) =>
    translate(lang, `quote.status.${status ?? ''}`),
  method: (lang: Lang, method: string | null | undefined) =>
    translate(lang, `invoice.method.${method ?? ''}`),
};

/**
 * A timeline item's label: a state change names the new state (and the old one for staff); in the
 * easy-read words when the page is in easy-read.
 */
export function eventLabel(
  lang: Lang,
  e: { kind: string; from?: string | null; to?: string | null },
  withFrom: boolean,
  easyRead = false,
) {
  if (e.kind !== 'state') return labels.event(lang, e.kind, easyRead);
  return withFrom
    ? `${labels.state(lang, e.from)} → ${labels.state(lang, e.to)}`
    : labels.state(lang, e.to, easyRead);
}

/**
 * Who did something on the timeline, in words: the business's contact for `customer`, the card
 * processor or the app itself for `stripe` and `system`, else the staff member's stored name.
 */
export function actorLabel(lang: Lang, by: string | null | undefined, contactName: string): string {
  if (by === 'customer') {
    return contactName
      ? translate(lang, 'workflow.by.customerNamed', { name: contactName })
      : translate(lang, 'workflow.by.customer');
  }
  if (by === 'stripe' || by === 'system') return translate(lang, `workflow.by.${by}`);
  return by ?? '';
}

/** An e-mail's stored kind (a request's quote, an order's payment) in words; a kind added later reads as an e-mail. */
export function mailKindLabel(lang: Lang, kind: string): string {
  const label = translate(lang, `mailKind.${kind}`);
  return label === `mailKind.${kind}` ? translate(lang, 'mailKind.unknown') : label;
}

/** The buyer's fields a `buyer_updated` note names, and their labels on the request page. */
const BUYER_FIELD_LABELS: Record<string, string> = {
  companyName: 'requests.companyName',
  companyCode: 'requests.companyCode',
  vatCode: 'requests.vatCode',
  address: 'requests.address',
  contactName: 'requests.contactName',
  email: 'fields.email',
  phone: 'fields.phone',
};

const VERSION_NOTE = /^v(\d+)(?::\s*([\s\S]*))?$/;
/** Acceptances used to note the address they came from; the quote keeps it as evidence, pages do not show it. */
const TRAILING_ADDRESS = /\s*\((?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)\)$/i;

/** A timeline item's note in words: the e-mail that went out, the quote version, never an IP address. */
export function eventNote(lang: Lang, e: { kind: string; note?: string | null }): string {
  const note = e.note ?? '';
  if (e.kind === 'email_sent') return mailKindLabel(lang, note);
  if (e.kind === 'note') return note;
  if (e.kind === 'buyer_updated') {
    return note
      .split(',')
      .filter((f) => f in BUYER_FIELD_LABELS)
      .map((f) => translate(lang, BUYER_FIELD_LABELS[f]!))
      .join(', ');
  }
  const text = note.replace(TRAILING_ADDRESS, '');
  const m = VERSION_NOTE.exec(text);
  if (!m) return text;
  const version = translate(lang, 'workflow.note.version', { version: m[1]! });
  return m[2] ? `${version}: ${m[2]}` : version;
}
