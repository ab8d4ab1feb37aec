import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { postEntry } from '../../src/ledger/service.ts';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { updateParticipant } from '../../src/participants/register.ts';
import { shiftPeriod } from '../../src/participants/periods.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { finalisePeriod } from '../../src/stipends/service.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';
import { onaAndJonas, TEST_IBAN } from '../support/two-participants.ts';

const period = shiftPeriod(vilniusPeriod(new Date()), -1);
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function setLang(page: Page, lang: 'lt' | 'en', next: string) {
  await page.goto(`/lang/${lang}?next=${encodeURIComponent(next)}`);
}

/** Clicks the download link and returns the file's message id (MsgId). */
async function downloadMessageId(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-sepa-download]').click(),
  ]);
  const xml = await readFile((await download.path())!, 'utf8');
  const m = /<MsgId>([^<]+)<\/MsgId>/.exec(xml);
  expect(m, 'a message id in the file').to.not.equal(null);
  return m![1]!;
}

describe('e2e: the administrator downloads the month’s payment file once', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    const actor = { id: admin.id, role: 'admin', name: 'Administratorė' };
    // Jonas's account is removed after finalising (below): the file then names him as missing.
    const people = await onaAndJonas(actor, [period], [TEST_IBAN, 'LT601010012345678901']);
    // A month's sale (no one recorded as its maker: it is shared by attendance), so there is a pool.
    const [y, m] = period.split('-').map(Number) as [number, number];
    await postEntry({
      idempotencyKey: 'e2e:sale',
      kind: 'order_paid',
      reference: { type: 'order', id: 'e2e-sale', label: '2026-00001' },
      postedAt: new Date(Date.UTC(y, m - 1, 15, 10)),
      lines: [
        { account: 'assets:bank', debitCents: 40_000 },
        { account: 'income:products', creditCents: 40_000 },
      ],
    });
    await finalisePeriod(period, actor);
    await updateParticipant(
      people[1]!,
      {
        displayName: 'Jonas Ąžuolas',
        code: 'B-2',
        startDate: '2020-01-01',
        endDate: null,
        consentToName: false,
        publicName: '',
        iban: null,
      },
      actor,
    );
  });

  it('is refused with a page that links to what is missing, at both sizes', async () => {
    const j = await new Journey('stipends-sepa-missing').start();
    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, admin);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      const res = await page.goto(`/admin/stipends/${period}/sepa.xml`);
      expect(res!.status()).to.equal(409);
      const links = await page
        .locator('[data-missing] a')
        .evaluateAll((as) =>
          as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')),
        );
      expect(links).to.have.length(2);
      expect(links[0]).to.equal('/admin/settings#bic');
      expect(links[1]).to.match(/^\/admin\/participants\/[a-f0-9]{24}\/edit#iban$/);
      expect(await page.locator('[data-missing-bulk]').isVisible()).to.equal(true);
      await j.shot(page, `missing-${size.name}`);
    }
    // The fixes: the organisation's BIC in the settings, the participant's account on their page.
    await page.goto('/admin/settings');
    await page.locator('#bic').fill('habalt22');
    await page.locator('#bic').scrollIntoViewIfNeeded();
    await j.shot(page, 'settings-bic');
    await clickAndLoad(page, page.locator('form.form button[type=submit]'));
    expect(await SettingsModel.findById('organisation', { bic: 1 }).lean()).to.deep.include({
      bic: 'HABALT22',
    });
    const left = await page.goto(`/admin/stipends/${period}/sepa.xml`);
    expect(left!.status()).to.equal(409);
    expect(await page.locator('[data-missing] a').count()).to.equal(1);
    await clickAndLoad(page, page.locator('[data-missing] a').first());
    await page.locator('#iban').fill('LT60 1010 0123 4567 8901');
    await clickAndLoad(page, page.locator('form.form button[type=submit]'));
    await page.goto(`/admin/stipends/${period}`);
    expect(await page.locator('[data-sepa-issued="none"]').count(), 'nothing issued by a refusal').to.equal(
      1,
    );
  });

  it('gives the same message id on a second download and says it was downloaded, in LT and EN', async () => {
    const j = await new Journey('stipends-sepa-download').start();
    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, admin);
    const month = `/admin/stipends/${period}`;
    const ids: string[] = [];
    for (const [i, size] of SIZES.entries()) {
      const lang = i === 0 ? 'lt' : 'en';
      await page.setViewportSize({ width: size.width, height: size.height });
      await setLang(page, lang, month);
      await j.shot(page, `before-${size.name}-${lang}`);
      ids.push(await downloadMessageId(page));
      await page.reload();
      const shown = await page.locator('[data-sepa-message-id]').textContent();
      expect(shown).to.equal(ids[0]);
      const warning = page.locator('[data-sepa-downloaded]');
      expect(await warning.getAttribute('data-sepa-downloaded')).to.equal(String(i + 1));
      expect(await warning.textContent()).to.contain(
        lang === 'lt' ? 'Neįkelkite jo į banką dar kartą' : 'Do not upload it to the bank again',
      );
      // The payment file block fits the screen (the month's allocation table is measured elsewhere).
      const fit = await page.evaluate<{ scroll: number; client: number; right: number; viewport: number }>(
        `(() => { const el = document.querySelector('[data-sepa]'); return { scroll: el.scrollWidth,
          client: el.clientWidth, right: el.getBoundingClientRect().right, viewport: window.innerWidth }; })()`,
      );
      expect(fit.scroll, `payment file block at ${size.name}`).to.be.at.most(fit.client + 1);
      expect(fit.right).to.be.at.most(fit.viewport);
      await page.locator('[data-sepa]').scrollIntoViewIfNeeded();
      await j.shot(page, `downloaded-${size.name}-${lang}`);
    }
    expect(ids[1], 'the second download is the same file').to.equal(ids[0]);
    // The other language at each size, for the screenshots.
    for (const [i, size] of SIZES.entries()) {
      const lang = i === 0 ? 'en' : 'lt';
      await page.setViewportSize({ width: size.width, height: size.height });
      await setLang(page, lang, month);
      await page.locator('.sepa-reissue summary').click();
      await j.shot(page, `reissue-form-${size.name}-${lang}`);
    }
  });
});
