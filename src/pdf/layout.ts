import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { formatCents } from '../lib/money.ts';
import { localeOf, translate, type Lang, type Params } from '../web/i18n.ts';
import type { pdfInvoiceLt } from './invoice-messages.ts';
import type { pdfLt } from './messages.ts';

/** Drawing helpers shared by the PDF documents: fonts, formatting, tables that paginate, footers. */

export type PdfKey = keyof typeof pdfLt | keyof typeof pdfInvoiceLt;
export type Doc = PDFKit.PDFDocument;

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

/** pdfkit's built-in Helvetica has no ą č ę ė į š ų ū ž; DejaVu Sans has them (and the non-breaking spaces). */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontData(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(fileURLToPath(import.meta.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))),
    bold: readFileSync(fileURLToPath(import.meta.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))),
  };
  return fonts;
}

export function tr(lang: Lang, key: PdfKey, params: Params = {}): string {
  return translate(lang, key, params);
}

export function money(lang: Lang, cents: number): string {
  return formatCents(cents, localeOf(lang));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, style: 'decimal' | 'percent'): Intl.NumberFormat {
  const id = `${lang}:${style}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { style, maximumFractionDigits: 2 });
    numberFormats.set(id, f);
  }
  return f;
}

export function quantity(lang: Lang, value: number): string {
  return numberFormat(lang, 'decimal').format(value);
}

/** A VAT rate in basis points as a percentage: 2100 → "21 %" (LT) or "21%" (EN). */
export function percent(lang: Lang, bps: number): string {
  return numberFormat(lang, 'percent').format(bps / 10000);
}

/** A period `YYYY-MM` as words: "2026 m. spalis", "October 2026". */
export function periodLabel(lang: Lang, period: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) return period;
  return new Intl.DateTimeFormat(localeOf(lang), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)),
  );
}

/** A fixed creation date (the document's own date) keeps the output the same for the same data. */
function creationDate(date: string | undefined): Date {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(0);
}

export interface DocOptions {
  lang: Lang;
  title: string;
  author: string;
  subject?: string;
  /** YYYY-MM-DD the document is dated. */
  date?: string;
  margins?: { top: number; bottom: number; left: number; right: number };
}

export const MARGINS = { top: 48, bottom: 60, left: 48, right: 48 };

export function createDoc(options: DocOptions): Doc {
  const { regular, bold } = fontData();
  const doc = new PDFDocument({
    size: 'A4',
    margins: options.margins ?? MARGINS,
    bufferPages: true,
    lang: options.lang === 'lt' ? 'lt-LT' : 'en-IE',
    displayTitle: true,
    info: {
      Title: options.title,
      Author: options.author,
      ...(options.subject ? { Subject: options.subject } : {}),
      CreationDate: creationDate(options.date),
    },
  });
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  doc.font(REGULAR);
  return doc;
}

export function left(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

/** Text across the content width from the left margin, flowing onto new pages when long. */
export function para(
  doc: Doc,
  text: string,
  opts: { size?: number; bold?: boolean; gap?: number; link?: string; lineGap?: number } = {},
): void {
  doc.font(opts.bold ? BOLD : REGULAR).fontSize(opts.size ?? 10);
  doc.text(text, left(doc), doc.y, {
    width: contentWidth(doc),
    lineGap: opts.lineGap ?? 0,
    ...(opts.link ? { link: opts.link, underline: true } : {}),
  });
  if (opts.gap) doc.y += opts.gap;
}

export interface Column {
  header: string;
  width: number;
  align: 'left' | 'right';
}

export interface TableStyle {
  size: number;
  headerSize: number;
  padding: number;
  /** Left edge; the left margin when not given. */
  x?: number;
}

const RULE = '#9a9a9a';
const SHADE = '#ececec';

/** The font size at which `text` fits `width` on one line, shrinking a numeric cell rather than wrapping it. */
function fittingSize(doc: Doc, text: string, width: number, size: number): number {
  doc.font(REGULAR).fontSize(size);
  const natural = doc.widthOfString(text);
  return natural <= width ? size : Math.max(5, Math.floor(((size * width) / natural) * 10) / 10);
}

function rowHeight(doc: Doc, cells: string[], columns: Column[], style: TableStyle, bold: boolean): number {
  let h = 0;
  doc.font(bold ? BOLD : REGULAR);
  columns.forEach((col, i) => {
    const text = cells[i] ?? '';
    const width = col.width - 2 * style.padding;
    if (col.align === 'right' && !bold) {
      doc.fontSize(style.size);
      h = Math.max(h, doc.currentLineHeight(true));
    } else {
      doc.fontSize(bold ? style.headerSize : style.size);
      h = Math.max(h, doc.heightOfString(text || ' ', { width }));
    }
  });
  return h + 2 * style.padding;
}

function drawRow(
  doc: Doc,
  cells: string[],
  columns: Column[],
  style: TableStyle,
  y: number,
  height: number,
  header: boolean,
): void {
  const x0 = style.x ?? left(doc);
  const total = columns.reduce((s, c) => s + c.width, 0);
  if (header) doc.rect(x0, y, total, height).fill(SHADE);
  doc.fillColor('black');
  let x = x0;
  columns.forEach((col, i) => {
    const text = cells[i] ?? '';
    const width = col.width - 2 * style.padding;
    if (header) {
      doc.font(BOLD).fontSize(style.headerSize);
      doc.text(text, x + style.padding, y + style.padding, { width, align: col.align });
    } else if (col.align === 'right') {
      const size = fittingSize(doc, text, width, style.size);
      doc.font(REGULAR).fontSize(size);
      doc.text(text, x + style.padding, y + style.padding + (style.size - size), {
        width,
        align: 'right',
        lineBreak: false,
      });
    } else {
      doc.font(REGULAR).fontSize(style.size);
      // A description longer than a whole page is cut rather than drawn over the footer.
      doc.text(text, x + style.padding, y + style.padding, {
        width,
        height: height - 2 * style.padding,
        ellipsis: true,
      });
    }
    x += col.width;
  });
  doc
    .moveTo(x0, y + height)
    .lineTo(x0 + total, y + height)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

/** A table whose header row is repeated on every page it continues onto; rows are never split. */
export function drawTable(doc: Doc, columns: Column[], rows: string[][], style: TableStyle): void {
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, headers, columns, style, true);
  const pageRoom = () => bottom(doc) - doc.page.margins.top - headerHeight;
  const header = () => {
    const y = doc.y;
    drawRow(doc, headers, columns, style, y, headerHeight, true);
    doc.y = y + headerHeight;
  };
  const firstRow = rows[0] ? Math.min(rowHeight(doc, rows[0], columns, style, false), pageRoom()) : 0;
  ensureSpace(doc, headerHeight + firstRow);
  header();
  for (const cells of rows) {
    const height = Math.min(rowHeight(doc, cells, columns, style, false), pageRoom());
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      header();
    }
    const y = doc.y;
    drawRow(doc, cells, columns, style, y, height, false);
    doc.y = y + height;
  }
  doc.x = left(doc);
}

/** Label and value pairs right-aligned in a block at the right edge (totals). */
export function drawSums(
  doc: Doc,
  rows: { label: string; value: string; strong?: boolean }[],
  opts: { width: number; size: number },
): void {
  const x = left(doc) + contentWidth(doc) - opts.width;
  const lineHeight = opts.size * 1.5;
  ensureSpace(doc, rows.length * lineHeight + 4);
  for (const row of rows) {
    const size = row.strong ? opts.size + 1.5 : opts.size;
    const y = doc.y;
    doc.font(row.strong ? BOLD : REGULAR).fontSize(size);
    doc.text(row.label, x, y, { width: opts.width * 0.55, lineBreak: false });
    doc.text(row.value, x + opts.width * 0.55, y, {
      width: opts.width * 0.45,
      align: 'right',
      lineBreak: false,
    });
    doc.y = y + lineHeight;
  }
  doc.x = left(doc);
}

/** Writes the footer (page numbers) on every page, ends the document and gives its bytes. */
export function finish(doc: Doc, footer: (page: number, pages: number) => string, size = 8): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    doc.font(REGULAR).fontSize(size).fillColor('#444444');
    doc.text(footer(i - range.start + 1, range.count), left(doc), doc.page.height - margin / 2 - size / 2, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
