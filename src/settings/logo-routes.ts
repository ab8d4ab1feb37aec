/**
 * The workshop's logo (`/admin/settings/logo`, administrators): uploaded once, shown atop every
 * e-mail (as a PNG made from it, see `mail/logo.ts`); without one the e-mails show the name.
 */
import { Router, type Request, type Response } from 'express';
import { FieldError } from '../lib/errors.ts';
import type { FileStorage } from '../media/storage.ts';
import type { Config } from '../config.ts';
import { requireRole } from '../web/auth.ts';
import type { Csrf } from '../web/csrf.ts';
import { flash } from '../web/flash.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { imageUpload, uploadedImages } from '../web/uploads.ts';
import { getSettings, logoImage, removeLogo, replaceLogo } from './service.ts';

export function settingsLogoRoutes({
  storage,
  config,
  csrf,
}: {
  storage: FileStorage;
  config: Config;
  csrf: Csrf;
}): Router {
  const router = Router();
  router.use('/settings/logo', requireRole('admin'));
  const parse = imageUpload({ field: 'logo', maxBytes: config.uploadMaxBytes, maxFiles: 1 });
  const upload = [parse, csrf.verifyParsed(/^\/admin\/settings\/logo$/)];

  async function render(res: Response, errors: FieldErrors = {}, status = 200) {
    const logo = logoImage(await getSettings());
    res.status(status).render('settings/logo', {
      titleKey: 'settingsLogo.title',
      logoUrl: logo ? storage.publicUrl(logo.key) : '',
      maxMb: Math.round(config.uploadMaxBytes / 1024 / 1024),
      errors,
    });
  }

  router.get('/settings/logo', (_req: Request, res: Response) => render(res));

  router.post('/settings/logo', ...upload, async (req: Request, res: Response) => {
    const uploadError = res.locals.uploadError as FieldErrors[string] | undefined;
    if (uploadError) return render(res, { logo: uploadError }, 422);
    try {
      await replaceLogo(storage, uploadedImages(req));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return render(res, { [err.field]: { key: err.messageKey, params: err.params } }, 422);
    }
    req.log.info({ by: req.staff!.id }, 'organisation logo changed');
    flash(req, 'success', 'settingsLogo.saved');
    res.redirect(303, '/admin/settings/logo');
  });

  router.post('/settings/logo/remove', async (req: Request, res: Response) => {
    await removeLogo(storage);
    req.log.info({ by: req.staff!.id }, 'organisation logo removed');
    flash(req, 'success', 'settingsLogo.removed');
    res.redirect(303, '/admin/settings/logo');
  });

  return router;
}
