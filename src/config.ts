import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Limits of the app's database connection, per instance (README, Configuration). */
export const DATABASE_DEFAULTS = { poolSize: 20, timeoutMs: 10_000 };

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().max(65535))
    .default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(DATABASE_DEFAULTS.poolSize),
  DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DATABASE_DEFAULTS.timeoutMs),
  FERRETDB_BIN: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  TOOLS_DIR: z.string().min(1).optional(),
  XDG_CACHE_HOME: z.string().min(1).optional(),
  UPLOADS_DIR: z.string().min(1).default('uploads'),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  ATTACHMENTS_DAY_MB: z.coerce.number().int().min(0).max(100_000).default(200),
  ATTACHMENTS_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DEMO_DATA: bool.optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_GLOBAL_LIMIT: z.coerce.number().int().min(1).max(100000).default(100),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must be a Stripe webhook secret (whsec_…)')
    .optional(),
  STRIPE_API_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  JOBS: bool.optional(),
  LOCKERS_OMNIVA_URL: z.url().optional(),
  LOCKERS_UNISEND_URL: z.url().optional(),
  LOCKERS_DPD_URL: z.url().optional(),
  CATALOGUE_FOLLOW_MS: z.coerce.number().int().min(20).max(10_000).default(200),
  PARTICIPANT_DATA_KEY: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9+/=]+\s*(,\s*[A-Za-z0-9+/=]+\s*)*$/,
      'must be 32-byte keys in base64 or hex, separated by commas',
    )
    .optional(),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: string;
  mongodbUri: string | undefined;
  /**
   * Connections to the database this instance opens at most (instances × pool < the server's pool),
   * and how long one database operation may wait before the page says to try again shortly.
   */
  database: { poolSize: number; timeoutMs: number };
  ferretdbBin: string | undefined;
  dataDir: string;
  toolsDir: string;
  uploadsDir: string;
  uploadMaxBytes: number;
  /** All attachments of the public request form together per Vilnius day. */
  attachmentsPerDayBytes: number;
  /** Days after which a cancelled or declined request's attachments are deleted. */
  attachmentsKeepDays: number;
  sessionSecret: string;
  trustProxy: number;
  demoData: boolean;
  /** Failed sign-ins per 15 minutes: per address, per account (and per known browser), in all. */
  loginRateLimit: number;
  loginAccountLimit: number;
  loginGlobalLimit: number;
  /** Card payments are on only when both Stripe secrets are set. */
  stripe: { secretKey: string; webhookSecret: string; apiUrl: URL | undefined } | null;
  /** SMTP when configured; otherwise mail goes to the outbox in the database (development, tests). */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
  /** Whether this process runs the scheduled jobs (each job also holds a lease in the database). */
  jobs: boolean;
  /** How often this instance reads the public catalogue's change log (src/catalog/memory/). */
  catalogueFollowMs: number;
  /** Where each parcel locker network's terminal list is fetched from daily; none configured: no job. */
  lockerSources: { network: 'omniva' | 'lp_express' | 'dpd'; url: string }[];
  /**
   * AES-256 keys for participants' bank accounts and notes: the first encrypts, all decrypt (rotation).
   * Each id is derived from its key and stored with every ciphertext.
   */
  participantDataKeys: { id: string; key: Buffer }[];
}

export class ConfigError extends Error {}

const DEV_SECRET = 'development-only-secret-never-use-in-production';
// Development and tests only: a fixed, public key so local data stays readable across restarts.
// Production refuses to start without PARTICIPANT_DATA_KEY.
const DEV_PARTICIPANT_DATA_KEY = Buffer.alloc(32, 'dirbtuves-development-only-key').toString('base64');

/** 32 raw bytes from 64 hex digits or base64 (44 characters), else null. */
function dataKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

function participantDataKeys(value: string | undefined, production: boolean): Config['participantDataKeys'] {
  if (value === undefined && production) {
    throw new ConfigError(
      'Invalid configuration:\n  PARTICIPANT_DATA_KEY: required in production (32 bytes, e.g. `openssl rand -base64 32`)',
    );
  }
  return (value ?? DEV_PARTICIPANT_DATA_KEY).split(',').map((part) => {
    const key = dataKey(part.trim());
    if (!key) {
      throw new ConfigError(
        'Invalid configuration:\n  PARTICIPANT_DATA_KEY: each key must be 32 bytes in base64 or 64 hex digits',
      );
    }
    return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
  });
}

/** Adds the variables of `./.env` (when there is one) to the environment; set variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The only reader of the environment: validates it once and returns a typed config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SESSION_SECRET: required in production (32+ characters)',
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const cacheHome = e.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    mongodbUri: e.MONGODB_URI,
    database: { poolSize: e.DB_POOL_SIZE, timeoutMs: e.DB_TIMEOUT_MS },
    ferretdbBin: e.FERRETDB_BIN,
    dataDir: path.resolve(e.DATA_DIR),
    toolsDir: path.resolve(e.TOOLS_DIR ?? path.join(cacheHome, 'dirbtuves', 'tools')),
    uploadsDir: path.resolve(e.UPLOADS_DIR),
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    attachmentsPerDayBytes: e.ATTACHMENTS_DAY_MB * 1024 * 1024,
    attachmentsKeepDays: e.ATTACHMENTS_KEEP_DAYS,
    sessionSecret: e.SESSION_SECRET ?? DEV_SECRET,
    trustProxy: e.TRUST_PROXY,
    demoData: e.DEMO_DATA ?? e.NODE_ENV !== 'production',
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginAccountLimit: e.LOGIN_ACCOUNT_LIMIT,
    loginGlobalLimit: e.LOGIN_GLOBAL_LIMIT,
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            apiUrl: e.STRIPE_API_URL ? new URL(e.STRIPE_API_URL) : undefined,
          }
        : null,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobs: e.JOBS ?? e.NODE_ENV !== 'test',
    catalogueFollowMs: e.CATALOGUE_FOLLOW_MS,
    lockerSources: (
      [
        ['omniva', e.LOCKERS_OMNIVA_URL],
        ['lp_express', e.LOCKERS_UNISEND_URL],
        ['dpd', e.LOCKERS_DPD_URL],
      ] as const
    ).flatMap(([network, url]) => (url ? [{ network, url }] : [])),
    participantDataKeys: participantDataKeys(e.PARTICIPANT_DATA_KEY, e.NODE_ENV === 'production'),
  };
}

/** For entry points (server, scripts): `.env` plus the environment, or null after printing what is wrong. */
export function configForEntryPoint(): Config | null {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return null;
  }
}
