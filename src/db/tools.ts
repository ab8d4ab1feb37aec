import { execFile } from 'node:child_process';
import { access, chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

export class ToolError extends Error {}

type Log = (msg: string) => void;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, 0o1);
    return true;
  } catch {
    return false;
  }
}

async function versionOf(bin: string): Promise<string | null> {
  try {
    const { stdout } = await run(bin, ['--version'], { timeout: 10_000 });
    return /version:\s*(v\S+)/.exec(stdout)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Finds the FerretDB binary: an explicit path, then `ferretdb` on PATH (if it is v1.24.x),
 * then a copy in the tools cache, building that copy with Go when it is missing.
 */
export async function ensureFerretDb(opts: {
  explicitBin?: string;
  toolsDir: string;
  log: Log;
}): Promise<string> {
  if (opts.explicitBin) {
    if (!(await isExecutable(opts.explicitBin))) {
      throw new ToolError(`FERRETDB_BIN points to ${opts.explicitBin}, which is not an executable file.`);
    }
    return opts.explicitBin;
  }
  const onPath = await versionOf('ferretdb');
  if (onPath?.startsWith('v1.24.')) return 'ferretdb';

  const cached = path.join(opts.toolsDir, 'bin', `ferretdb-${FERRETDB_VERSION}`);
  if (await isExecutable(cached)) return cached;

  opts.log(`Building FerretDB ${FERRETDB_VERSION} with Go into ${cached} (first run only, about a minute)…`);
  await buildFerretDb(cached);
  opts.log('FerretDB built.');
  return cached;
}

/**
 * The module proxy does not serve FerretDB's version list, which `go install mod@version` asks for,
 * and the module zip lacks build/version/version.txt, without which the binary refuses to start.
 * So: download the exact version, copy its source, write the version file, build from the copy.
 */
async function buildFerretDb(target: string): Promise<void> {
  const goEnv = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  try {
    await run('go', ['version'], { env: goEnv });
  } catch {
    throw new ToolError(
      'FerretDB is not installed and Go (1.24 or newer) is not available to build it.\n' +
        'Do one of: install Go and start again; set FERRETDB_BIN to a FerretDB v1.24 binary; ' +
        'or set MONGODB_URI to a MongoDB-compatible server.',
    );
  }
  const work = await mkdtemp(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    const { stdout } = await run(
      'go',
      ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
      {
        env: goEnv,
        cwd: work,
        timeout: 600_000,
      },
    );
    const dir = (JSON.parse(stdout) as { Dir?: string; Error?: string }).Dir;
    if (!dir) throw new ToolError(`go mod download gave no source directory: ${stdout}`);
    const src = path.join(work, 'src');
    await cp(dir, src, { recursive: true });
    await chmod(path.join(src, 'build', 'version'), 0o755);
    await writeFile(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    await run('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], {
      env: goEnv,
      cwd: src,
      timeout: 1_200_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(partial, target);
  } catch (err) {
    if (err instanceof ToolError) throw err;
    const e = err as { stderr?: string; message: string };
    throw new ToolError(`Building FerretDB ${FERRETDB_VERSION} failed:\n${e.stderr || e.message}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
