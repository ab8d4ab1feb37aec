import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { demoLogo } from '../../src/demo/logo.ts';
import { OutboxMessage, type OutboxDoc } from '../../src/mail/model.ts';
import { formatCents } from '../../src/lib/money.ts';
import { saveQuoteDraft, sendQuote, submitRequest } from '../../src/services/service.ts';
import { createProduct, publishProduct } from '../../src/catalog/service.ts';
import { getSettings, replaceLogo } from '../../src/settings/service.ts';
import { productInput } from '../integration/helpers.ts';
import { translate, type Lang } from '../../src/web/i18n.ts';
import { expectAccessible } from './axe.ts';
import { documentWidths, inFirstScreen, noTableOverflow } from './measure.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';
import { dayFromToday, serviceContext } from '../integration/services-support.ts';

const SHOTS = process.env.SHOTS_DIR ?? path.join('/tmp', 'shots-mail15');
const SCREENS = { laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

describe('e2e: a business answers a quote and reads what happens next (LT and EN, 1366×768 and 390×844)', function () {
  this.timeout(300_000);
  const e2e = useE2eApp({ stripe: false });

  before(async () => {
    await seedOrganisation();
    const service = await createProduct(
      productInput({
        kind: 'service',
        titleLt: 'Dovanų rinkinių pakavimas',
        titleEn: 'Gift set packing',
        sku: 'PASL-PAK',
        stockMode: 'made_to_order',
        unitLt: 'rinkinys',
        unitEn: 'set',
        leadTimeDays: 10,
        price: 150,
      }),
      [],
      e2e.storage,
      await getSettings(),
    );
    await publishProduct(String(service._id));
    await replaceLogo(e2e.storage, [
      { originalName: 'logo.png', buffer: await demoLogo('Dirbtuvės Testas') },
    ]);
    await mkdir(SHOTS, { recursive: true });
  });

  /** A request sent in `lang`, quoted (v1: 40 × 1,50 € at 21 % VAT, 10 working days); its token. */
  async function quotedRequest(lang: Lang): Promise<{ token: string; reference: string }> {
    const ctx = serviceContext(e2e.config);
    const request = await submitRequest(
      {
        companyName: 'UAB Pakuotė',
        companyCode: '304111222',
        vatCode: '',
        address: 'Gedimino pr. 1',
        city: 'Vilnius',
        postcode: 'LT-01103',
        country: 'LT',
        contactName: 'Rūta Pirkėja',
        email: 'ruta@pakuote.example',
        phone: '+370 600 12345',
        service: 'other',
        description: 'Supakuoti 40 dovanų rinkinių renginiui.',
        quantity: 40,
        desiredOn: null,
      },
      [],
      lang,
      ctx,
    );
    const id = String(request._id);
    await saveQuoteDraft(
      id,
      {
        validUntil: dayFromToday(14),
        leadTimeDays: 10,
        terms: '',
        lines: [{ description: 'Rinkinių pakavimas', quantity: 40, unitNetCents: 150, vatRateBps: 2100 }],
      },
      ctx,
    );
    await sendQuote(id, ctx);
    return { token: request.token, reference: request.reference };
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  for (const lang of ['lt', 'en'] as const) {
    for (const [screen, viewport] of Object.entries(SCREENS)) {
      it(`accepts the quote and lands on the next steps (${lang}, ${screen})`, async () => {
        const t = (key: string, params = {}) => translate(lang, key, params);
        const { token, reference } = await quotedRequest(lang);
        const page = await (await e2e.newContext()).newPage();
        await page.setViewportSize(viewport);
        if (lang === 'en') await page.goto('/lang/en');
        await page.goto(`/requests/${token}`);
        await page.getByLabel(t('quote.acceptedByLabel')).fill('Rūta Pirkėja');
        await shot(page, `track-${lang}-${screen}`);
        await clickAndLoad(page, page.getByRole('button', { name: t('quote.accept') }));

        expect(new URL(page.url()).pathname).to.equal(`/requests/${token}/quotes/1/next`);
        expect(await page.locator('h1').textContent()).to.contain(t('answer.heading.accepted'));
        expect(await inFirstScreen(page, 'h1'), 'the answer is in the first screen').to.equal(true);
        expect(
          await inFirstScreen(page, '.next-steps li'),
          'the first next step is in the first screen',
        ).to.equal(true);
        const steps = await page.locator('.next-steps li').allTextContents();
        expect(steps.map((s) => s.trim())).to.deep.equal([
          t('request.next.accepted.schedule'),
          t('request.next.accepted.work', { days: 10 }),
          t('request.next.accepted.invoice'),
        ]);
        const total = formatCents(7260, lang === 'en' ? 'en-IE' : 'lt-LT');
        expect(await page.locator('.totals').textContent()).to.contain(total);
        expect(await noTableOverflow(page)).to.deep.equal([]);
        const widths = await documentWidths(page);
        expect(widths.scrollWidth, 'no sideways scrolling').to.be.at.most(widths.viewport);
        await shot(page, `next-${lang}-${screen}`);
        await expectAccessible(page);

        // The request page now says accepted and lists the quote's answer.
        await clickAndLoad(page, page.getByRole('link', { name: t('answer.toRequest') }));
        expect(await page.locator('[data-state]').first().getAttribute('data-state')).to.equal('accepted');

        // The confirmation e-mail, as a mail program shows it: the logo, the facts, in the right language.
        const mail = await OutboxMessage.findOne({ reference, kind: 'request.accepted' }).lean<OutboxDoc>();
        expect(mail!.lang).to.equal(lang);
        const view = await (await e2e.newContext()).newPage();
        await view.setViewportSize(viewport);
        await view.goto('/healthz');
        await view.setContent(mail!.html, { waitUntil: 'load' });
        const logo = view.locator('img').first();
        expect(await logo.getAttribute('alt')).to.equal('Dirbtuvės Testas');
        expect(
          await logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        ).to.be.greaterThan(0);
        expect(await view.locator('body').innerText()).to.contain(total);
        const mailWidths = await documentWidths(view);
        expect(mailWidths.scrollWidth, 'the e-mail fits the screen').to.be.at.most(mailWidths.viewport);
        await shot(view, `mail-accepted-${lang}-${screen}`);
        // Dark mode: light text on a dark ground, not dark on dark.
        await view.emulateMedia({ colorScheme: 'dark' });
        const colours = await view
          .locator('td.content > div')
          .first()
          .evaluate((el) => {
            const style = (
              globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
            ).getComputedStyle(el);
            return style.color;
          });
        expect(colours).to.equal('rgb(230, 237, 243)');
        if (screen === 'laptop') await shot(view, `mail-accepted-${lang}-${screen}-dark`);
      });
    }
  }

  it('declines a quote and reads its next steps (lt, phone)', async () => {
    const { token } = await quotedRequest('lt');
    const page = await (await e2e.newContext()).newPage();
    await page.setViewportSize(SCREENS.phone);
    await page.goto(`/requests/${token}`);
    await page.getByLabel(translate('lt', 'quote.declineReason')).fill('Per brangu šiemet');
    await clickAndLoad(page, page.getByRole('button', { name: translate('lt', 'quote.decline') }));
    expect(new URL(page.url()).pathname).to.equal(`/requests/${token}/quotes/1/next`);
    expect(await page.locator('[data-answer]').getAttribute('data-answer')).to.equal('declined');
    expect(await page.locator('.totals').textContent()).to.contain('Per brangu šiemet');
    await shot(page, 'next-declined-lt-phone');
    await expectAccessible(page);
  });

  it('shows one call to action per service and the quote e-mail with its PDF (laptop)', async () => {
    const page = await (await e2e.newContext()).newPage();
    await page.setViewportSize(SCREENS.laptop);
    await page.goto('/services');
    expect(await page.locator('.service').count()).to.equal(1);
    expect(await page.locator('.service a.button').count(), 'one call to action per service').to.equal(1);
    await shot(page, 'services-lt-laptop');
    await expectAccessible(page);
    const { reference } = await quotedRequest('lt');
    const mail = await OutboxMessage.findOne({ reference, kind: 'request.quote' }).lean<OutboxDoc>();
    expect(mail!.attachments).to.have.length(1);
    await page.goto('/healthz');
    await page.setContent(mail!.html, { waitUntil: 'load' });
    expect(await page.locator('body').innerText()).to.contain(`${reference}-v1.pdf`);
    await shot(page, 'mail-quote-lt-laptop');
  });

  it('shows the logo page and an e-mail in the outbox, framed, with its attachment (admin, both screens)', async () => {
    const { reference } = await quotedRequest('en');
    const mail = await OutboxMessage.findOne({ reference, kind: 'request.quote' }).lean<OutboxDoc>();
    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, await makeStaff('admin'));
    for (const [screen, viewport] of Object.entries(SCREENS)) {
      await page.setViewportSize(viewport);
      await page.goto('/admin/settings/logo');
      expect(
        await page
          .locator('[data-logo] img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).to.be.greaterThan(0);
      await shot(page, `settings-logo-${screen}`);
      await expectAccessible(page);
      await page.goto(`/admin/outbox/${String(mail!._id)}`);
      expect(await page.locator('[data-attachments] a').textContent()).to.equal(`${reference}-v1.pdf`);
      const frame = page.frameLocator('iframe.mail-preview');
      await frame.locator('body').waitFor();
      expect(await frame.locator('body').innerText()).to.contain(`${reference}-v1.pdf`);
      expect(await documentWidths(page).then((w) => w.scrollWidth <= w.viewport)).to.equal(true);
      await shot(page, `outbox-message-${screen}`);
      await page
        .locator('iframe.mail-preview')
        .screenshot({ path: path.join(SHOTS, `outbox-preview-${screen}.png`) });
      await expectAccessible(page);
    }
  });
});
