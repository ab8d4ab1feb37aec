import { Router, type Request, type Response } from 'express';
import { FieldError } from '../lib/errors.ts';
import { flash } from '../web/flash.ts';
import { objectId, parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { z } from 'zod';
import { presentCategory } from './present.ts';
import { listCategories } from './queries.ts';
import { categoryForm } from './schemas.ts';
import * as catalog from './service.ts';

const idParam = z.object({ id: objectId });
type Values = Record<string, string>;

/** Category management; mounted behind the catalogue guard (marketing, admin). */
export function categoryRoutes(): Router {
  const router = Router();

  async function renderList(
    req: Request,
    res: Response,
    values: Values = {},
    errors: FieldErrors = {},
    status = 200,
  ) {
    const categories = await listCategories();
    res.status(status).render('catalog/admin/categories', {
      titleKey: 'categories.title',
      categories: categories.map((c) => presentCategory(c, req.lang)),
      values,
      errors,
    });
  }

  router.get('/categories', async (req, res) => renderList(req, res));

  router.post('/categories', async (req, res) => {
    const parsed = parseForm(categoryForm, req.body);
    if (!parsed.ok) return renderList(req, res, req.body as Values, parsed.errors, 422);
    try {
      await catalog.createCategory(parsed.data);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderList(
          req,
          res,
          req.body as Values,
          { [err.field]: { key: err.messageKey, params: err.params } },
          422,
        );
      }
      throw err;
    }
    flash(req, 'success', 'categories.created');
    res.redirect(303, '/admin/categories');
  });

  async function renderEdit(
    req: Request,
    res: Response,
    id: string,
    values?: Values,
    errors: FieldErrors = {},
    status = 200,
  ) {
    const category = await catalog.getCategory(id);
    res.status(status).render('catalog/admin/category-edit', {
      titleKey: 'categories.editTitle',
      category: presentCategory(category, req.lang),
      values: values ?? {
        nameLt: category.name?.lt ?? '',
        nameEn: category.name?.en ?? '',
        slug: category.slug,
        position: String(category.position),
      },
      errors,
    });
  }

  router.get('/categories/:id/edit', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    await renderEdit(req, res, id);
  });

  router.post('/categories/:id', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    const parsed = parseForm(categoryForm, req.body);
    if (!parsed.ok) return renderEdit(req, res, id, req.body as Values, parsed.errors, 422);
    try {
      await catalog.updateCategory(id, parsed.data);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderEdit(
          req,
          res,
          id,
          req.body as Values,
          { [err.field]: { key: err.messageKey, params: err.params } },
          422,
        );
      }
      throw err;
    }
    flash(req, 'success', 'categories.saved');
    res.redirect(303, '/admin/categories');
  });

  router.post('/categories/:id/delete', async (req, res) => {
    const { id } = parseParams(idParam, req.params);
    await catalog.deleteCategory(id);
    flash(req, 'success', 'categories.deleted');
    res.redirect(303, '/admin/categories');
  });

  return router;
}
