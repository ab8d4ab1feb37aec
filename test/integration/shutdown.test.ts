import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.ts';
import { canConnect } from '../../src/db/ferretdb.ts';
import { Browser, formToken, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process ids of a process's children whose command line contains `name`. */
async function childrenNamed(pid: number, name: string): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(pid)]);
  return stdout
    .split('\n')
    .filter((line) => line.includes(name))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The local port of a client request's own connection, once it is connected. */
function localPort(req: http.ClientRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('socket', (socket) => {
      if (socket.localPort) resolve(socket.localPort);
      else socket.once('connect', () => resolve(socket.localPort!));
    });
  });
}

/** A GET on a connection of its own: its local port, and its status once answered. */
function getOnOwnConnection(port: number, url: string) {
  const req = http.request({ host: '127.0.0.1', port, path: url, agent: false });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  const connected = localPort(req);
  req.end();
  return { connected, status };
}

/**
 * Waits until the server process has read every byte that the given client ports sent it: the
 * kernel's receive queue of each of those connections on the server's side is empty. Node parses what
 * it reads at once, so each request is then in flight in the server however loaded the machine is (a
 * request still in the kernel's queue when the signal comes would be an idle connection to Node).
 */
async function serverHasRead(port: number, clientPorts: number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { stdout } = await run('ss', ['-Htn', 'state', 'established', 'sport', '=', `:${port}`]);
    const queues = new Map(
      stdout
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => {
          const [recvQ, , , peer] = line.trim().split(/\s+/);
          return [Number(peer!.split(':').pop()), Number(recvQ)] as const;
        }),
    );
    // A connection no longer listed was answered and closed: the server read all of it.
    if (clientPorts.every((p) => (queues.get(p) ?? 0) === 0)) return;
    expect(Date.now(), 'the server reads the requests').to.be.below(deadline);
    await sleep(20);
  }
}

/**
 * A POST whose body arrives in two parts: the request is in the server (headers read, body awaited)
 * from the first part on, and cannot finish before the second part is sent.
 */
function slowPost(port: number, url: string, cookie: string, body: string) {
  const half = Math.floor(body.length / 2);
  let response: Promise<{ status: number; text: string }>;
  const req = http.request({
    host: '127.0.0.1',
    port,
    path: url,
    method: 'POST',
    headers: {
      cookie,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
    },
  });
  const sent = new Promise<void>((resolve, reject) => {
    response = new Promise((done, fail) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', fail);
    });
    req.on('error', reject);
    req.write(body.slice(0, half), () => resolve());
  });
  return {
    sent,
    connected: localPort(req),
    finish: () => {
      req.end(body.slice(half));
      return response;
    },
  };
}

/** SIGTERM lets requests in flight finish, refuses new connections and exits 0, stopping FerretDB. */
describe('graceful shutdown of the server process', function () {
  this.timeout(90_000);
  let dir: string;
  let server: ServerProcess | undefined;

  before(async function () {
    // The server must start its own FerretDB, which it cannot when a MONGODB_URI is configured.
    if (loadConfig({ ...process.env, NODE_ENV: 'test' }).mongodbUri) this.skip();
    dir = await mkdtemp(path.join(tmpdir(), 'dirbtuves-shutdown-'));
  });

  after(async () => {
    await server?.stop('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finishes the requests in flight with 200, refuses new ones and exits 0 with FerretDB stopped', async () => {
    server = await startServerProcess({
      NODE_ENV: 'test',
      DATA_DIR: path.join(dir, 'data'),
      UPLOADS_DIR: path.join(dir, 'uploads'),
      DEMO_DATA: 'false',
      JOBS: 'false',
      LOG_LEVEL: 'silent',
    });
    const [ferret] = await childrenNamed(server.child.pid!, 'ferretdb');
    expect(ferret, 'the FerretDB the server started').to.be.a('number');

    // A shopper's find-my-order form: it needs the database once its body has arrived.
    const browser = new Browser(server.url);
    const page = await browser.get('/orders/find');
    const body = new URLSearchParams({
      _csrf: formToken(page.text),
      number: '2026-00001',
      email: 'pirkejas@example.lt',
    }).toString();
    const slow = slowPost(server.port, '/orders/find', browser.cookieHeader(), body);
    await slow.sent;
    // Catalogue pages asked for at the same moment as the signal.
    const pages = Array.from({ length: 8 }, () => getOnOwnConnection(server!.port, '/catalogue'));
    await serverHasRead(server.port, await Promise.all([slow.connected, ...pages.map((p) => p.connected)]));

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const refusedBy = Date.now() + 5_000;
    while (await canConnect(server.port)) {
      expect(Date.now(), 'new connections refused after SIGTERM').to.be.below(refusedBy);
      await sleep(20);
    }
    expect(server.child.exitCode, 'still running while a request is in flight').to.equal(null);

    await sleep(500);
    const answer = await slow.finish();
    expect(answer.status).to.equal(200);
    expect(answer.text).to.contain('<html');
    for (const status of await Promise.all(pages.map((p) => p.status))) expect(status).to.equal(200);

    const code = await server.exited;
    expect(code).to.equal(0);
    expect(Date.now() - signalled, 'exit within the shutdown timeout').to.be.below(15_000);
    const deadline = Date.now() + 2_000;
    while (isRunning(ferret!) && Date.now() < deadline) await sleep(50);
    expect(isRunning(ferret!), 'FerretDB stopped').to.equal(false);
  });
});
