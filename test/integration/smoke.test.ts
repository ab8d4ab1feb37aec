import { expect } from 'chai';
import request from 'supertest';
import { signInAs, useTestApp } from '../support/app.ts';

describe('smoke', () => {
  const t = useTestApp();
  it('serves the home page and health checks', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).to.contain('<html lang="lt">');
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/readyz').expect(200);
  });
  it('signs in an admin', async () => {
    const agent = await signInAs(t.app, 'admin');
    const res = await agent.get('/admin').expect(200);
    expect(res.text).to.contain('Valdymo meniu');
  });
});
