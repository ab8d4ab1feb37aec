/**
 * The catalogue search's own figures for `npm run bench`: the time to build the search index of the
 * seeded catalogue (stems worked out once per good) and the time one search takes in the in-memory
 * catalogue (src/catalog/memory/search.ts), ranked and paged as the catalogue page asks for it.
 */
import { CatalogueStore } from '../../src/catalog/memory/store.ts';
import { SearchIndex, searchFields } from '../../src/catalog/memory/search.ts';
import { Product, type ProductDoc } from '../../src/catalog/model.ts';
import { catalogueQuery } from '../../src/catalog/schemas.ts';

/** Inflected, folded, English, short and two-word queries over the seeded goods (seed.ts). */
export const SEARCH_QUERIES = ['puodelis', 'puodeliai', 'žvakės', 'zvakes', 'candles', 'vaško žvakė', 'a'];

export interface SearchFigures {
  goods: number;
  /** Distinct folded words in the index. */
  vocabulary: number;
  /** Building the index of every published good (stems included). */
  buildMs: number;
  /** One catalogue search (find, rank, page) not remembered from before, over all the queries. */
  p50: number;
  p99: number;
  /** The same search again (its result remembered until the index changes). */
  repeatedP50: number;
  /** Goods found per query, for the report. */
  found: Record<string, number>;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** Loads the connected database's catalogue and times the index build and `rounds` of every query. */
export async function measureSearch(rounds = 50): Promise<SearchFigures> {
  const store = new CatalogueStore();
  await store.load();
  const goods = await Product.find({ status: 'published', kind: 'good' }).lean<ProductDoc[]>();
  const index = new SearchIndex();
  const started = performance.now();
  for (const p of goods) index.set(String(p._id), searchFields(p));
  const buildMs = performance.now() - started;

  const times: number[] = [];
  const repeated: number[] = [];
  const found: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const q of SEARCH_QUERIES) {
      const query = catalogueQuery.parse({ q });
      store.searchIndex.forgetRecent();
      const t0 = performance.now();
      const page = store.listPublishedGoods(query, 'lt');
      const t1 = performance.now();
      store.listPublishedGoods(query, 'lt');
      repeated.push(performance.now() - t1);
      times.push(t1 - t0);
      found[q] = page.total;
    }
  }
  times.sort((a, b) => a - b);
  repeated.sort((a, b) => a - b);
  return {
    goods: index.size,
    vocabulary: index.vocabulary,
    buildMs,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    repeatedP50: percentile(repeated, 50),
    found,
  };
}
