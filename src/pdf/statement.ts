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
const LINE_GAP = 4;

function body(doc: Doc, text: string, gap = 6): void {
  para(doc, keepAmounts(text), { size: BODY, gap, lineGap: LINE_GAP });
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, HEADING * 1.4 + BODY * 2.6);
  doc.y += BODY * 0.6;
  para(doc, text, { size: HEADING, bold: true, gap: BODY * 0.4 });
}

/** Keeps an amount written in free text ("16,43 €") on one line with its euro sign. */
function keepAmounts(text: string): string {
  return text.replace(/(\d) (€|EUR\b)/g, '$1\u00a0$2');
}

/** One plain sentence a line: the label, then the amount in bold, wrapping like ordinary text. */
function amountLine(doc: Doc, label: string, amount: string): void {
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(BODY);
  ensureSpace(doc, doc.heightOfString(`${label} ${amount}`, { width, lineGap: LINE_GAP }) + 6);
  doc.font(REGULAR).text(`${label} `, left(doc), doc.y, { width, lineGap: LINE_GAP, continued: true });
  doc.font(BOLD).text(amount, { lineGap: LINE_GAP });
  doc.y += 6;
  doc.x = left(doc);
}

/** A bulleted sentence with the bullet hanging in the margin of the text. */
function bullet(doc: Doc, text: string): void {
  const indent = 24;
  const width = contentWidth(doc) - indent;
  doc.font(REGULAR).fontSize(BODY);
  ensureSpace(doc, doc.heightOfString(text, { width, lineGap: LINE_GAP }) + 6);
  const y = doc.y;
  doc.text('•', left(doc), y, { width: indent, lineBreak: false });
  doc.text(keepAmounts(text), left(doc) + indent, y, { width, lineGap: LINE_GAP });
  doc.y += 6;
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
  body(doc, tr(lang, 'pdf.statement.hello', { name: data.participantName }), 2);
  body(doc, tr(lang, 'pdf.statement.month', { period }), BODY);

  para(doc, tr(lang, 'pdf.statement.youGet'), { size: HEADING, bold: true, gap: 4 });
  para(doc, money(lang, data.totalCents), { size: 44, bold: true, gap: BODY * 0.5 });

  heading(doc, tr(lang, 'pdf.statement.partsTitle'));
  amountLine(doc, tr(lang, 'pdf.statement.base'), money(lang, data.baseCents));
  amountLine(doc, tr(lang, 'pdf.statement.performance'), money(lang, data.performanceCents));
  body(doc, tr(lang, 'pdf.statement.sales', { amount: money(lang, data.attributedSalesCents) }));

  heading(doc, tr(lang, 'pdf.statement.itemsTitle'));
  if (data.items.length === 0) body(doc, tr(lang, 'pdf.statement.noItems'));
  for (const item of data.items) amountLine(doc, `${item.label}:`, money(lang, item.amountCents));

  if (data.explanation.length > 0) {
    heading(doc, tr(lang, 'pdf.statement.explanationTitle'));
    for (const sentence of data.explanation) bullet(doc, sentence);
  }

  doc.y += BODY;
  ensureSpace(doc, BODY * 3);
  body(doc, tr(lang, 'pdf.statement.questions'));
  body(doc, tr(lang, 'pdf.statement.from', { organisation: data.organisationName }));
  return finish(doc, (page, pages) => tr(lang, 'pdf.page', { page, pages }), 16);
}
