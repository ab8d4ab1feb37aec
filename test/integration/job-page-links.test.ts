import { expect } from 'chai';
import { signInAs, useTestApp } from '../support/app.ts';
import { completedJob, serviceContext } from './services-support.ts';

/** A job page links to who worked on the job only for the roles that may open that page. */
describe('job page: the link to the participants’ contributions', () => {
  const t = useTestApp();
  let jobId: string;

  before(async () => {
    jobId = String((await completedJob(serviceContext(t.config)))._id);
  });

  const link = (html: string) => /<a href="([^"]*)"[^>]*data-contributions-link/.exec(html)?.[1];

  it('is not shown to the marketing specialist, who may not open contributions', async () => {
    const marketing = await signInAs(t.app, 'marketing');
    const page = await marketing.get(`/admin/requests/${jobId}`).expect(200);
    expect(link(page.text)).to.equal(undefined);
    await marketing.get(`/admin/contributions?job=${jobId}`).expect(403);
  });

  it('is shown to the administrator and opens', async () => {
    const admin = await signInAs(t.app, 'admin');
    const page = await admin.get(`/admin/requests/${jobId}`).expect(200);
    const href = link(page.text);
    expect(href).to.equal(`/admin/contributions?job=${jobId}`);
    await admin.get(href!).expect(200);
  });
});
