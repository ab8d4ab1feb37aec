import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../lib/ids.ts';

/**
 * Device cookies (OWASP's defence against lock-out by brute force): after a successful sign-in the
 * browser gets a signed entry naming the account, so later it is known as that account's browser
 * and its sign-ins are limited on their own, not by the address or the account's lock.
 *
 * An entry is `<nonce>.<issued, base36 ms>.<HMAC of e-mail, nonce, issued>`; the e-mail itself is
 * not in it. One cookie holds the entries of up to five accounts (a shared office computer).
 */
export const DEVICE_COOKIE_MAX_AGE_MS = 180 * 24 * 3600 * 1000;
const MAX_ENTRIES = 5;

interface Entry {
  nonce: string;
  issued: number;
  mac: string;
}

function deviceKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('dirbtuves device cookie').digest();
}

function sign(secret: string, email: string, nonce: string, issued: number): string {
  return createHmac('sha256', deviceKey(secret))
    .update(`${email}\n${nonce}\n${issued.toString(36)}`)
    .digest('base64url');
}

function parse(cookie: string | undefined, now: Date): Entry[] {
  if (typeof cookie !== 'string' || cookie.length > 2000) return [];
  return cookie
    .split('~')
    .map((part) => /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ nonce: m[1]!, issued: parseInt(m[2]!, 36), mac: m[3]! }))
    .filter((e) => e.issued <= now.getTime() && now.getTime() - e.issued < DEVICE_COOKIE_MAX_AGE_MS)
    .slice(0, MAX_ENTRIES);
}

function matches(secret: string, email: string, entry: Entry): boolean {
  const expected = Buffer.from(sign(secret, email, entry.nonce, entry.issued));
  const given = Buffer.from(entry.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function format(entries: Entry[]): string {
  return entries.map((e) => `${e.nonce}.${e.issued.toString(36)}.${e.mac}`).join('~');
}

/** The device id (nonce) when the cookie holds a valid, unexpired entry for this e-mail; else null. */
export function knownDevice(
  cookie: string | undefined,
  email: string,
  secret: string,
  now = new Date(),
): string | null {
  return parse(cookie, now).find((e) => matches(secret, email, e))?.nonce ?? null;
}

/**
 * The cookie after a successful sign-in of `email`: its entry renewed (keeping the device id, so the
 * browser's own failures still count) or added, before the other accounts' entries.
 */
export function rememberDevice(
  cookie: string | undefined,
  email: string,
  secret: string,
  now = new Date(),
): string {
  const entries = parse(cookie, now);
  const nonce = entries.find((e) => matches(secret, email, e))?.nonce ?? randomToken();
  const issued = now.getTime();
  const fresh = { nonce, issued, mac: sign(secret, email, nonce, issued) };
  return format([fresh, ...entries.filter((e) => e.nonce !== nonce)].slice(0, MAX_ENTRIES));
}
