import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { StaffUser } from '../../src/staff/model.ts';
import { csrfFrom, makeStaff, signIn, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import {
  SESSION_COOKIE,
  cookieValue,
  expectFieldError,
  expectMessage,
  setCookie,
  setCookies,
  unescapeHtml,
  lt,
} from './helpers.ts';

const sessions = () => mongoose.connection.collection('sessions');

describe('staff sign-in, sessions and passwords', () => {
  const t = useTestApp();

  /** Opens the login page on a fresh agent and posts the form. */
  async function attemptLogin(fields: Record<string, string>, agent: Agent = request.agent(t.app)) {
    const page = await agent.get('/login').expect(200);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
    return { agent, res };
  }

  async function expectSignedOut(agent: Agent): Promise<void> {
    const res = await agent.get('/admin').expect(303);
    expect(res.headers.location).to.equal('/login?next=%2Fadmin');
  }

  describe('login', () => {
    it('renders the login page with a CSRF token and without a session', async () => {
      const res = await request(t.app).get('/login').expect(200);
      expect(csrfFrom(res.text)).to.have.length.greaterThan(20);
      expect(res.text).to.contain(lt('login.title'));
      expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
    });

    it('signs in with good credentials: 303 to /admin, httpOnly SameSite=Lax cookie', async () => {
      const user = await makeStaff('marketing');
      const before = await sessions().countDocuments();
      const { agent, res } = await attemptLogin({ email: user.email, password: user.password });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/admin');
      const cookie = setCookie(res, SESSION_COOKIE);
      expect(cookie, 'session cookie').to.be.a('string');
      expect(cookie).to.match(/;\s*HttpOnly/i);
      expect(cookie).to.match(/;\s*SameSite=Lax/i);
      expect(cookie).to.match(/;\s*Path=\//i);
      expect(await sessions().countDocuments()).to.equal(before + 1);
      const stored = await StaffUser.findById(user.id).lean();
      expect(stored?.lastLoginAt).to.be.instanceOf(Date);
      const dash = await agent.get('/admin').expect(200);
      expect(dash.text).to.contain(lt('dashboard.hello', { name: stored!.name }));
    });

    it('accepts the e-mail in any case and with spaces around it', async () => {
      const user = await makeStaff('master');
      const { res } = await attemptLogin({
        email: `  ${user.email.toUpperCase()} `,
        password: user.password,
      });
      expect(res.status).to.equal(303);
    });

    it('rotates the session id at sign-in and retires the old one', async () => {
      const user = await makeStaff('admin');
      const { agent, res: first } = await attemptLogin({ email: user.email, password: user.password });
      const oldSid = cookieValue(setCookie(first, SESSION_COOKIE)!);
      // Signing in again on the same browser must not keep the old id.
      const token = await tokenFor(agent);
      const second = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email: user.email, password: user.password })
        .expect(303);
      const newSid = cookieValue(setCookie(second, SESSION_COOKIE)!);
      expect(newSid).to.not.equal(oldSid);
      await agent.get('/admin').expect(200);
      const replay = await request(t.app).get('/admin').set('Cookie', `${SESSION_COOKIE}=${oldSid}`);
      expect(replay.status).to.equal(303);
      expect(replay.headers.location).to.match(/^\/login/);
    });

    it('refuses a wrong password with 401 and the translated message, creating no session', async () => {
      const user = await makeStaff('admin');
      const before = await sessions().countDocuments();
      const { agent, res } = await attemptLogin({ email: user.email, password: 'not the password' });
      expect(res.status).to.equal(401);
      expectMessage(res.text, 'login.failed');
      expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
      expect(await sessions().countDocuments()).to.equal(before);
      await expectSignedOut(agent);
    });

    it('refuses an unknown e-mail the same way', async () => {
      const { agent, res } = await attemptLogin({ email: 'nobody@example.test', password: 'whatever it is' });
      expect(res.status).to.equal(401);
      expectMessage(res.text, 'login.failed');
      expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
      await expectSignedOut(agent);
    });

    it('shows field errors (422) for empty fields', async () => {
      const { res } = await attemptLogin({ email: '', password: '' });
      expect(res.status).to.equal(422);
      expectFieldError(res.text, 'email', 'errors.required');
      expectFieldError(res.text, 'password', 'errors.required');
      expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
    });

    it('refuses a missing or wrong CSRF token with 403', async () => {
      const user = await makeStaff('admin');
      const agent = request.agent(t.app);
      await agent.get('/login').expect(200);
      const missing = await agent
        .post('/login')
        .type('form')
        .send({ email: user.email, password: user.password });
      expect(missing.status).to.equal(403);
      expectMessage(missing.text, 'errors.csrf');
      const wrong = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: 'forged-token', email: user.email, password: user.password });
      expect(wrong.status).to.equal(403);
      expect(setCookie(wrong, SESSION_COOKIE)).to.equal(undefined);
      // A token from another browser does not work either.
      const other = await request(t.app).get('/login');
      const stolen = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfFrom(other.text), email: user.email, password: user.password });
      expect(stolen.status).to.equal(403);
      await expectSignedOut(agent);
    });

    it('honours `next` only for local paths', async () => {
      const user = await makeStaff('admin');
      const cases: [string, string][] = [
        ['/admin/products?status=draft', '/admin/products?status=draft'],
        ['//evil.example', '/admin'],
        ['https://evil.example', '/admin'],
        ['/\\evil.example', '/admin'],
      ];
      for (const [next, expected] of cases) {
        const { res } = await attemptLogin({ email: user.email, password: user.password, next });
        expect(res.status, next).to.equal(303);
        expect(res.headers.location, next).to.equal(expected);
      }
    });

    it('carries `next` from the login link into the form', async () => {
      const res = await request(t.app).get('/login?next=%2Fadmin%2Fsettings').expect(200);
      expect(res.text).to.contain('name="next" value="/admin/settings"');
      const evil = await request(t.app).get('/login?next=%2F%2Fevil.example').expect(200);
      expect(evil.text).to.contain('name="next" value=""');
    });
  });

  describe('sessions', () => {
    it('ends the session at logout (POST with token)', async () => {
      const user = await makeStaff('admin');
      const { agent, res } = await attemptLogin({ email: user.email, password: user.password });
      const sid = cookieValue(setCookie(res, SESSION_COOKIE)!);
      const before = await sessions().countDocuments();
      const token = await tokenFor(agent);
      await agent.post('/logout').type('form').send({}).expect(403);
      const out = await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
      expect(out.headers.location).to.equal('/');
      expect(setCookies(out).some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).to.equal(true);
      expect(await sessions().countDocuments()).to.equal(before - 1);
      await expectSignedOut(agent);
      const replay = await request(t.app).get('/admin').set('Cookie', `${SESSION_COOKIE}=${sid}`);
      expect(replay.status).to.equal(303);
    });

    it("stops a disabled account's existing session on its next request", async () => {
      const admin = await signIn(t.app, await makeStaff('admin'));
      const user = await makeStaff('marketing');
      const userAgent = await signIn(t.app, user);
      await userAgent.get('/admin/products').expect(200);
      const token = await tokenFor(admin, '/admin/staff');
      await admin.post(`/admin/staff/${user.id}/disable`).type('form').send({ _csrf: token }).expect(303);
      const res = await userAgent.get('/admin/products').expect(303);
      expect(res.headers.location).to.equal('/login?next=%2Fadmin%2Fproducts');
      await expectSignedOut(userAgent);
      const again = await attemptLogin({ email: user.email, password: user.password });
      expect(again.res.status).to.equal(401);
    });
  });

  describe('password reset and change', () => {
    it('ends the old session on reset; the one-time password must be changed first', async () => {
      const admin = await signIn(t.app, await makeStaff('admin'));
      const user = await makeStaff('marketing');
      const oldAgent = await signIn(t.app, user);

      const token = await tokenFor(admin, '/admin/staff');
      const reset = await admin
        .post(`/admin/staff/${user.id}/reset-password`)
        .type('form')
        .send({ _csrf: token })
        .expect(200);
      const oneTime = /<p class="one-time-password"><code>([^<]+)<\/code>/.exec(reset.text)?.[1];
      expect(oneTime, 'one-time password shown').to.be.a('string');

      await expectSignedOut(oldAgent);
      expect((await attemptLogin({ email: user.email, password: user.password })).res.status).to.equal(401);

      const { agent, res } = await attemptLogin({
        email: user.email,
        password: oneTime!,
        next: '/admin/products',
      });
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/account/password');
      for (const page of ['/admin', '/admin/products', '/admin/products/new', '/admin/categories']) {
        const r = await agent.get(page).expect(303);
        expect(r.headers.location, page).to.equal('/account/password');
      }
      const form = await agent.get('/account/password').expect(200);
      expect(form.text).to.contain(lt('account.mustChange'));
      const csrf = csrfFrom(form.text);
      const blocked = await agent.post('/admin/categories').type('form').send({ _csrf: csrf, nameLt: 'X' });
      expect(blocked.status).to.equal(303);
      expect(blocked.headers.location).to.equal('/account/password');

      const newPassword = 'my own long passphrase';
      await agent
        .post('/account/password')
        .type('form')
        .send({ _csrf: csrf, current: oneTime, password: newPassword, confirm: newPassword })
        .expect(303)
        .expect('Location', '/admin');
      await agent.get('/admin/products').expect(200);
      const stored = await StaffUser.findById(user.id).lean();
      expect(stored?.mustChangePassword).to.equal(false);
      expect((await attemptLogin({ email: user.email, password: newPassword })).res.status).to.equal(303);
    });

    it('changing the password keeps this session and ends the other sessions of that user', async () => {
      const user = await makeStaff('marketing', 'first long password');
      const [here, elsewhere] = [await signIn(t.app, user), await signIn(t.app, user)];
      const token = await tokenFor(here, '/account/password');
      const password = 'second long password';
      await here
        .post('/account/password')
        .type('form')
        .send({ _csrf: token, current: user.password, password, confirm: password })
        .expect(303)
        .expect('Location', '/admin');
      const dash = await here.get('/admin').expect(200);
      expect(dash.text).to.contain(lt('account.passwordChanged'));
      await expectSignedOut(elsewhere);
      expect((await attemptLogin({ email: user.email, password: user.password })).res.status).to.equal(401);
      expect((await attemptLogin({ email: user.email, password })).res.status).to.equal(303);
    });

    it('refuses bad new passwords with 422 and leaves the password unchanged', async () => {
      const user = await makeStaff('master', 'the original passphrase');
      const agent = await signIn(t.app, user);
      const token = await tokenFor(agent, '/account/password');
      const hashBefore = (await StaffUser.findById(user.id).lean())?.passwordHash;
      const cases: [Record<string, string>, string, string][] = [
        [
          { current: 'wrong current pass', password: 'a brand new phrase', confirm: 'a brand new phrase' },
          'current',
          'staff.errors.wrongPassword',
        ],
        [
          { current: user.password, password: 'short', confirm: 'short' },
          'password',
          'errors.passwordTooShort',
        ],
        [
          { current: user.password, password: 'a brand new phrase', confirm: 'another phrase!!' },
          'confirm',
          'errors.passwordMismatch',
        ],
        [
          { current: user.password, password: user.password, confirm: user.password },
          'password',
          'staff.errors.samePassword',
        ],
        [
          { current: '', password: 'a brand new phrase', confirm: 'a brand new phrase' },
          'current',
          'errors.required',
        ],
      ];
      for (const [fields, field, key] of cases) {
        const res = await agent
          .post('/account/password')
          .type('form')
          .send({ _csrf: token, ...fields });
        expect(res.status, key).to.equal(422);
        expectFieldError(res.text, field, key);
        expect(unescapeHtml(res.text)).to.not.contain(lt('account.passwordChanged'));
      }
      const stored = await StaffUser.findById(user.id).lean();
      expect(stored?.passwordHash).to.equal(hashBefore);
      await agent.get('/admin').expect(200);
      expect((await attemptLogin({ email: user.email, password: user.password })).res.status).to.equal(303);
    });
  });
});
