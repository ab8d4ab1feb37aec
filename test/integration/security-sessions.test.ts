import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Response } from 'supertest';
import { csrfFrom, makeStaff, signIn, signInAs, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { agentCookie, isLoginRedirect, postWithToken } from '../support/security.ts';
import {
  SESSION_COOKIE,
  cookieValue,
  expectMessage,
  publishedGood,
  setCookie,
  setCookies,
} from './helpers.ts';

const sessions = () => mongoose.connection.collection<{ _id: string }>('sessions');

/** Opens the login page on this agent and posts the form (from `address` where the app trusts a proxy). */
async function attemptLogin(
  agent: Agent,
  email: string,
  password: string,
  address?: string,
): Promise<Response> {
  const page = await agent
    .get('/login')
    .set('X-Forwarded-For', address ?? '')
    .expect(200);
  return agent
    .post('/login')
    .set('X-Forwarded-For', address ?? '')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
}

// Many refused sign-ins in the tests that are not about the login limits.
const NO_LOGIN_LIMITS = {
  LOGIN_RATE_LIMIT: '1000',
  LOGIN_ACCOUNT_LIMIT: '1000',
  LOGIN_GLOBAL_LIMIT: '100000',
};

/** A login answer with what differs per request (token, typed e-mail) taken out. */
function comparable(res: Response, email: string): string {
  return res.text
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .split(email)
    .join('EMAIL');
}

async function expectSignedOut(agent: Agent): Promise<void> {
  const res = await agent.get('/admin');
  expect(isLoginRedirect(res), `${res.status} ${String(res.headers.location)}`).to.equal(true);
}

describe('security: sessions', () => {
  const t = useTestApp(NO_LOGIN_LIMITS);

  /** A request carrying only this cookie is not signed in. */
  async function expectCookieSignedOut(cookie: string): Promise<void> {
    const res = await request(t.app).get('/admin').set('Cookie', cookie);
    expect(isLoginRedirect(res), `${res.status} ${String(res.headers.location)}`).to.equal(true);
  }

  describe('fixation', () => {
    it('gives a new session id at sign-in, so a session planted before it gains nothing', async () => {
      // Buyers have no sessions (the cart is a signed cookie), so the attacker's session is made the
      // way the store keeps one: a stored session and its signed cookie, planted in the victim's browser.
      const plantedId = 'planted-session-id-0123456789';
      await sessions().insertOne({
        _id: plantedId,
        expires: new Date(Date.now() + 3_600_000),
        session: { cookie: { originalMaxAge: 3_600_000, httpOnly: true, path: '/' } },
      } as never);
      const mac = createHmac('sha256', t.config.sessionSecret).update(plantedId).digest('base64');
      const planted = encodeURIComponent(`s:${plantedId}.${mac.replace(/=+$/, '')}`);
      expect(await sessions().countDocuments({ _id: plantedId })).to.equal(1);
      const victim = request.agent(t.app);
      victim.jar.setCookie(`${SESSION_COOKIE}=${planted}; Path=/`, '127.0.0.1', '/');
      const user = await makeStaff('admin');
      const login = await attemptLogin(victim, user.email, user.password);
      expect(login.status).to.equal(303);
      const fresh = cookieValue(setCookie(login, SESSION_COOKIE)!);
      expect(fresh).to.not.equal(planted);
      await victim.get('/admin').expect(200);
      // The planted id is worthless: the old session is gone, not upgraded.
      await expectCookieSignedOut(`${SESSION_COOKIE}=${planted}`);
      expect(await sessions().countDocuments({ _id: plantedId })).to.equal(0);
    });

    it('ignores a made-up or unsigned session id and issues a signed one', async () => {
      const user = await makeStaff('marketing');
      const agent = request.agent(t.app);
      agent.jar.setCookie(`${SESSION_COOKIE}=attacker-chosen-id; Path=/`, '127.0.0.1', '/');
      const login = await attemptLogin(agent, user.email, user.password);
      expect(login.status).to.equal(303);
      const sid = decodeURIComponent(cookieValue(setCookie(login, SESSION_COOKIE)!));
      expect(sid).to.match(/^s:[A-Za-z0-9_-]{24,}\.[A-Za-z0-9+/]+$/);
      expect(sid).to.not.contain('attacker-chosen-id');
      expect(await sessions().countDocuments({ _id: 'attacker-chosen-id' })).to.equal(0);
      // A session id without the server's signature is not accepted either.
      const raw = sid.slice(2).split('.')[0]!;
      await expectCookieSignedOut(`${SESSION_COOKIE}=${raw}`);
      await expectCookieSignedOut(`${SESSION_COOKIE}=${encodeURIComponent(`s:${raw}.forged`)}`);
    });
  });

  describe('sign-out', () => {
    it('destroys the session on the server: the old cookie no longer works anywhere', async () => {
      const user = await makeStaff('admin');
      const agent = request.agent(t.app);
      const login = await attemptLogin(agent, user.email, user.password);
      const cookie = `${SESSION_COOKIE}=${cookieValue(setCookie(login, SESSION_COOKIE)!)}`;
      const token = await tokenFor(agent);
      await agent.post('/logout').type('form').send({}).expect(403);
      await agent.get('/admin').expect(200);
      const out = await postWithToken(agent, '/logout', token).expect(303);
      expect(setCookies(out).some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).to.equal(true);
      await expectCookieSignedOut(cookie);
      // Nor can the old cookie post a staff form with the old token.
      const replay = await request(t.app)
        .post('/admin/categories')
        .set('Cookie', `${cookie}; dv.csrf=${agentCookie(agent, 'dv.csrf') ?? ''}`)
        .set('X-CSRF-Token', token)
        .type('form')
        .send({ nameLt: 'Po atsijungimo' });
      expect(replay.status).to.be.oneOf([303, 403]);
      if (replay.status === 303) expect(isLoginRedirect(replay)).to.equal(true);
    });

    it('does not sign out by a plain link (GET)', async () => {
      const agent = await signInAs(t.app, 'marketing');
      const res = await agent.get('/logout');
      expect(res.status).to.equal(404);
      await agent.get('/admin').expect(200);
    });
  });

  describe('cookies over plain HTTP', () => {
    it('marks the session, CSRF and browser cookies httpOnly, SameSite=Lax, for the whole site', async () => {
      const anonymous = await request(t.app).get('/login').expect(200);
      const user = await makeStaff('master');
      const agent = request.agent(t.app);
      const login = await attemptLogin(agent, user.email, user.password);
      const lines = [...setCookies(anonymous), ...setCookies(login)];
      for (const name of [SESSION_COOKIE, 'dv.csrf', 'dv.bid']) {
        const line = lines.find((l) => l.startsWith(`${name}=`));
        expect(line, name).to.be.a('string');
        expect(line, name).to.match(/;\s*HttpOnly/i);
        expect(line, name).to.match(/;\s*SameSite=Lax/i);
        expect(line, name).to.match(/;\s*Path=\//i);
      }
      const session = setCookie(login, SESSION_COOKIE)!;
      const expires = /Expires=([^;]+)/i.exec(session)?.[1];
      expect(new Date(expires!).getTime() - Date.now()).to.be.at.most(8 * 3600 * 1000 + 5000);
    });

    it('creates no session for anonymous browsing of the shop', async () => {
      const before = await sessions().countDocuments();
      for (const url of ['/', '/catalogue', '/services', '/terms', '/login', '/orders/find', '/cart']) {
        const res = await request(t.app).get(url);
        expect(setCookie(res, SESSION_COOKIE), url).to.equal(undefined);
      }
      expect(await sessions().countDocuments()).to.equal(before);
    });
  });

  describe('disabled staff', () => {
    it('ends the existing session of a disabled account, for pages and for forms', async () => {
      const admin = await signInAs(t.app, 'admin');
      const user = await makeStaff('marketing');
      const agent = await signIn(t.app, user);
      const token = await tokenFor(agent, '/admin/categories');
      const adminToken = await tokenFor(admin, '/admin/staff');
      await postWithToken(admin, `/admin/staff/${user.id}/disable`, adminToken).expect(303);
      const res = await postWithToken(agent, '/admin/categories', token, { nameLt: 'Išjungto darbuotojo' });
      expect(res.status).to.be.oneOf([303, 403]);
      if (res.status === 303) expect(isLoginRedirect(res)).to.equal(true);
      expect(await mongoose.connection.collection('categories').countDocuments()).to.equal(0);
      await expectSignedOut(agent);
      // Enabling the account again does not revive the old session.
      await postWithToken(admin, `/admin/staff/${user.id}/enable`, adminToken).expect(303);
      await expectSignedOut(agent);
    });
  });

  describe('no user enumeration', () => {
    it('answers an unknown e-mail, a wrong password and a disabled account alike', async () => {
      const known = await makeStaff('admin');
      const disabled = await makeStaff('marketing');
      await mongoose.connection
        .collection('staff_users')
        .updateOne({ _id: new mongoose.Types.ObjectId(disabled.id) }, { $set: { disabledAt: new Date() } });
      const answers = [
        [await attemptLogin(request.agent(t.app), known.email, 'wrong password!'), known.email],
        [
          await attemptLogin(request.agent(t.app), 'nobody-here@example.test', 'wrong password!'),
          'nobody-here@example.test',
        ],
        [await attemptLogin(request.agent(t.app), disabled.email, disabled.password), disabled.email],
      ] as const;
      for (const [res] of answers) {
        expect(res.status).to.equal(401);
        expectMessage(res.text, 'login.failed');
        expect(setCookie(res, SESSION_COOKIE)).to.equal(undefined);
      }
      const [first, ...rest] = answers.map(([res, email]) => comparable(res, email));
      for (const other of rest) expect(other).to.equal(first);
    });

    it('takes about as long for an unknown e-mail as for a wrong password (the hash is always computed)', async () => {
      const known = await makeStaff('admin');
      async function timed(email: string): Promise<number> {
        const agent = request.agent(t.app);
        const page = await agent.get('/login').expect(200);
        const start = process.hrtime.bigint();
        await agent
          .post('/login')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), email, password: 'wrong password!' })
          .expect(401);
        return Number(process.hrtime.bigint() - start) / 1e6;
      }
      // Taken in turns, so a busy moment of the machine slows both kinds alike; medians of five.
      const times = { wrong: [] as number[], unknown: [] as number[] };
      for (let i = 0; i < 5; i++) {
        times.wrong.push(await timed(known.email));
        times.unknown.push(await timed('nobody-at-all@example.test'));
      }
      const median = (list: number[]) => list.sort((a, b) => a - b)[2]!;
      const wrong = median(times.wrong);
      const unknown = median(times.unknown);
      expect(unknown, `unknown ${unknown.toFixed(1)} ms vs wrong ${wrong.toFixed(1)} ms`).to.be.greaterThan(
        wrong * 0.4,
      );
    });
  });
});

describe('security: login brute force', () => {
  // Each test from an address of its own (the app trusts one proxy): neither needs the other's failures.
  const t = useTestApp({ TRUST_PROXY: '1', LOGIN_RATE_LIMIT: '3' });

  /** Three failures from `address`, the last one for the user's e-mail. */
  async function failThrice(address: string, user: { email: string }): Promise<void> {
    for (const email of ['a@example.test', 'b@example.test', user.email]) {
      const res = await attemptLogin(request.agent(t.app), email, 'wrong password!', address);
      expect(res.status, email).to.equal(401);
    }
  }

  it('blocks after the configured failures with 429 and a message, whatever e-mail is tried next', async () => {
    const user = await makeStaff('admin');
    await failThrice('192.0.2.10', user);
    const before = await sessions().countDocuments();
    const blocked = await attemptLogin(request.agent(t.app), user.email, user.password, '192.0.2.10');
    expect(blocked.status).to.equal(429);
    expectMessage(blocked.text, 'login.tooMany');
    expect(blocked.headers['retry-after']).to.equal('900');
    expect(setCookie(blocked, SESSION_COOKIE)).to.equal(undefined);
    const unknown = await attemptLogin(
      request.agent(t.app),
      'someone@example.test',
      'whatever it is',
      '192.0.2.10',
    );
    expect(unknown.status).to.equal(429);
    expect(comparable(unknown, 'someone@example.test')).to.equal(comparable(blocked, user.email));
    expect(await sessions().countDocuments()).to.equal(before);
  });

  it('stays blocked for the right password too, and the blocked attempts sign nobody in', async () => {
    const user = await makeStaff('marketing');
    await failThrice('192.0.2.20', user);
    for (let i = 0; i < 3; i++) {
      const agent = request.agent(t.app);
      const res = await attemptLogin(agent, user.email, user.password, '192.0.2.20');
      expect(res.status).to.equal(429);
      await expectSignedOut(agent);
    }
  });
});

describe('security: private links and public forms', () => {
  const t = useTestApp();

  it('gives orders unguessable links (≥128 bits) that are not cached, indexed or sent on as Referer', async () => {
    const productId = await publishedGood(t.storage, { titleLt: 'Dėžutė', slug: 'dezute', sku: 'LINK-1' });
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const agent = request.agent(t.app);
      const page = await agent.get('/products/dezute').expect(200);
      await agent
        .post('/cart/add')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), productId })
        .expect(303);
      const form = await agent.get('/checkout').expect(200);
      const placed = await agent
        .post('/checkout')
        .type('form')
        .send({
          _csrf: csrfFrom(form.text),
          name: 'Ona',
          email: `ona${i}@example.lt`,
          phone: '+37060000000',
          delivery: 'pickup',
          payment: 'bank_transfer',
          terms: 'on',
        });
      const token = /^\/orders\/([A-Za-z0-9_-]+)$/.exec(String(placed.headers.location))?.[1];
      expect(token, 'order link').to.be.a('string');
      // base64url: 6 bits a character, so 22 characters carry at least 128 bits.
      expect(token!.length).to.be.at.least(22);
      tokens.add(token!);
      const res = await request(t.app).get(`/orders/${token!}`).expect(200);
      expect(res.headers['cache-control']).to.contain('no-store');
      expect(res.headers['x-robots-tag']).to.contain('noindex');
      expect(res.headers['referrer-policy']).to.be.oneOf(['same-origin', 'no-referrer', 'strict-origin']);
    }
    expect(tokens.size).to.equal(3);
  });

  it('limits find-my-order, so order numbers cannot be tried in bulk', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const agent = request.agent(t.app);
      const page = await agent.get('/orders/find').expect(200);
      const res = await agent
        .post('/orders/find')
        .type('form')
        .send({
          _csrf: csrfFrom(page.text),
          number: `2026-${String(i).padStart(5, '0')}`,
          email: 'x@example.lt',
        });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(200));
    expect(statuses.slice(10)).to.deep.equal([429, 429]);
  });
});

describe('security: cookies behind TLS', () => {
  const t = useTestApp({
    PUBLIC_URL: 'https://dirbtuves.example',
    TRUST_PROXY: '1',
    ...NO_LOGIN_LIMITS,
  });

  it('uses __Host- cookies marked Secure, HttpOnly and SameSite=Lax, and sends HSTS', async () => {
    const user = await makeStaff('admin');
    const page = await request(t.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    const anonymousCookies = setCookies(page);
    const cookieHeader = anonymousCookies.map((l) => l.split(';')[0]).join('; ');
    const login = await request(t.app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookieHeader)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password });
    expect(login.status).to.equal(303);
    const lines = [...anonymousCookies, ...setCookies(login)];
    for (const name of ['__Host-dv.sid', '__Host-dv.csrf', '__Host-dv.bid']) {
      const line = lines.find((l) => l.startsWith(`${name}=`));
      expect(line, name).to.be.a('string');
      for (const flag of [/;\s*Secure/i, /;\s*HttpOnly/i, /;\s*SameSite=Lax/i, /;\s*Path=\/(;|$)/i]) {
        expect(line, `${name} ${String(flag)}`).to.match(flag);
      }
      expect(line, name).to.not.match(/;\s*Domain=/i);
    }
    expect(lines.some((l) => l.startsWith(`${SESSION_COOKIE}=`))).to.equal(false);
    expect(page.headers['strict-transport-security']).to.match(/max-age=\d{7,}/);
  });
});
