/**
 * The e-mails a business gets about a quote: the quote itself (amount, last valid day, lead time,
 * the PDF attached) and the confirmation of its answer (accepted or declined, what happens next).
 */
import { pino } from 'pino';
import { greetingName, unlinkable } from '../mail/safe-text.ts';
import { formatCents } from '../lib/money.ts';
import { getSettings } from '../settings/service.ts';
import { localeOf, translate, type Lang } from '../web/i18n.ts';
import { formatDate } from '../web/views.ts';
import { quotePdf } from './documents.ts';
import type { QuoteDoc, ServiceRequestDoc } from './model.ts';
import { businessLang, notifyBusiness, type BusinessMailExtra, type ServiceContext } from './notify.ts';

const logger = pino({ name: 'services-mail' });

/** A calendar day (`YYYY-MM-DD`) as the language writes dates (the pages' `date` helper). */
export function calendarDay(day: string, lang: Lang): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(new Date(`${day}T12:00:00Z`), lang, false) : day;
}

/** The quote's file name, as the tracking page's download gives it. */
export function quoteFileName(request: Pick<ServiceRequestDoc, 'reference'>, version: number): string {
  return `${request.reference}-v${version}.pdf`;
}

/** The facts of a quote in the business's language: the total with VAT, VAT, last valid day, lead time. */
export function quoteFacts(quote: QuoteDoc, lang: Lang): { label: string; value: string }[] {
  const money = (cents: number) => formatCents(cents, localeOf(lang));
  const totals = quote.totals!;
  return [
    { label: translate(lang, 'request.mail.fact.total'), value: money(totals.grossCents) },
    ...(totals.vatCents > 0
      ? [{ label: translate(lang, 'request.mail.fact.vat'), value: money(totals.vatCents) }]
      : []),
    { label: translate(lang, 'request.mail.fact.validUntil'), value: calendarDay(quote.validUntil, lang) },
    ...(quote.leadTimeDays
      ? [
          {
            label: translate(lang, 'request.mail.fact.leadTime'),
            value: translate(lang, 'request.mail.fact.leadTimeDays', { days: quote.leadTimeDays }),
          },
        ]
      : []),
  ];
}

/**
 * E-mails a sent quote to the business: the amount, the last valid day and the lead time in the
 * message, the quote's PDF attached (kept in the outbox with it). A PDF that cannot be made does
 * not hold the quote back: the e-mail goes without it and the page still offers the download.
 */
export async function mailQuote(
  ctx: ServiceContext,
  request: ServiceRequestDoc,
  quote: QuoteDoc,
): Promise<void> {
  const lang = businessLang(request);
  const facts = quoteFacts(quote, lang);
  const extra: BusinessMailExtra = {
    words: { amount: facts[0]!.value, validUntil: calendarDay(quote.validUntil, lang) },
    facts,
    notes: [translate(lang, 'request.mail.quote.howToAnswer')],
  };
  try {
    const pdf = await quotePdf(request, quote, await getSettings(), ctx.publicUrl);
    extra.attachments = [
      { filename: quoteFileName(request, quote.version), contentType: 'application/pdf', content: pdf },
    ];
  } catch (err) {
    logger.error({ err, reference: request.reference }, 'quote PDF not made; the e-mail goes without it');
  }
  await notifyBusiness(ctx, request, 'quote', { version: quote.version }, extra);
}

/** The keys of what happens after an answer, in order; the page and the e-mail say the same. */
export function nextSteps(answer: 'accepted' | 'declined', leadTimeDays: number): string[] {
  return answer === 'accepted'
    ? [
        'request.next.accepted.schedule',
        ...(leadTimeDays > 0 ? ['request.next.accepted.work'] : []),
        'request.next.accepted.invoice',
      ]
    : ['request.next.declined.told', 'request.next.declined.newQuote'];
}

/** Confirms the business's answer to a quote: what was accepted or declined, and what happens next. */
export async function mailAnswer(
  ctx: ServiceContext,
  request: ServiceRequestDoc,
  quote: QuoteDoc,
  answer: 'accepted' | 'declined',
  detail: { acceptedBy?: string; reason?: string } = {},
): Promise<void> {
  const lang = businessLang(request);
  const facts = quoteFacts(quote, lang).filter((_, i) => i === 0);
  if (answer === 'accepted' && detail.acceptedBy) {
    facts.push({
      label: translate(lang, 'request.mail.fact.acceptedBy'),
      value: unlinkable(greetingName(detail.acceptedBy)),
    });
  }
  if (answer === 'declined' && detail.reason) {
    facts.push({ label: translate(lang, 'request.mail.fact.reason'), value: unlinkable(detail.reason) });
  }
  const steps = nextSteps(answer, quote.leadTimeDays ?? 0);
  await notifyBusiness(
    ctx,
    request,
    answer,
    { version: quote.version },
    {
      facts,
      notes: steps.map((key) => translate(lang, key, { days: quote.leadTimeDays ?? 0 })),
    },
  );
}
