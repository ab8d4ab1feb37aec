import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { StaffUser } from '../../src/staff/model.ts';
import { lt } from '../integration/helpers.ts';
import { makeStaff } from '../support/app.ts';
import { clickAndLoad, Journey, seedOrganisation, signInWithForm, useE2eApp } from './support.ts';
import { onaAndJonas } from '../support/two-participants.ts';

const period = vilniusPeriod(new Date());
const SIZES = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * Where the element ends, measured from the top of the page at 1366×768 and from the top of the
 * page's heading on a phone, where the back office's own navigation comes first.
 */
async function reach(page: Page, selector: string): Promise<{ bottom: number; height: number }> {
  await page.evaluate('window.scrollTo(0, 0)');
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).to.not.equal(null);
  const { width, height } = page.viewportSize()!;
  const top = width < 600 ? (await page.locator('.admin-main h1').boundingBox())!.y : 0;
  return { bottom: box!.y + box!.height - top, height };
}

describe('e2e: the administrator on the stipend month and the staff accounts', function () {
  this.timeout(180_000);
  const e2e = useE2eApp({ stripe: false });
  let admin: { email: string; password: string; id: string };
  const people: string[] = [];

  before(async () => {
    await seedOrganisation();
    admin = await makeStaff('admin');
    const actor = { id: admin.id, role: 'admin', name: 'Administratorė' };
    people.push(...(await onaAndJonas(actor, [period])));
  });

  it('the month page shows its summary and next step on the first screen, explanations folded', async () => {
    const j = await new Journey('stipends-staff-month').start();
    const context = await e2e.newContext();
    const page = await context.newPage();
    await signInWithForm(page, admin);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/admin/stipends/${period}`);
      const step = await reach(page, '[data-action="finalise"] button[type=submit]');
      expect(step.bottom, `finalise at ${size.name}`).to.be.at.most(step.height);
      const summary = await reach(page, '[data-summary]');
      expect(summary.bottom, `summary at ${size.name}`).to.be.at.most(summary.height);
      const details = page.locator('details.explain-person');
      expect(await details.count()).to.equal(2);
      for (const d of await details.all()) expect(await d.getAttribute('open')).to.equal(null);
      await j.shot(page, `draft-${size.name}`);
    }

    // Finalise at the laptop size; the next step is paying, also on the first screen.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel(lt('period.confirmFinalise')).check();
    await clickAndLoad(page, page.getByRole('button', { name: lt('period.finalise') }));
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/admin/stipends/${period}`);
      const pay = await reach(page, '[data-action="paid"] button[type=submit]');
      expect(pay.bottom, `mark paid at ${size.name}`).to.be.at.most(pay.height);
      await j.shot(page, `finalised-${size.name}`);
    }

    // Without the tick the month is not marked paid; with it, once.
    await page.setViewportSize({ width: 1366, height: 768 });
    await clickAndLoad(page, page.getByRole('button', { name: lt('period.paid.submit') }));
    // The summary names the field before its message (which then starts in lower case).
    expect((await page.locator('.error-summary').textContent())!.toLowerCase()).to.contain(
      lt('period.errors.confirmPaid').toLowerCase(),
    );
    await page.getByLabel(lt('period.confirmPaid')).check();
    await clickAndLoad(page, page.getByRole('button', { name: lt('period.paid.submit') }));
    expect(await page.locator('[data-paid-on]').count()).to.equal(1);
    // An explanation opens on a click.
    await page.locator(`details#p-${people[0]} > summary`).click();
    expect(await page.locator(`details#p-${people[0]}`).getAttribute('open')).to.not.equal(null);
    await j.shot(page, 'paid-laptop');
  });

  it("changing a staff member's role signs out their other browser", async () => {
    const j = await new Journey('stipends-staff-accounts').start();
    const person = await makeStaff('marketing');
    const theirs = await (await e2e.newContext()).newPage();
    await signInWithForm(theirs, person);
    await theirs.goto('/admin/orders');
    expect(new URL(theirs.url()).pathname).to.equal('/admin/orders');

    const page = await (await e2e.newContext()).newPage();
    await signInWithForm(page, admin);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto('/admin/staff');
      await j.shot(page, `list-${size.name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await clickAndLoad(page, page.locator(`a[href="/admin/staff/${person.id}"]`));
    await page.locator('#role').selectOption('master');
    await page.locator('#name').fill('Eglė Meistrė');
    await clickAndLoad(page, page.getByRole('button', { name: lt('staff.save') }));
    expect(await page.locator('.notice--success').textContent()).to.contain(lt('staff.savedSessionsEnded'));
    expect(await page.locator('[data-change="role"]').textContent()).to.contain(
      `${lt('roles.marketing')} → ${lt('roles.master')}`,
    );
    expect((await StaffUser.findById(person.id).lean())!.role).to.equal('master');
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await j.shot(page, `account-${size.name}`);
    }

    // Their other browser is signed out at its next click.
    await theirs.goto('/admin/orders');
    expect(new URL(theirs.url()).pathname).to.equal('/login');
    await j.shot(theirs, 'signed-out', { axe: false });
  });
});
