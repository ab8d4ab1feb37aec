import { getDocumentProxy } from 'unpdf';

/** The part of pdf.js's text item the tests read (unpdf bundles pdf.js without its native canvas). */
interface TextItem {
  str: string;
  transform: number[];
}

/** What a test reads back from a rendered PDF. */
export interface PdfContent {
  /** The text of each page, one line of the page a line of text. */
  pages: string[];
  /** All pages' text, pages separated by a form feed line. */
  text: string;
  title: string;
  author: string;
  /** The smallest font size (points) any text is drawn in. */
  smallestFontSize: number;
}

/** pdf.js gives non-breaking spaces back as plain ones; expected text is compared after the same mapping. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u202f]/g, ' ');
}

/** Rebuilds the lines of a page: items on one baseline are joined with a space, in reading order. */
function pageText(items: TextItem[]): string {
  const lines: { y: number; parts: { x: number; str: string }[] }[] = [];
  for (const item of items) {
    if (!item.str.trim()) continue;
    const x = Number(item.transform[4]);
    const y = Number(item.transform[5]);
    // Cells whose text was shrunk to fit sit a little lower on the same row.
    let line = lines.find((l) => Math.abs(l.y - y) < 3);
    if (!line) {
      line = { y, parts: [] };
      lines.push(line);
    }
    line.parts.push({ x, str: item.str });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) =>
      l.parts
        .sort((a, b) => a.x - b.x)
        .map((p) => p.str.trim())
        .join(' '),
    )
    .join('\n');
}

export async function readPdf(buf: Buffer): Promise<PdfContent> {
  // pdf.js takes ownership of (detaches) the array it is given, so it gets a copy.
  const pdf = await getDocumentProxy(new Uint8Array(buf), {
    verbosity: 0,
    useWorkerFetch: false,
    useSystemFonts: false,
    disableFontFace: true,
  });
  try {
    const pages: string[] = [];
    let smallestFontSize = Infinity;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is typeof i & TextItem => 'str' in i);
      for (const item of items) {
        if (item.str.trim())
          smallestFontSize = Math.min(smallestFontSize, Math.hypot(item.transform[2], item.transform[3]));
      }
      pages.push(plainSpaces(pageText(items)));
      page.cleanup();
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Author?: string } };
    return {
      pages,
      text: plainSpaces(pages.join('\n\f\n')),
      title: info.Title ?? '',
      author: info.Author ?? '',
      smallestFontSize,
    };
  } finally {
    await pdf.cleanup();
    await pdf.loadingTask.destroy();
  }
}

/** All the text of all pages of a PDF. */
export async function pdfText(buf: Buffer): Promise<string> {
  return (await readPdf(buf)).text;
}
