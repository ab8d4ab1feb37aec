import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { open, seal, useParticipantDataKeys } from '../../src/participants/crypto.ts';

const SECRET = 'x'.repeat(32);

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('participant data key', () => {
  const hex = randomBytes(32).toString('hex');
  const base64 = randomBytes(32).toString('base64');

  it('is required in production, naming the variable', () => {
    expect(configError({ NODE_ENV: 'production', SESSION_SECRET: SECRET })).to.contain(
      'PARTICIPANT_DATA_KEY',
    );
    const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, PARTICIPANT_DATA_KEY: base64 });
    expect(c.participantDataKeys).to.have.length(1);
    expect(c.participantDataKeys[0]!.key.equals(Buffer.from(base64, 'base64'))).to.equal(true);
  });

  it('has a fixed development key outside production', () => {
    const a = loadConfig({}).participantDataKeys;
    const b = loadConfig({ NODE_ENV: 'test' }).participantDataKeys;
    expect(a[0]!.key).to.have.length(32);
    expect(a[0]!.id).to.equal(b[0]!.id);
  });

  it('accepts 64 hex digits or 32 bytes of base64, and refuses anything else', () => {
    expect(loadConfig({ PARTICIPANT_DATA_KEY: hex }).participantDataKeys[0]!.key.toString('hex')).to.equal(
      hex,
    );
    for (const bad of [
      'short',
      hex.slice(2),
      randomBytes(16).toString('base64'),
      `${hex}00`,
      `${base64},x`,
    ]) {
      expect(configError({ PARTICIPANT_DATA_KEY: bad }), bad).to.contain('PARTICIPANT_DATA_KEY');
    }
  });

  it('rotates: the first key seals, older keys still open what they sealed', () => {
    const oldKey = loadConfig({ PARTICIPANT_DATA_KEY: hex }).participantDataKeys;
    useParticipantDataKeys(oldKey);
    const sealed = seal('LT121000011101001000', 'p1');
    expect(sealed.kid).to.equal(oldKey[0]!.id);

    const rotated = loadConfig({ PARTICIPANT_DATA_KEY: `${base64}, ${hex}` }).participantDataKeys;
    useParticipantDataKeys(rotated);
    expect(open(sealed, 'p1')).to.equal('LT121000011101001000');
    const resealed = seal('LT121000011101001000', 'p1');
    expect(resealed.kid).to.equal(rotated[0]!.id).and.not.equal(sealed.kid);

    useParticipantDataKeys(loadConfig({ PARTICIPANT_DATA_KEY: base64 }).participantDataKeys);
    expect(() => open(sealed, 'p1')).to.throw(/not configured/);
    useParticipantDataKeys(loadConfig({ NODE_ENV: 'test' }).participantDataKeys);
  });

  it('binds a ciphertext to its participant and detects tampering', () => {
    const sealed = seal('secret note', 'p1');
    expect(sealed.ct).to.not.contain('secret');
    expect(() => open(sealed, 'p2')).to.throw();
    const flipped = Buffer.from(sealed.ct, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open({ ...sealed, ct: flipped.toString('base64') }, 'p1')).to.throw();
    expect(seal('same', 'p1').iv).to.not.equal(seal('same', 'p1').iv);
  });
});
