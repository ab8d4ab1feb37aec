/** Small helpers shared by the integration tests (not a spec file: mocha only runs `*.test.ts`). */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { translate, type Params } from '../../src/web/i18n.ts';
import type { ProductInput } from '../../src/catalog/schemas.ts';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import type { FileStorage } from '../../src/media/storage.ts';
import type { CheckoutInput } from '../../src/orders/schemas.ts';
import { pino } from 'pino';
import { buildCommerce } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { placeOrder } from '../../src/orders/placement.ts';
import { markPaid } from '../../src/orders/transitions.ts';
import { getSettings } from '../../src/settings/service.ts';
import type { Agent } from '../support/app.ts';

export const SESSION_COOKIE = 'dv.sid';

/** A Lithuanian message as the pages show it. */
export function lt(key: string, params: Params = {}): string {
  return translate('lt', key, params);
}

/** Undoes Handlebars' HTML escaping so page text can be compared with plain messages. */
export function unescapeHtml(html: string): string {
  return html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The page contains this translated message. */
export function expectMessage(html: string, key: string, params: Params = {}): void {
  expect(unescapeHtml(html)).to.contain(lt(key, params));
}

/** The opening tag of the form control with this id (input, select or textarea). */
export function controlTag(html: string, id: string): string {
  const m = new RegExp(`<(?:input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!m) throw new Error(`no form control #${id} on the page`);
  return m[0];
}

/** The field is marked invalid and shows the translated message next to it. */
export function expectFieldError(html: string, id: string, key: string, params: Params = {}): void {
  expect(controlTag(html, id), `#${id} marked invalid`).to.contain('aria-invalid="true"');
  const m = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html);
  expect(m, `#${id} has an error message`).to.not.equal(null);
  expect(unescapeHtml(m![1]!)).to.equal(lt(key, params));
}

/**
 * Waits until `holds` is true, for work the app finishes after it has answered (an e-mail sent in the
 * background). Polls without a fixed pause to race against; fails naming `what` after `timeoutMs`,
 * kept well inside mocha's 30 s so a busy machine only makes it slower.
 */
export async function waitFor(
  what: string,
  holds: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await holds())) {
    if (performance.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The Set-Cookie lines of a response. */
export function setCookies(res: Response): string[] {
  const raw = res.headers['set-cookie'] as unknown;
  if (!raw) return [];
  return Array.isArray(raw) ? (raw as string[]) : [String(raw)];
}

/** The Set-Cookie line for one cookie name, if the response sets it. */
export function setCookie(res: Response, name: string): string | undefined {
  return setCookies(res).find((line) => line.startsWith(`${name}=`));
}

/** The value part of a Set-Cookie line. */
export function cookieValue(line: string): string {
  return line.slice(line.indexOf('=') + 1).split(';')[0]!;
}

/** Every file under a directory, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A small PNG made on the fly. */
export function pngImage(width = 64, height = 48, background = '#c96'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

export type FormValue = string | string[];

/** Posts a multipart product form, the CSRF token in the query string (still accepted; the page sends it as a field). */
export function postMultipart(
  agent: Agent,
  url: string,
  token: string,
  fields: Record<string, FormValue>,
  files: { name: string; data: Buffer }[] = [],
) {
  let req = agent.post(`${url}?_csrf=${encodeURIComponent(token)}`);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, v);
  }
  for (const f of files) req = req.attach('images', f.data, f.name);
  return req;
}

/** The id in a `/admin/products/<id>/edit` redirect. */
export function productIdFrom(res: Response): string {
  const m = /^\/admin\/products\/([a-f0-9]{24})\/edit/.exec(String(res.headers.location));
  if (!m) throw new Error(`not a product edit redirect: ${String(res.headers.location)}`);
  return m[1]!;
}

/** How many product cards a public listing shows as its results (not the suggestions after "nothing found"). */
export function cardCount(html: string): number {
  return html.split('id="suggest-')[0]!.match(/<li class="card">/g)?.length ?? 0;
}

/** A complete, valid product input for seeding through the catalogue service. */
export function productInput(
  overrides: Partial<ProductInput> & { titleLt: string; sku: string },
): ProductInput {
  return {
    kind: 'good',
    titleEn: '',
    descriptionLt: '',
    descriptionEn: '',
    unitLt: '',
    unitEn: '',
    slug: '',
    category: '',
    price: 1000,
    vatRate: 0,
    stockMode: 'stock',
    stockQuantity: 5,
    leadTimeDays: 0,
    ...overrides,
  };
}

/** A good created and published through the catalogue service (prices entered with VAT); its id. */
export async function publishedGood(
  storage: FileStorage,
  overrides: Partial<ProductInput> & { titleLt: string; sku: string },
): Promise<string> {
  const product = await createProduct(productInput(overrides), [], storage, { pricesIncludeVat: true });
  await publishProduct(String(product._id));
  return String(product._id);
}

/** A valid checkout form (pickup, bank transfer) as the service receives it. */
export function checkoutInput(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  return {
    name: 'Pirkėjas',
    email: 'p@example.lt',
    phone: '+37060000000',
    delivery: 'pickup',
    address: '',
    city: '',
    postcode: '',
    locker: '',
    payment: 'bank_transfer',
    note: '',
    terms: true,
    ...overrides,
  };
}

/** The one-time key of the form posting to `action` on a page (its hidden `formKey` field). */
export function formKeyFrom(html: string, action: string): string {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const m = /name="formKey" value="([^"]*)"/.exec(form);
  if (!m?.[1]) throw new Error(`the form posting to ${action} has no one-time key`);
  return m[1];
}

/**
 * A paid order of a bag (24,20 €) and a candle (12,10 €), both at 21 % VAT, placed and paid through
 * the orders service: the order's id and the goods' ids.
 */
export async function paidBagAndCandle(t: {
  storage: FileStorage;
  config: Config;
}): Promise<{ orderId: string; bagId: string; candleId: string }> {
  const make = (sku: string, price: number) =>
    publishedGood(t.storage, { titleLt: sku, slug: sku.toLowerCase(), sku, price, vatRate: 2100 });
  const bagId = await make('BAG', 2420);
  const candleId = await make('CANDLE', 1210);
  const order = await placeOrder({
    items: [
      { productId: bagId, quantity: 1 },
      { productId: candleId, quantity: 1 },
    ],
    form: checkoutInput(),
    lang: 'lt',
    settings: await getSettings(),
    cardPaymentsEnabled: false,
  });
  const orderId = String(order._id);
  await markPaid(orderId, buildCommerce(t.config, pino({ level: 'silent' })).context('Staff'));
  return { orderId, bagId, candleId };
}
