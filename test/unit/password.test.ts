import { scryptSync } from 'node:crypto';
import { expect } from 'chai';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from '../../src/lib/password.ts';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

async function outcome(promise: Promise<boolean>): Promise<boolean | string> {
  try {
    return await promise;
  } catch (err) {
    return `threw ${(err as Error).message}`;
  }
}

describe('password', function () {
  // scrypt with N=2^15 takes tens of milliseconds per call
  this.timeout(20_000);

  let hash: string;
  before(async () => {
    hash = await hashPassword('correct horse battery staple');
  });

  describe('hashPassword / verifyPassword', () => {
    it('verifies the password that was hashed', async () => {
      expect(await verifyPassword('correct horse battery staple', hash)).to.equal(true);
    });

    it('refuses a wrong password', async () => {
      expect(await verifyPassword('correct horse battery stapler', hash)).to.equal(false);
      expect(await verifyPassword('Correct horse battery staple', hash)).to.equal(false);
      expect(await verifyPassword('', hash)).to.equal(false);
    });

    it('salts: two hashes of the same password differ, and both verify', async () => {
      const other = await hashPassword('correct horse battery staple');
      expect(other).not.to.equal(hash);
      expect(other.split('$')[4]).not.to.equal(hash.split('$')[4]);
      expect(await verifyPassword('correct horse battery staple', other)).to.equal(true);
    });

    it('stores a self-describing scrypt$32768$8$1$salt$key string', () => {
      expect(hash).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
      const [, , , , salt, key] = hash.split('$');
      expect(Buffer.from(salt!, 'base64')).to.have.length(16);
      expect(Buffer.from(key!, 'base64')).to.have.length(64);
    });

    it('verifies against the parameters stored in the hash', async () => {
      // A hash made with other (cheaper) parameters still verifies: the stored string describes itself.
      const salt = Buffer.from('0123456789abcdef');
      const key = scryptSync('tiny', salt, 32, { N: 1024, r: 8, p: 1 });
      const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
      expect(await verifyPassword('tiny', stored)).to.equal(true);
      expect(await verifyPassword('tinY', stored)).to.equal(false);
    });

    it('normalises to NFKC, so a ligature or decomposed letter matches its plain form', async () => {
      const ligature = await hashPassword('\ufb01sh žuvis'); // "ﬁsh" + ž (precomposed)
      expect(await verifyPassword('fish žuvis', ligature)).to.equal(true);
      expect(await verifyPassword('fish z\u030cuvis', ligature)).to.equal(true); // z + combining caron
      expect(await verifyPassword('fish zuvis', ligature)).to.equal(false);
    });

    it('handles non-ASCII passwords', async () => {
      const lt = await hashPassword('Ąžuolas-Šilas-2024');
      expect(await verifyPassword('Ąžuolas-Šilas-2024', lt)).to.equal(true);
      expect(await verifyPassword('Azuolas-Silas-2024', lt)).to.equal(false);
    });
  });

  describe('verifyPassword with a malformed stored hash', () => {
    const malformed = (): Array<[string, string]> => {
      const parts = hash.split('$');
      const s = parts[4]!;
      const k = parts[5]!;
      return [
        ['empty', ''],
        ['just a word', 'scrypt'],
        ['only separators', 'scrypt$$$$$'],
        ['another scheme', `bcrypt$32768$8$1$${s}$${k}`],
        ['missing key', `scrypt$32768$8$1$${s}`],
        ['empty key', `scrypt$32768$8$1$${s}$`],
        ['missing salt', `scrypt$32768$8$1$$${k}`],
        ['a plain-text password', 'correct horse battery staple'],
        ['non-numeric N', `scrypt$abc$8$1$${s}$${k}`],
        ['negative N', `scrypt$-2$8$1$${s}$${k}`],
        ['N not a power of two', `scrypt$3$8$1$${s}$${k}`],
        ['N beyond the memory limit', `scrypt$1073741824$8$1$${s}$${k}`],
        ['non-numeric r', `scrypt$32768$x$1$${s}$${k}`],
        ['key that is not base64 (decodes to nothing)', `scrypt$32768$8$1$${s}$!!!!`],
        ['key of one base64 character (decodes to nothing)', `scrypt$32768$8$1$${s}$A`],
      ];
    };

    it('returns false, never true and never a rejection', async () => {
      const results: Record<string, boolean | string> = {};
      for (const [label, stored] of malformed()) {
        results[label] = await outcome(verifyPassword('correct horse battery staple', stored));
      }
      const notFalse = Object.fromEntries(Object.entries(results).filter(([, r]) => r !== false));
      expect(notFalse, 'malformed hashes that did not give false').to.deep.equal({});
    });

    it('never accepts an arbitrary password against a hash whose key decodes to zero bytes', async () => {
      const s = hash.split('$')[4]!;
      expect(await outcome(verifyPassword('any password at all', `scrypt$32768$8$1$${s}$!!!!`))).to.equal(
        false,
      );
    });
  });

  describe('dummyPasswordHash', () => {
    it('is a well-formed hash, made once', async () => {
      const a = await dummyPasswordHash();
      const b = await dummyPasswordHash();
      expect(a).to.match(/^scrypt\$32768\$8\$1\$/);
      expect(a).to.equal(b);
      expect(await verifyPassword('', a)).to.equal(false);
    });
  });

  describe('generatePassword', () => {
    it('is three groups of four characters from the unambiguous alphabet', () => {
      const re = new RegExp(`^[${ALPHABET}]{4}-[${ALPHABET}]{4}-[${ALPHABET}]{4}$`);
      for (let i = 0; i < 200; i++) {
        const p = generatePassword();
        expect(p).to.match(re);
        expect(p).not.to.match(/[0O1lI]/);
      }
    });

    it('gives a different password on each of 100 calls', () => {
      const seen = new Set<string>();
      for (let i = 0; i < 100; i++) seen.add(generatePassword());
      expect(seen.size).to.equal(100);
    });

    it('uses most of the alphabet over many calls (it is random, not fixed)', () => {
      const used = new Set<string>();
      for (let i = 0; i < 200; i++) for (const ch of generatePassword().replace(/-/g, '')) used.add(ch);
      expect(used.size).to.be.greaterThan(ALPHABET.length - 5);
    });

    it('is long enough for the password policy and survives hashing', async () => {
      const p = generatePassword();
      expect(p.length).to.be.at.least(10);
      expect(await verifyPassword(p, await hashPassword(p))).to.equal(true);
    });
  });
});
