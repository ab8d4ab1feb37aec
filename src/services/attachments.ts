import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { FieldError } from '../lib/errors.ts';
import { randomName } from '../lib/ids.ts';
import { StoredAttachment } from './model.ts';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * What a business may attach, recognised by content (never by name or the browser's type): PDF,
 * raster images and office documents (OOXML, OpenDocument, legacy compound files).
 */
const ACCEPTED: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/x-cfb': 'doc',
};

export interface UploadedFile {
  originalName: string;
  buffer: Buffer;
}

export interface CheckedFile {
  name: string;
  mime: string;
  buffer: Buffer;
}

/** A file name safe to show and to send back in Content-Disposition, with the extension its content has. */
function safeName(original: string, ext: string): string {
  const base = original
    .replace(/\.[^.]*$/, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} _-]+/gu, '_')
    .trim()
    .slice(0, 80);
  return `${base || 'file'}.${ext}`;
}

/** Pictures are decoded and encoded again (what trails the picture and its metadata are dropped). */
const REENCODE: Record<string, { mime: string; ext: string; encode: (img: Sharp) => Sharp }> = {
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg', encode: (img) => img.jpeg({ quality: 90 }) },
  'image/png': { mime: 'image/png', ext: 'png', encode: (img) => img.png() },
  'image/webp': { mime: 'image/webp', ext: 'webp', encode: (img) => img.webp({ quality: 90 }) },
  'image/gif': { mime: 'image/png', ext: 'png', encode: (img) => img.png() },
  'image/heic': { mime: 'image/jpeg', ext: 'jpg', encode: (img) => img.jpeg({ quality: 90 }) },
};
const MAX_PIXELS = 50_000_000;

async function reencode(file: UploadedFile, mime: string, field: string) {
  const target = REENCODE[mime]!;
  try {
    const img = sharp(file.buffer, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    return { mime: target.mime, ext: target.ext, buffer: await target.encode(img).toBuffer() };
  } catch {
    throw new FieldError(field, 'request.errors.fileBroken', { name: file.originalName });
  }
}

/** Checks every file by content; the first one that is not accepted fails the whole form. */
export async function checkAttachments(files: UploadedFile[], field = 'attachments'): Promise<CheckedFile[]> {
  if (files.length > MAX_ATTACHMENTS) {
    throw new FieldError(field, 'request.errors.tooManyFiles', { max: MAX_ATTACHMENTS });
  }
  const checked: CheckedFile[] = [];
  for (const file of files) {
    if (file.buffer.length > MAX_ATTACHMENT_BYTES) {
      throw new FieldError(field, 'request.errors.fileTooLarge', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
    }
    const type = await fileTypeFromBuffer(file.buffer);
    const ext = type ? ACCEPTED[type.mime] : undefined;
    if (!type || !ext) throw new FieldError(field, 'request.errors.fileType', { name: file.originalName });
    if (REENCODE[type.mime]) {
      const image = await reencode(file, type.mime, field);
      checked.push({ name: safeName(file.originalName, image.ext), mime: image.mime, buffer: image.buffer });
    } else {
      checked.push({ name: safeName(file.originalName, ext), mime: type.mime, buffer: file.buffer });
    }
  }
  return checked;
}

/** Stores checked files under random names in the private attachment store; returns their records. */
export async function storeAttachments(files: CheckedFile[]) {
  const stored: { key: string; name: string; mime: string; size: number }[] = [];
  try {
    for (const f of files) {
      const key = randomName();
      await StoredAttachment.create({ _id: key, mime: f.mime, data: f.buffer, createdAt: new Date() });
      stored.push({ key, name: f.name, mime: f.mime, size: f.buffer.length });
    }
  } catch (err) {
    await removeAttachments(stored.map((s) => s.key));
    throw err;
  }
  return stored;
}

export async function removeAttachments(keys: string[]): Promise<void> {
  if (keys.length) await StoredAttachment.deleteMany({ _id: { $in: keys } });
}

export async function readAttachment(key: string): Promise<Buffer | null> {
  if (!/^[a-f0-9]{32}$/.test(key)) return null;
  const doc = await StoredAttachment.findById(key).lean();
  return doc ? storedBytes(doc.data) : null;
}

/** A lean read gives BSON Binary, not a Buffer: its bytes. */
export function storedBytes(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const inner = (data as { buffer?: Uint8Array }).buffer;
  return inner ? Buffer.from(inner.buffer, inner.byteOffset, inner.byteLength) : Buffer.alloc(0);
}
