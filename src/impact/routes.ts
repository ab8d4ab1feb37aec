import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../lib/errors.ts';
import { presentYear } from './present.ts';
import { getImpactText, impactYears, MIN_PEOPLE } from './service.ts';

const yearQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  })
  .strict();

/** The public impact page, `/impact` (`?year=2026` for an earlier year). */
export function impactRoutes(): Router {
  const router = Router();

  router.get('/impact', async (req: Request, res: Response) => {
    const query = yearQuery.safeParse(req.query);
    if (!query.success) throw new NotFoundError();
    const [years, text] = await Promise.all([impactYears(), getImpactText()]);
    const chosen = query.data.year ? years.find((y) => y.year === query.data.year) : years[0];
    if (query.data.year && !chosen) throw new NotFoundError();
    res.render('impact/index', {
      titleKey: 'impact.title',
      descriptionKey: 'impact.description',
      text: (req.lang === 'en' ? text.en : text.lt) || '',
      years: years.map((y) => ({ year: y.year, current: y.year === chosen?.year })),
      shown: chosen ? presentYear(chosen, req.lang, req.easyRead) : null,
      minPeople: MIN_PEOPLE,
    });
  });

  return router;
}
