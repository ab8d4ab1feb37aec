/**
 * Validates UBL 2.1 e-invoices with validators the project does not write (fetched from Maven
 * Central by `npm run tools`, see scripts/ubl-validators.ts): first the syntax against the OASIS
 * UBL 2.1 XSD with `xmllint --schema`, then the CEN EN 16931 and the Peppol BIS Billing 3.0
 * schematron rules, compiled to XSLT, run by Saxon-HE on the machine's Java. A `failed-assert` with
 * `flag="fatal"` in the SVRL output is an error; `warning` ones are reported but allowed.
 * One batch of documents costs two Java runs (Saxon's directory mode), however many documents.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureUblValidators } from '../../scripts/ubl-validators.ts';
import { loadConfig } from '../../src/config.ts';

const run = promisify(execFile);

export interface UblFinding {
  rule: string;
  flag: string;
  text: string;
  location: string;
}

export interface UblResult {
  name: string;
  schemaOk: boolean;
  schemaReport: string;
  errors: UblFinding[];
  warnings: UblFinding[];
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The failed assertions of an SVRL report. */
export function svrlFindings(svrl: string): UblFinding[] {
  const found: UblFinding[] = [];
  const re = /<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g;
  for (const m of svrl.matchAll(re)) {
    const attrs = m[1]!;
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? '';
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2]!)?.[1] ?? '';
    found.push({
      rule: attr('id'),
      flag: attr('flag') || 'fatal',
      text: decode(text.trim()),
      location: decode(attr('location')),
    });
  }
  return found;
}

async function xmllint(xsd: string, files: string[]): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  if (files.length === 0) return failures;
  let output: string;
  try {
    const { stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', xsd, ...files], {
      timeout: 120_000,
      maxBuffer: 20 * 1024 * 1024,
    });
    output = stderr;
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    output = e.stderr ?? '';
  }
  // A document passes only when xmllint says so of it; anything else (a schema that did not compile) fails.
  const lines = output.split('\n');
  for (const file of files) {
    if (lines.includes(`${file} validates`)) continue;
    const own = lines.filter((l) => l.startsWith(file)).join('\n');
    failures.set(file, own || output.slice(0, 4000));
  }
  return failures;
}

async function saxonBatch(classPath: string, xslt: string, inDir: string, outDir: string): Promise<void> {
  await run(
    'java',
    // A short run: the quick compiler only and the simplest collector start fastest (a third of the CPU).
    [
      '-Xss8m',
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-cp',
      classPath,
      'net.sf.saxon.Transform',
      `-s:${inDir}`,
      `-xsl:${xslt}`,
      `-o:${outDir}`,
    ],
    { timeout: 300_000, maxBuffer: 20 * 1024 * 1024 },
  );
}

/**
 * Validates each named document; the result lists, per document, the schema verdict and the rules'
 * fatal errors and warnings.
 */
export async function validateUbl(docs: { name: string; xml: string }[]): Promise<UblResult[]> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const v = await ensureUblValidators({ toolsDir: config.toolsDir, log: console.log });
  const dir = await mkdtemp(path.join(tmpdir(), 'ubl-validate-'));
  try {
    const inDir = path.join(dir, 'in');
    const files = docs.map((d, i) => path.join(inDir, `${String(i).padStart(3, '0')}.xml`));
    await run('mkdir', ['-p', inDir]);
    await Promise.all(docs.map((d, i) => writeFile(files[i]!, d.xml)));
    const isCredit = (xml: string) => /<CreditNote\b/.test(xml);
    const schemaFailures = new Map([
      ...(await xmllint(
        v.invoiceXsd,
        files.filter((_, i) => !isCredit(docs[i]!.xml)),
      )),
      ...(await xmllint(
        v.creditNoteXsd,
        files.filter((_, i) => isCredit(docs[i]!.xml)),
      )),
    ]);
    const outEn = path.join(dir, 'en16931');
    const outPeppol = path.join(dir, 'peppol');
    await run('mkdir', ['-p', outEn, outPeppol]);
    await Promise.all([
      saxonBatch(v.saxonClassPath, v.en16931Xslt, inDir, outEn),
      saxonBatch(v.saxonClassPath, v.peppolXslt, inDir, outPeppol),
    ]);
    const produced = new Set([...(await readdir(outEn)), ...(await readdir(outPeppol))]);
    return await Promise.all(
      docs.map(async (d, i) => {
        const base = path.basename(files[i]!);
        if (!produced.has(base)) throw new Error(`the validators produced no report for ${d.name}`);
        const findings = [
          ...svrlFindings(await readFile(path.join(outEn, base), 'utf8')),
          ...svrlFindings(await readFile(path.join(outPeppol, base), 'utf8')),
        ];
        return {
          name: d.name,
          schemaOk: !schemaFailures.has(files[i]!),
          schemaReport: schemaFailures.get(files[i]!) ?? '',
          errors: findings.filter((f) => f.flag === 'fatal'),
          warnings: findings.filter((f) => f.flag !== 'fatal'),
        };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A readable account of what failed, for an assertion message. */
export function describeUbl(results: UblResult[]): string {
  return results
    .map((r) =>
      [
        `${r.name}: schema ${r.schemaOk ? 'ok' : 'FAILED'}, ${r.errors.length} error(s), ${r.warnings.length} warning(s)`,
        r.schemaReport.trim(),
        ...r.errors.map((e) => `  ERROR ${e.rule}: ${e.text} (${e.location})`),
        ...r.warnings.map((e) => `  warning ${e.rule}: ${e.text}`),
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}
