import { randomBytes } from 'node:crypto';

/** An unguessable URL-safe token; 16 bytes = 128 bits by default. */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random lower-case hex name for stored files. */
export function randomName(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
