import { ForbiddenError } from '../lib/errors.ts';
import { recordAudit, type Actor } from './audit.ts';
import { Attendance, Participant } from './model.ts';
import { periodDates } from './periods.ts';

/**
 * What the national project's report needs of the register, and nothing more: each person by their
 * internal code (never a name), their dates, and the days they came; per month, how many took part.
 */
export interface ReportPerson {
  code: string;
  startDate: string;
  endDate: string | null;
  days: number;
}

export interface ReportMonth {
  period: string;
  served: number;
  started: number;
  ended: number;
  days: number;
}

export interface RegisterReport {
  months: ReportMonth[];
  people: ReportPerson[];
}

/** The register's figures for the months `periods` (ascending), for administrators; audited. */
export async function registerReport(periods: string[], actor: Actor): Promise<RegisterReport> {
  if (actor.role !== 'admin') throw new ForbiddenError();
  const first = periodDates(periods[0]!).first;
  const last = periodDates(periods.at(-1)!).last;
  const [people, attendance] = await Promise.all([
    Participant.find(
      { startDate: { $lte: last }, $or: [{ endDate: null }, { endDate: { $gte: first } }] },
      { code: 1, startDate: 1, endDate: 1 },
    )
      .sort({ code: 1 })
      .lean(),
    Attendance.find({ period: { $in: periods } }, { period: 1, participantId: 1, days: 1 }).lean(),
  ]);
  const daysOf = new Map<string, number>();
  for (const a of attendance) daysOf.set(a.participantId, (daysOf.get(a.participantId) ?? 0) + a.days);
  const months = periods.map((period) => {
    const { first: from, last: to } = periodDates(period);
    const active = people.filter((p) => p.startDate <= to && (!p.endDate || p.endDate >= from));
    return {
      period,
      served: active.length,
      started: active.filter((p) => p.startDate >= from).length,
      ended: active.filter((p) => p.endDate && p.endDate <= to).length,
      days: attendance.filter((a) => a.period === period).reduce((s, a) => s + a.days, 0),
    };
  });
  await recordAudit({
    actor,
    action: 'list',
    participantIds: people.map((p) => String(p._id)),
    fields: ['code', 'startDate', 'endDate', 'attendance'],
    context: `report:${periods[0]}..${periods.at(-1)}`,
  });
  return {
    months,
    people: people.map((p) => ({
      code: p.code,
      startDate: p.startDate,
      endDate: p.endDate ?? null,
      days: daysOf.get(String(p._id)) ?? 0,
    })),
  };
}
