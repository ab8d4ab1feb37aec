import { translate, type Lang } from '../web/i18n.ts';

/** Labels of the values the workflow stores, in the page's language. */
export const labels = {
  state: (lang: Lang, state: string | null | undefined) => translate(lang, `workflow.state.${state ?? ''}`),
  event: (lang: Lang, kind: string) => translate(lang, `workflow.event.${kind}`),
  quoteStatus: (lang: Lang, status: string | null | undefined) =>
    translate(lang, `quote.status.${status ?? ''}`),
  method: (lang: Lang, method: string | null | undefined) =>
    translate(lang, `invoice.method.${method ?? ''}`),
};

/** A timeline item's label: a state change names the new state (and the old one for staff). */
export function eventLabel(
  lang: Lang,
  e: { kind: string; from?: string | null; to?: string | null },
  withFrom: boolean,
) {
  if (e.kind !== 'state') return labels.event(lang, e.kind);
  return withFrom ? `${labels.state(lang, e.from)} → ${labels.state(lang, e.to)}` : labels.state(lang, e.to);
}
