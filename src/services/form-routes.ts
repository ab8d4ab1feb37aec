/** The public request form at `/requests/new`: fields, attachments (checked by content), submission. */
import type { NextFunction, Request, Response, Router } from 'express';
import multer from 'multer';
import { DomainError, FieldError } from '../lib/errors.ts';
import { parseForm, type FieldErrors } from '../web/form-fields.ts';
import { localized } from '../web/i18n.ts';
import type { ModuleRouteDeps } from '../web/module-deps.ts';
import { formLimiter } from '../web/rate-limit.ts';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_REQUEST_ATTACHMENTS_BYTES,
  checkAttachments,
} from './attachments.ts';
import type { ServiceContext } from './notify.ts';
import { REQUEST_TEXT_LIMITS, requestForm } from './schemas.ts';
import { requestableServices, submitRequest } from './service.ts';
import { formValues, type Values } from './web-helpers.ts';

/**
 * The largest text part accepted (bytes). It is well above what the longest field may hold (4,000
 * characters, up to 16 kB in UTF-8), so an over-long text arrives whole and is reported as too long
 * with its limit; a part past this cuts the body there (see `cutField`).
 */
const MAX_FIELD_BYTES = 64 * 1024;

/** Multipart parsing of the request form: files stay in memory, bounded in size and count. */
function attachmentUpload(req: Request, res: Response, next: NextFunction): void {
  const parser = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES,
      files: MAX_ATTACHMENTS,
      fields: 40,
      fieldSize: MAX_FIELD_BYTES,
      parts: 60,
    },
  }).array('attachments', MAX_ATTACHMENTS);
  parser(req, res, (err: unknown) => {
    if (err instanceof multer.MulterError && err.code === 'LIMIT_FIELD_VALUE') {
      // The parser stops at the over-long field: the fields after it never arrived.
      res.locals.cutField = err.field ?? '';
      req.body = plainFields(req.body);
      req.files = [];
      return next();
    }
    if (err instanceof multer.MulterError) {
      res.locals.uploadError =
        err.code === 'LIMIT_FILE_SIZE'
          ? { key: 'request.errors.fileTooLarge', params: { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 } }
          : err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE'
            ? { key: 'request.errors.tooManyFiles', params: { max: MAX_ATTACHMENTS } }
            : { key: 'errors.uploadFailed', params: {} };
      req.body = plainFields(req.body);
      req.files = [];
      return next();
    }
    // Anything else the parser reports is a malformed or cut-off body: the client's fault.
    if (err) return next(new DomainError(400, 'errors.badRequest'));
    req.body = plainFields(req.body);
    next();
  });
}

/**
 * Multer turns `name[$ne]=x` into `{ name: { $ne: 'x' } }`; like the URL-encoded parser, the form
 * gets only plain text fields, so such a field is simply absent.
 */
function plainFields(body: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') flat[key] = value;
  }
  return flat;
}

/**
 * The form's answer when a text field was longer than the parser takes: that field is too long (with
 * its limit); the fields after it were not received, so they are not reported as missing.
 */
function cutFieldErrors(field: string): FieldErrors {
  const limits: Record<string, number> = REQUEST_TEXT_LIMITS;
  const max = Object.hasOwn(limits, field) ? limits[field] : undefined;
  if (max === undefined) return { _form: { key: 'errors.badRequest', params: {} } };
  return { [field]: { key: 'errors.tooLong', params: { max } } };
}

/** Registers the request form's pages on the public router. */
export function requestFormRoutes(
  router: Router,
  deps: ModuleRouteDeps,
  ctx: (by: string) => ServiceContext,
): void {
  const { csrf } = deps;

  async function renderForm(
    req: Request,
    res: Response,
    values: Values,
    errors: FieldErrors = {},
    status = 200,
  ) {
    const services = await requestableServices();
    res.status(status).render('services/form', {
      titleKey: 'requests.formTitle',
      services: services.map((s) => ({
        id: String(s._id),
        title: localized(s.title, req.lang),
        selected: values.service === String(s._id),
      })),
      otherSelected: values.service === 'other',
      values,
      errors,
      maxFiles: MAX_ATTACHMENTS,
      maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024,
      totalMb: MAX_REQUEST_ATTACHMENTS_BYTES / 1024 / 1024,
      // A browser never fills a file input again: files chosen for a refused form must be chosen anew.
      attachmentsAgain:
        req.method === 'POST' &&
        (Boolean(res.locals.uploadError) || (Array.isArray(req.files) && req.files.length > 0)),
    });
  }

  router.get('/requests/new', csrf.issueToken, async (req, res) => {
    const slug = typeof req.query.service === 'string' ? req.query.service : '';
    const services = await requestableServices();
    const chosen = services.find((s) => s.slug === slug || String(s._id) === slug);
    await renderForm(req, res, { service: chosen ? String(chosen._id) : '', quantity: '1', country: 'LT' });
  });

  const submitLimiter = formLimiter('service-request', 40);
  // The form carries its CSRF token as a field (not in its address), read once the body is parsed.
  const upload = [attachmentUpload, csrf.verifyParsed('/requests/new')];

  router.post('/requests/new', submitLimiter, csrf.issueToken, ...upload, async (req, res) => {
    const values = formValues(req.body);
    const cutField = res.locals.cutField as string | undefined;
    if (cutField !== undefined) return renderForm(req, res, values, cutFieldErrors(cutField), 422);
    const parsed = parseForm(requestForm, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const uploadError = res.locals.uploadError as FieldErrors[string] | undefined;
    if (uploadError) errors.attachments = uploadError;
    let checked: Awaited<ReturnType<typeof checkAttachments>> = [];
    if (!errors.attachments) {
      const files = Array.isArray(req.files) ? req.files : [];
      try {
        checked = await checkAttachments(
          files.filter((f) => f.size > 0).map((f) => ({ originalName: f.originalname, buffer: f.buffer })),
        );
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        errors[err.field] = { key: err.messageKey, params: err.params };
      }
    }
    if (!parsed.ok || Object.keys(errors).length) return renderForm(req, res, values, errors, 422);
    try {
      const request = await submitRequest(parsed.data, checked, req.lang, ctx('customer'), {
        uploadsPerDayBytes: deps.config.attachmentsPerDayBytes,
      });
      res.redirect(303, `/requests/${request.token}?submitted=1`);
    } catch (err) {
      if (err instanceof FieldError) {
        return renderForm(
          req,
          res,
          values,
          { [err.field]: { key: err.messageKey, params: err.params } },
          422,
        );
      }
      throw err;
    }
  });
}
