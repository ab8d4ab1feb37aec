import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { FieldError } from '../lib/errors.ts';
import { randomName } from '../lib/ids.ts';
import type { FileStorage } from './storage.ts';

/** Raster formats people upload from phones and cameras; SVG and everything else is refused. */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/gif']);
const MAX_PIXELS = 50_000_000;
const FULL_SIZE = 1600;
const THUMB_SIZE = 480;

export interface UploadedImage {
  originalName: string;
  buffer: Buffer;
}

export interface StoredImage {
  key: string;
  thumbKey: string;
  width: number;
  height: number;
}

interface EncodedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Checks an upload by its content (not its name), decodes it and re-encodes it to WebP:
 * orientation applied, metadata (EXIF, GPS) dropped, size bounded. Throws a FieldError for the form.
 */
export async function encodeImage(file: UploadedImage, field = 'images'): Promise<EncodedImage> {
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !ACCEPTED.has(type.mime)) {
    throw new FieldError(field, 'errors.imageType', { name: file.originalName });
  }
  try {
    const input = sharp(file.buffer, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const full = await input
      .clone()
      .resize({ width: FULL_SIZE, height: FULL_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await input
      .clone()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'cover' })
      .webp({ quality: 78 })
      .toBuffer();
    return { full: full.data, thumb, width: full.info.width, height: full.info.height };
  } catch {
    throw new FieldError(field, 'errors.imageBroken', { name: file.originalName });
  }
}

/** Encodes every file first (so one bad file stores nothing), then stores them under random names. */
export async function storeImages(
  storage: FileStorage,
  folder: string,
  files: UploadedImage[],
  field = 'images',
): Promise<StoredImage[]> {
  const encoded: EncodedImage[] = [];
  for (const file of files) encoded.push(await encodeImage(file, field));
  const stored: StoredImage[] = [];
  try {
    for (const img of encoded) {
      const name = randomName();
      const key = `${folder}/${name}.webp`;
      const thumbKey = `${folder}/${name}-thumb.webp`;
      await storage.put(key, img.full);
      await storage.put(thumbKey, img.thumb);
      stored.push({ key, thumbKey, width: img.width, height: img.height });
    }
  } catch (err) {
    await removeImages(storage, stored);
    throw err;
  }
  return stored;
}

export async function removeImages(
  storage: FileStorage,
  images: { key: string; thumbKey: string }[],
): Promise<void> {
  for (const img of images) {
    await storage.remove(img.key);
    await storage.remove(img.thumbKey);
  }
}

/**
 * A stored photo as a small square JPEG for a printed document (PDF writers read JPEG and PNG, not
 * WebP), or null when the file is gone or cannot be decoded: a document is still printed without it.
 */
export async function printableThumb(storage: FileStorage, key: string, size = 240): Promise<Buffer | null> {
  const data = await storage.read(key);
  if (!data) return null;
  try {
    return await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .resize({ width: size, height: size, fit: 'cover' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}
