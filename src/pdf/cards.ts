import QRCode from 'qrcode';
import { BOLD, createDoc, REGULAR, type Doc } from './layout.ts';
import type { Lang } from '../web/i18n.ts';

/** One participant's card: their name, the workshop, a QR code of their own page's link and the link. */
export interface CardData {
  name: string;
  url: string;
  /** The short link as printed (the address without the scheme). */
  shortUrl: string;
}

export interface CardsPdfData {
  lang: Lang;
  title: string;
  organisationName: string;
  /** The easy-read sentence under the name ("Scan it. See your work and your money."). */
  scanText: string;
  cards: CardData[];
}

const MM = 72 / 25.4;
/** Bank-card size, 10 to an A4 sheet (2 × 5), with cutting room between them. */
const CARD_W = 85 * MM;
const CARD_H = 54 * MM;
const GAP = 6 * MM;
const COLS = 2;
const ROWS = 5;
const QR = 40 * MM;
const PAD = 4 * MM;

function drawCard(doc: Doc, card: CardData, qr: Buffer, data: CardsPdfData, x: number, y: number): void {
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor('#999999')
    .roundedRect(x, y, CARD_W, CARD_H, 3 * MM)
    .stroke()
    .restore();
  const textW = CARD_W - QR - 3 * PAD;
  doc.image(qr, x + CARD_W - QR - PAD, y + (CARD_H - QR) / 2, { width: QR, height: QR });
  doc
    .font(BOLD)
    .fontSize(15)
    .fillColor('#111111')
    .text(card.name, x + PAD, y + PAD, { width: textW, height: 40, ellipsis: true });
  doc
    .font(REGULAR)
    .fontSize(11)
    .text(data.scanText, x + PAD, doc.y + 4, { width: textW });
  doc
    .fontSize(7)
    .fillColor('#333333')
    .text(data.organisationName, x + PAD, y + CARD_H - PAD - 24, { width: textW })
    .text(card.shortUrl, x + PAD, y + CARD_H - PAD - 14, { width: textW, lineBreak: true });
}

/** The cards, ten to a page, each with a QR code (an embedded PNG) of the participant's link. */
export async function renderCardsPdf(data: CardsPdfData): Promise<Buffer> {
  const doc = createDoc({
    lang: data.lang,
    title: data.title,
    author: data.organisationName,
    margins: { top: 28, bottom: 20, left: 28, right: 28 },
  });
  const left = (doc.page.width - COLS * CARD_W - (COLS - 1) * GAP) / 2;
  const top = (doc.page.height - ROWS * CARD_H - (ROWS - 1) * GAP) / 2;
  const codes = await Promise.all(
    data.cards.map((c) => QRCode.toBuffer(c.url, { errorCorrectionLevel: 'M', margin: 2, scale: 6 })),
  );
  data.cards.forEach((card, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = left + (slot % COLS) * (CARD_W + GAP);
    const y = top + Math.floor(slot / COLS) * (CARD_H + GAP);
    drawCard(doc, card, codes[i]!, data, x, y);
  });
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
