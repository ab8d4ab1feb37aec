import { execFile } from 'node:child_process';
import { access, chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

export const STRIPE_MOCK_MODULE = 'github.com/stripe/stripe-mock';
/** The one place stripe-mock is pinned (v0.194.0 is not served by the module proxy here; v0.203.0 is). */
export const STRIPE_MOCK_VERSION = 'v0.203.0';

export class ToolError extends Error {}

type Log = (msg: string) => void;

interface ToolOptions {
  explicitBin?: string;
  toolsDir: string;
  log: Log;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, 0o1);
    return true;
  } catch {
    return false;
  }
}

/** The version a binary reports with `flag`, read by `pattern` (null when it cannot tell). */
async function reportedVersion(bin: string, flag: string, pattern: RegExp): Promise<string | null> {
  try {
    const { stdout } = await run(bin, [flag], { timeout: 10_000 });
    return pattern.exec(stdout)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * How every Go-built tool is found: an explicit path, then the command on PATH when it reports an
 * acceptable version, then a copy in the tools cache, building that copy with Go when it is missing.
 */
async function ensureTool(
  tool: {
    label: string;
    command: string;
    version: string;
    explicitBinName: string;
    pathVersionOk: () => Promise<boolean>;
    build: (target: string) => Promise<void>;
    buildNote: string;
  },
  opts: ToolOptions,
): Promise<string> {
  if (opts.explicitBin) {
    if (!(await isExecutable(opts.explicitBin))) {
      throw new ToolError(`${tool.explicitBinName} ${opts.explicitBin} is not an executable file.`);
    }
    return opts.explicitBin;
  }
  if (await tool.pathVersionOk()) return tool.command;

  const cached = path.join(opts.toolsDir, 'bin', `${tool.command}-${tool.version}`);
  if (await isExecutable(cached)) return cached;

  opts.log(`Building ${tool.label} ${tool.version} with Go into ${cached} (${tool.buildNote})…`);
  await tool.build(cached);
  opts.log(`${tool.label} built.`);
  return cached;
}

/** Go must be there to build a tool; `missing` says what to do when it is not. */
async function requireGo(env: NodeJS.ProcessEnv, missing: string): Promise<void> {
  try {
    await run('go', ['version'], { env });
  } catch {
    throw new ToolError(missing);
  }
}

export function ensureFerretDb(opts: ToolOptions): Promise<string> {
  return ensureTool(
    {
      label: 'FerretDB',
      command: 'ferretdb',
      version: FERRETDB_VERSION,
      explicitBinName: 'FERRETDB_BIN points to',
      pathVersionOk: async () =>
        (await reportedVersion('ferretdb', '--version', /version:\s*(v\S+)/))?.startsWith('v1.24.') ?? false,
      build: buildFerretDb,
      buildNote: 'first run only, about a minute',
    },
    opts,
  );
}

/**
 * The module proxy does not serve FerretDB's version list, which `go install mod@version` asks for,
 * and the module zip lacks build/version/version.txt, without which the binary refuses to start.
 * So: download the exact version, copy its source, write the version file, build from the copy.
 */
async function buildFerretDb(target: string): Promise<void> {
  const goEnv = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  await requireGo(
    goEnv,
    'FerretDB is not installed and Go (1.24 or newer) is not available to build it.\n' +
      'Do one of: install Go and start again; set FERRETDB_BIN to a FerretDB v1.24 binary; ' +
      'or set MONGODB_URI to a MongoDB-compatible server.',
  );
  const work = await mkdtemp(path.join(tmpdir(), 'ferretdb-src-'));
  try {
    const { stdout } = await run(
      'go',
      ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
      { env: goEnv, cwd: work, timeout: 600_000 },
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

/**
 * What `stripe-mock -version` prints: `stripe-mock 0.203.0` for release binaries (GoReleaser sets the
 * version), but `stripe-mock master` for anything built from source, including `go install`; those
 * cannot tell their version, so they never count as the pinned one.
 */
export function ensureStripeMock(opts: ToolOptions): Promise<string> {
  return ensureTool(
    {
      label: 'stripe-mock',
      command: 'stripe-mock',
      version: STRIPE_MOCK_VERSION,
      explicitBinName: 'The stripe-mock binary',
      pathVersionOk: async () =>
        `v${await reportedVersion('stripe-mock', '-version', /^stripe-mock v?(\d+\.\d+\.\d+)\s*$/m)}` ===
        STRIPE_MOCK_VERSION,
      build: buildStripeMock,
      buildNote: 'first run only',
    },
    opts,
  );
}

/** `go install` into a fresh directory next to the target, then an atomic rename into place. */
async function buildStripeMock(target: string): Promise<void> {
  const goEnv = { ...process.env, CGO_ENABLED: '0' };
  await requireGo(
    goEnv,
    'stripe-mock (needed by the tests) is not installed and Go (1.22 or newer) is not available to build it.\n' +
      `Install Go and start again, or put stripe-mock ${STRIPE_MOCK_VERSION} on PATH.`,
  );
  const binDir = path.dirname(target);
  await mkdir(binDir, { recursive: true });
  // Same directory as the target, so the rename stays on one file system and is atomic.
  const work = await mkdtemp(path.join(binDir, '.stripe-mock-build-'));
  try {
    await run('go', ['install', `${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION}`], {
      env: { ...goEnv, GOBIN: work },
      cwd: work,
      timeout: 1_200_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(path.join(work, 'stripe-mock'), target);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new ToolError(`Building stripe-mock ${STRIPE_MOCK_VERSION} failed:\n${e.stderr || e.message}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
