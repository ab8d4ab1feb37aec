/**
 * The comparison server of `npm run bench`. Its pages are the in-memory ceiling: bare Express
 * rendering the same pages as the app's catalogue, search and product page (the same templates, the
 * same head, structured data and lines) from the catalogue loaded into memory once at start (the
 * app's own CatalogueStore), with none of the app's layers (no session, CSRF, helmet, i18n
 * middleware, rate limit, request log, change-log follower). Its add-to-cart is the bare route: the
 * same stock check in the database, without session or CSRF.
 * Started as its own process with MONGODB_URI (database name included) and PORT.
 */
import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { ROOT } from '../../src/app.ts';
import { listingItem } from '../../src/catalog/listing.ts';
import { presentCard, presentCategory, presentProduct } from '../../src/catalog/present.ts';
import { productHead } from '../../src/catalog/seo.ts';
import { supportedPeople } from '../../src/impact/service.ts';
import { searchTerms } from '../../src/lib/text.ts';
import { CatalogueStore } from '../../src/catalog/memory/store.ts';
import { CATALOGUE_SORTS, catalogueQuery } from '../../src/catalog/schemas.ts';
import { pageLinks } from '../../src/web/pagination.ts';
import { connectDatabase } from '../../src/db/connection.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { addToCart } from '../../src/orders/cart.ts';
import { cartAddForm } from '../../src/orders/schemas.ts';
import { getSettings, pickupInfo } from '../../src/settings/service.ts';
import { canonicalUrl } from '../../src/web/page-meta.ts';
import { translate } from '../../src/web/i18n.ts';
import { parseForm } from '../../src/web/form-fields.ts';
import { viewEngine } from '../../src/web/views.ts';

const env = z.object({ MONGODB_URI: z.string().min(1), PORT: z.coerce.number().int() }).parse(process.env);
await connectDatabase(env.MONGODB_URI);
const storage = new LocalDiskStorage(path.join(ROOT, 'uploads'));
const store = new CatalogueStore();
await store.load();
// The app's own default public address (PUBLIC_URL unset), with this server's port.
const publicUrl = `http://localhost:${env.PORT}`;
const settings = await getSettings();
// What the app's middleware would put in every page's locals, fixed once (Lithuanian, no staff, an
// empty cart); the canonical URL is the page's own.
const locals = {
  lang: 'lt' as const,
  locale: 'lt-LT',
  otherLang: 'en',
  easyRead: false,
  settings,
  pickup: pickupInfo(settings, 'lt'),
  cartCount: 0,
  publicUrl,
  metaDescription: translate('lt', 'meta.description'),
  ogLocale: 'lt_LT',
};
const supported = await supportedPeople();
const pageLocals = (req: express.Request) => ({
  ...locals,
  currentPath: req.originalUrl,
  canonicalUrl: canonicalUrl(publicUrl, req),
});

const app = express();
app.engine('hbs', viewEngine(ROOT));
app.set('view engine', 'hbs');
app.set('views', path.join(ROOT, 'views'));
app.enable('view cache');

app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});

app.get('/catalogue', (req, res) => {
  const query = catalogueQuery.parse(req.query);
  const result = store.listPublishedGoods(query, 'lt');
  const categories = store.listCategories();
  res.render('catalog/list', {
    ...pageLocals(req),
    titleKey: 'catalogue.title',
    query,
    currentQuery: { q: query.q, category: query.category, sort: query.sort },
    sorts: CATALOGUE_SORTS.filter((v) => v !== 'relevance' || searchTerms(query.q).length > 0).map(
      (value) => ({ value, selected: value === query.sort }),
    ),
    products: result.items.map((p) => presentCard(p, 'lt', storage)),
    ...pageLinks(result),
    category: result.category ? presentCategory(result.category, 'lt') : null,
    categories: categories.map((c) => ({ ...presentCategory(c, 'lt'), current: c.slug === query.category })),
  });
});

app.get('/products/:slug', (req, res) => {
  const product = store.getPublishedBySlug(req.params.slug);
  const view = presentProduct(product, 'lt', storage);
  const category = product.categoryDoc ? presentCategory(product.categoryDoc, 'lt') : null;
  const listing = listingItem(product, 'lt', storage, category?.name ?? '');
  res.render('catalog/product', {
    ...pageLocals(req),
    supportedPeople: supported,
    ...productHead(listing, store.settings(), publicUrl, 'lt'),
    title: view.title,
    product: view,
    makers: store.makersOf(view.id).join(', '),
    category,
  });
});

app.post('/cart/add', express.urlencoded({ extended: false }), async (req, res) => {
  const parsed = parseForm(cartAddForm, req.body);
  if (!parsed.ok) return res.status(422).end();
  await addToCart([], parsed.data.productId, parsed.data.quantity);
  res.redirect(303, '/cart');
});

app.listen(env.PORT, '127.0.0.1');
