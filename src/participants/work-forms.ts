import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { ConflictError, DomainError } from '../lib/errors.ts';
import type { FieldErrors } from '../web/form-fields.ts';
import { actorOf } from './actor.ts';
import { recordAudit } from './audit.ts';
import { currentPeriod, shiftPeriod } from './periods.ts';
import { periodParam } from './schemas.ts';
import { FieldsError } from './work.ts';

/**
 * Attendance and the contributions grid post every cell as its own field, which can be far more than
 * the app's urlencoded limit (200 fields): they are multipart forms, their CSRF token checked once
 * the body is parsed.
 */
const gridParser = multer({ limits: { fields: 10_000, fieldSize: 2000, parts: 10_000, files: 0 } }).none();

export function parseGrid(req: Request, res: Response, next: NextFunction): void {
  gridParser(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError) return next(new DomainError(413, 'errors.tooLarge'));
    next(err);
  });
}

export function bodyOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else throw new DomainError(400, 'errors.badRequest');
  }
  return out;
}

export function periodFromQuery(value: unknown): string {
  const parsed = periodParam.safeParse(value);
  return parsed.success ? parsed.data : currentPeriod();
}

/** A posted period must be well formed: anything else is refused and nothing is stored. */
export function postedPeriod(body: Record<string, string>): string {
  const parsed = periodParam.safeParse(body.period);
  if (!parsed.success) throw new DomainError(422, 'contributions.errors.period');
  return parsed.data;
}

export function periodNav(period: string) {
  return { period, prevPeriod: shiftPeriod(period, -1), nextPeriod: shiftPeriod(period, 1) };
}

export function finalisedErrors(err: unknown): FieldErrors {
  if (err instanceof FieldsError) return err.errors;
  if (err instanceof ConflictError) return { _form: { key: err.messageKey, params: err.params } };
  throw err;
}

/** The attendance and contribution pages show the people active in the period: audited as a list view. */
export async function auditView(req: Request, people: { _id: unknown }[], fields: string[], context: string) {
  if (people.length === 0) return;
  const participantIds = people.map((p) => String(p._id));
  await recordAudit({ actor: actorOf(req), action: 'list', participantIds, fields, context });
}
