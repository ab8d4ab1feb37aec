import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config.ts';

/** AES-256-GCM ciphertext as stored: key id (for rotation), 96-bit IV, auth tag, ciphertext (base64). */
export interface Sealed {
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

let keys: Config['participantDataKeys'] | null = null;

/** Set by the participants router from the app's config; scripts fall back to the environment. */
export function useParticipantDataKeys(configured: Config['participantDataKeys']): void {
  keys = configured;
}

function currentKeys(): Config['participantDataKeys'] {
  keys ??= loadConfig().participantDataKeys;
  return keys;
}

/** The participant's id is bound as associated data, so a ciphertext copied to another record fails. */
export function seal(plain: string, participantId: string): Sealed {
  const { id, key } = currentKeys()[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(participantId));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    kid: id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

export class UnknownDataKeyError extends Error {}

export function open(sealed: Sealed, participantId: string): string {
  const entry = currentKeys().find((k) => k.id === sealed.kid);
  if (!entry) throw new UnknownDataKeyError(`participant data key ${sealed.kid} is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(participantId));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/** Whether a ciphertext was made with an older key (it is sealed again with the current one on save). */
export function isStale(sealed: Sealed): boolean {
  return sealed.kid !== currentKeys()[0]!.id;
}
