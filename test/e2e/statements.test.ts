import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { translate } from '../../src/web/i18n.ts';
import { makeStaff } from '../support/app.ts';
import { readPdf } from '../support/pdf-text.ts';
import { PEOPLE, seedStatementsMonth } from '../support/statements-month.ts';
import { documentWidths, inFirstScreen } from './measure.ts';
import { Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';

const period = vilniusPeriod(new Date());
/** Where the screenshots are also kept for a person to look at. */
const SHOTS = '/tmp/shots-statements';

describe('e2e: an administrator prints the easy-read statements', function () {
  this.timeout(240_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    await seedStatementsMonth(e2e.storage, e2e.config, period, { id: admin.id, name: 'Administratorė' });
    await mkdir(SHOTS, { recursive: true });
  });

  for (const lang of ['lt', 'en'] as const) {
    it(`reads them on a laptop and a phone, and prints one sheet each (${lang})`, async () => {
      const j = await new Journey(`statements-${lang}`).start();
      const keep = async (name: string) => copyFile(j.files.at(-1)!, path.join(SHOTS, `${lang}-${name}.png`));
      const context = await e2e.newContext();
      const page = await context.newPage();
      await signInWithForm(page, admin);
      await page.goto(`/lang/${lang}?next=/admin/stipends/${period}`);
      await page.waitForURL(`**/admin/stipends/${period}`);

      for (const [name, viewport] of [
        ['laptop', { width: 1366, height: 768 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`/admin/stipends/${period}/statements`);
        const first = page.locator('article.easy-statement').first();
        await first
          .getByRole('heading', { name: translate(lang, 'statement.heading', { name: PEOPLE[0] }) })
          .waitFor();
        expect(await page.locator('article.easy-statement').count()).to.equal(16);
        expect(
          await inFirstScreen(page, 'article.easy-statement .statement-amount'),
          'the amount at once',
        ).to.equal(true);
        const widths = await documentWidths(page);
        expect(widths.scrollWidth, 'nothing wider than the screen').to.be.at.most(widths.viewport);
        // The first participant's four things: photos loaded, the rest counted in words.
        const photos = first.locator('img.statement-photo');
        expect(await photos.count(), 'a product photo among them').to.be.at.least(1);
        const loaded = await page.evaluate(
          "[...document.querySelectorAll('img.statement-photo')].every((i) => i.complete && i.naturalWidth > 0)",
        );
        expect(loaded, 'every photo loaded').to.equal(true);
        expect(await first.locator('.statement-made li').count()).to.equal(4);
        await j.shot(page, `statements-${name}`);
        await keep(`statements-${name}`);
      }

      // Printed: each statement on a sheet of its own, nothing of the back office around it.
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.statements-tools').isVisible()).to.equal(false);
      expect(await page.locator('.staff-header').isVisible()).to.equal(false);
      await j.shot(page, 'statements-print', { axe: false });
      await keep('statements-print');
      const sheets = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      await writeFile(path.join(SHOTS, `${lang}-printed.pdf`), sheets);
      const printed = await readPdf(sheets);
      expect(printed.pages, 'one printed sheet per participant').to.have.length(16);
      printed.pages.forEach((text, i) =>
        expect(text, `sheet ${i + 1}`).to.contain(PEOPLE[i]!.split(' ')[0]!),
      );
      await page.emulateMedia({ media: 'screen' });

      // All of them in one PDF, from the button above them: one page each.
      await page.goto(`/admin/stipends/${period}/statements`);
      const [all] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: translate(lang, 'statement.allPdf') }).click(),
      ]);
      const allPdf = await readFile(await all.path());
      await writeFile(path.join(SHOTS, `${lang}-statements.pdf`), allPdf);
      expect((await readPdf(allPdf)).pages).to.have.length(16);

      // One participant's statement, and its PDF.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.statement-links a').first().click(),
      ]);
      const pdf = await readPdf(await readFile(await download.path()));
      expect(pdf.pages).to.have.length(1);
      expect(pdf.text).to.contain(PEOPLE[0]!.split(' ')[0]!);
      await context.close();
    });
  }
});
