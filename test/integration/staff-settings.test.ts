import { expect } from 'chai';
import request from 'supertest';
import { ConflictError } from '../../src/lib/errors.ts';
import { SettingsModel } from '../../src/settings/model.ts';
import { translate } from '../../src/web/i18n.ts';
import { StaffUser } from '../../src/staff/model.ts';
import { disableStaff } from '../../src/staff/service.ts';
import { csrfFrom, makeStaff, signIn, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { expectFieldError, expectMessage, lt, unescapeHtml } from './helpers.ts';

describe('staff accounts and organisation settings (admin)', () => {
  const t = useTestApp();
  let admin: Agent;
  let adminId: string;
  let token: string;

  before(async () => {
    const creds = await makeStaff('admin');
    adminId = creds.id;
    admin = await signIn(t.app, creds);
    token = await tokenFor(admin, '/admin/staff');
  });

  const post = (url: string, fields: Record<string, string> = {}, agent = admin, csrf = token) =>
    agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...fields });

  const oneTimePassword = (html: string) =>
    /<p class="one-time-password"><code>([^<]+)<\/code>/.exec(html)?.[1];

  async function login(email: string, password: string) {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password });
    return { agent, res };
  }

  describe('staff', () => {
    it('creates an account and shows its one-time password once; it must be changed at first sign-in', async () => {
      const res = await post('/admin/staff', {
        name: 'Rūta Rinkodarienė',
        email: 'Ruta@Example.TEST',
        role: 'marketing',
      });
      expect(res.status).to.equal(201);
      const password = oneTimePassword(res.text);
      expect(password).to.match(/^\S{4}-\S{4}-\S{4}$/);
      expectMessage(res.text, 'staff.issued', { name: 'Rūta Rinkodarienė', email: 'ruta@example.test' });
      const user = await StaffUser.findOne({ email: 'ruta@example.test' }).lean();
      expect(user).to.include({ name: 'Rūta Rinkodarienė', role: 'marketing', mustChangePassword: true });
      expect(user!.passwordHash).to.not.contain(password!);

      const list = await admin.get('/admin/staff').expect(200);
      expect(list.text).to.contain('ruta@example.test');
      expect(list.text).to.not.contain(password!);

      const { agent, res: signedIn } = await login('ruta@example.test', password!);
      expect(signedIn.status).to.equal(303);
      expect(signedIn.headers.location).to.equal('/account/password');
      await agent.get('/admin/products').expect(303).expect('Location', '/account/password');
    });

    it('refuses a duplicate e-mail (any case), a bad e-mail, a missing name and an unknown role', async () => {
      await makeStaff('master').then((u) =>
        StaffUser.updateOne({ _id: u.id }, { $set: { email: 'meistras@example.test' } }),
      );
      const count = await StaffUser.countDocuments();
      const valid = { name: 'Petras', email: 'petras@example.test', role: 'master' };
      const cases: [Record<string, string>, string, string][] = [
        [{ email: 'MEISTRAS@example.test' }, 'email', 'staff.errors.emailTaken'],
        [{ email: 'ne-el-pastas' }, 'email', 'errors.email'],
        [{ email: '' }, 'email', 'errors.required'],
        [{ name: '  ' }, 'name', 'errors.required'],
        [{ role: 'owner' }, 'role', 'errors.invalidChoice'],
      ];
      for (const [overrides, field, key] of cases) {
        const res = await post('/admin/staff', { ...valid, ...overrides });
        expect(res.status, key).to.equal(422);
        expectFieldError(res.text, field, key);
        expect(oneTimePassword(res.text)).to.equal(undefined);
        expect(await StaffUser.countDocuments()).to.equal(count);
      }
      expect(await StaffUser.exists({ email: 'petras@example.test' })).to.equal(null);
    });

    it('disables and enables another account', async () => {
      const user = await makeStaff('master');
      const { agent } = await login(user.email, user.password);
      await post(`/admin/staff/${user.id}/disable`).expect(303).expect('Location', '/admin/staff');
      expect((await StaffUser.findById(user.id).lean())!.disabledAt).to.be.instanceOf(Date);
      expectMessage((await admin.get('/admin/staff')).text, 'staff.disabled');
      await agent.get('/admin').expect(303);
      expect((await login(user.email, user.password)).res.status).to.equal(401);

      await post(`/admin/staff/${user.id}/enable`).expect(303);
      expect((await StaffUser.findById(user.id).lean())!.disabledAt).to.equal(null);
      expect((await login(user.email, user.password)).res.status).to.equal(303);
    });

    it('cannot disable itself (409)', async () => {
      const res = await post(`/admin/staff/${adminId}/disable`);
      expect(res.status).to.equal(409);
      expectMessage(res.text, 'staff.errors.disableSelf');
      expect((await StaffUser.findById(adminId).lean())!.disabledAt).to.equal(null);
      await admin.get('/admin/staff').expect(200);
    });

    it('never disables the last active admin', async () => {
      const others = await StaffUser.find({ role: 'admin', _id: { $ne: adminId }, disabledAt: null }).lean();
      await StaffUser.updateMany(
        { _id: { $in: others.map((o) => o._id) } },
        { $set: { disabledAt: new Date() } },
      );
      const master = await makeStaff('master');
      try {
        const err = await disableStaff(adminId, master.id).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(ConflictError);
        expect((err as ConflictError).messageKey).to.equal('staff.errors.lastAdmin');
        expect((await StaffUser.findById(adminId).lean())!.disabledAt).to.equal(null);
      } finally {
        await StaffUser.updateMany(
          { _id: { $in: others.map((o) => o._id) } },
          { $set: { disabledAt: null } },
        );
      }
    });

    it('keeps an active admin when two admins disable each other at the same time', async () => {
      // Only the two new admins are active during each round; the others are put back afterwards.
      const active = await StaffUser.find({ role: 'admin', disabledAt: null }).lean();
      const ids = active.map((a) => a._id);
      try {
        for (let round = 1; round <= 3; round++) {
          await StaffUser.updateMany({ role: 'admin' }, { $set: { disabledAt: new Date() } });
          const [a, b] = [await makeStaff('admin'), await makeStaff('admin')];
          const [ga, gb] = [await signIn(t.app, a), await signIn(t.app, b)];
          const [ta, tb] = [await tokenFor(ga), await tokenFor(gb)];
          const results = await Promise.all([
            post(`/admin/staff/${b.id}/disable`, {}, ga, ta),
            post(`/admin/staff/${a.id}/disable`, {}, gb, tb),
          ]);
          const left = await StaffUser.countDocuments({ role: 'admin', disabledAt: null });
          const statuses = results.map((r) => r.status).join(', ');
          expect(left, `active admins after round ${round} (responses ${statuses})`).to.be.greaterThan(0);
        }
      } finally {
        await StaffUser.updateMany({ _id: { $in: ids } }, { $set: { disabledAt: null } });
      }
    });

    it("resets another user's password: shown once, old password stops working", async () => {
      const user = await makeStaff('marketing');
      const res = await post(`/admin/staff/${user.id}/reset-password`).expect(200);
      const password = oneTimePassword(res.text)!;
      expect(password).to.be.a('string');
      expect((await StaffUser.findById(user.id).lean())!.mustChangePassword).to.equal(true);
      expect((await login(user.email, user.password)).res.status).to.equal(401);
      const { res: signedIn } = await login(user.email, password);
      expect(signedIn.headers.location).to.equal('/account/password');
    });

    it('answers 404 for malformed or unknown account ids', async () => {
      for (const id of ['nope', '0123456789abcdef01234567', `${adminId}0`]) {
        for (const action of ['disable', 'enable', 'reset-password']) {
          const res = await post(`/admin/staff/${id}/${action}`);
          expect(res.status, `${id} ${action}`).to.equal(404);
        }
      }
    });
  });

  describe('settings', () => {
    const valid = {
      displayName: 'Saulės dirbtuvės',
      legalName: 'VšĮ „Saulės dirbtuvės“',
      companyCode: '302222222',
      vatPayer: 'on',
      vatCode: 'lt123456789',
      address: 'Gedimino pr. 1, Vilnius',
      email: 'info@saules.example',
      phone: '+370 600 00000',
      iban: 'lt12 1000 0111 0100 1000',
      bankName: 'Bankas',
      pricesIncludeVat: 'on',
      defaultVatRate: '21',
      courierFee: '4,99',
      parcelLockerFee: '2,99',
      transferDueDays: '7',
      aboutLt: 'Apie mus',
      aboutEn: 'About us',
    };

    it('saves valid settings: shown after the redirect and in the footer', async () => {
      const csrf = await tokenFor(admin, '/admin/settings');
      await post('/admin/settings', valid, admin, csrf).expect(303).expect('Location', '/admin/settings');
      const stored = await SettingsModel.findById('organisation').lean();
      expect(stored).to.include({
        legalName: 'VšĮ „Saulės dirbtuvės“',
        companyCode: '302222222',
        vatPayer: true,
        vatCode: 'LT123456789',
        iban: 'LT121000011101001000',
        defaultVatRateBps: 2100,
      });
      const form = unescapeHtml((await admin.get('/admin/settings').expect(200)).text);
      expect(form).to.contain(lt('settings.saved'));
      expect(form).to.contain('value="LT12 1000 0111 0100 1000"');
      expect(form).to.contain('value="Saulės dirbtuvės"');
      const home = unescapeHtml((await request(t.app).get('/').expect(200)).text);
      expect(home).to.contain('<strong>VšĮ „Saulės dirbtuvės“</strong>');
      expect(home).to.contain('302222222');
      expect(home).to.contain('<title>Pradžia · Saulės dirbtuvės</title>');
    });

    it('refuses invalid values with 422 and changes nothing', async () => {
      const csrf = await tokenFor(admin, '/admin/settings');
      const before = await SettingsModel.findById('organisation').lean();
      const cases: [Record<string, string>, string, string][] = [
        [{ iban: 'LT12 1000 0111 0100 1001' }, 'iban', 'errors.iban'],
        [{ companyCode: '12345' }, 'companyCode', 'errors.companyCode'],
        [{ vatCode: '' }, 'vatCode', 'errors.vatCodeRequired'],
        [{ vatCode: 'LT12' }, 'vatCode', 'errors.vatCode'],
        [{ defaultVatRate: 'abc' }, 'defaultVatRate', 'errors.vatRate'],
        [{ email: 'ne-el-pastas' }, 'email', 'errors.email'],
        [{ legalName: '' }, 'legalName', 'errors.required'],
        [{ phone: 'skambinkite' }, 'phone', 'errors.phone'],
      ];
      for (const [overrides, field, key] of cases) {
        const res = await post(
          '/admin/settings',
          { ...valid, displayName: 'Pakeista', ...overrides },
          admin,
          csrf,
        );
        expect(res.status, key).to.equal(422);
        expectFieldError(res.text, field, key);
        expect(res.text, 'typed values are kept').to.contain('value="Pakeista"');
        expect(await SettingsModel.findById('organisation').lean(), key).to.deep.equal(before);
      }
    });

    it('refuses a display name with a line break (it heads the e-mails), in Lithuanian and English; nothing stored', async () => {
      const csrf = await tokenFor(admin, '/admin/settings');
      const before = await SettingsModel.findById('organisation').lean();
      const names = [
        'Dirbtuvės\r\nBcc: visi@example.lt',
        'Dirbtuvės\nKita eilutė',
        'Dirbtuvės\rKita',
        'A\u2028B',
      ];
      for (const displayName of names) {
        const res = await post('/admin/settings', { ...valid, displayName }, admin, csrf);
        expect(res.status, JSON.stringify(displayName)).to.equal(422);
        expectFieldError(res.text, 'displayName', 'settings.errors.displayNameOneLine');
      }
      await admin.get('/lang/en').expect(303);
      try {
        const res = await post('/admin/settings', { ...valid, displayName: 'A\r\nB' }, admin, csrf);
        expect(res.status).to.equal(422);
        expect(unescapeHtml(res.text)).to.contain(translate('en', 'settings.errors.displayNameOneLine'));
      } finally {
        await admin.get('/lang/lt').expect(303);
      }
      expect(await SettingsModel.findById('organisation').lean()).to.deep.equal(before);
    });
  });
});
