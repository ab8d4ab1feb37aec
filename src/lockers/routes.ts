import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { DomainError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import type { Csrf } from '../web/csrf.ts';
import { flash } from '../web/flash.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import {
  LOCKER_NETWORKS,
  LockerListError,
  MAX_LIST_BYTES,
  importTerminalList,
  networkSummaries,
} from './service.ts';

const importForm = z.object({
  network: z.enum(LOCKER_NETWORKS, 'lockers.errors.network'),
});

const IMPORT_PATH = '/admin/lockers/import';

/** Administrators see each network's list and import a network's published file. */
export function lockerRoutes({ csrf }: { csrf: Csrf }): Router {
  const router = Router();
  router.use('/lockers', requireRole('admin'));

  const parser = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_LIST_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  }).single('file');

  function parseUpload(req: Request, res: Response, next: NextFunction): void {
    parser(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        res.locals.uploadError =
          err.code === 'LIMIT_FILE_SIZE'
            ? { key: 'lockers.errors.tooLarge', params: {} }
            : { key: 'errors.uploadFailed', params: {} };
        return next();
      }
      if (err) return next(new DomainError(400, 'errors.badRequest'));
      next();
    });
  }

  async function render(
    res: Response,
    values: Record<string, string>,
    errors: FieldErrors = {},
    status = 200,
  ) {
    res.status(status).render('lockers/admin/lists', {
      titleKey: 'lockers.title',
      networks: await networkSummaries(),
      networkChoices: LOCKER_NETWORKS,
      maxMb: MAX_LIST_BYTES / 1024 / 1024,
      values,
      errors,
    });
  }

  router.get('/lockers', csrf.issueToken, (_req, res) => render(res, {}));

  router.post(
    '/lockers/import',
    parseUpload,
    csrf.verifyParsed(IMPORT_PATH),
    csrf.issueToken,
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = { network: typeof body.network === 'string' ? body.network : '' };
      const parsed = parseForm(importForm, { network: values.network });
      const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
      const uploadError = res.locals.uploadError as FieldErrors[string] | undefined;
      if (uploadError) errors.file = uploadError;
      else if (!req.file || req.file.size === 0) errors.file = { key: 'lockers.errors.noFile', params: {} };
      if (!parsed.ok || Object.keys(errors).length > 0 || !req.file) return render(res, values, errors, 422);
      try {
        const result = await importTerminalList(parsed.data.network, req.file.buffer, {
          source: 'upload',
          by: req.staff?.name ?? '',
        });
        flash(req, 'success', 'lockers.imported', {
          count: result.count,
          skipped: result.skipped,
          deactivated: result.deactivated,
        });
        res.redirect(303, '/admin/lockers');
      } catch (err) {
        if (!(err instanceof LockerListError)) throw err;
        return render(res, values, { file: { key: err.key, params: err.params } }, 422);
      }
    },
  );

  return router;
}
