import mongoose from 'mongoose';
import { PERIOD_RE, vilniusPeriod } from '../lib/dates.ts';
import { JOB_STATES, ServiceRequest, type ServiceRequestDoc } from './model.ts';

/** A job as other modules (work contributions) see it. */
export interface JobSummary {
  id: string;
  reference: string;
  title: string;
  company: string;
  state: string;
  scheduledOn: string | null;
}

type JobFields = Pick<
  ServiceRequestDoc,
  | '_id'
  | 'reference'
  | 'serviceTitle'
  | 'description'
  | 'company'
  | 'state'
  | 'scheduledOn'
  | 'startedAt'
  | 'completedAt'
  | 'paidAt'
>;

const FIELDS = {
  reference: 1,
  serviceTitle: 1,
  description: 1,
  company: 1,
  state: 1,
  scheduledOn: 1,
  startedAt: 1,
  completedAt: 1,
  paidAt: 1,
};

function summary(job: JobFields): JobSummary {
  const title = job.serviceTitle?.lt || job.description?.slice(0, 80) || job.reference;
  return {
    id: String(job._id),
    reference: job.reference,
    title,
    company: job.company?.name ?? '',
    state: job.state ?? 'accepted',
    scheduledOn: job.scheduledOn ?? null,
  };
}

/**
 * Jobs (accepted work, up to paid) that belong to a Vilnius month: scheduled in it, started,
 * completed or paid in it, or still in progress during it. Sorted by reference.
 */
export async function listJobsForPeriod(period: string): Promise<JobSummary[]> {
  if (!PERIOD_RE.test(period)) throw new RangeError(`not a period: ${period}`);
  const jobs = await ServiceRequest.find({ state: { $in: JOB_STATES } }, FIELDS)
    .sort({ reference: 1 })
    .lean<JobFields[]>();
  const inPeriod = (d: Date | null | undefined) => !!d && vilniusPeriod(new Date(d)) === period;
  return jobs
    .filter((j) => {
      if (j.scheduledOn?.startsWith(`${period}-`)) return true;
      if (inPeriod(j.startedAt) || inPeriod(j.completedAt) || inPeriod(j.paidAt)) return true;
      // Started before the month and not finished before it: it was in progress during the month.
      if (j.startedAt && vilniusPeriod(new Date(j.startedAt)) < period) {
        const done = j.completedAt ? vilniusPeriod(new Date(j.completedAt)) : null;
        return done === null || done >= period;
      }
      return false;
    })
    .map(summary);
}

/** One job by its request id; null when there is no such request or it is not (yet) a job. */
export async function getJobSummary(id: string): Promise<JobSummary | null> {
  if (!mongoose.isValidObjectId(id) || !/^[a-f0-9]{24}$/.test(id)) return null;
  const job = await ServiceRequest.findOne({ _id: id, state: { $in: JOB_STATES } }, FIELDS).lean<JobFields>();
  return job ? summary(job) : null;
}
