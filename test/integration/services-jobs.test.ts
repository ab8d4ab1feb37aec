import { expect } from 'chai';
import { vilniusPeriod } from '../../src/lib/dates.ts';
import { ServiceRequest } from '../../src/services/model.ts';
import { getJobSummary, listJobsForPeriod } from '../../src/services/service.ts';
import { useTestApp } from '../support/app.ts';
import { completedJob, quotedRequest, serviceContext } from './services-support.ts';

describe('service requests: jobs for the contributions grid', () => {
  const t = useTestApp();

  it('lists the jobs of a Vilnius month and summarises one job', async () => {
    const ctx = serviceContext(t.config);
    const done = await completedJob(ctx);
    const quoted = await quotedRequest(ctx);
    const old = await completedJob(ctx);
    // An old job: scheduled, started and completed in January 2025.
    await ServiceRequest.updateOne(
      { _id: old._id },
      {
        $set: {
          scheduledOn: '2025-01-10',
          startedAt: new Date('2025-01-10T08:00:00Z'),
          completedAt: new Date('2025-01-31T22:30:00Z'), // 1 February in Vilnius
        },
      },
    );
    const now = vilniusPeriod(new Date());
    const current = await listJobsForPeriod(now);
    expect(current.map((j) => j.id)).to.deep.equal([String(done._id)]);
    expect(current[0]).to.deep.equal({
      id: String(done._id),
      reference: done.reference,
      title: done.description,
      company: 'UAB Pakuotė',
      state: 'completed',
      scheduledOn: null,
    });
    expect((await listJobsForPeriod('2025-01')).map((j) => j.id)).to.deep.equal([String(old._id)]);
    expect((await listJobsForPeriod('2025-02')).map((j) => j.id)).to.deep.equal([String(old._id)]);
    expect(await listJobsForPeriod('2024-12')).to.deep.equal([]);
    const refused = await listJobsForPeriod('2025-13').then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).to.be.instanceOf(RangeError);

    expect(await getJobSummary(String(done._id))).to.deep.equal(current[0]);
    expect(await getJobSummary(String(quoted._id)), 'not a job yet').to.equal(null);
    expect(await getJobSummary('0123456789abcdef01234567')).to.equal(null);
    expect(await getJobSummary('nonsense')).to.equal(null);
  });
});
