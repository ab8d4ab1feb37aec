import { searchTerms } from '../../lib/text.ts';
import type { ProductDoc } from '../model.ts';
import { queryStemKeys, stemKeys, wordsOf, type TextLanguage } from './stemming.ts';

/**
 * How words are matched beyond "as written or as a part of a word": the stem keys of a good's word
 * (in the language of its field) and of a query word. A query word finds a good when one of its stem
 * keys is one of the good's. `substringMatcher` has none (the database search's rule);
 * `stemmingMatcher` (the default) uses the Snowball stemmers for Lithuanian and English.
 */
export interface Matcher {
  stems(word: string, lang: TextLanguage): string[];
  queryStems(word: string): string[];
}

/** The database search's rule: every folded word of the query occurs in the good's folded text. */
export const substringMatcher: Matcher = { stems: () => [], queryStems: () => [] };

/** Lithuanian and English stems, diacritics folded (stemming.ts). */
export const stemmingMatcher: Matcher = {
  stems: (word, lang) => (lang ? stemKeys(word, lang) : []),
  queryStems: queryStemKeys,
};

/** One searchable field of a good: its text, language and whether it is a title (or the SKU). */
export interface SearchField {
  text: string;
  lang: TextLanguage;
  title: boolean;
}

/** A good's searchable fields: titles and SKU rank above descriptions. */
export function searchFields(p: Pick<ProductDoc, 'title' | 'description' | 'sku'>): SearchField[] {
  return [
    { text: p.title?.lt ?? '', lang: 'lt', title: true },
    { text: p.title?.en ?? '', lang: 'en', title: true },
    { text: p.sku ?? '', lang: null, title: true },
    { text: p.description?.lt ?? '', lang: 'lt', title: false },
    { text: p.description?.en ?? '', lang: 'en', title: false },
  ];
}

/**
 * The score of one query word in one good: the best of its matches. Any match in a title beats any
 * in a description; within each, the word as written beats a stem, which beats a part of a word.
 */
const SCORE = {
  title: { exact: 100, stem: 60, part: 30 },
  description: { exact: 10, stem: 6, part: 3 },
} as const;
const TITLE = 1;
/** How many recent searches' results are kept (the oldest goes first). */
const RECENT_MAX = 100;
const DESCRIPTION = 2;

/** Ids → which fields (TITLE | DESCRIPTION bits). */
type Postings = Map<string, number>;

interface QueryWord {
  word: string;
  stems: string[];
}

/** The words of a text or query, folded as the database search folds them, each with its stem keys. */
function analyse(text: string, stems: (raw: string) => string[], max = Infinity): QueryWord[] {
  const out: QueryWord[] = [];
  for (const raw of wordsOf(text)) {
    const parts = searchTerms(raw, Infinity);
    // A word the folding splits (rare: "naïve" stays whole, "a·b" does not) is stemmed part by part.
    for (const part of parts) out.push({ word: part, stems: stems(parts.length === 1 ? raw : part) });
    if (out.length >= max) return out.slice(0, max);
  }
  return out;
}

function add(map: Map<string, Postings>, key: string, id: string, bits: number): void {
  let postings = map.get(key);
  if (!postings) map.set(key, (postings = new Map()));
  postings.set(id, bits);
}

function remove(map: Map<string, Postings>, key: string, id: string): void {
  const postings = map.get(key);
  if (!postings) return;
  postings.delete(id);
  if (postings.size === 0) map.delete(key);
}

function best(into: Map<string, number>, postings: Postings | undefined, kind: 'exact' | 'stem' | 'part') {
  if (!postings) return;
  for (const [id, bits] of postings) {
    const score = bits & TITLE ? SCORE.title[kind] : SCORE.description[kind];
    if (score > (into.get(id) ?? 0)) into.set(id, score);
  }
}

/**
 * The search index of the listed goods: an inverted index from each folded word, and from each stem
 * key, to the goods (and whether in a title or a description). Words and stems are worked out when a
 * good is set (a build or a change), never per query; a query looks up its words' postings and scans
 * only the distinct words (for a query word that is part of a longer one), not the goods.
 */
export class SearchIndex {
  private words = new Map<string, Postings>();
  private stems = new Map<string, Postings>();
  private keysOf = new Map<string, { words: string[]; stems: string[] }>();
  private matcher: Matcher = stemmingMatcher;
  private sources = new Map<string, SearchField[]>();
  /** Every distinct word in one string (each followed by a line break), remade after a change. */
  private joined: { text: string; starts: number[]; words: string[] } | null = null;
  /** Recent searches' results, by query; emptied by any change to the index. */
  private recent = new Map<string, Map<string, number>>();

  /** Another matcher; the goods already set are indexed again. */
  useMatcher(matcher: Matcher): void {
    this.matcher = matcher;
    const all = [...this.sources];
    this.clear();
    for (const [id, fields] of all) this.set(id, fields);
  }

  set(id: string, fields: SearchField[]): void {
    this.delete(id);
    this.changed();
    // Each distinct word and stem of the good once, with the fields it is in.
    const words = new Map<string, number>();
    const stems = new Map<string, number>();
    for (const field of fields) {
      const bit = field.title ? TITLE : DESCRIPTION;
      for (const w of analyse(field.text, (raw) => this.matcher.stems(raw, field.lang))) {
        words.set(w.word, (words.get(w.word) ?? 0) | bit);
        for (const s of w.stems) stems.set(s, (stems.get(s) ?? 0) | bit);
      }
    }
    for (const [w, bits] of words) add(this.words, w, id, bits);
    for (const [s, bits] of stems) add(this.stems, s, id, bits);
    this.keysOf.set(id, { words: [...words.keys()], stems: [...stems.keys()] });
    this.sources.set(id, fields);
  }

  delete(id: string): void {
    const keys = this.keysOf.get(id);
    if (!keys) return;
    this.changed();
    for (const w of keys.words) remove(this.words, w, id);
    for (const s of keys.stems) remove(this.stems, s, id);
    this.keysOf.delete(id);
    this.sources.delete(id);
  }

  /** Forgets the recent searches' results (the benchmark times a search that is not remembered). */
  forgetRecent(): void {
    this.recent.clear();
  }

  private changed(): void {
    this.joined = null;
    this.recent.clear();
  }

  clear(): void {
    this.changed();
    this.words.clear();
    this.stems.clear();
    this.keysOf.clear();
    this.sources.clear();
  }

  get size(): number {
    return this.keysOf.size;
  }

  /** The distinct words indexed (for the benchmark). */
  get vocabulary(): number {
    return this.words.size;
  }

  /** The distinct words as one string, to find a part of a word with `indexOf` instead of a loop. */
  private vocabularyText(): { text: string; starts: number[]; words: string[] } {
    if (!this.joined) {
      const words = [...this.words.keys()];
      const starts: number[] = [];
      let at = 0;
      for (const w of words) {
        starts.push(at);
        at += w.length + 1;
      }
      this.joined = { text: `${words.join('\n')}\n`, starts, words };
    }
    return this.joined;
  }

  /** The indexed words that contain `part` and are longer than it. */
  private wordsContaining(part: string): string[] {
    const { text, starts, words } = this.vocabularyText();
    const found: string[] = [];
    let from = 0;
    for (;;) {
      const at = text.indexOf(part, from);
      if (at < 0) return found;
      // The word the occurrence is in: the last start at or before it (binary search).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      const word = words[lo]!;
      if (word !== part) found.push(word);
      from = starts[lo]! + word.length + 1; // the next word: each word is counted once
    }
  }

  /** One query word's goods and scores. */
  private lookup(term: QueryWord): Map<string, number> {
    const found = new Map<string, number>();
    best(found, this.words.get(term.word), 'exact');
    for (const s of term.stems) best(found, this.stems.get(s), 'stem');
    for (const word of this.wordsContaining(term.word)) best(found, this.words.get(word), 'part');
    return found;
  }

  /**
   * The goods matching every word of `query`, id → score (the sum of its words' scores); null when
   * the query has no words (no search). The store orders by the score when the sort is "relevance".
   */
  search(query: string, among?: Iterable<string>): Map<string, number> | null {
    const terms = analyse(query, (raw) => this.matcher.queryStems(raw), 6);
    if (terms.length === 0) return null;
    const key = terms.map((t) => `${t.word}/${t.stems.join(',')}`).join(' ');
    if (!among) {
      const cached = this.recent.get(key);
      if (cached) return cached;
    }
    const perTerm = terms.map((t) => this.lookup(t)).sort((a, b) => a.size - b.size);
    const allowed = among ? new Set(among) : null;
    const found = new Map<string, number>();
    for (const [id, score] of perTerm[0]!) {
      if (allowed && !allowed.has(id)) continue;
      let total = score;
      for (const other of perTerm.slice(1)) {
        const s = other.get(id);
        if (s === undefined) {
          total = 0;
          break;
        }
        total += s;
      }
      if (total > 0) found.set(id, total);
    }
    if (!among) {
      if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(key, found);
    }
    return found;
  }
}
