/**
 * What the pagination partial needs from a page of results. A page asked beyond the last links back
 * to the last one.
 */
export function pageLinks(result: { total: number; page: number; pages: number }) {
  return {
    total: result.total,
    page: result.page,
    pages: result.pages,
    prevPage: result.page > 1 ? Math.min(result.page - 1, result.pages) : null,
    nextPage: result.page < result.pages ? result.page + 1 : null,
  };
}
