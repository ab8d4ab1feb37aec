/**
 * A unique-index clash. MongoDB reports code 11000; FerretDB v1 reports 11000 for inserts but
 * code 1 ("UNIQUE constraint failed") for updates, and names no index in either case.
 */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (code === 11000) return true;
  return typeof message === 'string' && /E11000|UNIQUE constraint failed/.test(message);
}

/**
 * An unordered `insertMany` that failed only because some documents' keys were stored already (the
 * rest were inserted): the callers read back what is stored. False for any other failure.
 */
export function onlyClashes(err: unknown): boolean {
  if (isDuplicateKeyError(err)) return true;
  const writeErrors = (err as { writeErrors?: unknown[] } | null)?.writeErrors;
  return (
    Array.isArray(writeErrors) &&
    writeErrors.length > 0 &&
    writeErrors.every((e) => isDuplicateKeyError((e as { err?: unknown }).err ?? e))
  );
}

/** Driver and Mongoose errors that mean the database did not answer (down, stalled or overloaded). */
const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** The database could not be reached in time: the request may succeed when tried again shortly. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 3; depth++) {
    const { name, message, cause } = e as { name?: unknown; message?: unknown; cause?: unknown };
    if (typeof name === 'string' && UNAVAILABLE.has(name)) return true;
    // Mongoose holds operations while its connection is lost, then gives up with a plain MongooseError.
    if (name === 'MongooseError' && typeof message === 'string' && /buffering timed out/.test(message)) {
      return true;
    }
    e = cause;
  }
  return false;
}
