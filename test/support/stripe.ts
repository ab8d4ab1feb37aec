import { spawn, type ChildProcess } from 'node:child_process';
import Stripe from 'stripe';
import { canConnect } from '../../src/db/ferretdb.ts';
import { ensureStripeMock } from '../../src/db/tools.ts';

/** The Stripe settings every test uses; the values only have to pass the app's config checks. */
export const TEST_STRIPE_SECRET_KEY = 'sk_test_123';
export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_test_secret';

let child: ChildProcess | undefined;
let url: string | undefined;

/**
 * Base URL of the stripe-mock server started for this test run, e.g. `http://127.0.0.1:41234`.
 * Like everything below, call it from a hook or test, not while a test file loads: mocha loads the
 * test files first and runs mochaGlobalSetup (which starts stripe-mock) afterwards.
 */
export function stripeMockUrl(): string {
  if (!url) {
    throw new Error(
      'stripe-mock is not running: call this from a hook or test (mochaGlobalSetup runs after test files load)',
    );
  }
  return url;
}

/** Environment variables that turn card payments on in `loadConfig`, pointed at stripe-mock. */
export function testStripeEnv(): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: TEST_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: stripeMockUrl(),
  };
}

/** A real Stripe SDK client talking to stripe-mock (plain HTTP, no retries). */
export function stripeClient(): Stripe {
  const u = new URL(stripeMockUrl());
  return new Stripe(TEST_STRIPE_SECRET_KEY, {
    host: u.hostname,
    port: Number(u.port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
}

/**
 * A webhook body with a valid `Stripe-Signature` header for it (signed now with the test webhook
 * secret), made by the SDK itself; post `body` as-is with the header `Stripe-Signature: signature`.
 */
export function signedWebhook(payload: object): { body: string; signature: string } {
  const body = JSON.stringify(payload);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: TEST_STRIPE_WEBHOOK_SECRET,
  });
  return { body, signature };
}

/**
 * Starts stripe-mock for the whole run (called from mochaGlobalSetup). It listens on loopback only:
 * HTTP on a port the system picks (`:0`), read back from its output, so parallel runs never race for
 * a port. HTTPS cannot be switched off together with `-http-addr`, so it gets a system-picked
 * loopback port too and is never used.
 */
export async function startStripeMock(opts: { toolsDir: string; log: (msg: string) => void }): Promise<void> {
  const bin = await ensureStripeMock({ toolsDir: opts.toolsDir, log: opts.log });
  const proc = spawn(bin, ['-http-addr', '127.0.0.1:0', '-https-addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  process.once('exit', killOnExit);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start within 30 s'), 30_000);
    function fail(why: string) {
      clearTimeout(timer);
      reject(new Error(`stripe-mock (${bin}) ${why}:\n${output.trim() || '(no output)'}`));
    }
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const m = /Listening for HTTP at address: 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('error', (err) => fail(`could not be started (${err.message})`));
    proc.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
  }).catch(async (err: unknown) => {
    await stopStripeMock();
    throw err;
  });
  // Keep draining its output so a chatty mock never blocks on a full pipe.
  proc.stdout?.resume();
  proc.stderr?.resume();

  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      await stopStripeMock();
      throw new Error(`stripe-mock does not accept connections on port ${port}:\n${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  url = `http://127.0.0.1:${port}`;
}

function killOnExit() {
  child?.kill('SIGKILL');
}

export async function stopStripeMock(): Promise<void> {
  const proc = child;
  child = undefined;
  url = undefined;
  process.removeListener('exit', killOnExit);
  // No pid: it never started (spawn error), so there is nothing to stop.
  if (!proc || proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
