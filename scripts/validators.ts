/**
 * Independent validators for the files the app makes for other systems, fetched from a package
 * registry into the tools cache (never written by hand). So far: the official ISO 20022
 * pain.001.001.03 XSD that the SEPA payment file is checked against, as shipped in the PyPI package
 * `sepaxml` 2.7.0 (`sepaxml/schemas/pain.001.001.03.xsd`). `npm run tools` fetches it; the tests
 * call `ensureSepaXsd` too, which only reads the cache when it is there.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const SEPAXML_VERSION = '2.7.0';
const SEPAXML_WHEEL = `sepaxml-${SEPAXML_VERSION}-py3-none-any.whl`;
/** The wheel's digest as published on PyPI; the index must say the same and the bytes must match. */
const SEPAXML_WHEEL_SHA256 = '6644f695c66c2bf8f49065d4d7b0814da42140d03292131ec08e09798ad07b5d';
const SCHEMA_IN_WHEEL = 'sepaxml/schemas/pain.001.001.03.xsd';
/** PyPI's simple index in its JSON form (PEP 691): file names, URLs and sha256 digests. */
const INDEX_URL = 'https://pypi.org/simple/sepaxml/';

export class ValidatorFetchError extends Error {}

type Log = (msg: string) => void;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

interface IndexFile {
  filename: string;
  url: string;
  hashes: { sha256?: string };
}

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new ValidatorFetchError(`Could not reach ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ValidatorFetchError(`${url} answered ${res.status}.`);
  return res;
}

/**
 * One file out of a zip archive (a wheel is one): the central directory names it and gives its
 * offset; the local header before the data says how long its own name and extra field are.
 */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new ValidatorFetchError('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new ValidatorFetchError('broken zip directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new ValidatorFetchError(`${name}: zip method ${method} is not supported`);
    }
    at += 46 + nameLen + extraLen + commentLen;
  }
  throw new ValidatorFetchError(`${name} is not in the archive`);
}

/** The names of the files in a zip archive, from its central directory. */
export function listZip(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new ValidatorFetchError('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new ValidatorFetchError('broken zip directory');
    const nameLen = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLen).toString('utf8'));
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** The path of the cached pain.001.001.03 XSD, fetched from PyPI when it is not there yet. */
export async function ensureSepaXsd(opts: { toolsDir: string; log: Log }): Promise<string> {
  const dir = path.join(opts.toolsDir, `sepaxml-${SEPAXML_VERSION}`);
  const target = path.join(dir, 'pain.001.001.03.xsd');
  if (await exists(target)) return target;

  opts.log(`Fetching the pain.001.001.03 XSD from PyPI (sepaxml ${SEPAXML_VERSION}) into ${dir}…`);
  const index = (await (
    await fetchOk(INDEX_URL, { headers: { Accept: 'application/vnd.pypi.simple.v1+json' } })
  ).json()) as { files?: IndexFile[] };
  const file = index.files?.find((f) => f.filename === SEPAXML_WHEEL);
  if (!file) throw new ValidatorFetchError(`PyPI does not list ${SEPAXML_WHEEL}.`);
  if (file.hashes.sha256 !== SEPAXML_WHEEL_SHA256)
    throw new ValidatorFetchError(`PyPI gives ${SEPAXML_WHEEL} another sha256 than the pinned one.`);
  const wheel = Buffer.from(await (await fetchOk(file.url)).arrayBuffer());
  const digest = createHash('sha256').update(wheel).digest('hex');
  if (digest !== SEPAXML_WHEEL_SHA256)
    throw new ValidatorFetchError(`${SEPAXML_WHEEL} downloaded with sha256 ${digest}: refused.`);
  const xsd = unzipEntry(wheel, SCHEMA_IN_WHEEL);
  await mkdir(dir, { recursive: true });
  const partial = `${target}.${process.pid}.part`;
  await writeFile(partial, xsd);
  await rename(partial, target);
  opts.log('pain.001.001.03 XSD ready.');
  return target;
}
