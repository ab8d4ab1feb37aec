import { execFile } from 'node:child_process';
import { loadConfig } from '../../src/config.ts';
import { ensureSepaXsd } from '../../scripts/validators.ts';

/** The official pain.001.001.03 XSD from the tools cache (fetched from PyPI when missing). */
export function sepaXsd(): Promise<string> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  return ensureSepaXsd({ toolsDir: config.toolsDir, log: console.log });
}

/**
 * Checks `xml` against `xsd` with libxml2's `xmllint --schema` (Debian: libxml2-utils), an
 * independent validator; `ok` only when it exits 0, `report` is what it printed.
 */
export function xmllint(xml: string, xsd: string): Promise<{ ok: boolean; report: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'xmllint',
      ['--noout', '--nonet', '--schema', xsd, '-'],
      { timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ ok: !err, report: `${stdout}${stderr}`.trim() });
      },
    );
    child.stdin!.end(xml);
  });
}
