import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';

export interface LocalFerretDb {
  uri: string;
  /** The server's process id (tests freeze it to simulate a stalled database). */
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts TCP connections on a loopback port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts FerretDB (SQLite backend) on a free loopback port with its files in `dataDir`. */
export async function startFerretDb(opts: { bin: string; dataDir: string }): Promise<LocalFerretDb> {
  await mkdir(opts.dataDir, { recursive: true });
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [port, debugPort] = [await freePort(), await freePort()];
    const child = spawn(
      opts.bin,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${opts.dataDir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        `--debug-addr=127.0.0.1:${debugPort}`,
        `--state-dir=${opts.dataDir}`,
        '--telemetry=disable',
        '--log-level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);

    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await canConnect(port)) {
        return {
          uri: `mongodb://127.0.0.1:${port}/`,
          pid: child.pid!,
          async stop() {
            process.removeListener('exit', killOnExit);
            child.kill('SIGTERM');
            if (!(await waitForExit(child, 10_000))) child.kill('SIGKILL');
          },
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    lastError = new Error(`FerretDB did not start on port ${port}:\n${stderr.trim() || '(no output)'}`);
  }
  throw lastError ?? new Error('FerretDB did not start');
}
