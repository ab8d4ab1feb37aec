import jsQRModule from 'jsqr';
import { extractImages } from 'unpdf';

// The package is CommonJS: its function is the module's default export at run time.
const jsQR = jsQRModule as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

/** The text of every QR code embedded as an image on each page of a PDF, in page order. */
export async function qrCodesInPdf(pdf: Buffer): Promise<string[]> {
  const found: string[] = [];
  for (let page = 1; ; page++) {
    let images;
    try {
      images = await extractImages(new Uint8Array(pdf), page);
    } catch {
      break;
    }
    for (const img of images) {
      const rgba = new Uint8ClampedArray(img.width * img.height * 4);
      for (let i = 0; i < img.width * img.height; i++) {
        const c = img.channels;
        const r = img.data[i * c]!;
        rgba[i * 4] = r;
        rgba[i * 4 + 1] = c >= 3 ? img.data[i * c + 1]! : r;
        rgba[i * 4 + 2] = c >= 3 ? img.data[i * c + 2]! : r;
        rgba[i * 4 + 3] = 255;
      }
      const code = jsQR(rgba, img.width, img.height);
      if (code) found.push(code.data);
    }
  }
  return found;
}
