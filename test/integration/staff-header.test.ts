import { expect } from 'chai';
import { makeStaff, signIn, useTestApp } from '../support/app.ts';

/** The back office's header names who is signed in, on every page, whatever lists the page shows. */
describe('staff header', () => {
  const t = useTestApp();

  it('names the signed-in staff member, also on pages that list other staff', async () => {
    await makeStaff('marketing');
    const admin = await makeStaff('admin');
    const agent = await signIn(t.app, admin);
    const name = `Test admin ${admin.email.match(/^admin(\d+)-/)![1]}`;
    for (const page of [
      '/admin',
      '/admin/orders',
      '/admin/requests',
      '/admin/settings/notifications',
      '/admin/staff',
    ]) {
      const res = await agent.get(page).expect(200);
      const header = /<header class="staff-header">([\s\S]*?)<\/header>/.exec(res.text)?.[1] ?? '';
      expect(header, `the header of ${page}`).to.contain(`</span>${name}</a>`);
    }
  });
});
