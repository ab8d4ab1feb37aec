import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.ts';
import { freePort } from '../../src/db/ferretdb.ts';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Run {
  const base = { ...process.env };
  delete base.MONGODB_URI;
  const child = spawn(process.execPath, ['src/server.ts'], {
    env: { ...base, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(run: Run, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!run.output().includes(text)) {
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`server did not print "${text}":\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The README's first command, as a process: start on an empty local database, serve the demo, stop. */
describe('server process', function () {
  this.timeout(120_000);
  let dir: string;

  before(async function () {
    if (loadConfig({ ...process.env, NODE_ENV: 'test' }).mongodbUri) this.skip();
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-server-'));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts the local database, seeds the demo once, serves it and shuts down cleanly', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      DATA_DIR: path.join(dir, 'data'),
      UPLOADS_DIR: path.join(dir, 'uploads'),
    };
    const first = startServer(env);
    await waitFor(first, 'is running on', 90_000);
    expect(first.output()).to.contain('admin@dirbtuves.test');

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).to.equal(200);
    const html = await home.text();
    expect(html).to.contain('<html lang="lt">');
    expect(html).to.match(/\/media\/products\/[a-f0-9]{32}-thumb\.webp/);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).to.equal(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).to.equal(0);

    // The data survives a restart and the demo is not seeded twice.
    const second = startServer(env);
    await waitFor(second, 'is running on', 60_000);
    expect(second.output()).not.to.contain('admin@dirbtuves.test');
    const catalogue = await fetch(`http://127.0.0.1:${port}/catalogue`);
    expect(await catalogue.text()).to.match(/\/products\/[a-z0-9-]+/);
    second.child.kill('SIGINT');
    expect(await second.exited).to.equal(0);
  });

  it('says the database is unreachable and exits non-zero', async () => {
    const closedPort = await freePort();
    const run = startServer({
      PORT: String(await freePort()),
      MONGODB_URI: `mongodb://127.0.0.1:${closedPort}/dirbtuves`,
      UPLOADS_DIR: path.join(dir, 'uploads'),
    });
    const code = await run.exited;
    expect(code).to.equal(1);
    expect(run.output()).to.contain('is not reachable');
  });

  it('refuses an invalid configuration with a message naming the variable', async () => {
    const run = startServer({ PORT: 'not-a-port' });
    expect(await run.exited).to.equal(2);
    expect(run.output()).to.contain('PORT');
  });
});
