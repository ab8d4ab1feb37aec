import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as lithuanianStem } from '@orama/stemmers/lithuanian';
import { foldText } from '../../lib/text.ts';

/** The languages a good's text is written in; the SKU is neither (no stems). */
export type TextLanguage = 'lt' | 'en' | null;

/** The words of a text, lower-case with their diacritics (split like `searchTerms`: letters and digits). */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The stem keys of one word, folded to ASCII and marked with their language (`l:zvak`, `e:candl`).
 * A Lithuanian word is stemmed as written (the Snowball rules know "žvakėje", "dėžučių") and, when it
 * has diacritics, also as folded, so that a query typed without them ("zvakes" → `zvak`) meets the
 * same key. Words shorter than 3 letters and numbers have no stems (they match as written).
 */
export function stemKeys(word: string, lang: 'lt' | 'en'): string[] {
  const key = `${lang}:${word}`;
  let keys = known.get(key);
  if (!keys) {
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, (keys = computeStemKeys(word, lang)));
  }
  return keys;
}

/**
 * Stems already worked out, by language and word: a catalogue repeats its words (10,000 goods of the
 * benchmark have 20,000 distinct words, most of them numbers), and stemming is the slow part of
 * indexing a good. Bounded: past `KNOWN_MAX` words it starts again.
 */
const known = new Map<string, string[]>();
const KNOWN_MAX = 200_000;

function computeStemKeys(word: string, lang: 'lt' | 'en'): string[] {
  const folded = foldText(word);
  if (folded.length < 3 || /^\d+$/.test(folded)) return [];
  if (lang === 'en') return [`e:${englishStem(folded)}`];
  const keys = new Set([`l:${foldText(lithuanianStem(word))}`]);
  if (folded !== word) keys.add(`l:${lithuanianStem(folded)}`);
  return [...keys];
}

/** A query word's stem keys in both languages: the query's language is not known. */
export function queryStemKeys(word: string): string[] {
  return [...new Set([...stemKeys(word, 'lt'), ...stemKeys(word, 'en')])];
}
