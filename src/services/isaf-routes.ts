/** The month's i.SAF file for the tax authority, for administrators (`/admin/isaf/YYYY-MM.xml`). */
import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { requireRole } from '../web/auth.ts';
import { isafFile } from './isaf.ts';
import { sendXml } from './web-helpers.ts';

/** `2026-11`: a real month (01–12) of a four-digit year. */
export const isafMonthParam = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

export function isafRoutes(router: Router): void {
  router.get('/isaf/:month.xml', requireRole('admin'), async (req, res) => {
    const parsed = isafMonthParam.safeParse(req.params);
    if (!parsed.success) throw new NotFoundError('isaf.badMonth');
    const { month } = parsed.data;
    const { xml } = await isafFile(month);
    sendXml(res, xml, `isaf-${month}.xml`);
  });
}
