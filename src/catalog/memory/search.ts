import { searchTerms } from '../../lib/text.ts';

/**
 * How a query is matched against a good's text. The default is the database search's rule (every
 * folded word of the query occurs in the folded text); a language-aware matcher (stemming) can be
 * plugged in with `SearchIndex.useMatcher` without changing the index or its callers.
 */
export interface Matcher {
  /** The index's form of a good's searchable text (computed once per change of the good). */
  prepare(text: string): string;
  /** The query's terms; none means "no search" (the whole list). */
  terms(query: string): string[];
  /** A score for a good's prepared text: 0 when it does not match, higher for a better match. */
  score(prepared: string, terms: string[]): number;
}

export const substringMatcher: Matcher = {
  prepare: (text) => text, // already folded (service.ts, productFields)
  terms: (query) => searchTerms(query),
  score: (prepared, terms) => (terms.every((t) => prepared.includes(t)) ? 1 : 0),
};

/** The searchable text of every listed good, by product id. */
export class SearchIndex {
  private texts = new Map<string, string>();
  private matcher: Matcher = substringMatcher;

  useMatcher(matcher: Matcher, rawTexts?: Iterable<[string, string]>): void {
    this.matcher = matcher;
    if (rawTexts) {
      this.texts.clear();
      for (const [id, text] of rawTexts) this.set(id, text);
    }
  }

  set(id: string, text: string): void {
    this.texts.set(id, this.matcher.prepare(text));
  }

  delete(id: string): void {
    this.texts.delete(id);
  }

  clear(): void {
    this.texts.clear();
  }

  get size(): number {
    return this.texts.size;
  }

  /**
   * The goods matching `query`, id → score; null when the query has no terms (no search). The
   * order of the results is the caller's (the catalogue's sort, the score breaking no ties today).
   */
  search(query: string, among?: Iterable<string>): Map<string, number> | null {
    const terms = this.matcher.terms(query);
    if (terms.length === 0) return null;
    const found = new Map<string, number>();
    const ids = among ?? this.texts.keys();
    for (const id of ids) {
      const text = this.texts.get(id);
      if (text === undefined) continue;
      const score = this.matcher.score(text, terms);
      if (score > 0) found.set(id, score);
    }
    return found;
  }
}
