/**
 * Browser harness: the app in-process on a loopback port with its own database (on the server
 * test/support/global.ts starts), and Debian's chromium driven headless by playwright-core.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createApp, ROOT } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { randomName } from '../../src/lib/ids.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { settingsForm } from '../../src/settings/schemas.ts';
import { saveSettings } from '../../src/settings/service.ts';
import { testDatabaseUri } from '../support/global.ts';
import { testStripeEnv } from '../support/stripe.ts';
import { expectAccessible, printLesserFindings } from './axe.ts';

export const SCREENSHOTS_DIR = path.join(ROOT, 'test-results', 'e2e');

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` on PATH. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const found = ['/usr/bin/chromium', ...onPath.map((dir) => path.join(dir, 'chromium'))].find(executable);
  if (found) return found;
  throw new Error(
    "No chromium found for the browser tests. Install Debian's package (`apt-get install chromium`) " +
      'or set CHROMIUM_PATH to a Chromium/Chrome executable.',
  );
}

export function launchBrowser(): Promise<Browser> {
  // The sandbox needs user namespaces a root process (CI containers) does not get.
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: asRoot ? ['--no-sandbox'] : [],
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface E2eApp {
  app: Express;
  config: Config;
  storage: LocalDiskStorage;
  /** `http://127.0.0.1:<port>`, also the app's PUBLIC_URL. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) that only reaches the app. */
  newContext(opts?: { bypassCSP?: boolean }): Promise<BrowserContext>;
}

/**
 * Registers before/after hooks (use inside a `describe`): a fresh database, uploads directory and
 * app listening on a free loopback port, card payments on (stripe-mock) unless `stripe: false`,
 * and a headless chromium.
 */
export function useE2eApp(opts: { stripe?: boolean } = {}): E2eApp {
  const ctx = {} as E2eApp;
  let server: Server | undefined;
  let uploadsDir: string | undefined;
  const contexts: BrowserContext[] = [];

  before(async function () {
    this.timeout(60_000);
    await connectDatabase(testDatabaseUri(), `e2e_${randomName(6)}`);
    await ensureIndexes();
    uploadsDir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-e2e-uploads-'));
    // The port is known only once listening, and PUBLIC_URL (Stripe's return URLs) needs it.
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    ctx.baseUrl = `http://127.0.0.1:${port}`;
    ctx.config = loadConfig({
      NODE_ENV: 'test',
      UPLOADS_DIR: uploadsDir,
      PUBLIC_URL: ctx.baseUrl,
      ...(opts.stripe === false ? {} : testStripeEnv()),
    });
    ctx.storage = new LocalDiskStorage(uploadsDir);
    ctx.app = createApp({
      config: ctx.config,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      storage: ctx.storage,
      mediaDir: uploadsDir,
    });
    server.on('request', ctx.app);
    ctx.browser = await launchBrowser();
    ctx.newContext = async (contextOpts = {}) => {
      const context = await ctx.browser.newContext({
        baseURL: ctx.baseUrl,
        locale: 'lt-LT',
        viewport: { width: 1280, height: 900 },
        bypassCSP: contextOpts.bypassCSP ?? false,
      });
      // Nothing leaves the machine: any other host (Stripe Checkout included) is answered here, a
      // page by a stand-in naming the address it replaces.
      await context.route(
        (url) => url.origin !== ctx.baseUrl,
        (route) =>
          route.request().isNavigationRequest()
            ? route.fulfill({
                status: 200,
                contentType: 'text/html; charset=utf-8',
                body: `<!doctype html><title>Stand-in</title><p>Not loaded in tests: ${escapeHtml(route.request().url())}</p>`,
              })
            : route.fulfill({ status: 204, body: '' }),
      );
      context.on('page', (page) => page.on('framenavigated', () => (lastNavigated = page)));
      contexts.push(context);
      openedInTest.push(context);
      return context;
    };
  });

  let openedInTest: BrowserContext[] = [];
  let lastNavigated: Page | undefined;
  beforeEach(() => {
    openedInTest = [];
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    // What the browser showed when the test failed: the pages this test opened and the last page
    // that navigated (suites may share a page across tests).
    const pages = new Set(openedInTest.flatMap((c) => c.pages()));
    if (lastNavigated && !lastNavigated.isClosed()) pages.add(lastNavigated);
    const dir = path.join(SCREENSHOTS_DIR, 'failures');
    await mkdir(dir, { recursive: true });
    const title = test
      .fullTitle()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .slice(-100);
    for (const [i, page] of [...pages].entries()) {
      const file = path.join(dir, `${title}-${i + 1}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.log(`    failure screenshot: ${path.relative(ROOT, file)} (${page.url()})`);
    }
  });

  after(async () => {
    printLesserFindings();
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    await ctx.browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await disconnectDatabase();
    if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
  });

  return ctx;
}

/**
 * Numbered full-page screenshots of one journey (test-results/e2e/<journey>/<nn>-<step>.png), each
 * page also checked by axe-core.
 */
export class Journey {
  readonly dir: string;
  private step = 0;
  readonly files: string[] = [];

  constructor(name: string) {
    this.dir = path.join(SCREENSHOTS_DIR, name);
  }

  async start(): Promise<this> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    return this;
  }

  /** Saves the step's screenshot, then has axe-core check the page (unless `axe: false`). */
  async shot(page: Page, step: string, opts: { axe?: boolean } = {}): Promise<void> {
    this.step += 1;
    const file = path.join(this.dir, `${String(this.step).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    this.files.push(file);
    if (opts.axe !== false) await expectAccessible(page);
  }
}

/** Signs in through the login form in this browser context. */
export async function signInWithForm(page: Page, creds: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(creds.email);
  await page.locator('#password').fill(creds.password);
  await page.locator('form.form button[type=submit]').click();
  // Signed in, the browser lands on the dashboard; sent back to /login, the new session was not found.
  await page.waitForURL((url) => url.pathname === '/admin' || url.searchParams.has('next'));
  if (new URL(page.url()).pathname !== '/admin') {
    throw new Error(`signing in as ${creds.email} ended on ${page.url()}, not on the dashboard`);
  }
}

/** The organisation's details as an administrator enters them in settings (the bank details included). */
export const ORGANISATION = {
  displayName: 'Dirbtuvės Testas',
  legalName: 'VšĮ Dirbtuvės Testas',
  companyCode: '123456789',
  iban: 'LT12 1000 0111 0100 1000',
  bankName: 'Testo bankas',
};

export async function seedOrganisation(): Promise<void> {
  await saveSettings(
    settingsForm.parse({
      ...ORGANISATION,
      vatCode: '',
      address: 'Gedimino pr. 1, Vilnius',
      email: 'info@example.lt',
      phone: '+37060000001',
      defaultVatRate: '0',
      courierFee: '4,50',
      parcelLockerFee: '2,99',
      transferDueDays: '7',
      aboutLt: '',
      aboutEn: '',
    }),
  );
}

/**
 * Clicks (a submit button, a link) and waits until the page it leads to has loaded; unlike waiting
 * for a URL, this also works when the form redirects back to the page it is on.
 */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    target.click(),
  ]);
  await page.waitForLoadState('load');
}
