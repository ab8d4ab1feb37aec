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
