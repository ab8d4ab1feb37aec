/** Typed domain errors: services throw them, the web layer maps them to a status and a translated message. */
export class DomainError extends Error {
  readonly status: number;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;

  constructor(status: number, messageKey: string, params: Record<string, string | number> = {}) {
    super(messageKey);
    this.name = new.target.name;
    this.status = status;
    this.messageKey = messageKey;
    this.params = params;
  }
}

export class NotFoundError extends DomainError {
  constructor(messageKey = 'errors.notFound', params: Record<string, string | number> = {}) {
    super(404, messageKey, params);
  }
}

export class ConflictError extends DomainError {
  constructor(messageKey: string, params: Record<string, string | number> = {}) {
    super(409, messageKey, params);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messageKey = 'errors.forbidden') {
    super(403, messageKey);
  }
}

/** A field-level failure a form can show next to its input (e.g. a duplicate slug). */
export class FieldError extends DomainError {
  readonly field: string;

  constructor(field: string, messageKey: string, params: Record<string, string | number> = {}) {
    super(422, messageKey, params);
    this.field = field;
  }
}
