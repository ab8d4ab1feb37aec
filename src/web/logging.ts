import type { IncomingMessage, ServerResponse } from 'node:http';

/** Private order links must not end up in logs: the token is replaced by its first characters. */
export function maskUrl(url: string | undefined): string {
  return (url ?? '').replace(/(\/orders\/)([A-Za-z0-9_-]{4})[A-Za-z0-9_-]{18,}/g, '$1$2…');
}

/** What a request log line holds: no headers (cookies carry sessions), no private tokens. */
export const requestSerializers = {
  req: (req: IncomingMessage & { id?: unknown }) => ({
    id: req.id,
    method: req.method,
    url: maskUrl(req.url),
  }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
};
