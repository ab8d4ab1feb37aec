import {
  contentWidth,
  createDoc,
  ensureSpace,
  finish,
  left,
  money,
  para,
  periodLabel,
  tr,
  BOLD,
  REGULAR,
  type Doc,
} from './layout.ts';
import type { StatementPdfData } from './types.ts';

/**
 * A participant's stipend statement in easy-read form: large type (body 18pt, headings 26pt and more),
 * one short sentence a line, the amount first and large, then where it came from.
 */

const BODY = 18;
const HEADING = 26;

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, HEADING * 1.4 + BODY * 2.6);
  doc.y += BODY * 0.6;
  para(doc, text, { size: HEADING, bold: true, gap: BODY * 0.4 });
}

/** A label with its amount on the right, the label wrapping if long; kept together on one page. */
function amountRow(doc: Doc, label: string, amount: string, strong = false): void {
  const amountWidth = 170;
  const labelWidth = contentWidth(doc) - amountWidth - 16;
  doc.font(strong ? BOLD : REGULAR).fontSize(BODY);
  const height = Math.max(doc.heightOfString(label, { width: labelWidth }), doc.currentLineHeight(true));
  ensureSpace(doc, height + 8);
  const y = doc.y;
  doc.text(label, left(doc), y, { width: labelWidth });
  doc.font(BOLD).fontSize(BODY);
  doc.text(amount, left(doc) + contentWidth(doc) - amountWidth, y, {
    width: amountWidth,
    align: 'right',
    lineBreak: false,
  });
  doc.y = y + height + 8;
  doc.x = left(doc);
}

export function renderStatementPdf(data: StatementPdfData): Promise<Buffer> {
  const { lang } = data;
  const period = periodLabel(lang, data.period);
  const doc = createDoc({
    lang,
    title: tr(lang, 'pdf.statement.docTitle', { name: data.participantName, period }),
    author: data.organisationName,
    subject: tr(lang, 'pdf.statement.title'),
    margins: { top: 56, bottom: 72, left: 56, right: 56 },
  });

  para(doc, tr(lang, 'pdf.statement.title'), { size: 32, bold: true, gap: BODY * 0.5 });
  para(doc, tr(lang, 'pdf.statement.hello', { name: data.participantName }), { size: BODY, gap: 4 });
  para(doc, tr(lang, 'pdf.statement.month', { period }), { size: BODY, gap: BODY });

  para(doc, tr(lang, 'pdf.statement.youGet'), { size: HEADING, bold: true, gap: 4 });
  para(doc, money(lang, data.totalCents), { size: 44, bold: true, gap: BODY * 0.5 });

  heading(doc, tr(lang, 'pdf.statement.partsTitle'));
  amountRow(doc, tr(lang, 'pdf.statement.base'), money(lang, data.baseCents));
  amountRow(doc, tr(lang, 'pdf.statement.performance'), money(lang, data.performanceCents));
  para(doc, tr(lang, 'pdf.statement.sales', { amount: money(lang, data.attributedSalesCents) }), {
    size: BODY,
    gap: 4,
  });

  heading(doc, tr(lang, 'pdf.statement.itemsTitle'));
  if (data.items.length === 0) para(doc, tr(lang, 'pdf.statement.noItems'), { size: BODY });
  for (const item of data.items) amountRow(doc, item.label, money(lang, item.amountCents));

  if (data.explanation.length > 0) {
    heading(doc, tr(lang, 'pdf.statement.explanationTitle'));
    for (const sentence of data.explanation) {
      ensureSpace(doc, BODY * 1.4);
      para(doc, `• ${sentence}`, { size: BODY, gap: 8 });
    }
  }

  doc.y += BODY;
  ensureSpace(doc, BODY * 3);
  para(doc, tr(lang, 'pdf.statement.questions'), { size: BODY, gap: 6 });
  para(doc, tr(lang, 'pdf.statement.from', { organisation: data.organisationName }), { size: BODY });
  return finish(doc, (page, pages) => tr(lang, 'pdf.page', { page, pages }), 16);
}
