import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Lists the direct dependencies that are behind their latest patch or minor release (the releases
 * that carry security fixes without breaking changes), and notes newer major releases. `npm audit`
 * needs an advisory service that is not always reachable; the registry's version lists are. A report,
 * never a failure: the exit code is 0 unless the script itself is misused.
 */
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Version = [number, number, number];

function parse(v: string): Version | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The newest stable release of the same major as `current`, and the newest stable release overall. */
export function newerReleases(current: string, published: string[]): { sameMajor?: string; latest?: string } {
  const now = parse(current);
  if (!now) return {};
  const stable = published.map((v) => [v, parse(v)] as const).filter((e): e is [string, Version] => !!e[1]);
  let sameMajor: [string, Version] | undefined;
  let latest: [string, Version] | undefined;
  for (const entry of stable) {
    if (compare(entry[1], now) <= 0) continue;
    if (entry[1][0] === now[0] && (!sameMajor || compare(entry[1], sameMajor[1]) > 0)) sameMajor = entry;
    if (entry[1][0] > now[0] && (!latest || compare(entry[1], latest[1]) > 0)) latest = entry;
  }
  return { sameMajor: sameMajor?.[0], latest: latest?.[0] };
}

async function publishedVersions(name: string): Promise<string[]> {
  const { stdout } = await run('npm', ['view', name, 'versions', '--json'], {
    cwd: ROOT,
    maxBuffer: 32 * 1024 * 1024,
  });
  const parsed: unknown = JSON.parse(stdout);
  return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
}

async function main(): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const direct = [
    ...Object.entries(pkg.dependencies ?? {}).map(([name, v]) => ({ name, v, dev: false })),
    ...Object.entries(pkg.devDependencies ?? {}).map(([name, v]) => ({ name, v, dev: true })),
  ];
  const behind: string[] = [];
  const majors: string[] = [];
  const unknown: string[] = [];
  await Promise.all(
    direct.map(async ({ name, v, dev }) => {
      const kind = dev ? 'dev' : 'runtime';
      try {
        const { sameMajor, latest } = newerReleases(v, await publishedVersions(name));
        if (sameMajor) behind.push(`  ${name} ${v} → ${sameMajor} (${kind})`);
        if (latest) majors.push(`  ${name} ${v} → ${latest} (${kind}, new major: read its changes first)`);
      } catch (err) {
        unknown.push(`  ${name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }),
  );
  const sorted = (list: string[]) => list.sort((a, b) => a.localeCompare(b));
  console.log(`Direct dependencies: ${direct.length}`);
  console.log(
    behind.length
      ? `Behind their latest patch or minor release (${behind.length}):\n${sorted(behind).join('\n')}`
      : 'None is behind its latest patch or minor release.',
  );
  if (majors.length) console.log(`Newer major releases (${majors.length}):\n${sorted(majors).join('\n')}`);
  if (unknown.length) console.log(`Could not be checked (${unknown.length}):\n${sorted(unknown).join('\n')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
