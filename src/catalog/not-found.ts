import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from '../lib/errors.ts';
import type { FileStorage } from '../media/storage.ts';
import type { Lang } from '../web/i18n.ts';
import type { CatalogueStore, PublicCatalogue } from './memory/index.ts';
import { presentCard, presentCategory } from './present.ts';

/** How many goods a search that found nothing suggests. */
const SUGGESTED_GOODS = 4;

/**
 * What a search that found nothing offers: every category, and a few goods a buyer can have now (in
 * stock or made to order), newest first. The in-memory catalogue holds no sales figures, so "popular"
 * is read as "available now and newest".
 */
export function searchSuggestions(store: CatalogueStore, lang: Lang, storage: FileStorage) {
  const goods = store
    .newestGoods(48)
    .filter((e) => e.stockMode === 'made_to_order' || (e.stockQuantity ?? 0) > 0)
    .slice(0, SUGGESTED_GOODS);
  return {
    categories: store.listCategories().map((c) => presentCategory(c, lang)),
    goods: goods.map((e) => presentCard(e, lang, storage)),
  };
}

/**
 * A helpful "page not found" for the public: a search box, the categories and the way home, status
 * 404, in the visitor's language. Staff in the staff area keep the staff layout's plain error page,
 * and every other failure goes on to the error handler.
 */
export function catalogNotFound({ catalogue }: { catalogue: PublicCatalogue }) {
  return async (err: unknown, req: Request, res: Response, next: NextFunction): Promise<void> => {
    const notFound = err instanceof NotFoundError || (err as { status?: unknown } | null)?.status === 404;
    if (
      !notFound ||
      res.headersSent ||
      res.locals.layout === 'admin' ||
      !['GET', 'HEAD'].includes(req.method)
    ) {
      next(err);
      return;
    }
    try {
      const store = await catalogue.ready();
      res.status(404).render('catalog/not-found', {
        titleKey: 'notFound.title',
        // A page's own reason (e.g. an order link that does not exist) is said instead of the general one.
        message:
          err instanceof NotFoundError && err.messageKey !== 'errors.notFound'
            ? { key: err.messageKey, params: err.params }
            : null,
        categories: store.listCategories().map((c) => presentCategory(c, req.lang)),
      });
    } catch {
      next(err);
    }
  };
}
