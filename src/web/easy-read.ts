/**
 * The rules easy-read text follows (the `.easy` variants of messages and the products' easy-read
 * descriptions), after the easy-to-read guidelines (Inclusion Europe, "Lengvai skaitomas tekstas"):
 *
 * - short sentences: at most EASY_MAX_WORDS words each (a {placeholder}, an amount or a number
 *   counts as one word);
 * - no abbreviations that end in a dot (ABBREVIATIONS below): "elektroninis paštas", not "el. paštas";
 *   "for example", not "e.g.". Acronyms that are the everyday name of a thing (PVM, VAT, IBAN, PDF)
 *   are allowed: a reader meets them on the bank's and the shop's pages too;
 * - the same placeholders as the standard text, so the page gives both the same facts.
 *
 * test/unit/easy-read.test.ts applies them to every easy-read message and to every public message
 * listed as already plain (easy-read-plain.ts).
 */
export const EASY_MAX_WORDS = 12;

/** Abbreviations easy-read text does not use, Lithuanian and English, each with how it is found. */
export const ABBREVIATIONS: ReadonlyArray<{ text: string; pattern: RegExp }> = [
  // Lithuanian
  { text: 'pvz.', pattern: /(^|[^\p{L}])pvz\./iu },
  { text: 't. y.', pattern: /(^|[^\p{L}])t\.\s?y\./iu },
  { text: 'val.', pattern: /(^|[^\p{L}])val\./iu },
  { text: 'vnt.', pattern: /(^|[^\p{L}])vnt\./iu },
  { text: 'kt.', pattern: /(^|[^\p{L}])kt\./iu },
  { text: 'nr.', pattern: /(^|[^\p{L}])nr\./iu },
  { text: 'el. (el. paštas)', pattern: /(^|[^\p{L}])el\./iu },
  { text: 'tel.', pattern: /(^|[^\p{L}])tel\./iu },
  { text: 'mėn.', pattern: /(^|[^\p{L}])mėn\./iu },
  { text: 'proc.', pattern: /(^|[^\p{L}])proc\./iu },
  { text: 'maks.', pattern: /(^|[^\p{L}])maks\./iu },
  { text: 'min.', pattern: /(^|[^\p{L}])min\./iu },
  { text: 'g. (gatvė)', pattern: /(^|[^\p{L}])g\.\s/iu },
  { text: 'd. (diena)', pattern: /\d\s?d\./iu },
  { text: 'žr.', pattern: /(^|[^\p{L}])žr\./iu },
  { text: 'psl.', pattern: /(^|[^\p{L}])psl\./iu },
  { text: 'sav.', pattern: /(^|[^\p{L}])sav\./iu },
  // English
  { text: 'e.g.', pattern: /(^|[^\p{L}])e\.\s?g\./iu },
  { text: 'i.e.', pattern: /(^|[^\p{L}])i\.\s?e\./iu },
  { text: 'etc.', pattern: /(^|[^\p{L}])etc\./iu },
  { text: 'incl.', pattern: /(^|[^\p{L}])incl\./iu },
  { text: 'excl.', pattern: /(^|[^\p{L}])excl\./iu },
  { text: 'approx.', pattern: /(^|[^\p{L}])approx\./iu },
  { text: 'pcs.', pattern: /(^|[^\p{L}])pcs\b/iu },
  { text: 'no. (number)', pattern: /(^|[^\p{L}])no\.\s?\d/iu },
  { text: 'max.', pattern: /(^|[^\p{L}])max\./iu },
  { text: 'vs.', pattern: /(^|[^\p{L}])vs\./iu },
];

/** The sentences of a text: split after . ! ? … (and the colon that starts a list) before a space. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…:])\s+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The words of a sentence: what has a letter, a digit or a {placeholder}; dashes and signs are not words. */
export function wordsOf(sentence: string): string[] {
  return sentence.split(/\s+/u).filter((w) => /[\p{L}\p{N}{]/u.test(w));
}

/** What breaks the rules in a text, in words a writer can act on; empty when it is easy to read. */
export function easyReadProblems(text: string): string[] {
  const problems: string[] = [];
  for (const sentence of sentencesOf(text)) {
    const count = wordsOf(sentence).length;
    if (count > EASY_MAX_WORDS) problems.push(`${count} words in "${sentence}"`);
  }
  for (const a of ABBREVIATIONS) if (a.pattern.test(text)) problems.push(`abbreviation "${a.text}"`);
  return problems;
}
