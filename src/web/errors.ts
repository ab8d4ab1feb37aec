import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { DomainError, NotFoundError } from '../lib/errors.ts';
import { maskUrl } from './logging.ts';

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}

/** Seconds a visitor is asked to wait when the database did not answer in time. */
export const RETRY_AFTER_SECONDS = 10;

interface HttpishError {
  status?: number;
  statusCode?: number;
  code?: string;
  type?: string;
}

/** Renders every failure as a page in the user's language; details go to the log, never to the page. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let key = 'errors.server';
    let params: Record<string, string | number> = {};
    const e = err as HttpishError;
    if (err instanceof DomainError) {
      status = err.status;
      key = err.messageKey;
      params = err.params;
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      key = 'errors.unavailable';
    } else if (e?.code === 'EBADCSRFTOKEN') {
      status = 403;
      key = 'errors.csrf';
    } else if (e?.type === 'entity.too.large') {
      status = 413;
      key = 'errors.tooLarge';
    } else if (typeof (e?.status ?? e?.statusCode) === 'number' && (e.status ?? e.statusCode)! < 500) {
      status = (e.status ?? e.statusCode)!;
      key = status === 404 ? 'errors.notFound' : 'errors.badRequest';
    }
    if (status >= 500) logger.error({ err, url: maskUrl(req.originalUrl) }, 'request failed');
    if (res.headersSent) return;
    if (status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res
      .status(status)
      .render('error', { titleKey: 'errors.title', status, messageKey: key, messageParams: params });
  };
}
