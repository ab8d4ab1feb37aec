import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { csrfFrom, makeStaff, useTestApp } from '../support/app.ts';
import { SESSION_COOKIE, expectMessage, setCookie } from './helpers.ts';

describe('login rate limit', () => {
  const t = useTestApp({ LOGIN_RATE_LIMIT: '3' });

  async function attemptLogin(email: string, password: string) {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').expect(200);
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password });
  }

  it('does not count successful sign-ins', async () => {
    const user = await makeStaff('admin');
    for (let i = 0; i < 5; i++) {
      const res = await attemptLogin(user.email, user.password);
      expect(res.status, `sign-in ${i + 1}`).to.equal(303);
    }
  });

  it('blocks the 4th attempt after 3 failures with 429 and the Lithuanian message, even with the right password', async () => {
    const user = await makeStaff('marketing');
    for (let i = 0; i < 3; i++) {
      const res = await attemptLogin(user.email, 'wrong password');
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const sessionsBefore = await mongoose.connection.collection('sessions').countDocuments();
    const blocked = await attemptLogin(user.email, user.password);
    expect(blocked.status).to.equal(429);
    expectMessage(blocked.text, 'login.tooMany');
    expect(blocked.text).to.contain('Per daug bandymų');
    expect(blocked.text).to.contain('<html lang="lt">');
    expect(setCookie(blocked, SESSION_COOKIE)).to.equal(undefined);
    expect(await mongoose.connection.collection('sessions').countDocuments()).to.equal(sessionsBefore);
    // The page still has a working form (with a fresh token) for later.
    expect(csrfFrom(blocked.text)).to.have.length.greaterThan(20);
    const again = await attemptLogin(user.email, user.password);
    expect(again.status).to.equal(429);
  });
});
