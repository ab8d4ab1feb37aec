import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { claimOnce } from '../db/once.ts';

/**
 * A run of a job in one time slot. Inserting it is the lease: the unique id lets exactly one app
 * instance run each job once per slot (an insert is atomic everywhere, unlike a conditional update
 * on FerretDB v1). Old leases are swept by the runner.
 */
const leaseSchema = new mongoose.Schema(
  { _id: { type: String }, job: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'job_leases', versionKey: false },
);
leaseSchema.index({ at: 1 });
export const JobLease = mongoose.model('JobLease', leaseSchema);

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/** Takes the lease of the job's current slot; false if another instance already has it. */
export async function takeLease(job: Pick<Job, 'name' | 'everyMs'>, now = Date.now()): Promise<boolean> {
  return claimOnce(JobLease, {
    _id: `${job.name}:${Math.floor(now / job.everyMs)}`,
    job: job.name,
    at: new Date(now),
  });
}

export async function runOnce(job: Job, logger: Logger): Promise<boolean> {
  if (!(await takeLease(job))) return false;
  try {
    await job.run();
  } catch (err) {
    logger.error({ err, job: job.name }, 'scheduled job failed');
  }
  return true;
}

/** Runs each job every `everyMs` (at most once per slot across all instances) until stopped. */
export function startJobs(jobs: Job[], logger: Logger): { stop(): void } {
  const timers = jobs.map((job) => {
    const timer = setInterval(() => void runOnce(job, logger), Math.min(job.everyMs, 60_000));
    timer.unref();
    return timer;
  });
  const sweep = setInterval(
    () =>
      void JobLease.deleteMany({ at: { $lt: new Date(Date.now() - 24 * 3600 * 1000) } }).catch(
        () => undefined,
      ),
    3600_000,
  );
  sweep.unref();
  return {
    stop() {
      for (const t of [...timers, sweep]) clearInterval(t);
    },
  };
}
