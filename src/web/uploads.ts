import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { DomainError } from '../lib/errors.ts';
import type { UploadedImage } from '../media/images.ts';

/**
 * Multipart parsing for forms with images: files stay in memory (bounded by size and count) until
 * their content has been checked and re-encoded; nothing is written from the raw upload.
 */
export function imageUpload(opts: { field: string; maxBytes: number; maxFiles: number }) {
  const parser = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles, fields: 60, fieldSize: 64 * 1024, parts: 80 },
  }).array(opts.field, opts.maxFiles);

  return (req: Request, res: Response, next: NextFunction): void => {
    parser(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        res.locals.uploadError =
          err.code === 'LIMIT_FILE_SIZE'
            ? { key: 'errors.imageTooLarge', params: { max: Math.round(opts.maxBytes / 1024 / 1024) } }
            : err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE'
              ? { key: 'errors.tooManyImages', params: { max: opts.maxFiles } }
              : { key: 'errors.uploadFailed', params: {} };
        req.body = flatFields(req.body);
        req.files = [];
        return next();
      }
      // Anything else the parser reports is a malformed or cut-off body: the client's fault.
      if (err) return next(new DomainError(400, 'errors.badRequest'));
      req.body = flatFields(req.body);
      next();
    });
  };
}

/**
 * Multer turns `name[$ne]=x` into `{ name: { $ne: 'x' } }`; like the URL-encoded parser (not
 * extended), forms here get only plain text fields, so such a field is simply absent.
 */
function flatFields(body: unknown): Record<string, string | string[]> {
  const flat: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') flat[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) flat[key] = value;
  }
  return flat;
}

export function uploadedImages(req: Request): UploadedImage[] {
  const files = Array.isArray(req.files) ? req.files : [];
  return files.filter((f) => f.size > 0).map((f) => ({ originalName: f.originalname, buffer: f.buffer }));
}
