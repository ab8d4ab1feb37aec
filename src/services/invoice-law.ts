import { translate, type Lang } from '../web/i18n.ts';

/**
 * What Lithuanian law asks an invoice to say beyond its numbers (VAT Law art. 80; for a seller that
 * is not a VAT payer, the bookkeeping rules): the legal basis when no VAT is charged.
 */

/** Printed (and carried in e-invoices) when the seller is not a VAT payer. */
export const NOT_VAT_PAYER_REASON = 'PVM neskaičiuojamas: pardavėjas nėra PVM mokėtojas';

/**
 * The legal reason an invoice gives for charging no VAT: a seller that is not a VAT payer says so; a
 * VAT payer gives none (a 0 % line of a VAT payer would need its own basis, which the app does not know).
 */
export function vatExemptionReason(sellerVatPayer: boolean): string {
  return sellerVatPayer ? '' : NOT_VAT_PAYER_REASON;
}

/**
 * A refusal naming the buyer's missing fields (`fields`: their form names, comma-separated) gets
 * them in words, in the reader's language, before it is shown.
 */
export function withFieldNames<T extends { key: string; params?: Record<string, string | number> }>(
  lang: Lang,
  conflict: T,
): T {
  const fields = conflict.params?.fields;
  if (typeof fields !== 'string') return conflict;
  const names = fields
    .split(',')
    .map((f) => translate(lang, `invoice.buyerField.${f}`))
    .join(', ');
  return { ...conflict, params: { ...conflict.params, fields: names } };
}
