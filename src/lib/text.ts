const LT_FOLD: Record<string, string> = {
  ą: 'a',
  č: 'c',
  ę: 'e',
  ė: 'e',
  į: 'i',
  š: 's',
  ų: 'u',
  ū: 'u',
  ž: 'z',
};

/** Lower-cases and strips diacritics so that "žvakė", "Zvake" and "ŽVAKĖ" compare equal. */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[łß]/g, (ch) => LT_FOLD[ch] ?? ch);
}

/** URL slug from any title: folded, ASCII letters and digits joined by single hyphens. */
export function slugify(input: string): string {
  return foldText(input)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** Words of a search query, folded, at most `max` of them. */
export function searchTerms(query: string, max = 6): string[] {
  return foldText(query)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, max);
}

export function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
