import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { forgetImpactCache } from '../../src/impact/service.ts';
import { vilniusDate, vilniusPeriod } from '../../src/lib/dates.ts';
import { translate } from '../../src/web/i18n.ts';
import { makeStaff } from '../support/app.ts';
import { qrCodesInPdf } from '../support/qr.ts';
import { PEOPLE, seedStatementsMonth, type StatementsMonth } from '../support/statements-month.ts';
import { documentWidths, noTableOverflow } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const period = vilniusPeriod(new Date());
/** Where the key screenshots are also kept for a person to look at. */
const SHOTS = '/tmp/shots-p17e2e';
const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['laptop', { width: 1280, height: 900 }],
] as const;

/** Nothing wider than the screen: no sideways scroll, no table spilling out of its box. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await documentWidths(page);
  expect(widths.scrollWidth, `${what}: nothing wider than the screen`).to.be.at.most(widths.viewport);
  expect(await noTableOverflow(page), `${what}: no table overflows`).to.deep.equal([]);
}

/** The browser's voices for a language, read in the page after they have had time to load. */
async function voicesFor(page: Page, lang: string): Promise<string[]> {
  // Evaluated in the page (a string: the tests are compiled without the DOM's types).
  const voices = (await page.evaluate(`(async () => {
    if (!('speechSynthesis' in window)) return [];
    const list = () => window.speechSynthesis.getVoices().map((v) => v.lang.toLowerCase());
    if (list().length === 0)
      await new Promise((resolve) => {
        window.speechSynthesis.addEventListener('voiceschanged', resolve, { once: true });
        setTimeout(resolve, 1000);
      });
    return list();
  })()`)) as string[];
  return voices.filter((v) => v === lang || v.startsWith(`${lang}-`) || v.startsWith(`${lang}_`));
}

/** Submits a form with its button and waits for the page the server answers with. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), button.click()]);
  await page.waitForLoadState('load');
}

describe("e2e: a participant's own page and the public impact page", function () {
  this.timeout(300_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };
  let month: StatementsMonth;
  /** The own-page link of the second participant, once the staff walk has issued it. */
  let ownPath = '';

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    month = await seedStatementsMonth(e2e.storage, e2e.config, period, {
      id: admin.id,
      name: 'Administratorė',
    });
    forgetImpactCache();
    await mkdir(SHOTS, { recursive: true });
  });

  /** Downloads the card from the staff page's button: a PDF whose one QR code is the link. */
  async function downloadCard(page: Page): Promise<string> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: translate('lt', 'ownPage.staff.card') }).click(),
    ]);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1'), 'the card is a PDF').to.equal('%PDF-');
    const codes = await qrCodesInPdf(pdf);
    expect(codes, 'one QR code on the card').to.have.length(1);
    const url = new URL(codes[0]!);
    expect(url.origin).to.equal(e2e.baseUrl);
    expect(url.pathname).to.match(/^\/p\/[A-Za-z0-9_-]{24}$/);
    return url.pathname;
  }

  it('staff issue the card, renew the link with the confirmation, and record a withdrawn consent', async () => {
    const j = await new Journey('own-page-staff').start();
    const keep = (name: string) => copyFile(j.files.at(-1)!, path.join(SHOTS, `staff-${name}.png`));
    const id = month.participants[1]!;
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, admin);

    // From the list to the participant: no link yet, so no card to print.
    await page.goto('/admin/participants');
    await page.getByRole('link', { name: PEOPLE[1]! }).first().click();
    await page.waitForURL((url) => url.pathname === `/admin/participants/${id}`);
    expect(await page.locator('[data-own-link="off"]').count()).to.equal(1);
    await j.shot(page, 'participant-no-link');

    // The first link needs no confirmation: nothing stops working.
    await submit(page, page.getByRole('button', { name: translate('lt', 'ownPage.staff.renew') }));
    await page.locator('[data-own-link="on"]').waitFor();
    await j.shot(page, 'participant-link-on');
    await keep('link-on');
    const first = await downloadCard(page);
    const participant = await e2e.newContext();
    const own = await participant.newPage();
    expect((await own.goto(first))!.status()).to.equal(200);
    await own.getByRole('heading', { name: `Sveiki, ${PEOPLE[1]}!` }).waitFor();

    // Renewing without ticking the confirmation is stopped by the form; ticked, it goes through.
    const renew = page.locator(`form[action$="/own-page/renew"]`);
    await renew.getByRole('button').click();
    expect(new URL(page.url()).pathname, 'still on the page, nothing sent').to.equal(
      `/admin/participants/${id}`,
    );
    expect(await renew.locator('input[name=confirm]:invalid').count(), 'the box is required').to.equal(1);
    expect(await downloadCard(page), 'not renewed without the confirmation').to.equal(first);
    await renew.getByLabel(translate('lt', 'ownPage.staff.renewConfirm')).check();
    await j.shot(page, 'participant-renew-confirmed');
    await submit(page, renew.getByRole('button'));
    expect(new URL(page.url()).pathname).to.equal(`/admin/participants/${id}`);
    const second = await downloadCard(page);
    expect(second).not.to.equal(first);
    expect((await own.goto(first))!.status(), 'the old card stops at once').to.equal(404);
    expect(await own.locator('body').innerText()).not.to.contain(PEOPLE[1]!);
    await j.shot(own, 'old-link-404', { axe: false });
    expect((await own.goto(second))!.status()).to.equal(200);
    ownPath = second;

    // A withdrawal of the photo consent, with its date.
    const today = vilniusDate(new Date());
    const consent = page.locator(`form[action$="/consents"]`);
    await consent.getByLabel(translate('lt', 'consent.kinds.photos')).check();
    await consent.getByLabel(translate('lt', 'consent.withdrawn'), { exact: true }).check();
    await consent.locator('input[name=on]').fill(today);
    await submit(page, consent.getByRole('button', { name: translate('lt', 'consent.record') }));
    expect(new URL(page.url()).pathname).to.equal(`/admin/participants/${id}`);
    const history = page.locator('[data-consent-history] li');
    await history.first().waitFor();
    expect(await history.allInnerTexts()).to.satisfy((lines: string[]) =>
      lines.some((l) =>
        l.startsWith(
          `${today} · ${translate('lt', 'consent.kinds.photos')}: ${translate('lt', 'consent.withdrawn')}`,
        ),
      ),
    );
    await j.shot(page, 'consent-withdrawn');
    await keep('consent-withdrawn');
    await own.goto(second);
    const words = (await own.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(words).to.contain(translate('lt', 'ownPage.consent.photos.no'));
    expect(words).to.contain(today);
    await context.close();
    await participant.close();
  });

  for (const lang of ['lt', 'en'] as const) {
    it(`shows the participant their month on a phone and a laptop, accessible, without sideways scroll (${lang})`, async () => {
      expect(ownPath, 'the staff walk issued the link').to.match(/^\/p\//);
      const j = await new Journey(`own-page-${lang}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      await page.goto(`/lang/${lang}?next=${encodeURIComponent(ownPath)}`);
      await page.waitForURL(`**${ownPath}`);
      expect(await page.locator('html').getAttribute('lang')).to.equal(lang);
      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(ownPath);
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await page.locator('[data-own="amount"]').innerText()).to.match(/\d/);
        expect(await page.locator('.own-items li').count(), 'the things they worked on').to.be.at.least(1);
        await expectNoSidewaysScroll(page, `${lang} ${name}`);

        // Read aloud only where the browser has a voice in the page's language.
        const button = page.locator('[data-read-aloud]');
        expect(await button.count()).to.equal(1);
        const voices = await voicesFor(page, lang);
        expect(await button.isVisible(), `voices for ${lang}: ${voices.join(', ') || 'none'}`).to.equal(
          voices.length > 0,
        );
        await j.shot(page, `own-${name}`);
        await copyFile(j.files.at(-1)!, path.join(SHOTS, `own-${lang}-${name}.png`));
      }
      await context.close();
    });
  }

  it('offers read-aloud only when the browser has a voice in the page language', async () => {
    // A browser that reports one Lithuanian voice (getVoices is the only thing the page asks).
    const context = await e2e.newContext();
    await context.addInitScript(`{
      const voice = { lang: 'lt-LT', name: 'Testinis balsas', default: true, localService: true, voiceURI: 'lt' };
      Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [voice] });
    }`);
    const page = await context.newPage();
    await page.goto(`/lang/lt?next=${encodeURIComponent(ownPath)}`);
    await page.waitForURL(`**${ownPath}`);
    const button = page.getByRole('button', { name: translate('lt', 'ownPage.readAloud') });
    await button.waitFor();
    expect(await button.isVisible(), 'a Lithuanian voice: the button is offered').to.equal(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, 'own-lt-phone-with-voice.png') });
    // The same voice on the English page: not the page's language, so no button.
    await page.goto(`/lang/en?next=${encodeURIComponent(ownPath)}`);
    await page.waitForURL(`**${ownPath}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('[data-read-aloud]').isVisible(), 'no English voice: no button').to.equal(
      false,
    );
    await context.close();
  });

  for (const mode of ['lt', 'en', 'easy'] as const) {
    it(`shows /impact on a phone and a laptop, accessible, without sideways scroll (${mode})`, async () => {
      const j = await new Journey(`impact-${mode}`).start();
      const context = await e2e.newContext();
      const page = await context.newPage();
      const lang = mode === 'en' ? 'en' : 'lt';
      await page.goto(`/lang/${lang}?next=/impact`);
      if (mode === 'easy') await page.goto('/easy-read/on?next=/impact');
      await page.waitForURL('**/impact');
      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto('/impact');
        await page
          .getByRole('heading', { level: 1, name: translate(lang, 'impact.title', {}, mode === 'easy') })
          .waitFor();
        await page.locator(`tr[data-period="${period}"]`).waitFor({ state: 'attached' });
        expect(await page.locator('.impact-lead').innerText()).to.equal(
          translate(lang, 'impact.lead', {}, mode === 'easy'),
        );
        await expectNoSidewaysScroll(page, `${mode} ${name}`);
        await j.shot(page, `impact-${name}`);
        await copyFile(j.files.at(-1)!, path.join(SHOTS, `impact-${mode}-${name}.png`));
      }
      await context.close();
    });
  }
});
