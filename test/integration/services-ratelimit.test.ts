import { expect } from 'chai';
import request from 'supertest';
import { ServiceRequest } from '../../src/services/model.ts';
import { csrfFrom, useTestApp } from '../support/app.ts';
import { expectMessage } from './helpers.ts';
import { requestFields } from './services-support.ts';

describe('service request form: rate limit', () => {
  const t = useTestApp();

  it('answers 429 in the visitor’s language after 40 posts from one address in 15 minutes', async () => {
    const agent = request.agent(t.app);
    const token = csrfFrom((await agent.get('/requests/new').expect(200)).text);
    const post = () => {
      let req = agent.post(`/requests/new?_csrf=${encodeURIComponent(token)}`);
      for (const [k, v] of Object.entries(requestFields({ companyCode: 'bad' }))) req = req.field(k, v);
      return req;
    };
    for (let i = 0; i < 40; i++) expect((await post()).status).to.equal(422);
    const limited = await post().expect(429);
    expectMessage(limited.text, 'errors.tooManyRequests');
    expect(await ServiceRequest.countDocuments()).to.equal(0);
  });
});
