import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection.ts';
import { randomName } from '../../src/lib/ids.ts';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import type { Role } from '../../src/staff/model.ts';
import { createStaff } from '../../src/staff/service.ts';
import { testDatabaseUri } from './global.ts';

export interface TestApp {
  app: Express;
  config: Config;
  storage: LocalDiskStorage;
  uploadsDir: string;
}

/**
 * Registers before/after hooks giving the calling test file its own fresh database (on the shared
 * server) and its own uploads directory, and an app built on them. Use inside a `describe`.
 */
export function useTestApp(env: Record<string, string> | (() => Record<string, string>) = {}): TestApp {
  const ctx = {} as TestApp;
  before(async () => {
    await connectDatabase(testDatabaseUri(), `test_${randomName(6)}`);
    await ensureIndexes();
    ctx.uploadsDir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-test-uploads-'));
    // A function is called here, after global setup, e.g. for stripe-mock's address.
    ctx.config = loadConfig({
      NODE_ENV: 'test',
      UPLOADS_DIR: ctx.uploadsDir,
      ...(typeof env === 'function' ? env() : env),
    });
    ctx.storage = new LocalDiskStorage(ctx.uploadsDir);
    ctx.app = createApp({
      config: ctx.config,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      storage: ctx.storage,
      mediaDir: ctx.uploadsDir,
    });
  });
  after(async () => {
    if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase();
    await disconnectDatabase();
    if (ctx.uploadsDir) await rm(ctx.uploadsDir, { recursive: true, force: true });
  });
  return ctx;
}

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /_csrf=([^"&]+)/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return decodeURIComponent(m[1]);
}

let userCounter = 0;

/** A staff account made directly through the service, with a known password. */
export async function makeStaff(
  role: Role,
  password = 'correct horse battery',
): Promise<{ email: string; password: string; id: string }> {
  userCounter += 1;
  const email = `${role}${userCounter}-${randomName(3)}@example.test`;
  const { user } = await createStaff({ email, name: `Test ${role} ${userCounter}`, role, password });
  return { email, password, id: String(user._id) };
}

/** A browser-like agent signed in through the real login form. */
export async function signIn(app: Express, creds: { email: string; password: string }): Promise<Agent> {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email: creds.email, password: creds.password })
    .expect(303);
  return agent;
}

export async function signInAs(app: Express, role: Role): Promise<Agent> {
  return signIn(app, await makeStaff(role));
}

/** The CSRF token a signed-in agent uses for its forms (read from any staff page). */
export async function tokenFor(agent: Agent, page = '/admin'): Promise<string> {
  const res = await agent.get(page).expect(200);
  return csrfFrom(res.text);
}
