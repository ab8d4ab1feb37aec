import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.ts';

const SECRET = 'x'.repeat(32);
/** A production key for participants' bank accounts: 32 bytes, base64. */
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('config', () => {
  describe('defaults', () => {
    const config = loadConfig({});

    it('listens on 127.0.0.1:3000 in development', () => {
      expect(config.env).to.equal('development');
      expect(config.host).to.equal('127.0.0.1');
      expect(config.port).to.equal(3000);
      expect(config.publicUrl).to.equal('http://localhost:3000');
      expect(config.secureCookies).to.equal(false);
    });

    it('resolves the data and uploads directories to absolute paths', () => {
      expect(config.uploadsDir).to.equal(path.resolve('uploads'));
      expect(path.isAbsolute(config.uploadsDir)).to.equal(true);
      expect(config.dataDir).to.equal(path.resolve('data'));
      expect(path.isAbsolute(config.toolsDir)).to.equal(true);
    });

    it('has demo data on outside production, a development secret and sensible limits', () => {
      expect(config.demoData).to.equal(true);
      expect(loadConfig({ NODE_ENV: 'test' }).demoData).to.equal(true);
      expect(config.sessionSecret.length).to.be.at.least(32);
      expect(config.uploadMaxBytes).to.equal(10 * 1024 * 1024);
      expect(config.trustProxy).to.equal(0);
      expect(config.loginRateLimit).to.equal(10);
      expect(config.loginAccountLimit).to.equal(5);
      expect(config.loginGlobalLimit).to.equal(100);
      expect(config.mongodbUri).to.equal(undefined);
      expect(config.logLevel).to.equal('info');
    });

    it('is silent in tests unless LOG_LEVEL says otherwise', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).logLevel).to.equal('silent');
      expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).to.equal('debug');
    });
  });

  describe('values from the environment', () => {
    it('reads PORT, HOST and directories', () => {
      const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', UPLOADS_DIR: '/srv/up', DATA_DIR: 'var/db' });
      expect(c.port).to.equal(8080);
      expect(c.host).to.equal('0.0.0.0');
      expect(c.uploadsDir).to.equal('/srv/up');
      expect(c.dataDir).to.equal(path.resolve('var/db'));
      expect(c.publicUrl).to.equal('http://localhost:8080');
    });

    it('turns on secure cookies for an https PUBLIC_URL and drops its trailing slash', () => {
      const c = loadConfig({ PUBLIC_URL: 'https://dirbtuves.example.lt/' });
      expect(c.secureCookies).to.equal(true);
      expect(c.publicUrl).to.equal('https://dirbtuves.example.lt');
      expect(loadConfig({ PUBLIC_URL: 'http://shop.local:8080' }).secureCookies).to.equal(false);
    });

    it('reads DEMO_DATA as a boolean', () => {
      expect(loadConfig({ DEMO_DATA: 'false' }).demoData).to.equal(false);
      expect(loadConfig({ DEMO_DATA: '0' }).demoData).to.equal(false);
      expect(loadConfig({ DEMO_DATA: 'no' }).demoData).to.equal(false);
      expect(
        loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: SECRET,
          PARTICIPANT_DATA_KEY: DATA_KEY,
          DEMO_DATA: 'true',
        }).demoData,
      ).to.equal(true);
      expect(configError({ DEMO_DATA: 'maybe' }).message).to.contain('DEMO_DATA');
    });

    it('reads the sign-in limits per address, per account and in all, refusing what is not a count', () => {
      const c = loadConfig({ LOGIN_RATE_LIMIT: '20', LOGIN_ACCOUNT_LIMIT: '8', LOGIN_GLOBAL_LIMIT: '500' });
      expect([c.loginRateLimit, c.loginAccountLimit, c.loginGlobalLimit]).to.deep.equal([20, 8, 500]);
      expect(configError({ LOGIN_ACCOUNT_LIMIT: '0' }).message).to.contain('LOGIN_ACCOUNT_LIMIT');
      expect(configError({ LOGIN_GLOBAL_LIMIT: 'many' }).message).to.contain('LOGIN_GLOBAL_LIMIT');
    });

    it('accepts mongodb:// and mongodb+srv:// URIs', () => {
      expect(loadConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017/shop' }).mongodbUri).to.equal(
        'mongodb://127.0.0.1:27017/shop',
      );
      expect(loadConfig({ MONGODB_URI: 'mongodb+srv://db.example.com/shop' }).mongodbUri).to.equal(
        'mongodb+srv://db.example.com/shop',
      );
    });

    it('keeps tools under XDG_CACHE_HOME unless TOOLS_DIR is given', () => {
      expect(loadConfig({ XDG_CACHE_HOME: '/var/cache/x' }).toolsDir).to.equal(
        '/var/cache/x/dirbtuves/tools',
      );
      expect(loadConfig({ XDG_CACHE_HOME: '/var/cache/x', TOOLS_DIR: '/opt/tools' }).toolsDir).to.equal(
        '/opt/tools',
      );
    });

    it('caps the database connections per instance at DB_POOL_SIZE (default 20)', () => {
      expect(loadConfig({}).database.poolSize).to.equal(20);
      expect(loadConfig({ DB_POOL_SIZE: '40' }).database.poolSize).to.equal(40);
      for (const bad of ['0', '-5', 'many', '2.5']) {
        expect(configError({ DB_POOL_SIZE: bad }).message).to.contain('DB_POOL_SIZE');
      }
    });

    it('gives database operations DB_TIMEOUT_MS to answer (default 10 s)', () => {
      expect(loadConfig({}).database.timeoutMs).to.equal(10_000);
      expect(loadConfig({ DB_TIMEOUT_MS: '2500' }).database.timeoutMs).to.equal(2500);
      for (const bad of ['0', '50', 'soon', '1.5']) {
        expect(configError({ DB_TIMEOUT_MS: bad }).message).to.contain('DB_TIMEOUT_MS');
      }
    });

    it('converts UPLOAD_MAX_MB to bytes', () => {
      expect(loadConfig({ UPLOAD_MAX_MB: '25' }).uploadMaxBytes).to.equal(25 * 1024 * 1024);
    });

    it('bounds the public form’s attachments per day (200 MB) and keeps old ones 90 days by default', () => {
      const c = loadConfig({});
      expect(c.attachmentsPerDayBytes).to.equal(200 * 1024 * 1024);
      expect(c.attachmentsKeepDays).to.equal(90);
      const set = loadConfig({ ATTACHMENTS_DAY_MB: '0', ATTACHMENTS_KEEP_DAYS: '30' });
      expect(set.attachmentsPerDayBytes).to.equal(0);
      expect(set.attachmentsKeepDays).to.equal(30);
      expect(configError({ ATTACHMENTS_DAY_MB: '-1' }).message).to.contain('ATTACHMENTS_DAY_MB');
      expect(configError({ ATTACHMENTS_KEEP_DAYS: '0' }).message).to.contain('ATTACHMENTS_KEEP_DAYS');
    });
  });

  describe('production', () => {
    it('needs SESSION_SECRET', () => {
      const err = configError({ NODE_ENV: 'production' });
      expect(err.message).to.contain('SESSION_SECRET');
    });

    it('runs with a long enough secret, without demo data, logging at info', () => {
      const c = loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: SECRET,
        PARTICIPANT_DATA_KEY: DATA_KEY,
      });
      expect(c.env).to.equal('production');
      expect(c.sessionSecret).to.equal(SECRET);
      expect(c.demoData).to.equal(false);
      expect(c.logLevel).to.equal('info');
    });
  });

  describe('invalid values', () => {
    it('refuses a non-numeric PORT, naming it', () => {
      expect(configError({ PORT: 'abc' }).message).to.contain('PORT');
    });

    it('refuses an out-of-range or fractional PORT', () => {
      expect(configError({ PORT: '70000' }).message).to.contain('PORT');
      expect(configError({ PORT: '-1' }).message).to.contain('PORT');
      expect(configError({ PORT: '80.5' }).message).to.contain('PORT');
    });

    it('refuses a SESSION_SECRET shorter than 32 characters, in any environment', () => {
      expect(configError({ SESSION_SECRET: 'short' }).message).to.contain('SESSION_SECRET');
      expect(configError({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(31) }).message).to.contain(
        'SESSION_SECRET',
      );
    });

    it('refuses a MONGODB_URI that is not a mongodb:// URI', () => {
      for (const uri of ['postgres://localhost/db', 'localhost:27017', 'http://mongodb://x']) {
        expect(configError({ MONGODB_URI: uri }).message).to.contain('MONGODB_URI');
      }
    });

    it('refuses an unknown NODE_ENV, LOG_LEVEL or a PUBLIC_URL that is not a URL', () => {
      expect(configError({ NODE_ENV: 'staging' }).message).to.contain('NODE_ENV');
      expect(configError({ LOG_LEVEL: 'loud' }).message).to.contain('LOG_LEVEL');
      expect(configError({ PUBLIC_URL: 'not a url' }).message).to.contain('PUBLIC_URL');
    });

    it('says in plain words what is wrong with a bad NODE_ENV, even once the form fields are loaded', async () => {
      // Loading the form helpers must not change how anything else reports its errors.
      await import('../../src/web/form-fields.ts');
      const message = configError({ NODE_ENV: 'staging' }).message;
      expect(message).to.match(/NODE_ENV: .*"development"\|"production"\|"test"/);
      expect(message).to.not.contain('errors.');
    });

    it('lists every invalid variable at once', () => {
      const message = configError({ PORT: 'abc', MONGODB_URI: 'nope', UPLOAD_MAX_MB: '0' }).message;
      expect(message).to.contain('PORT');
      expect(message).to.contain('MONGODB_URI');
      expect(message).to.contain('UPLOAD_MAX_MB');
    });
  });
});
