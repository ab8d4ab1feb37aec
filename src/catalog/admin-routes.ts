import { Router, type Request, type Response } from 'express';
import type { Csrf } from '../web/csrf.ts';
import type { Config } from '../config.ts';
import { FieldError } from '../lib/errors.ts';
import { centsToInput } from '../lib/money.ts';
import type { FileStorage } from '../media/storage.ts';
import { getSettings } from '../settings/service.ts';
import { requireRole } from '../web/auth.ts';
import { flash } from '../web/flash.ts';
import { parseForm, parseParams, type FieldErrors } from '../web/form-fields.ts';
import { imageUpload, uploadedImages } from '../web/uploads.ts';
import { presentCategory, presentProduct } from './present.ts';
import { listCategories, listProductsForStaff } from './queries.ts';
import { adminProductQuery, imageParam, productForm, productIdParam } from './schemas.ts';
import * as catalog from './service.ts';
import type { ProductDoc } from './service.ts';
import { categoryRoutes } from './category-routes.ts';
import { pageLinks } from '../web/pagination.ts';

type Values = Record<string, string>;

function valuesFromProduct(p: ProductDoc, lang: 'lt' | 'en'): Values {
  const sep = lang === 'lt' ? ',' : '.';
  return {
    kind: p.kind,
    titleLt: p.title?.lt ?? '',
    titleEn: p.title?.en ?? '',
    descriptionLt: p.description?.lt ?? '',
    descriptionEn: p.description?.en ?? '',
    easyDescriptionLt: p.easyDescription?.lt ?? '',
    easyDescriptionEn: p.easyDescription?.en ?? '',
    unitLt: p.unit?.lt ?? '',
    unitEn: p.unit?.en ?? '',
    slug: p.slug,
    sku: p.sku,
    category: p.category ? String(p.category) : '',
    price: centsToInput(p.priceCents, sep),
    vatRate: String(p.vatRateBps / 100).replace('.', sep),
    stockMode: p.stockMode ?? 'stock',
    stockQuantity: String(p.stockQuantity ?? 0),
    stockShown: String(p.stockQuantity ?? 0),
    leadTimeDays: String(p.leadTimeDays ?? 0),
  };
}

/** Catalogue management for marketing and admin: goods, services, images, publishing, categories. */
export function catalogAdminRoutes({
  storage,
  config,
  csrf,
}: {
  storage: FileStorage;
  config: Config;
  csrf: Csrf;
}) {
  const router = Router();
  const guard = requireRole('marketing', 'admin');
  const parseImages = imageUpload({
    field: 'images',
    maxBytes: config.uploadMaxBytes,
    maxFiles: catalog.MAX_IMAGES,
  });
  // The product form carries its CSRF token as a field (not in its address), read once the body is parsed.
  const upload = [parseImages, csrf.verifyParsed(/^\/admin\/products(\/[a-f0-9]{24})?$/)];

  router.use(['/products', '/categories'], guard);

  async function renderForm(
    req: Request,
    res: Response,
    opts: { product?: ProductDoc; values: Values; errors?: FieldErrors; status?: number },
  ) {
    const [categories, settings] = await Promise.all([listCategories(), getSettings()]);
    const kind = opts.product?.kind ?? (opts.values.kind === 'service' ? 'service' : 'good');
    res.status(opts.status ?? 200).render('catalog/admin/form', {
      titleKey: opts.product
        ? 'catalogAdmin.editTitle'
        : kind === 'service'
          ? 'catalogAdmin.newService'
          : 'catalogAdmin.newGood',
      product: opts.product ? presentProduct(opts.product, req.lang, storage) : null,
      kind,
      isService: kind === 'service',
      values: opts.values,
      errors: opts.errors ?? {},
      hasErrors: Boolean(opts.errors && Object.keys(opts.errors).length),
      categories: categories.map((c) => presentCategory(c, req.lang)),
      pricesIncludeVat: settings.pricesIncludeVat,
      maxImages: catalog.MAX_IMAGES,
      maxMb: Math.round(config.uploadMaxBytes / 1024 / 1024),
    });
  }

  /** Validates the form, then calls `save`; any failure re-renders the form with the typed values. */
  async function handleSave(
    req: Request,
    res: Response,
    product: ProductDoc | undefined,
    save: (data: ReturnType<typeof productForm.parse>) => Promise<ProductDoc>,
  ) {
    const body = { ...(req.body as Values), ...(product ? { kind: product.kind } : {}) };
    const parsed = parseForm(productForm, body);
    const uploadError = res.locals.uploadError as FieldErrors[string] | undefined;
    if (!parsed.ok || uploadError) {
      const errors = parsed.ok ? {} : parsed.errors;
      if (uploadError) errors.images = uploadError;
      return renderForm(req, res, { product, values: body, errors, status: 422 });
    }
    try {
      const saved = await save(parsed.data);
      flash(req, 'success', product ? 'catalogAdmin.saved' : 'catalogAdmin.created', {
        title: saved.title?.lt ?? '',
      });
      res.redirect(303, `/admin/products/${String(saved._id)}/edit`);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderForm(req, res, {
          product,
          values: body,
          errors: { [err.field]: { key: err.messageKey, params: err.params } },
          status: 422,
        });
      }
      throw err;
    }
  }

  router.get('/products', async (req, res) => {
    const query = adminProductQuery.parse(req.query);
    const result = await listProductsForStaff(query);
    res.render('catalog/admin/list', {
      titleKey: 'catalogAdmin.title',
      query,
      currentQuery: { q: query.q, kind: query.kind, status: query.status },
      products: result.items.map((p) => presentProduct(p, req.lang, storage)),
      ...pageLinks(result),
    });
  });

  router.get('/products/new', async (req, res) => {
    const settings = await getSettings();
    const kind = req.query.kind === 'service' ? 'service' : 'good';
    const vat = settings.vatPayer ? settings.defaultVatRateBps / 100 : 0;
    await renderForm(req, res, {
      values: {
        kind,
        stockMode: kind === 'service' ? 'made_to_order' : 'stock',
        vatRate: String(vat),
        stockQuantity: '0',
        leadTimeDays: '0',
      },
    });
  });

  router.post('/products', ...upload, async (req, res) => {
    const settings = await getSettings();
    await handleSave(req, res, undefined, (data) =>
      catalog.createProduct(data, uploadedImages(req), storage, settings),
    );
  });

  router.get('/products/:id/edit', async (req, res) => {
    const { id } = parseParams(productIdParam, req.params);
    const product = await catalog.getProduct(id);
    await renderForm(req, res, { product, values: valuesFromProduct(product, req.lang) });
  });

  router.post('/products/:id', ...upload, async (req, res) => {
    const { id } = parseParams(productIdParam, req.params);
    const product = await catalog.getProduct(id);
    const settings = await getSettings();
    await handleSave(req, res, product, (data) =>
      catalog.updateProduct(id, data, uploadedImages(req), storage, settings),
    );
  });

  const actions = {
    publish: [catalog.publishProduct, 'catalogAdmin.published'],
    unpublish: [catalog.unpublishProduct, 'catalogAdmin.unpublished'],
    archive: [catalog.archiveProduct, 'catalogAdmin.archived'],
    restore: [catalog.restoreProduct, 'catalogAdmin.restored'],
  } as const;
  for (const [action, [run, messageKey]] of Object.entries(actions)) {
    router.post(`/products/:id/${action}`, async (req, res) => {
      const { id } = parseParams(productIdParam, req.params);
      await run(id);
      flash(req, 'success', messageKey);
      res.redirect(303, `/admin/products/${id}/edit`);
    });
  }

  router.post('/products/:id/delete', async (req, res) => {
    const { id } = parseParams(productIdParam, req.params);
    const outcome = await catalog.deleteProduct(id, storage);
    flash(req, 'success', outcome === 'deleted' ? 'catalogAdmin.deleted' : 'catalogAdmin.archivedInstead');
    res.redirect(303, outcome === 'deleted' ? '/admin/products' : `/admin/products/${id}/edit`);
  });

  router.post('/products/:id/images/:index/delete', async (req, res) => {
    const { id, index } = parseParams(imageParam, req.params);
    await catalog.removeProductImage(id, index, storage);
    flash(req, 'success', 'catalogAdmin.imageRemoved');
    res.redirect(303, `/admin/products/${id}/edit#current-images`);
  });

  router.post('/products/:id/images/:index/cover', async (req, res) => {
    const { id, index } = parseParams(imageParam, req.params);
    await catalog.makeCoverImage(id, index);
    flash(req, 'success', 'catalogAdmin.coverChanged');
    res.redirect(303, `/admin/products/${id}/edit#current-images`);
  });

  router.use(categoryRoutes());
  return router;
}
