import { Router, type Request, type Response } from 'express';
import { flash } from '../web/flash.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import type { Csrf } from '../web/csrf.ts';
import { isPeriodFinalised } from '../stipends/service.ts';
import { actorOf } from './actor.ts';
import { monthDays } from './month.ts';
import { missingQuery } from './schemas.ts';
import { withoutAttendance } from './service.ts';
import {
  auditView,
  bodyOf,
  finalisedErrors,
  parseGrid,
  periodFromQuery,
  periodNav,
  postedPeriod,
} from './work-forms.ts';
import { activeParticipants, attendanceFor, saveAttendance } from './work.ts';

/** Days typed in a row, when they are a whole number (a bad value has its own error instead). */
function typedDays(value: string): number | null {
  const text = value.trim();
  return /^\d{1,2}$/.test(text) ? Number(text) : null;
}

/**
 * The attendance page: days per participant, the month's workdays and public holidays, and a warning
 * beside every row (and in a summary at the top) whose days exceed the workdays — such days are kept
 * as typed, and the stipend counts the workdays.
 */
export function attendanceRoutes(csrf: Csrf): Router {
  const router = Router();

  async function renderAttendance(
    req: Request,
    res: Response,
    period: string,
    extra: { values?: Record<string, string>; errors?: FieldErrors; missing?: boolean } = {},
    status = 200,
  ) {
    const [active, days, finalised, month] = await Promise.all([
      activeParticipants(period),
      attendanceFor(period),
      isPeriodFinalised(period),
      monthDays(period),
    ]);
    // The dashboard's queue: only those with nothing recorded yet (saving posts only these rows).
    const people = extra.missing ? await withoutAttendance(period, active) : active;
    await auditView(req, people, ['displayName', 'code', 'attendanceDays'], `attendance:${period}`);
    const rows = people.map((p) => {
      const id = String(p._id);
      const field = `days_${id}`;
      const value = extra.values?.[field] ?? String(days.get(id) ?? 0);
      const error = extra.errors?.[field];
      const typed = error ? null : typedDays(value);
      const over = typed !== null && typed > month.workdays ? typed : null;
      return { id, field, displayName: p.displayName, code: p.code, value, error, over };
    });
    res.status(status).render('participants/attendance', {
      titleKey: 'attendance.title',
      ...periodNav(period),
      maxDays: month.daysInMonth,
      month,
      holidays: month.holidays,
      // Only an administrator edits the month's workdays, on the stipend month's rules, until it is finalised.
      workdaysEditUrl:
        res.locals.isAdmin && month.source !== 'finalised' && !finalised
          ? `/admin/stipends/${period}#settings-heading`
          : null,
      finalised,
      missing: Boolean(extra.missing),
      errors: extra.errors ?? {},
      rows,
      overRows: rows.filter((r) => r.over !== null),
    });
  }

  router.get('/attendance', (req, res) =>
    renderAttendance(req, res, periodFromQuery(req.query.period), {
      missing: missingQuery.parse(req.query.missing),
    }),
  );

  router.post('/attendance', parseGrid, csrf.verifyParsed('/admin/attendance'), async (req, res) => {
    const body = bodyOf(req);
    const period = postedPeriod(body);
    const days = new Map<string, string>();
    for (const [k, v] of Object.entries(body)) {
      const m = /^days_(.+)$/.exec(k);
      if (m) days.set(m[1]!, v);
    }
    try {
      await saveAttendance(period, days, actorOf(req));
    } catch (err) {
      return renderAttendance(req, res, period, { values: body, errors: finalisedErrors(err) }, 422);
    }
    flash(req, 'success', 'attendance.saved');
    res.redirect(303, `/admin/attendance?period=${period}`);
  });

  return router;
}
