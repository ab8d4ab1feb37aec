/**
 * Error summaries name the field of each message ("Vardas: šis laukas privalomas."). The summary is
 * printed before the form, so each of its links carries an empty marker
 * `<span data-field-label="name"></span>` that is filled once the whole page is rendered, from the
 * field as the page shows it:
 * 1. the element with that id and a `data-label` (radio groups, checkboxes, a message in place of a
 *    field): its `data-label`;
 * 2. else `<label for="name">`: its words (without the required mark and other hidden parts);
 * 3. else the label wrapping the element with that id.
 * A field found nowhere keeps its message alone. The messages are put in the order of their fields
 * on the page. Every form using the field partial or plain `<label for>` benefits without changes.
 */

const MARKER = /<span data-field-label="([^"]*)"><\/span>(\s*)(\S)(\S?)/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Visible words of a label's HTML: hidden parts and tags removed, spaces collapsed, no end colon. */
function wordsOf(html: string): string {
  return html
    .replace(/<(span|abbr)\b[^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<(select|textarea)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:*]\s*$/, '')
    .trim();
}

/** The label of field `id` as the page shows it (already HTML-escaped), or ''. */
export function fieldLabel(html: string, id: string): string {
  const idAttr = `\\bid="${escapeRegExp(id)}"`;
  const tag = new RegExp(`<[a-z]+\\b[^>]*${idAttr}[^>]*>`, 'i').exec(html)?.[0];
  const dataLabel = tag ? /\bdata-label="([^"]*)"/.exec(tag)?.[1] : undefined;
  if (dataLabel) return dataLabel.trim();
  const forLabel = new RegExp(
    `<label\\b[^>]*\\bfor="${escapeRegExp(id)}"[^>]*>([\\s\\S]*?)</label>`,
    'i',
  ).exec(html);
  if (forLabel) return wordsOf(forLabel[1]!);
  const wrapping = new RegExp(
    `<label\\b[^>]*>((?:(?!</label>)[\\s\\S])*?<[a-z]+\\b[^>]*${idAttr}[\\s\\S]*?)</label>`,
    'i',
  ).exec(html);
  return wrapping ? wordsOf(wrapping[1]!) : '';
}

/**
 * The summary's messages in the order their fields come on the page (a message for the whole form
 * first, fields not found last), whatever order the validation found them in.
 */
function inPageOrder(html: string): string {
  return html.replace(
    /(<div class="error-summary"[\s\S]*?<ul>)([\s\S]*?)(<\/ul>)/,
    (_m, open: string, items: string, close: string) => {
      const lis = items.match(/<li>[\s\S]*?<\/li>/g) ?? [];
      const rank = (li: string) => {
        const id = /href="#([^"]*)"/.exec(li)?.[1];
        if (id === undefined) return -1;
        const at = html.indexOf(` id="${id}"`);
        return at < 0 ? Number.MAX_SAFE_INTEGER : at;
      };
      const sorted = lis.map((li) => ({ li, rank: rank(li) })).sort((a, b) => a.rank - b.rank);
      return `${open}\n${sorted.map((x) => `        ${x.li}`).join('\n')}\n      ${close}`;
    },
  );
}

/** Fills the error summary's field names in a rendered page (unchanged when it has none). */
export function nameErrorFields(html: string): string {
  if (!html.includes('data-field-label="')) return html;
  return inPageOrder(html).replace(MARKER, (_m, id: string, space: string, first: string, second: string) => {
    const label = fieldLabel(html, id);
    if (!label) return `${space}${first}${second}`;
    // "Šis laukas privalomas." reads on after the name in lower case; "IBAN …" keeps its capitals.
    const lower = /\p{Lu}/u.test(first) && /\p{Ll}/u.test(second) ? first.toLocaleLowerCase() : first;
    return `${space}${label}: ${lower}${second}`;
  });
}
