import { BOLD, REGULAR, contentWidth, createDoc, left, tr, type Doc } from './layout.ts';
import type { StatementPage, StatementPdfData } from './types.ts';

/**
 * Participants' stipend statements in easy-read form, one A4 page each: large type (body 18pt), the
 * amount large and first, one short sentence a line, the things bought with their photos. The texts
 * come ready from the stipends module, the same the statement page shows, and are printed as given.
 * Should a page's texts not fit (very long names or titles), the whole page is set smaller rather
 * than run onto a second sheet.
 */

const BODY = 18;
const SCALES = [1, 0.92, 0.84, 0.76, 0.68, 0.6, 0.5];
const PHOTO = 60;
const ROW_GAP = 10;
const INK = '#1a1a1a';

type Block =
  | { kind: 'text'; text: string; size: number; bold?: boolean; gapBefore?: number; gapAfter: number }
  | { kind: 'item'; label: string; photo: Buffer | null; job: boolean };

function blocks(page: StatementPage): Block[] {
  const text = (t: string, size: number, gapAfter: number, more: Partial<Block> = {}): Block =>
    ({ kind: 'text', text: t, size, gapAfter, ...more }) as Block;
  const out: Block[] = [
    text(page.heading, 28, 4, { bold: true }),
    text(page.month, BODY, 22),
    text(page.youGet, 24, 0, { bold: true }),
    text(page.amount, 48, 18, { bold: true }),
    text(page.days, BODY, 8),
  ];
  if (page.madeHeading) out.push(text(page.madeHeading, 22, 10, { bold: true, gapBefore: 12 }));
  for (const item of page.items)
    out.push({ kind: 'item', label: item.label, photo: item.photo, job: item.kind === 'job' });
  if (page.more) out.push(text(page.more, BODY, 4));
  if (page.nothingSold) out.push(text(page.nothingSold, BODY, 4, { gapBefore: 12 }));
  out.push(text(page.howHeading, 22, 6, { bold: true, gapBefore: 16 }));
  out.push(text(page.how, BODY, 24));
  out.push(text(page.questions, BODY, 4));
  out.push(text(page.from, BODY, 0));
  return out;
}

/** A briefcase, for work done for a business (it has no product photo). */
function jobIcon(doc: Doc, x: number, y: number, size: number): void {
  const w = size * 0.8;
  const h = size * 0.56;
  const x0 = x + (size - w) / 2;
  const y0 = y + size * 0.3;
  doc
    .save()
    .lineWidth(Math.max(1.5, size / 24))
    .strokeColor('#2f5d8a');
  doc.roundedRect(x0, y0, w, h, size / 14).stroke();
  doc.roundedRect(x0 + w * 0.34, y0 - size * 0.12, w * 0.32, size * 0.12, size / 30).stroke();
  doc
    .moveTo(x0, y0 + h * 0.42)
    .lineTo(x0 + w, y0 + h * 0.42)
    .stroke();
  doc.restore();
}

/** Lays out one page at a scale: measures only, or draws too. Returns the height used. */
/** pdfkit's opened image; its typings leave `openImage` out. */
type OpenedImage = PDFKit.Mixins.ImageSrc;
type Images = Map<Buffer, OpenedImage>;

/** An image opened once and drawn by reference (`image()` takes it in place of the bytes). */
function openImage(doc: Doc, data: Buffer): OpenedImage {
  return (doc as Doc & { openImage(src: Buffer): OpenedImage }).openImage(data);
}

function layout(
  doc: Doc,
  page: StatementPage,
  scale: number,
  draw: boolean,
  images: Images = new Map(),
): number {
  const width = contentWidth(doc);
  const x = left(doc);
  const top = doc.page.margins.top;
  let y = top;
  for (const block of blocks(page)) {
    if (block.kind === 'text') {
      y += (block.gapBefore ?? 0) * scale;
      doc.font(block.bold ? BOLD : REGULAR).fontSize(block.size * scale);
      const lineGap = block.size <= BODY ? 4 * scale : 0;
      const height = doc.heightOfString(block.text, { width, lineGap });
      if (draw) doc.fillColor(INK).text(block.text, x, y, { width, lineGap });
      y += height + block.gapAfter * scale;
    } else {
      const photo = PHOTO * scale;
      const textX = x + photo + 16 * scale;
      const textWidth = width - photo - 16 * scale;
      doc.font(REGULAR).fontSize(BODY * scale);
      const lineGap = 4 * scale;
      const textHeight = doc.heightOfString(block.label, { width: textWidth, lineGap });
      const height = Math.max(photo, textHeight);
      if (draw) {
        if (block.photo) {
          // A photo is embedded once, however many statements show it.
          let image = images.get(block.photo);
          if (!image) {
            image = openImage(doc, block.photo);
            images.set(block.photo, image);
          }
          doc.image(image, x, y, { fit: [photo, photo], align: 'center', valign: 'center' });
        } else if (block.job) jobIcon(doc, x, y, photo);
        else
          doc
            .save()
            .roundedRect(x, y, photo, photo, 6 * scale)
            .fill('#ececec')
            .restore();
        const textY = y + Math.max(0, (photo - textHeight) / 2);
        doc.fillColor(INK).text(block.label, textX, textY, { width: textWidth, lineGap });
      }
      y += height + ROW_GAP * scale;
    }
  }
  return y - top;
}

function drawPage(doc: Doc, page: StatementPage, images: Images): void {
  const room = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  const scale = SCALES.find((s) => layout(doc, page, s, false) <= room) ?? SCALES.at(-1)!;
  // Nothing may start a second sheet, even text that would not fit at the smallest scale.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  layout(doc, page, scale, true, images);
  doc.page.margins.bottom = bottom;
}

/** The statements, one page each, in one document (one participant's, or a whole month's to print). */
export function renderStatementPdf(data: StatementPdfData): Promise<Buffer> {
  const doc = createDoc({
    lang: data.lang,
    title: data.title,
    author: data.organisationName,
    subject: tr(data.lang, 'pdf.statement.title'),
    margins: { top: 56, bottom: 48, left: 56, right: 56 },
  });
  const images: Images = new Map();
  data.statements.forEach((page, i) => {
    if (i > 0) doc.addPage();
    drawPage(doc, page, images);
  });
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
