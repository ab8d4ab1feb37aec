import { expect } from 'chai';
import type { Express } from 'express';
import { seedDemo } from '../../src/demo/seed.ts';
import { messageKeys } from '../../src/web/i18n.ts';
import type { Role } from '../../src/staff/model.ts';
import { createStaff } from '../../src/staff/service.ts';
import { signIn, useTestApp, type Agent } from '../support/app.ts';
import { attr, textOf } from './page-forms.ts';

/** Namespaces of message keys and of the codes events and e-mails are stored under. */
const NAMESPACES = new Set([
  ...messageKeys('lt').map((k) => k.split('.')[0]!),
  ...['order', 'request', 'quote', 'invoice', 'job', 'payment', 'refund', 'mail', 'stipend', 'participant'],
]);

/** Lower-case English words that are stored codes (roles, actors, states, kinds) when read in Lithuanian. */
const CODE_WORDS = [
  'customer',
  'staff',
  'system',
  'business',
  'received',
  'quote',
  'quoted',
  'paid',
  'pending',
  'draft',
  'sent',
  'accepted',
  'declined',
  'invoiced',
  'completed',
  'cancelled',
  'refunded',
  'ready',
  'submitted',
  'assigned',
  'expired',
  'scheduled',
  'processing',
  'card',
  'pickup',
  'courier',
  'admin',
  'marketing',
  'master',
  'order',
  'request',
  'invoice',
  'note',
  'new',
  'state',
  'webhook',
];

/**
 * What a person reads on a page: its text without scripts, and the attribute texts that are read out
 * or shown (title, aria-label, placeholder, alt, the value of buttons). Parts marked as written in
 * another language (`lang="en"` on a Lithuanian page: an e-mail to an English customer, say) are left
 * out; e-mail addresses, web addresses and paths are dropped.
 */
export function readableText(html: string, pageLang: string): string {
  let body = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ');
  body = dropOtherLanguage(body, pageLang);
  // What was typed into a form is the user's text, not the page's.
  body = body.replace(/<textarea\b[^>]*>[\s\S]*?<\/textarea>/g, ' ');
  // An account's code shown under its name for the accountant (the ledger) is there on purpose.
  body = body.replace(/<small class="muted account-code"[^>]*><code>[^<]*<\/code><\/small>/g, ' ');
  const attrs: string[] = [];
  for (const m of body.matchAll(/<[a-z][^>]*>/g)) {
    const tag = m[0];
    for (const name of ['title', 'aria-label', 'placeholder', 'alt', 'data-confirm']) {
      const v = attr(tag, name);
      if (v) attrs.push(v);
    }
    const type = attr(tag, 'type');
    if (/^<(button|input)\b/.test(tag) && (type === 'submit' || type === 'button'))
      attrs.push(attr(tag, 'value') ?? '');
  }
  return [textOf(body), ...attrs]
    .join(' \n ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/(^|\s)\/[\w/.?=&%:-]+/g, ' ');
}

/** The page without the elements whose `lang` differs from the page's. */
function dropOtherLanguage(html: string, pageLang: string): string {
  let out = html;
  for (;;) {
    const open = new RegExp(`<([a-z0-9]+)\\b[^>]*\\slang="(?!${pageLang}")[a-z-]+"[^>]*>`, 'i').exec(out);
    if (!open || open.index === 0) return out;
    const tag = open[1]!;
    // Find the matching close tag, counting nested elements of the same name.
    const re = new RegExp(`<${tag}\\b[^>]*>|</${tag}>`, 'gi');
    re.lastIndex = open.index + open[0].length;
    let depth = 1;
    let end = out.length;
    for (let m = re.exec(out); m; m = re.exec(out)) {
      depth += m[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = m.index + m[0].length;
        break;
      }
    }
    out = out.slice(0, open.index) + ' ' + out.slice(end);
  }
}

/** Raw codes found in a page's readable text, each with a little of the text around it. */
export function rawCodes(text: string, lang: string): string[] {
  const found = new Map<string, string>();
  const add = (code: string, at: number) => {
    if (!found.has(code))
      found.set(code, `${code} in “…${text.slice(Math.max(0, at - 30), at + code.length + 30)}…”`);
  };
  for (const m of text.matchAll(/\b[a-z][a-zA-Z_]*(?:\.[a-z][a-zA-Z_]*)+\b/g)) {
    if (NAMESPACES.has(m[0].split('.')[0]!)) add(m[0], m.index);
  }
  for (const m of text.matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)) add(m[0], m.index);
  for (const m of text.matchAll(/\b\d{1,3}(?:\.\d{1,3}){3}\b|::1\b|::ffff:[\d.]+/g))
    add(`IP ${m[0]}`, m.index);
  if (lang === 'lt') {
    // Words of a dotted code were reported with it.
    const words = new RegExp(`(?<![\\p{L}\\d_.-])(${CODE_WORDS.join('|')})(?![\\p{L}\\d_.-])`, 'gu');
    for (const m of text.matchAll(words)) add(m[0], m.index);
  }
  return [...found.values()];
}

/** A page's pattern: ids, periods, dates and numbers made placeholders, query values dropped. */
function patternOf(url: string): string {
  const [path, query = ''] = url.split('?');
  const p = path!
    .replace(/\/[a-f0-9]{24}(?=\/|$)/g, '/:id')
    .replace(/\/\d{4}-\d{2}(-\d{2})?(?=\/|$)/g, '/:period')
    .replace(/\/[A-Za-z0-9_-]{20,}(?=\/|$)/g, '/:token')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
  const keys = [...new URLSearchParams(query).keys()].sort().join('&');
  return keys ? `${p}?${keys}` : p;
}

// The stored HTML of an e-mail is the e-mail itself, in its reader's language, not a page of the app.
const SKIP =
  /\/outbox\/[a-f0-9]{24}\/html|\.(csv|pdf|xml|txt)(\?|$)|\/pdf(\?|$)|\/attachments\/|\/media\/|\/logout|\/lang\/|\/easy-read/;

/** Follows every staff link from the dashboard (a few pages per pattern); the pages it could open. */
async function crawl(agent: Agent, perPattern: number): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const seen = new Set<string>();
  const perKey = new Map<string, number>();
  const queue = ['/admin'];
  while (queue.length) {
    const url = queue.shift()!;
    const res = await agent.get(url);
    if (res.status !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
    pages.set(url, res.text);
    for (const m of res.text.matchAll(/<a\b[^>]*>/g)) {
      const href = attr(m[0], 'href');
      if (!href || !href.startsWith('/admin') || SKIP.test(href) || seen.has(href)) continue;
      seen.add(href);
      const key = patternOf(href);
      const n = perKey.get(key) ?? 0;
      // Filters and pages of a list: one of each is enough.
      if (n >= (href.includes('?') ? 1 : perPattern)) continue;
      perKey.set(key, n + 1);
      queue.push(href);
    }
  }
  return pages;
}

const NAMES: Record<Role, string> = {
  admin: 'Aušra Vaitkienė',
  marketing: 'Jonas Petraitis',
  master: 'Gintarė Stankevičienė',
};

async function asRole(app: Express, role: Role, lang: 'lt' | 'en'): Promise<Agent> {
  const email = `${role}-${lang}@words.example`;
  await createStaff({ email, name: NAMES[role], role, password: 'correct horse battery' });
  const agent = await signIn(app, { email, password: 'correct horse battery' });
  if (lang === 'en') await agent.get('/lang/en?next=/admin').expect(303);
  return agent;
}

/** Staff pages, opened by each role with the demo workshop's data, speak in words, not in stored codes. */
describe('staff pages show words, not codes', function () {
  this.timeout(300_000);
  const t = useTestApp();

  before(async () => {
    await seedDemo({ storage: t.storage, log: () => {}, reset: false });
  });

  it('finds codes the way it should (the scanner itself)', () => {
    const html =
      '<p>Gauta <b>request.received</b> customer (127.0.0.1)</p><p lang="en">Your order is paid</p>' +
      '<button type="submit" value="x" title="ordersAdmin.event.paid">Go</button>' +
      '<p>rasa@dirbtuves.test planas.pdf https://example.lt/a.b 12.50 € /admin/orders?state=paid</p>';
    expect(
      rawCodes(readableText(html, 'lt'), 'lt')
        .map((c) => c.split(' in ')[0])
        .sort(),
    ).to.deep.equal(['IP 127.0.0.1', 'customer', 'ordersAdmin.event.paid', 'request.received'].sort());
  });

  for (const lang of ['lt', 'en'] as const) {
    it(`in ${lang === 'lt' ? 'Lithuanian' : 'English'}, for every role on every page it can open`, async () => {
      const problems: string[] = [];
      const visited = new Set<string>();
      for (const role of ['admin', 'marketing', 'master'] as const) {
        const pages = await crawl(await asRole(t.app, role, lang), lang === 'lt' ? 4 : 2);
        for (const [url, html] of pages) {
          visited.add(patternOf(url).split('?')[0]!);
          const codes = rawCodes(readableText(html, lang), lang);
          if (codes.length) problems.push(`${role} ${url}: ${codes.join(', ')}`);
        }
      }
      // The crawl reached the pages with the most stored codes (and opened them with data).
      for (const page of ['/admin/orders/:id', '/admin/requests/:id', '/admin/outbox/:id', '/admin/ledger']) {
        expect([...visited], page).to.include(page);
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
