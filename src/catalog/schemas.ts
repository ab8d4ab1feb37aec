import { z } from 'zod';
import { parsePercentToBps } from '../lib/money.ts';
import { searchTerms } from '../lib/text.ts';
import { moneyCents, objectId, optionalText, requiredText, wholeNumber } from '../web/form-fields.ts';
import { PRODUCT_KINDS, STOCK_MODES } from './model.ts';

const slugField = optionalText(80).pipe(z.string().regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'errors.slug'));

const vatRate = optionalText(6).transform((v, ctx) => {
  const bps = parsePercentToBps(v === '' ? '0' : v);
  if (bps === null) ctx.addIssue({ code: 'custom', message: 'errors.vatRate' });
  return bps ?? 0;
});

export const productForm = z
  .object({
    kind: z.enum(PRODUCT_KINDS),
    titleLt: requiredText(160),
    titleEn: optionalText(160),
    descriptionLt: optionalText(5000),
    descriptionEn: optionalText(5000),
    /** Optional easy-read texts (src/web/easy-read.ts); callers other than the form may leave them out. */
    easyDescriptionLt: optionalText(1000).optional(),
    easyDescriptionEn: optionalText(1000).optional(),
    unitLt: optionalText(60),
    unitEn: optionalText(60),
    slug: slugField,
    sku: requiredText(40)
      .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'errors.sku'))
      .transform((v) => v.toUpperCase()),
    category: z.union([z.literal(''), objectId]).default(''),
    price: moneyCents({ min: 0, max: 10_000_000 }),
    vatRate,
    stockMode: z.enum(STOCK_MODES).default('stock'),
    stockQuantity: z.preprocess((v) => (v === undefined || v === '' ? '0' : v), wholeNumber(0, 100_000)),
    /** The quantity the edit form showed: unchanged means "leave the stock alone" (sales may have run since). */
    stockShown: z.preprocess((v) => (v === '' ? undefined : v), wholeNumber(0, 100_000).optional()),
    leadTimeDays: z.preprocess((v) => (v === undefined || v === '' ? '0' : v), wholeNumber(0, 365)),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'good' && v.stockMode === 'made_to_order' && v.leadTimeDays < 1) {
      ctx.addIssue({ code: 'custom', path: ['leadTimeDays'], message: 'errors.leadTimeRequired' });
    }
  });

export type ProductInput = z.output<typeof productForm>;

export const categoryForm = z.object({
  nameLt: requiredText(80),
  nameEn: optionalText(80),
  slug: slugField,
  position: z.preprocess((v) => (v === undefined || v === '' ? '0' : v), wholeNumber(0, 999)),
});
export type CategoryInput = z.output<typeof categoryForm>;

/** `relevance`: the search's own order (best match first, then newest); without a search it is `newest`. */
export const CATALOGUE_SORTS = ['relevance', 'newest', 'price-asc', 'price-desc', 'title'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

/** Query strings are public input: bad values fall back to the defaults instead of failing the page. */
export const catalogueQuery = z
  .object({
    q: z.string().trim().max(100).catch(''),
    category: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional()
      .catch(undefined),
    sort: z.enum(CATALOGUE_SORTS).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .transform((v) => ({
    ...v,
    // A search is ordered by relevance unless another order is chosen; a list without one by newest.
    sort:
      searchTerms(v.q).length === 0 && (v.sort ?? 'relevance') === 'relevance'
        ? 'newest'
        : (v.sort ?? 'relevance'),
  }));
export type CatalogueQuery = z.output<typeof catalogueQuery>;

export const adminProductQuery = z.object({
  q: z.string().trim().max(100).catch(''),
  kind: z.enum(PRODUCT_KINDS).optional().catch(undefined),
  status: z.enum(['draft', 'published', 'archived']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AdminProductQuery = z.output<typeof adminProductQuery>;

export const productIdParam = z.object({ id: objectId });
export const imageParam = z.object({ id: objectId, index: z.coerce.number().int().min(0).max(50) });
