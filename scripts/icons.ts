/**
 * Makes the site's icon files from public/images/favicon.svg with sharp: favicon.ico (16, 32 and 48
 * pixels, PNG inside), the apple-touch icon (180 px, opaque) and the web manifest's icons (192 and
 * 512 px, and a maskable 512 px with a safe margin). The files are committed; run this
 * (`node scripts/icons.ts`) after changing the SVG.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMAGES = path.join(ROOT, 'public', 'images');
const BRAND = '#9c4221';

async function png(svg: Buffer, size: number, opts: { opaque?: boolean; margin?: number } = {}) {
  const inner = Math.round(size * (1 - 2 * (opts.margin ?? 0)));
  const icon = await sharp(svg, { density: 72 * (inner / 64) * 2 })
    .resize(inner, inner)
    .png()
    .toBuffer();
  if (!opts.opaque && !opts.margin) return sharp(icon).png({ compressionLevel: 9 }).toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background: BRAND } })
    .composite([{ input: icon, gravity: 'centre' }])
    .flatten({ background: BRAND })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** An ICO file holding PNG images (read by every browser since 2007). */
export function icoOf(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

const svg = await readFile(path.join(IMAGES, 'favicon.svg'));
const sizes = [16, 32, 48];
const ico = icoOf(await Promise.all(sizes.map(async (size) => ({ size, data: await png(svg, size) }))));
await writeFile(path.join(IMAGES, 'favicon.ico'), ico);
await writeFile(path.join(IMAGES, 'apple-touch-icon.png'), await png(svg, 180, { opaque: true }));
await writeFile(path.join(IMAGES, 'icon-192.png'), await png(svg, 192));
await writeFile(path.join(IMAGES, 'icon-512.png'), await png(svg, 512));
await writeFile(path.join(IMAGES, 'icon-maskable-512.png'), await png(svg, 512, { margin: 0.1 }));
console.log('icons written to public/images');
