/** The month's i.SAF file for the tax authority, for administrators (`/admin/isaf/YYYY-MM.xml`). */
import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { isafFile } from './isaf.ts';
import { sendXml } from './web-helpers.ts';

/** `2026-11.xml`: a real month (01–12) of a four-digit year. */
export const isafFileParam = z.object({
  file: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.xml$/),
});

export function isafRoutes(router: Router): void {
  router.get('/isaf/:file', requireRole('admin'), async (req, res) => {
    const parsed = isafFileParam.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError('isaf.badMonth');
    const month = parsed.data.file.slice(0, 7);
    const { xml } = await isafFile(month);
    sendXml(res, xml, `isaf-${month}.xml`);
  });
}
