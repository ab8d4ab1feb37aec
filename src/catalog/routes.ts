import { Router } from 'express';
import { z } from 'zod';
import type { Csrf } from '../web/csrf.ts';
import type { FileStorage } from '../media/storage.ts';
import { parseParams } from '../web/form-fields.ts';
import { CATALOGUE_SORTS, catalogueQuery } from './schemas.ts';
import { listingItem } from './listing.ts';
import { presentCard, presentCategory, presentProduct } from './present.ts';
import { organizationJsonLd, productHead } from './seo.ts';
import type { PublicCatalogue } from './memory/index.ts';
import { pageLinks } from '../web/pagination.ts';
import { searchTerms } from '../lib/text.ts';
import { searchSuggestions } from './not-found.ts';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/**
 * The public storefront: home, catalogue (filter, search, sort, pages), product pages, services, all
 * read from this instance's in-memory catalogue (memory/), not the database.
 */
export function catalogRoutes({
  storage,
  csrf,
  catalogue,
}: {
  storage: FileStorage;
  csrf: Csrf;
  catalogue: PublicCatalogue;
}): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const store = await catalogue.ready();
    const [goods, categories, services] = [
      store.newestGoods(8),
      store.listCategories(),
      store.listPublishedServices(),
    ];
    res.render('catalog/home', {
      titleKey: 'home.title',
      jsonLd: [organizationJsonLd(store.settings(), String(res.locals.publicUrl))],
      products: goods.map((p) => presentCard(p, req.lang, storage)),
      categories: categories.map((c) => presentCategory(c, req.lang)),
      services: services.slice(0, 3).map((p) => presentProduct(p, req.lang, storage)),
    });
  });

  router.get('/catalogue', async (req, res) => {
    const query = catalogueQuery.parse(req.query);
    const store = await catalogue.ready();
    const result = store.listPublishedGoods(query, req.lang);
    const categories = store.listCategories();
    res.render('catalog/list', {
      titleKey: 'catalogue.title',
      query,
      currentQuery: { q: query.q, category: query.category, sort: query.sort },
      // "Best match" is offered only with a search (without one it is the newest first).
      sorts: CATALOGUE_SORTS.filter((v) => v !== 'relevance' || searchTerms(query.q).length > 0).map(
        (value) => ({ value, selected: value === query.sort }),
      ),
      suggestions: result.total === 0 ? searchSuggestions(store, req.lang, storage) : null,
      products: result.items.map((p) => presentCard(p, req.lang, storage)),
      ...pageLinks(result),
      category: result.category ? presentCategory(result.category, req.lang) : null,
      categories: categories.map((c) => ({
        ...presentCategory(c, req.lang),
        current: c.slug === query.category,
      })),
    });
  });

  router.get('/products/:slug', async (req, res) => {
    const { slug } = parseParams(slugParam, req.params);
    const store = await catalogue.ready();
    const product = store.getPublishedBySlug(slug);
    if (product.slug !== slug) {
      res.redirect(301, `/products/${product.slug}`);
      return;
    }
    csrf.issue(req, res); // for the add-to-cart form; only once the page exists
    const view = presentProduct(product, req.lang, storage);
    // The makers too are in memory, kept fresh through the change log ('makers' entries).
    const makers = store.makersOf(view.id);
    const category = product.categoryDoc ? presentCategory(product.categoryDoc, req.lang) : null;
    const listing = listingItem(product, req.lang, storage, category?.name ?? '');
    res.render('catalog/product', {
      ...productHead(listing, store.settings(), String(res.locals.publicUrl), req.lang),
      title: view.title,
      product: view,
      makers: makers.join(', '),
      category,
    });
  });

  router.get('/services', async (req, res) => {
    const services = (await catalogue.ready()).listPublishedServices();
    res.render('catalog/services', {
      titleKey: 'services.title',
      services: services.map((p) => presentProduct(p, req.lang, storage)),
    });
  });

  return router;
}
