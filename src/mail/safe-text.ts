/** The longest name a greeting shows, in characters, the ellipsis included. */
export const GREETING_NAME_MAX = 60;

const graphemes = new Intl.Segmenter('lt', { granularity: 'grapheme' });

/** A name as a greeting shows it: on one line, cut to `GREETING_NAME_MAX` characters with an ellipsis. */
export function greetingName(name: string): string {
  const oneLine = name.replace(/\s+/g, ' ').trim();
  const chars = Array.from(graphemes.segment(oneLine), (s) => s.segment);
  if (chars.length <= GREETING_NAME_MAX) return oneLine;
  return `${chars
    .slice(0, GREETING_NAME_MAX - 1)
    .join('')
    .trimEnd()}…`;
}

/** A word that a mail client could turn into a link: a scheme, `www.`, a domain or an e-mail address. */
const LINK_LIKE = /[a-z][\w+.-]*:|www\.|\w\.[a-z]{2,}|@/i;
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Text a customer typed, shown in an e-mail without becoming a link: mail programs turn anything
 * that looks like an address into one, so every dot, colon, slash and @ of such a word is followed
 * by an invisible zero-width space, which no linkifier reads through. The words read the same.
 */
export function unlinkable(text: string): string {
  return text.replace(/\S+/g, (word) =>
    LINK_LIKE.test(word) ? word.replace(/[.:/@]/g, (c) => c + ZERO_WIDTH_SPACE) : word,
  );
}
