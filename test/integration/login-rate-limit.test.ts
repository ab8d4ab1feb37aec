import { expect } from 'chai';
import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import type { Response } from 'supertest';
import { claimSlots, LOGIN_WINDOW_MS, type AttemptScope } from '../../src/staff/login-attempts.ts';
import { csrfFrom, makeStaff, tokenFor, useTestApp, type Agent } from '../support/app.ts';
import { SESSION_COOKIE, cookieValue, expectMessage, setCookie, setCookies } from './helpers.ts';

const DEVICE_COOKIE = 'dv.device';
const attempts = () => mongoose.connection.collection('login_attempts');
const sessions = () => mongoose.connection.collection('sessions');

// Every test signs in from addresses of its own (the app trusts one proxy, so X-Forwarded-For is the
// client's address) and with accounts of its own: no test depends on what another one left behind.
let addressCounter = 0;
function newAddress(): string {
  addressCounter += 1;
  return `10.${Math.floor(addressCounter / 250)}.${addressCounter % 250}.7`;
}

/** Opens the login page on this agent from `address` and posts the form. */
async function attemptLogin(
  agent: Agent,
  address: string,
  email: string,
  password: string,
): Promise<Response> {
  const page = await agent.get('/login').set('X-Forwarded-For', address).expect(200);
  return agent
    .post('/login')
    .set('X-Forwarded-For', address)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
}

/** A browser where this account signed in (and out again): it holds the account's device cookie. */
async function knownBrowser(app: Express, creds: { email: string; password: string }): Promise<Agent> {
  const agent = request.agent(app);
  const res = await attemptLogin(agent, newAddress(), creds.email, creds.password);
  expect(res.status, 'first sign-in').to.equal(303);
  const token = await tokenFor(agent);
  await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
  return agent;
}

describe('login rate limit', () => {
  const t = useTestApp({
    TRUST_PROXY: '1',
    LOGIN_RATE_LIMIT: '4',
    LOGIN_ACCOUNT_LIMIT: '3',
    LOGIN_GLOBAL_LIMIT: '1000',
  });

  it('does not count successful sign-ins', async () => {
    const user = await makeStaff('admin');
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      const res = await attemptLogin(request.agent(t.app), address, user.email, user.password);
      expect(res.status, `sign-in ${i + 1}`).to.equal(303);
    }
    for (let i = 0; i < 3; i++) {
      const res = await attemptLogin(request.agent(t.app), address, user.email, 'wrong password');
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    expect(await attempts().countDocuments({ address })).to.equal(3);
  });

  it('locks an account after 3 failures with 429 and the Lithuanian message, even with the right password', async () => {
    const user = await makeStaff('marketing');
    const address = newAddress();
    for (let i = 0; i < 3; i++) {
      const res = await attemptLogin(request.agent(t.app), address, user.email, 'wrong password');
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const attemptsBefore = await attempts().countDocuments();
    const sessionsBefore = await sessions().countDocuments();
    const blocked = await attemptLogin(request.agent(t.app), address, user.email, user.password);
    expect(blocked.status).to.equal(429);
    expectMessage(blocked.text, 'login.tooMany');
    expect(blocked.text).to.contain('Per daug bandymų');
    expect(blocked.text).to.contain('<html lang="lt">');
    expect(blocked.headers['retry-after']).to.equal('900');
    expect(setCookie(blocked, SESSION_COOKIE)).to.equal(undefined);
    expect(setCookie(blocked, DEVICE_COOKIE)).to.equal(undefined);
    expect(await sessions().countDocuments()).to.equal(sessionsBefore);
    // A refused attempt is not a failure: it is not stored, so waiting ends the lock.
    expect(await attempts().countDocuments()).to.equal(attemptsBefore);
    // The page still has a working form (with a fresh token) for later.
    expect(csrfFrom(blocked.text)).to.have.length.greaterThan(20);
    const again = await attemptLogin(request.agent(t.app), address, user.email, user.password);
    expect(again.status).to.equal(429);
  });

  it('locks the account from every address, but not its known browser', async () => {
    const user = await makeStaff('master');
    const browser = await knownBrowser(t.app, user);
    for (let i = 0; i < 3; i++) {
      const res = await attemptLogin(request.agent(t.app), newAddress(), user.email, `wrong ${i}`);
      expect(res.status, `failure ${i + 1}, each from another address`).to.equal(401);
    }
    const elsewhere = await attemptLogin(request.agent(t.app), newAddress(), user.email, user.password);
    expect(elsewhere.status, 'a new browser at a fresh address').to.equal(429);
    const known = await attemptLogin(browser, newAddress(), user.email, user.password);
    expect(known.status, 'the account’s own browser').to.equal(303);
    // Another account at the same addresses is not affected by this one's lock.
    const other = await makeStaff('master');
    expect(
      (await attemptLogin(request.agent(t.app), newAddress(), other.email, other.password)).status,
    ).to.equal(303);
  });

  it('limits an address after 4 failures across accounts, but lets a staff member in from a known browser', async () => {
    const office = newAddress();
    const colleague = await makeStaff('marketing');
    const browser = await knownBrowser(t.app, colleague);
    for (let i = 0; i < 4; i++) {
      const res = await attemptLogin(
        request.agent(t.app),
        office,
        `guess${i}@example.test`,
        'wrong password',
      );
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const newcomer = await makeStaff('marketing');
    const unknown = await attemptLogin(request.agent(t.app), office, newcomer.email, newcomer.password);
    expect(unknown.status, 'a new browser behind the office address').to.equal(429);
    expectMessage(unknown.text, 'login.tooMany');

    const known = await attemptLogin(browser, office, colleague.email, colleague.password);
    expect(known.status, 'a known browser behind the office address').to.equal(303);
    expect(setCookie(known, SESSION_COOKIE)).to.be.a('string');
    // Its device cookie is for that account only: another account from the same browser is limited.
    const token = await tokenFor(browser);
    await browser.post('/logout').type('form').send({ _csrf: token }).expect(303);
    const borrowed = await attemptLogin(browser, office, newcomer.email, newcomer.password);
    expect(borrowed.status).to.equal(429);
  });

  it('sets the device cookie signed and httpOnly, and refuses a tampered or copied one', async () => {
    const user = await makeStaff('admin');
    const first = await attemptLogin(request.agent(t.app), newAddress(), user.email, user.password);
    expect(first.status).to.equal(303);
    const line = setCookie(first, DEVICE_COOKIE)!;
    expect(line).to.be.a('string');
    expect(line).to.match(/HttpOnly/i);
    expect(line).to.match(/SameSite=Lax/i);
    expect(line).to.match(/Max-Age=\d{7,}/);
    const value = cookieValue(line);
    expect(value).to.not.contain(user.email);

    const office = newAddress();
    for (let i = 0; i < 4; i++) {
      expect(
        (await attemptLogin(request.agent(t.app), office, `x${i}@example.test`, 'wrong')).status,
      ).to.equal(401);
    }
    const withCookie = async (cookie: string) => {
      const agent = request.agent(t.app);
      const page = await agent.get('/login').set('X-Forwarded-For', office).expect(200);
      const csrfCookies = setCookies(page)
        .map((l) => l.split(';')[0])
        .join('; ');
      return request(t.app)
        .post('/login')
        .set('X-Forwarded-For', office)
        .set('Cookie', `${csrfCookies}; ${DEVICE_COOKIE}=${cookie}`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password });
    };
    const tampered = value.slice(0, -2) + (value.endsWith('AA') ? 'BB' : 'AA');
    expect((await withCookie(tampered)).status, 'tampered').to.equal(429);
    const other = await makeStaff('admin');
    const othersCookie = cookieValue(
      setCookie(
        await attemptLogin(request.agent(t.app), newAddress(), other.email, other.password),
        DEVICE_COOKIE,
      )!,
    );
    expect((await withCookie(othersCookie)).status, 'another account’s cookie').to.equal(429);
    expect((await withCookie(value)).status, 'its own cookie').to.equal(303);
  });

  it('limits a known browser by its own failures', async () => {
    const user = await makeStaff('admin');
    const browser = await knownBrowser(t.app, user);
    const address = newAddress();
    for (let i = 0; i < 3; i++) {
      expect((await attemptLogin(browser, address, user.email, 'wrong password')).status).to.equal(401);
    }
    expect((await attemptLogin(browser, address, user.email, user.password)).status).to.equal(429);
  });

  it('lets no burst of simultaneous wrong passwords past the account limit', async () => {
    const user = await makeStaff('admin');
    const agent = request.agent(t.app);
    const address = newAddress();
    const token = csrfFrom((await agent.get('/login').set('X-Forwarded-For', address).expect(200)).text);
    const before = await attempts().countDocuments();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        agent
          .post('/login')
          .set('X-Forwarded-For', address)
          .type('form')
          .send({ _csrf: token, email: user.email, password: `wrong ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const failed = statuses.filter((s) => s === 401).length;
    expect(
      statuses.filter((s) => s !== 401 && s !== 429),
      'only 401 and 429',
    ).to.deep.equal([]);
    expect(failed, 'password checks').to.be.within(1, 3);
    // Exactly the checked attempts are stored as failures.
    expect((await attempts().countDocuments()) - before).to.equal(failed);
  });
});

describe('login rate limit: counting', () => {
  const t = useTestApp({
    TRUST_PROXY: '1',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ACCOUNT_LIMIT: '1000',
    LOGIN_GLOBAL_LIMIT: '100000',
  });

  it('counts 50 simultaneous failures exactly 50', async () => {
    const user = await makeStaff('admin');
    const agent = request.agent(t.app);
    const address = newAddress();
    const token = csrfFrom((await agent.get('/login').set('X-Forwarded-For', address).expect(200)).text);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        agent
          .post('/login')
          .set('X-Forwarded-For', address)
          .type('form')
          .send({ _csrf: token, email: user.email, password: `wrong ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).to.deep.equal(Array(50).fill(401));
    expect(await attempts().countDocuments({ address })).to.equal(50);
  });
});

describe('login rate limit: global', () => {
  const t = useTestApp({
    TRUST_PROXY: '1',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ACCOUNT_LIMIT: '1000',
    LOGIN_GLOBAL_LIMIT: '6',
  });

  it('refuses unknown browsers after 6 failures across the app, known browsers still get in', async () => {
    const user = await makeStaff('admin');
    const browser = await knownBrowser(t.app, user);
    for (let i = 0; i < 6; i++) {
      const res = await attemptLogin(request.agent(t.app), newAddress(), `bot${i}@example.test`, 'wrong');
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const fresh = await makeStaff('marketing');
    const unknown = await attemptLogin(request.agent(t.app), newAddress(), fresh.email, fresh.password);
    expect(unknown.status, 'a new browser, a new address, an untouched account').to.equal(429);
    expectMessage(unknown.text, 'login.tooMany');
    const known = await attemptLogin(browser, newAddress(), user.email, user.password);
    expect(known.status, 'a known browser').to.equal(303);
  });
});

describe('login rate limit: slots', () => {
  useTestApp({});

  it('holds a limit of 3 to 3 slots, gives refused claims nothing and frees slots when the window ends', async () => {
    const t0 = new Date('2026-12-01T10:00:00Z');
    const scope: [AttemptScope, number][] = [[{ account: 'slots-test' }, 3]];
    const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => claimSlots(scope, `a${i}`, t0)));
    expect(claims.filter(Boolean)).to.have.length(3);
    const slots = () => mongoose.connection.collection('login_slots');
    expect(await slots().countDocuments({ scope: 'account:slots-test' })).to.equal(3);
    // Every claim that lost holds nothing, in this scope or any other.
    const holders = (await slots().find({ scope: 'account:slots-test' }).toArray()).map((s) => s.attempt);
    expect(holders.every((h) => claims[Number(String(h).slice(1))])).to.equal(true);
    expect(await claimSlots(scope, 'late', new Date(t0.getTime() + LOGIN_WINDOW_MS - 1000))).to.equal(false);
    expect(await claimSlots(scope, 'next', new Date(t0.getTime() + LOGIN_WINDOW_MS + 1000))).to.equal(true);
    expect(await slots().countDocuments({ scope: 'account:slots-test', attempt: 'next' })).to.equal(1);
  });

  it('takes nothing in the first scope when the second is full', async () => {
    const now = new Date('2026-12-01T11:00:00Z');
    expect(await claimSlots([[{ address: 'slots-full' }, 1]], 'first', now)).to.equal(true);
    const both: [AttemptScope, number][] = [
      [{ account: 'slots-other' }, 5],
      [{ address: 'slots-full' }, 1],
    ];
    expect(await claimSlots(both, 'second', now)).to.equal(false);
    expect(
      await mongoose.connection.collection('login_slots').countDocuments({ attempt: 'second' }),
    ).to.equal(0);
  });
});
